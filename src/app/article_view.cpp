// ArticleView: painting (spans, selection, caret, relations, badges) and mouse input.
// Layer: app.
//
// Index
// [SECTION] Helpers
// [SECTION] Decorations
// [SECTION] Frame
// [SECTION] Spans
// [SECTION] Overlays: caret, speaker links, badges, corrections
// [SECTION] Mouse
#include "app/article_view.hpp"

#include "app/theme.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace gloss::app {

// [SECTION] Helpers

namespace {

constexpr float kPadding = 24.0f;
constexpr float kMaxTextWidth = 760.0f; // a readable measure, centred in wide windows
constexpr float kEdgeGrab = 5.0f;       // pixels around a span end that start an edge drag

ImU32 with_alpha(std::uint32_t rgba, float alpha) {
    auto r = static_cast<int>((rgba >> 24) & 0xFF), g = static_cast<int>((rgba >> 16) & 0xFF),
         b = static_cast<int>((rgba >> 8) & 0xFF);
    return IM_COL32(r, g, b, static_cast<int>(alpha * 255));
}

bool is_entity(const Session& session, const core::Span& span) {
    const core::Label* label = session.schema.find(span.label);
    return !label || label->kind == core::LabelKind::Entity;
}

} // namespace

// [SECTION] Decorations

void ArticleView::underline(float x0, float x1, float y, ImU32 color, DecorationStyle style) {
    m_decorations.items.push_back({x0, x1, y, color, style});
}

// Hands this frame's underlines to the platform's shader renderer, or draws them as polylines.
void ArticleView::flush_decorations(ImDrawList* draw) {
    m_decorations.scale = m_scale;
    if (m_decorations.items.empty()) return;
    if (ImDrawCallback renderer = decoration_renderer()) {
        draw->AddCallback(renderer, &m_decorations);
        draw->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
        return;
    }
    const float step = 3.0f * m_scale, amplitude = 1.6f * m_scale;
    for (const Decoration& d : m_decorations.items) {
        if (d.style == DecorationStyle::Dashed) {
            for (float x = d.x0; x < d.x1; x += 2 * step)
                draw->AddLine(ImVec2(x, d.y), ImVec2(std::min(x + 1.2f * step, d.x1), d.y), d.color,
                              1.5f * m_scale);
            continue;
        }
        ImVec2 points[512];
        int n = 0;
        for (float x = d.x0; x < d.x1 && n < 511; x += step, ++n)
            points[n] = ImVec2(x, d.y + ((n & 1) ? amplitude : -amplitude));
        points[n++] = ImVec2(d.x1, d.y);
        draw->AddPolyline(points, n, d.color, ImDrawFlags_None, 1.5f * m_scale);
    }
}

// [SECTION] Frame

