// SpanStore: the interval index checked against brute-force scans.
#include "core/model/span_store.hpp"
#include "support/random_text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace gloss::core;

namespace {

Span make(SpanId id, std::uint32_t start, std::uint32_t end, std::string label = "PERSON") {
    Span s;
    s.id = id;
    s.start = start;
    s.end = end;
    s.label = std::move(label);
    return s;
}

std::vector<SpanId> ids(const std::vector<const Span*>& spans) {
    std::vector<SpanId> out;
    for (const Span* s : spans)
        out.push_back(s->id);
    return out;
}

bool key_less(const Span& a, const Span& b) {
    return std::tie(a.start, a.end, a.id) < std::tie(b.start, b.end, b.id);
}

} // namespace

TEST_CASE("nested and overlapping spans are all found", "[core][spans]") {
    SpanStore store;
    // QUOTE contains a PERSON; an ERROR `blinkenbut` contains the PERSON `blinken`.
    REQUIRE(store.insert(make(1, 10, 60, "QUOTE")));
    REQUIRE(store.insert(make(2, 20, 27, "PERSON")));
    REQUIRE(store.insert(make(3, 20, 30, "ERROR")));
    REQUIRE(store.insert(make(4, 70, 80, "GPE")));
    CHECK_FALSE(store.insert(make(2, 0, 1))); // duplicate id
    CHECK(ids(store.at(22)) == std::vector<SpanId>{1, 2, 3});
    CHECK(ids(store.at(28)) == std::vector<SpanId>{1, 3});
    CHECK(ids(store.at(60)).empty()); // end exclusive
    CHECK(ids(store.overlapping(59, 71)) == std::vector<SpanId>{1, 4});
    CHECK(ids(store.with_label("PERSON")) == std::vector<SpanId>{2});
    CHECK(store.first_starting_at_or_after(21)->id == 4);
    CHECK(store.last_starting_before(20)->id == 1);
    CHECK(store.next(1)->id == 2);
    CHECK(store.next(2)->id == 3);
    CHECK(store.previous(2)->id == 1);
    CHECK(store.next(4) == nullptr);
    CHECK(store.first()->id == 1);
    CHECK(store.last()->id == 4);

    Span moved = make(2, 61, 65, "ORG");
    REQUIRE(store.replace(moved));
    CHECK(ids(store.with_label("PERSON")).empty());
    CHECK(ids(store.with_label("ORG")) == std::vector<SpanId>{2});
    CHECK(ids(store.at(62)) == std::vector<SpanId>{2});
    auto erased = store.erase(1);
    REQUIRE(erased);
    CHECK(erased->label == "QUOTE");
    CHECK_FALSE(store.erase(1));
    CHECK(ids(store.at(22)) == std::vector<SpanId>{3});
}

TEST_CASE("interval index agrees with a brute-force scan under random edits", "[core][spans]") {
    auto seed = gloss::test::test_seed();
    CAPTURE(seed);
    std::mt19937 rng(seed);
    const char* labels[] = {"PERSON", "ORG", "QUOTE", "ERROR"};
    for (int trial = 0; trial < gloss::test::trials(20); ++trial) {
        SpanStore store;
        std::map<SpanId, Span> reference;
        SpanId next_id = 1;
        std::uniform_int_distribution<std::uint32_t> pos(0, 400), len(1, 60), coin(0, 9);
        for (int step = 0; step < 300; ++step) {
            std::uint32_t action = coin(rng);
            if (action < 6 || reference.empty()) {
                std::uint32_t s = pos(rng);
                Span span = make(next_id++, s, s + len(rng), labels[coin(rng) % 4]);
                REQUIRE(store.insert(span));
                reference[span.id] = span;
            } else if (action < 8) {
                auto it = reference.begin();
                std::advance(it, static_cast<long>(pos(rng) % reference.size()));
                REQUIRE(store.erase(it->first));
                reference.erase(it);
            } else {
                auto it = reference.begin();
                std::advance(it, static_cast<long>(pos(rng) % reference.size()));
                std::uint32_t s = pos(rng);
                Span span = make(it->first, s, s + len(rng), labels[coin(rng) % 4]);
                REQUIRE(store.replace(span));
                it->second = span;
            }
            // Queries against the reference.
            std::uint32_t a = pos(rng), b = a + coin(rng) * 10;
            std::vector<Span> expected;
            for (const auto& [id, s] : reference)
                if (s.start < std::max(b, a + 1) && s.end > a) expected.push_back(s);
            std::sort(expected.begin(), expected.end(), key_less);
            std::vector<SpanId> expected_ids;
            for (const Span& s : expected)
                expected_ids.push_back(s.id);
            REQUIRE(ids(store.overlapping(a, b)) == expected_ids);

            const Span* after = nullptr;
            const Span* before = nullptr;
            for (const auto& [id, s] : reference) {
                if (s.start >= a && (!after || key_less(s, *after))) after = &s;
                if (s.start < a && (!before || key_less(*before, s))) before = &s;
            }
            const Span* got_after = store.first_starting_at_or_after(a);
            const Span* got_before = store.last_starting_before(a);
            REQUIRE((got_after ? got_after->id : 0) == (after ? after->id : 0));
            REQUIRE((got_before ? got_before->id : 0) == (before ? before->id : 0));

            const char* label = labels[coin(rng) % 4];
            std::vector<Span> by_label;
            for (const auto& [id, s] : reference)
                if (s.label == label) by_label.push_back(s);
            std::sort(by_label.begin(), by_label.end(), key_less);
            std::vector<SpanId> by_label_ids;
            for (const Span& s : by_label)
                by_label_ids.push_back(s.id);
            REQUIRE(ids(store.with_label(label)) == by_label_ids);
        }
        // In-order walk by next() visits everything sorted.
        std::vector<Span> all;
        for (const auto& [id, s] : reference)
            all.push_back(s);
        std::sort(all.begin(), all.end(), key_less);
        std::vector<SpanId> walk;
        for (const Span* s = store.first(); s; s = store.next(s->id))
            walk.push_back(s->id);
        std::vector<SpanId> sorted_ids;
        for (const Span& s : all)
            sorted_ids.push_back(s.id);
        REQUIRE(walk == sorted_ids);
        REQUIRE(ids(store.all()) == sorted_ids);

        // Bulk assignment builds the same index.
        SpanStore bulk;
        bulk.assign(all);
        REQUIRE(ids(bulk.overlapping(0, 1000)) == sorted_ids);
        REQUIRE(ids(bulk.at(200)) == ids(store.at(200)));
    }
}
