// The web entry point: GLFW window on the page's canvas, ImGui backends, the main loop.
// Layer: platform/web.
//  [X] WebGL2 via GLFW   [X] canvas follows the window   [X] fatal errors shown on the page
//  [X] sample articles, schema and font from the preloaded /assets
//  [X] devicePixelRatio: the interface is scaled and drawn in device pixels
//  [X] frames on demand: web/boot.js runs gloss_frame() in an animation frame only when woken
//      (input, a request of the app's FramePacer, a timer it asked for); a frame whose picture
//      is the one on screen is not rendered
#include "app/app.hpp"
#include "app/theme.hpp"
#include "platform/web/autosave.hpp"
#include "platform/web/decoration_renderer.hpp"
#include "platform/web/draw_data_renderer.hpp"
#include "platform/web/js_api.hpp"
#include "platform/web/web_host.hpp"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <cstdio>
#include <memory>
#include <string>

namespace {

GLFWwindow* s_window = nullptr;
gloss::platform::WebHost s_host;
std::unique_ptr<gloss::app::App> s_app;
std::unique_ptr<gloss::platform::Autosave> s_autosave;

// clang-format off
// Sizes the canvas's backing store to its CSS size times devicePixelRatio (GLFW then reports
// the new size); returns the ratio. Browser.setCanvasSize keeps GLFW's window size in step.
EM_JS(double, gloss_js_fit_canvas, (), {
    const canvas = Module.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) Browser.setCanvasSize(width, height);
    return ratio;
});
// Frame durations for the benchmark (bench/bench_browser.mjs); a no-op unless it profiles.
EM_JS(void, gloss_js_frame_time, (double ms), {
    if (Module.glossFrameTimes) Module.glossFrameTimes.push(ms);
});
// A named moment of the start-up on the page's performance timeline (bench/bench_browser.mjs
// reports the parts of the cold start from them).
EM_JS(void, gloss_js_mark, (const char* name), {
    if (self.performance && performance.mark) performance.mark(UTF8ToString(name));
});
// Asks web/boot.js for an animation frame (it keeps at most one scheduled).
EM_JS(void, gloss_js_wake, (), {
    if (Module.glossWake) Module.glossWake();
});

// Routes the browser's text input (IME, insertText, paste) to a hidden field while an ImGui text
// field is active.
EM_JS(void, gloss_js_text_input, (int active), {
    if (Module.glossTextInput) Module.glossTextInput(active !== 0);
});
// The page's ?assist= parameter: 1 on, 0 off, -1 not given (boot.js may not be there yet: read
// here, without eval, which the Content-Security-Policy forbids).
EM_JS(int, gloss_js_assist_param, (), {
    const value = new URLSearchParams(location.search).get("assist");
    if (["off", "0", "false"].includes(value)) return 0;
    return ["on", "1", "true"].includes(value) ? 1 : -1;
});
EM_JS(int, gloss_js_task_link, (), { return Module.glossCampaign ? 1 : 0; });
// A new project from files (web/boot.js opens them once the app is ready): no samples.
EM_JS(int, gloss_js_new_project_files, (), { return Module.glossImport ? 1 : 0; });
EM_JS(void, gloss_js_note_restored, (), { Module.glossRestored = true; });
EM_JS(void, gloss_js_note_start_notice, (const char* text), {
    Module.glossStartNotice = UTF8ToString(text);
});
// clang-format on

// Mouse wheel on the canvas. ImGui's GLFW backend listens on the document, where Chrome makes
// wheel listeners passive and logs an error for every preventDefault; on the canvas the page
// can keep the wheel to itself. Steps as in the backend: 100 pixels or 3 lines per notch.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
    float multiplier = event->deltaMode == DOM_DELTA_PIXEL  ? 1.0f / 100.0f
                       : event->deltaMode == DOM_DELTA_LINE ? 1.0f / 3.0f
                                                            : 80.0f;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(event->deltaX) * -multiplier,
                                      static_cast<float>(event->deltaY) * -multiplier);
    gloss_js_wake();
    return EM_TRUE;
}

// One read of the whole file (a stream copied character by character took tens of ms for the
// font and the lexicon).
std::string read_file(const char* path) {
    std::string bytes;
    if (std::FILE* file = std::fopen(path, "rb")) {
        if (std::fseek(file, 0, SEEK_END) == 0) {
            long size = std::ftell(file);
            std::rewind(file);
            if (size > 0) {
                bytes.resize(static_cast<std::size_t>(size));
                bytes.resize(std::fread(bytes.data(), 1, bytes.size(), file));
            }
        }
        std::fclose(file);
    }
    return bytes;
}