void ArticleView::draw(Session& session, ImFont* font, float font_size,
                       const ArticleOptions& options) {
    core::Document* doc = session.document();
    ImGui::BeginChild("ArticleText", ImVec2(0, options.height), false, ImGuiWindowFlags_NoMove);
    if (!doc) {
        ImGui::TextDisabled("No document. Open a file or load documents through window.gloss.");
        ImGui::EndChild();
        return;
    }
    m_font = font;
    m_font_size = font_size;
    m_decorations.items.clear();
    m_scale = options.scale;
    const float padding = kPadding * m_scale;
    float avail = ImGui::GetContentRegionAvail().x;
    float width =
        std::min(kMaxTextWidth * m_scale, std::max(120.0f * m_scale, avail - 2 * padding));
    m_layout.update(doc->text(), font, font_size, width, font_size * 0.8f);

    m_scroll_y = ImGui::GetScrollY();
    if (m_scroll_to) {
        float y = m_layout.lines()[m_layout.line_of(*m_scroll_to)].y + padding;
        float view = ImGui::GetWindowHeight();
        if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + view - 2 * m_layout.line_height())
            ImGui::SetScrollY(std::max(0.0f, y - view * 0.3f));
        m_scroll_to.reset();
    }

    ImVec2 window_pos = ImGui::GetCursorScreenPos();
    float left = window_pos.x + std::max(padding, (avail - width) * 0.5f);
    ImVec2 origin(left, window_pos.y + padding);
    m_origin = origin;
    // Reserve the whole height so the window scrolls; painting happens through the draw list.
    ImGui::InvisibleButton("##text",
                           ImVec2(std::max(1.0f, avail), m_layout.height() + 2 * padding));
    bool hovered = ImGui::IsItemHovered();
    // Applied once the content height is submitted, so the scroll is not clamped to an empty page.
    if (m_restore_scroll) {
        ImGui::SetScrollY(*m_restore_scroll);
        m_scroll_y = *m_restore_scroll;
        m_restore_scroll.reset();
    }

    ImDrawList* draw = ImGui::GetWindowDrawList();
    m_clip_min = draw->GetClipRectMin();
    m_clip_max = draw->GetClipRectMax();
    const auto& lines = m_layout.lines();
    std::size_t first = m_layout.line_at_y(m_clip_min.y - origin.y);
    std::size_t last = first;
    while (last < lines.size() && origin.y + lines[last].y < m_clip_max.y)
        ++last;

    const Theme& theme = current_theme();
    auto fill_range = [&](std::size_t start, std::size_t end, ImU32 color) {
        for (std::size_t i = first; i < last; ++i) {
            const auto& line = lines[i];
            std::size_t a = std::max<std::size_t>(line.start, start);
            std::size_t b = std::min<std::size_t>(line.end, end);
            if (a >= b) continue;
            float y = origin.y + line.y;
            m_layout.for_each_box(i, a, b, [&](float x0, float x1) {
                draw->AddRectFilled(ImVec2(origin.x + x0, y),
                                    ImVec2(origin.x + x1, y + m_layout.line_height()), color);
            });
        }
    };
    if (first < last) {
        std::size_t visible_start = lines[first].start, visible_end = lines[last - 1].end;
        for (const Selection& m : options.search_matches)
            if (m.end > visible_start && m.start < visible_end)
                fill_range(m.start, m.end, theme.search);
    }
    if (!session.selection().empty())
        fill_range(session.selection().start, session.selection().end, theme.selection);
    paint_spans(session, draw, origin, first, last, options);
    if (session.review().active()) paint_review(session, draw, origin, first, last);

    const std::string& utf8 = doc->text().utf8();
    const core::OffsetIndex& index = doc->text().index();
    for (std::size_t i = first; i < last; ++i) {
        const auto& line = lines[i];
        if (line.start == line.end) continue;
        std::size_t b0 = index.byte_offset(line.start), b1 = index.byte_offset(line.end);
        float y = origin.y + lines[i].y + (m_layout.line_height() - font_size) * 0.5f;
        if (line.hyphen) // a word broken at its soft hyphen shows one
            font->RenderChar(draw, font_size, ImVec2(origin.x + m_layout.x_of(i, line.end), y),
                             theme.text, '-');
        if (!line.by_unit) {
            draw->AddText(font, font_size, ImVec2(origin.x, y), theme.text, utf8.data() + b0,
                          utf8.data() + b1);
            continue;
        }
        // A cluster's glyph stands for all its code points: drawn unit by unit.
        m_layout.for_each_unit(i, [&](const ArticleLayout::Unit& u, float x) {
            if (u.glyph > ' ' && u.glyph <= IM_UNICODE_CODEPOINT_MAX)
                font->RenderChar(draw, font_size, ImVec2(origin.x + x, y), theme.text,
                                 static_cast<ImWchar>(u.glyph));
        });
    }
    flush_decorations(draw);
    paint_overlays(session, draw, first < last ? lines[first].start : 0,
                   first < last ? lines[last - 1].end : 0, options);

    if (hovered || m_dragging || m_dragging_edge) handle_mouse(session, origin);
    ImGui::EndChild();
}

