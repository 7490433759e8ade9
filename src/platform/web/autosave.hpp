// Autosave: the session saved to IndexedDB right after every change, restored on reload.
// Layer: platform/web.
//  [X] each change stored as a journal entry of what changed (app::Journal), one write in
//      flight at a time; a change is saved when its transaction completes
//  [X] the whole project (a snapshot) written a slice at a time in idle callbacks, when the
//      documents or the schema changed, a write failed, or enough entries piled up (compaction)
//  [X] a failed write (quota) is retried a little later, and the next save is a snapshot
//  [X] status for the status line: saving / saved at HH:MM:SS / failed (quota, private mode)
//  [X] flush when the tab is hidden; ask before closing with unsaved changes (web/boot.js)
//  [X] restore documents, spans, relations, undo history, current document, caret and scroll
//  [X] a stored project that cannot be opened is kept as it is; saves go to a new project
//  [X] the place (document, caret, scroll) saved on its own, in a small record, when only it moved
//  [X] a project another tab edits opens read-only here and saves nothing
#pragma once

#include "app/app.hpp"
#include "app/journal.hpp"

#include <deque>
#include <string>

namespace gloss::platform {

class Autosave {
public:
    explicit Autosave(app::App& app) : m_app(app) {}
    // Restores the session web/boot.js read from IndexedDB before start-up; false when there
    // was none (or it could not be restored: the app then shows why).
    bool restore_saved();
    // Called every frame: saves what changed (an entry, or starts a snapshot).
    void update(double now_ms);
    // Saves now if anything is unsaved (the tab is being hidden or closed): an entry at once;
    // a snapshot that was needed is finished in one go.
    void flush();
    // Nothing is unsaved in a tab that is read-only because another one edits the project.
    bool unsaved() const { return !m_other_tab && m_app.session().revision() != m_saved_revision; }
    // One idle slice of a snapshot, about `budget_ms` long; true while more slices remain.
    bool compact_step(double budget_ms);
    // The JavaScript side reports the end of a write (an entry or a snapshot).
    void write_finished(bool ok, const std::string& message);
    // The JavaScript side reports the end of a write of the place alone.
    void place_finished(bool ok);
    const std::string& state() const { return m_state; }
    // What the user must know about the start: the stored project could not be opened
    // (restore_saved returned false), or another tab edits it (this one is read-only); or empty.
    const std::string& start_notice() const { return m_start_notice; }

private:
    void write_entry(const io::JournalEntry& entry);
    void start_snapshot();
    void abort_snapshot();
    void commit_snapshot(); // hands the written snapshot to IndexedDB
    // A snapshot is being written, or written and waiting for its own slice to be stored.
    bool snapshotting() const { return m_journal.snapshot_running() || m_commit_ready; }

    app::App& m_app;
    app::Journal m_journal;
    std::uint64_t m_saved_revision = 0;
    std::uint64_t m_sent_revision = 0; // of the last write issued
    struct Write {
        std::uint64_t revision; // what it saves
        std::string place;      // the place it saves along (App::place)
    };
    std::deque<Write> m_in_flight; // the writes issued, in order
    std::uint64_t m_seen_revision = 0;
    double m_changed_at = 0;
    double m_retry_at = 0; // after a failed write, not before
    double m_now = 0;
    bool m_snapshot_in_flight = false; // a snapshot is being committed
    bool m_commit_ready = false;       // written, to be committed in the next slice
    bool m_available = true;
    bool m_other_tab = false; // another tab edits this project: this one saves nothing
    std::string m_state;
    std::string m_start_notice;
    // The place (App::place) seen, saved, being written; saved on its own when only it moved.
    std::string m_place_seen, m_place_saved, m_place_writing;
    double m_place_changed_at = 0;
    bool m_place_in_flight = false;
};

Autosave* autosave();
void set_autosave(Autosave* autosave);

} // namespace gloss::platform
