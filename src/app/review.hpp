// Review mode: several annotators' versions of each document, the adjudicated document built
// from them (the session's documents), and the disagreements walked and resolved by accepting
// one version. Part of a Session, which owns it. Layer: app (no ImGui here).
#pragma once

#include "core/diagnostic.hpp"
#include "core/model/document.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace gloss::app {

class Session;

// One annotator's version of a document under review (the same id and text as the others).
struct ReviewVersion {
    std::string annotator;
    core::Document document;
};

// A place where the annotators' versions differ: a run of overlapping spans (of any label) that
// not every annotator has with the same range and label, and what each annotator has there.
struct Disagreement {
    std::size_t start = 0, end = 0; // code points: the union of the spans involved
    // One entry per annotator (in the versions' order): their spans here in text order; empty
    // when that annotator marked nothing here.
    std::vector<std::vector<core::Span>> alternatives;
};

// The review of one document: the annotators' versions and where they differ.
struct ReviewDocument {
    std::vector<core::Document> versions;
    std::vector<Disagreement> disagreements;
    // (start, end, label) of the spans every annotator has: never part of a disagreement.
    std::vector<std::tuple<std::uint32_t, std::uint32_t, std::string>> agreed;
    std::size_t current = 0;
    // Disagreements resolved by accepting "nothing" where there already was nothing (no edit,
    // so no undo step records them): disagreement index -> annotator index.
    std::map<std::size_t, std::size_t> settled;
};

class Review {
public:
    explicit Review(Session& session) : m_session(session) {}

    // Starts reviewing several annotators' versions of one document (at least two, each with
    // the same id and text; otherwise nothing changes and the diagnostics say why). The
    // session's documents become the adjudicated one, which starts as core::merge_versions with
    // the majority strategy: what most annotators marked is already there (pending and marked
    // review=disagreement where someone differs), so the reviewer acts only where the majority
    // is wrong.
    core::Diagnostics load(std::vector<ReviewVersion> versions);
    // The same for several documents, each with the same annotators in the same order.
    core::Diagnostics load(std::vector<std::vector<ReviewVersion>> documents);
    bool active() const { return !m_documents.empty(); }
    const std::vector<std::string>& annotators() const { return m_annotators; }
    // The review of the session's current document (nullptr when not reviewing).
    const ReviewDocument* current_document() const;
    // Disagreements of the current document, in text order (empty when not reviewing).
    const std::vector<Disagreement>& disagreements() const;
    std::size_t current() const; // index of the current disagreement
    // Moves to the next (or previous) disagreement, wrapping, and puts the caret at its start;
    // false when there is none.
    bool next();
    bool previous();
    bool go_to(std::size_t disagreement);
    // The annotator whose version a disagreement of the current document holds now, when one
    // was accepted (undoing the accept makes it unresolved again).
    std::optional<std::size_t> resolved_by(std::size_t disagreement) const;
    // resolved_by for every disagreement of the current document, at once.
    std::vector<std::optional<std::size_t>> resolutions() const;
    // Replaces the adjudicated spans of the current disagreement (those overlapping it that not
    // every annotator has) with annotator `annotator`'s version of it, relations between them
    // included: one undo step. False when not reviewing or out of range.
    bool accept_version(std::size_t annotator);
    // Leaves review mode; the adjudicated documents stay as ordinary documents (a change).
    void exit();
    // Forgets the review without a change of its own (the session's documents were replaced).
    void forget();

private:
    Session& m_session;
    std::vector<ReviewDocument> m_documents; // one per session document while reviewing
    std::vector<std::string> m_annotators;
    ReviewDocument* current_review();
};

} // namespace gloss::app
