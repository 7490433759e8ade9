// Bar charts as PNG for `gloss stats --png`: a small 5x7 bitmap font (drawn for Gloss) and
// stb_image_write. Layer: cli.
#include "cli/commands.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

namespace gloss::cli {
namespace {

// Rows of 5 pixels, the top row first, bit 4 the leftmost pixel.
struct Glyph {
    char c;
    std::array<std::uint8_t, 7> rows;
};

constexpr Glyph s_glyphs[] = {
    {'A', {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}},
    {'B', {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E}},
    {'C', {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}},
    {'D', {0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E}},
    {'E', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}},
    {'F', {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10}},
    {'G', {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F}},
    {'H', {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}},
    {'I', {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}},
    {'J', {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C}},
    {'K', {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}},
    {'L', {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F}},
    {'M', {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}},
    {'N', {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11}},
    {'O', {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}},
    {'P', {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10}},
    {'Q', {0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D}},
    {'R', {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}},
    {'S', {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}},
    {'T', {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}},
    {'U', {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}},
    {'V', {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04}},
    {'W', {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}},
    {'X', {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11}},
    {'Y', {0x11, 0x11, 0x0A, 0x04, 0x04, 0x04, 0x04}},
    {'Z', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F}},
    {'0', {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}},
    {'1', {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}},
    {'2', {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}},
    {'3', {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}},
    {'4', {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}},
    {'5', {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}},
    {'6', {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}},
    {'7', {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}},
    {'8', {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}},
    {'9', {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}},
    {'_', {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1F}},
    {'-', {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00}},
    {'.', {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}},
    {':', {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00}},
    {',', {0x00, 0x00, 0x00, 0x00, 0x0C, 0x04, 0x08}},
    {'(', {0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02}},
    {')', {0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08}},
    {'/', {0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x10}},
    {'?', {0x0E, 0x11, 0x01, 0x02, 0x04, 0x00, 0x04}},
};

const Glyph* glyph(char c) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (c == ' ') return nullptr;
    for (const Glyph& g : s_glyphs)
        if (g.c == c) return &g;
    return glyph('?');
}

class Canvas {
public:
    Canvas(int width, int height) : m_width(width), m_height(height) {
        m_pixels.assign(static_cast<std::size_t>(width * height * 3), 255);
    }
    void rect(int x, int y, int w, int h, std::uint32_t rgb) {
        for (int j = std::max(0, y); j < std::min(m_height, y + h); ++j)
            for (int i = std::max(0, x); i < std::min(m_width, x + w); ++i) {
                std::size_t p = static_cast<std::size_t>((j * m_width + i) * 3);
                m_pixels[p] = static_cast<unsigned char>(rgb >> 16);
                m_pixels[p + 1] = static_cast<unsigned char>(rgb >> 8);
                m_pixels[p + 2] = static_cast<unsigned char>(rgb);
            }
    }
    // Text with `scale`-pixel dots; non-ASCII bytes draw as '?' once per code point.
    void text(int x, int y, const std::string& s, int scale, std::uint32_t rgb) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            auto byte = static_cast<unsigned char>(s[i]);
            if ((byte & 0xC0) == 0x80) continue;
            if (const Glyph* g = glyph(byte < 0x80 ? s[i] : '?'))
                for (int row = 0; row < 7; ++row)
                    for (int col = 0; col < 5; ++col)
                        if (g->rows[static_cast<std::size_t>(row)] & (0x10 >> col))
                            rect(x + col * scale, y + row * scale, scale, scale, rgb);
            x += 6 * scale;
        }
    }
    bool save(const std::string& path) const {
        return stbi_write_png(path.c_str(), m_width, m_height, 3, m_pixels.data(), m_width * 3) !=
               0;
    }

private:
    int m_width, m_height;
    std::vector<unsigned char> m_pixels;
};

constexpr std::uint32_t kPalette[] = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
                                      0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

} // namespace

bool write_bar_chart_png(const std::string& path, const std::string& title,
                         const std::vector<std::pair<std::string, std::vector<Bar>>>& groups) {
    constexpr int kWidth = 960, kRow = 26, kLabelWidth = 230, kBarLeft = 250, kBarMax = 560;
    constexpr std::size_t kMaxRows = 30;
    int height = 60;
    for (const auto& [name, bars] : groups)
        height +=
            50 + kRow * static_cast<int>(std::max<std::size_t>(1, std::min(bars.size(), kMaxRows)));
    Canvas canvas(kWidth, height);
    canvas.text(20, 20, title, 3, 0x222222);
    int y = 70;
    for (const auto& [name, bars] : groups) {
        canvas.text(20, y, name, 2, 0x444444);
        canvas.rect(20, y + 20, kWidth - 40, 1, 0xCCCCCC);
        y += 32;
        double max = 1;
        for (const Bar& b : bars)
            max = std::max(max, b.value);
        if (bars.empty()) canvas.text(kBarLeft, y + 4, "(none)", 2, 0x888888);
        for (std::size_t i = 0; i < bars.size() && i < kMaxRows; ++i) {
            const Bar& b = bars[i];
            std::string label = b.label.size() > 19 ? b.label.substr(0, 18) + "." : b.label;
            int label_x = kBarLeft - 20 - static_cast<int>(label.size()) * 12;
            canvas.text(std::max(20, label_x), y + 5, label, 2, 0x222222);
            int w = std::max(2, static_cast<int>(std::lround(b.value / max * kBarMax)));
            canvas.rect(kBarLeft, y + 2, w, kRow - 6, kPalette[i % std::size(kPalette)]);
            char value[32];
            std::snprintf(value, sizeof value, "%.0f", b.value);
            canvas.text(kBarLeft + w + 8, y + 5, value, 2, 0x222222);
            y += kRow;
        }
        if (bars.empty()) y += kRow;
        y += 18;
    }
    (void)kLabelWidth;
    return canvas.save(path);
}

} // namespace gloss::cli
