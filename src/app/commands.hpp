// Commands: the one table of what the interface can do by keyboard (name, keys, where it
// applies, what it does). The key handling, the shortcut sheet, the command palette (Ctrl+K)
// and the key list in docs/KEYBOARD.md are all made from it. Layer: app (no platform).
#pragma once

#include "core/model/label_schema.hpp"

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace gloss::app {

class App;

// Where a command applies: its keys work and the palette offers it only there.
enum class Context {
    Anywhere,   // even while typing in a text field (Ctrl chords only)
    Article,    // the article has the keys: no text field, window or question takes them
    Span,       // Article, with a span selected
    Suggestion, // Article, with a pending suggestion selected
    Quote,      // Article, with a quote selected
    Picking,    // after S or R, until a relation is made or Esc
    Search,     // the search bar is open
    Review,     // review mode
};

// Modifier bits of a chord.
enum Modifier : unsigned { kNoModifier = 0, kCtrl = 1, kShift = 2, kAlt = 4 };

struct Chord {
    ImGuiKey key = ImGuiKey_None;
    unsigned modifiers = kNoModifier;
    bool repeat = false; // held down, it repeats (Tab, arrows)
};

// The ways a family of keys is handled, where one row stands for many keys.
enum class Family {
    None,        // the row's own chords run it
    LabelKeys,   // the schema's letters (keyboard.cpp)
    PickDigit,   // 1-9 after S or R: a relation type, then a target
    ValueDigit,  // 0-9 on a span with an enumeration
    ReviewDigit, // 1-9 in review mode
    Caret,       // arrows, Home, End (keyboard.cpp)
};

struct Command {
    std::string_view id;   // stable, for tests and the docs ("undo")
    std::string_view name; // what the palette and the sheet call it
    std::vector<Chord> chords;
    std::string_view keys; // how the keys are written when the chords do not say it (families)
    Context when = Context::Article;
    std::string_view what; // one line: what it does
    void (App::*run)() = nullptr;
    Family family = Family::None;
};

// Every command, in the order the sheet and the docs list them.
const std::vector<Command>& commands();
const Command* find_command(std::string_view id);
// "Ctrl+Shift+Z"; the chords of a command joined with ", " (or its `keys`; the label keys of
// `schema` for Family::LabelKeys).
std::string chord_text(const Chord& chord);
std::string keys_text(const Command& command, const core::LabelSchema& schema);
std::string_view context_text(Context context);
// Letters that commands take without a modifier outside review mode: a label cannot have them.
std::vector<char32_t> reserved_letters();
// Why `key` (a schema's hotkey, lower case) cannot be a label's key, or "" when it can.
std::string hotkey_refusal(char32_t key);
// The key list of docs/KEYBOARD.md: a markdown table of every command, for `schema`.
std::string commands_markdown(const core::LabelSchema& schema);
// Ctrl chords the app takes, as the browser names their keys ("k", "enter"): the page keeps
// them from the browser.
std::vector<std::string> ctrl_keys_for_browser();

} // namespace gloss::app
