// Session: the state the interface edits (schema, documents, current document, selection),
// and the commands that change it. Layer: app, but free of ImGui so tests read it directly.
#pragma once

#include "core/diagnostic.hpp"
#include "core/model/document.hpp"
#include "core/model/label_schema.hpp"
#include "core/text/tokenizer.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::app {

// A text selection in code points, end exclusive; empty when start == end.
struct Selection {
    std::size_t start = 0;
    std::size_t end = 0;
    bool empty() const { return start >= end; }
};

class Session {
public:
    core::LabelSchema schema;
    std::string annotator = "anonymous";

    const std::vector<core::Document>& documents() const { return m_documents; }
    core::Document* document(); // the current one, or nullptr when there are none
    const core::Document* document() const;
    std::size_t current_index() const { return m_current; }
    void open(std::size_t index);

    // Replaces the documents with those of a Gloss JSONL text. On any error nothing changes and
    // the diagnostics say where.
    core::Diagnostics load_jsonl(std::string_view bytes, const std::string& source);
    std::string export_jsonl() const;

    // Tokens of the current document (computed once per document).
    const std::vector<core::Token>& tokens();

    // [SECTION] Selection and commands
    Selection selection;
    core::SpanId selected_span = 0;

    // Widens [start, end) to whole tokens (the default when selecting).
    Selection snap_to_tokens(Selection s);
    // Labels the selection (or re-labels the selected span when nothing is selected).
    core::EditResult apply_label(const core::Label& label);
    bool remove_selected();
    bool undo();
    bool redo();

    // Increments on every change of the annotations.
    std::uint64_t revision() const { return m_revision; }
    void mark_changed() { ++m_revision; }

private:
    std::vector<core::Document> m_documents;
    std::size_t m_current = 0;
    std::vector<core::Token> m_tokens;
    std::size_t m_tokens_for = ~std::size_t{0};
    std::uint64_t m_revision = 0;
};

} // namespace gloss::app
