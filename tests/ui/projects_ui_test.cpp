// The Projects window: the projects the platform lists, with the problem of one that could not
// be opened; its buttons hand the platform what to do (open, download, delete after a second
// click, rename, new), and Escape closes it.
#include "harness.hpp"

#include <catch2/catch.hpp>
#include <imgui_internal.h>

#include <string>

using gloss::test::Harness;

namespace {

// Moves the mouse over the Projects window until the item `label` of project `key` (or of the
// window itself when `key` is empty) is hovered, and clicks it; false when it is not on screen.
bool click_in_projects(Harness& h, const std::string& key, const char* label) {
    ImGuiWindow* window = ImGui::FindWindowByName("Projects");
    if (!window) return false;
    ImGuiID seed = key.empty() ? window->ID : ImHashStr(key.c_str(), 0, window->ID);
    ImGuiID id = ImHashStr(label, 0, seed);
    ImRect r = window->Rect();
    for (float y = r.Min.y + 2; y < r.Max.y; y += 5)
        for (float x = r.Min.x + 4; x < r.Max.x; x += 10) {
            h.move_to(ImVec2(x, y));
            if (ImGui::GetHoveredID() == id) {
                h.click(ImVec2(x, y));
                return true;
            }
        }
    return false;
}

} // namespace

TEST_CASE("the Projects window hands the platform what the user chose", "[ui][projects]") {
    Harness h;
    h.app.set_projects({{"current", "My project", false, "format version 99 is newer"},
                        {"current~1", "My project (new)", true, ""}});
    h.app.set_projects_open(true);
    h.frames(3);
    REQUIRE(ImGui::FindWindowByName("Projects") != nullptr);

    // The current project can be neither opened nor deleted; the other can.
    CHECK_FALSE(click_in_projects(h, "current~1", "Delete…"));
    REQUIRE(click_in_projects(h, "current", "Download stored form"));
    REQUIRE(h.host.project_actions.size() == 1);
    CHECK(h.host.project_actions[0].action == "download");
    CHECK(h.host.project_actions[0].key == "current");

    // Delete asks first: Keep changes nothing, Delete hands it over.
    REQUIRE(click_in_projects(h, "current", "Delete…"));
    REQUIRE(click_in_projects(h, "current", "Keep"));
    CHECK(h.host.project_actions.size() == 1);
    REQUIRE(click_in_projects(h, "current", "Delete…"));
    REQUIRE(click_in_projects(h, "current", "Delete"));
    REQUIRE(h.host.project_actions.size() == 2);
    CHECK(h.host.project_actions[1].action == "delete");
    CHECK(h.host.project_actions[1].key == "current");

    REQUIRE(click_in_projects(h, "current", "Open"));
    CHECK(h.host.project_actions.back().action == "open");

    // Rename and New take the name in the field (the current project's name to start with).
    REQUIRE(click_in_projects(h, "", "Rename this one"));
    CHECK(h.host.project_actions.back().action == "rename");
    CHECK(h.host.project_actions.back().key == "current~1");
    CHECK(h.host.project_actions.back().argument == "My project (new)");
    REQUIRE(click_in_projects(h, "", "New project"));
    CHECK(h.host.project_actions.back().action == "new");
    REQUIRE(click_in_projects(h, "", "New project from files\u2026"));
    CHECK(h.host.project_actions.back().action == "new-from-files");
    CHECK(h.host.project_actions.back().argument == "My project (new)");

    h.press(ImGuiKey_Escape);
    h.frames(2);
    CHECK_FALSE(h.app.projects_open());
}
