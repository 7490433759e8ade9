// window.gloss: exported C functions called from web/boot.js. Layer: platform/web.
//  [X] getAnnotations  [X] loadDocuments  [X] loadSchema  [X] select  [X] rectOf (layout probe)
//  [X] openFile (picker, drag and drop)  [X] exportAs  [X] loadReview (review picker)
//  [X] text input (paste, IME, insertText) into ImGui   [X] page visibility   [X] frame counts
//  [X] runCommand, the commands' toolbar and the announcements' live region (screen readers)
#include "platform/web/js_api.hpp"

#include "core/diagnostic.hpp"
#include "platform/web/autosave.hpp"

#include <emscripten.h>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace gloss::platform {
namespace {

app::App* s_app = nullptr;
std::string s_result; // storage for the last string returned to JavaScript

std::string errors_of(const core::Diagnostics& diagnostics) {
    std::string out;
    for (const core::Diagnostic& d : diagnostics) {
        if (d.severity != core::Severity::Error) continue;
        if (!out.empty()) out += "\n";
        out += d.to_string();
    }
    return out;
}

} // namespace

void set_api_app(app::App* app) {
    s_app = app;
}

} // namespace gloss::platform

using gloss::platform::s_app;
using gloss::platform::s_result;

extern "C" {

// Gloss JSONL of every document.
EMSCRIPTEN_KEEPALIVE const char* gloss_get_annotations() {
    s_result = s_app ? s_app->annotations_jsonl() : std::string();
    return s_result.c_str();
}

// Replaces the documents; returns "" or the errors (the session is then unchanged).
EMSCRIPTEN_KEEPALIVE const char* gloss_load_documents(const char* jsonl, const char* source) {
    if (!s_app) return "not ready";
    s_result = gloss::platform::errors_of(s_app->load_documents(jsonl, source));
    return s_result.c_str();
}

// Adds documents; on_clash "replace", "keep", "skip", or "" (a clash is then an error).
EMSCRIPTEN_KEEPALIVE const char* gloss_add_documents(const char* jsonl, const char* source,
                                                     const char* on_clash) {
    if (!s_app) return "not ready";
    using OnClash = gloss::app::Session::OnClash;
    std::string_view choice = on_clash ? on_clash : "";
    std::optional<OnClash> policy;
    if (choice == "replace") policy = OnClash::Replace;
    if (choice == "keep") policy = OnClash::KeepBoth;
    if (choice == "skip") policy = OnClash::Skip;
    s_result =
        gloss::platform::errors_of(s_app->opener().add_documents_jsonl(jsonl, source, policy));
    return s_result.c_str();
}

// Files chosen or dropped together, as raw bytes (invalid UTF-8 must reach the reader intact
// to be reported): each is added to a batch, then opened at once (so a brat .ann finds its
// .txt, and a failure opens none of them).
static std::vector<gloss::io::NamedFile> s_open_batch;

EMSCRIPTEN_KEEPALIVE void gloss_open_batch_add(const char* name, const char* bytes, int size) {
    if (size < 0) return;
    s_open_batch.push_back({name, std::string(bytes, static_cast<std::size_t>(size))});
}

EMSCRIPTEN_KEEPALIVE const char* gloss_open_batch_finish() {
    std::vector<gloss::io::NamedFile> files = std::move(s_open_batch);
    s_open_batch.clear();
    if (!s_app) return "not ready";
    s_result = gloss::platform::errors_of(s_app->opener().open_files(std::move(files)));
    return s_result.c_str();
}

// Starts review mode from several annotators' Gloss JSONL texts, given as a JSON array of
// [annotator, jsonl] pairs; returns "" or the errors (the session is then unchanged).
EMSCRIPTEN_KEEPALIVE const char* gloss_load_review(const char* versions_json, const char* source) {
    if (!s_app) return "not ready";
    std::vector<std::pair<std::string, std::string>> versions;
    auto parsed = nlohmann::json::parse(versions_json, nullptr, false);
    bool ok = parsed.is_array();
    for (const auto& pair : ok ? parsed : nlohmann::json::array()) {
        ok =
            ok && pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string();
        if (ok) versions.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
    if (!ok) {
        s_result = std::string(source) + ": review needs [[annotator, jsonl], ...]";
        return s_result.c_str();
    }
    s_result = gloss::platform::errors_of(s_app->load_review_jsonl(versions));
    return s_result.c_str();
}

// The current document's undo history: {"position": n, "steps": ["add PERSON", ...]}.
EMSCRIPTEN_KEEPALIVE const char* gloss_history() {
    nlohmann::json out = {{"position", 0}, {"steps", nlohmann::json::array()}};
    if (s_app && s_app->session().document()) {
        const auto& history = s_app->session().document()->history();
        out["position"] = history.position();
        for (const auto& group : history.groups())
            out["steps"].push_back(group.name);
    }
    s_result = out.dump();
    return s_result.c_str();
}

// What the interface shows: {"document": id, "index": i, "caret": n, "saveState": "...",
// "error": "...", "assist": bool, "assistBusy": bool, "suggestions": n} (the error bar's text,
// empty when none; whether Assist is on, and still searching the document; the pending
// suggestions).
EMSCRIPTEN_KEEPALIVE const char* gloss_state() {
    nlohmann::json out = {{"document", nullptr}, {"index", 0},      {"caret", 0},
                          {"saveState", ""},     {"error", ""},     {"assist", false},
                          {"assistBusy", false}, {"suggestions", 0}};
    if (s_app) {
        if (const auto* doc = s_app->session().document()) out["document"] = doc->id;
        out["index"] = s_app->session().current_index();
        out["caret"] = s_app->session().caret();
        out["error"] = s_app->error();
        out["assist"] = s_app->session().assist().enabled();
        out["assistBusy"] = s_app->session().assist().busy();
        out["suggestions"] = s_app->session().assist().pending().size();
        if (auto* a = gloss::platform::autosave()) out["saveState"] = a->state();
        const auto& session = s_app->session();
        out["documents"] = session.documents().size();
        out["done"] = session.done_count();
        out["readOnly"] = session.read_only();
        out["instructionsOpen"] = s_app->task().instructions_open();
        out["annotator"] = session.annotator;
        // What is selected: a span ({start, end, spanId, label}), a range of text ({start, end,
        // spanId: null, label: null}), or nothing (null).
        out["selection"] = nullptr;
        const auto* document = session.document();
        if (const auto* span = document ? document->spans().find(session.selected_span()) : nullptr)
            out["selection"] = {{"start", span->start},
                                {"end", span->end},
                                {"spanId", span->string_id.empty()
                                               ? nlohmann::json(span->id)
                                               : nlohmann::json(span->string_id)},
                                {"label", span->label}};
        else if (!session.selection().empty())
            out["selection"] = {{"start", session.selection().start},
                                {"end", session.selection().end},
                                {"spanId", nullptr},
                                {"label", nullptr}};
        out["announcement"] = s_app->announcement();
        out["paletteOpen"] = s_app->palette_open();
        out["searchOpen"] = s_app->search_open();
        nlohmann::json projects = nlohmann::json::array();
        for (const auto& p : s_app->projects())
            projects.push_back(
                {{"key", p.key}, {"name", p.name}, {"current", p.current}, {"problem", p.problem}});
        out["projects"] = projects;
        out["projectsOpen"] = s_app->projects_open();
        out["review"] = nullptr;
        if (session.review().active()) {
            nlohmann::json resolved = nlohmann::json::array();
            for (const auto& r : session.review().resolutions())
                resolved.push_back(r ? nlohmann::json(session.review().annotators()[*r]) : nullptr);
            out["review"] = {{"annotators", session.review().annotators()},
                             {"disagreements", session.review().disagreements().size()},
                             {"current", session.review().current()},
                             {"resolvedBy", resolved}};
        }
        static constexpr const char* kStates[] = {"idle", "sending", "waiting", "submitted"};
        out["submission"] = {{"state", kStates[static_cast<int>(s_app->task().submission_state())]},
                             {"message", s_app->task().submission_message()},
                             {"code", s_app->task().completion_code()},
                             {"canSubmit", s_app->task().can_submit()}};
    }
    s_result = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return s_result.c_str();
}

// Runs a command of the table by its id (docs/KEYBOARD.md): 1 when it ran, 0 when there is no
// such command or it does not apply now (the announcement says which).
EMSCRIPTEN_KEEPALIVE int gloss_run_command(const char* id) {
    return s_app && s_app->run_command(id) ? 1 : 0;
}

// The commands the page's toolbar offers: [{id, name, keys, when}] of those that apply to the
// whole page (anywhere or in the article, not families of keys), and the Ctrl keys the app
// takes, as KeyboardEvent.key names the page keeps from the browser.
EMSCRIPTEN_KEEPALIVE const char* gloss_commands() {
    nlohmann::json list = nlohmann::json::array();
    if (s_app)
        for (const gloss::app::Command& c : gloss::app::commands()) {
            if (!c.run ||
                (c.when != gloss::app::Context::Anywhere && c.when != gloss::app::Context::Article))
                continue;
            list.push_back({{"id", c.id},
                            {"name", c.name},
                            {"keys", gloss::app::keys_text(c, s_app->session().schema)},
                            {"when", gloss::app::context_text(c.when)}});
        }
    s_result = nlohmann::json{{"commands", list}, {"ctrlKeys", gloss::app::ctrl_keys_for_browser()}}
                   .dump();
    return s_result.c_str();
}

// How many announcements the app has made (a new one since the page last looked: read it with
// gloss_announcement).
EMSCRIPTEN_KEEPALIVE double gloss_announcements() {
    return s_app ? static_cast<double>(s_app->announcements()) : 0;
}
EMSCRIPTEN_KEEPALIVE const char* gloss_announcement() {
    s_result = s_app ? s_app->announcement() : std::string();
    return s_result.c_str();
}

// Every document in a format: JSON {"files": [{"name", "text"}]} or {"error": "..."}.
EMSCRIPTEN_KEEPALIVE const char* gloss_export_as(const char* format) {
    if (!s_app) return "{\"error\":\"not ready\"}";
    auto files = s_app->export_as(format);
    nlohmann::json out;
    if (!files) {
        out["error"] = s_app->error();
        out["assistBusy"] = s_app->session().assist().busy();
        out["suggestions"] = s_app->session().assist().pending().size();
    } else {
        out["files"] = nlohmann::json::array();
        for (const auto& f : *files)
            out["files"].push_back({{"name", f.name}, {"text", f.bytes}});
    }
    s_result = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return s_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* gloss_load_schema(const char* json, const char* source) {
    if (!s_app) return "not ready";
    s_result = gloss::platform::errors_of(s_app->load_schema(json, source));
    return s_result.c_str();
}

EMSCRIPTEN_KEEPALIVE int gloss_select(const char* doc_id, double start, double end) {
    if (!s_app || start < 0 || end < 0) return 0;
    return s_app->select(doc_id, static_cast<std::size_t>(start), static_cast<std::size_t>(end));
}

// Canvas rectangle (CSS pixels) of code point `cp` of the current document as JSON, or "null"
// when it is not on screen.
EMSCRIPTEN_KEEPALIVE const char* gloss_rect_of(double cp) {
    s_result = "null";
    if (!s_app || cp < 0) return s_result.c_str();
    if (auto r = s_app->article_view().rect_of(s_app->session(), static_cast<std::size_t>(cp))) {
        // The interface draws in device pixels; the page thinks in CSS pixels.
        double scale = s_app->ui_scale();
        char buf[160];
        std::snprintf(buf, sizeof buf, "{\"x\":%.2f,\"y\":%.2f,\"width\":%.2f,\"height\":%.2f}",
                      r->x / scale, r->y / scale, r->width / scale, r->height / scale);
        s_result = buf;
    }
    return s_result.c_str();
}

// A task link's settings (web/campaign.js): {"preview", "canSubmit", "label", "annotator"}.
EMSCRIPTEN_KEEPALIVE void gloss_set_campaign(const char* json) {
    if (!s_app) return;
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (!parsed.is_object()) return;
    gloss::app::Campaign campaign;
    campaign.active = true;
    campaign.preview = parsed.value("preview", false);
    campaign.can_submit = parsed.value("canSubmit", false);
    campaign.label = parsed.value("label", std::string());
    std::string annotator = parsed.value("annotator", std::string());
    if (!annotator.empty()) s_app->session().annotator = annotator;
    s_app->task().set_campaign(std::move(campaign));
}

EMSCRIPTEN_KEEPALIVE void gloss_set_instructions(const char* text) {
    if (s_app) s_app->task().set_instructions(text);
}

// The projects of this browser (web/boot.js): [{"key", "name", "current", "problem"}].
EMSCRIPTEN_KEEPALIVE void gloss_set_projects(const char* json) {
    if (!s_app) return;
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (!parsed.is_array()) return;
    std::vector<gloss::app::ProjectInfo> projects;
    for (const auto& item : parsed) {
        if (!item.is_object()) continue;
        gloss::app::ProjectInfo project;
        project.key = item.value("key", std::string());
        project.name = item.value("name", std::string());
        project.current = item.value("current", false);
        project.problem = item.value("problem", std::string());
        projects.push_back(std::move(project));
    }
    s_app->set_projects(std::move(projects));
}

EMSCRIPTEN_KEEPALIVE void gloss_show_error(const char* text) {
    if (s_app) s_app->show_error(text);
}

// Presses Submit (window.gloss.submit); 1 when the results went to web/campaign.js.
EMSCRIPTEN_KEEPALIVE int gloss_submit() {
    return s_app && s_app->task().submit() ? 1 : 0;
}

// What web/campaign.js reports about the submission: state 0 idle, 1 sending, 2 waiting to
// retry, 3 submitted.
EMSCRIPTEN_KEEPALIVE void gloss_set_submission(int state, const char* message, const char* code) {
    if (!s_app || state < 0 || state > 3) return;
    s_app->task().set_submission(static_cast<gloss::app::SubmitState>(state), message, code);
}

// Text the browser delivered outside keypress events (paste, IME composition, insertText).
EMSCRIPTEN_KEEPALIVE void gloss_input_text(const char* utf8) {
    if (!s_app || !ImGui::GetCurrentContext()) return;
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    s_app->frames().request();
}

// The page was hidden (1 when shown again): active time stops counting meanwhile.
EMSCRIPTEN_KEEPALIVE void gloss_set_page_visible(int visible) {
    if (s_app) s_app->task().set_page_visible(visible != 0);
}

// Frames the app ran and rendered since it started, and the size of the last one's draw data:
// {"run", "rendered", "vertices", "indices", "commands"}.
EMSCRIPTEN_KEEPALIVE const char* gloss_frame_counts() {
    nlohmann::json out = {
        {"run", 0}, {"rendered", 0}, {"vertices", 0}, {"indices", 0}, {"commands", 0}};
    if (s_app) {
        out["run"] = s_app->frames().frames();
        out["rendered"] = s_app->frames().rendered();
    }
    if (const ImDrawData* data = ImGui::GetCurrentContext() ? ImGui::GetDrawData() : nullptr) {
        out["vertices"] = data->TotalVtxCount;
        out["indices"] = data->TotalIdxCount;
        int commands = 0;
        for (const ImDrawList* list : data->CmdLists)
            commands += list->CmdBuffer.Size;
        out["commands"] = commands;
    }
    s_result = out.dump();
    return s_result.c_str();
}

} // extern "C"
