// Session: the state the interface edits (schema, documents, current document, selection),
// and the commands that change it. Layer: app, but free of ImGui so tests read it directly.
#pragma once

#include "app/assist.hpp"
#include "app/document_tally.hpp"
#include "app/review.hpp"
#include "app/text_navigation.hpp"
#include "core/diagnostic.hpp"
#include "core/model/document.hpp"
#include "core/model/label_schema.hpp"
#include "core/text/search.hpp"
#include "core/text/tokenizer.hpp"
#include "io/gloss_project.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace gloss::app {

class Session {
public:
    Session() = default;
    Session(const Session&) = delete; // its parts (Review, Assist) hold a reference to it
    Session& operator=(const Session&) = delete;

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

    // [SECTION] Adding documents (Open…, a dropped file, loadDocuments without replace)
    // What to do with a document whose id the project already has.
    enum class OnClash { Replace, KeepBoth, Skip };
    // Ids of `documents` the project already has, in their order.
    std::vector<std::string> clashing_ids(const std::vector<core::Document>& documents) const;
    struct Added {
        std::size_t added = 0, replaced = 0, renamed = 0, skipped = 0;
    };
    // Adds documents after the existing ones (a clash is handled as `on_clash` says: replaced
    // in place, kept both with the new one's id made unique ("id (2)"), or skipped), opens the
    // first one added, and records the whole as one step that undo() takes back as long as
    // nothing else changed since (and redo() brings back).
    Added add_documents(std::vector<core::Document> documents, OnClash on_clash);
    // The step undo() would take back now, if it is an addition of documents ("add 3 documents"):
    // while it is the latest change, and later when the current document has nothing left to
    // undo and every document the addition put in is as it was added (its edits undone, not
    // marked done), so that taking it back loses nothing opening the files again would not bring
    // back. Redo brings the documents back with their histories.
    std::string addition_to_undo() const;
    // The addition as a save keeps it (null when there is none; `latest` says whether anything
    // changed since its last step), and putting a saved one back after the documents were
    // restored: false, and nothing kept, when it does not fit them (a document it names is
    // missing). `changed_since` (journal entries were replayed after it) makes it not the
    // latest change.
    const io::ProjectAddition* saved_addition() const {
        return m_addition ? &m_addition->record : nullptr;
    }
    bool restore_addition(io::ProjectAddition record, bool changed_since);
    // Moves whenever the addition is recorded, taken back, brought back or dropped.
    std::uint64_t addition_generation() const { return m_addition_generation; }
    // Marks the current document done (or not); the queue shows it.
    void set_done(std::size_t index, bool done); // no change when read-only
    // Read-only: every document refuses edits (a task link's preview, or work already submitted);
    // documents loaded later are read-only too.
    void set_read_only(bool on);
    bool read_only() const { return m_read_only; }
    bool is_done(std::size_t index) const;
    std::size_t done_count() const;
    std::string export_jsonl() const;

    // Caret steps and click selections (grapheme, word, sentence, whole tokens) over a
    // document's text, its tokens and sentences computed once per text.
    TextNavigation& navigation() { return m_navigation; }

    // [SECTION] Selection and commands
    // What is selected: a range of text (empty when none) or a span (0 when none), and the
    // keyboard caret with the other end of a keyboard selection (code points). Changed only by
    // the methods below, so that the four stay consistent.
    const Selection& selection() const { return m_selection; }
    core::SpanId selected_span() const { return m_selected_span; }
    std::size_t caret() const { return m_caret; }
    std::size_t anchor() const { return m_anchor; }
    // Selects a range of text, the anchor at `anchor_at` and the caret at the other end (a drag
    // backwards puts the caret at the start).
    void select_range(Selection range, std::size_t anchor_at);
    // Nothing selected; the caret and the anchor at `at`.
    void place_caret(std::size_t at);

