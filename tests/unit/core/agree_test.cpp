// Agreement and adjudication: span matching and F1, IOB2 tags, Cohen's and Fleiss' kappa,
// Krippendorff's alpha, the confusion matrix, merging and gold scores. Every coefficient is
// checked against a value computed by hand in the comment above it.
#include "core/agree/gold_score.hpp"
#include "core/agree/merge.hpp"
#include "core/agree/reliability.hpp"
#include "core/agree/span_agreement.hpp"
#include "core/agree/token_tags.hpp"
#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

using namespace gloss::core;

namespace {

Span make(std::uint32_t start, std::uint32_t end, std::string label, SpanId id = 0) {
    Span s;
    s.id = id;
    s.start = start;
    s.end = end;
    s.label = std::move(label);
    return s;
}

// The span over the first occurrence of `needle` in `text`, in code points.
Span over(const std::string& text, const std::string& needle, std::string label) {
    std::size_t byte = text.find(needle);
    REQUIRE(byte != std::string::npos);
    auto start = static_cast<std::uint32_t>(to_utf32(text.substr(0, byte)).size());
    auto length = static_cast<std::uint32_t>(to_utf32(needle).size());
    return make(start, start + length, std::move(label));
}

std::vector<Token> tokens_of(const std::string& text) {
    return tokenize(to_utf32(text));
}

// Ratings from counts: `yes_yes` units rated (1, 1), and so on.
void add_pairs(std::vector<Category>& a, std::vector<Category>& b, int count, Category x,
               Category y) {
    for (int i = 0; i < count; ++i) {
        a.push_back(x);
        b.push_back(y);
    }
}

Document document(const std::string& text, std::vector<Span> spans,
                  std::vector<Relation> relations = {}) {
    Document d("doc-1", Text(text));
    REQUIRE(d.load(std::move(spans), std::move(relations)).empty());
    return d;
}

} // namespace

// [SECTION] Span matching and F1

TEST_CASE("spans match exactly or by overlap, one to one", "[core][agree]") {
    std::vector<Span> a{make(0, 5, "PERSON"), make(10, 20, "PERSON"), make(30, 35, "GPE")};
    std::vector<Span> b{make(0, 5, "PERSON"), make(12, 18, "PERSON"), make(31, 35, "GPE"),
                        make(40, 45, "ORG"), make(30, 35, "ORG")};
    SpanMatching exact = match_spans(a, b, MatchMode::Exact);
    CHECK(exact.pairs == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}});
    CHECK(exact.only_a == std::vector<std::size_t>{1, 2});
    CHECK(exact.only_b == std::vector<std::size_t>{1, 2, 3, 4});
    // Overlap needs the same label: GPE 30..35 never meets ORG 30..35.
    SpanMatching overlap = match_spans(a, b, MatchMode::Overlap);
    CHECK(overlap.pairs ==
          std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}, {1, 1}, {2, 2}});
    CHECK(overlap.only_a.empty());
    CHECK(overlap.only_b == std::vector<std::size_t>{3, 4});
}

TEST_CASE("overlap matching is greedy by the largest overlap", "[core][agree]") {
    // a 0..10 meets b 0..3 (3 code points) and b 2..10 (8): it takes 2..10, and 0..3 is left.
    SpanMatching m =
        match_spans({make(0, 10, "X")}, {make(0, 3, "X"), make(2, 10, "X")}, MatchMode::Overlap);
    CHECK(m.pairs == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}});
    CHECK(m.only_b == std::vector<std::size_t>{0});
    // Two a spans want b 2..9: a 3..10 overlaps it by 6, a 0..4 by 2.
    m = match_spans({make(0, 4, "X"), make(3, 10, "X")}, {make(2, 9, "X")}, MatchMode::Overlap);
    CHECK(m.pairs == std::vector<std::pair<std::size_t, std::size_t>>{{1, 0}});
    CHECK(m.only_a == std::vector<std::size_t>{0});
    // Equal overlaps: the closer ends win (b 0..4 is 1 away from a 0..5, b 1..5 also 1 away;
    // then the earlier index in b).
    m = match_spans({make(0, 5, "X")}, {make(1, 5, "X"), make(0, 4, "X")}, MatchMode::Overlap);
    CHECK(m.pairs == std::vector<std::pair<std::size_t, std::size_t>>{{0, 0}});
    // Unsorted input and nested spans of one label.
    m = match_spans({make(20, 30, "X"), make(0, 50, "X")}, {make(0, 50, "X"), make(21, 30, "X")},
                    MatchMode::Overlap);
    CHECK(m.pairs == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 0}});
    CHECK(match_spans({}, {}, MatchMode::Overlap).pairs.empty());
}

