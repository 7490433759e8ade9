// SpanStore: the spans of one document with an interval index. Layer: core (std only).
// A treap keyed by (start, end, id), each node holding the largest end in its subtree, gives
// O(log n) insert and erase and O(log n + k) range queries. Pointers returned by queries stay
// valid until the next mutation of the store.
#pragma once

#include "core/model/chunked.hpp"
#include "core/model/span.hpp"

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gloss::core {

class SpanStore {
public:
    std::size_t size() const { return m_index.size(); }
    bool empty() const { return m_index.empty(); }
    bool contains(SpanId id) const { return m_index.contains(id); }
    const Span* find(SpanId id) const;

    // Inserts a span whose id is not in the store yet; false (and no change) otherwise.
    bool insert(Span span);
    // Removes a span; returns it, or nothing when the id is unknown.
    std::optional<Span> erase(SpanId id);
    // Replaces the span with the same id; false when the id is unknown.
    bool replace(Span span);
    void clear();
    // Replaces the contents with `spans` (ids must be unique) in O(n log n).
    void assign(std::vector<Span> spans);

    // Spans with start < end_cp and end > start_cp, in (start, end, id) order. A query with
    // start_cp == end_cp returns the spans containing that position (start <= p < end).
    std::vector<const Span*> overlapping(std::size_t start_cp, std::size_t end_cp) const;
    void for_each_overlapping(std::size_t start_cp, std::size_t end_cp,
                              const std::function<void(const Span&)>& visit) const;
    // Spans containing position `cp` (start <= cp < end).
    std::vector<const Span*> at(std::size_t cp) const { return overlapping(cp, cp); }
    // First span starting at or after `cp`, and last span starting before `cp`.
    const Span* first_starting_at_or_after(std::size_t cp) const;
    const Span* last_starting_before(std::size_t cp) const;
    // Neighbours of a span in (start, end, id) order; nullptr at either end.
    const Span* next(SpanId id) const;
    const Span* previous(SpanId id) const;
    const Span* first() const;
    const Span* last() const;
    // Spans with a label, in (start, end, id) order: a walk over every span, O(n).
    std::vector<const Span*> with_label(std::string_view label) const;
    // Every span, in (start, end, id) order.
    void for_each(const std::function<void(const Span&)>& visit) const;
    std::vector<const Span*> all() const;

    SpanId max_id() const;
    std::size_t memory_bytes() const;

private:
    static constexpr std::uint32_t kNil = ~std::uint32_t{0};
    struct Node {
        Span span;
        std::uint32_t left = kNil, right = kNil;
        std::uint32_t priority = 0;
        std::uint32_t max_end = 0;
    };
    struct Key {
        std::uint32_t start, end;
        SpanId id;
        auto operator<=>(const Key&) const = default;
    };
    static Key key_of(const Span& s) { return {s.start, s.end, s.id}; }

    std::uint32_t allocate(Span span);
    void update(std::uint32_t t);
    std::uint32_t merge(std::uint32_t a, std::uint32_t b);
    void split(std::uint32_t t, const Key& key, std::uint32_t& left, std::uint32_t& right);
    std::uint32_t erase_node(std::uint32_t t, const Key& key, std::uint32_t& removed);
    void collect(std::uint32_t t, std::size_t a, std::size_t b,
                 const std::function<void(const Span&)>& visit) const;
    std::uint32_t next_priority();

    ChunkedVector<Node> m_nodes; // grows without moving spans: no pause at 100,000 of them
    std::vector<std::uint32_t> m_free;
    DenseIdIndex m_index; // span id -> node
    std::uint32_t m_root = kNil;
    std::uint32_t m_seed = 0x9E3779B9u;
};

} // namespace gloss::core