ImVec2 ArticleView::position_of(std::size_t cp, bool as_end) const {
    std::size_t line = m_layout.line_of(cp);
    // An end at the start of a wrapped line sits at the end of the line before.
    if (as_end && line > 0 && cp > 0 && m_layout.lines()[line].start == cp) --line;
    return ImVec2(m_origin.x + m_layout.x_of(line, cp), m_origin.y + m_layout.lines()[line].y);
}

// [SECTION] Spans

void ArticleView::paint_spans(const Session& session, ImDrawList* draw, ImVec2 origin,
                              std::size_t first_line, std::size_t last_line,
                              const ArticleOptions& options) {
    const core::Document* doc = session.document();
    const auto& lines = m_layout.lines();
    if (first_line >= last_line) return;
    std::size_t visible_start = lines[first_line].start, visible_end = lines[last_line - 1].end;
    std::vector<const core::Span*> spans = doc->spans().overlapping(visible_start, visible_end + 1);
    float lh = m_layout.line_height();
    for (const core::Span* span : spans) {
        if (span->status == core::Status::Rejected) continue;
        // Nesting depth: how many entity backgrounds already cover this span (errors and quotes
        // draw no background, so an entity inside them still gets one).
        int depth = 0;
        for (const core::Span* other : spans)
            if (other != span && other->status == core::Status::Accepted &&
                is_entity(session, *other) && other->start <= span->start &&
                other->end >= span->end &&
                (other->end - other->start > span->end - span->start ||
                 (other->end - other->start == span->end - span->start && other->id < span->id)))
                ++depth;
        const core::Label* label = session.schema.find(span->label);
        std::uint32_t color = label ? label->color : 0x888888FF;
        core::LabelKind kind = label ? label->kind : core::LabelKind::Entity;
        bool pending = span->status == core::Status::Pending;
        bool selected = span->id == session.selected_span();
        const std::string* correction = span->attrs.get("correction");
        std::size_t l0 = m_layout.line_of(span->start);
        for (std::size_t i = std::max(l0, first_line); i < last_line; ++i) {
            const auto& line = lines[i];
            if (line.start >= span->end) break;
            std::size_t a = std::max<std::size_t>(line.start, span->start);
            std::size_t b = std::min<std::size_t>(line.end, span->end);
            if (a >= b) continue;
            // Where directions mix, a line shows the span in several stretches.
            m_layout.for_each_box(i, a, b, [&](float box0, float box1) {
                float x0 = origin.x + box0, x1 = origin.x + box1;
                float y0 = origin.y + line.y, y1 = y0 + lh;
                float under = y1 - 2.0f + 3.0f * static_cast<float>(depth);
                if (pending) {
                    underline(x0, x1, under, with_alpha(color, 1.0f), DecorationStyle::Dashed);
                } else if (kind == core::LabelKind::Error) {
                    underline(x0, x1, under - 1.0f, with_alpha(color, 1.0f), DecorationStyle::Wavy);
                } else if (kind == core::LabelKind::Quote) {
                    draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), with_alpha(color, 0.10f));
                    // A bracket at each end: a vertical bar with short serifs.
                    ImU32 c = with_alpha(color, 1.0f);
                    if (a == span->start) {
                        draw->AddLine(ImVec2(x0, y0 + 2), ImVec2(x0, y1 - 2), c, 2.0f);
                        draw->AddLine(ImVec2(x0, y0 + 2), ImVec2(x0 + 4, y0 + 2), c, 2.0f);
                        draw->AddLine(ImVec2(x0, y1 - 2), ImVec2(x0 + 4, y1 - 2), c, 2.0f);
                    }
                    if (b == span->end) {
                        draw->AddLine(ImVec2(x1, y0 + 2), ImVec2(x1, y1 - 2), c, 2.0f);
                        draw->AddLine(ImVec2(x1, y0 + 2), ImVec2(x1 - 4, y0 + 2), c, 2.0f);
                        draw->AddLine(ImVec2(x1, y1 - 2), ImVec2(x1 - 4, y1 - 2), c, 2.0f);
                    }
                } else if (depth == 0) {
                    draw->AddRectFilled(ImVec2(x0, y0 + 1), ImVec2(x1, y1 - 1),
                                        with_alpha(color, 0.32f), 3.0f);
                } else {
                    draw->AddLine(ImVec2(x0, under), ImVec2(x1, under), with_alpha(color, 1.0f),
                                  2.0f);
                }
                if (selected)
                    draw->AddRect(ImVec2(x0 - 1, y0), ImVec2(x1 + 1, y1), with_alpha(color, 1.0f),
                                  3.0f, ImDrawFlags_None, 2.0f);
            });
        }
        // Corrections shown inline: a tag with the corrected text just above the span's start.
        if (options.show_corrections && correction && !correction->empty() &&
            kind == core::LabelKind::Error && span->start >= visible_start) {
            ImVec2 p = position_of(span->start);
            float size = m_font_size * 0.72f;
            ImVec2 text_size = m_font->CalcTextSizeA(size, 1e9f, 0, correction->c_str());
            ImVec2 a(p.x, p.y - size * 0.55f),
                b(p.x + text_size.x + 8, p.y - size * 0.55f + text_size.y + 2);
            draw->AddRectFilled(a, b, with_alpha(color, 0.92f), 3.0f);
            draw->AddText(m_font, size, ImVec2(a.x + 4, a.y + 1), IM_COL32(255, 255, 255, 255),
                          correction->c_str());
        }
    }
}

