// App: loading, the frame and its layout, the shortcut sheet.
// Layer: app (ImGui, core, io; the platform only through Host).
#include "app/app.hpp"

#include "app/journal.hpp"
#include "app/theme.hpp"
#include "core/text/utf8.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/gloss_project.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"
#include "io/schema_io.hpp"
#include "io/zip.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <iterator>
#include <set>

namespace gloss::app {
bool App::load_fonts(const void* ttf, std::size_t size, float scale) {
    m_scale = scale;
    bool usable = m_fonts.load(std::string(static_cast<const char*>(ttf), size), scale);
    m_glyph_texts.clear();
    m_glyph_revision = ~std::uint64_t{0};
    want_session_glyphs();
    m_fonts.update();
    set_dark(m_dark);
    m_article.invalidate_layout();
    m_frames.invalidate();
    return usable;
}

void App::set_ui_scale(float scale) {
    if (scale <= 0 || scale == m_scale) return;
    m_scale = scale;
    m_fonts.set_scale(scale);
    set_dark(m_dark);
    m_frames.invalidate();
}

bool App::update_fonts() {
    want_session_glyphs();
    if (!m_fonts.update()) return false;
    m_article.invalidate_layout();
    m_frames.invalidate();
    return true;
}

void App::want_session_glyphs() {
    // Texts are read again only when the documents are others (loaded, replaced, restored).
    const auto& documents = m_session.documents();
    bool texts_changed = documents.size() != m_glyph_texts.size();
    for (std::size_t i = 0; i < documents.size() && !texts_changed; ++i)
        texts_changed = documents[i].text().utf8().data() != m_glyph_texts[i];
    auto want_spans = [&](const core::Document& document) {
        document.spans().for_each([&](const core::Span& span) {
            for (const auto& [name, value] : span.attrs)
                m_fonts.want(value);
            m_fonts.want(span.annotator);
        });
    };
    if (texts_changed) {
        m_glyph_texts.clear();
        for (const core::Document& document : documents) {
            m_glyph_texts.push_back(document.text().utf8().data());
            m_fonts.want(document.text().utf8());
            m_fonts.want(document.id);
            m_fonts.want(document.meta.title);
            want_spans(document);
        }
    }
    // The schema and the current document's spans may change with any edit.
    std::size_t current = m_session.current_index();
    if (texts_changed || m_session.revision() != m_glyph_revision || current != m_glyph_document) {
        m_glyph_revision = m_session.revision();
        m_glyph_document = current;
        for (const core::Label& label : m_session.schema.labels()) {
            m_fonts.want(label.name);
            m_fonts.want(label.description);
            for (const core::AttributeDef& attribute : label.attributes) {
                m_fonts.want(attribute.name);
                for (const std::string& value : attribute.values)
                    m_fonts.want(value);
            }
        }
        if (const core::Document* document = m_session.document(); document && !texts_changed)
            want_spans(*document);
    }
    // Messages, which change without an edit.
    m_fonts.want(m_error);
    m_fonts.want(m_task.submission_message());
}

void App::set_view_only(bool view_only) {
    m_frames.request();
    m_view_only = view_only;
    update_read_only();
}

void App::update_read_only() {
    m_session.set_read_only(m_view_only || m_task.frozen());
}

void App::want_typed_glyphs() {
    m_fonts.want(m_search.query());
    m_fonts.want(m_palette.query());
    const ImGuiInputTextState& field = ImGui::GetCurrentContext()->InputTextState;
    if (field.ID != 0)
        m_fonts.want(std::string_view(field.TextA.Data, static_cast<std::size_t>(field.CurLenA)));
    // The next frame's update_fonts() adds what is missing.
    if (m_fonts.pending()) m_frames.request();
}

core::Diagnostics App::load_schema(std::string_view json, const std::string& source) {
    m_frames.request();
    core::Diagnostics diagnostics;
    auto schema = io::read_schema(json, source, diagnostics);
    // Keys the interface cannot give a label: a command's, or anything but a letter.
    for (std::size_t i = 0; schema && i < schema->labels().size(); ++i) {
        const core::Label& label = schema->labels()[i];
        if (std::string why = hotkey_refusal(label.hotkey); !why.empty()) {
            std::string key;
            core::append_utf8(key, label.hotkey);
            diagnostics.push_back(core::make_diagnostic(
                core::DiagnosticCode::SchemaInvalid,
                {"labels[" + std::to_string(i) + "].hotkey",
                 "\"" + key + "\" cannot be " + label.name + "'s key: " + why},
                {source}));
        }
    }
    if (core::has_errors(diagnostics)) schema.reset();
    if (schema)
        m_session.set_schema(std::move(*schema));
    else
        m_error = "Could not load the label schema:\n" + core::summarize_errors(diagnostics);
    return diagnostics;
}

core::Diagnostics App::load_documents(std::string_view jsonl, const std::string& source) {
    m_frames.request();
    core::Diagnostics diagnostics = m_session.load_jsonl(jsonl, source);
    if (core::has_errors(diagnostics)) {
        m_error = "Could not open " + source + " (your work is unchanged):\n" +
                  core::summarize_errors(diagnostics);
    } else {
        m_error.clear();
        m_frames.request();
    }
    return diagnostics;
}

std::optional<std::vector<io::NamedFile>> App::export_as(std::string_view format_name) {
    m_frames.request(); // a failure is shown in the error bar
    const io::Format* format = io::find_format(format_name);
    if (!format || !format->write) {
        m_error =
            "Cannot export as \"" + std::string(format_name) + "\": unknown format or import only.";
        return std::nullopt;
    }
    io::WriteOptions options;
    options.schema = &m_session.schema;
    io::ExportResult result = format->write(m_session.documents(), options);
    if (!result.ok()) {
        m_error = "Export as " + std::string(format_name) + " failed:\n" +
                  core::summarize_errors(result.diagnostics);
        return std::nullopt;
    }
    return std::move(result.files);
}

void App::download_as(std::string_view format) {
    auto files = export_as(format);
    if (!files) return;
    if (files->size() == 1) {
        // A single JSONL file gets the name users expect.
        std::string name = format == "jsonl" ? "gloss-annotations.jsonl" : files->front().name;
        m_host.download(name, "application/octet-stream", files->front().bytes);
        return;
    }
    // Several files (brat's .txt, .ann and annotation.conf; a config beside the tasks): one
    // download, a zip of them.
    m_host.download("gloss-" + std::string(format) + ".zip", "application/zip",
                    io::write_zip(*files));
}

App::Snapshot App::snapshot() const {
    // Straight from the session's documents (no copy), on one line, without the suggestions the
    // user has not touched: Assist finds those again after a reload.
    io::ProjectWriteOptions options;
    options.pretty = false;
    options.skip_untouched_suggestions = true;
    options.addition = m_session.saved_addition();
    Snapshot out;
    out.project = io::write_gloss_project(&m_session.schema, {}, m_session.documents(), options);
    out.view = view_json();
    return out;
}

std::string App::view_json() const {
    io::Json view = {{"current", m_session.current_index()},
                     {"caret", m_session.caret()},
                     {"scroll", m_article.scroll()},
                     {"annotator", m_session.annotator},
                     {"dark", m_dark},
                     {"show_corrections", m_show_corrections},
                     {"time_spent_ms", m_task.time_spent()}};
    return view.dump();
}

std::string App::place() const {
    return std::to_string(m_session.current_index()) + ":" + std::to_string(m_session.caret()) +
           ":" + std::to_string(static_cast<long>(m_article.scroll())) + ":" +
           (m_dark ? "d" : "l") + (m_show_corrections ? "c" : "-") + ":" + m_session.annotator;
}

core::Diagnostics App::restore(std::string_view project_text, std::string_view view_text,
                               const std::vector<std::string>& journal) {
    m_frames.request();
    io::ProjectResult result = io::read_gloss_project(project_text, "saved session");
    for (std::size_t i = 0; i < journal.size() && result.ok(); ++i) {
        std::string source = "saved session, journal entry " + std::to_string(i + 1);
        auto entry = io::read_journal_entry(journal[i], source, result.diagnostics);
        std::string problem;
        if (entry && !replay(result.project.documents, *entry, problem)) {
            core::Place place;
            place.source = source;
            result.diagnostics.push_back(
                core::make_diagnostic(core::DiagnosticCode::JournalMismatch, {problem}, place));
        }
    }
    if (!result.ok()) {
        m_error = "The saved session could not be restored:\n" +
                  core::summarize_errors(result.diagnostics);
        return result.diagnostics;
    }
    if (!journal.empty()) drop_untouched_suggestions(result.project.documents);
    if (result.project.schema) m_session.schema = std::move(*result.project.schema);
    m_session.replace_documents(std::move(result.project.documents));
    std::optional<io::ProjectAddition> addition = std::move(result.project.addition);
    core::Diagnostics ignored;
    core::Place place;
    place.source = "saved view";
    if (auto view = io::parse_json(view_text, place, ignored); view && view->is_object()) {
        // Every field is optional: a view from an older version restores what it has.
        auto number = [&](const char* key, double fallback) {
            auto it = view->find(key);
            return it != view->end() && it->is_number() ? it->get<double>() : fallback;
        };
        m_session.open(static_cast<std::size_t>(number("current", 0)));
        if (const core::Document* doc = m_session.document()) {
            std::size_t caret =
                std::min(static_cast<std::size_t>(number("caret", 0)), doc->text().size());
            m_session.place_caret(caret);
        }
        m_article.restore_scroll(static_cast<float>(number("scroll", 0)));
        if (auto it = view->find("annotator"); it != view->end() && it->is_string())
            m_session.annotator = it->get<std::string>();
        if (auto it = view->find("dark"); it != view->end() && it->is_boolean())
            set_dark(it->get<bool>());
        if (auto it = view->find("show_corrections"); it != view->end() && it->is_boolean())
            m_show_corrections = it->get<bool>();
        if (auto it = view->find("time_spent_ms"); it != view->end() && it->is_object())
            for (const auto& [id, ms] : it->items())
                if (ms.is_number()) m_task.restore_time_spent(id, ms.get<double>());
    }
    // The last addition of documents, which refers to the documents restored above.
    if (addition && !m_session.restore_addition(std::move(*addition), !journal.empty())) {
        core::Place saved;
        saved.source = "saved session";
        result.diagnostics.push_back(core::make_diagnostic(
            core::DiagnosticCode::Ignored,
            {"the step that added documents", "it names documents the project does not have"},
            saved));
    }
    m_error.clear();
    return result.diagnostics;
}

bool App::select(std::string_view doc_id, std::size_t start, std::size_t end) {
    m_frames.request();
    const auto& docs = m_session.documents();
    for (std::size_t i = 0; i < docs.size(); ++i) {
        if (docs[i].id != doc_id) continue;
        if (end < start || end > docs[i].text().size()) return false;
        m_session.open(i);
        m_session.select_range({start, end});
        m_article.scroll_to(start);
        return true;
    }
    return false;
}

void App::set_dark(bool dark) {
    m_dark = dark;
    m_frames.request();
    apply_theme(dark);
    if (m_scale != 1.0f) ImGui::GetStyle().ScaleAllSizes(m_scale);
}

void App::export_jsonl() {
    download_as("jsonl");
}

void App::defer_lexicon(std::string asset) {
    m_lexicon_asset = std::move(asset);
    m_frames.request();
}

void App::step_assist() {
    if (!m_lexicon_asset.empty()) {
        if (!m_session.assist().set_lexicon(m_lexicon_asset))
            std::fprintf(stderr, "gloss: the English lexicon did not load; Assist uses built-in "
                                 "words\n");
        m_lexicon_asset = std::string();
    }
    // Suggestions are found a window of the text at a time, a few milliseconds a frame, when
    // what they depend on changed; the host hears of them once the run is complete.
    bool was_busy = m_session.assist().busy();
    m_assist_added += m_session.assist().step(std::chrono::milliseconds(6));
    if ((was_busy || m_assist_added) && !m_session.assist().busy() && m_assist_added) {
        m_assist_added = 0;
        m_host.annotations_changed();
    }
}

void App::frame() {
    m_task.track_time();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // No background: the platform clears the screen (clear_color) and paint_window_background
    // draws the grey around the panels (a software renderer pays for every full-screen layer).
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    if (m_fonts.ui()) ImGui::PushFont(m_fonts.ui());
    ImGui::Begin("Gloss", nullptr, flags);

    if (!m_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.75f, 0.12f, 0.12f, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
        float lines = static_cast<float>(std::count(m_error.begin(), m_error.end(), '\n') + 1);
        ImGui::BeginChild("ErrorBar", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * lines + 16),
                          false, ImGuiWindowFlags_NoScrollbar);
        ImGui::SetCursorPos(ImVec2(8, 8));
        ImGui::TextUnformatted(m_error.c_str());
        ImGui::SameLine(ImGui::GetWindowWidth() - 80);
        if (ImGui::SmallButton("Dismiss")) m_error.clear();
        ImGui::EndChild();
        ImGui::PopStyleColor(2);
    }

