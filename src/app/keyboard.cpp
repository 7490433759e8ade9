// Keyboard: every shortcut of the interface, so a whole article can be annotated without a
// mouse. The sheet in app.cpp (draw_shortcut_sheet) lists the same bindings. Layer: app.
#include "app/app.hpp"
#include "app/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace gloss::app {

void App::handle_shortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    bool ctrl = io.KeyCtrl || io.KeySuper;
    // Global shortcuts work even while a text field is focused.
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_L, false)) {
        set_schema_open(!m_schema_open);
        return;
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_F, false)) {
        m_search_open = true;
        m_focus_search = true;
        return;
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_E, false)) {
        export_jsonl();
        return;
    }
    if (text_input_busy()) {
        if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && m_search_open) {
            m_search_open = false;
            m_matches.clear();
        }
        return;
    }
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    // The questions about a file (its format, its ids, labels to add) take the keys.
    if (!m_pending_opens.empty() || m_pending_labels || m_schema_open) return;
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Z, false)) {
        if (io.KeyShift ? m_session.redo() : m_session.undo()) m_frames.request();
        return;
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Y, false)) {
        if (m_session.redo()) m_frames.request();
        return;
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_Enter, false)) {
        std::size_t i = m_session.current_index();
        m_session.set_done(i, !m_session.is_done(i));
        m_frames.request();
        if (m_session.is_done(i) && i + 1 < m_session.documents().size()) m_session.open(i + 1);
        return;
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_DownArrow, false)) {
        m_session.open(std::min(m_session.current_index() + 1, m_session.documents().size() - 1));
        return;
    }
    if (ctrl && ImGui::IsKeyPressed(ImGuiKey_UpArrow, false)) {
        if (m_session.current_index() > 0) m_session.open(m_session.current_index() - 1);
        return;
    }
    core::Document* doc = m_session.document();
    if (!doc) return;
    if (m_session.review_active() && handle_review_keys()) return;

    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        if (m_picking_speaker)
            m_picking_speaker = false;
        else if (m_search_open) {
            m_search_open = false;
            m_matches.clear();
        } else {
            m_session.selection = {};
            m_session.selected_span = 0;
        }
        return;
    }
    if (io.KeyShift && ImGui::IsKeyPressed(ImGuiKey_Slash, false)) {
        m_show_shortcuts = true;
        return;
    }

    // Speaker picking: digits choose among the numbered mentions.
    if (m_picking_speaker) {
        std::vector<core::SpanId> candidates = m_session.speaker_candidates(m_speaker_quote);
        for (int k = 0; k < 9; ++k) {
            if (!ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_1 + k), false) &&
                !ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_Keypad1 + k), false))
                continue;
            if (static_cast<std::size_t>(k) < candidates.size()) {
                if (m_session.set_speaker(m_speaker_quote, candidates[static_cast<std::size_t>(k)]))
                    m_frames.request();
                m_session.selected_span = m_speaker_quote;
                m_picking_speaker = false;
            }
            return;
        }
    }

    const core::Span* selected = doc->spans().find(m_session.selected_span);
    if (ImGui::IsKeyPressed(ImGuiKey_Tab, true)) {
        // Suggestions first: Tab walks those waiting, or every span when none wait.
        if (!m_session.select_adjacent_suggestion(!io.KeyShift))
            m_session.select_adjacent_span(!io.KeyShift);
        if (const core::Span* s = doc->spans().find(m_session.selected_span))
            m_article.scroll_to(s->start);
        return;
    }
    bool enter = ImGui::IsKeyPressed(ImGuiKey_Enter, false) ||
                 ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
    if (selected && enter && io.KeyShift && selected->status == core::Status::Pending) {
        if (m_session.accept_all_of_kind(core::suggestion_kind(*selected))) m_frames.request();
        return;
    }
    if (selected && enter) {
        if (m_session.accept_selected()) m_frames.request();
        m_focus_inspector = true; // the correction (or other attributes) can be edited now
        return;
    }
    if (selected && ImGui::IsKeyPressed(ImGuiKey_Backspace, false)) {
        if (selected->status == core::Status::Pending) {
            if (m_session.reject_selected()) m_frames.request();
        } else if (m_session.remove_selected()) {
            m_frames.request();
        }
        return;
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Delete, false)) {
        if (m_session.remove_selected()) m_frames.request();
        return;
    }
    if (io.KeyAlt && selected &&
        (ImGui::IsKeyPressed(ImGuiKey_LeftArrow, true) ||
         ImGui::IsKeyPressed(ImGuiKey_RightArrow, true))) {
        bool right = ImGui::IsKeyPressed(ImGuiKey_RightArrow, true);
        // Alt+Left/Right: the end shrinks/grows; with Shift, the start grows/shrinks.
        bool start_edge = io.KeyShift;
        bool outward = start_edge ? !right : right;
        if (m_session.move_span_edge(start_edge, outward, ctrl)) m_frames.request();
        return;
    }
    handle_caret_keys();
    if (ctrl || io.KeyAlt) return;

    if (ImGui::IsKeyPressed(ImGuiKey_S, false)) {
        if (selected) {
            const core::Label* label = m_session.schema.find(selected->label);
            if (label && label->kind == core::LabelKind::Quote) {
                m_picking_speaker = true;
                m_speaker_quote = selected->id;
                return;
            }
        }
    }
    if (ImGui::IsKeyPressed(ImGuiKey_T, false)) {
        m_show_corrections = !m_show_corrections;
        return;
    }
    for (int k = ImGuiKey_A; k <= ImGuiKey_Z; ++k) {
        if (!ImGui::IsKeyPressed(static_cast<ImGuiKey>(k), false)) continue;
        char32_t letter = static_cast<char32_t>('a' + (k - ImGuiKey_A));
        if (const core::Label* label = m_session.schema.find_by_hotkey(letter)) {
            if (m_session.apply_label(*label).ok()) m_frames.request();
        }
    }
}

