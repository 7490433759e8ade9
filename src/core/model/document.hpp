// Document: text, metadata, spans, relations and the edit history of one article.
// Layer: core (std only). Every change goes through the editing methods, which validate it,
// record it as an Edit, and group edits into undo steps.
#pragma once

#include "core/diagnostic.hpp"
#include "core/edit/history.hpp"
#include "core/model/span.hpp"
#include "core/model/span_store.hpp"
#include "core/text/text.hpp"
#include "core/text/tokenizer.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
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

class Document;

// Hears of every change to a document's spans and relations after it happened: edits, undo and
// redo, suggestions added or withdrawn, load. A changed span is removed, then added. Lets the
// interface keep counts and lists up to date change by change instead of walking every span.
class DocumentObserver {
public:
    virtual void span_added(const Document& document, const Span& span) = 0;
    virtual void span_removed(const Document& document, const Span& span) = 0;
    virtual void relation_added(const Document& document, const Relation& relation) = 0;
    virtual void relation_removed(const Document& document, const Relation& relation) = 0;
    // load() replaced every span and relation.
    virtual void reloaded(const Document& document) = 0;

protected:
    ~DocumentObserver() = default;
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

    // [SECTION] Tokens a dataset supplied with the text (its own tokenization), kept so that
    // exports use them and formats write them back. Code points, end exclusive, in order,
    // never empty or overlapping; their kinds are classified as the tokenizer would. Empty:
    // the document has none, and Gloss's tokenizer applies. Editing spans never changes them.
    const std::vector<Token>& tokens() const { return m_tokens; }
    // Replaces them (kinds are classified here); false, and no change, when a token is empty,
    // past the end of the text, or starts before the previous one ends. Readers check each
    // token first to report it with its place.
    bool set_tokens(std::vector<Token> tokens);
    // The tokens to export with: the supplied ones, else the tokenizer's over `decoded`, which
    // must be this document's text decoded (callers usually have it already).
    std::vector<Token> tokens_or_tokenize(std::u32string_view decoded) const;

    // Relations from or to a span, in id order; O(k) through an index by span.
    std::vector<const Relation*> relations_of(SpanId span) const;

    // Checks offsets against the text: EndBeforeStart, EmptySpan, EndPastText.
    Diagnostics check_range(std::size_t start, std::size_t end) const;

    // [SECTION] Editing: each call is one undo step unless inside begin_group/end_group.
    // A read-only document refuses every edit (ReadOnly), undo, redo and suggestions.
    void set_read_only(bool read_only) { m_read_only = read_only; }
    bool read_only() const { return m_read_only; }
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
    // The same for many at once (one pass over the history); returns how many were withdrawn.
    std::size_t withdraw_suggestions(const std::vector<SpanId>& ids);

    // [SECTION] Loading without history (importers): replaces spans and relations, clears the
    // history. Ids of 0 are assigned. Invalid records are skipped and reported.
    Diagnostics load(std::vector<Span> spans, std::vector<Relation> relations);
    // Restores a saved history; the current spans must be the state at `position`.
    bool restore_history(std::vector<EditGroup> groups, std::size_t position);
    // Replays what a journal stored of a later history: undoes back to `keep` if beyond it,
    // keeps the first `keep` groups, appends `tail`, and undoes or redoes to `position`; the
    // spans follow. A saved copy leaves out suggestions nobody had touched: those the tail
    // touches first are put back as they were (from the tail's own steps, or `suggestions` for
    // ones its relations link). False (nothing changes) when keep or position is out of range.
    // Works on a read-only document too (it restores what was saved; it is not an edit).
    bool rewrite_history(std::size_t keep, std::vector<EditGroup> tail, std::size_t position,
                         const std::vector<Span>& suggestions = {});

    // Clock for timestamps (milliseconds since the Unix epoch); replaceable for tests.
    void set_clock(std::function<std::int64_t()> clock) { m_clock = std::move(clock); }

    SpanId next_span_id() const { return m_next_span_id; }
    RelationId next_relation_id() const { return m_next_relation_id; }
    // Never hands out ids below these (a saved copy keeps ids of steps no longer in its
    // history from being given to new spans, so that a restored project numbers as the
    // original did). Only raises.
    void reserve_ids(SpanId next_span, RelationId next_relation) {
        m_next_span_id = std::max(m_next_span_id, next_span);
        m_next_relation_id = std::max(m_next_relation_id, next_relation);
    }

    // The observer of this document (at most one; null for none). Observing is not a change,
    // so a const document can be observed. Copies and moves of the document have no observer,
    // and a document assigned to loses its own: compare observer() to know it still applies.
    void set_observer(DocumentObserver* observer) const { m_observer.target = observer; }
    DocumentObserver* observer() const { return m_observer.target; }

private:
    void record(Edit edit, std::string name);
    void reserve_ids_of(const std::vector<EditGroup>& groups);
    bool refuse_if_read_only(EditResult& result) const;
    enum class Way { Forward, Backward }; // an edit done (or redone), or undone
    void apply(const Edit& edit, Way way);
    std::int64_t now() const;

    Text m_text;
    std::vector<Token> m_tokens;
    SpanStore m_spans;
    std::map<RelationId, Relation> m_relations;
    History m_history;
    SpanId m_next_span_id = 1;
    RelationId m_next_relation_id = 1;
    int m_group_depth = 0;
    bool m_read_only = false;
    EditGroup m_open_group;
    std::function<std::int64_t()> m_clock;
    // Span -> its relations (from or to it), for relations_of and removing a span.
    std::unordered_map<SpanId, std::vector<RelationId>> m_relations_by_span;
    void index_relation(const Relation& relation);
    void unindex_relation(const Relation& relation);
    struct ObserverSlot {
        DocumentObserver* target = nullptr;
        ObserverSlot() = default;
        ObserverSlot(const ObserverSlot&) {}
        ObserverSlot(ObserverSlot&& other) noexcept { other.target = nullptr; }
        ObserverSlot& operator=(const ObserverSlot&) {
            target = nullptr;
            return *this;
        }
        ObserverSlot& operator=(ObserverSlot&& other) noexcept {
            target = other.target = nullptr;
            return *this;
        }
    };
    mutable ObserverSlot m_observer;
};

} // namespace gloss::core
