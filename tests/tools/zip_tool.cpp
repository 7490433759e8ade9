// Test helper for tests/readers/zip_interop.py: our zip writer and reader on real files, so
// Python's zipfile can read what we write and we can read what it writes. Tests only; not part
// of the gloss CLI.
//   zip_tool write OUT.zip DIR    every file under DIR, named by its path under DIR, sorted
//   zip_tool read IN.zip OUTDIR   every member written under OUTDIR; diagnostics on stderr
#include "io/zip.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool spill(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out);
}

int usage() {
    std::fprintf(stderr, "usage: zip_tool write OUT.zip DIR | zip_tool read IN.zip OUTDIR\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 4) return usage();
    std::string verb = argv[1];
    if (verb == "write") {
        fs::path dir = argv[3];
        std::vector<gloss::io::NamedFile> files;
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            if (!e.is_regular_file()) continue;
            std::u8string name = fs::relative(e.path(), dir).generic_u8string();
            files.push_back({std::string(name.begin(), name.end()), slurp(e.path())});
        }
        std::sort(files.begin(), files.end(),
                  [](const auto& a, const auto& b) { return a.name < b.name; });
        return spill(argv[2], gloss::io::write_zip(files)) ? 0 : 1;
    }
    if (verb == "read") {
        gloss::core::Diagnostics diagnostics;
        fs::path zip = argv[2];
        auto files = gloss::io::read_zip(slurp(zip), zip.filename().string(), diagnostics);
        for (const auto& d : diagnostics)
            std::fprintf(stderr, "%s\n", d.to_string().c_str());
        if (!files) return 1;
        fs::path out = argv[3];
        for (const auto& f : *files) {
            fs::path target =
                out / fs::path(std::u8string(reinterpret_cast<const char8_t*>(f.name.data()),
                                             f.name.size()));
            fs::create_directories(target.parent_path());
            if (!spill(target, f.bytes)) return 1;
        }
        return 0;
    }
    return usage();
}
