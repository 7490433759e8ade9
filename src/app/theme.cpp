// Light and dark themes. Layer: app.
#include "app/theme.hpp"

namespace gloss::app {
namespace {
Theme s_theme;
}

const Theme& current_theme() {
    return s_theme;
}

void apply_theme(bool dark) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    if (dark) {
        ImGui::StyleColorsDark(&style);
        s_theme = Theme{true,
                        IM_COL32(228, 228, 232, 255),
                        IM_COL32(90, 140, 255, 110),
                        IM_COL32(28, 29, 33, 255),
                        IM_COL32(255, 110, 110, 255),
                        IM_COL32(200, 160, 0, 120)};
    } else {
        ImGui::StyleColorsLight(&style);
        s_theme = Theme{};
    }
    style.WindowRounding = 0;
    style.FrameRounding = 4;
    style.GrabRounding = 4;
    style.ChildRounding = 0;
    style.WindowBorderSize = 0;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 14;
    // The panels are paper on the window's grey. The screen is cleared to paper and only the grey
    // between and around the panels is drawn (App::paint_window_background): one layer fewer
    // for a software renderer to fill.
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
}

} // namespace gloss::app
