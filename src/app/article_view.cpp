// ArticleView: painting and mouse selection. Layer: app.
#include "app/article_view.hpp"

#include "app/theme.hpp"

#include <algorithm>
#include <cmath>

namespace gloss::app {
namespace {

constexpr float kPadding = 24.0f;
constexpr float kMaxTextWidth = 760.0f; // a readable measure, centred in wide windows

ImU32 with_alpha(std::uint32_t rgba, float alpha) {
    auto r = static_cast<int>((rgba >> 24) & 0xFF), g = static_cast<int>((rgba >> 16) & 0xFF),
         b = static_cast<int>((rgba >> 8) & 0xFF);
    return IM_COL32(r, g, b, static_cast<int>(alpha * 255));
}

void wavy_line(ImDrawList* draw, float x0, float x1, float y, ImU32 color) {
    constexpr float kStep = 3.0f, kAmp = 1.6f;
    ImVec2 points[512];
    int n = 0;
    for (float x = x0; x < x1 && n < 511; x += kStep, ++n)
        points[n] = ImVec2(x, y + ((n & 1) ? kAmp : -kAmp));
    points[n++] = ImVec2(x1, y);
    draw->AddPolyline(points, n, color, ImDrawFlags_None, 1.5f);
}

} // namespace

void ArticleView::draw(Session& session, ImFont* font, float font_size) {
    core::Document* doc = session.document();
    ImGui::BeginChild("ArticleText", ImVec2(0, 0), false, ImGuiWindowFlags_NoMove);
    if (!doc) {
        ImGui::TextDisabled("No document. Open a file or load documents through window.gloss.");
        ImGui::EndChild();
        return;
    }
    float avail = ImGui::GetContentRegionAvail().x;
    float width = std::min(kMaxTextWidth, std::max(120.0f, avail - 2 * kPadding));
    m_layout.update(doc->text(), font, font_size, width, font_size * 0.8f);

    if (m_scroll_to) {
        float y = m_layout.lines()[m_layout.line_of(*m_scroll_to)].y;
        float view = ImGui::GetWindowHeight();
        if (y < ImGui::GetScrollY() || y > ImGui::GetScrollY() + view - 2 * m_layout.line_height())
            ImGui::SetScrollY(std::max(0.0f, y - view * 0.3f));
        m_scroll_to.reset();
    }

    ImVec2 window_pos = ImGui::GetCursorScreenPos();
    float left = window_pos.x + std::max(kPadding, (avail - width) * 0.5f);
    ImVec2 origin(left, window_pos.y + kPadding);
    m_origin = origin;
    // Reserve the whole height so the window scrolls; painting happens through the draw list.
    ImGui::InvisibleButton("##text", ImVec2(std::max(1.0f, avail), m_layout.height() + 2 * kPadding));
    bool hovered = ImGui::IsItemHovered();

    ImDrawList* draw = ImGui::GetWindowDrawList();
    m_clip_min = draw->GetClipRectMin();
    m_clip_max = draw->GetClipRectMax();
    const auto& lines = m_layout.lines();
    std::size_t first = m_layout.line_at_y(m_clip_min.y - origin.y);
    std::size_t last = first;
    while (last < lines.size() && origin.y + lines[last].y < m_clip_max.y) ++last;

    // Selection under the text.
    const Theme& theme = current_theme();
    if (!session.selection.empty()) {
        for (std::size_t i = first; i < last; ++i) {
            const auto& line = lines[i];
            std::size_t a = std::max<std::size_t>(line.start, session.selection.start);
            std::size_t b = std::min<std::size_t>(line.end, session.selection.end);
            if (a >= b) continue;
            float x0 = origin.x + m_layout.x_of(i, a), x1 = origin.x + m_layout.x_of(i, b);
            float y = origin.y + line.y;
            draw->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + m_layout.line_height()), theme.selection);
        }
    }
    paint_spans(session, draw, origin, first, last);

    const std::string& utf8 = doc->text().utf8();
    const core::OffsetIndex& index = doc->text().index();
    for (std::size_t i = first; i < last; ++i) {
        const auto& line = lines[i];
        if (line.start == line.end) continue;
        std::size_t b0 = index.byte_offset(line.start), b1 = index.byte_offset(line.end);
        float y = origin.y + lines[i].y + (m_layout.line_height() - font_size) * 0.5f;
        draw->AddText(font, font_size, ImVec2(origin.x, y), theme.text, utf8.data() + b0,
                      utf8.data() + b1);
    }

    if (hovered || m_dragging) handle_mouse(session, origin);
    ImGui::EndChild();
}

