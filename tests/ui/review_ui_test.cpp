// Review mode in the interface: three annotators' versions of one document overlaid, the
// disagreements found between them, walked with N / Shift+N and ] / [, resolved by accepting one
// annotator's version (1-9) as one undo step, and Esc leaving the adjudicated document behind.
#include "harness.hpp"

#include "app/review_view.hpp"
#include "io/gloss_jsonl.hpp"

#include <catch2/catch.hpp>
#include <imgui_internal.h>

#include <set>
#include <tuple>

using gloss::test::Harness;
namespace core = gloss::core;
namespace app = gloss::app;

namespace {

// Code points: "Renée Fontaine" 0..14, the emoji 15 (outside the BMP, so UTF-16 offsets would
// differ from here on), "Antony Blinken" 21..35, "Blinken" 28..35, "Zürich" 39..45,
// "blinkenbut" 53..63.
#define GLOSS_REVIEW_TEXT                                                                          \
    R"("text":"Renée Fontaine 🎉 met Antony Blinken in Zürich. Later blinkenbut talks went on.")"

const char* const kAnn =
    R"({"id":"d1",)" GLOSS_REVIEW_TEXT
    R"(,"spans":[{"start":0,"end":14,"label":"PERSON"},{"start":21,"end":35,"label":"PERSON"},)"
    R"({"start":39,"end":45,"label":"GPE"}]})"
    "\n";
const char* const kBob =
    R"({"id":"d1",)" GLOSS_REVIEW_TEXT
    R"(,"spans":[{"start":0,"end":14,"label":"PERSON"},{"start":28,"end":35,"label":"PERSON"},)"
    R"({"start":39,"end":45,"label":"LOC"},{"start":53,"end":63,"label":"ERROR"}]})"
    "\n";
const char* const kCat =
    R"({"id":"d1",)" GLOSS_REVIEW_TEXT
    R"(,"spans":[{"start":0,"end":14,"label":"PERSON"},{"start":21,"end":35,"label":"PERSON"},)"
    R"({"start":53,"end":63,"label":"ERROR"}]})"
    "\n";

using Triple = std::tuple<std::uint32_t, std::uint32_t, std::string>;

std::set<Triple> triples(const std::vector<core::Span>& spans) {
    std::set<Triple> out;
    for (const core::Span& s : spans)
        out.insert({s.start, s.end, s.label});
    return out;
}

// The adjudicated document's spans over [start, end) (any overlap).
std::set<Triple> adjudicated(Harness& h, std::size_t start, std::size_t end) {
    std::set<Triple> out;
    h.app.session().document()->spans().for_each([&](const core::Span& s) {
        if (s.start < end && s.end > start && s.status != core::Status::Rejected)
            out.insert({s.start, s.end, s.label});
    });
    return out;
}

void load(Harness& h) {
    core::Diagnostics d = h.app.load_review_jsonl({{"ann", kAnn}, {"bob", kBob}, {"cat", kCat}});
    INFO((d.empty() ? "" : d.front().to_string()));
    REQUIRE_FALSE(core::has_errors(d));
    REQUIRE(h.app.session().review().active());
    h.frames(2);
}

} // namespace

TEST_CASE("review finds each place where the annotators' versions differ", "[ui][review]") {
    Harness h;
    load(h);
    const app::Session& s = h.app.session();
    CHECK(s.review().annotators() == std::vector<std::string>{"ann", "bob", "cat"});
    REQUIRE(s.documents().size() == 1);
    const auto& all = s.review().disagreements();
    REQUIRE(all.size() == 3); // Renée Fontaine is agreed by all three, so not among them

    // "Antony Blinken" against "Blinken".
    CHECK(all[0].start == 21);
    CHECK(all[0].end == 35);
    CHECK(triples(all[0].alternatives[0]) == std::set<Triple>{{21, 35, "PERSON"}});
    CHECK(triples(all[0].alternatives[1]) == std::set<Triple>{{28, 35, "PERSON"}});
    CHECK(triples(all[0].alternatives[2]) == std::set<Triple>{{21, 35, "PERSON"}});
    // "Zürich": GPE, LOC and nothing.
    CHECK(all[1].start == 39);
    CHECK(all[1].end == 45);
    CHECK(triples(all[1].alternatives[0]) == std::set<Triple>{{39, 45, "GPE"}});
    CHECK(triples(all[1].alternatives[1]) == std::set<Triple>{{39, 45, "LOC"}});
    CHECK(all[1].alternatives[2].empty());
    // "blinkenbut": nothing against ERROR twice.
    CHECK(all[2].start == 53);
    CHECK(all[2].end == 63);
    CHECK(all[2].alternatives[0].empty());
    CHECK(triples(all[2].alternatives[1]) == std::set<Triple>{{53, 63, "ERROR"}});

    // The adjudicated document starts from the majority: two of three for the longer name and
    // the ERROR, nobody's majority at Zürich.
    CHECK(adjudicated(h, 0, 14) == std::set<Triple>{{0, 14, "PERSON"}});
    CHECK(adjudicated(h, 21, 35) == std::set<Triple>{{21, 35, "PERSON"}});
    CHECK(adjudicated(h, 39, 45).empty());
    CHECK(adjudicated(h, 53, 63) == std::set<Triple>{{53, 63, "ERROR"}});
    for (std::size_t k = 0; k < all.size(); ++k)
        CHECK_FALSE(s.review().resolved_by(k));
}

