// Document: text, metadata, spans, relations and the edit history of one article.
// Layer: core (std only). Every change goes through the editing methods, which validate it,
// record it as an Edit, and group edits into undo steps.
#pragma once

#include "core/diagnostic.hpp"
#include "core/edit/history.hpp"
#include "core/model/span.hpp"
#include "core/model/span_store.hpp"
#include "core/text/text.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace gloss::core {

struct Metadata {
    std::string title;
    std::string source;
    std::string url;
    std::string language;
    std::map<std::string, std::string> extra; // anything else a format carried

    // Sets a named field (title, source, url, language) or, for any other key, `extra`.
    void set(const std::string& key, std::string value);

    bool operator==(const Metadata&) const = default;
};

// Result of an edit: the id it created or touched, or the diagnostics that refused it.
struct EditResult {
    std::uint64_t id = 0;
    Diagnostics diagnostics;
    bool ok() const { return !has_errors(diagnostics); }
};

class Document {
public:
    Document() = default;
    Document(std::string id, Text text) : id(std::move(id)), m_text(std::move(text)) {}

    std::string id;
    Metadata meta;

    const Text& text() const { return m_text; }
    const SpanStore& spans() const { return m_spans; }
    const std::map<RelationId, Relation>& relations() const { return m_relations; }
    const History& history() const { return m_history; }

    // Relations from or to a span.
    std::vector<const Relation*> relations_of(SpanId span) const;

    // Checks offsets against the text: EndBeforeStart, EmptySpan, EndPastText.
    Diagnostics check_range(std::size_t start, std::size_t end) const;

    // [SECTION] Editing: each call is one undo step unless inside begin_group/end_group.
    EditResult add_span(Span span);
    EditResult update_span(Span span); // same id, any other field changed
    EditResult remove_span(SpanId id); // also removes the span's relations (reported as Info)
    EditResult add_relation(Relation relation);
    EditResult remove_relation(RelationId id);

    // Groups the edits made until end_group into one undo step named `name`. Nests: only the
    // outermost pair counts. A group with no edits is not recorded.
    void begin_group(std::string name);
    void end_group();

    bool undo();
    bool redo();

    // [SECTION] Suggestions: pending spans and their relations added outside the history (they
    // are proposals, not edits; accepting or rejecting one is an edit, and undoable). Never
    // removed behind the user's back, so every recorded edit still finds its span.
    EditResult add_suggestion(Span span);
    EditResult add_suggested_relation(Relation relation);
    // Removes a pending suggestion that no recorded edit refers to (the user never touched it),
    // with the relations from or to it; false (and no change) otherwise.
    bool withdraw_suggestion(SpanId id);

    // [SECTION] Loading without history (importers): replaces spans and relations, clears the
    // history. Ids of 0 are assigned. Invalid records are skipped and reported.
    Diagnostics load(std::vector<Span> spans, std::vector<Relation> relations);
    // Restores a saved history; the current spans must be the state at `position`.
    bool restore_history(std::vector<EditGroup> groups, std::size_t position);

    // Clock for timestamps (milliseconds since the Unix epoch); replaceable for tests.
    void set_clock(std::function<std::int64_t()> clock) { m_clock = std::move(clock); }

    SpanId next_span_id() const { return m_next_span_id; }

private:
    void record(Edit edit, std::string name);
    void apply(const Edit& edit, bool forward);
    std::int64_t now() const;

    Text m_text;
    SpanStore m_spans;
    std::map<RelationId, Relation> m_relations;
    History m_history;
    SpanId m_next_span_id = 1;
    RelationId m_next_relation_id = 1;
    int m_group_depth = 0;
    EditGroup m_open_group;
    std::function<std::int64_t()> m_clock;
};

} // namespace gloss::core