    // Keys first, so that what they change (a label, the caret, a field to edit) is drawn in
    // this very frame. (ImGui never hands over a key in the frame of a mouse button change, so a
    // selection ended by a click is complete before a key applies to it.)
    handle_shortcuts();
    m_task.draw_bar(m_scale);
    draw_palette();
    if (m_search.is_open()) m_search.draw(m_scale);
    // The status line: a separator and one row of buttons.
    const ImGuiStyle& style = ImGui::GetStyle();
    float status_height =
        ImGui::GetFrameHeight() + style.ItemSpacing.y * 3 + style.WindowPadding.y + 2;
    ImGuiTableFlags table_flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV;
    float panels_height = std::max(100.0f, ImGui::GetContentRegionAvail().y - status_height);
    // Children inside table cells must be given their height: (0, 0) would reach the window's
    // bottom and push the status line out of view.
    m_panel_height = panels_height - style.CellPadding.y * 2;
    ImRect panels[3];
    if (ImGui::BeginTable("Panels", 3, table_flags, ImVec2(0, panels_height))) {
        float width = ImGui::GetContentRegionAvail().x;
        float s = m_scale;
        ImGui::TableSetupColumn("Documents", ImGuiTableColumnFlags_WidthFixed,
                                std::clamp(width * 0.16f, 150.0f * s, 240.0f * s));
        ImGui::TableSetupColumn("Article", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Inspector", ImGuiTableColumnFlags_WidthFixed,
                                std::clamp(width * 0.22f, 200.0f * s, 320.0f * s));
        ImGui::TableNextRow(ImGuiTableRowFlags_None, panels_height);
        ImGui::TableSetColumnIndex(0);
        draw_queue();
        panels[0] = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::TableSetColumnIndex(1);
        ArticleOptions options;
        options.show_corrections = m_show_corrections;
        options.scale = m_scale;
        options.height = m_panel_height;
        options.numbered = m_picker.candidates();
        options.all_relations = m_show_all_relations;
        options.relations_of = m_picker.active() ? m_picker.from() : m_session.selected_span();
        options.search_matches = m_search.matches_shown();
        m_article.draw(m_session, m_fonts.article() ? m_fonts.article() : ImGui::GetFont(),
                       m_fonts.article() ? FontAtlas::article_size * m_scale : ImGui::GetFontSize(),
                       options);
        panels[1] = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        // While picking a speaker, a click on a mention links it to the quote.
        // While picking a relation's target, a click on a span makes it.
        m_picker.clicked(m_article.take_clicked_span());
        ImGui::TableSetColumnIndex(2);
        m_inspector.draw(m_panel_height);
        panels[2] = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImGui::EndTable();
    }
    paint_window_background(panels, 3);
    draw_status();
    draw_shortcut_sheet();
    draw_command_palette();
    follow_selection();
    ImGui::End();
    m_task.draw_instructions(m_scale);
    m_projects.draw(m_scale);
    m_opener.draw(m_scale);
    m_schema_editor.draw(m_scale);
    if (m_fonts.ui()) ImGui::PopFont();
    want_typed_glyphs(); // typed or pasted into a field this frame
    // Last, and not in the first frame that shows a change (an edit of this frame, documents
    // loaded since the last): that frame goes to the screen without waiting for Assist's few
    // milliseconds, which it takes in the next. No suggestions while reviewing: the adjudicated
    // spans are the annotators' alone.
    bool shows_change = m_session.revision() != m_revision_drawn;
    m_assist_deferred =
        shows_change && m_session.assist().enabled() && !m_session.review().active();
    if (!m_session.review().active() && !shows_change) step_assist();
    m_revision_drawn = m_session.revision();
    // The one change signal: whatever changed the session this frame (or since the last frame,
    // through the API), the host hears of it once.
    if (m_session.revision() != m_revision_reported) {
        m_revision_reported = m_session.revision();
        m_host.annotations_changed();
    }
}

