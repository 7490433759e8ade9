// CommandPalette (Ctrl+K): a query field over a list of entries — the command table's commands
// and those App makes from the project (label as…, label all matches as…, export as…, a
// detector, a value of the selected span, a document) — walked with Up/Down and chosen with
// Enter or a click. The palette owns its field and choice; App gives it the entries and runs
// the one chosen. Layer: app.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gloss::app {

class CommandPalette {
public:
    struct Entry {
        std::string text;
        std::string keys; // its key chord, shown beside it ("" for none)
        std::function<void()> run;
    };

    bool is_open() const { return m_open; }
    // What is typed (for the font atlas).
    const char* query() const { return m_query; }
    // Opens with `query` typed (kept, the caret after it: "Export as ").
    void open(const std::string& query);
    // The palette's window while open, listing the entries every word of the query is in
    // (case folded); the entry chosen this frame, the palette then closed.
    std::optional<Entry> draw(const std::vector<Entry>& entries, float scale);

private:
    bool m_open = false;
    bool m_focus = false;
    bool m_caret_to_end = false; // the query given is kept, the caret after it
    char m_query[128] = {};
    std::size_t m_choice = 0;
};

} // namespace gloss::app
