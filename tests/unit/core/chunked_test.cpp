// ChunkedVector and DenseIdIndex: the containers under SpanStore that grow without moving what
// they hold, checked against std::vector and std::map.
#include "core/model/chunked.hpp"
#include "core/model/span_store.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>

using namespace gloss::core;

TEST_CASE("ChunkedVector keeps every element in place as it grows, across chunk sizes",
          "[chunked]") {
    ChunkedVector<std::string> v;
    std::vector<const std::string*> addresses;
    for (std::size_t i = 0; i < 10'000; ++i) {
        v.emplace_back() = "element " + std::to_string(i);
        addresses.push_back(&v[i]);
    }
    REQUIRE(v.size() == 10'000);
    CHECK(v.capacity() >= v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        CAPTURE(i);
        REQUIRE(v[i] == "element " + std::to_string(i));
        REQUIRE(&v[i] == addresses[i]); // never moved
    }
    // The boundaries between the doubling chunks and the fixed ones.
    for (std::size_t i : {63u, 64u, 127u, 128u, 2047u, 2048u, 4095u, 4096u, 8191u, 8192u})
        CHECK(v[i] == "element " + std::to_string(i));

    ChunkedVector<std::string> copy = v;
    copy[5] = "changed";
    CHECK(v[5] == "element 5");
    CHECK(copy.size() == v.size());
    CHECK(copy[9'999] == "element 9999");
    ChunkedVector<std::string> moved = std::move(copy);
    CHECK(moved.size() == 10'000);
    CHECK(moved[5] == "changed");
    CHECK(copy.size() == 0); // NOLINT(bugprone-use-after-move): the moved-from state is defined
    CHECK(copy.capacity() == 0);
    moved.clear();
    CHECK(moved.size() == 0);
    moved.emplace_back() = "again";
    CHECK(moved[0] == "again");
}

TEST_CASE("a small ChunkedVector takes a small chunk", "[chunked]") {
    ChunkedVector<int> v;
    v.emplace_back() = 1;
    CHECK(v.capacity() == 64);
    v.reserve(65);
    CHECK(v.capacity() == 128);
    CHECK(v[0] == 1);
    CHECK(v.size() == 1);
}

TEST_CASE("DenseIdIndex agrees with a map for dense, sparse and huge ids", "[chunked]") {
    DenseIdIndex index;
    std::map<std::uint64_t, std::uint32_t> reference;
    std::mt19937_64 random(7);
    const std::uint64_t huge = std::uint64_t{1} << 40;
    for (int step = 0; step < 20'000; ++step) {
        std::uint64_t id = 0;
        switch (random() % 3) {
        case 0:
            id = random() % 2'000;
            break; // dense
        case 1:
            id = random() % 3'000'000;
            break; // past the dense range at times
        default:
            id = huge + random() % 1'000;
            break; // always in the hash map
        }
        CAPTURE(step, id);
        if (random() % 3 == 0) {
            REQUIRE(index.erase(id) == (reference.erase(id) == 1));
        } else {
            auto value = static_cast<std::uint32_t>(random() % 1'000'000);
            bool fresh = reference.emplace(id, value).second;
            REQUIRE(index.insert(id, value) == fresh);
        }
        REQUIRE(index.size() == reference.size());
    }
    for (const auto& [id, value] : reference)
        REQUIRE(index.find(id) == value);
    CHECK_FALSE(index.contains(huge + 5'000));
    CHECK(index.find(123'456'789) == DenseIdIndex::kAbsent);
    CHECK(index.max_id() == reference.rbegin()->first);

    DenseIdIndex copy = index;
    REQUIRE(copy.erase(reference.begin()->first));
    CHECK(index.contains(reference.begin()->first));
    CHECK(copy.size() + 1 == index.size());
    index.clear();
    CHECK(index.empty());
    CHECK(index.max_id() == 0);
    CHECK(copy.max_id() == reference.rbegin()->first);
}

TEST_CASE("a span store with ids from a file, large and small, finds and copies them all",
          "[chunked][spans]") {
    SpanStore store;
    const std::vector<SpanId> ids = {1, 255, 256, 1'048'575, 1'048'576, std::uint64_t{1} << 62};
    for (std::size_t i = 0; i < ids.size(); ++i) {
        Span s;
        s.id = ids[i];
        s.start = static_cast<std::uint32_t>(i * 10);
        s.end = s.start + 5;
        s.label = "PERSON";
        REQUIRE(store.insert(s));
        REQUIRE_FALSE(store.insert(s)); // the same id twice
    }
    CHECK(store.max_id() == (std::uint64_t{1} << 62));
    SpanStore copy = store;
    REQUIRE(store.erase(1'048'576));
    for (SpanId id : ids) {
        CAPTURE(id);
        CHECK(store.contains(id) == (id != 1'048'576));
        REQUIRE(copy.find(id));
        CHECK(copy.find(id)->id == id);
    }
    CHECK(copy.size() == ids.size());
    CHECK(store.size() == ids.size() - 1);
}
