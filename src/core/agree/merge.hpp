// Adjudication: several annotators' versions of one document merged into one span list by
// majority, union or intersection, with every disagreement marked for review. Layer: core
// (std only); no io, no files.
#pragma once

#include "core/model/document.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::core {

enum class MergeStrategy : std::uint8_t {
    Majority,     // a span is kept when more than half of the annotators have it
    Union,        // kept when any annotator has it
    Intersection, // kept when every annotator has it
};
std::string_view to_string(MergeStrategy strategy);
std::optional<MergeStrategy> parse_merge_strategy(std::string_view name);

// One annotator's version of the document; `document` must outlive the call.
struct MergeVersion {
    std::string annotator;
    const Document* document = nullptr;
};

struct MergeSummary {
    std::uint64_t kept = 0;    // spans in the merged document
    std::uint64_t dropped = 0; // span groups the strategy left out
    std::uint64_t review = 0;  // kept spans marked review=disagreement
    std::uint64_t relations = 0;
    MergeSummary& operator+=(const MergeSummary& other);
};

struct MergeResult {
    Document document;
    MergeSummary summary;
};

// Merges `versions` (the same text; the id, text and metadata of the first are used). Only
// annotated_spans() take part. Spans are grouped across annotators by overlap (same label,
// intersecting ranges, one span per annotator in a group, matched greedily by the largest
// overlap against the group's current range). A kept group's span takes the most common range
// among its members (ties: the earliest annotator in `versions`), with that member's
// attributes, origin and status. A group is a disagreement when some annotator lacks it or its
// members' ranges differ; its span gets attrs review=disagreement and annotators=a,b (those
// who have it, in `versions` order), and status pending when some annotator lacks it. Each
// attribute takes the value most members give it (absent is a value; ties: the earliest
// annotator); members that differ on one (a correction, a canonical name, an ERROR's type) make
// the span a disagreement too, with disagree_on=correction,… naming what. Spans get fresh ids
// in (start, end, label) order; their annotator field is cleared. Relations are merged per kept
// span and type: a target (a kept group) is kept as the strategy keeps spans, counted among
// the span's holders; under majority with no target held by most, the most held (ties: the
// earliest annotator) is kept, so a quote keeps one speaker. Holders pointing at different
// targets make the span a disagreement on that type (disagree_on=speaker).
MergeResult merge_versions(const std::vector<MergeVersion>& versions, MergeStrategy strategy);

} // namespace gloss::core
