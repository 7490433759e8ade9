// SchemaEditor: the Labels window (Ctrl+L, or "Labels…" in the status line). The schema's
// labels, each with its name, key, colour, kind and attributes as text fields that Tab walks and
// Enter applies; a new label by name (the field focused when the window opens); Ctrl+Delete in
// a label's fields (twice) removes it with its spans; the declared relation types; the schema
// JSON the CLI reads, as a download. Keys that another label has, that are commands (S, T) or
// that are not letters are refused with a message. The editor owns its fields and messages and
// changes the schema through the session only (a rename or a removal changes the spans too, as
// one undo step). Layer: app.
#pragma once

#include "app/frame_pacer.hpp"
#include "app/host.hpp"
#include "app/session.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gloss::app {

class SchemaEditor {
public:
    SchemaEditor(Session& session, FramePacer& frames, Host& host)
        : m_session(session), m_frames(frames), m_host(host) {}

    bool is_open() const { return m_open; }
    // What the window says: a refusal, or the question before removing a label.
    const std::string& message() const { return m_message; }
    // Opens (the new label's field takes the keys) or closes; its fields start afresh.
    void set_open(bool open);
    // The window while open; `scale` is the interface's.
    void draw(float scale);

private:
    void apply_relations();
    void add_label(const std::string& name);
    void apply_row(std::size_t index, const std::string& what);
    // Why `key` cannot be `label`'s key ("" when it can): not a letter, a command key (S, T),
    // or another label's.
    std::string hotkey_problem(const std::string& label, std::string_view key) const;

    Session& m_session;
    FramePacer& m_frames;
    Host& m_host;
    bool m_open = false;
    struct LabelRow {
        std::string name; // the label the row was made from
        char name_buf[64] = {};
        char key_buf[4] = {};
        char color_buf[12] = {};
        char kind_buf[12] = {};
        char attrs_buf[512] = {};
    };
    std::vector<LabelRow> m_rows;
    std::string m_message;         // a refusal, or the question before a removal
    std::string m_label_to_remove; // asked to confirm
    std::optional<std::pair<std::size_t, std::string>> m_refocus; // (row, field)
    bool m_focus_new = false;
    char m_new_label[64] = {};
    char m_relations_buf[1024] = {}; // the declared relation types, as relations_spec writes them
    bool m_relations_refocus = false;
};

} // namespace gloss::app
