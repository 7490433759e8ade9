// Font loading and glyphs on demand. Layer: app.
#include "app/fonts.hpp"

#include "core/text/arabic.hpp"
#include "core/text/grapheme.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <imgui_internal.h> // ImTextCharFromUtf8

// Debian's stb_truetype (libstb-dev), private to this file as ImGui keeps its own copy: only
// the character map is read here, to know which code points the TTF lacks.
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <unordered_set>

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

// Cluster glyphs take ids from the Basic Multilingual Plane's Private Use Area: ImGui's lookup
// tables grow with the largest id, and the supplementary planes' areas would make them 16 MB.
constexpr ImWchar kFirstClusterId = 0xE000;
constexpr ImWchar kLastClusterId = 0xF8FF;
// Drawing time per build, at most (then the build goes on in the next frame).
constexpr std::chrono::milliseconds kDrawBudget{120};

} // namespace

struct FontAtlas::Coverage {
    stbtt_fontinfo info{};
    float ascent = 0, descent = 0, units_per_em = 0;
    bool has(char32_t c) const { return stbtt_FindGlyphIndex(&info, static_cast<int>(c)) != 0; }
};

FontAtlas::FontAtlas() : m_next_cluster_id(kFirstClusterId) {}
FontAtlas::~FontAtlas() = default;

bool FontAtlas::load(std::string ttf, float scale) {
    m_ttf = std::move(ttf);
    m_scale = scale;
    m_usable = looks_like_ttf(m_ttf);
    m_coverage.reset();
    m_extras.clear();
    m_clusters.clear();
    m_built.clear();
    m_images.clear();
    m_next_cluster_id = kFirstClusterId;
    if (m_usable) {
        auto coverage = std::make_unique<Coverage>();
        const auto* data = reinterpret_cast<const unsigned char*>(m_ttf.data());
        if (stbtt_InitFont(&coverage->info, data, stbtt_GetFontOffsetForIndex(data, 0))) {
            int ascent = 0, descent = 0, gap = 0;
            stbtt_GetFontVMetrics(&coverage->info, &ascent, &descent, &gap);
            coverage->ascent = static_cast<float>(ascent);
            coverage->descent = static_cast<float>(descent);
            coverage->units_per_em = 1.0f / stbtt_ScaleForMappingEmToPixels(&coverage->info, 1.0f);
            m_coverage = std::move(coverage);
        }
    }
    m_wanted.Clear();
    m_wanted.AddRanges(s_base);
    m_invisible.clear();
    for (const ImWchar* range = s_base; range[0]; range += 2)
        for (char32_t c = range[0]; c <= range[1]; ++c)
            if (c >= 0xA0 && core::is_invisible_control(c))
                m_invisible.push_back(static_cast<ImWchar>(c));
    m_pending = false;
    m_partial = false;
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
    // A run of non-ASCII code points with the ASCII character before it (a keycap's digit, a
    // letter with combining marks): where clusters of several code points can be.
    std::u32string run;
    char32_t before = 0;
    while (p < end) {
        auto byte = static_cast<unsigned char>(*p);
        if (byte < 0x80) {
            if (!run.empty()) want_clusters(run);
            run.clear();
            before = byte;
            ++p;
            continue;
        }
        unsigned int c = 0;
        int length = ImTextCharFromUtf8(&c, p, end);
        p += length > 0 ? length : 1;
        if (c > IM_UNICODE_CODEPOINT_MAX) continue;
        if (m_draw && run.empty() && before) run.push_back(before);
        if (m_draw) run.push_back(c);
        if (m_wanted.GetBit(c)) continue;
        want_code_point(c);
        // An Arabic letter is drawn in its joining forms (and lam with alef as a ligature).
        if (core::has_arabic_forms(c)) {
            for (char32_t form : core::arabic_forms(c))
                if (form && !m_wanted.GetBit(form)) want_code_point(form);
            if (c == 0x0644)
                for (char32_t ligature : core::lam_alef_ligatures())
                    if (!m_wanted.GetBit(ligature)) want_code_point(ligature);
        }
    }
    if (!run.empty()) want_clusters(run);
}

