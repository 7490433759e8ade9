// Assist frames benchmark: the browser benchmark's pathological article (bench_browser.mjs: the
// same words and pseudo-random generator, so the same 2 MB text and 20,000 spans) opened in the
// real App at 1280x800 with Assist on, headless (tests/ui/harness). Times every frame
// (ImGui::NewFrame, App::frame, ImGui::Render) while Assist searches the article, then while
// accepting suggestions with Tab + Enter, labelling a selection, undoing, and scrolling; prints
// p50 / p95 / max of each. Not a test: numbers go into docs/PERFORMANCE.md.
// Run: build/native/bench_assist_frames [repetitions]
#include "harness.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// bench_browser.mjs's article(): JavaScript numbers are doubles, so the generator's product is
// rounded as a double before the remainder, exactly as here.
struct Article {
    std::string jsonl;
    std::size_t bytes = 0, code_points = 0, spans = 0;
};

Article make_article(std::size_t bytes, std::size_t span_count) {
    const char* words[] = {"the",    "Secretary", "said",   "on",     "Wednesday",  "that",
                           "talks",  "between",   "Israel", "and",    "Egypt",      "were",
                           "“very",  "active,”",  "José",   "Müller", "blinkenbut", "civiliansFree",
                           "27,478", "U.S.",      "—",      "Gaza",   "Refa"};
    double seed = 12345;
    auto random = [&seed](double n) {
        double product = seed * 1103515245.0; // rounded to a double, as in JavaScript
        seed = std::fmod(product + 12345.0, 2147483648.0);
        return static_cast<std::size_t>(std::fmod(seed, n));
    };
    std::string text;
    std::size_t size = 0, in_paragraph = 0;
    while (size < bytes) {
        const char* w = words[random(static_cast<double>(std::size(words)))];
        text += w;
        size += std::char_traits<char>::length(w) + 1;
        if (++in_paragraph > 40 + random(120)) {
            text += ".\n\n";
            in_paragraph = 0;
        } else {
            text += ' ';
        }
    }
    std::size_t length = 0;
    for (unsigned char c : text)
        length += (c & 0xC0) != 0x80;
    const char* labels[] = {"PERSON", "ORG", "GPE", "QUOTE", "ERROR"};
    Article out;
    out.bytes = text.size();
    out.code_points = length;
    out.spans = span_count;
    out.jsonl = "{\"id\":\"big\",\"text\":\"";
    for (char c : text)
        if (c == '\n')
            out.jsonl += "\\n";
        else
            out.jsonl += c;
    out.jsonl += "\",\"spans\":[";
    for (std::size_t i = 0; i < span_count; ++i) {
        std::size_t start = random(static_cast<double>(length - 100));
        std::size_t end = start + 3 + random(40);
        if (i) out.jsonl += ',';
        out.jsonl += "{\"start\":" + std::to_string(start) + ",\"end\":" + std::to_string(end) +
                     ",\"label\":\"" + labels[i % 5] + "\"}";
    }
    out.jsonl += "]}\n";
    return out;
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(values.size()));
    return values[std::min(values.size() - 1, i)];
}

// Frame times of one phase, in milliseconds.
struct Phase {
    const char* name;
    std::vector<double> frames;
    void report() const {
        if (frames.empty()) return;
        double total = 0;
        for (double f : frames)
            total += f;
        std::printf("%-34s %5zu frames  p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms  total %8.1f ms\n",
                    name, frames.size(), percentile(frames, 50), percentile(frames, 95),
                    *std::max_element(frames.begin(), frames.end()), total);
    }
};

class Bench {
public:
    gloss::test::Harness h;
    Phase* phase = nullptr;

    // One frame, timed into the current phase.
    void frame() {
        auto t0 = Clock::now();
        h.frame();
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (phase) phase->frames.push_back(ms);
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i)
            frame();
    }
    void key(ImGuiKey key, bool down) {
        ImGuiIO& io = ImGui::GetIO();
        if (key == ImGuiKey_LeftCtrl) io.AddKeyEvent(ImGuiMod_Ctrl, down);
        io.AddKeyEvent(key, down);
    }
    // A key press as in the harness (down, frame, up, frame), with an optional modifier.
    void press(ImGuiKey k, ImGuiKey modifier = ImGuiKey_None) {
        if (modifier != ImGuiKey_None) {
            key(modifier, true);
            frame();
        }
        key(k, true);
        frame();
        key(k, false);
        frame();
        if (modifier != ImGuiKey_None) {
            key(modifier, false);
            frame();
        }
    }
    // Frames until Assist is idle (at most `limit`).
    int until_idle(int limit = 100000) {
        int n = 0;
        while (h.app.session().assist().busy() && n < limit) {
            frame();
            ++n;
        }
        return n;
    }
};

} // namespace

