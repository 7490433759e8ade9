// Keyboard: the command table's keys (commands.hpp) dispatched, the families of keys a row
// stands for (label letters, digits, caret keys), and the commands' actions. Layer: app.
#include "app/app.hpp"
#include "app/commands.hpp"
#include "app/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace gloss::app {
namespace {

bool chord_pressed(const Chord& chord) {
    const ImGuiIO& io = ImGui::GetIO();
    bool ctrl = io.KeyCtrl || io.KeySuper;
    if (ctrl != ((chord.modifiers & kCtrl) != 0) ||
        io.KeyShift != ((chord.modifiers & kShift) != 0) ||
        io.KeyAlt != ((chord.modifiers & kAlt) != 0))
        return false;
    return ImGui::IsKeyPressed(chord.key, chord.repeat);
}

// The digit 0-9 pressed this frame (top row or keypad), or -1.
int digit_pressed() {
    for (int k = 0; k <= 9; ++k)
        if (ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_0 + k), false) ||
            ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_Keypad0 + k), false))
            return k;
    return -1;
}

} // namespace

bool App::keys_free() const {
    return !text_input_busy() && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) &&
           !m_opener.asking() && !m_schema_editor.is_open() && !m_palette.is_open();
}

bool App::applies(Context context, Gate gate) const {
    bool free = gate == Gate::AsIfKeysFree || keys_free();
    const core::Document* doc = m_session.document();
    const core::Span* span = doc ? doc->spans().find(m_session.selected_span()) : nullptr;
    switch (context) {
    case Context::Anywhere:
        return true;
    case Context::Search:
        return m_search.is_open() && (free || m_search.has_keys());
    case Context::Review:
        return free && doc && m_session.review().active();
    case Context::Picking:
        return free && doc && m_picker.active();
    case Context::Article:
        return free;
    case Context::Span:
        return free && span;
    case Context::Suggestion:
        return free && span && span->status == core::Status::Pending;
    case Context::Quote: {
        const core::Label* label = span ? m_session.schema.find(span->label) : nullptr;
        return free && label && label->kind == core::LabelKind::Quote;
    }
    }
    return false;
}

void App::handle_shortcuts() {
    for (const Command& command : commands()) {
        if (!command.run || !applies(command.when, Gate::Now)) continue;
        for (const Chord& chord : command.chords)
            if (chord_pressed(chord)) {
                (this->*command.run)();
                m_frames.request();
                return;
            }
    }
    if (!keys_free() || !m_session.document()) return;
    const ImGuiIO& io = ImGui::GetIO();
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    if (int digit = ctrl || io.KeyAlt ? -1 : digit_pressed(); digit >= 0) {
        handle_digit(digit, io.KeyShift ? Enumeration::Second : Enumeration::First);
        return;
    }
    handle_caret_keys();
    if (ctrl || io.KeyAlt) return;
    for (int k = ImGuiKey_A; k <= ImGuiKey_Z; ++k) {
        if (!ImGui::IsKeyPressed(static_cast<ImGuiKey>(k), false)) continue;
        char32_t letter = static_cast<char32_t>('a' + (k - ImGuiKey_A));
        if (const core::Label* label = m_session.schema.find_by_hotkey(letter)) {
            if (m_session.apply_label(*label).ok()) m_frames.request();
        }
    }
}

void App::handle_digit(int digit, Enumeration enumeration) {
    if (m_picker.active()) { // 1-9: the relation type, or the numbered span
        m_picker.choose(digit);
        return;
    }
    if (m_session.review().active()) { // 1-9: that annotator's version
        if (digit >= 1 && m_session.review().accept_version(static_cast<std::size_t>(digit - 1)))
            m_frames.request();
        return;
    }
    // 0-9: the selected span's first enumeration (Shift: its second) by number; 0 clears it.
    const core::Document* doc = m_session.document();
    const core::Span* span = doc ? doc->spans().find(m_session.selected_span()) : nullptr;
    const core::Label* label = span ? m_session.schema.find(span->label) : nullptr;
    if (!label) return;
    const core::AttributeDef* chosen = nullptr;
    int seen = 0;
    for (const core::AttributeDef& def : label->attributes)
        if (def.type == core::AttributeType::Enumeration &&
            seen++ == (enumeration == Enumeration::Second ? 1 : 0))
            chosen = &def;
    if (!chosen) return;
    if (digit == 0) {
        if (m_session.set_attribute(span->id, chosen->name, "")) m_frames.request();
    } else if (static_cast<std::size_t>(digit) <= chosen->values.size()) {
        if (m_session.set_attribute(span->id, chosen->name,
                                    chosen->values[static_cast<std::size_t>(digit - 1)]))
            m_frames.request();
    }
}

