// Autosave: the session saved to IndexedDB within a second of every change, restored on
// reload. Layer: platform/web.
//  [X] save after each change (debounced ~300 ms), one write in flight at a time
//  [X] status for the status line: saving / saved at HH:MM:SS / failed (quota, private mode)
//  [X] flush when the tab is hidden; ask before closing with unsaved changes (web/boot.js)
//  [X] restore documents, spans, relations, undo history, current document, caret and scroll
//  [X] a stored project that cannot be opened is kept as it is; saves go to a new project
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
    bool unsaved() const { return m_app.session().revision() != m_saved_revision; }
    // The JavaScript side reports the end of a write.
    void write_finished(bool ok, const std::string& message);
    const std::string& state() const { return m_state; }
    // Why the stored project could not be opened (restore_saved returned false), or empty.
    const std::string& restore_problem() const { return m_restore_problem; }

private:
    void write();

    app::App& m_app;
    std::uint64_t m_saved_revision = 0;
    std::uint64_t m_writing_revision = 0;
    std::uint64_t m_seen_revision = 0;
    double m_changed_at = 0;
    bool m_in_flight = false;
    bool m_available = true;
    std::string m_state;
    std::string m_restore_problem;
};

Autosave* autosave();
void set_autosave(Autosave* autosave);

} // namespace gloss::platform