TEST_CASE("N / Shift+N and ] / [ walk the disagreements, wrapping", "[ui][review]") {
    Harness h;
    load(h);
    const app::Session& s = h.app.session();
    CHECK(s.review().current() == 0);
    h.press(ImGuiKey_N);
    CHECK(s.review().current() == 1);
    CHECK(s.caret() == 39);
    h.press(ImGuiKey_N);
    CHECK(s.review().current() == 2);
    h.press(ImGuiKey_N);
    CHECK(s.review().current() == 0);
    h.press(ImGuiKey_N, ImGuiKey_LeftShift);
    CHECK(s.review().current() == 2);
    h.press(ImGuiKey_RightBracket);
    CHECK(s.review().current() == 0);
    h.press(ImGuiKey_LeftBracket);
    CHECK(s.review().current() == 2);
    // N is NORP's hotkey outside review mode: here it labelled nothing.
    CHECK(adjudicated(h, 0, 78).size() == 3);
}

TEST_CASE("2 accepts bob's version of a disagreement and Ctrl+Z undoes it in one step",
          "[ui][review]") {
    Harness h;
    load(h);
    app::Session& s = h.app.session();
    std::size_t position = s.document()->history().position();

    h.press(ImGuiKey_2); // disagreement 1: bob's "Blinken"
    CHECK(adjudicated(h, 21, 35) == std::set<Triple>{{28, 35, "PERSON"}});
    CHECK(s.review().resolved_by(0) == std::optional<std::size_t>{1});
    CHECK(s.document()->history().position() == position + 1);
    CHECK(adjudicated(h, 0, 14) == std::set<Triple>{{0, 14, "PERSON"}}); // agreed: untouched
    s.document()->spans().for_each([](const core::Span& span) {
        if (span.start != 28) return;
        CHECK(span.status == core::Status::Accepted);
        CHECK_FALSE(span.attrs.get("review"));
        CHECK(span.annotator == "bob");
    });

    h.press(ImGuiKey_N);
    h.press(ImGuiKey_2); // disagreement 2: bob's LOC where the majority left nothing
    CHECK(adjudicated(h, 39, 45) == std::set<Triple>{{39, 45, "LOC"}});
    h.press(ImGuiKey_1); // changing one's mind: ann's GPE replaces it
    CHECK(adjudicated(h, 39, 45) == std::set<Triple>{{39, 45, "GPE"}});
    CHECK(s.review().resolved_by(1) == std::optional<std::size_t>{0});

    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(adjudicated(h, 39, 45) == std::set<Triple>{{39, 45, "LOC"}});
    CHECK(s.review().resolved_by(1) == std::optional<std::size_t>{1});
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(adjudicated(h, 39, 45).empty());
    CHECK_FALSE(s.review().resolved_by(1));
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(adjudicated(h, 21, 35) == std::set<Triple>{{21, 35, "PERSON"}});
    CHECK_FALSE(s.review().resolved_by(0));
    CHECK(s.document()->history().position() == position);
    h.press(ImGuiKey_Z, ImGuiKey_LeftShift, ImGuiKey_LeftCtrl); // and redo brings it back
    CHECK(adjudicated(h, 21, 35) == std::set<Triple>{{28, 35, "PERSON"}});
    CHECK(s.review().resolved_by(0) == std::optional<std::size_t>{1});
}

TEST_CASE("accepting nothing removes the majority's span, or just resolves", "[ui][review]") {
    Harness h;
    load(h);
    app::Session& s = h.app.session();
    h.press(ImGuiKey_LeftBracket); // the last one, "blinkenbut"
    REQUIRE(s.review().current() == 2);
    h.press(ImGuiKey_1); // ann marked nothing there
    CHECK(adjudicated(h, 53, 63).empty());
    CHECK(s.review().resolved_by(2) == std::optional<std::size_t>{0});
    h.press(ImGuiKey_LeftBracket);
    std::size_t position = s.document()->history().position();
    h.press(ImGuiKey_3); // cat marked nothing at Zürich, where nothing is already
    CHECK(adjudicated(h, 39, 45).empty());
    CHECK(s.review().resolved_by(1) == std::optional<std::size_t>{2});
    CHECK(s.document()->history().position() == position); // no edit, no undo step
    h.press(ImGuiKey_9);                                   // no ninth annotator: nothing happens
    CHECK(s.review().resolved_by(1) == std::optional<std::size_t>{2});
}

