// The browser's Open… picker (web/boot.js) offers every file a reader of the format table
// takes: the two lists are kept in two places, so this test keeps them in step.
#include "io/format.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace gloss;

TEST_CASE("Open… in the browser offers every extension a format reads", "[io][formats]") {
    const char* fixtures = std::getenv("GLOSS_FIXTURES");
    REQUIRE(fixtures);
    std::ifstream in(std::string(fixtures) + "/../../web/boot.js");
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string boot = text.str();
    const std::string marker = "const kOpenable = \"";
    std::size_t at = boot.find(marker);
    REQUIRE(at != std::string::npos);
    at += marker.size();
    const std::string accept = "," + boot.substr(at, boot.find('"', at) - at) + ",";
    for (const io::Format& f : io::formats()) {
        if (!f.read) continue;
        for (std::string_view extension : f.extensions) {
            // A browser matches the last part of a name: `.gloss.json` is offered as `.json`.
            std::string last(extension.substr(extension.rfind('.')));
            INFO(f.name << ": " << extension);
            CHECK(accept.find("," + last + ",") != std::string::npos);
        }
    }
}
