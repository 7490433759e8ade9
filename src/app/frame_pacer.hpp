// FramePacer: draws only when something changed. It decides after each frame whether another is
// needed (input still queued or just handled, a change of state, a frame whose picture differs
// from the last one, work in progress, a timer of ImGui's such as a caret's blink) and whether the
// frame must be rendered at all (its draw data are the same as the picture already on screen).
// Layer: app. The web main loop and the headless UI harness both run their frames through it.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <functional>

namespace gloss::app {

class FramePacer {
public:
    // Frames drawn after the last one that changed anything: ImGui settles within a few frames
    // of an input (hover states, a window's first frame, a popup opening).
    static constexpr int kSettleFrames = 3;

    // Called whenever a frame becomes needed; the web platform schedules an animation frame (it
    // ignores a call while one is already scheduled).
    void set_wake(std::function<void()> wake) { m_wake = std::move(wake); }

    // Something changed that the screen may show: draw the next frame.
    void request();
    // Draw a frame `seconds` from now (on ImGui's clock) at the latest: a timer runs out then.
    // Asked during a frame; the platform reads next_delay() after it (no wake: a wake now would
    // run frames until the timer instead of one at its end).
    void request_in(double seconds);
    // The picture on screen is gone (the canvas was resized or cleared): render the next frame
    // even if its draw data are the same as before.
    void invalidate();

    // After ImGui::Render(): records the frame and returns whether it must be rendered (true
    // unless its draw data equal those of the picture already on screen). Work::InProgress:
    // work goes on that needs the next frame too (Assist searching the document).
    enum class Work { Idle, InProgress };
    bool end_frame(const ImDrawData* data, Work work);

    // Seconds until the next frame is needed: 0 for the next animation frame (also when input is
    // waiting in ImGui's queue); negative when no frame is needed until an event or a request.
    double next_delay() const;

    // Counters for tests and the benchmark.
    std::uint64_t frames() const { return m_frames; }
    std::uint64_t rendered() const { return m_rendered; }

private:
    double now() const;

    std::function<void()> m_wake;
    bool m_requested = true; // the first frame
    bool m_invalid = true;
    bool m_continuous = false;
    int m_settle = kSettleFrames;
    double m_deadline = -1;     // ImGui time of the earliest request_in; negative when none
    double m_timer = -1;        // ImGui time of the earliest of ImGui's own timers; likewise
    double m_last_input = -1e9; // ImGui time of the last frame that took input
    std::uint64_t m_fingerprint = 0;
    std::uint64_t m_frames = 0;
    std::uint64_t m_rendered = 0;
};

// A 64-bit digest of everything a renderer draws from `data`: vertices, indices, commands, clip
// rectangles, textures, the display's size and scale, and the decorations the article view hands
// to the platform's renderer.
std::uint64_t fingerprint(const ImDrawData* data);

} // namespace gloss::app
