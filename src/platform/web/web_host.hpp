// WebHost: the browser side of app::Host (downloads, clock, change events to JavaScript).
// Layer: platform/web.
//  [X] downloads (Blob + anchor)   [X] change events to window.gloss.on("change")
//  [X] file picker (web/boot.js owns the <input type=file>; drag and drop lands there too)
//  [X] review picker (several annotators' files at once, into App::load_review_jsonl)
//  [X] IndexedDB autosave (autosave.cpp)
//  [X] glyphs the interface's font lacks, drawn with the browser's fonts (an OffscreenCanvas)
//  [X] word starts in Thai, Lao, Khmer and Myanmar (Intl.Segmenter)
#pragma once

#include "app/host.hpp"

namespace gloss::platform {

class WebHost final : public app::Host {
public:
    void download(const std::string& filename, const std::string& mime,
                  const std::string& data) override;
    void annotations_changed() override;
    void request_open_file() override;
    void request_review_files() override;             // web/boot.js: a picker for several files
    void submit(const std::string& payload) override; // web/campaign.js queues and sends it
    // web/boot.js keeps the projects (IndexedDB) and reloads into the one opened.
    void project_action(const std::string& action, const std::string& key,
                        const std::string& argument) override;
    bool draw_glyph(std::string_view text, float pixels, float ascent,
                    app::GlyphImage& out) override;
    std::vector<std::uint32_t> word_starts(std::string_view text) override;
    std::int64_t now_ms() const override;
    const std::string& save_state() const override;
};

// Reports a fatal start-up problem to the page, which shows it instead of a blank canvas.
void report_fatal(const std::string& message);
// Tells the page that the app is up (resolves window.gloss.ready).
void report_ready();

} // namespace gloss::platform
