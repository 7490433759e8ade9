// The command table and what is made from it: the docs' key list, the palette, the schema's key
// checks; every action by keyboard (Tab over every span, ] over suggestions, digits for values,
// Esc for the error bar, no stray focus); search after a document switch; announcements.
#include "harness.hpp"

#include "app/commands.hpp"
#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>

using gloss::test::Harness;

namespace {

std::size_t find_cp(Harness& h, const std::string& needle, std::size_t nth = 0) {
    const std::string& text = h.app.session().document()->text().utf8();
    std::size_t byte = text.find(needle);
    while (byte != std::string::npos && nth-- > 0)
        byte = text.find(needle, byte + 1);
    REQUIRE(byte != std::string::npos);
    return gloss::core::count_code_points(std::string_view(text).substr(0, byte));
}

std::string slice(Harness& h, std::size_t start, std::size_t end) {
    return std::string(h.app.session().document()->text().slice(start, end));
}

const gloss::core::Span* selected(Harness& h) {
    return h.app.session().document()->spans().find(h.app.session().selected_span());
}

void palette(Harness& h, const char* query) {
    h.press(ImGuiKey_K, ImGuiKey_LeftCtrl);
    REQUIRE(h.app.palette_open());
    h.frames(2);
    h.type(query);
    h.press(ImGuiKey_Enter);
    CHECK_FALSE(h.app.palette_open());
}

const char* kBegin = "<!-- commands: made from src/app/commands.cpp; keep in step -->\n";
const char* kEnd = "<!-- end of commands -->";

} // namespace

TEST_CASE("docs/KEYBOARD.md lists the command table as it is", "[ui][commands]") {
    Harness h; // the default schema's keys
    std::string expected = gloss::app::commands_markdown(h.app.session().schema);
    std::string path = std::string(GLOSS_DOCS_DIR) + "/KEYBOARD.md";
    std::ifstream in(path, std::ios::binary);
    std::stringstream all;
    all << in.rdbuf();
    std::string doc = all.str();
    std::size_t a = doc.find(kBegin);
    std::size_t b = doc.find(kEnd);
    if (std::getenv("GLOSS_WRITE_KEYBOARD_DOC") && a != std::string::npos &&
        b != std::string::npos) {
        doc = doc.substr(0, a + std::string(kBegin).size()) + expected + doc.substr(b);
        std::ofstream(path, std::ios::binary) << doc;
        a = doc.find(kBegin);
        b = doc.find(kEnd);
    }
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    // To bring the docs in step: GLOSS_WRITE_KEYBOARD_DOC=1 gloss_ui_tests "[commands]"
    CHECK(doc.substr(a + std::string(kBegin).size(), b - a - std::string(kBegin).size()) ==
          expected);
}

TEST_CASE("the key list follows the schema; its loader refuses command keys and non-letters",
          "[ui][commands][schema]") {
    Harness h;
    const auto* label_row = gloss::app::find_command("label");
    REQUIRE(label_row);
    CHECK(gloss::app::keys_text(*label_row, h.app.session().schema) == "P O G L N V D C Q E");
    auto refused = [&](const char* key) {
        std::string json = std::string(R"({"labels":[{"name":"A","kind":"entity","hotkey":"a"},)") +
                           R"({"name":"WHO","kind":"entity","hotkey":")" + key + R"("}]})";
        auto diagnostics = h.app.load_schema(json, "mine.json");
        REQUIRE_FALSE(diagnostics.empty());
        return diagnostics.front().to_string();
    };
    CHECK_THAT(refused("s"), Catch::Contains("labels[1].hotkey") &&
                                 Catch::Contains("S is the key of \"Pick the speaker\""));
    CHECK_THAT(refused("t"), Catch::Contains("T is the key of \"Show corrections\""));
    CHECK_THAT(refused("1"), Catch::Contains("a key is one letter, A to Z"));
    CHECK_THAT(refused("é"), Catch::Contains("a key is one letter"));
    CHECK(h.app.session().schema.find("PERSON")); // the schema stayed
    CHECK_THAT(h.app.error(), Catch::Contains("mine.json"));
    // A schema of its own: the sheet and the docs' table show its keys.
    auto fine = h.app.load_schema(
        R"({"labels":[{"name":"HUMAN","kind":"entity","hotkey":"h"},{"name":"PLACE","kind":"entity","hotkey":"w"}]})",
        "mine.json");
    CHECK(fine.empty());
    CHECK(gloss::app::keys_text(*label_row, h.app.session().schema) == "H W");
    CHECK_THAT(gloss::app::commands_markdown(h.app.session().schema),
               Catch::Contains("| H W | Label |"));
}

