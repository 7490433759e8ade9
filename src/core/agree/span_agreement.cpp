// Span matching and precision / recall / F1. Layer: core (std only).
#include "core/agree/span_agreement.hpp"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace gloss::core {

namespace {

std::uint32_t overlap_of(const Span& a, const Span& b) {
    std::uint32_t lo = std::max(a.start, b.start), hi = std::min(a.end, b.end);
    return hi > lo ? hi - lo : 0;
}

std::uint32_t distance_of(const Span& a, const Span& b) {
    auto diff = [](std::uint32_t x, std::uint32_t y) { return x > y ? x - y : y - x; };
    return diff(a.start, b.start) + diff(a.end, b.end);
}

// Indices of `spans` sorted by (label, start, end, index).
std::vector<std::size_t> order_of(const std::vector<Span>& spans) {
    std::vector<std::size_t> order(spans.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        const Span &a = spans[x], &b = spans[y];
        return std::tie(a.label, a.start, a.end, x) < std::tie(b.label, b.start, b.end, y);
    });
    return order;
}

struct Candidate {
    std::uint32_t overlap, distance;
    std::size_t a, b;
};

} // namespace

SpanMatching match_spans(const std::vector<Span>& a, const std::vector<Span>& b, MatchMode mode) {
    SpanMatching out;
    std::vector<std::size_t> oa = order_of(a), ob = order_of(b);
    std::vector<Candidate> candidates;
    // Walk both sorted lists label by label; within a label, b's spans starting before a
    // span's end are the only ones that can intersect it.
    std::size_t j0 = 0;
    for (std::size_t i = 0; i < oa.size(); ++i) {
        const Span& s = a[oa[i]];
        while (j0 < ob.size() && b[ob[j0]].label < s.label)
            ++j0;
        // A prefix of b spans of this label ending before s starts cannot meet any later a
        // span of the label either (they come in start order), so it is passed for good.
        while (j0 < ob.size() && b[ob[j0]].label == s.label && b[ob[j0]].end <= s.start)
            ++j0;
        for (std::size_t j = j0; j < ob.size(); ++j) {
            const Span& t = b[ob[j]];
            if (t.label != s.label || t.start >= s.end) break;
            if (mode == MatchMode::Exact) {
                if (t.start == s.start && t.end == s.end)
                    candidates.push_back({1, 0, oa[i], ob[j]});
            } else if (std::uint32_t o = overlap_of(s, t)) {
                candidates.push_back({o, distance_of(s, t), oa[i], ob[j]});
            }
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) {
        if (x.overlap != y.overlap) return x.overlap > y.overlap;
        return std::tie(x.distance, x.a, x.b) < std::tie(y.distance, y.a, y.b);
    });
    std::vector<bool> used_a(a.size()), used_b(b.size());
    for (const Candidate& c : candidates) {
        if (used_a[c.a] || used_b[c.b]) continue;
        used_a[c.a] = used_b[c.b] = true;
        out.pairs.emplace_back(c.a, c.b);
    }
    std::sort(out.pairs.begin(), out.pairs.end());
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!used_a[i]) out.only_a.push_back(i);
    for (std::size_t j = 0; j < b.size(); ++j)
        if (!used_b[j]) out.only_b.push_back(j);
    return out;
}

double PrfCounts::precision() const {
    if (tp + fp == 0) return fn == 0 ? 1.0 : 0.0;
    return static_cast<double>(tp) / static_cast<double>(tp + fp);
}

double PrfCounts::recall() const {
    if (tp + fn == 0) return fp == 0 ? 1.0 : 0.0;
    return static_cast<double>(tp) / static_cast<double>(tp + fn);
}

double PrfCounts::f1() const {
    std::uint64_t denominator = 2 * tp + fp + fn;
    if (denominator == 0) return 1.0;
    return static_cast<double>(2 * tp) / static_cast<double>(denominator);
}

PrfCounts& PrfCounts::operator+=(const PrfCounts& other) {
    tp += other.tp;
    fp += other.fp;
    fn += other.fn;
    return *this;
}

PrfCounts SpanAgreement::overall() const {
    PrfCounts sum;
    for (const auto& [label, counts] : per_label)
        sum += counts;
    return sum;
}

void add_span_agreement(SpanAgreement& into, const std::vector<Span>& reference,
                        const std::vector<Span>& compared, MatchMode mode) {
    SpanMatching m = match_spans(reference, compared, mode);
    for (const auto& [i, j] : m.pairs)
        ++into.per_label[reference[i].label].tp;
    for (std::size_t i : m.only_a)
        ++into.per_label[reference[i].label].fn;
    for (std::size_t j : m.only_b)
        ++into.per_label[compared[j].label].fp;
}

std::vector<Span> annotated_spans(const Document& document) {
    std::vector<Span> out;
    document.spans().for_each([&](const Span& s) {
        if (s.status == Status::Rejected) return;
        if (s.status == Status::Pending && s.origin == Origin::Suggested) return;
        out.push_back(s);
    });
    return out;
}

} // namespace gloss::core