// [SECTION] Overlays: caret, speaker links, badges

void ArticleView::paint_overlays(const Session& session, ImDrawList* draw,
                                 std::size_t visible_start, std::size_t visible_end,
                                 const ArticleOptions& options) {
    const core::Document* doc = session.document();
    const Theme& theme = current_theme();
    float lh = m_layout.line_height();
    // Caret.
    if (session.selected_span() == 0) {
        ImVec2 p = position_of(session.caret());
        if (p.y + lh >= m_clip_min.y && p.y <= m_clip_max.y)
            draw->AddLine(ImVec2(p.x, p.y + 2), ImVec2(p.x, p.y + lh - 2), theme.text, 2.0f);
    }
    // Relations: a curve from the start of one span to the start of the other. Only the selected
    // span's, so that a dense article stays readable, or on demand every one of spans on screen
    // or near it (not every relation of the document: Assist may have proposed tens of
    // thousands).
    constexpr std::size_t kLinkReach = 2000; // code points around the visible lines
    std::vector<const core::Relation*> links;
    if (!options.all_relations && options.relations_of)
        for (const core::Relation* r : doc->relations_of(options.relations_of))
            links.push_back(r);
    if (options.all_relations && visible_start < visible_end && !doc->relations().empty())
        doc->spans().for_each_overlapping(
            visible_start > kLinkReach ? visible_start - kLinkReach : 0, visible_end + kLinkReach,
            [&](const core::Span& s) {
                for (const core::Relation* r : doc->relations_of(s.id))
                    links.push_back(r);
            });
    std::sort(links.begin(), links.end(),
              [](const core::Relation* a, const core::Relation* b) { return a->id < b->id; });
    links.erase(std::unique(links.begin(), links.end()), links.end());
    for (const core::Relation* link : links) {
        const core::Relation& relation = *link;
        const core::Span* from = doc->spans().find(relation.from);
        const core::Span* to = doc->spans().find(relation.to);
        if (!from || !to) continue;
        ImVec2 a = position_of(from->start), b = position_of(to->start);
        if (std::max(a.y, b.y) + lh < m_clip_min.y || std::min(a.y, b.y) > m_clip_max.y) continue;
        bool selected = from->id == session.selected_span() || to->id == session.selected_span();
        const core::Label* label = session.schema.find(from->label);
        ImU32 color = with_alpha(label ? label->color : 0x888888FF, selected ? 0.95f : 0.45f);
        ImVec2 a_top(a.x + 2, a.y + 1), b_top(to->start < from->start ? b.x + 4 : b.x + 4, b.y + 1);
        float lift =
            std::min(40.0f, 12.0f + std::fabs(a.x - b.x) * 0.08f + std::fabs(a.y - b.y) * 0.1f);
        draw->AddBezierCubic(a_top, ImVec2(a_top.x, a_top.y - lift),
                             ImVec2(b_top.x, b_top.y - lift), b_top, color, selected ? 2.0f : 1.2f);
        draw->AddCircleFilled(b_top, 3.0f, color);
        // Its type, at the top of the curve (a cubic's midpoint is 3/4 of the way up).
        if (selected) {
            ImVec2 mid((a_top.x + b_top.x) * 0.5f, (a_top.y + b_top.y) * 0.5f - lift * 0.75f);
            float size = m_font_size * 0.62f;
            ImVec2 extent = m_font->CalcTextSizeA(size, FLT_MAX, 0.0f, relation.type.c_str());
            ImVec2 at(mid.x - extent.x * 0.5f, std::max(m_clip_min.y, mid.y - extent.y - 1.0f));
            draw->AddRectFilled(at, ImVec2(at.x + extent.x, at.y + extent.y), theme.paper);
            draw->AddText(m_font, size, at, color, relation.type.c_str());
        }
    }
    // Handles under the selected span's ends: drag them to move an end.
    if (const core::Span* sel = doc->spans().find(session.selected_span())) {
        const core::Label* label = session.schema.find(sel->label);
        ImU32 color = with_alpha(label ? label->color : 0x888888FF, 1.0f);
        for (bool end : {false, true}) {
            ImVec2 p = position_of(end ? sel->end : sel->start, end);
            float y = p.y + lh - 1.0f, r = 3.5f * m_scale;
            draw->AddTriangleFilled(ImVec2(p.x, y - r), ImVec2(p.x - r, y + r),
                                    ImVec2(p.x + r, y + r), color);
        }
    }
    // Numbered badges on speaker candidates.
    for (std::size_t i = 0; i < options.numbered.size(); ++i) {
        const core::Span* s = doc->spans().find(options.numbered[i]);
        if (!s) continue;
        ImVec2 p = position_of(s->start);
        char text[4] = {static_cast<char>('1' + i), 0};
        ImVec2 center(p.x - 2, p.y + 2);
        draw->AddCircleFilled(center, 8.0f, IM_COL32(20, 20, 20, 230));
        draw->AddText(m_font, m_font_size * 0.7f, ImVec2(center.x - 3.5f, center.y - 6.5f),
                      IM_COL32(255, 255, 255, 255), text);
    }
}

