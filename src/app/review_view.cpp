// ArticleView in review mode: each annotator's spans as a thin bar in their colour along the
// top of the line (one lane per annotator), and the current disagreement outlined. The
// adjudicated document's spans are painted as usual underneath. Layer: app.
#include "app/review_view.hpp"
#include "app/article_view.hpp"

#include "app/theme.hpp"

#include <algorithm>

namespace gloss::app {

ImU32 review_color(std::size_t index, float alpha) {
    // Tableau-like hues, distinct from each other in light and dark themes.
    static constexpr int kPalette[][3] = {{31, 119, 180},  {255, 127, 14}, {44, 160, 44},
                                          {148, 103, 189}, {214, 39, 40},  {23, 190, 207}};
    const int* c = kPalette[index % (sizeof kPalette / sizeof kPalette[0])];
    return IM_COL32(c[0], c[1], c[2], static_cast<int>(alpha * 255));
}

void ArticleView::paint_review(const Session& session, ImDrawList* draw, ImVec2 origin,
                               std::size_t first_line, std::size_t last_line) {
    const ReviewDocument* review = session.review().current_document();
    const auto& lines = m_layout.lines();
    if (!review || first_line >= last_line) return;
    std::size_t visible_start = lines[first_line].start, visible_end = lines[last_line - 1].end;
    const float lh = m_layout.line_height();
    // Lanes share the space above the glyphs; more annotators get thinner bars.
    const std::size_t lanes = std::max<std::size_t>(1, review->versions.size());
    const float room = std::max(3.0f, lh * 0.2f);
    const float thickness = std::clamp(room / static_cast<float>(lanes), 1.0f, 3.0f * m_scale);

    auto for_lines = [&](std::size_t start, std::size_t end, auto&& paint) {
        for (std::size_t i = std::max(m_layout.line_of(start), first_line); i < last_line; ++i) {
            const auto& line = lines[i];
            if (line.start >= end) break;
            std::size_t a = std::max<std::size_t>(line.start, start);
            std::size_t b = std::min<std::size_t>(line.end, end);
            if (a >= b) continue;
            m_layout.for_each_box(i, a, b, [&](float x0, float x1) {
                paint(origin.x + x0, origin.x + x1, origin.y + line.y);
            });
        }
    };

    for (std::size_t v = 0; v < review->versions.size(); ++v) {
        const core::Document& version = review->versions[v];
        ImU32 color = review_color(v, 0.9f);
        float top = static_cast<float>(v) * thickness;
        for (const core::Span* s : version.spans().overlapping(visible_start, visible_end + 1)) {
            if (s->status == core::Status::Rejected ||
                (s->status == core::Status::Pending && s->origin == core::Origin::Suggested))
                continue;
            for_lines(s->start, s->end, [&](float x0, float x1, float y) {
                draw->AddRectFilled(ImVec2(x0 + 1, y + top), ImVec2(x1 - 1, y + top + thickness),
                                    color);
            });
        }
    }

    const auto& all = review->disagreements;
    if (review->current < all.size()) {
        const Disagreement& d = all[review->current];
        ImU32 outline = current_theme().text;
        for_lines(d.start, d.end, [&](float x0, float x1, float y) {
            draw->AddRect(ImVec2(x0 - 2, y - 1), ImVec2(x1 + 2, y + lh + 1), outline, 3.0f,
                          ImDrawFlags_None, 1.5f * m_scale);
        });
    }
}

} // namespace gloss::app
