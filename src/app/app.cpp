// App: window layout, panels and keyboard shortcuts.
// Layer: app (ImGui, core, io; the platform only through Host).
//
// Index
// [SECTION] Loading
// [SECTION] Frame and layout
// [SECTION] Panels
// [SECTION] Shortcuts
#include "app/app.hpp"

#include "app/theme.hpp"
#include "core/text/utf8.hpp"
#include "io/schema_io.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace gloss::app {
namespace {

ImVec4 color_of(std::uint32_t rgba, float alpha = 1.0f) {
    return ImVec4(static_cast<float>((rgba >> 24) & 0xFF) / 255.0f,
                  static_cast<float>((rgba >> 16) & 0xFF) / 255.0f,
                  static_cast<float>((rgba >> 8) & 0xFF) / 255.0f, alpha);
}

std::string hotkey_text(char32_t key) {
    std::string out;
    if (key) core::append_utf8(out, key >= 'a' && key <= 'z' ? key - 'a' + 'A' : key);
    return out;
}

std::string summarize(const core::Diagnostics& diagnostics) {
    std::string out;
    std::size_t shown = 0;
    for (const core::Diagnostic& d : diagnostics) {
        if (d.severity != core::Severity::Error) continue;
        if (shown == 3) {
            out += "\n…";
            break;
        }
        if (!out.empty()) out += "\n";
        out += d.to_string();
        ++shown;
    }
    return out;
}

} // namespace

// [SECTION] Loading

bool App::load_fonts(const void* ttf, std::size_t size, float scale) {
    m_fonts = app::load_fonts(ttf, size, scale);
    return m_fonts.ui != nullptr;
}

core::Diagnostics App::load_schema(std::string_view json, const std::string& source) {
    core::Diagnostics diagnostics;
    if (auto schema = io::read_schema(json, source, diagnostics)) m_session.schema = std::move(*schema);
    else m_error = "Could not load the label schema:\n" + summarize(diagnostics);
    return diagnostics;
}

core::Diagnostics App::load_documents(std::string_view jsonl, const std::string& source) {
    core::Diagnostics diagnostics = m_session.load_jsonl(jsonl, source);
    if (core::has_errors(diagnostics)) {
        m_error = "Could not open " + source + " (your work is unchanged):\n" + summarize(diagnostics);
    } else {
        m_error.clear();
        changed();
    }
    return diagnostics;
}

bool App::select(std::string_view doc_id, std::size_t start, std::size_t end) {
    const auto& docs = m_session.documents();
    for (std::size_t i = 0; i < docs.size(); ++i) {
        if (docs[i].id != doc_id) continue;
        if (end < start || end > docs[i].text().size()) return false;
        m_session.open(i);
        m_session.selection = {start, end};
        m_session.selected_span = 0;
        m_article.scroll_to(start);
        return true;
    }
    return false;
}

void App::set_dark(bool dark) {
    m_dark = dark;
    apply_theme(dark);
}

void App::export_jsonl() {
    m_host.download("gloss-annotations.jsonl", "application/x-ndjson", annotations_jsonl());
}

void App::changed() {
    m_session.mark_changed();
    m_host.annotations_changed();
}

// [SECTION] Frame and layout

void App::frame() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (m_fonts.ui) ImGui::PushFont(m_fonts.ui);
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

    draw_palette();
    float status_height = ImGui::GetFrameHeightWithSpacing() + 4;
    ImGuiTableFlags table_flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV;
    if (ImGui::BeginTable("Panels", 3, table_flags,
                          ImVec2(0, ImGui::GetContentRegionAvail().y - status_height))) {
        ImGui::TableSetupColumn("Documents", ImGuiTableColumnFlags_WidthFixed, 200.0f);
        ImGui::TableSetupColumn("Article", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Inspector", ImGuiTableColumnFlags_WidthFixed, 260.0f);
        ImGui::TableNextRow(ImGuiTableRowFlags_None, ImGui::GetContentRegionAvail().y);
        ImGui::TableSetColumnIndex(0);
        draw_queue();
        ImGui::TableSetColumnIndex(1);
        m_article.draw(m_session, m_fonts.article ? m_fonts.article : ImGui::GetFont(),
                       m_fonts.article ? m_fonts.article_size : ImGui::GetFontSize());
        ImGui::TableSetColumnIndex(2);
        draw_inspector();
        ImGui::EndTable();
    }
    draw_status();
    handle_shortcuts();

    if (m_show_shortcuts) ImGui::OpenPopup("Shortcuts");
    if (ImGui::BeginPopupModal("Shortcuts", &m_show_shortcuts, ImGuiWindowFlags_AlwaysAutoResize)) {
        static constexpr const char* kRows[][2] = {
            {"Drag", "select text (snaps to words)"},
            {"Alt + drag", "select exact characters (e.g. inside a glued word)"},
            {"Double-click", "select a word"},
            {"Click a span", "select it"},
            {"Label key", "label the selection, or re-label the selected span"},
            {"Delete", "remove the selected span"},
            {"Esc", "clear the selection"},
            {"Ctrl+Z", "undo"},
            {"Ctrl+E", "export all documents as Gloss JSONL"},
            {"Ctrl+Shift+Z / Ctrl+Y", "redo"},
            {"?", "this sheet"},
        };
        if (ImGui::BeginTable("ShortcutTable", 2)) {
            for (const auto& row : kRows) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextUnformatted(row[0]);
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(row[1]);
            }
            ImGui::EndTable();
        }
        if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
            m_show_shortcuts = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }

    ImGui::End();
    if (m_fonts.ui) ImGui::PopFont();
}

