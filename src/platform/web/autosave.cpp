// Autosave to IndexedDB through web/boot.js (which owns the database). Layer: platform/web.
#include "platform/web/autosave.hpp"

#include <emscripten.h>

#include <cstdio>
#include <ctime>

// clang-format off
// A string the page prepared before start-up, as malloc'd UTF-8 the caller frees, or null:
// which = 0 the saved project, 1 the saved view, 2 the storage error. (Emscripten 3.1.6 has no
// EM_JS_DEPS to pull in $stringToNewUTF8, so this uses what ccall already needs.)
EM_JS(char*, gloss_js_saved_string, (int which), {
    const saved = Module.glossSaved || {};
    const text = [saved.project, saved.view, Module.glossStorageError][which];
    if (!text) return 0;
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
// Starts an asynchronous write; boot.js calls gloss_autosave_finished when it ends.
EM_JS(void, gloss_js_store_session, (const char* project, const char* view), {
    Module.glossStore(UTF8ToString(project), UTF8ToString(view));
});
// The view alone, in a small record of its own (web/boot.js); gloss_autosave_place_finished
// reports the end.
EM_JS(void, gloss_js_store_place, (const char* view), {
    Module.glossStorePlace(UTF8ToString(view));
});
// clang-format on

namespace gloss::platform {
namespace {

Autosave* s_autosave = nullptr;
constexpr double kSettleMs = 300; // a burst of edits becomes one write

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
        m_state = "Not saved: " + error + " — use Export";
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
    gloss_js_forget_saved();
    if (project.empty()) return false;
    core::Diagnostics d = m_app.restore(project, view);
    if (core::has_errors(d)) {
        std::string problem;
        for (const core::Diagnostic& diagnostic : d)
            if (diagnostic.severity == core::Severity::Error && problem.empty())
                problem = diagnostic.to_string();
        std::string kept = take(gloss_js_restore_failed(problem.c_str()));
        m_start_notice = "The stored project \u201c" + kept +
                         "\u201d could not be opened: " + problem +
                         "\nIt is kept unchanged in this browser (Projects\u2026 offers its stored "
                         "form as a download); your work now goes to a new project beside it.";
        return false;
    }
    m_saved_revision = m_seen_revision = m_app.session().revision();
    m_place_saved = m_place_seen = m_app.place();
    if (!m_other_tab) m_state = "Restored";
    return true;
}

void Autosave::update(double now_ms) {
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
    if (!m_available || m_in_flight) return;
    if (revision == m_saved_revision) {
        // Only the place moved (another document, the caret, the scroll): its small record.
        if (place == m_place_saved || m_place_in_flight) return;
        if (now_ms - m_place_changed_at < kSettleMs) {
            m_app.frames().request_in((kSettleMs - (now_ms - m_place_changed_at)) / 1000.0);
            return;
        }
        m_place_in_flight = true;
        m_place_writing = place;
        gloss_js_store_place(m_app.view_json().c_str());
        return;
    }
    if (now_ms - m_changed_at < kSettleMs) {
        m_state = "Unsaved changes";
        m_app.frames().request_in((kSettleMs - (now_ms - m_changed_at)) / 1000.0);
        return;
    }
    write();
}

void Autosave::flush() {
    if (m_available && !m_in_flight && unsaved()) write();
}

void Autosave::write() {
    app::App::Snapshot snapshot = m_app.snapshot();
    m_writing_revision = m_app.session().revision();
    m_writing_place = m_app.place();
    m_in_flight = true;
    m_state = "Saving…";
    gloss_js_store_session(snapshot.project.c_str(), snapshot.view.c_str());
}

void Autosave::write_finished(bool ok, const std::string& message) {
    m_in_flight = false;
    m_app.frames().request(); // the status line says how it went; a change meanwhile is saved next
    if (ok) {
        m_saved_revision = m_writing_revision;
        m_place_saved = m_writing_place; // the project's record holds the view too
        m_state = "Saved " + clock_text();
    } else {
        // Keep working in memory; the next change tries again.
        m_state = "Not saved: " + message + " — use Export";
    }
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

EMSCRIPTEN_KEEPALIVE void gloss_autosave_flush() {
    if (auto* a = gloss::platform::autosave()) a->flush();
}

EMSCRIPTEN_KEEPALIVE int gloss_autosave_unsaved() {
    auto* a = gloss::platform::autosave();
    return a && a->unsaved() ? 1 : 0;
}

} // extern "C"