void ArticleView::paint_spans(const Session& session, ImDrawList* draw, ImVec2 origin,
                              std::size_t first_line, std::size_t last_line) {
    const core::Document* doc = session.document();
    const auto& lines = m_layout.lines();
    if (first_line >= last_line) return;
    std::size_t visible_start = lines[first_line].start, visible_end = lines[last_line - 1].end;
    std::vector<const core::Span*> spans = doc->spans().overlapping(visible_start, visible_end + 1);
    float lh = m_layout.line_height();
    for (const core::Span* span : spans) {
        if (span->status == core::Status::Rejected) continue;
        // Nesting depth: how many visible spans strictly contain this one.
        int depth = 0;
        for (const core::Span* other : spans)
            if (other != span && other->start <= span->start && other->end >= span->end &&
                (other->end - other->start > span->end - span->start ||
                 (other->end - other->start == span->end - span->start && other->id < span->id)))
                ++depth;
        const core::Label* label = session.schema.find(span->label);
        std::uint32_t color = label ? label->color : 0x888888FF;
        core::LabelKind kind = label ? label->kind : core::LabelKind::Entity;
        bool selected = span->id == session.selected_span;
        std::size_t l0 = m_layout.line_of(span->start);
        for (std::size_t i = std::max(l0, first_line); i < last_line; ++i) {
            const auto& line = lines[i];
            if (line.start >= span->end) break;
            std::size_t a = std::max<std::size_t>(line.start, span->start);
            std::size_t b = std::min<std::size_t>(line.end, span->end);
            if (a >= b) continue;
            float x0 = origin.x + m_layout.x_of(i, a), x1 = origin.x + m_layout.x_of(i, b);
            float y0 = origin.y + line.y, y1 = y0 + lh;
            if (kind == core::LabelKind::Error) {
                wavy_line(draw, x0, x1, y1 - 3.0f + 3.0f * static_cast<float>(depth), with_alpha(color, 1.0f));
            } else if (kind == core::LabelKind::Quote) {
                draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), with_alpha(color, 0.12f));
                if (a == span->start)
                    draw->AddLine(ImVec2(x0, y0 + 1), ImVec2(x0, y1 - 1), with_alpha(color, 1.0f), 2.0f);
                if (b == span->end)
                    draw->AddLine(ImVec2(x1, y0 + 1), ImVec2(x1, y1 - 1), with_alpha(color, 1.0f), 2.0f);
            } else if (depth == 0) {
                draw->AddRectFilled(ImVec2(x0, y0 + 1), ImVec2(x1, y1 - 1), with_alpha(color, 0.35f), 3.0f);
            } else {
                float y = y1 - 1.0f + 3.0f * static_cast<float>(depth - 1);
                draw->AddLine(ImVec2(x0, y), ImVec2(x1, y), with_alpha(color, 1.0f), 2.0f);
            }
            if (selected)
                draw->AddRect(ImVec2(x0 - 1, y0), ImVec2(x1 + 1, y1), with_alpha(color, 1.0f), 3.0f,
                              ImDrawFlags_None, 2.0f);
        }
    }
}

void ArticleView::handle_mouse(Session& session, ImVec2 origin) {
    ImGuiIO& io = ImGui::GetIO();
    ImVec2 mouse = io.MousePos;
    std::size_t cp = m_layout.hit(mouse.x - origin.x, mouse.y - origin.y);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        Selection word = session.snap_to_tokens({cp, cp + 1});
        session.selection = word;
        session.selected_span = 0;
        m_dragging = false;
        return;
    }
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        m_dragging = true;
        m_anchor = cp;
        session.selection = {};
    }
    if (m_dragging && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        session.selection = {std::min(m_anchor, cp), std::max(m_anchor, cp)};
    }
    if (m_dragging && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        m_dragging = false;
        Selection s{std::min(m_anchor, cp), std::max(m_anchor, cp)};
        if (s.empty()) {
            // A click: select the innermost span under the mouse, or nothing.
            const core::Document* doc = session.document();
            core::SpanId best = 0;
            std::uint32_t best_len = ~std::uint32_t{0};
            for (const core::Span* span : doc->spans().at(cp))
                if (span->status != core::Status::Rejected && span->end - span->start < best_len) {
                    best = span->id;
                    best_len = span->end - span->start;
                }
            session.selected_span = best;
            session.selection = {};
        } else {
            // Snap to whole words unless Alt is held (exact characters: `blinken` in `blinkenbut`).
            session.selection = io.KeyAlt ? s : session.snap_to_tokens(s);
            session.selected_span = 0;
        }
    }
}

std::optional<ScreenRect> ArticleView::rect_of(std::size_t cp) const {
    const auto& lines = m_layout.lines();
    if (lines.empty()) return std::nullopt;
    std::size_t index = m_layout.line_of(cp);
    const auto& line = lines[index];
    float x = m_origin.x + m_layout.x_of(index, cp);
    float y = m_origin.y + line.y;
    float w = cp < line.end ? m_layout.width_of(cp) : 0;
    if (y + m_layout.line_height() < m_clip_min.y || y > m_clip_max.y) return std::nullopt;
    return ScreenRect{x, y, w, m_layout.line_height()};
}

} // namespace gloss::app
