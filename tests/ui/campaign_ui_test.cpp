// Task links in the interface: the instructions panel (markdown subset, F1), the read-only
// preview, Submit enabled only when every document is done, the payload handed to the host
// (documents with their spans and the active time spent on each), and submitted work locked.
#include "harness.hpp"

#include "app/markdown.hpp"
#include "io/json_value.hpp"

#include <imgui_internal.h>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using gloss::test::Harness;
namespace app = gloss::app;

namespace {

// "Renée Fontaine" is code points 0..14; the emoji at 20 is outside the BMP.
const char* const kTasks = R"({"id":"a","text":"Renée Fontaine met 🎉 Antony Blinken in Zürich."})"
                           "\n"
                           R"({"id":"b","text":"Léa Marchetti visited Cairo."})"
                           "\n";

void open_task(Harness& h, bool preview = false) {
    REQUIRE(h.app.load_documents(kTasks, "tasks.jsonl").empty());
    app::Campaign campaign;
    campaign.active = true;
    campaign.preview = preview;
    campaign.can_submit = true;
    h.app.task().set_campaign(campaign);
    h.frames(2);
}

} // namespace

TEST_CASE("markdown subset: headings, paragraphs, items, code and inline marks") {
    auto blocks = app::parse_markdown("# Title\n\nLabel every **person**\nand `place`.\n\n"
                                      "- one [guide](https://x.org/g)\n* two\n3. three\n"
                                      "```\nraw *text*\n```\n## Next\nplain *em* text\n");
    REQUIRE(blocks.size() == 8);
    CHECK(blocks[0].kind == app::MarkdownBlock::Kind::Heading);
    CHECK(blocks[0].level == 1);
    CHECK(blocks[0].text == "Title");
    CHECK(blocks[1].kind == app::MarkdownBlock::Kind::Paragraph);
    CHECK(blocks[1].text == "Label every person and place.");
    REQUIRE(blocks[1].runs.size() == 5); // "Label every ", person, " and ", place, "."
    CHECK(blocks[1].runs[1].strong);
    CHECK(blocks[1].runs[1].text == "person");
    CHECK_FALSE(blocks[1].runs[2].code);
    CHECK(blocks[1].runs[3].code);
    CHECK(blocks[1].runs[3].text == "place");
    CHECK(blocks[2].kind == app::MarkdownBlock::Kind::Bullet);
    CHECK(blocks[2].text == "one guide (https://x.org/g)");
    CHECK(blocks[3].text == "two");
    CHECK(blocks[4].kind == app::MarkdownBlock::Kind::Numbered);
    CHECK(blocks[4].level == 3);
    CHECK(blocks[5].kind == app::MarkdownBlock::Kind::Code);
    CHECK(blocks[5].text == "raw *text*");
    CHECK(blocks[6].kind == app::MarkdownBlock::Kind::Heading);
    CHECK(blocks[6].level == 2);
    CHECK(blocks[7].kind == app::MarkdownBlock::Kind::Paragraph);
    CHECK(blocks[7].text == "plain em text");
    // Plain text stays as it was; an unpaired marker is kept.
    auto plain = app::parse_markdown("Just text, 2 * 3 = 6 and a lone ` tick.");
    REQUIRE(plain.size() == 1);
    CHECK(plain[0].text == "Just text, 2 * 3 = 6 and a lone ` tick.");
}

TEST_CASE("instructions open with the task and F1 closes and reopens them") {
    Harness h;
    open_task(h);
    CHECK_FALSE(h.app.task().instructions_open());
    h.app.task().set_instructions("# Guidelines\n\nLabel **every** name.");
    h.frame();
    CHECK(h.app.task().instructions_open());
    CHECK(ImGui::FindWindowByName("Instructions") != nullptr);
    h.press(ImGuiKey_F1);
    h.frames(2);
    CHECK_FALSE(h.app.task().instructions_open());
    h.press(ImGuiKey_F1);
    h.frames(2);
    CHECK(h.app.task().instructions_open());
}

TEST_CASE("a preview is read-only: no labels, no done marks, no Submit") {
    Harness h;
    open_task(h, true);
    CHECK(h.app.session().read_only());
    h.drag_text(0, 14);
    h.frame();
    h.press(ImGuiKey_P);
    h.frames(2);
    CHECK(h.app.session().document()->spans().size() == 0);
    h.press(ImGuiKey_Enter, ImGuiKey_LeftCtrl);
    h.frames(2);
    CHECK(h.app.session().done_count() == 0);
    CHECK_FALSE(h.app.task().can_submit());
    CHECK_FALSE(h.app.task().submit());
    CHECK(h.host.submissions.empty());
    CHECK_FALSE(h.app.session().undo());
}

