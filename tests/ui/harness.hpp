// Headless UI harness: an ImGui context with no renderer, the real App and fonts, and input
// helpers that read like a user ("drag across code points 12..19, press P"). Tests only.
#pragma once

#include "app/app.hpp"
#include "platform/native/memory_host.hpp"

#include <imgui.h>

#include <string>

namespace gloss::test {

class Harness {
public:
    explicit Harness(float width = 1280, float height = 800);
    ~Harness();
    Harness(const Harness&) = delete;
    Harness& operator=(const Harness&) = delete;

    platform::MemoryHost host;
    app::App app{host};

    // One frame of 1/60 s, as the web platform runs it (through the app's FramePacer).
    void frame();
    void frames(int n) {
        for (int i = 0; i < n; ++i)
            frame();
    }

    // Runs frames only when the app's FramePacer asks for them, on a simulated clock, for up to
    // `seconds`; returns how many it ran (0: the app stayed idle).
    int run_on_demand(double seconds);
    // Frames rendered (drawn to the screen) since the harness started.
    std::uint64_t rendered() const { return app.frames().rendered(); }

    // Screen position of the middle of code point `cp` (the article must be on screen).
    ImVec2 point_of(std::size_t cp);
    // Screen position just inside code point `cp`'s glyph on its leading side (a caret position:
    // the left edge, or the right edge of a right-to-left character).
    ImVec2 caret_of(std::size_t cp);
    void move_to(ImVec2 p);
    void mouse_down();
    void mouse_up();
    void click(ImVec2 p);
    void double_click(ImVec2 p);
    // Drags from the caret before `start` to the caret before `end`.
    void drag_text(std::size_t start, std::size_t end, ImGuiKey modifier = ImGuiKey_None);
    void press(ImGuiKey key, ImGuiKey modifier = ImGuiKey_None, ImGuiKey modifier2 = ImGuiKey_None);
    void type(const char* utf8);
    // The draw commands of the last frame.
    ImDrawData* draw_data() { return ImGui::GetDrawData(); }

private:
    void step(double seconds);
    ImGuiContext* m_context = nullptr;
};

} // namespace gloss::test
