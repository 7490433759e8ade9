// Round-trip fuzzer for one format, chosen at build time by GLOSS_FUZZ_FORMAT: import the
// input; when it gives documents, export them, import the export (it must be valid) and export
// again (it must be the same bytes). Built with libFuzzer (cmake/fuzz.cmake, GLOSS_FUZZ=ON) or,
// without it, as a replay driver over the files and folders named on the command line.
// Tests only.
#include "io/format.hpp"
#include "io/gloss_jsonl.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#ifndef GLOSS_FUZZ_FORMAT
#error "define GLOSS_FUZZ_FORMAT to a format name"
#endif

namespace {

using namespace gloss;

[[noreturn]] void fail(const char* what, const io::ImportResult* r) {
    std::fprintf(stderr, "fuzz_%s: %s\n", GLOSS_FUZZ_FORMAT, what);
    if (r)
        for (const auto& d : r->diagnostics)
            std::fprintf(stderr, "  %s\n", d.to_string().c_str());
    std::abort();
}

// Multi-file formats get their files from one input: brat splits it at the first NUL byte
// into the .txt and the .ann, W3C into texts.jsonl and the annotations.
std::vector<io::NamedFile> files_of(std::string_view input) {
    if (std::string_view(GLOSS_FUZZ_FORMAT) == "brat") {
        std::size_t nul = input.find('\0');
        std::string_view txt = input.substr(0, nul);
        std::string_view ann =
            nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
        return {{"doc.txt", std::string(txt)}, {"doc.ann", std::string(ann)}};
    }
    if (std::string_view(GLOSS_FUZZ_FORMAT) == "w3c") {
        std::size_t nul = input.find('\0');
        std::string_view texts = input.substr(0, nul);
        std::string_view annotations =
            nul == std::string_view::npos ? std::string_view() : input.substr(nul + 1);
        return {{"texts.jsonl", std::string(texts)},
                {"annotations.w3c.jsonld", std::string(annotations)}};
    }
    return {{"input", std::string(input)}};
}

std::string joined(const io::ExportResult& e) {
    std::string out;
    for (const auto& f : e.files)
        out += f.name + "\n" + f.bytes;
    return out;
}

// JSONL reads most lines without a JSON tree; every line must read the same (the same document,
// the same diagnostics) as through nlohmann_json's parser.
void check_jsonl_paths(std::string_view input) {
    std::size_t pos = 0;
    std::uint64_t number = 0;
    while (pos <= input.size()) {
        std::size_t nl = std::min(input.find('\n', pos), input.size());
        std::string_view line = input.substr(pos, nl - pos);
        pos = nl + 1;
        io::JsonlReadOptions fast, full;
        full.fast_path = false;
        core::Diagnostics d1, d2;
        auto a = io::read_gloss_jsonl_line(line, ++number, fast, d1);
        auto b = io::read_gloss_jsonl_line(line, number, full, d2);
        if (a.has_value() != b.has_value())
            fail("the fast JSONL path disagrees on validity", nullptr);
        if (a && io::write_gloss_jsonl_line(*a) != io::write_gloss_jsonl_line(*b))
            fail("the fast JSONL path reads a different document", nullptr);
        std::string m1, m2;
        for (const auto& d : d1)
            m1 += d.to_string() + "\n";
        for (const auto& d : d2)
            m2 += d.to_string() + "\n";
        if (a && m1 != m2) fail("the fast JSONL path reports differently", nullptr);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const io::Format* format = io::find_format(GLOSS_FUZZ_FORMAT);
    if (!format) fail("unknown format", nullptr);
    std::string_view input(reinterpret_cast<const char*>(data), size);
    if (std::string_view(GLOSS_FUZZ_FORMAT) == "jsonl") check_jsonl_paths(input);
    io::ImportResult first = format->read(files_of(input), {});
    if (first.documents.empty() || !format->write) return 0;
    io::ExportResult exported = format->write(first.documents, {});
    io::ImportResult second = format->read(exported.files, {});
    if (!second.ok()) fail("the export of imported documents does not import", &second);
    if (second.documents.size() != first.documents.size())
        fail("documents lost in the round trip", &second);
    // CoNLL rebuilds the text from its tokens and retokenizes it, so only validity is checked.
    if (std::string_view(GLOSS_FUZZ_FORMAT) == "conll") return 0;
    if (joined(format->write(second.documents, {})) != joined(exported))
        fail("import -> export -> import -> export differs from the first export", &second);
    return 0;
}

#ifndef GLOSS_LIBFUZZER
#include "replay.hpp"

int main(int argc, char** argv) {
    std::size_t replayed = gloss::test::replay_inputs(argc, argv);
    std::printf("fuzz_%s: replayed %zu input(s)\n", GLOSS_FUZZ_FORMAT, replayed);
    return 0;
}
#endif