TEST_CASE("precision, recall and F1 per label and micro overall", "[core][agree]") {
    SpanAgreement agreement;
    // Reference PERSON x2, GPE x1; compared PERSON x2 (one shifted), ORG x1.
    add_span_agreement(
        agreement, {make(0, 5, "PERSON"), make(10, 20, "PERSON"), make(30, 35, "GPE")},
        {make(0, 5, "PERSON"), make(12, 18, "PERSON"), make(40, 45, "ORG")}, MatchMode::Exact);
    // PERSON: tp 1, fp 1, fn 1 -> P = R = F1 = 1/2. GPE: fn 1. ORG: fp 1.
    const PrfCounts& person = agreement.per_label.at("PERSON");
    CHECK(person.tp == 1);
    CHECK(person.fp == 1);
    CHECK(person.fn == 1);
    CHECK(person.f1() == Approx(0.5));
    CHECK(agreement.per_label.at("GPE").recall() == 0.0);
    CHECK(agreement.per_label.at("GPE").precision() == 0.0); // nothing predicted, 1 expected
    CHECK(agreement.per_label.at("ORG").precision() == 0.0);
    // Overall (micro): tp 1, fp 2, fn 2 -> P = 1/3, R = 1/3, F1 = 2*1 / (2*1 + 2 + 2) = 1/3.
    PrfCounts all = agreement.overall();
    CHECK(all.precision() == Approx(1.0 / 3));
    CHECK(all.recall() == Approx(1.0 / 3));
    CHECK(all.f1() == Approx(1.0 / 3));
    // Nothing on either side: every measure is 1, not NaN.
    PrfCounts none;
    CHECK(none.precision() == 1.0);
    CHECK(none.recall() == 1.0);
    CHECK(none.f1() == 1.0);
}

TEST_CASE("rejected spans and pending suggestions are not annotations", "[core][agree]") {
    Span rejected = make(0, 3, "GPE");
    rejected.status = Status::Rejected;
    Span suggestion = make(4, 7, "GPE");
    suggestion.status = Status::Pending;
    suggestion.origin = Origin::Suggested;
    Span pending_manual = make(8, 11, "GPE");
    pending_manual.status = Status::Pending;
    Document d = document("abc def ghi", {rejected, suggestion, pending_manual});
    std::vector<Span> spans = annotated_spans(d);
    REQUIRE(spans.size() == 1);
    CHECK(spans[0].start == 8);
}

// [SECTION] Token tags