TEST_CASE("Esc leaves review mode and keeps the adjudicated document", "[ui][review]") {
    Harness h;
    load(h);
    h.press(ImGuiKey_2);
    h.press(ImGuiKey_Escape);
    CHECK_FALSE(h.app.session().review().active());
    CHECK(h.app.session().review().disagreements().empty());
    REQUIRE(h.app.session().documents().size() == 1);
    CHECK(adjudicated(h, 21, 35) == std::set<Triple>{{28, 35, "PERSON"}});
    // Keys are ordinary again: N labels the selection NORP.
    h.app.session().select_range({39, 45});
    h.press(ImGuiKey_N);
    CHECK(adjudicated(h, 39, 45) == std::set<Triple>{{39, 45, "NORP"}});
    h.frames(2);
}

TEST_CASE("review frames draw each annotator's colour and the alternatives, at two sizes",
          "[ui][review]") {
    for (auto [width, height] : {std::pair{1280.0f, 800.0f}, std::pair{480.0f, 360.0f}}) {
        INFO(width << "x" << height);
        Harness h(width, height);
        load(h);
        for (int i = 0; i < 4; ++i) {
            h.press(ImGuiKey_N);
            h.frames(2);
        }
        // Every annotator's bars are drawn in their palette colour.
        std::set<ImU32> colours;
        ImDrawData* data = h.draw_data();
        REQUIRE(data);
        for (int l = 0; l < data->CmdListsCount; ++l)
            for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
                colours.insert(v.col);
        for (std::size_t a = 0; a < 3; ++a)
            CHECK(colours.count(app::review_color(a, 0.9f)));
    }
}

TEST_CASE("review from JSONL matches documents by id and refuses other texts", "[ui][review]") {
    Harness h;
    REQUIRE(h.app.load_documents(kAnn, "work.jsonl").empty());
    std::string two_ann = std::string(R"({"id":"d0","text":"Zero 😀 here."})") + "\n" + kAnn;
    std::string two_bob = std::string(kBob) + R"({"id":"d0","text":"Zero 😀 here."})" + "\n";
    core::Diagnostics ok = h.app.load_review_jsonl({{"ann", two_ann}, {"bob", two_bob}});
    REQUIRE_FALSE(core::has_errors(ok));
    REQUIRE(h.app.session().documents().size() == 2);
    CHECK(h.app.session().documents()[0].id == "d0");        // the first annotator's order
    CHECK(h.app.session().review().disagreements().empty()); // nobody marked anything in d0
    h.app.session().open(1);
    CHECK(h.app.session().review().disagreements().size() == 3);

    // Another text for the same id: reported, and the review in progress is untouched.
    std::string other = R"({"id":"d1","text":"Renee Fontaine met nobody."})"
                        "\n";
    core::Diagnostics bad = h.app.load_review_jsonl({{"ann", kAnn}, {"bob", other}});
    REQUIRE(core::has_errors(bad));
    CHECK(bad.front().to_string().find("bob's text of \"d1\" differs from ann's") !=
          std::string::npos);
    CHECK(h.app.session().documents().size() == 2);
    CHECK(h.app.session().review().active());
    CHECK_FALSE(h.app.error().empty());

    // A document one annotator lacks.
    core::Diagnostics missing = h.app.load_review_jsonl({{"ann", two_ann}, {"bob", kBob}});
    REQUIRE(core::has_errors(missing));
    CHECK(missing.front().to_string() == "bob: no document \"d0\"");
    core::Diagnostics alone = h.app.load_review_jsonl({{"ann", kAnn}});
    CHECK(core::has_errors(alone));
    CHECK(h.app.session().documents().size() == 2);
}

TEST_CASE("Session::load_review takes documents directly and checks they are the same",
          "[ui][review]") {
    Harness h;
    auto read = [](const char* jsonl) {
        auto r = gloss::io::read_gloss_jsonl(jsonl, {});
        REQUIRE(r.documents.size() == 1);
        return r.documents.front();
    };
    app::Session& s = h.app.session();
    std::vector<app::ReviewVersion> versions{{"ann", read(kAnn)}, {"cat", read(kCat)}};
    REQUIRE(s.review().load(versions).empty());
    // ann and cat differ only at Zürich (GPE against nothing) and blinkenbut.
    REQUIRE(s.review().disagreements().size() == 2);
    CHECK(s.review().disagreements()[0].start == 39);
    CHECK(s.review().disagreements()[1].start == 53);
    std::vector<app::ReviewVersion> renamed{{"ann", read(kAnn)}, {"ann", read(kCat)}};
    core::Diagnostics twice = s.review().load(renamed);
    REQUIRE(core::has_errors(twice));
    CHECK(twice.front().to_string() == "review: annotator \"ann\" appears twice");
    CHECK(s.review().disagreements().size() == 2); // unchanged
}

