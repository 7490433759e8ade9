// TaskLink: a session opened from a task link (a crowdsourcing campaign) — the campaign bar
// (preview notice, Submit, the submission's state, the completion code), the instructions
// panel, the submission's payload, and the active time spent on each document. It owns that
// state, reads the session, and says when the answers are frozen (a preview, or work submitted
// or on its way). Layer: app.
#pragma once

#include "app/fonts.hpp"
#include "app/frame_pacer.hpp"
#include "app/host.hpp"
#include "app/session.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace gloss::app {

struct Campaign {
    bool active = false;     // opened from a task link
    bool preview = false;    // shown read-only (Mechanical Turk's ASSIGNMENT_ID_NOT_AVAILABLE)
    bool can_submit = false; // the link says where results go (submit= or turkSubmitTo=)
    std::string label;       // what the status line says about the task ("HIT 3X…")
};

enum class SubmitState { Idle, Sending, Waiting, Submitted };

class TaskLink {
public:
    // Called whenever frozen() may have changed.
    using FrozenChanged = std::function<void()>;
    TaskLink(Session& session, FramePacer& frames, Host& host, FontAtlas& fonts,
             FrozenChanged frozen_changed)
        : m_session(session), m_frames(frames), m_host(host), m_fonts(fonts),
          m_frozen_changed(std::move(frozen_changed)) {}

    void set_campaign(Campaign campaign);
    const Campaign& campaign() const { return m_campaign; }
    // The answers may not change: a preview, or work submitted or on its way.
    bool frozen() const { return m_campaign.preview || m_submit_state != SubmitState::Idle; }

    // The campaign's guidelines (plain text or the markdown subset of markdown.hpp); opens the
    // instructions panel. The panel can be reopened from the status line or with F1.
    void set_instructions(std::string text);
    const std::string& instructions() const { return m_instructions; }
    bool instructions_open() const { return m_instructions_open; }
    void set_instructions_open(bool open);

    // Submit is enabled when every document is done and nothing is on its way or sent.
    bool can_submit() const;
    // Hands the results to the host (Host::submit); false when Submit is not enabled.
    bool submit();
    std::string submission_payload() const;
    // What the platform reports: sending, waiting to retry (message says why and when), or
    // submitted (with a completion code when there is one). Submitted freezes the answers: the
    // work has left.
    void set_submission(SubmitState state, std::string message, std::string code = {});
    SubmitState submission_state() const { return m_submit_state; }
    const std::string& submission_message() const { return m_submit_message; }
    const std::string& completion_code() const { return m_completion_code; }

    // Active time spent on a document (ms): time within a minute of the last input while the
    // page is visible.
    double time_spent_ms(const std::string& doc_id) const;
    // Every document's, by id (saved with the view), and one restored.
    const std::map<std::string, double>& time_spent() const { return m_time_ms; }
    void restore_time_spent(const std::string& doc_id, double ms) { m_time_ms[doc_id] = ms; }
    // The platform says when the page is hidden (another tab, minimised) and shown again.
    void set_page_visible(bool visible);
    // Counts the time since the last frame (once per frame, before input is handled).
    void track_time();

    // The campaign bar's row and the instructions window; `scale` is the interface's.
    void draw_bar(float scale);
    void draw_instructions(float scale);

private:
    enum class Activity { Input, Quiet }; // whether this frame brings input
    void count_time(Activity activity);

    Session& m_session;
    FramePacer& m_frames;
    Host& m_host;
    FontAtlas& m_fonts;
    FrozenChanged m_frozen_changed;
    Campaign m_campaign;
    std::string m_instructions;
    bool m_instructions_open = false;
    SubmitState m_submit_state = SubmitState::Idle;
    std::string m_submit_message;
    std::string m_completion_code;
    std::map<std::string, double> m_time_ms; // per document id
    std::int64_t m_last_frame_ms = 0;
    std::int64_t m_last_input_ms = 0;
    bool m_page_visible = true;
};

} // namespace gloss::app