ImU32 App::clear_color() const {
    return current_theme().paper;
}

// The window's grey everywhere but on the panels (drawn beneath every window): the screen is
// cleared to the panels' paper, so the largest area is filled once.
void App::paint_window_background(const ImRect* panels, int count) {
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImRect screen(viewport->Pos,
                  ImVec2(viewport->Pos.x + viewport->Size.x, viewport->Pos.y + viewport->Size.y));
    ImU32 grey = ImGui::GetColorU32(ImGuiCol_WindowBg);
    auto fill = [&](float x0, float y0, float x1, float y1) {
        if (x1 > x0 && y1 > y0) draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), grey);
    };
    std::vector<ImRect> sorted;
    for (int i = 0; i < count; ++i)
        if (panels[i].GetWidth() > 0 && panels[i].GetHeight() > 0) sorted.push_back(panels[i]);
    if (sorted.empty()) {
        fill(screen.Min.x, screen.Min.y, screen.Max.x, screen.Max.y);
        return;
    }
    std::sort(sorted.begin(), sorted.end(),
              [](const ImRect& a, const ImRect& b) { return a.Min.x < b.Min.x; });
    float top = screen.Max.y, bottom = screen.Min.y;
    for (const ImRect& r : sorted) {
        top = std::min(top, r.Min.y);
        bottom = std::max(bottom, r.Max.y);
    }
    fill(screen.Min.x, screen.Min.y, screen.Max.x, top);
    fill(screen.Min.x, bottom, screen.Max.x, screen.Max.y);
    float x = screen.Min.x;
    for (const ImRect& r : sorted) {
        fill(x, top, r.Min.x, bottom);
        fill(r.Min.x, top, r.Max.x, r.Min.y);
        fill(r.Min.x, r.Max.y, r.Max.x, bottom);
        x = std::max(x, r.Max.x);
    }
    fill(x, top, screen.Max.x, bottom);
}

