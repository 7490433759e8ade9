// ProjectsWindow: the projects this browser keeps (the host lists them, web/boot.js keeps one
// IndexedDB record each). The window opens, creates (with the samples, or with the documents of
// chosen files), renames, deletes (asked to confirm) and downloads one's stored form, each by
// asking the host (Host::project_action), which reloads into the project chosen. The window owns
// the list, its fields and the question. Layer: app.
#pragma once

#include "app/frame_pacer.hpp"
#include "app/host.hpp"

#include <string>
#include <vector>

namespace gloss::app {

struct ProjectInfo {
    std::string key;
    std::string name;
    bool current = false;
    std::string problem; // why it could not be opened, when it could not
};

class ProjectsWindow {
public:
    ProjectsWindow(Host& host, FramePacer& frames) : m_host(host), m_frames(frames) {}

    void set_projects(std::vector<ProjectInfo> projects);
    const std::vector<ProjectInfo>& projects() const { return m_projects; }
    // The project open now, or null when the host keeps none.
    const ProjectInfo* current() const;
    // Some project could not be opened (the status line warns).
    bool any_problem() const;
    bool is_open() const { return m_open; }
    void set_open(bool open);
    // The window while open; `scale` is the interface's.
    void draw(float scale);

private:
    Host& m_host;
    FramePacer& m_frames;
    std::vector<ProjectInfo> m_projects;
    bool m_open = false;
    std::string m_to_delete; // asking to confirm
    char m_name[128] = {};
};

} // namespace gloss::app
