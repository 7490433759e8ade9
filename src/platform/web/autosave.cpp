// Autosave to IndexedDB through web/boot.js (which owns the database): journal entries and
// snapshots (app::Journal). Layer: platform/web.
#include "platform/web/autosave.hpp"

#include <emscripten.h>

#include <cstdio>
#include <ctime>

// clang-format off
// A string the page prepared before start-up, as malloc'd UTF-8 the caller frees, or null:
// which = 0 the saved project, 1 the saved view, 2 the storage error, 3 why the stored project
// cannot be read at all (web/boot.js found it written by a newer Gloss, or entries missing).
// The project may be bytes (Uint8Array) or a string. (Emscripten 3.1.6 has no EM_JS_DEPS to
// pull in $stringToNewUTF8, so this uses what ccall already needs.)
EM_JS(char*, gloss_js_saved_string, (int which), {
    const saved = Module.glossSaved || {};
    const text = [saved.project, saved.view, Module.glossStorageError, saved.problem][which];
    if (!text) return 0;
    if (text instanceof Uint8Array) {
        const pointer = _malloc(text.length + 1);
        HEAPU8.set(text, pointer);
        HEAPU8[pointer + text.length] = 0;
        return pointer;
    }
    const size = lengthBytesUTF8(text) + 1;
    const pointer = _malloc(size);
    stringToUTF8(text, pointer, size);
    return pointer;
});
// The stored journal entries after the project, in order (web/boot.js read them).
EM_JS(int, gloss_js_saved_entry_count, (), {
    return ((Module.glossSaved || {}).entries || []).length;
});
EM_JS(char*, gloss_js_saved_entry, (int index), {
    const text = Module.glossSaved.entries[index];
    const size = lengthBytesUTF8(text) + 1;
    const pointer = _malloc(size);
    stringToUTF8(text, pointer, size);
    return pointer;
});
// Whether another tab of this browser edits this project (web/boot.js, Web Locks).
EM_JS(int, gloss_js_other_tab, (), { return Module.glossOtherTab ? 1 : 0; });
EM_JS(void, gloss_js_forget_saved, (), {
    Module.glossSaved = null;
});
// The stored project could not be opened: web/boot.js keeps it as it is and directs every later
// save to a new project beside it. Returns the kept project's name (malloc'd UTF-8).
EM_JS(char*, gloss_js_restore_failed, (const char* problem), {
    const name = Module.glossRestoreFailed(UTF8ToString(problem));
    const size = lengthBytesUTF8(name) + 1;
    const pointer = _malloc(size);
    stringToUTF8(name, pointer, size);
    return pointer;
});
// Appends a journal entry (asynchronous; gloss_autosave_finished reports its end, in order).
EM_JS(void, gloss_js_store_entry, (const char* entry, const char* view), {
    Module.glossStoreEntry(UTF8ToString(entry), UTF8ToString(view));
});
// A snapshot: its parts as bytes, then the commit that stores it and drops the entries it
// covers (gloss_autosave_finished reports the end), or an abort that forgets the parts.
EM_JS(void, gloss_js_snapshot_part, (const char* bytes, int length), {
    Module.glossSnapshotPart(HEAPU8.subarray(bytes, bytes + length));
});
EM_JS(void, gloss_js_snapshot_commit, (const char* view), {
    Module.glossSnapshotCommit(UTF8ToString(view));
});
EM_JS(void, gloss_js_snapshot_abort, (), { Module.glossSnapshotAbort(); });
// Asks for idle callbacks that call gloss_autosave_compact_step until it says it is done.
EM_JS(void, gloss_js_compact_soon, (), { Module.glossCompactSoon(); });
// The view alone, in a small record of its own (web/boot.js); gloss_autosave_place_finished
// reports the end.
EM_JS(void, gloss_js_store_place, (const char* view), {
    Module.glossStorePlace(UTF8ToString(view));
});
// clang-format on

namespace gloss::platform {
namespace {

Autosave* s_autosave = nullptr;
constexpr double kSettleMs = 300;       // before a snapshot or the place: bursts end first
constexpr double kRetryMs = 5000;       // after a failed write
constexpr double kCompactIdleMs = 2000; // the pause a compaction waits for
constexpr std::size_t kCompactAfterEntries = 200;
// Of a snapshot, per idle slice at most: a part becomes a Blob in about 1 ms whatever its size
// up to 128 KB, but up to 10 ms while the GPU process draws the load's first frames; 32 KB parts
// cost 1-6 ms there (bench/bench_save.mjs).
constexpr std::size_t kPartBytes = 32u << 10;

std::string clock_text() {
    std::time_t t = std::time(nullptr);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&t));
    return buf;
}

std::string take(char* text) {
    if (!text) return {};
    std::string out(text);
    std::free(text);
    return out;
}

} // namespace

Autosave* autosave() {
    return s_autosave;
}
void set_autosave(Autosave* autosave) {
    s_autosave = autosave;
}

