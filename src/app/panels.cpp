// Panels: label palette, document queue and status line. Layer: app.
#include "app/app.hpp"

#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "core/text/display.hpp"
#include "core/text/utf8.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace gloss::app {
namespace {

std::string hotkey_text(char32_t key) {
    std::string out;
    if (key) core::append_utf8(out, key >= 'a' && key <= 'z' ? key - 'a' + 'A' : key);
    return out;
}

} // namespace

void App::draw_palette() {
    ImGui::PushID("Palette");
    bool disabled = !m_session.document();
    ImGui::BeginDisabled(disabled);
    for (const core::Label& label : m_session.schema.labels()) {
        ImGui::PushStyleColor(ImGuiCol_Button, color_of(label.color, 0.28f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, color_of(label.color, 0.55f));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, color_of(label.color, 0.80f));
        std::string text = label.name;
        if (label.hotkey) text += "  " + hotkey_text(label.hotkey);
        text += "##" + label.name;
        float w = ImGui::CalcTextSize(text.c_str(), nullptr, true).x +
                  ImGui::GetStyle().FramePadding.x * 2;
        if (ImGui::GetCursorPosX() + w > ImGui::GetWindowWidth() - 8 && ImGui::GetCursorPosX() > 20)
            ImGui::NewLine();
        if (ImGui::Button(text.c_str())) {
            if (m_session.apply_label(label).ok()) m_frames.request();
        }
        if (ImGui::IsItemHovered() && !label.description.empty())
            ImGui::SetTooltip("%s", label.description.c_str());
        ImGui::PopStyleColor(3);
        ImGui::SameLine();
    }
    ImGui::EndDisabled();
    ImGui::NewLine();
    ImGui::PopID();
}

void App::draw_queue() {
    ImGui::BeginChild("Documents", ImVec2(0, m_panel_height), false);
    const auto& docs = m_session.documents();
    std::size_t done = m_session.done_count();
    ImGui::TextDisabled("DOCUMENTS");
    ImGui::SameLine();
    ImGui::Text("%zu / %zu done", done, docs.size());
    ImGui::ProgressBar(docs.empty() ? 0.0f
                                    : static_cast<float>(done) / static_cast<float>(docs.size()),
                       ImVec2(-1, 6), "");
    ImGui::Separator();
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const core::Document& d = docs[i];
        std::string title = core::visual_line(d.meta.title.empty() ? d.id : d.meta.title);
        const char* state = m_session.is_done(i) ? "done"
                            : d.spans().empty()  ? "new"
                                                 : "in progress";
        // Counted change by change (Session's tallies): the queue draws this every frame.
        std::size_t unspoken = m_session.quotes_without_speaker(i);
        char label[640];
        std::snprintf(label, sizeof label, "%s %s\n%s · %zu spans%s##doc%zu",
                      m_session.is_done(i) ? "✓" : "•", title.c_str(), state, d.spans().size(),
                      unspoken ? " · quote without speaker" : "", i);
        ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x);
        if (ImGui::Selectable(label, i == m_session.current_index())) m_session.open(i);
        ImGui::PopTextWrapPos();
    }
    ImGui::EndChild();
}

void App::draw_status() {
    ImGui::Separator();
    const core::Document* doc = m_session.document();
    ImGui::AlignTextToFramePadding();
    // Shorter words on a narrow window, so the buttons on the right stay on screen.
    const bool narrow = ImGui::GetWindowWidth() < 1150 * m_scale;
    if (const ProjectInfo* current = current_project()) {
        bool trouble = m_projects.any_problem();
        std::string label = (trouble ? "\u26a0 " : "") + current->name + "##project";
        if (ImGui::SmallButton(label.c_str())) set_projects_open(!m_projects.is_open());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("This browser's projects: open, create, rename, delete, download");
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
    }
    ImGui::Text(narrow ? "%s" : "Annotator: %s", m_session.annotator.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    if (doc)
        ImGui::Text(narrow ? "%zu/%zu · %zu spans" : "Document %zu of %zu · %zu spans",
                    m_session.current_index() + 1, m_session.documents().size(),
                    doc->spans().size());
    else
        ImGui::TextUnformatted("No documents");
    const std::string& save = m_host.save_state();
    if (!save.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        ImGui::TextUnformatted(save.c_str());
    }
    if (m_session.assist().busy()) {
        ImGui::SameLine();
        ImGui::TextDisabled("|");
        ImGui::SameLine();
        ImGui::Text("Finding suggestions… %d%%",
                    static_cast<int>(m_session.assist().progress() * 100.0f));
    }
    ImGui::SameLine();
    float right = ImGui::GetWindowWidth() - 590 * m_scale;
    if (ImGui::GetCursorPosX() < right) ImGui::SetCursorPosX(right);
    if (ImGui::Checkbox("Corrections", &m_show_corrections)) {
    }
    ImGui::SameLine();
    if (ImGui::Button("Open…")) m_host.request_open_file();
    ImGui::SameLine();
    if (ImGui::Button("Labels…")) set_schema_open(!m_schema_editor.is_open());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Edit the labels (Ctrl+L)");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open a file (or drop it on the page)");
    ImGui::SameLine();
    if (ImGui::Button("Review…")) m_host.request_review_files();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Adjudicate: open one Gloss JSONL file per annotator (two or more)");
    ImGui::SameLine();
    if (ImGui::Button("Export JSONL")) export_jsonl();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90 * m_scale);
    if (ImGui::BeginCombo("##export", "Export as", ImGuiComboFlags_NoArrowButton)) {
        for (const io::Format& f : io::formats())
            if (f.write && ImGui::Selectable(std::string(f.name).c_str())) download_as(f.name);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button(m_dark ? "Light" : "Dark")) set_dark(!m_dark);
    ImGui::SameLine();
    if (ImGui::Button("?")) m_show_shortcuts = true;
}

} // namespace gloss::app
