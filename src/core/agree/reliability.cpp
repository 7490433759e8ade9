// Cohen's kappa, Fleiss' kappa and Krippendorff's alpha (nominal). Layer: core (std only).
#include "core/agree/reliability.hpp"

#include <algorithm>
#include <cassert>

namespace gloss::core {

namespace {

// Chance agreement this close to 1 means every rating is one and the same category.
constexpr double kCertain = 1e-12;

std::size_t category_count(const std::vector<std::vector<Category>>& ratings) {
    Category top = -1;
    for (const auto& row : ratings)
        for (Category c : row)
            top = std::max(top, c);
    return static_cast<std::size_t>(top + 1);
}

double kappa_of(double observed, double expected) {
    if (expected >= 1.0 - kCertain) return 1.0;
    return (observed - expected) / (1.0 - expected);
}

} // namespace

Category CategoryCodes::code(std::string_view name) {
    auto [it, added] =
        m_codes.try_emplace(std::string(name), static_cast<Category>(m_names.size()));
    if (added) m_names.emplace_back(name);
    return it->second;
}

KappaResult cohen_kappa(const std::vector<Category>& a, const std::vector<Category>& b) {
    assert(a.size() == b.size() && "one rating per unit on both sides");
    std::size_t n = std::min(a.size(), b.size());
    Category top = -1;
    for (std::size_t i = 0; i < n; ++i)
        top = std::max({top, a[i], b[i]});
    std::size_t categories = static_cast<std::size_t>(top + 1);
    std::vector<std::uint64_t> count_a(categories), count_b(categories);
    std::uint64_t units = 0, agreed = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] == kMissing || b[i] == kMissing) continue;
        ++units;
        ++count_a[static_cast<std::size_t>(a[i])];
        ++count_b[static_cast<std::size_t>(b[i])];
        if (a[i] == b[i]) ++agreed;
    }
    KappaResult r;
    r.units = units;
    if (units == 0) return r;
    double total = static_cast<double>(units);
    r.observed = static_cast<double>(agreed) / total;
    r.expected = 0;
    for (std::size_t c = 0; c < categories; ++c)
        r.expected +=
            (static_cast<double>(count_a[c]) / total) * (static_cast<double>(count_b[c]) / total);
    r.kappa = kappa_of(r.observed, r.expected);
    return r;
}

KappaResult fleiss_kappa_counts(const std::vector<std::vector<std::uint64_t>>& counts) {
    std::size_t categories = 0;
    for (const auto& row : counts)
        categories = std::max(categories, row.size());
    std::vector<double> per_category(categories);
    double ratings = 0, sum_p = 0;
    KappaResult r;
    for (const auto& row : counts) {
        std::uint64_t m = 0, same = 0;
        for (std::uint64_t c : row) {
            m += c;
            same += c * (c ? c - 1 : 0);
        }
        if (m < 2) continue;
        ++r.units;
        sum_p += static_cast<double>(same) / static_cast<double>(m * (m - 1));
        for (std::size_t j = 0; j < row.size(); ++j)
            per_category[j] += static_cast<double>(row[j]);
        ratings += static_cast<double>(m);
    }
    if (r.units == 0) return r;
    r.observed = sum_p / static_cast<double>(r.units);
    r.expected = 0;
    for (double c : per_category)
        r.expected += (c / ratings) * (c / ratings);
    r.kappa = kappa_of(r.observed, r.expected);
    return r;
}

KappaResult fleiss_kappa(const std::vector<std::vector<Category>>& ratings) {
    std::size_t units = ratings.empty() ? 0 : ratings.front().size();
    for (const auto& row : ratings) {
        assert(row.size() == units && "one rating (or kMissing) per unit for every annotator");
        units = std::min(units, row.size());
    }
    std::size_t categories = category_count(ratings);
    std::vector<std::vector<std::uint64_t>> counts;
    for (std::size_t u = 0; u < units; ++u) {
        std::vector<std::uint64_t> row(categories);
        bool complete = true;
        for (const auto& annotator : ratings) {
            if (annotator[u] == kMissing) {
                complete = false;
                break;
            }
            ++row[static_cast<std::size_t>(annotator[u])];
        }
        if (complete) counts.push_back(std::move(row));
    }
    return fleiss_kappa_counts(counts);
}

AlphaResult krippendorff_alpha(const std::vector<std::vector<Category>>& ratings) {
    std::size_t units = ratings.empty() ? 0 : ratings.front().size();
    for (const auto& row : ratings) {
        assert(row.size() == units && "one rating (or kMissing) per unit for every annotator");
        units = std::min(units, row.size());
    }
    std::size_t k = category_count(ratings);
    // Coincidences: only the diagonal and the per-category totals are needed for nominal data,
    // since D_o sums every off-diagonal cell, which is n_c minus the diagonal.
    std::vector<double> diagonal(k), totals(k);
    std::vector<std::uint64_t> in_unit(k);
    AlphaResult r;
    for (std::size_t u = 0; u < units; ++u) {
        std::fill(in_unit.begin(), in_unit.end(), 0);
        std::uint64_t m = 0;
        for (const auto& annotator : ratings) {
            if (annotator[u] == kMissing) continue;
            ++in_unit[static_cast<std::size_t>(annotator[u])];
            ++m;
        }
        if (m < 2) continue;
        ++r.units;
        r.values += m;
        double weight = 1.0 / static_cast<double>(m - 1);
        for (std::size_t c = 0; c < k; ++c) {
            if (!in_unit[c]) continue;
            double n_c = static_cast<double>(in_unit[c]);
            diagonal[c] += n_c * (n_c - 1) * weight;
            totals[c] += n_c; // a row of the coincidence matrix sums to the ratings n_uc
        }
    }
    if (r.values < 2) return r;
    double n = static_cast<double>(r.values);
    double off_diagonal = 0, expected_pairs = 0;
    for (std::size_t c = 0; c < k; ++c) {
        off_diagonal += totals[c] - diagonal[c];
        expected_pairs += totals[c] * (n - totals[c]);
    }
    r.observed_disagreement = off_diagonal / n;
    r.expected_disagreement = expected_pairs / (n * (n - 1));
    if (r.expected_disagreement <= kCertain) {
        r.alpha = 1.0;
        return r;
    }
    r.alpha = 1.0 - r.observed_disagreement / r.expected_disagreement;
    return r;
}

} // namespace gloss::core
