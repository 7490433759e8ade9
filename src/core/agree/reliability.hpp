// Chance-corrected agreement on categorical ratings: Cohen's kappa (two annotators), Fleiss'
// kappa (any number) and Krippendorff's alpha (nominal, with missing ratings). Layer: core
// (std only). Degenerate inputs give defined values, never NaN: with no units, or when chance
// agreement is already perfect (everyone used one and the same category), the coefficient is 1.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gloss::core {

// A category code (0, 1, ...); kMissing where an annotator gave no rating for a unit.
using Category = std::int32_t;
inline constexpr Category kMissing = -1;

// Maps category names to codes 0, 1, ... in order of first use.
class CategoryCodes {
public:
    Category code(std::string_view name);
    const std::vector<std::string>& names() const { return m_names; }

private:
    std::unordered_map<std::string, Category> m_codes;
    std::vector<std::string> m_names;
};

struct KappaResult {
    double kappa = 1.0;
    double observed = 1.0;   // observed agreement, P_o (Fleiss: mean P_i)
    double expected = 1.0;   // agreement expected by chance, P_e
    std::uint64_t units = 0; // units that entered the computation
};

// Cohen's kappa = (P_o - P_e) / (1 - P_e) over the units both annotators rated (a unit where
// either is kMissing is left out). `a` and `b` hold one rating per unit.
KappaResult cohen_kappa(const std::vector<Category>& a, const std::vector<Category>& b);

// Fleiss' kappa from counts[unit][category] (how many annotators put the unit in the
// category). Units rated by fewer than two annotators are left out; a varying number of
// annotators per unit is allowed (P_i uses each unit's own count; p_j is pooled).
KappaResult fleiss_kappa_counts(const std::vector<std::vector<std::uint64_t>>& counts);
// Fleiss' kappa from ratings[annotator][unit]; units any annotator left kMissing are left out,
// so every unit counted has the same number of ratings (the classic definition).
KappaResult fleiss_kappa(const std::vector<std::vector<Category>>& ratings);

struct AlphaResult {
    double alpha = 1.0;
    double observed_disagreement = 0.0; // D_o
    double expected_disagreement = 0.0; // D_e
    std::uint64_t units = 0;            // units with at least two ratings (pairable)
    std::uint64_t values = 0;           // ratings in those units (n)
};

// Krippendorff's alpha for nominal data, alpha = 1 - D_o / D_e, from ratings[annotator][unit]
// with kMissing where an annotator did not rate a unit. Built on the coincidence matrix: a
// unit with m ratings adds 1/(m-1) for every ordered pair of ratings from different annotators;
// units with fewer than two ratings are not pairable and left out. D_e = 0 (one category in
// all the data) gives alpha = 1.
AlphaResult krippendorff_alpha(const std::vector<std::vector<Category>>& ratings);

} // namespace gloss::core