TEST_CASE("walking scrolls the current disagreement into view", "[ui][review]") {
    Harness h(480, 360);
    std::string filler;
    for (int i = 0; i < 120; ++i)
        filler += "Nothing happened in the café today, again. ";
    // "Zürich" near the top and "Genève" far below it, marked differently by the two.
    std::string text = "Talks in Zürich. " + filler + "Then Genève.";
    std::size_t geneve = 17 + 120 * 43 + 5;
    auto line = [&](const std::string& spans) {
        return R"({"id":"long","text":")" + text + R"(","spans":[)" + spans + "]}\n";
    };
    std::string g = std::to_string(geneve), g_end = std::to_string(geneve + 6);
    std::string ann = line(R"({"start":9,"end":15,"label":"GPE"},{"start":)" + g + R"(,"end":)" +
                           g_end + R"(,"label":"GPE"})");
    std::string bob = line(R"({"start":9,"end":15,"label":"LOC"})");
    REQUIRE_FALSE(core::has_errors(h.app.load_review_jsonl({{"ann", ann}, {"bob", bob}})));
    h.frames(2);
    const auto& all = h.app.session().review().disagreements();
    REQUIRE(all.size() == 2);
    REQUIRE(all[1].start == geneve);
    CHECK(h.app.article_view().rect_of(h.app.session(), all[0].start));
    CHECK_FALSE(h.app.article_view().rect_of(h.app.session(), all[1].start)); // far below the fold
    h.press(ImGuiKey_N);
    h.frames(2);
    CHECK(h.app.article_view().rect_of(h.app.session(), all[1].start));
    h.press(ImGuiKey_N);
    h.frames(2);
    CHECK(h.app.article_view().rect_of(h.app.session(), all[0].start));
}

namespace {

// Moves the mouse along the status line until the button labelled `label` is hovered, and
// clicks it there; false when no such button is on screen.
bool click_status_button(Harness& h, const char* label) {
    ImGuiWindow* window = ImGui::FindWindowByName("Gloss");
    if (!window) return false;
    const ImGuiID id = window->GetID(label);
    const ImGuiIO& io = ImGui::GetIO();
    for (float y = io.DisplaySize.y - 4; y > io.DisplaySize.y - 60; y -= 6)
        for (float x = 4; x < io.DisplaySize.x; x += 8) {
            h.move_to(ImVec2(x, y));
            h.frame();
            if (ImGui::GetHoveredID() == id) {
                h.click(ImVec2(x, y));
                h.frame();
                return true;
            }
        }
    return false;
}

} // namespace

TEST_CASE("the status line's Review… button asks the platform for the annotators' files",
          "[ui][review]") {
    Harness h;
    h.frames(2);
    REQUIRE(click_status_button(h, "Review…"));
    CHECK(h.host.review_requests == 1);
    CHECK(h.host.open_requests == 0);
    REQUIRE(click_status_button(h, "Open…"));
    CHECK(h.host.open_requests == 1);
    CHECK(h.host.review_requests == 1);
    // What the platform then hands over starts the review.
    REQUIRE(h.app.load_review_jsonl({{"ann", kAnn}, {"bob", kBob}}).empty());
    h.frame();
    CHECK(h.app.session().review().active());
    CHECK(h.app.session().review().annotators() == std::vector<std::string>{"ann", "bob"});
}

TEST_CASE("a review of one file, or of files that disagree on documents, changes nothing",
          "[ui][review]") {
    Harness h;
    REQUIRE(h.app.load_documents(kAnn, "mine.jsonl").empty());
    h.frame();
    auto diagnostics = h.app.load_review_jsonl({{"ann", kAnn}});
    CHECK(core::has_errors(diagnostics));
    CHECK(h.app.error().find("needs at least two") != std::string::npos);
    const std::string other = R"({"id":"d2","text":"Other text."})"
                              "\n";
    diagnostics = h.app.load_review_jsonl({{"ann", kAnn}, {"bob", other}});
    CHECK(core::has_errors(diagnostics));
    CHECK(h.app.error().find("bob: document \"d2\" is not in ann's") != std::string::npos);
    CHECK_FALSE(h.app.session().review().active());
    REQUIRE(h.app.session().documents().size() == 1);
    CHECK(h.app.session().document()->spans().size() == 3);
}
