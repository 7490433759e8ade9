// Catch2 entry point for the seed-article tests: runs only when GLOSS_SEEDS names a folder of
// articles (../shared/seeds), and otherwise exits 77, which CTest reports as skipped.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

int main(int argc, char* argv[]) {
    const char* seeds = std::getenv("GLOSS_SEEDS");
    std::error_code error;
    if (seeds == nullptr || !std::filesystem::is_directory(seeds, error)) {
        std::puts("seeds: ../shared/seeds not found, skipping");
        return 77;
    }
    return Catch::Session().run(argc, argv);
}
