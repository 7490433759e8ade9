// Round-trip fuzzer for the zip reader: read the input; when it gives files, write them with
// our writer, read that back (it must read, with the same names and bytes) and write again (it
// must be the same bytes). Any input must come back as files or as errors, never both or
// neither. Built like fuzz_format.cpp (cmake/fuzz.cmake): libFuzzer with GLOSS_FUZZ=ON, else a
// replay driver over the files and folders named on the command line. Tests only.
#include "io/zip.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace gloss;

[[noreturn]] void fail(const char* what, const core::Diagnostics& diagnostics) {
    std::fprintf(stderr, "fuzz_zip: %s\n", what);
    for (const auto& d : diagnostics)
        std::fprintf(stderr, "  %s\n", d.to_string().c_str());
    std::abort();
}

std::size_t s_valid = 0; // inputs that read as zips, reported by the replay driver

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    io::ZipLimits limits;
    limits.max_total_bytes = 64u << 20; // keep the fuzzer's memory bounded
    core::Diagnostics d;
    auto files = io::read_zip(input, "input.zip", d, limits);
    if (files.has_value() == core::has_errors(d)) fail("result and diagnostics disagree", d);
    if (!files) return 0;
    ++s_valid;
    std::string written = io::write_zip(*files);
    core::Diagnostics d2;
    auto back = io::read_zip(written, "written.zip", d2);
    if (!back) fail("our own zip of the files does not read", d2);
    if (back->size() != files->size()) fail("files lost in the round trip", d2);
    for (std::size_t i = 0; i < files->size(); ++i)
        if ((*back)[i].bytes != (*files)[i].bytes) fail("file bytes changed in the round trip", d2);
    if (io::write_zip(*back) != written) fail("write -> read -> write differs", d2);
    return 0;
}

#ifndef GLOSS_LIBFUZZER
#include "replay.hpp"

int main(int argc, char** argv) {
    std::size_t replayed = gloss::test::replay_inputs(argc, argv);
    std::printf("fuzz_zip: replayed %zu input(s), %zu read as zips\n", replayed, s_valid);
    return 0;
}
#endif
