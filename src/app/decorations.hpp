// Decorations: underlines the article view hands to a renderer of the platform (the web app
// draws them with the shaders in shaders/). Without a renderer (headless tests), the view draws
// them as ImGui polylines instead. Layer: app (no GL here).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <vector>

namespace gloss::app {

enum class DecorationStyle : std::uint8_t { Wavy = 0, Dashed = 1 };

struct Decoration {
    float x0, x1; // screen pixels
    float y;      // centre line
    ImU32 color;
    DecorationStyle style;
};

// One frame's decorations; the draw callback receives a pointer to it as user data.
struct DecorationBatch {
    std::vector<Decoration> items;
    float scale = 1.0f; // interface scale: line thickness and wave size follow it
};

// The platform's ImDrawCallback for a DecorationBatch, or null to draw polylines.
void set_decoration_renderer(ImDrawCallback callback);
ImDrawCallback decoration_renderer();

} // namespace gloss::app
