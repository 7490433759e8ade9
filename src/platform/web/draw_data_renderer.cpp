// DrawDataRenderer: ImGui's triangles with WebGL2. Layer: platform/web.
#include "platform/web/draw_data_renderer.hpp"

#include "gloss_shaders.hpp"
#include "platform/web/gl_program.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstddef>
#include <cstdint>

namespace gloss::platform {
namespace {

GLuint s_program = 0, s_vao = 0, s_vertices = 0, s_indices = 0, s_font_texture = 0;
GLint s_projection = -1;

// Everything a draw of ImGui's triangles depends on, set without reading anything back: at the
// start of a frame and after a draw callback that asks for it.
void set_state(const ImDrawData& data, int fb_width, int fb_height) {
    glViewport(0, 0, fb_width, fb_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    // Interface pixels (DisplayPos at the top left) to clip space.
    float l = data.DisplayPos.x, r = data.DisplayPos.x + data.DisplaySize.x;
    float t = data.DisplayPos.y, b = data.DisplayPos.y + data.DisplaySize.y;
    // clang-format off
    const float projection[16] = {
        2.0f / (r - l),    0.0f,              0.0f,  0.0f,
        0.0f,              2.0f / (t - b),    0.0f,  0.0f,
        0.0f,              0.0f,              -1.0f, 0.0f,
        (r + l) / (l - r), (t + b) / (b - t), 0.0f,  1.0f,
    };
    // clang-format on
    glUseProgram(s_program);
    glUniformMatrix4fv(s_projection, 1, GL_FALSE, projection);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(s_vao);
    // The element buffer is part of the vertex array's state; the array buffer is not.
    glBindBuffer(GL_ARRAY_BUFFER, s_vertices);
}

} // namespace

bool init_draw_data_renderer() {
    s_program = link_program("ImGui", shaders::k_imgui_vertex, shaders::k_imgui_fragment,
                             {{0, "a_position"}, {1, "a_uv"}, {2, "a_color"}});
    if (!s_program) return false;
    s_projection = glGetUniformLocation(s_program, "u_projection");
    glUseProgram(s_program);
    glUniform1i(glGetUniformLocation(s_program, "u_texture"), 0);
    glGenVertexArrays(1, &s_vao);
    glGenBuffers(1, &s_vertices);
    glGenBuffers(1, &s_indices);
    glBindVertexArray(s_vao);
    glBindBuffer(GL_ARRAY_BUFFER, s_vertices);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, s_indices);
    auto attribute = [](GLuint index, GLint size, GLenum type, GLboolean normalized,
                        std::size_t offset) {
        glEnableVertexAttribArray(index);
        glVertexAttribPointer(index, size, type, normalized, sizeof(ImDrawVert),
                              reinterpret_cast<const void*>(offset));
    };
    attribute(0, 2, GL_FLOAT, GL_FALSE, offsetof(ImDrawVert, pos));
    attribute(1, 2, GL_FLOAT, GL_FALSE, offsetof(ImDrawVert, uv));
    attribute(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, offsetof(ImDrawVert, col));
    glBindVertexArray(0);
    ImGui::GetIO().BackendRendererName = "gloss_webgl2";
    return true;
}

void upload_font_atlas() {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
    if (!s_font_texture) {
        glGenTextures(1, &s_font_texture);
        glBindTexture(GL_TEXTURE_2D, s_font_texture);
        // Bilinear: ImGui's anti-aliased lines sample between texels of the atlas.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    } else {
        glBindTexture(GL_TEXTURE_2D, s_font_texture);
    }
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(s_font_texture)));
}

void render_draw_data(const ImDrawData& data) {
    ImVec2 scale = data.FramebufferScale;
    int fb_width = static_cast<int>(data.DisplaySize.x * scale.x);
    int fb_height = static_cast<int>(data.DisplaySize.y * scale.y);
    if (fb_width <= 0 || fb_height <= 0 || !s_program) return;
    set_state(data, fb_width, fb_height);
    ImTextureID bound = nullptr;
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        glBufferData(GL_ARRAY_BUFFER,
                     static_cast<GLsizeiptr>(list.VtxBuffer.Size) * sizeof(ImDrawVert),
                     list.VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                     static_cast<GLsizeiptr>(list.IdxBuffer.Size) * sizeof(ImDrawIdx),
                     list.IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
                    set_state(data, fb_width, fb_height);
                    bound = nullptr;
                } else {
                    cmd.UserCallback(&list, &cmd);
                }
                continue;
            }
            // The clip rectangle in framebuffer pixels (GL's y runs upwards).
            float x0 = (cmd.ClipRect.x - data.DisplayPos.x) * scale.x;
            float y0 = (cmd.ClipRect.y - data.DisplayPos.y) * scale.y;
            float x1 = (cmd.ClipRect.z - data.DisplayPos.x) * scale.x;
            float y1 = (cmd.ClipRect.w - data.DisplayPos.y) * scale.y;
            if (x1 <= x0 || y1 <= y0) continue;
            glScissor(static_cast<GLint>(x0),
                      static_cast<GLint>(static_cast<float>(fb_height) - y1),
                      static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
            if (cmd.GetTexID() != bound) {
                bound = cmd.GetTexID();
                glBindTexture(GL_TEXTURE_2D,
                              static_cast<GLuint>(reinterpret_cast<std::intptr_t>(bound)));
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                           sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<const void*>(cmd.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
    glBindVertexArray(0);
    // The next frame's glClear must reach the whole canvas.
    glDisable(GL_SCISSOR_TEST);
}

} // namespace gloss::platform
