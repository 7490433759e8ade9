// Span agreement: matching two annotators' spans of one document (exact, or overlapping with
// a one-to-one greedy assignment) and precision / recall / F1 per label and overall (micro).
// Layer: core (std only); no io, no files.
#pragma once

#include "core/model/document.hpp"
#include "core/model/span.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace gloss::core {

enum class MatchMode : std::uint8_t {
    Exact,   // same start, end and label
    Overlap, // same label and intersecting ranges
};

// Pairs of indices into the two span lists (a, b), and the indices left unmatched on each
// side. Every index appears exactly once.
struct SpanMatching {
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    std::vector<std::size_t> only_a;
    std::vector<std::size_t> only_b;
};

// One-to-one matching of `a` against `b`. Overlap: every same-label intersecting pair is a
// candidate; candidates are taken greedily by the largest overlap in code points, ties broken
// by the smaller distance between the ends (|start difference| + |end difference|), then by
// index in `a`, then in `b`. Deterministic; inputs need no order.
SpanMatching match_spans(const std::vector<Span>& a, const std::vector<Span>& b, MatchMode mode);

// True positives (matched), false positives (only in the compared set) and false negatives
// (only in the reference set).
struct PrfCounts {
    std::uint64_t tp = 0, fp = 0, fn = 0;

    // With nothing on either side every measure is 1 (nothing to disagree on). With nothing
    // predicted but something expected, precision is 0 (and recall 0 with nothing expected but
    // something predicted). Never NaN.
    double precision() const;
    double recall() const;
    double f1() const;
    PrfCounts& operator+=(const PrfCounts& other);
};

// Counts per label, summed over documents; overall() is the micro average.
struct SpanAgreement {
    std::map<std::string, PrfCounts> per_label;
    PrfCounts overall() const;
};

// Adds one document: `reference` (gold, or the first annotator) against `compared`.
void add_span_agreement(SpanAgreement& into, const std::vector<Span>& reference,
                        const std::vector<Span>& compared, MatchMode mode);

// The spans that count as an annotator's decisions: every span except rejected ones and
// suggestions still pending (origin suggested, status pending), in (start, end, id) order.
std::vector<Span> annotated_spans(const Document& document);

} // namespace gloss::core