int main(int argc, char** argv) {
    int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    Article article = make_article(2 * 1024 * 1024, 20000);
    std::printf("article: %.2f MB, %zu code points, %zu spans\n",
                static_cast<double>(article.bytes) / 1048576.0, article.code_points, article.spans);

    Bench b;
    gloss::app::Session& session = b.h.app.session();
    if (!b.h.app.session().assist().set_lexicon(read(GLOSS_LEXICON_PATH)))
        std::printf("(no lexicon at %s: Assist uses its built-in words)\n", GLOSS_LEXICON_PATH);
    session.assist().set_enabled(true);

    auto t0 = Clock::now();
    if (!b.h.app.load_documents(article.jsonl, "big.jsonl").empty()) {
        std::printf("the article did not load: %s\n", b.h.app.error().c_str());
        return 1;
    }
    double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    Phase first{"first frame", {}};
    b.phase = &first;
    b.frame();
    std::printf("open (load + index): %.0f ms; first frame %.1f ms\n", load_ms, first.frames[0]);

    Phase assist{"Assist over the article", {}};
    b.phase = &assist;
    auto a0 = Clock::now();
    b.frame(); // the frame that showed the article left Assist to this one
    b.until_idle();
    double assist_ms = std::chrono::duration<double, std::milli>(Clock::now() - a0).count();
    std::printf("assist: %zu pending suggestions, %zu spans, in %.0f ms\n",
                session.assist().pending().size(), session.document()->spans().size(), assist_ms);
    b.phase = nullptr;
    b.frames(10);

    // Tab + Enter: the next suggestion accepted (Escape leaves the correction field Enter
    // focuses); an accepted name makes Assist search the article again, timed apart.
    Phase accept{"Tab + Enter (accept), Escape", {}};
    Phase after_accept{"  then Assist again", {}};
    for (int i = 0; i < repetitions; ++i) {
        b.phase = &accept;
        b.press(ImGuiKey_Tab);
        b.press(ImGuiKey_Enter);
        b.press(ImGuiKey_Escape);
        b.frames(3);
        b.phase = &after_accept;
        b.until_idle();
    }

    // A label key on a selected word (as the browser benchmark: 4 code points at 1000 + 50 i).
    Phase label{"select + P (label)", {}};
    Phase after_label{"  then Assist again", {}};
    for (int i = 0; i < repetitions; ++i) {
        std::size_t start = 1000 + static_cast<std::size_t>(i) * 50;
        b.phase = &label;
        b.h.app.select("big", start, start + 4);
        b.frames(3);
        b.press(ImGuiKey_P);
        b.frames(3);
        b.phase = &after_label;
        b.until_idle();
    }

    Phase undo{"Ctrl+Z (undo)", {}};
    Phase after_undo{"  then Assist again", {}};
    for (int i = 0; i < repetitions; ++i) {
        b.phase = &undo;
        b.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
        b.frames(3);
        b.phase = &after_undo;
        b.until_idle();
    }

    // Scrolling: the browser benchmark's wheel steps of 240 px (2.4 ImGui wheel units), one a
    // frame, over the article.
    Phase scroll{"scrolling (120 wheel steps)", {}};
    b.phase = nullptr;
    ImGui::GetIO().AddMousePosEvent(600, 400);
    b.frames(2);
    b.phase = &scroll;
    for (int i = 0; i < 120; ++i) {
        ImGui::GetIO().AddMouseWheelEvent(0, -2.4f);
        b.frame();
    }
    b.phase = nullptr;

    // The autosave's snapshot (what the web app writes to IndexedDB 300 ms after a change).
    std::vector<double> snapshots;
    std::size_t snapshot_bytes = 0;
    for (int i = 0; i < repetitions; ++i) {
        auto s0 = Clock::now();
        snapshot_bytes = b.h.app.snapshot().project.size();
        snapshots.push_back(std::chrono::duration<double, std::milli>(Clock::now() - s0).count());
    }
    std::printf("autosave snapshot: %.1f MB, p50 %.1f ms, max %.1f ms\n",
                static_cast<double>(snapshot_bytes) / 1048576.0, percentile(snapshots, 50),
                *std::max_element(snapshots.begin(), snapshots.end()));

    std::printf("\nframe times (NewFrame + App::frame + Render), %d repetitions:\n", repetitions);
    for (const Phase* p : {&first, &assist, &accept, &after_accept, &label, &after_label, &undo,
                           &after_undo, &scroll})
        p->report();
    std::vector<double> edits;
    for (const Phase* p : {&accept, &label, &undo})
        edits.insert(edits.end(), p->frames.begin(), p->frames.end());
    Phase all_edits{"every edit frame", edits};
    all_edits.report();
    return 0;
}
