// DecorationRenderer: one quad per underline, shaded by distance to a sine or dashed line.
// Layer: platform/web.
#include "platform/web/decoration_renderer.hpp"

#include "app/decorations.hpp"
#include "gloss_shaders.hpp"
#include "platform/web/gl_program.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstddef>
#include <vector>

namespace gloss::platform {
namespace {

struct Vertex {
    float x, y;          // framebuffer pixels
    float along, across; // pixels along the decoration and from its centre line
    float r, g, b, a;
    float style;
};

GLuint s_program = 0, s_vao = 0, s_vbo = 0;
GLint s_display_size = -1, s_scale = -1;
std::vector<Vertex> s_vertices;

void render(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* batch = static_cast<const app::DecorationBatch*>(cmd->UserCallbackData);
    const ImDrawData* data = ImGui::GetDrawData();
    if (!batch || batch->items.empty() || !data) return;
    ImVec2 origin = data->DisplayPos, scale = data->FramebufferScale;
    float fb_height = data->DisplaySize.y * scale.y;
    // The backend does not scissor callbacks: clip to the command's rectangle ourselves.
    ImVec4 clip = cmd->ClipRect;
    glEnable(GL_SCISSOR_TEST);
    glScissor(static_cast<GLint>((clip.x - origin.x) * scale.x),
              static_cast<GLint>(fb_height - (clip.w - origin.y) * scale.y),
              static_cast<GLsizei>((clip.z - clip.x) * scale.x),
              static_cast<GLsizei>((clip.w - clip.y) * scale.y));

    const float half = 4.0f * batch->scale; // quad half-height: room for the wave and its edge
    s_vertices.clear();
    for (const app::Decoration& d : batch->items) {
        ImVec4 c = ImGui::ColorConvertU32ToFloat4(d.color);
        float style = static_cast<float>(d.style);
        float x0 = (d.x0 - origin.x) * scale.x, x1 = (d.x1 - origin.x) * scale.x;
        float y = (d.y - origin.y) * scale.y;
        float length = x1 - x0;
        Vertex a{x0, y - half, 0, -half, c.x, c.y, c.z, c.w, style};
        Vertex b{x1, y - half, length, -half, c.x, c.y, c.z, c.w, style};
        Vertex e{x1, y + half, length, half, c.x, c.y, c.z, c.w, style};
        Vertex f{x0, y + half, 0, half, c.x, c.y, c.z, c.w, style};
        s_vertices.insert(s_vertices.end(), {a, b, e, a, e, f});
    }
    glUseProgram(s_program);
    glUniform2f(s_display_size, data->DisplaySize.x * scale.x, data->DisplaySize.y * scale.y);
    glUniform1f(s_scale, batch->scale * scale.x);
    glBindVertexArray(s_vao);
    glBindBuffer(GL_ARRAY_BUFFER, s_vbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(s_vertices.size() * sizeof(Vertex)),
                 s_vertices.data(), GL_STREAM_DRAW);
    glDrawArrays(GL_TRIANGLES, 0, static_cast<GLsizei>(s_vertices.size()));
    glBindVertexArray(0);
}

} // namespace

bool install_decoration_renderer() {
    s_program =
        link_program("decoration", shaders::k_decoration_vertex, shaders::k_decoration_fragment,
                     {{0, "a_position"}, {1, "a_local"}, {2, "a_color"}, {3, "a_style"}});
    if (!s_program) return false;
    s_display_size = glGetUniformLocation(s_program, "u_display_size");
    s_scale = glGetUniformLocation(s_program, "u_scale");
    glGenVertexArrays(1, &s_vao);
    glGenBuffers(1, &s_vbo);
    glBindVertexArray(s_vao);
    glBindBuffer(GL_ARRAY_BUFFER, s_vbo);
    auto attribute = [](GLuint index, GLint size, std::size_t offset) {
        glEnableVertexAttribArray(index);
        glVertexAttribPointer(index, size, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                              reinterpret_cast<const void*>(offset));
    };
    attribute(0, 2, offsetof(Vertex, x));
    attribute(1, 2, offsetof(Vertex, along));
    attribute(2, 4, offsetof(Vertex, r));
    attribute(3, 1, offsetof(Vertex, style));
    glBindVertexArray(0);
    app::set_decoration_renderer(render);
    return true;
}

} // namespace gloss::platform