bool Autosave::restore_saved() {
    std::string error = take(gloss_js_saved_string(2));
    if (!error.empty()) {
        m_available = false;
        m_state = "Not saved: " + error + " \u2014 use Export";
    }
    if (gloss_js_other_tab()) {
        // Read-only here: nothing of this tab is saved, so nothing of the other is overwritten.
        m_available = false;
        m_other_tab = true;
        m_state = "Read-only: open in another tab";
        m_app.set_view_only(true);
        m_start_notice =
            "This project is open in another tab of this browser, so this tab shows it "
            "read-only and saves nothing. It becomes editable by itself once the other "
            "tab is closed.";
    }
    std::string project = take(gloss_js_saved_string(0));
    std::string view = take(gloss_js_saved_string(1));
    std::string unreadable = take(gloss_js_saved_string(3));
    std::vector<std::string> entries;
    for (int i = 0, n = gloss_js_saved_entry_count(); i < n; ++i)
        entries.push_back(take(gloss_js_saved_entry(i)));
    gloss_js_forget_saved();
    if (project.empty() && unreadable.empty()) return false;
    std::string problem = unreadable;
    if (problem.empty()) {
        core::Diagnostics d = m_app.restore(project, view, entries);
        for (const core::Diagnostic& diagnostic : d)
            if (diagnostic.severity == core::Severity::Error && problem.empty())
                problem = diagnostic.to_string();
    }
    if (!problem.empty()) {
        std::string kept = take(gloss_js_restore_failed(problem.c_str()));
        m_start_notice = "The stored project \u201c" + kept +
                         "\u201d could not be opened: " + problem +
                         "\nIt is kept unchanged in this browser (Projects\u2026 offers its stored "
                         "form as a download); your work now goes to a new project beside it.";
        return false;
    }
    m_journal.stored(m_app.session(), entries.size());
    m_saved_revision = m_seen_revision = m_sent_revision = m_app.session().revision();
    m_place_saved = m_place_seen = m_app.place();
    if (!m_other_tab) m_state = "Restored";
    return true;
}

void Autosave::update(double now_ms) {
    m_now = now_ms;
    std::uint64_t revision = m_app.session().revision();
    if (revision != m_seen_revision) {
        m_seen_revision = revision;
        m_changed_at = now_ms;
    }
    std::string place = m_app.place();
    if (place != m_place_seen) {
        m_place_seen = place;
        m_place_changed_at = now_ms;
    }
    if (!m_available) return;
    if (snapshotting() && revision != m_journal.snapshot_revision()) {
        // Changed while it was being written: it would be a mix of two states. The change
        // is saved as an entry (or the snapshot starts again once the edits settle).
        abort_snapshot();
    }
    if (snapshotting() || m_snapshot_in_flight) return;
    if (now_ms < m_retry_at) {
        m_app.frames().request_in((m_retry_at - now_ms) / 1000.0);
        return;
    }
    if (revision != m_sent_revision) {
        if (!m_journal.needs_snapshot(m_app.session())) {
            io::JournalEntry entry = m_journal.take(m_app.session());
            if (entry.documents.empty()) {
                // Nothing a save keeps (read-only switched, a review's bookkeeping).
                m_sent_revision = revision;
                if (m_in_flight.empty()) m_saved_revision = revision;
            } else {
                write_entry(entry);
            }
            return;
        }
        // The whole project is needed; documents are often loaded in a burst, so wait for it.
        if (!m_in_flight.empty()) return;
        if (now_ms - m_changed_at < kSettleMs) {
            m_state = "Unsaved changes";
            m_app.frames().request_in((kSettleMs - (now_ms - m_changed_at)) / 1000.0);
            return;
        }
        start_snapshot();
        return;
    }
    if (!m_in_flight.empty()) return;
    // Compaction: the entries since the last snapshot folded into a new one, once the user has
    // paused (a change meanwhile stops it; it is tried again at the next pause).
    if (m_journal.entries_since_snapshot() >= kCompactAfterEntries) {
        if (now_ms - m_changed_at < kCompactIdleMs) {
            m_app.frames().request_in((kCompactIdleMs - (now_ms - m_changed_at)) / 1000.0);
        } else {
            start_snapshot();
            return;
        }
    }
    // Only the place moved (another document, the caret, the scroll): its small record.
    if (place == m_place_saved || m_place_in_flight) return;
    if (now_ms - m_place_changed_at < kSettleMs) {
        m_app.frames().request_in((kSettleMs - (now_ms - m_place_changed_at)) / 1000.0);
        return;
    }
    m_place_in_flight = true;
    m_place_writing = place;
    gloss_js_store_place(m_app.view_json().c_str());
}

