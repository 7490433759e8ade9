// Headless UI harness implementation. Tests only.
#include "harness.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gloss::test {
namespace {

// ImGui reads Ctrl/Shift/Alt from the ImGuiMod_* keys; backends send them with the keys.
ImGuiKey mod_of(ImGuiKey key) {
    switch (key) {
    case ImGuiKey_LeftCtrl:
    case ImGuiKey_RightCtrl:
        return ImGuiMod_Ctrl;
    case ImGuiKey_LeftShift:
    case ImGuiKey_RightShift:
        return ImGuiMod_Shift;
    case ImGuiKey_LeftAlt:
    case ImGuiKey_RightAlt:
        return ImGuiMod_Alt;
    default:
        return ImGuiKey_None;
    }
}

void key_event(ImGuiKey key, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    if (ImGuiKey mod = mod_of(key); mod != ImGuiKey_None) io.AddKeyEvent(mod, down);
    io.AddKeyEvent(key, down);
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

Harness::Harness(float width, float height) {
    m_context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    // Suggestions would add spans to every test's documents; assist_ui_test turns them on.
    app.session().assist().set_enabled(false);
    std::string font = read(GLOSS_FONT_PATH);
    if (!app.load_fonts(font.data(), font.size(), 1.0f))
        throw std::runtime_error("font did not load");
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    app.set_dark(false);
    app.load_schema(read(std::string(GLOSS_ASSETS_DIR) + "/schema/default.json"), "default.json");
    app.load_documents(read(std::string(GLOSS_ASSETS_DIR) + "/samples/sample.jsonl"),
                       "sample.jsonl");
    frames(2);
}

Harness::~Harness() {
    ImGui::DestroyContext(m_context);
}

void Harness::frame() {
    step(1.0 / 60.0);
}

void Harness::step(double seconds) {
    ImGui::GetIO().DeltaTime = static_cast<float>(seconds);
    app.update_fonts();
    ImGui::NewFrame();
    app.frame();
    ImGui::Render();
    app.end_frame(ImGui::GetDrawData());
}

int Harness::run_on_demand(double seconds) {
    int ran = 0;
    for (double elapsed = 0;;) {
        double delay = app.frames().next_delay();
        if (delay < 0) return ran;
        // An animation frame comes a display refresh later at the soonest.
        double step_s = std::max(delay, 1.0 / 60.0);
        if (elapsed + step_s > seconds) return ran;
        elapsed += step_s;
        host.clock_ms += static_cast<std::int64_t>(step_s * 1000.0);
        step(step_s);
        ++ran;
    }
}

ImVec2 Harness::point_of(std::size_t cp) {
    auto r = app.article_view().rect_of(app.session(), cp);
    if (!r) throw std::runtime_error("code point " + std::to_string(cp) + " is not on screen");
    return ImVec2(r->x + r->width * 0.5f, r->y + r->height * 0.5f);
}

ImVec2 Harness::caret_of(std::size_t cp) {
    auto r = app.article_view().rect_of(app.session(), cp);
    if (!r) throw std::runtime_error("code point " + std::to_string(cp) + " is not on screen");
    // The caret before a right-to-left character is at its right edge.
    bool rtl = app.article_view().layout().right_to_left_at(cp);
    return ImVec2(rtl ? r->x + r->width - 0.5f : r->x + 0.5f, r->y + r->height * 0.5f);
}

void Harness::move_to(ImVec2 p) {
    ImGui::GetIO().AddMousePosEvent(p.x, p.y);
    frame();
}

void Harness::mouse_down() {
    ImGui::GetIO().AddMouseButtonEvent(ImGuiMouseButton_Left, true);
    frame();
}

void Harness::mouse_up() {
    ImGui::GetIO().AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    frame();
}

void Harness::click(ImVec2 p) {
    move_to(p);
    mouse_down();
    mouse_up();
    frames(20); // past the double-click time
}

void Harness::double_click(ImVec2 p) {
    move_to(p);
    mouse_down();
    mouse_up();
    mouse_down();
    mouse_up();
    frames(20);
}

void Harness::drag_text(std::size_t start, std::size_t end, ImGuiKey modifier) {
    ImVec2 from = caret_of(start), to = caret_of(end);
    if (modifier != ImGuiKey_None) {
        key_event(modifier, true);
        frame();
    }
    move_to(from);
    mouse_down();
    move_to(ImVec2((from.x + to.x) * 0.5f, (from.y + to.y) * 0.5f));
    move_to(to);
    mouse_up();
    if (modifier != ImGuiKey_None) {
        key_event(modifier, false);
        frame();
    }
    frames(20);
}

void Harness::press(ImGuiKey key, ImGuiKey modifier, ImGuiKey modifier2) {
    for (ImGuiKey m : {modifier, modifier2})
        if (m != ImGuiKey_None) {
            key_event(m, true);
            frame();
        }
    key_event(key, true);
    frame();
    key_event(key, false);
    frame();
    for (ImGuiKey m : {modifier2, modifier})
        if (m != ImGuiKey_None) {
            key_event(m, false);
            frame();
        }
}

void Harness::type(const char* utf8) {
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    frame();
}

} // namespace gloss::test
