// DecorationRenderer: draws the article view's underlines with the shaders in shaders/, as an
// ImGui draw callback inside ImGui's render pass (draw_data_renderer.cpp). Layer: platform/web.
//  [X] wavy (errors) and dashed (pending) underlines   [X] clip rectangles   [X] any scale
#pragma once

namespace gloss::platform {

// Compiles the shaders and registers the callback with the app; false (and the app keeps its
// polyline fallback) when the shaders do not compile.
bool install_decoration_renderer();

} // namespace gloss::platform