void FontAtlas::want_code_point(char32_t c) {
    m_wanted.SetBit(c);
    m_pending = true;
    // A text's own Private Use character: a cluster that had its id takes another.
    if (c >= kFirstClusterId && c <= kLastClusterId) release_cluster_id(static_cast<ImWchar>(c));
    if (c >= 0xA0 && core::is_invisible_control(c)) {
        m_invisible.push_back(static_cast<ImWchar>(c));
        return;
    }
    if (m_draw && m_coverage && !m_coverage->has(c)) {
        std::string text;
        core::append_utf8(text, c);
        m_extras.push_back({static_cast<ImWchar>(c), std::move(text), false});
    }
}

void FontAtlas::release_cluster_id(ImWchar id) {
    auto it = std::find_if(m_clusters.begin(), m_clusters.end(),
                           [&](const auto& entry) { return entry.second == id; });
    if (it == m_clusters.end()) return;
    std::u32string cluster = it->first;
    m_clusters.erase(it);
    m_built.erase(cluster);
    m_extras.erase(std::remove_if(m_extras.begin(), m_extras.end(),
                                  [&](const Extra& e) { return e.article_only && e.id == id; }),
                   m_extras.end());
    for (auto image = m_images.begin(); image != m_images.end();)
        image = image->first.first == id ? m_images.erase(image) : std::next(image);
    want_clusters(cluster); // under a new id
}

void FontAtlas::want_clusters(std::u32string_view run) {
    for (std::size_t at = 0; at < run.size();) {
        std::size_t next = core::next_grapheme_boundary(run, at);
        if (next - at >= 2) {
            std::u32string cluster(run.substr(at, next - at));
            if (!m_clusters.count(cluster)) {
                // An id no text has asked for as a character of its own.
                while (m_next_cluster_id <= kLastClusterId && m_wanted.GetBit(m_next_cluster_id))
                    ++m_next_cluster_id;
                if (m_next_cluster_id > kLastClusterId)
                    return; // full: drawn code point by code point
                ImWchar id = m_next_cluster_id++;
                m_clusters.emplace(cluster, id);
                m_extras.push_back({id, core::to_utf8(cluster), true});
                m_pending = true;
            }
        }
        at = next;
    }
}

ImWchar FontAtlas::cluster_glyph(std::u32string_view cluster) const {
    if (m_built.empty()) return 0;
    auto it = m_built.find(cluster);
    return it == m_built.end() ? 0 : it->second;
}

bool FontAtlas::update() {
    if (!m_pending) return false;
    bool complete = draw_some();
    // While glyphs are still being drawn, one build shows those drawn so far (the first lines'),
    // then the drawing goes on frame after frame without building until it is complete.
    if (!complete && m_partial) return false;
    build();
    m_partial = !complete;
    m_pending = !complete;
    return true;
}

bool FontAtlas::draw_some() {
    if (!m_draw || !m_coverage || !m_usable) return true;
    // Drawing is the slow part (the browser's first use of a fallback font for a character
    // costs about 0.4 ms): at most kDrawBudget of it at a time, the article's size first, in the
    // order the glyphs were asked for (a document's first lines first).
    auto started = std::chrono::steady_clock::now();
    for (float size : {article_size, ui_size}) {
        float pixels = size * m_scale;
        for (const Extra& extra : m_extras) {
            if ((extra.article_only && size != article_size) || drawn_already(extra, pixels))
                continue;
            if (std::chrono::steady_clock::now() - started > kDrawBudget) return false;
            image(extra, pixels);
        }
    }
    return true;
}

bool FontAtlas::drawn_already(const Extra& extra, float pixels) const {
    return m_images.count(std::make_pair(extra.id, static_cast<int>(std::lround(pixels * 64)))) !=
           0;
}