TEST_CASE("IOB2 tags from spans over the tokenizer's tokens", "[core][agree]") {
    const std::string text = "Antony Blinken visited Rafah today.";
    std::vector<Token> tokens = tokens_of(text);
    REQUIRE(tokens.size() == 6);
    CHECK(iob2_tags(tokens, {over(text, "Antony Blinken", "PERSON"), over(text, "Rafah", "GPE")}) ==
          std::vector<std::string>{"B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O"});
    CHECK(iob2_tags(tokens, {}) == std::vector<std::string>(6, "O"));
    // Nested: the longer ORG wins and the PERSON inside claims nothing.
    CHECK(
        iob2_tags(tokens, {over(text, "Blinken", "PERSON"), over(text, "Antony Blinken", "ORG")}) ==
        std::vector<std::string>{"B-ORG", "I-ORG", "O", "O", "O", "O"});
    // Crossing: the longer GPE "Blinken visited Rafah" wins; PERSON keeps the token left.
    CHECK(iob2_tags(tokens, {over(text, "Antony Blinken", "PERSON"),
                             over(text, "Blinken visited Rafah", "GPE")}) ==
          std::vector<std::string>{"B-PERSON", "B-GPE", "I-GPE", "I-GPE", "O", "O"});
    // Equal length: the earlier start wins ("Antony" and "Rafah " are both 6 code points).
    CHECK(iob2_tags(tokens, {make(23, 29, "GPE"), make(0, 6, "PERSON")})[0] == "B-PERSON");
    // Two adjacent spans of one label stay two: B- marks the second.
    CHECK(iob2_tags(tokens, {over(text, "Antony", "PERSON"), over(text, "Blinken", "PERSON")}) ==
          std::vector<std::string>{"B-PERSON", "B-PERSON", "O", "O", "O", "O"});
}

TEST_CASE("a span inside a glued token tags the token; offsets are code points", "[core][agree]") {
    // `blinken` inside `blinkenbut`: the token shares code points with the span.
    const std::string glued = "anthony blinkenbut said";
    CHECK(iob2_tags(tokens_of(glued), {over(glued, "blinken", "PERSON")}) ==
          std::vector<std::string>{"O", "B-PERSON", "O"});
    // An emoji outside the BMP is one code point (two UTF-16 units, four bytes).
    const std::string emoji = "\xF0\x9F\x98\x80 Rafah";
    std::vector<Token> tokens = tokens_of(emoji);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[1].start == 2);
    CHECK(iob2_tags(tokens, {make(2, 7, "GPE")}) == std::vector<std::string>{"O", "B-GPE"});
    CHECK(tag_label("B-GPE") == "GPE");
    CHECK(tag_label("I-ORG") == "ORG");
    CHECK(tag_label("O") == "O");
}

TEST_CASE("confusion between two annotators' token labels", "[core][agree]") {
    ConfusionMatrix m;
    m.add({"B-PERSON", "I-PERSON", "O", "B-GPE", "O"}, {"B-ORG", "I-ORG", "O", "B-GPE", "B-GPE"});
    CHECK(m.at("PERSON", "ORG") == 2);
    CHECK(m.at("O", "O") == 1);
    CHECK(m.at("GPE", "GPE") == 1);
    CHECK(m.at("O", "GPE") == 1);
    CHECK(m.at("GPE", "O") == 0);
    CHECK(m.total() == 5);
    CHECK(m.labels() == std::vector<std::string>{"O", "GPE", "ORG", "PERSON"});
    CHECK(ConfusionMatrix().labels().empty());
}

// [SECTION] Cohen's kappa

TEST_CASE("Cohen's kappa on the textbook 2x2 table", "[core][agree]") {
    // 50 units rated yes (1) or no (0) by A and B:
    //              B yes   B no
    //     A yes      20      5    | 25
    //     A no       10     15    | 25
    //                30     20      50
    // P_o = (20 + 15) / 50 = 0.70
    // P_e = (25/50)(30/50) + (25/50)(20/50) = 0.30 + 0.20 = 0.50
    // kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
    std::vector<Category> a, b;
    add_pairs(a, b, 20, 1, 1);
    add_pairs(a, b, 5, 1, 0);
    add_pairs(a, b, 10, 0, 1);
    add_pairs(a, b, 15, 0, 0);
    KappaResult k = cohen_kappa(a, b);
    CHECK(k.units == 50);
    CHECK(k.observed == Approx(0.70));
    CHECK(k.expected == Approx(0.50));
    CHECK(k.kappa == Approx(0.40));
}

