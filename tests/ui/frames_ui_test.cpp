// Frames on demand: the app asks for no frames while nothing happens, every kind of event asks for
// some, they stop again once the picture has settled, and what settled is what a forced frame would
// draw (nothing stale). Time is simulated: Harness::run_on_demand runs frames only when the app's
// FramePacer asks for them, as web/boot.js does.
#include "harness.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>

using gloss::test::Harness;
namespace app = gloss::app;

namespace {

const char* const kDoc = R"({"id":"n1","text":"Renée Fontaine met 🎉 Antony Blinken in Zürich. )"
                         R"(“We talk,” Blinken said."})"
                         "\n";

// Runs what the app asks for until it asks for nothing more.
void settle(Harness& h) {
    h.run_on_demand(30.0);
    REQUIRE(h.app.frames().next_delay() < 0);
}

void key(ImGuiKey k, bool down) {
    ImGui::GetIO().AddKeyEvent(k, down);
}

// After an event: frames come, then stop; the settled picture is what a forced frame draws.
void expect_frames_then_idle(Harness& h, const std::function<void()>& event) {
    settle(h);
    REQUIRE(h.run_on_demand(2.0) == 0);
    event();
    CHECK(h.run_on_demand(5.0) > 0);
    CHECK(h.run_on_demand(2.0) == 0);
    std::uint64_t rendered = h.rendered();
    h.frame();
    CHECK(h.rendered() == rendered);
}

} // namespace

TEST_CASE("an idle app asks for no frames") {
    Harness h;
    REQUIRE(h.app.load_documents(kDoc, "doc.jsonl").empty());
    settle(h);
    CHECK(h.run_on_demand(2.0) == 0);
    CHECK(h.app.frames().next_delay() < 0);
    // A frame forced anyway (a browser may run one) is not rendered: the picture is the same.
    std::uint64_t rendered = h.rendered();
    h.frame();
    CHECK(h.rendered() == rendered);
}

TEST_CASE("every kind of event asks for frames, and they stop again") {
    Harness h;
    REQUIRE(h.app.load_documents(kDoc, "doc.jsonl").empty());
    settle(h);

    SECTION("a key") {
        expect_frames_then_idle(h, [] {
            key(ImGuiKey_RightArrow, true);
            key(ImGuiKey_RightArrow, false);
        });
        CHECK(h.app.session().caret() == 1);
    }
    SECTION("a held key keeps frames coming (ImGui repeats it) until it is released") {
        settle(h);
        key(ImGuiKey_RightArrow, true);
        CHECK(h.run_on_demand(1.0) >= 50);
        CHECK(h.app.session().caret() > 5);
        expect_frames_then_idle(h, [] { key(ImGuiKey_RightArrow, false); });
    }
    SECTION("the mouse: move, button, wheel") {
        ImVec2 p = h.point_of(3);
        expect_frames_then_idle(h, [&] { ImGui::GetIO().AddMousePosEvent(p.x, p.y); });
        expect_frames_then_idle(h, [] {
            ImGui::GetIO().AddMouseButtonEvent(ImGuiMouseButton_Left, true);
            ImGui::GetIO().AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        });
        CHECK(h.app.session().caret() == 3);
        expect_frames_then_idle(h, [] { ImGui::GetIO().AddMouseWheelEvent(0, -1); });
    }
    SECTION("text input") {
        expect_frames_then_idle(h, [] { ImGui::GetIO().AddInputCharactersUTF8("é"); });
    }
    SECTION("the window API and the platform's reports") {
        expect_frames_then_idle(h, [&] { h.app.select("n1", 19, 37); });
        CHECK(h.app.session().selection().start == 19);
        expect_frames_then_idle(h, [&] {
            h.app.load_documents(R"({"id":"n2","text":"Léa visited Cairo."})"
                                 "\n",
                                 "more.jsonl");
        });
        expect_frames_then_idle(h, [&] { h.app.opener().open_file("note.txt", "A plain note."); });
        expect_frames_then_idle(h, [&] { h.app.show_error("Something to say"); });
        expect_frames_then_idle(h, [&] { h.app.set_dark(true); });
        expect_frames_then_idle(h, [&] { h.app.task().set_instructions("# Tag people"); });
        expect_frames_then_idle(h, [&] { h.app.task().set_instructions_open(false); });
        expect_frames_then_idle(h, [&] {
            app::Campaign campaign;
            campaign.active = true;
            campaign.can_submit = true;
            h.app.task().set_campaign(campaign);
        });
        expect_frames_then_idle(
            h, [&] { h.app.task().set_submission(app::SubmitState::Waiting, "retrying in 2 s"); });
        expect_frames_then_idle(h, [&] { h.app.task().set_page_visible(false); });
        auto snapshot = h.app.snapshot();
        expect_frames_then_idle(h, [&] { h.app.restore(snapshot.project, snapshot.view); });
        expect_frames_then_idle(h, [&] { h.app.set_ui_scale(2.0f); });
    }
    SECTION("review mode") {
        std::string a =
            R"({"id":"n1","text":"Léa met Blinken.","spans":[{"start":0,"end":3,"label":"PERSON"}]})"
            "\n";
        std::string b =
            R"({"id":"n1","text":"Léa met Blinken.","spans":[{"start":8,"end":15,"label":"PERSON"}]})"
            "\n";
        expect_frames_then_idle(h, [&] { h.app.load_review_jsonl({{"ann", a}, {"bob", b}}); });
        CHECK(h.app.session().review().active());
    }
    SECTION("a timer asked for (the autosave's settling time)") {
        h.app.frames().request_in(0.3);
        CHECK(h.run_on_demand(0.25) == 0); // not before it runs out
        CHECK(h.run_on_demand(1.0) >= 1);
        CHECK(h.run_on_demand(2.0) == 0);
    }
}