bool App::end_frame(const ImDrawData* data) {
    // Assist at work, or put off to the next frame by a change this one shows.
    bool assisting =
        (m_session.assist().busy() || m_assist_deferred) && !m_session.review().active();
    return m_frames.end_frame(data,
                              assisting ? FramePacer::Work::InProgress : FramePacer::Work::Idle);
}

void App::draw_shortcut_sheet() {
    if (m_show_shortcuts && !ImGui::IsPopupOpen("Shortcuts")) ImGui::OpenPopup("Shortcuts");
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
    ImVec2 screen = ImGui::GetMainViewport()->Size;
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(screen.x - 20, screen.y - 20));
    if (!ImGui::BeginPopupModal("Shortcuts", &m_show_shortcuts, ImGuiWindowFlags_AlwaysAutoResize))
        return;
    // The mouse, then every command of the table with the keys of the current schema.
    static constexpr const char* kMouse[][2] = {
        {"Drag / double-click / triple-click",
         "select text / a word / a sentence (snaps to words)"},
        {"Alt + drag", "select exact characters (e.g. inside a glued word)"},
        {"Drag a span's handle", "move its start or end"},
    };
    ImGui::TextDisabled("Ctrl+K finds any command by name.");
    if (ImGui::BeginTable("ShortcutTable", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY,
                          ImVec2(0, std::min(560.0f * m_scale, screen.y - 140)))) {
        for (const auto& row : kMouse) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(row[0]);
            ImGui::TableSetColumnIndex(1);
            ImGui::TextDisabled("mouse");
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(row[1]);
        }
        for (const Command& c : commands()) {
            std::string keys = keys_text(c, m_session.schema);
            if (keys.empty()) keys = "Ctrl+K, then its name";
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TextUnformatted(keys.c_str());
            ImGui::TableSetColumnIndex(1);
            ImGui::TextDisabled("%s", std::string(context_text(c.when)).c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::Text("%s: %s", std::string(c.name).c_str(), std::string(c.what).c_str());
        }
        ImGui::EndTable();
    }
    if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
        m_show_shortcuts = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace gloss::app
