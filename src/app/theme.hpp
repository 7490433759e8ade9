// Theme: colours of the article view and the ImGui style, light and dark. Layer: app.
#pragma once

#include <imgui.h>

namespace gloss::app {

struct Theme {
    bool dark = false;
    ImU32 text = IM_COL32(30, 30, 34, 255);
    ImU32 selection = IM_COL32(120, 170, 255, 90);
    ImU32 paper = IM_COL32(252, 251, 248, 255);
    ImU32 error = IM_COL32(200, 40, 40, 255);
    ImU32 search = IM_COL32(255, 214, 10, 110);
};

const Theme& current_theme();
// Applies the theme to ImGui's style and makes it current.
void apply_theme(bool dark);

} // namespace gloss::app