TEST_CASE("Submit waits for every document, hands the results over once, and locks them") {
    Harness h;
    open_task(h);
    h.drag_text(0, 14);
    h.frame();
    h.press(ImGuiKey_P);
    h.frames(2);
    REQUIRE(h.app.session().document()->spans().size() == 1);
    // Some active time on the first document: frames with input, 100 ms apart.
    for (int i = 0; i < 5; ++i) {
        h.host.clock_ms += 100;
        h.move_to(ImVec2(300.0f + static_cast<float>(i), 300));
        h.frame();
    }
    CHECK(h.app.task().time_spent_ms("a") >= 400);
    // Idle for ten minutes with no frame in between (frames come on demand): only the first
    // minute after the last input counts.
    double before_idle = h.app.task().time_spent_ms("a");
    h.host.clock_ms += 600'000;
    h.frame();
    CHECK(h.app.task().time_spent_ms("a") == Approx(before_idle + 60'000).margin(1));
    // A hidden page counts nothing, however recent the input.
    h.move_to(ImVec2(310, 300));
    h.app.task().set_page_visible(false);
    double hidden_at = h.app.task().time_spent_ms("a");
    h.host.clock_ms += 30'000;
    h.frame();
    CHECK(h.app.task().time_spent_ms("a") == hidden_at);
    h.app.task().set_page_visible(true);
    h.host.clock_ms += 100;
    h.frame();
    CHECK(h.app.task().time_spent_ms("a") == Approx(hidden_at + 100).margin(1));

    CHECK_FALSE(h.app.task().can_submit());
    h.press(ImGuiKey_Enter, ImGuiKey_LeftCtrl);
    h.frames(2);
    CHECK_FALSE(h.app.task().can_submit()); // one of two done
    h.press(ImGuiKey_Enter, ImGuiKey_LeftCtrl);
    h.frames(2);
    REQUIRE(h.app.task().can_submit());
    REQUIRE(h.app.task().submit());
    CHECK(h.app.task().submission_state() == app::SubmitState::Sending);
    CHECK(h.app.session().read_only()); // frozen as submitted
    CHECK_FALSE(h.app.task().submit()); // not twice
    REQUIRE(h.host.submissions.size() == 1);
    auto payload = nlohmann::json::parse(h.host.submissions[0]);
    REQUIRE(payload["documents"].size() == 2);
    CHECK(payload["documents"][0]["id"] == "a");
    CHECK(payload["documents"][0]["spans"][0]["text"] == "Renée Fontaine");
    CHECK(payload["documents"][0]["spans"][0]["start"] == 0);
    CHECK(payload["documents"][0]["spans"][0]["end"] == 14);
    CHECK(payload["time_spent_ms"]["a"].get<double>() >= 400);
    CHECK(payload["time_spent_ms"].contains("b"));

    // The platform retries, then reports success with a completion code.
    h.app.task().set_submission(app::SubmitState::Waiting, "retrying in 2 s");
    h.frame();
    CHECK_FALSE(h.app.task().can_submit());
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    h.frames(2);
    CHECK(h.app.session().documents()[0].spans().size() == 1); // no edit while it is on its way
    h.app.task().set_submission(app::SubmitState::Submitted, "", "GLOSS-1");
    h.frame();
    CHECK(h.app.task().completion_code() == "GLOSS-1");
    CHECK(h.app.session().read_only());
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    h.frames(2);
    CHECK(h.app.session().documents()[0].spans().size() == 1); // undo refused
}

TEST_CASE("the time spent per document survives a snapshot and restore") {
    Harness h;
    open_task(h);
    for (int i = 0; i < 3; ++i) {
        h.host.clock_ms += 200;
        h.move_to(ImVec2(320.0f + static_cast<float>(i), 300));
        h.frame();
    }
    double spent = h.app.task().time_spent_ms("a");
    REQUIRE(spent >= 400);
    auto snapshot = h.app.snapshot();
    Harness other;
    REQUIRE(other.app.restore(snapshot.project, snapshot.view).empty());
    CHECK(other.app.task().time_spent_ms("a") == spent);
}
