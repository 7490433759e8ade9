// Review mode's drawing helpers shared by the article view and the inspector. Layer: app.
#pragma once

#include <imgui.h>

#include <cstddef>

namespace gloss::app {

// The colour of annotator `index` in review mode: a small fixed palette, repeating after six.
ImU32 review_color(std::size_t index, float alpha = 1.0f);

} // namespace gloss::app
