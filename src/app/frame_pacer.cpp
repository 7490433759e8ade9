// FramePacer: frames on demand. Layer: app.
#include "app/frame_pacer.hpp"

#include "app/decorations.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace gloss::app {
namespace {

// How long a held key or button keeps frames coming without any new event: long enough for
// ImGui's key repeat, short enough that a key whose release never arrived cannot keep the app
// drawing.
constexpr double kHoldSeconds = 10.0;

class Digest {
public:
    void bytes(const void* data, std::size_t size) {
        const auto* p = static_cast<const unsigned char*>(data);
        std::size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            std::uint64_t word;
            std::memcpy(&word, p + i, 8);
            mix(word);
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, p + i, size - i);
        mix(tail ^ (static_cast<std::uint64_t>(size) << 56));
    }
    template <typename T> void value(const T& v) { bytes(&v, sizeof v); }
    std::uint64_t result() const { return m_state; }

private:
    void mix(std::uint64_t word) {
        m_state = (m_state ^ word) * 0x9E3779B97F4A7C15ull;
        m_state ^= m_state >> 29;
    }
    std::uint64_t m_state = 0xCBF29CE484222325ull;
};

// Seconds until a blinking text caret next appears or disappears (ImGui's InputText: visible while
// CursorAnim mod 1.2 <= 0.8, always visible while CursorAnim <= 0 just after typing).
double until_blink(const ImGuiContext& g) {
    float anim = g.InputTextState.CursorAnim;
    if (anim <= 0.0f) return -anim;
    double phase = std::fmod(static_cast<double>(anim), 1.2);
    return phase <= 0.8 ? 0.8 - phase : 1.2 - phase;
}

bool anything_held(const ImGuiContext& g) {
    for (bool down : g.IO.MouseDown)
        if (down) return true;
    for (int key = ImGuiKey_NamedKey_BEGIN; key < ImGuiKey_NamedKey_END; ++key)
        if (ImGui::IsKeyDown(static_cast<ImGuiKey>(key))) return true;
    return false;
}

} // namespace

std::uint64_t fingerprint(const ImDrawData* data) {
    Digest digest;
    if (!data) return digest.result();
    digest.value(data->DisplayPos);
    digest.value(data->DisplaySize);
    digest.value(data->FramebufferScale);
    ImDrawCallback decorations = decoration_renderer();
    for (const ImDrawList* list : data->CmdLists) {
        digest.bytes(list->VtxBuffer.Data, list->VtxBuffer.size_in_bytes());
        digest.bytes(list->IdxBuffer.Data, list->IdxBuffer.size_in_bytes());
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            digest.value(cmd.ClipRect);
            digest.value(cmd.TextureId);
            digest.value(cmd.VtxOffset);
            digest.value(cmd.IdxOffset);
            digest.value(cmd.ElemCount);
            digest.value(cmd.UserCallback);
            // A callback draws from its user data: the decorations are part of the picture.
            if (cmd.UserCallback && cmd.UserCallback == decorations && cmd.UserCallbackData) {
                const auto* batch = static_cast<const DecorationBatch*>(cmd.UserCallbackData);
                digest.value(batch->scale);
                digest.bytes(batch->items.data(), batch->items.size() * sizeof(Decoration));
            }
        }
    }
    return digest.result();
}

double FramePacer::now() const {
    return ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
}

void FramePacer::request() {
    m_requested = true;
    if (m_wake) m_wake();
}

void FramePacer::request_in(double seconds) {
    if (seconds <= 0) {
        request();
        return;
    }
    double t = now();
    double at = t + seconds;
    // A deadline already reached (this frame is the one it asked for; end_frame forgets it)
    // must not hide a new one.
    if (m_deadline < 0 || m_deadline <= t || at < m_deadline) m_deadline = at;
}

void FramePacer::invalidate() {
    m_invalid = true;
    request();
}

bool FramePacer::end_frame(const ImDrawData* data, Work work) {
    const bool busy = work == Work::InProgress;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const double t = g.Time;
    ++m_frames;
    if (m_deadline >= 0 && m_deadline <= t) m_deadline = -1;

    bool input = g.InputEventsTrail.Size > 0;
    if (input) m_last_input = t;
    std::uint64_t digest = fingerprint(data);
    bool render = m_invalid || digest != m_fingerprint;
    m_fingerprint = digest;
    m_invalid = false;
    if (render) ++m_rendered;

    // After input or a request, a few frames; after a picture that changed by itself (an
    // animation, a timer), frames until one comes out the same.
    if (input || m_requested)
        m_settle = kSettleFrames;
    else if (render)
        m_settle = std::max(m_settle, 1);
    else if (m_settle > 0)
        --m_settle;
    m_requested = false;
    // A text field activated or left this frame: io.WantTextInput follows in the next frame's
    // NewFrame, and the platform routes the page's text input by it.
    bool text_input_changes = (g.WantTextInputNextFrame == 1) != g.IO.WantTextInput;
    m_continuous = busy || g.InputEventsQueue.Size > 0 || text_input_changes ||
                   (t - m_last_input < kHoldSeconds && anything_held(g));

    // Timers of ImGui's that change the picture without an event: hover delays after the mouse
    // last moved, and a text field's blinking caret.
    m_timer = -1;
    auto at = [&](double when) {
        if (when > t && (m_timer < 0 || when < m_timer)) m_timer = when;
    };
    const ImGuiStyle& style = g.Style;
    for (float delay : {style.HoverStationaryDelay, style.HoverDelayShort, style.HoverDelayNormal})
        at(m_last_input + delay + 0.01);
    if (g.IO.WantTextInput && g.IO.ConfigInputTextCursorBlink && g.InputTextState.ID != 0)
        at(t + until_blink(g) + 0.01);
    return render;
}

double FramePacer::next_delay() const {
    const ImGuiContext* g = ImGui::GetCurrentContext();
    bool input_queued = g && g->InputEventsQueue.Size > 0;
    if (m_requested || m_continuous || m_settle > 0 || input_queued) return 0;
    double next = m_timer < 0      ? m_deadline
                  : m_deadline < 0 ? m_timer
                                   : std::min(m_timer, m_deadline);
    if (next < 0) return -1;
    return std::max(0.0, next - now());
}

} // namespace gloss::app
