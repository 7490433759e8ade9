// Agreement beyond the spans: on the spans two annotators both marked (matched by overlap), do
// they give them the same attributes (a correction, a canonical name, an ERROR's type) and the
// same relations (a quote's speaker, located_in)? Layer: core (std only).
#pragma once

#include "core/model/document.hpp"
#include "core/model/span.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace gloss::core {

struct DetailCounts {
    std::uint64_t compared = 0; // matched span pairs where either side has it
    std::uint64_t agreed = 0;   // ... and both say the same
    double rate() const {
        return compared ? static_cast<double>(agreed) / static_cast<double>(compared) : 1.0;
    }
};

struct DetailAgreement {
    std::map<std::string, DetailCounts> attributes; // by attribute name
    std::map<std::string, DetailCounts> relations;  // by relation type
};

// `a` and `b` are annotated spans of `document_a` and `document_b` (the same text). Spans are
// matched one to one by overlap (match_spans). For every matched pair: each attribute either
// span has (the bookkeeping of a merge — review, annotators, disagree_on, reason — aside) agrees
// when both have the same value; each relation type either span starts agrees when its targets
// are the same spans (matched to each other), as sets.
void add_detail_agreement(DetailAgreement& out, const Document& document_a,
                          const std::vector<Span>& a, const Document& document_b,
                          const std::vector<Span>& b);

} // namespace gloss::core