TEST_CASE("Cohen's kappa: missing units, disagreement and degenerate cases", "[core][agree]") {
    // Units where either side is missing are left out: a 3-unit perfect table remains.
    KappaResult k = cohen_kappa({0, 1, kMissing, 2}, {0, 1, 1, 2});
    CHECK(k.units == 3);
    CHECK(k.kappa == Approx(1.0));
    // Always opposite: P_o = 0, P_e = 0.5*0.5 + 0.5*0.5 = 0.5, kappa = (0 - 0.5)/0.5 = -1.
    CHECK(cohen_kappa({0, 1}, {1, 0}).kappa == Approx(-1.0));
    // Everyone says O everywhere: P_o = P_e = 1, so kappa is defined as 1.
    k = cohen_kappa({0, 0, 0}, {0, 0, 0});
    CHECK(k.observed == 1.0);
    CHECK(k.expected == 1.0);
    CHECK(k.kappa == 1.0);
    // No units at all (empty documents): kappa 1 over 0 units, never NaN.
    k = cohen_kappa({}, {});
    CHECK(k.units == 0);
    CHECK(k.kappa == 1.0);
    CHECK(!std::isnan(cohen_kappa({kMissing}, {0}).kappa));
}

// [SECTION] Fleiss' kappa

TEST_CASE("Fleiss' kappa on the classic 10 x 5 example with 14 raters", "[core][agree]") {
    // Fleiss (1971) as reproduced in most textbooks: 10 subjects, 14 raters, 5 categories.
    //        1   2   3   4   5  | sum n_ij^2 - 14 -> P_i = that / (14 * 13)
    //  1     0   0   0   0  14  | 196 - 14 = 182  -> 1.000
    //  2     0   2   6   4   2  |  60 - 14 =  46  -> 0.253
    //  3     0   0   3   5   6  |  70 - 14 =  56  -> 0.308
    //  4     0   3   9   2   0  |  94 - 14 =  80  -> 0.440
    //  5     2   2   8   1   1  |  74 - 14 =  60  -> 0.330
    //  6     7   7   0   0   0  |  98 - 14 =  84  -> 0.462
    //  7     3   2   6   3   0  |  58 - 14 =  44  -> 0.242
    //  8     2   5   3   2   2  |  46 - 14 =  32  -> 0.176
    //  9     6   5   2   1   0  |  66 - 14 =  52  -> 0.286
    // 10     0   2   2   3   7  |  66 - 14 =  52  -> 0.286
    // sums  20  28  39  21  32  (140)    p_j = 0.143 0.200 0.279 0.150 0.229
    // P-bar   = 688 / 1820 = 0.37802
    // P-bar_e = (20^2 + 28^2 + 39^2 + 21^2 + 32^2) / 140^2 = 4170 / 19600 = 0.21276
    // kappa   = (0.37802 - 0.21276) / (1 - 0.21276) = 4211 / 20059 = 0.20993
    std::vector<std::vector<std::uint64_t>> counts{
        {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0},  {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
    KappaResult k = fleiss_kappa_counts(counts);
    CHECK(k.units == 10);
    CHECK(k.observed == Approx(688.0 / 1820));
    CHECK(k.expected == Approx(4170.0 / 19600));
    CHECK(k.kappa == Approx(4211.0 / 20059));

    // The same table as ratings[rater][unit]: rater r gives unit u the category that the r-th
    // rating of that row falls in (who gave which rating does not matter to Fleiss).
    std::vector<std::vector<Category>> ratings(14);
    for (const auto& row : counts) {
        std::size_t r = 0;
        for (std::size_t c = 0; c < row.size(); ++c)
            for (std::uint64_t i = 0; i < row[c]; ++i)
                ratings[r++].push_back(static_cast<Category>(c));
    }
    CHECK(fleiss_kappa(ratings).kappa == Approx(4211.0 / 20059));
}

TEST_CASE("Fleiss' kappa: two raters, missing ratings and degenerate cases", "[core][agree]") {
    // Three raters, 4 units; unit 4 misses a rating and is left out.
    //   unit 1: A A A -> P_1 = (9 - 3) / 6 = 1
    //   unit 2: A A B -> P_2 = (4 + 1 - 3) / 6 = 1/3
    //   unit 3: B B B -> P_3 = 1
    // P-bar = (1 + 1/3 + 1) / 3 = 7/9; p_A = 5/9, p_B = 4/9; P_e = 25/81 + 16/81 = 41/81
    // kappa = (7/9 - 41/81) / (1 - 41/81) = (63 - 41) / (81 - 41) = 22/40 = 0.55
    KappaResult k = fleiss_kappa({{0, 0, 1, 0}, {0, 0, 1, kMissing}, {0, 1, 1, 1}});
    CHECK(k.units == 3);
    CHECK(k.observed == Approx(7.0 / 9));
    CHECK(k.expected == Approx(41.0 / 81));
    CHECK(k.kappa == Approx(0.55));
    // One category everywhere: P-bar = P_e = 1 -> kappa 1.
    CHECK(fleiss_kappa({{2, 2}, {2, 2}, {2, 2}}).kappa == 1.0);
    // No annotators, no units, or a single rater: 0 units, kappa 1.
    CHECK(fleiss_kappa({}).units == 0);
    CHECK(fleiss_kappa({{}, {}, {}}).kappa == 1.0);
    CHECK(fleiss_kappa({{0, 1}}).units == 0);
}

// [SECTION] Krippendorff's alpha

TEST_CASE("Krippendorff's alpha, nominal, on his 4-coder example with missing values",
          "[core][agree]") {
    // Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: 4 coders,
    // 12 units, "." = missing. Unit 12 has one value only and is not pairable.
    //   unit  1 2 3 4 5 6 7 8 9 10 11 12
    //   A     1 2 3 3 2 1 4 1 2  .  .  .
    //   B     1 2 3 3 2 2 4 1 2  5  .  3
    //   C     . 3 3 3 2 3 4 2 2  5  1  .
    //   D     1 2 3 3 2 4 4 1 2  5  1  .
    // n = 40 pairable values; alpha (nominal) = 0.743 (= 113/152 exactly).
    std::vector<std::vector<Category>> ratings{
        {1, 2, 3, 3, 2, 1, 4, 1, 2, kMissing, kMissing, kMissing},
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, kMissing, 3},
        {kMissing, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, kMissing},
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, kMissing}};
    AlphaResult a = krippendorff_alpha(ratings);
    CHECK(a.units == 11);
    CHECK(a.values == 40);
    CHECK(a.alpha == Approx(113.0 / 152));
}