// [SECTION] Panels

void App::draw_palette() {
    ImGui::PushID("Palette");
    for (const core::Label& label : m_session.schema.labels()) {
        ImGui::PushStyleColor(ImGuiCol_Button, color_of(label.color, 0.30f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color_of(label.color, 0.55f));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, color_of(label.color, 0.80f));
        std::string text = label.name;
        if (label.hotkey) text += "  " + hotkey_text(label.hotkey);
        text += "##" + label.name;
        if (ImGui::Button(text.c_str())) {
            if (m_session.apply_label(label).ok()) changed();
        }
        ImGui::PopStyleColor(3);
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::PopID();
}

void App::draw_queue() {
    ImGui::BeginChild("Documents", ImVec2(0, 0), false);
    const auto& docs = m_session.documents();
    ImGui::TextDisabled("DOCUMENTS  %zu", docs.size());
    ImGui::Separator();
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const core::Document& d = docs[i];
        std::string title = d.meta.title.empty() ? d.id : d.meta.title;
        char label[512];
        std::snprintf(label, sizeof label, "%s\n%zu spans##doc%zu", title.c_str(), d.spans().size(), i);
        if (ImGui::Selectable(label, i == m_session.current_index())) m_session.open(i);
    }
    ImGui::EndChild();
}

void App::draw_inspector() {
    ImGui::BeginChild("Inspector", ImVec2(0, 0), false);
    ImGui::TextDisabled("INSPECTOR");
    ImGui::Separator();
    core::Document* doc = m_session.document();
    const core::Span* span = doc ? doc->spans().find(m_session.selected_span) : nullptr;
    if (span) {
        const core::Label* label = m_session.schema.find(span->label);
        ImGui::TextColored(color_of(label ? label->color : 0x888888FF), "%s", span->label.c_str());
        std::string text(doc->text().slice(span->start, span->end));
        ImGui::TextWrapped("\"%s\"", text.c_str());
        ImGui::TextDisabled("%u..%u  ·  %s  ·  %s", span->start, span->end,
                            std::string(core::to_string(span->origin)).c_str(),
                            std::string(core::to_string(span->status)).c_str());
        for (const auto& [name, value] : span->attrs) ImGui::Text("%s: %s", name.c_str(), value.c_str());
        if (ImGui::Button("Delete span")) {
            if (m_session.remove_selected()) changed();
        }
    } else if (!m_session.selection.empty() && doc) {
        std::string text(doc->text().slice(m_session.selection.start, m_session.selection.end));
        ImGui::TextWrapped("Selected: \"%s\"", text.c_str());
        ImGui::TextDisabled("%zu..%zu — press a label key", m_session.selection.start,
                            m_session.selection.end);
    } else {
        ImGui::TextWrapped("Drag across text and press a label key, or click a span.");
    }
    ImGui::EndChild();
}

void App::draw_status() {
    ImGui::Separator();
    const core::Document* doc = m_session.document();
    ImGui::Text("Annotator: %s", m_session.annotator.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    if (doc)
        ImGui::Text("Document %zu of %zu  ·  %zu spans", m_session.current_index() + 1,
                    m_session.documents().size(), doc->spans().size());
    else
        ImGui::TextUnformatted("No documents");
    ImGui::SameLine();
    float right = ImGui::GetWindowWidth() - 260;
    if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
    if (ImGui::Button("Export JSONL")) export_jsonl();
    ImGui::SameLine();
    if (ImGui::Button(m_dark ? "Light" : "Dark")) set_dark(!m_dark);
    ImGui::SameLine();
    if (ImGui::Button("?")) m_show_shortcuts = true;
}

// [SECTION] Shortcuts

void App::handle_shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    bool ctrl = io.KeyCtrl || io.KeySuper;
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
        bool done = io.KeyShift ? m_session.redo() : m_session.undo();
        if (done) changed();
        return;
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_E, false)) {
        export_jsonl();
        return;
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Y, false)) {
        if (m_session.redo()) changed();
        return;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        m_session.selection = {};
        m_session.selected_span = 0;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Delete, false)) {
        if (m_session.remove_selected()) changed();
    }
    if (io.KeyShift && ImGui::IsKeyPressed(ImGuiKey_Slash, false)) m_show_shortcuts = true;
    if (ctrl || io.KeyAlt) return;
    for (int k = ImGuiKey_A; k <= ImGuiKey_Z; ++k) {
        if (!ImGui::IsKeyPressed(static_cast<ImGuiKey>(k), false)) continue;
        char32_t letter = static_cast<char32_t>('a' + (k - ImGuiKey_A));
        if (const core::Label* label = m_session.schema.find_by_hotkey(letter)) {
            if (m_session.apply_label(*label).ok()) changed();
        }
    }
}

} // namespace gloss::app
