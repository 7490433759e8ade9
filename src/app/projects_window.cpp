// ProjectsWindow (projects_window.hpp). Layer: app.
#include "app/projects_window.hpp"

#include "app/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace gloss::app {

void ProjectsWindow::set_projects(std::vector<ProjectInfo> projects) {
    m_projects = std::move(projects);
    m_frames.request();
}

const ProjectInfo* ProjectsWindow::current() const {
    for (const ProjectInfo& p : m_projects)
        if (p.current) return &p;
    return nullptr;
}

bool ProjectsWindow::any_problem() const {
    return std::any_of(m_projects.begin(), m_projects.end(),
                       [](const ProjectInfo& p) { return !p.problem.empty(); });
}

void ProjectsWindow::set_open(bool open) {
    m_open = open;
    m_frames.request();
}

void ProjectsWindow::draw(float scale) {
    if (!m_open) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x - 40 * scale, 620 * scale), 0),
                             ImGuiCond_Appearing);
    if (!ImGui::Begin("Projects", &m_open,
                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    if (ImGui::IsWindowAppearing()) {
        m_to_delete.clear();
        const ProjectInfo* open = current();
        std::string name = open ? open->name : std::string();
        std::strncpy(m_name, name.c_str(), sizeof m_name - 1);
        m_name[sizeof m_name - 1] = '\0';
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) m_open = false;
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
            if (ImGui::SmallButton("Delete…")) m_to_delete = project.key;
            if (m_to_delete == project.key) {
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted("Delete it and its annotations from this browser?");
                ImGui::SameLine();
                if (ImGui::SmallButton("Delete")) {
                    m_host.project_action("delete", project.key, {});
                    m_to_delete.clear();
                }
                ImGui::SameLine();
                if (ImGui::SmallButton("Keep")) m_to_delete.clear();
            }
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(260 * scale);
    ImGui::InputTextWithHint("##name", "Project name", m_name, sizeof m_name);
    bool named = m_name[0] != '\0';
    const ProjectInfo* open = current();
    ImGui::SameLine();
    ImGui::BeginDisabled(!named || !open);
    if (ImGui::Button("Rename this one") && open)
        m_host.project_action("rename", open->key, m_name);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!named);
    if (ImGui::Button("New project")) m_host.project_action("new", {}, m_name);
    ImGui::EndDisabled();
    ImGui::SameLine();
    // The files' documents alone, in a new project (named by the field, or else by the first file).
    if (ImGui::Button("New project from files\u2026"))
        m_host.project_action("new-from-files", {}, m_name);
    ImGui::End();
}

} // namespace gloss::app
