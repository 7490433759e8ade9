// WebHost: downloads, clock and page notifications through EM_JS. Layer: platform/web.
#include "platform/web/web_host.hpp"

#include "platform/web/autosave.hpp"

#include <emscripten.h>

// clang-format off
EM_JS(void, gloss_js_download, (const char* name, const char* mime, const char* data, int size), {
    const bytes = HEAPU8.slice(data, data + size);
    const blob = new Blob([bytes], {type: UTF8ToString(mime)});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = UTF8ToString(name);
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
});

EM_JS(void, gloss_js_changed, (), {
    if (Module.glossChanged) Module.glossChanged();
});

EM_JS(void, gloss_js_fatal, (const char* message), {
    if (Module.glossFatal) Module.glossFatal(UTF8ToString(message));
});

EM_JS(void, gloss_js_ready, (), {
    if (Module.glossReady) Module.glossReady();
});

EM_JS(void, gloss_js_open_file, (), {
    if (Module.glossOpenFile) Module.glossOpenFile();
});

EM_JS(void, gloss_js_review_files, (), {
    if (Module.glossReviewFiles) Module.glossReviewFiles();
});

EM_JS(void, gloss_js_submit, (const char* payload), {
    if (Module.glossSubmit) Module.glossSubmit(UTF8ToString(payload));
});

EM_JS(void, gloss_js_project_action, (const char* action, const char* key, const char* argument), {
    if (Module.glossProjectAction)
        Module.glossProjectAction(UTF8ToString(action), UTF8ToString(key), UTF8ToString(argument));
});

EM_JS(double, gloss_js_now, (), {
    return Date.now();
});
// clang-format on

namespace gloss::platform {

void WebHost::project_action(const std::string& action, const std::string& key,
                             const std::string& argument) {
    gloss_js_project_action(action.c_str(), key.c_str(), argument.c_str());
}

void WebHost::submit(const std::string& payload) {
    gloss_js_submit(payload.c_str());
}

void WebHost::download(const std::string& filename, const std::string& mime,
                       const std::string& data) {
    gloss_js_download(filename.c_str(), mime.c_str(), data.data(), static_cast<int>(data.size()));
}

void WebHost::annotations_changed() {
    gloss_js_changed();
}

void WebHost::request_open_file() {
    gloss_js_open_file();
}

void WebHost::request_review_files() {
    gloss_js_review_files();
}

const std::string& WebHost::save_state() const {
    static const std::string s_none;
    return autosave() ? autosave()->state() : s_none;
}

std::int64_t WebHost::now_ms() const {
    return static_cast<std::int64_t>(gloss_js_now());
}

void report_fatal(const std::string& message) {
    gloss_js_fatal(message.c_str());
}
void report_ready() {
    gloss_js_ready();
}

} // namespace gloss::platform