    enum class CaretMove { Move, Extend };
    // Moves the caret (no span stays selected); Extend selects anchor..caret.
    void move_caret(std::size_t to, CaretMove how);
    // Selects a range of text (anchor at its start, caret at its end), a span (the caret at its
    // start), or nothing (the caret stays).
    void select_range(Selection range) { select_range(range, range.start); }
    void select_span(core::SpanId id);
    void select_nothing();
    // Selects the next (or previous) span after the selected one or the caret; false at the end.
    bool select_adjacent_span(Direction direction);
    // Moves an end of the selected span out or in by a word or a grapheme cluster.
    bool move_span_edge(Edge edge, EdgeMove move, Step step);
    // Sets one end of a span to an exact position (mouse drag of a span end).
    bool set_span_edge(core::SpanId id, Edge edge, std::size_t position);

    // Sets (or, with an empty value, removes) an attribute of a span: one undo step.
    bool set_attribute(core::SpanId id, const std::string& name, const std::string& value);
    // [SECTION] Relations (of the schema's relation types, core::RelationType)
    // The name of a quote's speaker relation: its label's span attribute ("" when it has none).
    std::string speaker_type(core::SpanId quote) const;
    // The span the first `type` relation from `from` points at (0 when none).
    core::SpanId target_of(core::SpanId from, const std::string& type) const;
    core::SpanId speaker_of(core::SpanId quote) const {
        return target_of(quote, speaker_type(quote));
    }
    // Links `from` to `to` with a `type` relation: one undo step. A type of one per span (a
    // speaker) replaces the earlier one; `to` 0 removes every `type` relation from `from`. False
    // when nothing changed, a span is missing, or the schema does not allow the ends.
    bool set_relation(core::SpanId from, core::SpanId to, const std::string& type);
    bool set_speaker(core::SpanId quote, core::SpanId to) {
        return set_relation(quote, to, speaker_type(quote));
    }
    bool remove_relation(core::RelationId id); // one undo step
    // Spans a `type` relation from `from` may point at, nearest first; for a speaker, every
    // mention outside the quote comes before those inside it (who is spoken of, rarely who
    // speaks).
    std::vector<core::SpanId> relation_candidates(core::SpanId from, const std::string& type,
                                                  std::size_t limit = 9) const;
    std::vector<core::SpanId> speaker_candidates(core::SpanId quote, std::size_t limit = 9) const {
        return relation_candidates(quote, speaker_type(quote), limit);
    }
    // Canonical names used anywhere in the project for a label, with `prefix` (case-insensitive).
    std::vector<std::string> canonical_names(const std::string& label,
                                             const std::string& prefix) const;

    // [SECTION] Search
    struct SearchHit {
        std::size_t document = 0;
        Selection range;
    };
    struct Found {
        std::vector<SearchHit> hits; // in document order, then text order
        std::string error;           // why the query is not a regular expression
        bool truncated = false;      // stopped at `limit` hits
    };
    // Every match of `query` (core::search_text) in document `only`, or in every document.
    Found find(std::string_view query, const core::SearchOptions& options,
               std::optional<std::size_t> only, std::size_t limit = 100000) const;
    // Labels every hit (skipping ranges that already carry the label): one undo step, whichever
    // documents it changed. Returns how many spans it added.
    std::size_t label_all(const std::vector<SearchHit>& hits, const core::Label& label);
    // Labels the selection (or re-labels the selected span when nothing is selected).
    core::EditResult apply_label(const core::Label& label);
    bool remove_selected();
    bool undo();
    bool redo();

    // [SECTION] Assist (assist.hpp): the detectors' runs and the pending suggestions.
    Assist& assist() { return m_assist; }
    const Assist& assist() const { return m_assist; }
    // Quote spans (of the schema's quote labels, not rejected) without a speaker in a document.
    std::size_t quotes_without_speaker(std::size_t index) const;

    // [SECTION] Review mode (review.hpp): several annotators' versions of each document, the
    // adjudicated one being the session's documents.
    Review& review() { return m_review; }
    const Review& review() const { return m_review; }

    // The one change signal: increments on every change that an autosave writes (documents,
    // spans, relations, done flags, the schema; suggestions the detectors add are not among them
    // until the user touches one). Every mutator of the session increments it itself; App
    // compares it after each frame and tells the host (on("change"), the journal), and the
    // tallies and Assist follow it.
    std::uint64_t revision() const { return m_revision; }
    // Increments whenever the list of documents is replaced (loaded, restored, reviewed): a
    // journal can then no longer describe the change document by document.
    std::uint64_t documents_generation() const { return m_documents_generation; }

