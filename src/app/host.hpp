// Host: what the interface needs from the world outside (downloads, clock, change
// notifications). Layer: app. platform/web and platform/native implement it; app code never
// includes platform headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::app {

// A glyph drawn by the platform: a grapheme cluster (or a run the platform shapes as one),
// RGBA8 pixels (not premultiplied; white where the glyph has no colour of its own), placed
// `left` and `top` pixels from the pen at the top of the line, and the pen's advance.
struct GlyphImage {
    int width = 0, height = 0;
    float left = 0, top = 0, advance = 0;
    std::vector<std::uint32_t> rgba; // width * height, row by row; byte order R, G, B, A
};

class Host {
public:
    virtual ~Host() = default;
    // Offers `data` to the user as a file download named `filename`.
    virtual void download(const std::string& filename, const std::string& mime,
                          const std::string& data) = 0;
    // Asks the user for files to open; the platform later calls App::open_file with each.
    virtual void request_open_file() {}
    // Asks the user for several annotators' Gloss JSONL files to review (one per annotator,
    // named after the file); the platform later calls App::load_review_jsonl with them.
    virtual void request_review_files() {}
    // Called after every change of the annotations (for autosave and subscribers).
    virtual void annotations_changed() {}
    // Hands a task's results to the platform for submission (JSON: {"documents": [Gloss JSONL
    // objects], "time_spent_ms": {id: ms}}); the platform reports back with App::set_submission.
    virtual void submit(const std::string& /*payload*/) {}
    // The projects of this browser (App::set_projects lists them): "new" (named `argument`),
    // "open", "rename" (to `argument`), "delete" or "download" (its stored form) project `key`.
    virtual void project_action(const std::string& /*action*/, const std::string& /*key*/,
                                const std::string& /*argument*/) {}
    // Draws `text` (UTF-8: one grapheme cluster, or a run to shape as one) at `pixels` per em,
    // its baseline `ascent` pixels below the top of the line, with the fonts the platform has,
    // for the glyphs the interface's own font lacks (emoji, CJK, other scripts). False when the
    // platform draws no glyphs (the interface then shows its font's fallback glyph).
    virtual bool draw_glyph(std::string_view /*text*/, float /*pixels*/, float /*ascent*/,
                            GlyphImage& /*out*/) {
        return false;
    }
    // Where words start in a paragraph of a script written without spaces (Thai, Lao, Khmer,
    // Myanmar), as code-point offsets into `utf8`; empty when the platform cannot tell (lines
    // then break between grapheme clusters).
    virtual std::vector<std::uint32_t> word_starts(std::string_view /*utf8*/) { return {}; }
    // Milliseconds since the Unix epoch.
    virtual std::int64_t now_ms() const = 0;
    // A short line for the status bar about persistence ("Saved 12:04:31", "Saving…",
    // "Not saved: storage is full"); empty when the host does not persist.
    virtual const std::string& save_state() const {
        static const std::string s_none;
        return s_none;
    }
};

} // namespace gloss::app
