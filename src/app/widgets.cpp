// Small ImGui helpers shared by the panels. Layer: app.
#include "app/widgets.hpp"

#include "core/text/display.hpp"
#include "core/text/utf8.hpp"

#include <imgui_internal.h>

namespace gloss::app {
namespace {

int resize_callback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(static_cast<std::size_t>(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}

} // namespace

ImVec4 color_of(std::uint32_t rgba, float alpha) {
    return ImVec4(static_cast<float>((rgba >> 24) & 0xFF) / 255.0f,
                  static_cast<float>((rgba >> 16) & 0xFF) / 255.0f,
                  static_cast<float>((rgba >> 8) & 0xFF) / 255.0f, alpha);
}

void activate_text_field(ImGuiID id) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    g.NavNextActivateId = id;
    g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput;
}

bool text_input_busy() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g.IO.WantTextInput) return true;
    return g.ActiveIdPreviousFrame != 0 && g.ActiveIdPreviousFrame == g.InputTextState.ID;
}

bool input_string(const char* label, std::string& value, ImGuiInputTextFlags flags) {
    return ImGui::InputText(label, value.data(), value.capacity() + 1,
                            flags | ImGuiInputTextFlags_CallbackResize, resize_callback, &value);
}

std::string excerpt(std::string_view text, std::size_t max_bytes) {
    if (text.size() <= max_bytes) return core::visual_line(text);
    return core::visual_line(core::utf8_prefix(text, max_bytes)) + "…";
}

} // namespace gloss::app