TEST_CASE("Krippendorff's alpha by hand: a missing value and two coders", "[core][agree]") {
    // Three coders, categories a (0) and b (1); unit 4 has one value (not pairable).
    //   unit 1: a a a   m = 3: o_aa += 3*2/2 = 3
    //   unit 2: a b .   m = 2: o_ab += 1, o_ba += 1
    //   unit 3: b b .   m = 2: o_bb += 2*1/1 = 2
    //   unit 4: a . .
    // coincidences: o_aa = 3, o_ab = o_ba = 1, o_bb = 2; n_a = 4, n_b = 3, n = 7
    // D_o = (o_ab + o_ba) / n = 2/7; D_e = (n_a n_b + n_b n_a) / (n (n - 1)) = 24/42
    // alpha = 1 - D_o / D_e = 1 - (2/7) / (24/42) = 1 - 0.5 = 0.5
    AlphaResult a =
        krippendorff_alpha({{0, 0, 1, 0}, {0, 1, 1, kMissing}, {0, kMissing, kMissing, kMissing}});
    CHECK(a.units == 3);
    CHECK(a.values == 7);
    CHECK(a.observed_disagreement == Approx(2.0 / 7));
    CHECK(a.expected_disagreement == Approx(24.0 / 42));
    CHECK(a.alpha == Approx(0.5));
    // Krippendorff's binary two-coder example: 10 units,
    //   A 0 1 0 0 0 0 0 0 1 0
    //   B 1 1 1 0 0 1 0 0 0 0
    // o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20
    // alpha = 1 - (n - 1) (o_01 + o_10) / (2 n_0 n_1) = 1 - 19 * 8 / 168 = 16/168 = 0.095
    a = krippendorff_alpha({{0, 1, 0, 0, 0, 0, 0, 0, 1, 0}, {1, 1, 1, 0, 0, 1, 0, 0, 0, 0}});
    CHECK(a.alpha == Approx(2.0 / 21));
    // One category in all the data: D_e = 0 -> alpha 1; no pairable unit -> alpha 1, 0 units.
    CHECK(krippendorff_alpha({{3, 3}, {3, 3}}).alpha == 1.0);
    a = krippendorff_alpha({{0, kMissing}, {kMissing, 1}});
    CHECK(a.units == 0);
    CHECK(a.alpha == 1.0);
    CHECK(krippendorff_alpha({}).alpha == 1.0);
}

