// Autosave: the session saved to IndexedDB within a second of every change, restored on
// reload. Layer: platform/web.
//  [X] save after each change (debounced ~300 ms), one write in flight at a time
//  [X] status for the status line: saving / saved at HH:MM:SS / failed (quota, private mode)
//  [X] flush when the tab is hidden; ask before closing with unsaved changes (web/boot.js)
//  [X] restore documents, spans, relations, undo history, current document, caret and scroll
//  [X] a stored project that cannot be opened is kept as it is; saves go to a new project
//  [X] the place (document, caret, scroll) saved on its own, in a small record, when only it moved
//  [X] a project another tab edits opens read-only here and saves nothing
#pragma once

#include "app/app.hpp"

#include <string>

namespace gloss::platform {

class Autosave {
public:
    explicit Autosave(app::App& app) : m_app(app) {}
    // Restores the session web/boot.js read from IndexedDB before start-up; false when there
    // was none (or it could not be restored: the app then shows why).
    bool restore_saved();
    // Called every frame: saves when the annotations changed and settled.
    void update(double now_ms);
    // Saves now if anything is unsaved (the tab is being hidden or closed).
    void flush();
    // Nothing is unsaved in a tab that is read-only because another one edits the project.
    bool unsaved() const { return !m_other_tab && m_app.session().revision() != m_saved_revision; }
    // The JavaScript side reports the end of a write.
    void write_finished(bool ok, const std::string& message);
    // The JavaScript side reports the end of a write of the place alone.
    void place_finished(bool ok);
    const std::string& state() const { return m_state; }
    // What the user must know about the start: the stored project could not be opened
    // (restore_saved returned false), or another tab edits it (this one is read-only); or empty.
    const std::string& start_notice() const { return m_start_notice; }

private:
    void write();

    app::App& m_app;
    std::uint64_t m_saved_revision = 0;
    std::uint64_t m_writing_revision = 0;
    std::uint64_t m_seen_revision = 0;
    double m_changed_at = 0;
    bool m_in_flight = false;
    bool m_available = true;
    bool m_other_tab = false; // another tab edits this project: this one saves nothing
    std::string m_state;
    std::string m_start_notice;
    // The place (App::place) seen, saved, being written; saved on its own when only it moved.
    std::string m_place_seen, m_place_saved, m_place_writing, m_writing_place;
    double m_place_changed_at = 0;
    bool m_place_in_flight = false;
};

Autosave* autosave();
void set_autosave(Autosave* autosave);

} // namespace gloss::platform
