// IOB2 tags from spans and the token-label confusion matrix. Layer: core (std only).
#include "core/agree/token_tags.hpp"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <set>
#include <tuple>

namespace gloss::core {

std::vector<std::string> iob2_tags(const std::vector<Token>& tokens,
                                   const std::vector<Span>& spans) {
    constexpr std::size_t kFree = ~std::size_t{0};
    std::vector<std::size_t> order(spans.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const Span &a = spans[x], &b = spans[y];
        std::uint32_t la = a.end - a.start, lb = b.end - b.start;
        if (la != lb) return la > lb;
        return std::tie(a.start, a.label, x) < std::tie(b.start, b.label, y);
    });
    std::vector<std::size_t> owner(tokens.size(), kFree);
    for (std::size_t index : order) {
        const Span& s = spans[index];
        // Tokens are in order and never overlap: the first one ending after s.start.
        auto it = std::upper_bound(tokens.begin(), tokens.end(), s.start,
                                   [](std::uint32_t cp, const Token& t) { return cp < t.end; });
        for (; it != tokens.end() && it->start < s.end; ++it) {
            std::size_t i = static_cast<std::size_t>(it - tokens.begin());
            if (owner[i] == kFree) owner[i] = index;
        }
    }
    std::vector<std::string> tags(tokens.size(), "O");
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (owner[i] == kFree) continue;
        bool begins = i == 0 || owner[i - 1] != owner[i];
        tags[i] = (begins ? "B-" : "I-") + spans[owner[i]].label;
    }
    return tags;
}

std::string_view tag_label(std::string_view tag) {
    if (tag.size() > 2 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') return tag.substr(2);
    return tag;
}

void ConfusionMatrix::add(const std::vector<std::string>& rows,
                          const std::vector<std::string>& columns) {
    assert(rows.size() == columns.size() && "one tag per token on both sides");
    std::size_t n = std::min(rows.size(), columns.size());
    for (std::size_t i = 0; i < n; ++i) {
        ++m_counts[{std::string(tag_label(rows[i])), std::string(tag_label(columns[i]))}];
        ++m_total;
    }
}

std::uint64_t ConfusionMatrix::at(std::string_view row, std::string_view column) const {
    auto it = m_counts.find(std::make_pair(std::string(row), std::string(column)));
    return it == m_counts.end() ? 0 : it->second;
}

std::vector<std::string> ConfusionMatrix::labels() const {
    std::set<std::string> seen;
    for (const auto& [key, count] : m_counts) {
        seen.insert(key.first);
        seen.insert(key.second);
    }
    std::vector<std::string> out;
    if (seen.erase("O")) out.push_back("O");
    out.insert(out.end(), seen.begin(), seen.end());
    return out;
}

} // namespace gloss::core
