// Token-level tags for agreement: IOB2 tags of one layer of spans over a document's tokens, and
// the confusion between two annotators' token labels. Layer: core (std only); no io, no files.
#pragma once

#include "core/model/span.hpp"
#include "core/text/tokenizer.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gloss::core {

// IOB2 tags of `tokens` ("O", "B-LABEL", "I-LABEL") from `spans`, which the caller restricts to
// one layer (entity labels, or any chosen label set). A token takes a span's label when they
// share at least one code point, so `blinken` inside the token `blinkenbut` tags that token.
// Overlapping spans: the longest span (in code points) wins, then the earliest start, then the
// smaller label in byte order; each span in that order claims the tokens still unclaimed, and
// B- marks the first token of every run of tokens one span claims.
std::vector<std::string> iob2_tags(const std::vector<Token>& tokens,
                                   const std::vector<Span>& spans);

// The label part of a tag: "B-PERSON" -> "PERSON", "I-GPE" -> "GPE", "O" -> "O".
std::string_view tag_label(std::string_view tag);

// Counts of (row label, column label) over tokens, on label parts (tag_label) with "O".
class ConfusionMatrix {
public:
    // Adds one document's tags of two annotators; both lists must have one tag per token.
    void add(const std::vector<std::string>& rows, const std::vector<std::string>& columns);
    std::uint64_t at(std::string_view row, std::string_view column) const;
    // Every label seen on either side: "O" first, then the others in byte order.
    std::vector<std::string> labels() const;
    std::uint64_t total() const { return m_total; }

private:
    std::map<std::pair<std::string, std::string>, std::uint64_t> m_counts;
    std::uint64_t m_total = 0;
};

} // namespace gloss::core
