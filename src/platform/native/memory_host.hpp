// MemoryHost: a native app::Host that keeps downloads, submissions and change counts in memory, for
// the headless UI tests. Layer: platform/native.
#pragma once

#include "app/host.hpp"

#include <algorithm>
#include <string>
#include <string_view>
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
    // With draw_glyphs, the glyphs the font lacks are blocks one em wide (red for a character
    // outside the Basic Multilingual Plane, such as an emoji: a colour glyph; white otherwise),
    // and each text drawn is recorded; without, none is drawn (the fallback glyph shows).
    bool draw_glyph(std::string_view text, float pixels, float ascent,
                    app::GlyphImage& out) override {
        if (!draw_glyphs) return false;
        glyphs_drawn.emplace_back(text);
        bool colour = !text.empty() && static_cast<unsigned char>(text[0]) >= 0xF0;
        out.width = std::max(1, static_cast<int>(pixels * 0.8f));
        out.height = std::max(1, static_cast<int>(ascent));
        out.left = out.top = 0;
        out.advance = pixels;
        out.rgba.assign(static_cast<std::size_t>(out.width) * out.height,
                        colour ? 0xFF0000FFu : 0xFFFFFFFFu); // bytes R, G, B, A
        return true;
    }
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
    // Word starts handed to the layout for scripts without spaces (as the browser's
    // Intl.Segmenter would find them), recorded with the texts asked about.
    std::vector<std::uint32_t> word_starts(std::string_view text) override {
        word_texts.emplace_back(text);
        return thai_word_starts;
    }
    std::vector<std::uint32_t> thai_word_starts;
    std::vector<std::string> word_texts;
    bool draw_glyphs = false;
    std::vector<std::string> glyphs_drawn;
    int changes = 0;
    int open_requests = 0;
    int review_requests = 0;
    std::int64_t clock_ms = 1700000000000;
};

} // namespace gloss::platform
