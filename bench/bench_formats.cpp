// Format throughput: Gloss JSONL import and export (MB/s), and conversion of 10,000 documents
// JSONL -> doccano / Label Studio / CoNLL. Native, single thread. Figures go into
// docs/PERFORMANCE.md with the command that produced them (scripts/bench).
#include "io/conll.hpp"
#include "io/doccano.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/label_studio.hpp"

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

using namespace gloss;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// A news-like document of about `bytes` bytes with a span every ~40 characters, some accents,
// curly quotes and an emoji.
core::Document make_document(std::mt19937& rng, int index, std::size_t bytes) {
    static const char* const words[] = {
        "the",     "minister", "said",  "talks",   "Léa",   "Marchetti", "“constructive”",
        "harbour", "Valletta", "on",    "Tuesday", "ferry", "🚢",         "unions",
        "deal",    "—",        "Rafah", "Refa"};
    std::string text;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
    std::uint32_t cp = 0;
    std::uniform_int_distribution<std::size_t> pick(0, std::size(words) - 1);
    while (text.size() < bytes) {
        const char* w = words[pick(rng)];
        std::uint32_t start = cp;
        text += w;
        for (const char* p = w; *p; ++p)
            if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) ++cp;
        if (rng() % 6 == 0) ranges.push_back({start, cp});
        text += ' ';
        ++cp;
    }
    core::Document doc("doc-" + std::to_string(index), core::Text(std::move(text)));
    std::vector<core::Span> spans;
    for (auto [a, b] : ranges) {
        core::Span s;
        s.start = a;
        s.end = b;
        s.label = rng() % 3 ? "PERSON" : "ERROR";
        if (s.label == "ERROR") s.attrs.set("type", "misspelling");
        spans.push_back(std::move(s));
    }
    doc.load(std::move(spans), {});
    return doc;
}

} // namespace

int main() {
    std::mt19937 rng(42);
    std::vector<core::Document> docs;
    for (int i = 0; i < 10000; ++i)
        docs.push_back(make_document(rng, i, 2000));

    auto t = std::chrono::steady_clock::now();
    std::string jsonl = io::write_gloss_jsonl(docs);
    double write_s = seconds_since(t);
    double mb = static_cast<double>(jsonl.size()) / 1e6;

    t = std::chrono::steady_clock::now();
    io::ImportResult back = io::read_gloss_jsonl(jsonl, {});
    double read_s = seconds_since(t);
    if (!back.ok() || back.documents.size() != docs.size()) {
        std::printf("import failed\n");
        return 1;
    }
    std::size_t spans = 0;
    for (const auto& d : back.documents)
        spans += d.spans().size();

    // Streamed, as gloss convert and validate read: one line at a time, each document dropped
    // once read, so memory is reused instead of touched for the first time.
    t = std::chrono::steady_clock::now();
    std::size_t streamed = 0;
    {
        core::Diagnostics diagnostics;
        std::uint64_t line_number = 0;
        for (std::size_t pos = 0; pos < jsonl.size();) {
            std::size_t nl = jsonl.find('\n', pos);
            std::string_view line(jsonl.data() + pos, nl - pos);
            pos = nl + 1;
            if (auto doc = io::read_gloss_jsonl_line(line, ++line_number, {}, diagnostics))
                streamed += doc->spans().size();
        }
    }
    double stream_s = seconds_since(t);
    if (streamed != spans) {
        std::printf("streamed import failed\n");
        return 1;
    }
    std::printf("JSONL: %zu documents, %zu spans, %.1f MB\n", docs.size(), spans, mb);
    std::printf("  export  %.3f s  %.1f MB/s\n", write_s, mb / write_s);
    std::printf("  import, every document kept  %.3f s  %.1f MB/s\n", read_s, mb / read_s);
    std::printf("  import, streamed line by line  %.3f s  %.1f MB/s\n", stream_s, mb / stream_s);

    core::Diagnostics notes;
    t = std::chrono::steady_clock::now();
    std::string doccano = io::write_doccano(back.documents, {}, notes);
    std::printf("10,000 documents JSONL -> doccano (UTF-16): %.3f s\n", seconds_since(t) + read_s);
    t = std::chrono::steady_clock::now();
    io::LabelStudioExport ls = io::write_label_studio(back.documents, {});
    std::printf("10,000 documents JSONL -> Label Studio:     %.3f s\n", seconds_since(t) + read_s);
    t = std::chrono::steady_clock::now();
    std::string conll = io::write_conll(back.documents, {}, notes);
    std::printf("10,000 documents JSONL -> CoNLL:            %.3f s\n", seconds_since(t) + read_s);
    return doccano.empty() || ls.tasks_json.empty() || conll.empty();
}