TEST_CASE("category codes are given in order of first use", "[core][agree]") {
    CategoryCodes codes;
    CHECK(codes.code("O") == 0);
    CHECK(codes.code("B-PERSON") == 1);
    CHECK(codes.code("O") == 0);
    CHECK(codes.names() == std::vector<std::string>{"O", "B-PERSON"});
}

// [SECTION] Merge

namespace {

const std::string kText = "\xE2\x80\x9CWe are close,\xE2\x80\x9D said Antony Blinken in Saudi "
                          "Arabia and in Rafah.";

struct Versions {
    Document a, b, c;
    std::vector<MergeVersion> list() const { return {{"ann", &a}, {"bob", &b}, {"cyd", &c}}; }
};

Versions three_versions() {
    Span quote = over(kText, "\xE2\x80\x9CWe are close,\xE2\x80\x9D", "QUOTE");
    Span person = over(kText, "Antony Blinken", "PERSON");
    Span saudi = over(kText, "Saudi Arabia", "GPE");
    Span rafah = over(kText, "Rafah", "GPE");
    Span rafah_long = over(kText, "in Rafah", "GPE");
    Span org = over(kText, "Saudi", "ORG");
    auto ids = [](std::vector<Span> spans) {
        for (std::size_t i = 0; i < spans.size(); ++i)
            spans[i].id = i + 1;
        return spans;
    };
    Versions v;
    // ann and bob: QUOTE -> PERSON speaker; everyone has PERSON; Saudi Arabia by ann and bob;
    // Rafah by all, cyd with a longer range; ORG by cyd alone.
    v.a = document(kText, ids({quote, person, saudi, rafah}), {{1, "speaker", 1, 2}});
    v.b = document(kText, ids({quote, person, saudi, rafah}), {{1, "speaker", 1, 2}});
    v.c = document(kText, ids({person, rafah_long, org}));
    return v;
}

std::string describe(const Span& s) {
    std::string out = std::to_string(s.start) + ".." + std::to_string(s.end) + " " + s.label + " " +
                      std::string(to_string(s.status));
    for (const auto& [name, value] : s.attrs)
        out += " " + name + "=" + value;
    return out;
}

std::vector<std::string> described(const Document& d) {
    std::vector<std::string> out;
    d.spans().for_each([&](const Span& s) { out.push_back(describe(s)); });
    return out;
}

} // namespace