TEST_CASE("Assist keeps frames coming while it searches, then stops") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    REQUIRE(h.app
                .load_documents(R"({"id":"g","text":"Secretary anthony blinkenbut said between )"
                                R"(Israel and Israel that talks were “very active,” he said."})"
                                "\n",
                                "garbled.jsonl")
                .empty());
    int frames = h.run_on_demand(30.0);
    CHECK(frames > 0);
    CHECK_FALSE(h.app.session().assist().busy());
    CHECK_FALSE(h.app.session().assist().pending().empty());
    CHECK(h.run_on_demand(2.0) == 0);
}

TEST_CASE("a label key is applied and drawn in the frame that handles it") {
    Harness h;
    REQUIRE(h.app.load_documents(kDoc, "doc.jsonl").empty());
    h.app.select("n1", 0, 14);
    settle(h);
    std::uint64_t before = h.rendered();
    key(ImGuiKey_P, true);
    key(ImGuiKey_P, false);
    h.frame(); // takes the key down
    REQUIRE(h.app.session().document()->spans().size() == 1);
    CHECK(h.rendered() == before + 1);
    // Nothing the label changes is left for a later frame: the key up and a forced frame draw
    // the same picture.
    h.frame();
    h.frame();
    CHECK(h.rendered() == before + 1);
}

TEST_CASE("a text field's blinking caret asks for a frame per blink, not for every frame") {
    Harness h;
    REQUIRE(h.app.load_documents(kDoc, "doc.jsonl").empty());
    settle(h);
    key(ImGuiMod_Ctrl, true);
    key(ImGuiKey_F, true);
    h.run_on_demand(0.5);
    key(ImGuiKey_F, false);
    key(ImGuiMod_Ctrl, false);
    h.run_on_demand(0.5);
    REQUIRE(h.app.search_open());
    REQUIRE(ImGui::GetIO().WantTextInput);
    std::uint64_t rendered = h.rendered();
    int frames = h.run_on_demand(2.4); // two blinks: 0.8 s shown, 0.4 s hidden
    CHECK(frames >= 4);
    CHECK(frames <= 10);
    CHECK(h.rendered() - rendered >= 4);
    CHECK(h.rendered() - rendered <= 6);
}