bool App::run_command(std::string_view id) {
    const Command* command = find_command(id);
    if (!command || !command->run) {
        announce("There is no command " + std::string(id) + ".");
        return false;
    }
    if (!applies(command->when, Gate::AsIfKeysFree)) {
        announce(std::string(command->name) + " applies only with the " +
                 std::string(context_text(command->when)) + ".");
        return false;
    }
    (this->*command->run)();
    m_frames.request();
    return true;
}

// [SECTION] The commands' actions (commands.cpp names them)

void App::command_palette() {
    open_palette("");
}
void App::command_find() {
    m_search.open();
}
void App::command_labels() {
    set_schema_open(!m_schema_editor.is_open());
}
void App::command_export_jsonl() {
    export_jsonl();
}
void App::command_instructions() {
    m_task.set_instructions_open(!m_task.instructions_open());
}
void App::command_label_all() {
    if (!m_search.found().hits.empty()) open_palette("Label all matches as ");
}
void App::command_match_case() {
    m_search.toggle_match_case();
}
void App::command_whole_word() {
    m_search.toggle_whole_word();
}
void App::command_regular_expression() {
    m_search.toggle_regular_expression();
}
void App::command_all_documents() {
    m_search.toggle_all_documents();
}
void App::command_next_disagreement() {
    if (m_session.review().next())
        m_article.scroll_to(m_session.review().disagreements()[m_session.review().current()].start);
}
void App::command_previous_disagreement() {
    if (m_session.review().previous())
        m_article.scroll_to(m_session.review().disagreements()[m_session.review().current()].start);
}
void App::command_close_search() {
    m_search.close();
}
void App::command_cancel() {
    if (m_picker.active())
        m_picker.cancel();
    else if (m_search.is_open())
        m_search.close();
    else if (!m_session.selection().empty() || m_session.selected_span())
        m_session.select_nothing();
    else if (m_session.review().active())
        m_session.review().exit();
    else
        m_error.clear();
}
void App::command_next_span() {
    walk_spans(Direction::Forward);
}
void App::command_previous_span() {
    walk_spans(Direction::Backward);
}
void App::walk_spans(Direction direction) {
    if (m_session.select_adjacent_span(direction)) scroll_to_selected();
}
void App::command_next_suggestion() {
    if (m_session.assist().select_adjacent(Direction::Forward)) scroll_to_selected();
}
void App::command_previous_suggestion() {
    if (m_session.assist().select_adjacent(Direction::Backward)) scroll_to_selected();
}
void App::scroll_to_selected() {
    const core::Document* doc = m_session.document();
    if (const core::Span* s = doc ? doc->spans().find(m_session.selected_span()) : nullptr)
        m_article.scroll_to(s->start);
}
void App::command_accept() {
    m_session.assist().accept_selected();
    // The first text attribute (a correction, a canonical name) can be typed into now.
    const core::Document* doc = m_session.document();
    const core::Span* span = doc ? doc->spans().find(m_session.selected_span()) : nullptr;
    if (span) m_inspector.focus_text_field(span->id);
}
void App::command_accept_all() {
    const core::Document* doc = m_session.document();
    if (const core::Span* s = doc ? doc->spans().find(m_session.selected_span()) : nullptr)
        m_session.assist().accept_all_of_kind(core::suggestion_kind(*s));
}
void App::command_reject() {
    const core::Document* doc = m_session.document();
    const core::Span* s = doc ? doc->spans().find(m_session.selected_span()) : nullptr;
    if (s && s->status == core::Status::Pending)
        m_session.assist().reject_selected();
    else
        m_session.remove_selected();
}
void App::command_remove() {
    m_session.remove_selected();
}
void App::command_grow_end() {
    move_edge(Edge::End, EdgeMove::Outward);
}
void App::command_shrink_end() {
    move_edge(Edge::End, EdgeMove::Inward);
}
void App::command_grow_start() {
    move_edge(Edge::Start, EdgeMove::Outward);
}
void App::command_shrink_start() {
    move_edge(Edge::Start, EdgeMove::Inward);
}
void App::move_edge(Edge edge, EdgeMove move) {
    const ImGuiIO& io = ImGui::GetIO();
    m_session.move_span_edge(edge, move, io.KeyCtrl || io.KeySuper ? Step::Grapheme : Step::Word);
}
void App::command_pick_speaker() {
    std::string type = m_session.speaker_type(m_session.selected_span());
    if (std::optional<core::RelationType> speaker = m_session.schema.relation_type(type))
        m_picker.start(m_session.selected_span(), {*speaker});
}
void App::command_relate() {
    const core::Document* doc = m_session.document();
    const core::Span* span = doc ? doc->spans().find(m_session.selected_span()) : nullptr;
    if (!span) return;
    std::vector<core::RelationType> types = m_session.schema.relations_from(span->label);
    if (types.empty()) {
        announce("No relation of the schema starts at a " + span->label + ".");
        return;
    }
    m_picker.start(span->id, std::move(types));
}
void App::command_show_relations() {
    m_show_all_relations = !m_show_all_relations;
}
void App::command_corrections() {
    m_show_corrections = !m_show_corrections;
}
void App::command_undo() {
    m_session.undo();
}
void App::command_redo() {
    m_session.redo();
}
void App::command_done() {
    if (!m_session.document()) return;
    std::size_t i = m_session.current_index();
    m_session.set_done(i, !m_session.is_done(i));
    if (m_session.is_done(i) && i + 1 < m_session.documents().size()) m_session.open(i + 1);
}
void App::command_next_document() {
    if (m_session.current_index() + 1 < m_session.documents().size())
        m_session.open(m_session.current_index() + 1);
}
void App::command_previous_document() {
    if (m_session.current_index() > 0) m_session.open(m_session.current_index() - 1);
}
void App::command_submit() {
    if (!m_task.submit()) {
        std::string why = m_task.campaign().can_submit
                              ? "Submit needs every document marked done first "
                                "(Ctrl+Enter)."
                              : "There is nothing to submit to: Submit works in "
                                "a task link.";
        if (m_task.campaign().can_submit && m_task.submission_state() != SubmitState::Idle)
            why = "The results are on their way or sent already.";
        announce(why);
    }
}
void App::command_open() {
    m_host.request_open_file();
}
void App::command_export_as() {
    open_palette("Export as ");
}
void App::command_review() {
    m_host.request_review_files();
}
void App::command_projects() {
    set_projects_open(!m_projects.is_open());
}
void App::command_detectors() {
    open_palette("Detector: ");
}
void App::command_theme() {
    set_dark(!m_dark);
}
void App::command_dismiss() {
    m_error.clear();
}
void App::command_shortcuts() {
    m_show_shortcuts = true;
}

void App::handle_caret_keys() {
    ImGuiIO& io = ImGui::GetIO();
    bool ctrl = io.KeyCtrl || io.KeySuper;
    bool shift = io.KeyShift;
    Session& s = m_session;
    std::size_t from = s.caret();
    // With a selection and no Shift, Left/Right collapse it to that side.
    bool collapse = !shift && !s.selection().empty();
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
            to = s.selection().start;
        else
            to = ctrl ? s.navigation().previous_word(*doc, from)
                      : s.navigation().previous_grapheme(*doc, from);
    } else if (right) {
        if (collapse)
            to = s.selection().end;
        else
            to = ctrl ? s.navigation().next_word(*doc, from)
                      : s.navigation().next_grapheme(*doc, from);
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
    s.move_caret(*to, shift ? Session::CaretMove::Extend : Session::CaretMove::Move);
    m_article.scroll_to(*to);
}

} // namespace gloss::app