void Autosave::flush() {
    if (!m_available || !unsaved()) return;
    if (snapshotting() || m_snapshot_in_flight) {
        // A snapshot of an older state: finish it now, then what changed goes as an entry.
        while (compact_step(1e9)) {
        }
        if (m_snapshot_in_flight) return; // the entry follows when it is stored
    }
    if (m_app.session().revision() == m_sent_revision) return; // in flight already
    if (m_journal.needs_snapshot(m_app.session())) {
        if (!m_in_flight.empty()) return;
        start_snapshot();
        while (compact_step(1e9)) {
        }
        return;
    }
    io::JournalEntry entry = m_journal.take(m_app.session());
    if (!entry.documents.empty()) write_entry(entry);
}

void Autosave::write_entry(const io::JournalEntry& entry) {
    std::uint64_t revision = m_app.session().revision();
    m_sent_revision = revision;
    m_in_flight.push_back({revision, m_app.place()});
    m_state = "Saving\u2026";
    // The place goes along: an entry is the newest record of the project.
    gloss_js_store_entry(io::write_journal_entry(entry).c_str(), m_app.view_json().c_str());
}

void Autosave::abort_snapshot() {
    m_journal.abort_snapshot();
    m_commit_ready = false;
    gloss_js_snapshot_abort();
}

void Autosave::start_snapshot() {
    m_journal.begin_snapshot(m_app.session());
    if (unsaved()) m_state = "Saving\u2026";
    gloss_js_compact_soon();
}

bool Autosave::compact_step(double budget_ms) {
    if (!snapshotting()) return false;
    if (m_app.session().revision() != m_journal.snapshot_revision()) {
        abort_snapshot();
        m_app.frames().request(); // update() decides what to save instead
        return false;
    }
    if (m_commit_ready) {
        commit_snapshot();
        return false;
    }
    double start = emscripten_get_now();
    auto within_budget = [&] { return emscripten_get_now() - start < budget_ms; };
    std::string part;
    bool done = false;
    // Small steps (8 spans, or 16 KB of text), handed over in parts small enough to become a
    // Blob quickly, as many as the budget allows.
    do {
        part.clear();
        do {
            done = m_journal.step_snapshot(part, 8);
        } while (!done && within_budget() && part.size() < kPartBytes);
        if (!part.empty()) gloss_js_snapshot_part(part.data(), static_cast<int>(part.size()));
    } while (!done && within_budget());
    if (done) m_commit_ready = true; // stored in a slice of its own
    return true;
}

void Autosave::commit_snapshot() {
    m_commit_ready = false;
    // The project as it is now: from here on, entries describe changes after it.
    std::uint64_t revision = m_journal.snapshot_revision();
    m_journal.stored(m_app.session());
    m_sent_revision = revision;
    m_in_flight.push_back({revision, m_app.place()});
    m_snapshot_in_flight = true;
    gloss_js_snapshot_commit(m_app.view_json().c_str());
}

void Autosave::write_finished(bool ok, const std::string& message) {
    if (m_in_flight.empty()) return;
    Write write = m_in_flight.front();
    m_in_flight.pop_front();
    if (m_in_flight.empty()) m_snapshot_in_flight = false;
    m_app.frames().request(); // the status line says how it went; a change meanwhile is saved next
    if (ok) {
        m_saved_revision = m_in_flight.empty() ? m_sent_revision : write.revision;
        m_place_saved = write.place; // the record holds the view too
        m_retry_at = 0;
        if (m_in_flight.empty() && !unsaved()) m_state = "Saved " + clock_text();
        return;
    }
    // Keep working in memory. What was stored before stays as it was; the next save is the
    // whole project (it covers what this write held), tried again a little later.
    m_journal.lost();
    m_sent_revision = m_saved_revision;
    m_retry_at = m_now + kRetryMs;
    m_app.frames().request_in(kRetryMs / 1000.0);
    m_state = "Not saved: " + message + " \u2014 use Export";
}

void Autosave::place_finished(bool ok) {
    m_place_in_flight = false;
    if (ok) m_place_saved = m_place_writing;
    m_app.frames().request(); // a move meanwhile is saved next
}

} // namespace gloss::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void gloss_autosave_place_finished(int ok) {
    if (auto* a = gloss::platform::autosave()) a->place_finished(ok != 0);
}

EMSCRIPTEN_KEEPALIVE void gloss_autosave_finished(int ok, const char* message) {
    if (auto* a = gloss::platform::autosave()) a->write_finished(ok != 0, message ? message : "");
}

EMSCRIPTEN_KEEPALIVE int gloss_autosave_compact_step(double budget_ms) {
    auto* a = gloss::platform::autosave();
    return a && a->compact_step(budget_ms) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void gloss_autosave_flush() {
    if (auto* a = gloss::platform::autosave()) a->flush();
}

EMSCRIPTEN_KEEPALIVE int gloss_autosave_unsaved() {
    auto* a = gloss::platform::autosave();
    return a && a->unsaved() ? 1 : 0;
}

} // extern "C"