TEST_CASE("majority merge keeps what most annotators have and marks disagreements",
          "[core][agree][merge]") {
    // Code points: the curly quotes are one each, so QUOTE is 0..15, PERSON 21..35,
    // "Saudi Arabia" 39..51, "in Rafah" 56..64, "Rafah" 59..64.
    Versions v = three_versions();
    MergeResult r = merge_versions(v.list(), MergeStrategy::Majority);
    CHECK(described(r.document) ==
          std::vector<std::string>{
              "0..15 QUOTE pending annotators=ann,bob review=disagreement",
              "21..35 PERSON accepted",
              "39..51 GPE pending annotators=ann,bob review=disagreement",
              // Everyone has Rafah, ranges differ: the common range wins, status stays.
              "59..64 GPE accepted annotators=ann,bob,cyd review=disagreement",
          });
    CHECK(r.summary.kept == 4);
    CHECK(r.summary.dropped == 1); // cyd's ORG
    CHECK(r.summary.review == 3);
    // The speaker relation survives with both endpoints, once although two annotators had it.
    REQUIRE(r.document.relations().size() == 1);
    const Relation& speaker = r.document.relations().begin()->second;
    CHECK(speaker.type == "speaker");
    CHECK(r.document.spans().find(speaker.from)->label == "QUOTE");
    CHECK(r.document.spans().find(speaker.to)->label == "PERSON");
    CHECK(r.document.id == "doc-1");
    CHECK(r.document.text().utf8() == kText);
}

TEST_CASE("union and intersection merges", "[core][agree][merge]") {
    Versions v = three_versions();
    MergeResult u = merge_versions(v.list(), MergeStrategy::Union);
    CHECK(u.summary.kept == 5);
    CHECK(u.summary.dropped == 0);
    CHECK(described(u.document)[2] == "39..44 ORG pending annotators=cyd review=disagreement");
    MergeResult i = merge_versions(v.list(), MergeStrategy::Intersection);
    CHECK(
        described(i.document) ==
        std::vector<std::string>{"21..35 PERSON accepted",
                                 "59..64 GPE accepted annotators=ann,bob,cyd review=disagreement"});
    CHECK(i.summary.dropped == 3);
    CHECK(i.document.relations().empty()); // the QUOTE did not survive
    // A tie between two ranges goes to the earlier annotator.
    Document x = document(kText, {over(kText, "Rafah", "GPE")});
    Document y = document(kText, {over(kText, "in Rafah", "GPE")});
    MergeResult t = merge_versions({{"x", &x}, {"y", &y}}, MergeStrategy::Intersection);
    CHECK(described(t.document) ==
          std::vector<std::string>{"59..64 GPE accepted annotators=x,y review=disagreement"});
    CHECK(parse_merge_strategy("majority") == MergeStrategy::Majority);
    CHECK(parse_merge_strategy("vote") == std::nullopt);
    CHECK(to_string(MergeStrategy::Intersection) == "intersection");
}

TEST_CASE("merging empty documents or one version", "[core][agree][merge]") {
    Document empty("e", Text(""));
    MergeResult r = merge_versions({{"a", &empty}, {"b", &empty}}, MergeStrategy::Majority);
    CHECK(r.document.spans().empty());
    CHECK(r.summary.kept == 0);
    Versions v = three_versions();
    r = merge_versions({{"ann", &v.a}}, MergeStrategy::Majority);
    CHECK(r.summary.kept == 4);
    CHECK(r.summary.review == 0);
    CHECK(merge_versions({}, MergeStrategy::Union).document.spans().empty());
}

// [SECTION] Gold scores

TEST_CASE("workers scored against gold by overlap F1 and flagged below a threshold",
          "[core][agree]") {
    std::vector<Span> gold{make(0, 5, "PERSON"), make(10, 15, "GPE")};
    GoldScore score;
    score.add("ann", "g1", gold, {make(0, 5, "PERSON"), make(11, 15, "GPE")}); // overlap: 2/2
    // bob: PERSON right, GPE labelled ORG: tp 1, fp 1, fn 1 -> F1 = 2 / (2 + 1 + 1) = 0.5
    score.add("bob", "g1", gold, {make(0, 5, "PERSON"), make(10, 15, "ORG")});
    score.add("bob", "g2", {}, {});
    CHECK(score.workers().at("ann").spans.overall().f1() == 1.0);
    CHECK(score.workers().at("bob").spans.overall().f1() == Approx(0.5));
    CHECK(score.workers().at("bob").documents.size() == 2);
    CHECK(score.workers().at("bob").spans.per_label.at("GPE").recall() == 0.0);
    CHECK(score.flagged(0.7) == std::vector<std::string>{"bob"});
    CHECK(score.flagged(0.5).empty());
}

