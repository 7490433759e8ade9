// Engine benchmark: a 2 MB article with 20,000 spans — load and index, insert, query the
// visible window, span at a position, undo/redo, offset conversions, memory, search.
// Not a test: run `scripts/bench` and copy the figures into docs/PERFORMANCE.md.
#include "core/model/document.hpp"
#include "core/text/search.hpp"
#include "core/text/text.hpp"
#include "core/text/utf8.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace gloss::core;
using Clock = std::chrono::steady_clock;

namespace {

double micros(Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count();
}

std::string make_article(std::size_t bytes, std::mt19937& rng) {
    const char* words[] = {"the",    "Secretary", "said",   "on",     "Wednesday",  "that",
                           "talks",  "between",   "Israel", "and",    "Egypt",      "were",
                           "“very",  "active,”",  "José",   "Müller", "blinkenbut", "civiliansFree",
                           "27,478", "U.S.",      "—",      "Gaza",   "Refa"};
    std::uniform_int_distribution<std::size_t> pick(0, std::size(words) - 1), para(40, 160);
    std::string out;
    out.reserve(bytes + 64);
    std::size_t in_para = 0, para_len = para(rng);
    while (out.size() < bytes) {
        out += words[pick(rng)];
        if (++in_para == para_len) {
            out += ".\n\n";
            in_para = 0;
            para_len = para(rng);
        } else {
            out += ' ';
        }
    }
    return out;
}

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main() {
    std::mt19937 rng(12345);
    const std::size_t kBytes = 2u << 20, kSpans = 20000;
    long rss_before = peak_rss_kb();
    std::string article = make_article(kBytes, rng);

    // Spans: random positions and lengths, some nested, labels cycling.
    Text probe(article);
    std::size_t n = probe.size();
    std::uniform_int_distribution<std::size_t> pos(0, n - 200), len(3, 60);
    const char* labels[] = {"PERSON", "ORG", "GPE", "QUOTE", "ERROR"};
    std::vector<Span> spans;
    spans.reserve(kSpans);
    for (std::size_t i = 0; i < kSpans; ++i) {
        Span s;
        s.start = static_cast<std::uint32_t>(pos(rng));
        s.end = static_cast<std::uint32_t>(s.start + len(rng));
        s.label = labels[i % 5];
        s.annotator = "bench";
        spans.push_back(std::move(s));
    }

    auto t0 = Clock::now();
    Document doc("bench", Text(article));
    Diagnostics d = doc.load(spans, {});
    auto t1 = Clock::now();
    if (!d.empty()) std::fprintf(stderr, "unexpected diagnostics: %zu\n", d.size());
    long rss_after = peak_rss_kb();

    // Insert one span (then undo it), averaged.
    const int kReps = 2000;
    double insert_us = 0, undo_us = 0, redo_us = 0;
    for (int i = 0; i < kReps; ++i) {
        Span s;
        s.start = static_cast<std::uint32_t>(pos(rng));
        s.end = s.start + 7;
        s.label = "PERSON";
        auto a = Clock::now();
        doc.add_span(s);
        auto b = Clock::now();
        doc.undo();
        auto c = Clock::now();
        doc.redo();
        auto e = Clock::now();
        doc.undo();
        insert_us += micros(b - a);
        undo_us += micros(c - b);
        redo_us += micros(e - c);
    }

    // Visible window: about 4 KB of text.
    double query_us = 0, at_us = 0;
    std::size_t found = 0;
    for (int i = 0; i < kReps; ++i) {
        std::size_t start = pos(rng);
        auto a = Clock::now();
        found += doc.spans().overlapping(start, start + 4096).size();
        auto b = Clock::now();
        found += doc.spans().at(start + 100).size();
        auto c = Clock::now();
        query_us += micros(b - a);
        at_us += micros(c - b);
    }

    // 100,000 offset conversions of each kind.
    std::vector<std::size_t> cps(100000);
    for (auto& c : cps)
        c = pos(rng);
    const OffsetIndex& index = doc.text().index();
    std::size_t sink = 0;
    auto a = Clock::now();
    for (std::size_t c : cps)
        sink += index.utf16_offset(c);
    auto b = Clock::now();
    std::vector<std::size_t> u16(cps.size());
    for (std::size_t i = 0; i < cps.size(); ++i)
        u16[i] = index.utf16_offset(cps[i]);
    auto c = Clock::now();
    for (std::size_t u : u16)
        sink += index.from_utf16(u).value_or(0);
    auto e = Clock::now();
    for (std::size_t cp : cps)
        sink += index.byte_offset(cp);
    auto f = Clock::now();

    // Search (the search bar's, core/text/search.hpp) over the whole article, each kind once.
    std::u32string whole = doc.text().decode(0, doc.text().size());
    struct Query {
        const char* what;
        const char* query;
        SearchOptions options;
    };
    const Query queries[] = {
        {"\"israel\", case folded", "israel", {}},
        {"\"Israel\", whole words", "Israel", {.match_case = true, .whole_word = true}},
        {"\"ISRAEL\", folded, whole words", "ISRAEL", {.whole_word = true}},
        {"/m[uü]ller/ regular expression", "m[uü]ller", {.regular_expression = true}},
    };
    // Each query five times, the fastest kept: the first searches pay for fresh memory (the
    // allocator maps the folded copy anew until it learns to keep such blocks).
    std::vector<std::pair<double, std::size_t>> searched;
    double first_search_ms = 0;
    for (const Query& q : queries) {
        double best = 1e18;
        std::size_t matches = 0;
        for (int run = 0; run < 5; ++run) {
            auto s0 = Clock::now();
            SearchResult r = search_text(whole, q.query, q.options);
            double ms = micros(Clock::now() - s0) / 1000;
            if (searched.empty() && run == 0) first_search_ms = ms;
            best = std::min(best, ms);
            matches = r.matches.size();
        }
        searched.push_back({best, matches});
    }

    std::size_t index_bytes = doc.spans().memory_bytes() + index.memory_bytes();
    std::printf("article: %zu bytes, %zu code points, %zu spans\n", article.size(), n,
                doc.spans().size());
    std::printf("load and index (text + offset index + 20,000 spans): %.1f ms\n",
                micros(t1 - t0) / 1000);
    std::printf("insert one span:            %.2f us (mean of %d)\n", insert_us / kReps, kReps);
    std::printf("undo one step:              %.2f us\n", undo_us / kReps);
    std::printf("redo one step:              %.2f us\n", redo_us / kReps);
    std::printf("spans in a 4 KB window:     %.2f us (%.1f spans on average)\n", query_us / kReps,
                static_cast<double>(found) / kReps);
    std::printf("spans at a position:        %.2f us\n", at_us / kReps);
    std::printf("100,000 cp -> UTF-16:       %.2f ms\n", micros(b - a) / 1000);
    std::printf("100,000 UTF-16 -> cp:       %.2f ms\n", micros(e - c) / 1000);
    std::printf("100,000 cp -> UTF-8 byte:   %.2f ms\n", micros(f - e) / 1000);
    std::printf(
        "memory: text %zu B + offset index %zu B + span store %zu B = %.2f x text + %.0f B/span\n",
        article.size(), index.memory_bytes(), doc.spans().memory_bytes(),
        static_cast<double>(article.size() + index.memory_bytes()) /
            static_cast<double>(article.size()),
        static_cast<double>(doc.spans().memory_bytes()) / static_cast<double>(doc.spans().size()));
    std::printf("budget: 3 x text + 200 B/span = %zu B; used %zu B\n",
                3 * article.size() + 200 * kSpans, article.size() + index_bytes);
    std::printf("peak resident memory: %ld KB (%ld KB before the article was built)\n", rss_after,
                rss_before);
    std::printf("search, the process's first:     %.1f ms\n", first_search_ms);
    for (std::size_t i = 0; i < std::size(queries); ++i)
        std::printf("search %-32s %.1f ms (%zu matches)\n", queries[i].what, searched[i].first,
                    searched[i].second);
    return sink == 42 ? 1 : 0;
}
