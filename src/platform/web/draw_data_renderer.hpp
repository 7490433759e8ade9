// DrawDataRenderer: draws ImGui's draw data with WebGL2, in place of Dear ImGui's OpenGL3 backend.
// Layer: platform/web.
//  [X] sets the state it draws with and reads none back (the backend saved and restored the GL
//      state around every frame with about 25 glGet and glIsEnabled calls, each a synchronous
//      round trip to the browser's GPU process)
//  [X] one program, vertex array and pair of buffers for the page's lifetime
//  [X] the font atlas as one texture, re-specified when the atlas is rebuilt
//  [X] clip rectangles, draw callbacks (the decorations) and ImDrawCallback_ResetRenderState
#pragma once

struct ImDrawData;

namespace gloss::platform {

// Compiles the program and makes the vertex array; false (with the log on stderr) when the
// shaders do not compile. Needs the GL context current and ImGui's context created.
bool init_draw_data_renderer();

// Uploads ImGui's font atlas (built) as the texture its draw commands name.
void upload_font_atlas();

// Draws `data` into the current framebuffer (of the framebuffer size it gives); leaves the
// scissor test off.
void render_draw_data(const ImDrawData& data);

} // namespace gloss::platform