// One frame; returns when the next one is needed, as boot.js takes it: 0 the next animation
// frame, a delay in milliseconds, or -1 for none until an event wakes the app.
double frame() {
    double frame_start = emscripten_get_now();
    s_app->set_ui_scale(static_cast<float>(gloss_js_fit_canvas()));
    // Glyphs on demand (the documents' scripts, text typed) and the scale: a new atlas to upload
    // (and the first, built by main).
    static bool s_fonts_uploaded = false;
    if (s_app->update_fonts() || !s_fonts_uploaded) {
        gloss::platform::upload_font_atlas();
        s_fonts_uploaded = true;
    }
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    s_app->frame();
    ImGui::Render();
    static bool s_text_input = false;
    if (ImGui::GetIO().WantTextInput != s_text_input) {
        s_text_input = ImGui::GetIO().WantTextInput;
        gloss_js_text_input(s_text_input);
    }
    s_autosave->update(emscripten_get_now());
    // Nothing is drawn when the picture is the one on screen: the canvas keeps showing it.
    bool render = s_app->end_frame(ImGui::GetDrawData());
    if (render) {
        int width = 0, height = 0;
        glfwGetFramebufferSize(s_window, &width, &height);
        glViewport(0, 0, width, height);
        ImVec4 paper = ImGui::ColorConvertU32ToFloat4(s_app->clear_color());
        glClearColor(paper.x, paper.y, paper.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        gloss::platform::render_draw_data(*ImGui::GetDrawData());
    }
    gloss_js_frame_time(emscripten_get_now() - frame_start);
    // Ready once the first frame is drawn, so window.gloss can ask the layout for positions.
    static bool s_reported = false;
    if (!s_reported) {
        s_reported = true;
        gloss_js_mark("gloss-first-frame");
        gloss::platform::report_ready();
    }
    double delay = s_app->frames().next_delay();
    return delay <= 0 ? delay : delay * 1000.0;
}

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE double gloss_frame() {
    return frame();
}

int main() {
    gloss_js_mark("gloss-main");
    if (!glfwInit()) {
        gloss::platform::report_fatal("Could not initialise the window system.");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    // An opaque canvas without depth or stencil buffers: ImGui needs neither, and a software
    // renderer (SwiftShader) pays for every buffer it clears and every alpha it composites.
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    s_window = glfwCreateWindow(1280, 800, "Gloss", nullptr, nullptr);
    if (!s_window) {
        gloss::platform::report_fatal(
            "WebGL2 is not available in this browser, so Gloss cannot draw.");
        return 1;
    }
    glfwMakeContextCurrent(s_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    // No ImGui keyboard navigation: arrows, Tab and Enter belong to the article view.
    ImGui_ImplGlfw_InitForOpenGL(s_window, true);
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    if (!gloss::platform::init_draw_data_renderer()) {
        gloss::platform::report_fatal("The browser could not compile Gloss's WebGL2 shaders.");
        return 1;
    }
    if (!gloss::platform::install_decoration_renderer())
        std::fprintf(stderr,
                     "gloss: decoration shaders unavailable; drawing underlines as polylines\n");

    s_app = std::make_unique<gloss::app::App>(s_host);
    s_app->load_schema(read_file("/assets/schema/default.json"), "schema/default.json");
    s_app->defer_lexicon(read_file("/assets/lexicon.txt"));
    gloss_js_mark("gloss-lexicon");
    s_autosave = std::make_unique<gloss::platform::Autosave>(*s_app);
    gloss::platform::set_autosave(s_autosave.get());
    // The last session of this browser (of this task, for a task link) when there is one,
    // otherwise the samples; a task link's documents come from web/campaign.js once ready, a new
    // project's files from web/boot.js.
    bool restored = s_autosave->restore_saved();
    bool task_link = gloss_js_task_link() != 0;
    // Assist is on unless ?assist=off; in a task link it is off unless ?assist=on: a worker's
    // submission (and its gold score) should be their own reading, not one key accepting
    // machine suggestions (docs/CROWDSOURCING.md).
    const int assist = gloss_js_assist_param();
    if (assist == 0 || (assist == -1 && task_link)) s_app->session().assist().set_enabled(false);
    if (restored) gloss_js_note_restored();
    if (!restored && !task_link && !gloss_js_new_project_files())
        s_app->load_documents(read_file("/assets/samples/sample.jsonl"), "samples/sample.jsonl");
    // Said after the samples are loaded (which clear the error bar); a task link's documents
    // come later, and web/boot.js says it again then.
    if (!s_autosave->start_notice().empty()) {
        s_app->show_error(s_autosave->start_notice());
        gloss_js_note_start_notice(s_autosave->start_notice().c_str());
    }
    gloss_js_mark("gloss-documents");
    std::string font = read_file("/assets/fonts/DejaVuSans.ttf");
    // After the documents, at the page's devicePixelRatio: the atlas is built once, with the
    // glyphs the documents need, not again in the first frame.
    auto ratio = static_cast<float>(gloss_js_fit_canvas());
    if (!s_app->load_fonts(font.data(), font.size(), ratio))
        s_app->show_error("The Unicode font did not load; text may show fallback glyphs.");
    gloss_js_mark("gloss-fonts");
    gloss::platform::set_api_app(s_app.get());
    s_app->frames().set_wake(gloss_js_wake);
    gloss_js_wake();
    return 0;
}