void ArticleView::show_hover(const Session& session, std::size_t cp) {
    const core::Document* doc = session.document();
    std::vector<const core::Span*> under = doc->spans().at(cp);
    under.erase(
        std::remove_if(under.begin(), under.end(),
                       [](const core::Span* s) { return s->status == core::Status::Rejected; }),
        under.end());
    if (under.empty()) return;
    ImGui::BeginTooltip();
    for (const core::Span* s : under) {
        std::string text(doc->text().slice(s->start, s->end));
        if (text.size() > 80) text = text.substr(0, 77) + "…";
        ImGui::Text("%s%s  “%s”", s->label.c_str(),
                    s->status == core::Status::Pending ? " (suggested)" : "", text.c_str());
        for (const auto& [name, value] : s->attrs)
            ImGui::BulletText("%s: %s", name.c_str(), value.c_str());
        if (core::SpanId speaker = session.speaker_of(s->id))
            if (const core::Span* sp = doc->spans().find(speaker))
                ImGui::BulletText("speaker: %s",
                                  std::string(doc->text().slice(sp->start, sp->end)).c_str());
    }
    ImGui::EndTooltip();
}

// [SECTION] Mouse

void ArticleView::handle_mouse(Session& session, ImVec2 origin) {
    ImGuiIO& io = ImGui::GetIO();
    ImVec2 mouse = io.MousePos;
    std::size_t cp = m_layout.hit(mouse.x - origin.x, mouse.y - origin.y);
    core::Document* doc = session.document();

    // Near an end of the selected span: drag that end.
    int edge = 0;
    if (const core::Span* sel = doc->spans().find(session.selected_span())) {
        ImVec2 s = position_of(sel->start), e = position_of(sel->end, true);
        float lh = m_layout.line_height();
        // Only the handles drawn under each end grab it: a drag that starts on the text at a
        // span's boundary selects text as usual.
        float grab = kEdgeGrab * m_scale, handle_top = lh * 0.72f;
        if (std::fabs(mouse.x - s.x) <= grab && mouse.y >= s.y + handle_top &&
            mouse.y <= s.y + lh + grab)
            edge = 1;
        else if (std::fabs(mouse.x - e.x) <= grab && mouse.y >= e.y + handle_top &&
                 mouse.y <= e.y + lh + grab)
            edge = 2;
    }
    if (edge || m_dragging_edge) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (m_dragging_edge) {
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
            // Exact characters: the user aims at a glyph boundary when dragging an end.
            session.set_span_edge(session.selected_span(),
                                  m_dragging_edge == 1 ? Edge::Start : Edge::End, cp);
            m_dragging_edge = 0;
        }
        return;
    }
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && edge) {
        m_dragging_edge = edge;
        return;
    }

    if (!m_dragging && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) show_hover(session, cp);

    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        // ImGui counts consecutive clicks close in time and place (a quick second drag
        // elsewhere is not a double click).
        int clicks = ImGui::GetMouseClickedCount(ImGuiMouseButton_Left);
        if (clicks == 2) {
            session.select_range(session.navigation().word_at(*doc, cp));
            m_dragging = false;
            return;
        }
        if (clicks >= 3) {
            session.select_range(session.navigation().sentence_at(*doc, cp));
            m_dragging = false;
            return;
        }
        m_dragging = true;
        m_anchor = cp;
        session.select_nothing();
    }
    if (m_dragging && ImGui::IsMouseDown(ImGuiMouseButton_Left))
        session.select_range({std::min(m_anchor, cp), std::max(m_anchor, cp)}, m_anchor);
    if (m_dragging && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        m_dragging = false;
        Selection s{std::min(m_anchor, cp), std::max(m_anchor, cp)};
        if (s.empty()) {
            // A click: select the innermost span under the mouse, or place the caret.
            core::SpanId best = 0;
            std::uint32_t best_len = ~std::uint32_t{0};
            for (const core::Span* span : doc->spans().at(cp))
                if (span->status != core::Status::Rejected && span->end - span->start < best_len) {
                    best = span->id;
                    best_len = span->end - span->start;
                }
            m_clicked_span = best;
            session.place_caret(cp);
            if (best) session.select_span(best);
        } else {
            // Snap to whole words unless Alt is held (exact characters: `blinken` in `blinkenbut`).
            session.select_range(io.KeyAlt ? s : session.navigation().snap_to_tokens(*doc, s));
        }
    }
}

std::optional<ScreenRect> ArticleView::rect_of(const Session& session, std::size_t cp) const {
    const core::Document* doc = session.document();
    const auto& lines = m_layout.lines();
    if (!doc || !m_layout.laid_out(doc->text()) || lines.empty()) return std::nullopt;
    std::size_t index = m_layout.line_of(cp);
    const auto& line = lines[index];
    // The unit showing cp (left or right to left), or the caret's place after the line's end.
    float x = m_origin.x + m_layout.x_of(index, cp);
    float w = 0;
    if (cp < line.end)
        m_layout.for_each_box(index, cp, cp + 1, [&](float x0, float x1) {
            x = m_origin.x + x0;
            w = x1 - x0;
        });
    float y = m_origin.y + line.y;
    if (y + m_layout.line_height() < m_clip_min.y || y > m_clip_max.y) return std::nullopt;
    return ScreenRect{x, y, w, m_layout.line_height()};
}

} // namespace gloss::app