TEST_CASE("a document's spans grouped by annotator", "[core][agree]") {
    Span a = make(0, 3, "GPE", 1), b = make(4, 7, "GPE", 2), c = make(8, 11, "GPE", 3);
    a.annotator = "ann";
    b.annotator = "bob";
    auto groups = spans_by_annotator(document("abc def ghi", {a, b, c}), "file");
    CHECK(groups.size() == 3);
    CHECK(groups.at("ann").size() == 1);
    CHECK(groups.at("file").size() == 1);
    groups = spans_by_annotator(document("abc", {}), "file");
    CHECK(groups.size() == 1);
    CHECK(groups.at("file").empty());
}

namespace {

// A quote with its speaker, and an ERROR with a correction, as one annotator has them.
Document quoted(const std::string& speaker, const std::string& correction) {
    const std::string text = "“We stay,” Dussault said, and Haddad agreed. The ministery said so.";
    Document d("q", Text(text));
    SpanId quote = d.add_span(over(text, "“We stay,”", "QUOTE")).id;
    SpanId dussault = d.add_span(over(text, "Dussault", "PERSON")).id;
    SpanId haddad = d.add_span(over(text, "Haddad", "PERSON")).id;
    Span error = over(text, "ministery", "ERROR");
    error.attrs.set("type", "misspelling");
    error.attrs.set("correction", correction);
    d.add_span(error);
    Relation r;
    r.type = "speaker";
    r.from = quote;
    r.to = speaker == "Dussault" ? dussault : haddad;
    d.add_relation(r);
    return d;
}

} // namespace

TEST_CASE("merge: other speakers and other corrections are disagreements; one speaker stays",
          "[core][agree][merge]") {
    Document ann = quoted("Dussault", "ministry");
    Document bob = quoted("Haddad", "Ministry");
    Document cyd = quoted("Dussault", "ministry");
    SECTION("two annotators: a tie goes to the first") {
        MergeResult m = merge_versions({{"ann", &ann}, {"bob", &bob}}, MergeStrategy::Majority);
        std::vector<const Relation*> speakers;
        for (const auto& [id, r] : m.document.relations())
            speakers.push_back(&r);
        REQUIRE(speakers.size() == 1);
        const Span* to = m.document.spans().find(speakers[0]->to);
        CHECK(std::string(m.document.text().slice(to->start, to->end)) == "Dussault");
        for (const Span* s : m.document.spans().all()) {
            if (s->label == "QUOTE") CHECK(*s->attrs.get("disagree_on") == "speaker");
            if (s->label == "ERROR") {
                CHECK(*s->attrs.get("disagree_on") == "correction");
                CHECK(*s->attrs.get("correction") == "ministry");
                CHECK(*s->attrs.get("review") == "disagreement");
                CHECK(s->status == Status::Accepted); // everyone has it
            }
            if (s->label == "PERSON") CHECK(s->attrs.get("review") == nullptr);
        }
        CHECK(m.summary.review == 2);
    }
    SECTION("three annotators: the majority's speaker and correction") {
        MergeResult m =
            merge_versions({{"bob", &bob}, {"ann", &ann}, {"cyd", &cyd}}, MergeStrategy::Majority);
        for (const auto& [id, r] : m.document.relations()) {
            const Span* to = m.document.spans().find(r.to);
            CHECK(std::string(m.document.text().slice(to->start, to->end)) == "Dussault");
        }
        for (const Span* s : m.document.spans().all())
            if (s->label == "ERROR") CHECK(*s->attrs.get("correction") == "ministry");
    }
    SECTION("agreeing annotators: nothing to review") {
        MergeResult m = merge_versions({{"ann", &ann}, {"cyd", &cyd}}, MergeStrategy::Majority);
        CHECK(m.summary.review == 0);
        CHECK(m.document.relations().size() == 1);
    }
}
