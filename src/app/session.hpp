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
    // Replaces the documents (already parsed and checked).
    void replace_documents(std::vector<core::Document> documents);
    // Marks the current document done (or not); the queue shows it.
    void set_done(std::size_t index, bool done);
    bool is_done(std::size_t index) const;
    std::size_t done_count() const;
    std::string export_jsonl() const;

    // Tokens of the current document (computed once per document).
    const std::vector<core::Token>& tokens();

    // [SECTION] Selection and commands
    Selection selection;
    core::SpanId selected_span = 0;
    std::size_t caret = 0;  // keyboard caret, code points
    std::size_t anchor = 0; // the other end of a keyboard selection

    // Moves the caret; with `extend`, the selection spans anchor..caret.
    void move_caret(std::size_t to, bool extend);
    // Caret targets: next/previous grapheme boundary, next/previous word start/end.
    std::size_t next_grapheme(std::size_t from) const;
    std::size_t previous_grapheme(std::size_t from) const;
    std::size_t next_word(std::size_t from);
    std::size_t previous_word(std::size_t from);
    // The token or sentence around `cp` as a selection.
    Selection word_at(std::size_t cp);
    Selection sentence_at(std::size_t cp);
    // Selects the next (or previous) span after the selected one or the caret; false at the end.
    bool select_adjacent_span(bool forward);
    // Moves an edge of the selected span by a word (or a grapheme when `by_char`).
    bool move_span_edge(bool start_edge, bool outward, bool by_char);
    // Sets one edge of the selected span to an exact position (mouse drag of a span end).
    bool set_span_edge(core::SpanId id, bool start_edge, std::size_t position);

    // Sets (or, with an empty value, removes) an attribute of a span: one undo step.
    bool set_attribute(core::SpanId id, const std::string& name, const std::string& value);
    // The span a quote's `relation_type` relation points at (0 when none).
    core::SpanId speaker_of(core::SpanId quote, const std::string& relation_type = "speaker") const;
    // Links a quote to its speaker, replacing any earlier one: one undo step. target 0 unlinks.
    bool set_speaker(core::SpanId quote, core::SpanId target,
                     const std::string& relation_type = "speaker");
    // PERSON/ORG (the attribute's target labels) spans ordered by distance from the quote.
    std::vector<core::SpanId> speaker_candidates(core::SpanId quote, std::size_t limit = 9) const;
    // Canonical names used anywhere in the project for a label, with `prefix` (case-insensitive).
    std::vector<std::string> canonical_names(const std::string& label,
                                             const std::string& prefix) const;

    // [SECTION] Search
    // Code-point ranges of every occurrence of `needle` (case-insensitive for ASCII letters).
    std::vector<Selection> find_all(const std::string& needle) const;
    // Labels every range (skipping ones that already carry the label): one undo step.
    std::size_t label_all(const std::vector<Selection>& ranges, const core::Label& label);
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
    std::vector<core::Sentence> m_sentences;
    std::size_t m_sentences_for = ~std::size_t{0};
    std::uint64_t m_revision = 0;
};

} // namespace gloss::app
