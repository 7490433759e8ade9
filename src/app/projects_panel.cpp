// The Projects window: the projects this browser keeps, the current one first in the status
// line; open, create (with the samples, or with the documents of chosen files), rename, delete
// (asked to confirm) and download one's stored form. Layer: app. The host does the work
// (web/boot.js: IndexedDB and a reload into the chosen project).
#include "app/app.hpp"
#include "app/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace gloss::app {

void App::draw_projects() {
    if (!m_projects_open) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(
        ImVec2(std::min(viewport->WorkSize.x - 40 * m_scale, 620 * m_scale), 0),
        ImGuiCond_Appearing);
    if (!ImGui::Begin("Projects", &m_projects_open,
                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (ImGui::IsWindowAppearing()) {
        m_project_to_delete.clear();
        const ProjectInfo* current = current_project();
        std::string name = current ? current->name : std::string();
        std::strncpy(m_project_name, name.c_str(), sizeof m_project_name - 1);
        m_project_name[sizeof m_project_name - 1] = '\0';
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) m_projects_open = false;
    ImGui::TextDisabled("Kept in this browser. Opening another saves this one first.");
    ImGui::Separator();
    const Theme& theme = current_theme();
    for (const ProjectInfo& project : m_projects) {
        ImGui::PushID(project.key.c_str());
        ImGui::AlignTextToFramePadding();
        if (project.current)
            ImGui::Text("%s  (open)", project.name.c_str());
        else
            ImGui::TextUnformatted(project.name.c_str());
        if (!project.problem.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, theme.error);
            ImGui::TextWrapped("Could not be opened: %s", project.problem.c_str());
            ImGui::PopStyleColor();
        }
        if (!project.current) {
            if (ImGui::SmallButton("Open")) m_host.project_action("open", project.key, {});
            ImGui::SameLine();
        }
        if (ImGui::SmallButton("Download stored form"))
            m_host.project_action("download", project.key, {});
        if (!project.current) {
            ImGui::SameLine();
            if (ImGui::SmallButton("Delete…")) m_project_to_delete = project.key;
            if (m_project_to_delete == project.key) {
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted("Delete it and its annotations from this browser?");
                ImGui::SameLine();
                if (ImGui::SmallButton("Delete")) {
                    m_host.project_action("delete", project.key, {});
                    m_project_to_delete.clear();
                }
                ImGui::SameLine();
                if (ImGui::SmallButton("Keep")) m_project_to_delete.clear();
            }
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(260 * m_scale);
    ImGui::InputTextWithHint("##name", "Project name", m_project_name, sizeof m_project_name);
    bool named = m_project_name[0] != '\0';
    const ProjectInfo* current = current_project();
    ImGui::SameLine();
    ImGui::BeginDisabled(!named || !current);
    if (ImGui::Button("Rename this one") && current)
        m_host.project_action("rename", current->key, m_project_name);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!named);
    if (ImGui::Button("New project")) m_host.project_action("new", {}, m_project_name);
    ImGui::EndDisabled();
    ImGui::SameLine();
    // The files' documents alone, in a new project (named by the field, or else by the first file).
    if (ImGui::Button("New project from files\u2026"))
        m_host.project_action("new-from-files", {}, m_project_name);
    ImGui::End();
}

} // namespace gloss::app
