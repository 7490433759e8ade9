// WebHost: downloads, clock and page notifications through EM_JS. Layer: platform/web.
#include "platform/web/web_host.hpp"

#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"
#include "platform/web/autosave.hpp"

#include <emscripten.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

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

// Draws `text` in white with the browser's fonts ("sans-serif" finds a font for each script and
// colour emoji), trims it to its pixels and hands them over: `out` gets width, height, left,
// top (from the pen at the top of the line) and advance. Returns the pixels (malloc'd RGBA,
// the caller frees them), 0 for a glyph without pixels (a space), -1 when it cannot draw.
EM_JS(int, gloss_js_draw_glyph, (const char* text_utf8, float pixels, float ascent, int mark, float* out), {
    if (typeof OffscreenCanvas === "undefined") return -1;
    const text = UTF8ToString(text_utf8);
    let canvas = Module.glossGlyphCanvas;
    const pad = Math.ceil(pixels * 0.5);
    const height = Math.ceil(pixels * 1.6) + 2 * pad;
    if (!canvas || canvas.height < height) {
        canvas = Module.glossGlyphCanvas = new OffscreenCanvas(Math.max(512, 8 * height), height);
        Module.glossGlyphFont = "";
    }
    const g = canvas.getContext("2d", { willReadFrequently: true });
    if (!g) return -1;
    const font = pixels + "px sans-serif";
    if (Module.glossGlyphFont !== font) { // setting a font is not free: only when it changes
        g.font = font;
        g.fillStyle = "#fff";
        g.textBaseline = "alphabetic";
        Module.glossGlyphFont = font;
    }
    // A lone combining mark is drawn on a no-break space (no dotted circle) and takes no room.
    const space = String.fromCharCode(160);
    const shown = mark ? space + text : text;
    const measured = g.measureText(shown).width;
    const base = mark ? g.measureText(space).width : 0;
    const advance = mark ? 0 : measured;
    const width = Math.min(canvas.width, Math.ceil(measured) + 2 * pad);
    g.clearRect(0, 0, width, height);
    g.fillText(shown, pad, pad + ascent);
    const data = g.getImageData(0, 0, width, height).data;
    let x0 = width, y0 = height, x1 = -1, y1 = -1;
    for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
            if (data[(y * width + x) * 4 + 3] === 0) continue;
            if (x < x0) x0 = x;
            if (x > x1) x1 = x;
            if (y < y0) y0 = y;
            y1 = y;
        }
    }
    const values = x1 < 0 ? [0, 0, 0, 0, advance] : [x1 - x0 + 1, y1 - y0 + 1, x0 - pad - base, y0 - pad, advance];
    HEAPF32.set(values, out >> 2);
    if (x1 < 0) return 0;
    const w = values[0], h = values[1];
    const pointer = _malloc(w * h * 4);
    for (let y = 0; y < h; y++) {
        const from = ((y0 + y) * width + x0) * 4;
        HEAPU8.set(data.subarray(from, from + w * 4), pointer + y * w * 4);
    }
    return pointer;
});
// Word starts by the browser's word segmenter (Intl.Segmenter, which knows Thai, Lao, Khmer and
// Myanmar words), as code-point offsets: a malloc'd array of `count` (the caller frees it).
EM_JS(int, gloss_js_word_starts, (const char* text_utf8, int* count), {
    HEAP32[count >> 2] = 0;
    if (typeof Intl === "undefined" || !Intl.Segmenter) return 0;
    const text = UTF8ToString(text_utf8);
    const starts = [];
    const parts = Array.from(new Intl.Segmenter(undefined, { granularity: "word" }).segment(text));
    let cp = 0;
    for (let i = 0; i < parts.length; i++) {
        if (parts[i].isWordLike) starts.push(cp);
        cp += Array.from(parts[i].segment).length; // code points, not UTF-16 units
    }
    if (!starts.length) return 0;
    const pointer = _malloc(starts.length * 4);
    HEAPU32.set(starts, pointer >> 2);
    HEAP32[count >> 2] = starts.length;
    return pointer;
});
// clang-format on

namespace gloss::platform {

std::vector<std::uint32_t> WebHost::word_starts(std::string_view text) {
    std::string utf8(text);
    int count = 0;
    int pointer = gloss_js_word_starts(utf8.c_str(), &count);
    std::vector<std::uint32_t> out;
    if (pointer && count > 0) {
        auto* starts = reinterpret_cast<std::uint32_t*>(static_cast<std::uintptr_t>(pointer));
        out.assign(starts, starts + count);
        std::free(starts);
    }
    return out;
}

bool WebHost::draw_glyph(std::string_view text, float pixels, float ascent, app::GlyphImage& out) {
    std::string utf8(text);
    float box[5] = {};
    std::size_t first = 0;
    bool mark = !utf8.empty() && core::is_mark(core::decode_utf8(utf8, first));
    int pointer = gloss_js_draw_glyph(utf8.c_str(), pixels, ascent, mark ? 1 : 0, box);
    if (pointer < 0) return false;
    out.width = static_cast<int>(box[0]);
    out.height = static_cast<int>(box[1]);
    out.left = box[2];
    out.top = box[3];
    out.advance = box[4];
    out.rgba.assign(static_cast<std::size_t>(out.width) * out.height, 0);
    if (pointer) {
        void* pixels_drawn = reinterpret_cast<void*>(static_cast<std::uintptr_t>(pointer));
        std::memcpy(out.rgba.data(), pixels_drawn, out.rgba.size() * 4);
        std::free(pixels_drawn);
    }
    return true;
}

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