    // [SECTION] Labels of the schema, with the spans that use them
    // Spans of every document with `label`.
    std::size_t label_uses(std::string_view label) const;
    // Renames a label in the schema (and in attributes that point at it) and on every span with
    // it; false (no change) when `to` is empty or another label's, or the project is read-only.
    // While it is the latest change, Ctrl+Z takes it back everywhere, schema included; later,
    // each document's undo takes back its own spans and brings the old label back with them.
    bool rename_label(const std::string& from, const std::string& to);
    // Removes a label from the schema and the spans with it (undone as a rename is); false when
    // there is no such label or the project is read-only.
    bool remove_label(const std::string& name);

    // Replaces the label schema (a change like any other).
    void set_schema(core::LabelSchema value) {
        schema = std::move(value);
        mark_changed();
    }

private:
    Selection m_selection;
    core::SpanId m_selected_span = 0;
    std::size_t m_caret = 0;
    std::size_t m_anchor = 0;
    void mark_changed() {
        ++m_revision;
        if (m_addition) note_change_after_addition();
        if (m_project_step && m_project_step->revision < m_revision) m_project_step.reset();
    }
    std::vector<core::Document> m_documents;
    std::size_t m_current = 0;
    TextNavigation m_navigation;
    std::uint64_t m_revision = 0;
    std::uint64_t m_documents_generation = 0;
    bool m_read_only = false;
    // The last addition of documents (until the documents are replaced, or another change
    // follows its undo): what a save keeps of it (io::ProjectAddition), and the revision its
    // last step left.
    struct Addition {
        io::ProjectAddition record;
        std::uint64_t revision = 0;
    };
    std::optional<Addition> m_addition;
    std::uint64_t m_addition_generation = 0;
    // Another change: an addition is no longer the latest, and one taken back can no longer be
    // brought back.
    void note_change_after_addition();
    void drop_addition() {
        if (m_addition) ++m_addition_generation;
        m_addition.reset();
    }
    enum class Way { Undo, Redo };
    enum class When {
        Latest,
        Untouched
    }; // the latest change; or later, if nothing it put in
       // has changed since (addition_untouched)
    bool swap_addition(Way way, When when);
    bool addition_untouched() const;
    // The last change of several documents at once (a label renamed or removed, matches labelled
    // in several documents), while it is the latest change: one step over every document it
    // changed and the schema (undo and redo swap the schema and step each of
    // those documents' histories).
    struct ProjectStep {
        core::LabelSchema other;
        std::vector<std::size_t> documents;
        std::uint64_t revision = 0;
        bool undone = false;
    };
    std::optional<ProjectStep> m_project_step;
    bool swap_project_step(Way way);
    // Labels renamed or removed, as they were: an undo in one document that brings back spans
    // of such a label brings the label back into the schema too (no span without its label).
    std::vector<core::Label> m_retired_labels;
    void restore_retired_labels();
    // canonical_names' list per label: sorted, unique, for the names fingerprint it was made at.
    struct CanonicalCache {
        std::uint64_t fingerprint = 0;
        std::string label;
        std::vector<std::string> names;
    };
    mutable CanonicalCache m_canonical_cache;
    // Per document, in m_documents' order: its pending suggestions, names and quotes, kept up to
    // date as its observer (attached on first use, again after the documents are replaced).
    mutable std::vector<std::unique_ptr<DocumentTally>> m_tallies;
    DocumentTally& tally(std::size_t index) const;
    // Of every document's accepted names and the schema's labels: another value after any
    // change of them; O(documents).
    std::uint64_t names_fingerprint() const;
    Review m_review{*this};
    Assist m_assist{*this};
    // Parts of the session: their edits are changes of it (mark_changed), Assist reads the
    // tallies and withdraws suggestions from every document.
    friend class Review;
    friend class Assist;
};

} // namespace gloss::app
