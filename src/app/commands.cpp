// Commands: the table (commands.hpp) and the text made from it (the sheet's and the docs' key
// names). Layer: app. The actions are App's command_* methods (keyboard.cpp).
#include "app/commands.hpp"

#include "app/app.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>

namespace gloss::app {
namespace {

Chord key(ImGuiKey k, unsigned modifiers = kNoModifier) {
    return {k, modifiers, false};
}
Chord held(ImGuiKey k, unsigned modifiers = kNoModifier) {
    return {k, modifiers, true};
}

std::string key_name(ImGuiKey k) {
    if (k >= ImGuiKey_A && k <= ImGuiKey_Z)
        return std::string(1, static_cast<char>('A' + (k - ImGuiKey_A)));
    if (k >= ImGuiKey_0 && k <= ImGuiKey_9)
        return std::string(1, static_cast<char>('0' + (k - ImGuiKey_0)));
    if (k >= ImGuiKey_F1 && k <= ImGuiKey_F12) return "F" + std::to_string(1 + (k - ImGuiKey_F1));
    switch (k) {
    case ImGuiKey_Enter:
        return "Enter";
    case ImGuiKey_KeypadEnter:
        return "Keypad Enter";
    case ImGuiKey_Tab:
        return "Tab";
    case ImGuiKey_Escape:
        return "Esc";
    case ImGuiKey_Backspace:
        return "Backspace";
    case ImGuiKey_Delete:
        return "Delete";
    case ImGuiKey_UpArrow:
        return "Up";
    case ImGuiKey_DownArrow:
        return "Down";
    case ImGuiKey_LeftArrow:
        return "Left";
    case ImGuiKey_RightArrow:
        return "Right";
    case ImGuiKey_LeftBracket:
        return "[";
    case ImGuiKey_RightBracket:
        return "]";
    case ImGuiKey_Slash:
        return "/";
    default:
        return ImGui::GetKeyName(k);
    }
}

// The browser's KeyboardEvent.key (lower case) for a key of a Ctrl chord.
std::string browser_key(ImGuiKey k) {
    if (k >= ImGuiKey_A && k <= ImGuiKey_Z)
        return std::string(1, static_cast<char>('a' + (k - ImGuiKey_A)));
    switch (k) {
    case ImGuiKey_Enter:
        return "enter";
    case ImGuiKey_UpArrow:
        return "arrowup";
    case ImGuiKey_DownArrow:
        return "arrowdown";
    default:
        return {};
    }
}

} // namespace

// A friend of App: the rows name its private command_* methods.
std::vector<Command> make_command_table() {
    using C = Context;
    return {
        // Anywhere, even while typing.
        {"palette",
         "Command palette",
         {key(ImGuiKey_K, kCtrl)},
         {},
         C::Anywhere,
         "find any command by typing its name, and run it",
         &App::command_palette},
        {"find",
         "Find in the text",
         {key(ImGuiKey_F, kCtrl)},
         {},
         C::Anywhere,
         "open the search bar (in the document shown, or in all documents)",
         &App::command_find},
        {"labels",
         "Labels…",
         {key(ImGuiKey_L, kCtrl)},
         {},
         C::Anywhere,
         "the labels: add, rename, recolour, remove; keys and attributes",
         &App::command_labels},
        {"export-jsonl",
         "Export JSONL",
         {key(ImGuiKey_E, kCtrl)},
         {},
         C::Anywhere,
         "download every document as Gloss JSONL",
         &App::command_export_jsonl},
        {"instructions",
         "Instructions",
         {key(ImGuiKey_F1)},
         {},
         C::Anywhere,
         "show the task's instructions again",
         &App::command_instructions},
        // The search bar.
        {"next-match",
         "Next match",
         {},
         "Enter / Shift+Enter",
         C::Search,
         "in the search field: next / previous match"},
        {"label-all",
         "Label all matches as…",
         {key(ImGuiKey_Enter, kAlt)},
         {},
         C::Search,
         "label every match with a label chosen next (one undo step)",
         &App::command_label_all},
        {"close-search",
         "Close the search",
         {key(ImGuiKey_Escape)},
         {},
         C::Search,
         "close the search bar",
         &App::command_close_search},
        {"match-case",
         "Match case",
         {key(ImGuiKey_C, kAlt)},
         {},
         C::Search,
         "search with case as written (else Unicode case folding: STRASSE finds Straße)",
         &App::command_match_case},
        {"whole-word",
         "Whole words",
         {key(ImGuiKey_W, kAlt)},
         {},
         C::Search,
         "match whole words only (Israel, not Israeli)",
         &App::command_whole_word},
        {"regular-expression",
         "Regular expression",
         {key(ImGuiKey_R, kAlt)},
         {},
         C::Search,
         "the query is an ECMAScript regular expression",
         &App::command_regular_expression},
        {"all-documents",
         "Search all documents",
         {key(ImGuiKey_A, kAlt)},
         {},
         C::Search,
         "search every document of the project, or the one shown",
         &App::command_all_documents},
        // Review mode.
        {"next-disagreement",
         "Next disagreement",
         {held(ImGuiKey_N), held(ImGuiKey_RightBracket)},
         {},
         C::Review,
         "walk the annotators' disagreements",
         &App::command_next_disagreement},
        {"previous-disagreement",
         "Previous disagreement",
         {held(ImGuiKey_N, kShift), held(ImGuiKey_LeftBracket)},
         {},
         C::Review,
         "walk them backwards",
         &App::command_previous_disagreement},
        {"accept-version",
         "Accept an annotator's version",
         {},
         "1-9",
         C::Review,
         "take that annotator's version of the disagreement (one undo step)",
         nullptr,
         Family::ReviewDigit},
        // Picking a relation.
        {"pick-digit",
         "Pick by number",
         {},
         "1-9",
         C::Picking,
         "choose the numbered relation type, then the numbered span it points at (or click the "
         "span)",
         nullptr,
         Family::PickDigit},
        // The article.
        {"cancel",
         "Cancel",
         {key(ImGuiKey_Escape)},
         {},
         C::Article,
         "cancel picking a relation, close the search, drop the selection, leave review mode, "
         "dismiss the error (the first that applies)",
         &App::command_cancel},
        {"label",
         "Label",
         {},
         {},
         C::Article,
         "label the selection, or re-label the selected span",
         nullptr,
         Family::LabelKeys},
        {"caret",
         "Move the caret",
         {},
         "Arrows, Ctrl+Left/Right, Home, End, Ctrl+Home/End",
         C::Article,
         "by character, word, line; add Shift to extend the selection",
         nullptr,
         Family::Caret},
        {"next-span",
         "Next span",
         {held(ImGuiKey_Tab)},
         {},
         C::Article,
         "select the next span in reading order",
         &App::command_next_span},
        {"previous-span",
         "Previous span",
         {held(ImGuiKey_Tab, kShift)},
         {},
         C::Article,
         "select the previous span",
         &App::command_previous_span},
        {"next-suggestion",
         "Next suggestion",
         {held(ImGuiKey_RightBracket)},
         {},
         C::Article,
         "select the next suggestion waiting",
         &App::command_next_suggestion},
        {"previous-suggestion",
         "Previous suggestion",
         {held(ImGuiKey_LeftBracket)},
         {},
         C::Article,
         "select the previous suggestion",
         &App::command_previous_suggestion},
        {"accept",
         "Accept / edit",
         {key(ImGuiKey_Enter), key(ImGuiKey_KeypadEnter)},
         {},
         C::Span,
         "accept a suggestion; edit the span's first text attribute",
         &App::command_accept},
        {"accept-all",
         "Accept all of this kind",
         {key(ImGuiKey_Enter, kShift)},
         {},
         C::Suggestion,
         "accept every suggestion of the selected one's kind (one undo step)",
         &App::command_accept_all},
        {"reject",
         "Reject / remove",
         {key(ImGuiKey_Backspace)},
         {},
         C::Span,
         "reject a suggestion, or remove the selected span",
         &App::command_reject},
        {"remove",
         "Remove the span",
         {key(ImGuiKey_Delete)},
         {},
         C::Span,
         "remove the selected span",
         &App::command_remove},
        {"set-value",
         "Set the value",
         {},
         "1-9, 0",
         C::Span,
         "choose the span's first enumeration value by number (0 clears it); with Shift, the "
         "second enumeration's",
         nullptr,
         Family::ValueDigit},
        {"grow-end",
         "Grow the end",
         {held(ImGuiKey_RightArrow, kAlt), held(ImGuiKey_RightArrow, kAlt | kCtrl)},
         {},
         C::Span,
         "the span's end moves right by a word (with Ctrl, a character)",
         &App::command_grow_end},
        {"shrink-end",
         "Shrink the end",
         {held(ImGuiKey_LeftArrow, kAlt), held(ImGuiKey_LeftArrow, kAlt | kCtrl)},
         {},
         C::Span,
         "the span's end moves left by a word (with Ctrl, a character)",
         &App::command_shrink_end},
        {"grow-start",
         "Grow the start",
         {held(ImGuiKey_LeftArrow, kAlt | kShift), held(ImGuiKey_LeftArrow, kAlt | kShift | kCtrl)},
         {},
         C::Span,
         "the span's start moves left by a word (with Ctrl, a character)",
         &App::command_grow_start},
        {"shrink-start",
         "Shrink the start",
         {held(ImGuiKey_RightArrow, kAlt | kShift),
          held(ImGuiKey_RightArrow, kAlt | kShift | kCtrl)},
         {},
         C::Span,
         "the span's start moves right by a word (with Ctrl, a character)",
         &App::command_shrink_start},
        {"pick-speaker",
         "Pick the speaker",
         {key(ImGuiKey_S)},
         {},
         C::Quote,
         "number the nearby mentions that can be the quote's speaker; a digit picks one",
         &App::command_pick_speaker},
        {"relate",
         "Add a relation",
         {key(ImGuiKey_R)},
         {},
         C::Span,
         "link the span to another by a relation of the schema (located_in, member_of, …): its "
         "type by number when several apply, then the span by number or a click",
         &App::command_relate},
        {"show-relations",
         "Show all relations",
         {},
         {},
         C::Article,
         "draw every relation on screen, or only the selected span's",
         &App::command_show_relations},
        {"corrections",
         "Show corrections",
         {key(ImGuiKey_T)},
         {},
         C::Article,
         "show the errors' corrections over the text, or hide them",
         &App::command_corrections},
        {"undo",
         "Undo",
         {key(ImGuiKey_Z, kCtrl)},
         {},
         C::Article,
         "undo the last change",
         &App::command_undo},
        {"redo",
         "Redo",
         {key(ImGuiKey_Z, kCtrl | kShift), key(ImGuiKey_Y, kCtrl)},
         {},
         C::Article,
         "redo it",
         &App::command_redo},
        {"done",
         "Mark done",
         {key(ImGuiKey_Enter, kCtrl)},
         {},
         C::Article,
         "mark the document done (or not) and open the next",
         &App::command_done},
        {"next-document",
         "Next document",
         {key(ImGuiKey_DownArrow, kCtrl)},
         {},
         C::Article,
         "open the next document",
         &App::command_next_document},
        {"previous-document",
         "Previous document",
         {key(ImGuiKey_UpArrow, kCtrl)},
         {},
         C::Article,
         "open the previous document",
         &App::command_previous_document},
        {"submit",
         "Submit",
         {key(ImGuiKey_Enter, kCtrl | kShift)},
         {},
         C::Article,
         "send a task's results (every document done)",
         &App::command_submit},
        {"open",
         "Open files…",
         {key(ImGuiKey_O, kCtrl)},
         {},
         C::Article,
         "add documents from files to the project",
         &App::command_open},
        {"export-as",
         "Export as…",
         {key(ImGuiKey_E, kCtrl | kShift)},
         {},
         C::Article,
         "download every document in another format, chosen next",
         &App::command_export_as},
        {"review",
         "Review…",
         {},
         {},
         C::Article,
         "adjudicate: open one Gloss JSONL file per annotator",
         &App::command_review},
        {"projects",
         "Projects…",
         {},
         {},
         C::Article,
         "this browser's projects: open, create, rename, delete, download",
         &App::command_projects},
        {"detectors",
         "Detectors…",
         {},
         {},
         C::Article,
         "turn Assist's detectors on or off, chosen next",
         &App::command_detectors},
        {"theme",
         "Dark / light theme",
         {},
         {},
         C::Article,
         "switch the colours",
         &App::command_theme},
        {"dismiss",
         "Dismiss the error",
         {},
         {},
         C::Article,
         "hide the error bar",
         &App::command_dismiss},
        {"shortcuts",
         "Shortcuts",
         {key(ImGuiKey_Slash, kShift)},
         "?",
         C::Article,
         "the sheet of every key",
         &App::command_shortcuts},
    };
}

const std::vector<Command>& commands() {
    static const std::vector<Command> s_commands = make_command_table();
    return s_commands;
}

const Command* find_command(std::string_view id) {
    for (const Command& c : commands())
        if (c.id == id) return &c;
    return nullptr;
}

std::string chord_text(const Chord& chord) {
    std::string out;
    if (chord.modifiers & kCtrl) out += "Ctrl+";
    if (chord.modifiers & kAlt) out += "Alt+";
    if (chord.modifiers & kShift) out += "Shift+";
    return out + key_name(chord.key);
}

std::string keys_text(const Command& command, const core::LabelSchema& schema) {
    if (command.family == Family::LabelKeys) {
        std::string out;
        for (const core::Label& label : schema.labels()) {
            if (!label.hotkey) continue;
            if (!out.empty()) out += " ";
            core::append_utf8(out, label.hotkey >= 'a' && label.hotkey <= 'z'
                                       ? label.hotkey - 'a' + 'A'
                                       : label.hotkey);
        }
        return out.empty() ? "a label's key" : out;
    }
    if (!command.keys.empty()) return std::string(command.keys);
    std::string out;
    for (const Chord& chord : command.chords) {
        if (chord.key == ImGuiKey_KeypadEnter) continue; // an alias of Enter
        if (!out.empty()) out += ", ";
        out += chord_text(chord);
    }
    return out;
}

std::string_view context_text(Context context) {
    switch (context) {
    case Context::Anywhere:
        return "anywhere";
    case Context::Article:
        return "article";
    case Context::Span:
        return "span selected";
    case Context::Suggestion:
        return "suggestion selected";
    case Context::Quote:
        return "quote selected";
    case Context::Picking:
        return "picking a relation";
    case Context::Search:
        return "search bar";
    case Context::Review:
        return "review mode";
    }
    return "";
}

std::vector<char32_t> reserved_letters() {
    std::vector<char32_t> out;
    for (const Command& c : commands()) {
        if (c.when == Context::Review) continue; // review mode has its own keys
        for (const Chord& chord : c.chords)
            if (chord.modifiers == kNoModifier && chord.key >= ImGuiKey_A &&
                chord.key <= ImGuiKey_Z)
                out.push_back(static_cast<char32_t>('a' + (chord.key - ImGuiKey_A)));
    }
    return out;
}

std::string hotkey_refusal(char32_t key) {
    if (key == 0) return {};
    if (!(key >= 'a' && key <= 'z')) return "a key is one letter, A to Z";
    for (const Command& c : commands()) {
        if (c.when == Context::Review) continue;
        for (const Chord& chord : c.chords)
            if (chord.modifiers == kNoModifier &&
                chord.key == static_cast<ImGuiKey>(ImGuiKey_A + static_cast<int>(key - 'a')))
                return chord_text(chord) + " is the key of \"" + std::string(c.name) + "\"";
    }
    return {};
}

std::string commands_markdown(const core::LabelSchema& schema) {
    std::string out = "| Keys | Command | Id | Where | What it does |\n|---|---|---|---|---|\n";
    for (const Command& c : commands()) {
        std::string keys = keys_text(c, schema);
        out += "| " + (keys.empty() ? std::string("(palette)") : keys) + " | " +
               std::string(c.name) + " | " + (c.run ? "`" + std::string(c.id) + "`" : "") + " | " +
               std::string(context_text(c.when)) + " | " + std::string(c.what) + " |\n";
    }
    return out;
}

std::vector<std::string> ctrl_keys_for_browser() {
    std::vector<std::string> out;
    for (const Command& c : commands())
        for (const Chord& chord : c.chords)
            if (chord.modifiers & kCtrl)
                if (std::string k = browser_key(chord.key);
                    !k.empty() && std::find(out.begin(), out.end(), k) == out.end())
                    out.push_back(k);
    return out;
}

} // namespace gloss::app