void App::handle_caret_keys() {
    ImGuiIO& io = ImGui::GetIO();
    bool ctrl = io.KeyCtrl || io.KeySuper;
    bool shift = io.KeyShift;
    Session& s = m_session;
    std::size_t from = s.caret;
    // With a selection and no Shift, Left/Right collapse it to that side.
    bool collapse = !shift && !s.selection.empty();
    const ArticleLayout& layout = m_article.layout();
    // Lines of another text (the document changed since the last frame, or the documents moved)
    // are not read: Left and Right then move logically, and the keys that need lines do nothing
    // in that one frame.
    const core::Document* doc = s.document();
    if (!doc) return;
    const bool laid_out = layout.laid_out(doc->text());
    std::optional<std::size_t> to;
    // Arrows move the way they point: in right-to-left text, Left goes on through the text.
    bool left = ImGui::IsKeyPressed(ImGuiKey_LeftArrow, true);
    bool right = !left && ImGui::IsKeyPressed(ImGuiKey_RightArrow, true);
    if ((left || right) && laid_out && layout.right_to_left_at(from)) std::swap(left, right);
    if (left) {
        if (collapse)
            to = s.selection.start;
        else
            to = ctrl ? s.previous_word(from) : s.previous_grapheme(from);
    } else if (right) {
        if (collapse)
            to = s.selection.end;
        else
            to = ctrl ? s.next_word(from) : s.next_grapheme(from);
    } else if (!laid_out) {
        return;
    } else if (!ctrl && (ImGui::IsKeyPressed(ImGuiKey_UpArrow, true) ||
                         ImGui::IsKeyPressed(ImGuiKey_DownArrow, true))) {
        if (layout.lines().empty()) return;
        std::size_t line = layout.line_of(from);
        bool up = ImGui::IsKeyPressed(ImGuiKey_UpArrow, true);
        if (up && line == 0)
            to = 0;
        else if (!up && line + 1 >= layout.lines().size())
            to = layout.lines().back().end;
        else {
            std::size_t target = up ? line - 1 : line + 1;
            float x = layout.x_of(line, from);
            to = layout.hit(x, layout.lines()[target].y + layout.line_height() * 0.5f);
        }
    } else if (ImGui::IsKeyPressed(ImGuiKey_Home, false)) {
        to = ctrl ? 0 : layout.lines().empty() ? 0 : layout.lines()[layout.line_of(from)].start;
    } else if (ImGui::IsKeyPressed(ImGuiKey_End, false)) {
        if (ctrl)
            to = s.document()->text().size();
        else
            to = layout.lines().empty() ? 0 : layout.lines()[layout.line_of(from)].end;
    }
    if (!to) return;
    s.selected_span = 0;
    s.move_caret(*to, shift);
    m_article.scroll_to(*to);
}

} // namespace gloss::app
