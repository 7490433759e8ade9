// Font loading and glyphs on demand. Layer: app.
#include "app/fonts.hpp"

#include <imgui_internal.h> // ImTextCharFromUtf8

#include <cstring>

namespace gloss::app {
namespace {

// Always in the atlas: what an English or Western European article and the interface need.
const ImWchar s_base[] = {
    0x0020, 0x017F, // Basic Latin, Latin-1, Latin Extended-A
    0x2000, 0x206F, // General Punctuation: dashes, curly quotes, ellipsis, bullet
    0x20A0, 0x20CF, // Currency
    0x2190, 0x2193, // Arrows the interface draws
    0x26A0, 0x26A0, // Warning sign (the status line)
    0x2713, 0x2713, // Check mark (documents done)
    0xFFFD, 0xFFFD, // Replacement character: the fallback glyph
    0,
};

bool looks_like_ttf(const std::string& b) {
    // stb_truetype asserts on garbage: check the sfnt signature first.
    return b.size() > 12 && ((b[0] == 0 && b[1] == 1 && b[2] == 0 && b[3] == 0) ||
                             std::memcmp(b.data(), "true", 4) == 0);
}

} // namespace

bool FontAtlas::load(std::string ttf, float scale) {
    m_ttf = std::move(ttf);
    m_scale = scale;
    m_usable = looks_like_ttf(m_ttf);
    m_wanted.Clear();
    m_wanted.AddRanges(s_base);
    build();
    return m_usable;
}

void FontAtlas::set_scale(float scale) {
    if (scale <= 0 || scale == m_scale) return;
    m_scale = scale;
    m_pending = true;
}

void FontAtlas::want(std::string_view utf8) {
    if (!m_usable) return;
    const char* p = utf8.data();
    const char* end = p + utf8.size();
    while (p < end) {
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        unsigned int c = 0;
        int length = ImTextCharFromUtf8(&c, p, end);
        p += length > 0 ? length : 1;
        if (c <= IM_UNICODE_CODEPOINT_MAX && !m_wanted.GetBit(c)) {
            m_wanted.SetBit(c);
            m_pending = true;
        }
    }
}

bool FontAtlas::update() {
    if (!m_pending) return false;
    build();
    return true;
}

void FontAtlas::build() {
    m_pending = false;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    m_ui = m_article = nullptr;
    if (!m_usable) {
        atlas.AddFontDefault();
        atlas.Build();
        return;
    }
    m_ranges.clear();
    m_wanted.BuildRanges(&m_ranges);
    for (float pixels : {ui_size, article_size}) {
        ImFontConfig config;
        config.FontDataOwnedByAtlas = false; // m_ttf outlives every build
        config.OversampleH = 2;
        config.OversampleV = 1;
        config.PixelSnapH = false;
        ImFont* font = atlas.AddFontFromMemoryTTF(m_ttf.data(), static_cast<int>(m_ttf.size()),
                                                  pixels * m_scale, &config, m_ranges.Data);
        (pixels == ui_size ? m_ui : m_article) = font;
    }
    // ImGui picks U+FFFD (always in the ranges) as each font's fallback glyph when building.
    atlas.Build();
}

} // namespace gloss::app