const GlyphImage* FontAtlas::image(const Extra& extra, float pixels) {
    auto key = std::make_pair(extra.id, static_cast<int>(std::lround(pixels * 64)));
    auto it = m_images.find(key);
    if (it == m_images.end()) {
        // The TTF's metrics, as ImGui sizes it: `pixels` from its ascender to its descender.
        const Coverage& c = *m_coverage;
        float scale = pixels / (c.ascent - c.descent);
        float ascent = std::floor(c.ascent * scale + 1.0f);
        GlyphImage out;
        bool ok = m_draw(extra.utf8, c.units_per_em * scale, ascent, out) && out.width >= 0 &&
                  out.height >= 0 &&
                  out.rgba.size() == static_cast<std::size_t>(out.width) * out.height;
        it = m_images.emplace(key, ok ? std::optional<GlyphImage>(std::move(out)) : std::nullopt)
                 .first;
    }
    return it->second ? &*it->second : nullptr;
}

void FontAtlas::build() {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    m_ui = m_article = nullptr;
    m_built.clear();
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
    // The glyphs the platform draws: a rectangle each in the atlas, filled after the build.
    struct Placed {
        int rect;
        const GlyphImage* image;
        ImFont* font;
        ImWchar id;
    };
    std::vector<Placed> placed;
    std::unordered_set<ImWchar> drawn; // clusters
    if (m_draw && m_coverage) {
        // The glyphs drawn so far (draw_some() draws the others).
        for (ImFont* font : {m_article, m_ui}) {
            float pixels = (font == m_ui ? ui_size : article_size) * m_scale;
            for (const Extra& extra : m_extras) {
                if ((extra.article_only && font != m_article) || !drawn_already(extra, pixels))
                    continue;
                const GlyphImage* image = this->image(extra, pixels);
                if (!image) continue; // the fallback glyph, or the cluster's code points
                int rect = atlas.AddCustomRectFontGlyph(font, extra.id, std::max(1, image->width),
                                                        std::max(1, image->height), image->advance,
                                                        ImVec2(image->left, image->top));
                placed.push_back({rect, image, font, extra.id});
                if (extra.article_only) drawn.insert(extra.id);
            }
        }
    }
    // ImGui picks U+FFFD (always in the ranges) as each font's fallback glyph when building.
    atlas.Build();
    for (ImFont* font : {m_article, m_ui}) {
        bool added = false;
        for (ImWchar c : m_invisible) {
            // The font's own glyph may have ink and width (DejaVu draws U+00AD as a hyphen,
            // which shows only where a line breaks at it): none.
            if (const ImFontGlyph* own = font->FindGlyphNoFallback(c)) {
                if (own->AdvanceX == 0 && !own->Visible) continue;
                ImFontGlyph* glyph = const_cast<ImFontGlyph*>(own);
                glyph->AdvanceX = 0;
                glyph->Visible = 0;
            } else {
                font->AddGlyph(nullptr, c, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            }
            added = true;
        }
        if (added) font->BuildLookupTable();
    }
    if (placed.empty()) return;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
    for (const Placed& p : placed) {
        const ImFontAtlasCustomRect* rect = atlas.GetCustomRectByIndex(p.rect);
        const GlyphImage& image = *p.image;
        bool colored = false;
        for (int y = 0; y < image.height; ++y) {
            auto* row = reinterpret_cast<std::uint32_t*>(pixels) +
                        static_cast<std::size_t>(rect->Y + y) * width + rect->X;
            std::memcpy(row, image.rgba.data() + static_cast<std::size_t>(y) * image.width,
                        static_cast<std::size_t>(image.width) * 4);
            for (int x = 0; x < image.width && !colored; ++x) {
                const auto* px = reinterpret_cast<const unsigned char*>(row + x);
                colored = px[3] > 16 && std::min({px[0], px[1], px[2]}) < 240;
            }
        }
        // A colour glyph (emoji) keeps its colours; the others take the text's colour.
        if (auto* glyph = const_cast<ImFontGlyph*>(p.font->FindGlyphNoFallback(p.id)))
            glyph->Colored = colored ? 1 : 0;
    }
    for (const auto& [cluster, id] : m_clusters)
        if (drawn.count(id)) m_built.emplace(cluster, id);
}

} // namespace gloss::app