TEST_CASE("the palette finds and runs commands by name", "[ui][commands][palette]") {
    Harness h;
    bool dark = h.app.dark();
    palette(h, "dark");
    CHECK(h.app.dark() != dark);
    // Export as…: the formats, chosen by name.
    palette(h, "export as brat");
    REQUIRE_FALSE(h.host.downloads.empty());
    CHECK_THAT(h.host.downloads.back().filename, Catch::Contains("brat"));
    // Ctrl+Shift+E opens the palette at "Export as "; typing goes after it.
    h.press(ImGuiKey_E, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    REQUIRE(h.app.palette_open());
    h.frames(2);
    h.type("conll");
    std::size_t before = h.host.downloads.size();
    h.press(ImGuiKey_Enter);
    CHECK(h.host.downloads.size() == before + 1);
    CHECK_THAT(h.host.downloads.back().filename, Catch::Contains(".conll"));
    // A label by name, on the selection; a document by its title.
    std::size_t valletta = find_cp(h, "Valletta");
    h.drag_text(valletta, valletta + 8);
    palette(h, "label as gpe");
    REQUIRE(selected(h));
    CHECK(selected(h)->label == "GPE");
    palette(h, "go to river");
    CHECK(h.app.session().document()->id == "river-summit");
    // Esc closes it and runs nothing; an unknown name runs nothing either.
    h.press(ImGuiKey_K, ImGuiKey_LeftCtrl);
    h.frames(2);
    h.type("zzz no such command");
    h.press(ImGuiKey_Escape);
    CHECK_FALSE(h.app.palette_open());
    CHECK(h.app.session().document()->id == "river-summit");
}

TEST_CASE("Tab walks every span, suggestions or not; ] walks the suggestions", "[ui][commands]") {
    Harness h;
    auto& session = h.app.session();
    std::size_t valletta = find_cp(h, "Valletta");
    h.drag_text(valletta, valletta + 8);
    h.press(ImGuiKey_G);
    session.assist().set_enabled(true);
    for (int i = 0; i < 200 && (session.assist().busy() || session.assist().pending().empty()); ++i)
        h.frame();
    REQUIRE_FALSE(session.assist().pending().empty());
    h.press(ImGuiKey_Escape);
    h.click(h.caret_of(0));
    // Tab: every span in reading order, the user's GPE among the suggestions.
    std::vector<gloss::core::SpanId> walked;
    for (int i = 0; i < 60; ++i) {
        h.press(ImGuiKey_Tab);
        if (!walked.empty() && walked.back() == session.selected_span()) break;
        walked.push_back(session.selected_span());
    }
    std::size_t spans = 0;
    session.document()->spans().for_each([&](const gloss::core::Span& s) {
        if (s.status != gloss::core::Status::Rejected) ++spans;
    });
    CHECK(walked.size() == spans);
    bool reached_own = false;
    for (auto id : walked)
        if (session.document()->spans().find(id)->label == "GPE" &&
            session.document()->spans().find(id)->status == gloss::core::Status::Accepted)
            reached_own = true;
    CHECK(reached_own);
    // ]: only the suggestions.
    h.press(ImGuiKey_Escape);
    for (int i = 0; i < 5; ++i) {
        h.press(ImGuiKey_RightBracket);
        REQUIRE(selected(h));
        CHECK(selected(h)->status == gloss::core::Status::Pending);
    }
}

TEST_CASE("digits choose an ERROR's type; Esc dismisses the error bar", "[ui][commands]") {
    Harness h;
    std::size_t glued = find_cp(h, "marchettiwill");
    h.drag_text(glued, glued + 13, ImGuiKey_LeftAlt);
    h.press(ImGuiKey_E);
    REQUIRE(selected(h));
    h.press(ImGuiKey_1);
    CHECK(*selected(h)->attrs.get("type") == "merged_tokens");
    h.press(ImGuiKey_4);
    CHECK(*selected(h)->attrs.get("type") == "duplication");
    h.press(ImGuiKey_0);
    CHECK(selected(h)->attrs.get("type") == nullptr);
    h.press(ImGuiKey_9); // ERROR has 8 types: nothing
    CHECK(selected(h)->attrs.get("type") == nullptr);
    // The palette offers the values by name too.
    palette(h, "type: wrong_case");
    CHECK(*selected(h)->attrs.get("type") == "wrong_case");

    h.app.show_error("Something went wrong");
    h.frames(2);
    h.press(ImGuiKey_Escape); // first the selection
    CHECK_FALSE(h.app.error().empty());
    h.press(ImGuiKey_Escape);
    CHECK(h.app.error().empty());
}

TEST_CASE("Enter on a QUOTE leaves no focus behind for the next span's field", "[ui][commands]") {
    Harness h;
    const std::string quote = "“These talks have been very, very constructive,”";
    std::size_t q = find_cp(h, quote);
    std::size_t person = find_cp(h, "Marchetti said");
    h.drag_text(person, person + 9);
    h.press(ImGuiKey_P);
    h.drag_text(q, q + gloss::core::count_code_points(quote));
    h.press(ImGuiKey_Q);
    h.press(ImGuiKey_Enter); // a quote has no text field to edit
    h.frames(3);
    CHECK_FALSE(ImGui::GetIO().WantTextInput);
    h.press(ImGuiKey_Tab); // the PERSON: its canonical field must not take the keys
    h.frames(3);
    REQUIRE(selected(h));
    CHECK(selected(h)->label == "PERSON");
    CHECK_FALSE(ImGui::GetIO().WantTextInput);
    h.press(ImGuiKey_O); // re-labels, is not typed
    CHECK(selected(h)->label == "ORG");
    CHECK(selected(h)->attrs.get("canonical") == nullptr);
}

TEST_CASE("search: recomputed for the document shown, whole words, Unicode case, regex, all "
          "documents",
          "[ui][search]") {
    Harness h;
    h.press(ImGuiKey_F, ImGuiKey_LeftCtrl);
    h.frames(3);
    h.type("malta");
    h.frames(2);
    CHECK(h.app.search_found().hits.size() == 2);
    // Another document: the matches are that one's (none), not stale ranges of the first.
    h.press(ImGuiKey_Escape);
    h.app.session().open(1);
    h.press(ImGuiKey_F, ImGuiKey_LeftCtrl);
    h.frames(3);
    CHECK(h.app.search_found().hits.empty());
    // Every document: Alt+A.
    h.press(ImGuiKey_A, ImGuiKey_LeftAlt);
    h.frames(2);
    REQUIRE(h.app.search_found().hits.size() == 2);
    CHECK(h.app.search_found().hits[0].document == 0);
    // Enter goes to the first from here on, which is in the other document.
    h.press(ImGuiKey_Enter);
    CHECK(h.app.session().current_index() == 0);
    CHECK(slice(h, h.app.session().selection().start, h.app.session().selection().end) == "Malta");
    // Whole words: "minister" is not "Ministers".
    h.press(ImGuiKey_A, ImGuiKey_LeftCtrl); // select the query's text
    h.type("minister");
    h.frames(2);
    std::size_t substrings = h.app.search_found().hits.size();
    h.press(ImGuiKey_W, ImGuiKey_LeftAlt);
    h.frames(2);
    CHECK(h.app.search_found().hits.size() == 3); // Minister, Minister, Minister (of Water)
    CHECK(substrings == 4);                       // and Ministers
    // Match case: only "minister" as written (none).
    h.press(ImGuiKey_C, ImGuiKey_LeftAlt);
    h.frames(2);
    CHECK(h.app.search_found().hits.empty());
    h.press(ImGuiKey_C, ImGuiKey_LeftAlt);
    h.press(ImGuiKey_W, ImGuiKey_LeftAlt);
    // Unicode folding: "LÉA" finds "Léa" and "léa".
    h.press(ImGuiKey_A, ImGuiKey_LeftCtrl);
    h.type("LÉA");
    h.frames(2);
    CHECK(h.app.search_found().hits.size() == 2);
    // A regular expression; a bad one says why and finds nothing.
    h.press(ImGuiKey_R, ImGuiKey_LeftAlt);
    h.press(ImGuiKey_A, ImGuiKey_LeftCtrl);
    h.type("tom[aá]s \\w+");
    h.frames(2);
    CHECK(h.app.search_found().hits.size() == 2);
    h.press(ImGuiKey_A, ImGuiKey_LeftCtrl);
    h.type("(unclosed");
    h.frames(2);
    CHECK(h.app.search_found().hits.empty());
    CHECK_THAT(h.app.search_found().error, Catch::Contains("not a regular expression"));
}

TEST_CASE("label all across documents is one undo step", "[ui][search]") {
    Harness h;
    h.press(ImGuiKey_F, ImGuiKey_LeftCtrl);
    h.frames(3);
    h.type("coast");
    h.press(ImGuiKey_A, ImGuiKey_LeftAlt);
    h.frames(2);
    h.press(ImGuiKey_A, ImGuiKey_LeftCtrl);
    h.type("Ferreira|Weber|Okafor");
    h.press(ImGuiKey_R, ImGuiKey_LeftAlt);
    h.frames(2);
    REQUIRE(h.app.search_found().hits.size() == 7);
    h.press(ImGuiKey_Enter, ImGuiKey_LeftAlt);
    REQUIRE(h.app.palette_open());
    h.frames(2);
    h.type("person");
    h.press(ImGuiKey_Enter);
    const auto& docs = h.app.session().documents();
    CHECK(docs[0].spans().with_label("PERSON").size() == 4);
    CHECK(docs[1].spans().with_label("PERSON").size() == 3);
    CHECK_THAT(h.app.announcement(), Catch::Contains("7 matches as PERSON in 2 documents"));
    h.press(ImGuiKey_Escape);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(docs[0].spans().size() == 0);
    CHECK(docs[1].spans().size() == 0);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(docs[0].spans().size() == 4);
    CHECK(docs[1].spans().size() == 3);
}

TEST_CASE("each keyboard action is announced for screen readers", "[ui][a11y]") {
    Harness h;
    std::size_t valletta = find_cp(h, "Valletta");
    h.drag_text(valletta, valletta + 8);
    CHECK_THAT(h.app.announcement(), Catch::Contains("Selected “Valletta”"));
    h.press(ImGuiKey_G);
    CHECK_THAT(h.app.announcement(), Catch::Contains("GPE “Valletta”"));
    h.press(ImGuiKey_Escape);
    h.press(ImGuiKey_Home, ImGuiKey_LeftCtrl);
    CHECK_THAT(h.app.announcement(), Catch::Contains("Foreign Minister Léa Marchetti speaks"));
    std::uint64_t count = h.app.announcements();
    CHECK(h.app.run_command("submit")); // it runs, and says why nothing was sent
    CHECK(h.app.announcements() == count + 1);
    CHECK_THAT(h.app.announcement(), Catch::Contains("task link"));
    CHECK_FALSE(h.app.run_command("no-such-command"));
    CHECK(h.app.run_command("shortcuts"));
    CHECK(h.app.shortcuts_open());
}
