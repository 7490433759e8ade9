// Small ImGui helpers shared by the panels. Layer: app.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace gloss::app {

// A label's RGBA colour as ImGui's float colour, with another alpha.
ImVec4 color_of(std::uint32_t rgba, float alpha = 1.0f);
// Starts text input in the field `id` on the next frame, as a click would. (SetKeyboardFocusHere
// goes through keyboard navigation, which the app leaves off so arrows belong to the article.)
void activate_text_field(ImGuiID id);
// True while a text field is active or in the frame right after it closed (the Enter or Escape
// that closed it must not also act as a shortcut).
bool text_input_busy();
// Copies `text` into a fixed text field's buffer (cut to fit, between bytes: the field shows a
// cut character as U+FFFD).
template <std::size_t N> void copy_to(char (&buffer)[N], std::string_view text) {
    std::size_t n = std::min(text.size(), N - 1);
    std::memcpy(buffer, text.data(), n);
    buffer[n] = '\0';
}
// At most `max_bytes` of the text (cut between characters), in the order it is shown.
std::string excerpt(std::string_view text, std::size_t max_bytes = 160);
// InputText on a std::string.
bool input_string(const char* label, std::string& value, ImGuiInputTextFlags flags = 0);

} // namespace gloss::app
