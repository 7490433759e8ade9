// MemoryHost: a native app::Host that keeps downloads, submissions and change counts in memory, for
// the headless UI tests. Layer: platform/native.
#pragma once

#include "app/host.hpp"

#include <string>
#include <vector>

namespace gloss::platform {

class MemoryHost final : public app::Host {
public:
    struct Download {
        std::string filename, mime, data;
    };
    void download(const std::string& filename, const std::string& mime,
                  const std::string& data) override {
        downloads.push_back({filename, mime, data});
    }
    void annotations_changed() override { ++changes; }
    void submit(const std::string& payload) override { submissions.push_back(payload); }
    void request_open_file() override { ++open_requests; }
    void request_review_files() override { ++review_requests; }
    std::int64_t now_ms() const override { return clock_ms; }
    struct ProjectAction {
        std::string action, key, argument;
    };
    void project_action(const std::string& action, const std::string& key,
                        const std::string& argument) override {
        project_actions.push_back({action, key, argument});
    }

    std::vector<Download> downloads;
    std::vector<std::string> submissions;
    std::vector<ProjectAction> project_actions;
    int changes = 0;
    int open_requests = 0;
    int review_requests = 0;
    std::int64_t clock_ms = 1700000000000;
};

} // namespace gloss::platform
