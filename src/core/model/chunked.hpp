// Containers that grow a chunk at a time and never move what they hold, so that adding the
// 100,001st span costs what adding the first did. A std::vector doubles and moves every element
// at once, and a std::unordered_map rehashes every entry at once: with 100,000 spans either is
// a pause of a frame or more in the browser. Layer: core (std only).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gloss::core {

// A vector of default-constructible T in chunks: elements stay where they are as it grows;
// indices, not pointers, are what callers keep. The first chunks double in size (64, 64, 128,
// … 2,048 elements), so a small document's spans take little room; then every chunk holds
// 4,096.
template <class T> class ChunkedVector {
public:
    ChunkedVector() = default;
    ChunkedVector(const ChunkedVector& other) { *this = other; }
    ChunkedVector& operator=(const ChunkedVector& other) {
        if (this == &other) return *this;
        clear();
        reserve(other.m_size);
        for (std::size_t i = 0; i < other.m_size; ++i)
            (*this)[i] = other[i];
        m_size = other.m_size;
        return *this;
    }
    ChunkedVector(ChunkedVector&& other) noexcept { *this = std::move(other); }
    ChunkedVector& operator=(ChunkedVector&& other) noexcept {
        m_chunks = std::move(other.m_chunks);
        m_size = other.m_size;
        m_capacity = other.m_capacity;
        other.m_chunks.clear();
        other.m_size = other.m_capacity = 0;
        return *this;
    }
    ~ChunkedVector() = default;

    T& operator[](std::size_t i) {
        auto [chunk, offset] = locate(i);
        return m_chunks[chunk][offset];
    }
    const T& operator[](std::size_t i) const {
        auto [chunk, offset] = locate(i);
        return m_chunks[chunk][offset];
    }
    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }

    // Appends a default-constructed element and returns it.
    T& emplace_back() {
        if (m_size == m_capacity) grow();
        return (*this)[m_size++];
    }
    void reserve(std::size_t n) {
        while (m_capacity < n)
            grow();
    }
    void clear() {
        m_chunks.clear();
        m_size = m_capacity = 0;
    }

private:
    static constexpr std::size_t kFirst = 64;  // elements in chunks 0 and 1
    static constexpr std::size_t kLast = 4096; // elements in every chunk from the 7th on

    // Chunk k holds indices [kFirst << (k - 1), kFirst << k) for 1 <= k < 7, chunk 0 [0, 64).
    static std::pair<std::size_t, std::size_t> locate(std::size_t i) {
        if (i < kFirst) return {0, i};
        if (i < kLast) {
            std::size_t top = std::size_t{1} << (std::bit_width(i) - 1);
            return {static_cast<std::size_t>(std::bit_width(i)) - 6, i - top};
        }
        return {i / kLast + 6, i % kLast};
    }
    void grow() {
        std::size_t k = m_chunks.size();
        std::size_t size = k == 0 ? kFirst : k < 7 ? kFirst << (k - 1) : kLast;
        m_chunks.push_back(std::make_unique<T[]>(size));
        m_capacity += size;
    }

    std::vector<std::unique_ptr<T[]>> m_chunks; // every element past m_size is default
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

// Id -> 32-bit index. Ids are mostly small and dense (a document numbers its spans 1, 2, 3, …;
// files number theirs alike), so they address chunks directly; a rare large id goes to a hash
// map.
class DenseIdIndex {
public:
    static constexpr std::uint32_t kAbsent = ~std::uint32_t{0};

    DenseIdIndex() = default;
    DenseIdIndex(const DenseIdIndex& other) { *this = other; }
    DenseIdIndex& operator=(const DenseIdIndex& other) {
        if (this == &other) return *this;
        m_chunks.clear();
        for (const auto& chunk : other.m_chunks) {
            m_chunks.emplace_back();
            if (!chunk) continue;
            m_chunks.back() = std::make_unique<std::uint32_t[]>(kChunk);
            std::copy(chunk.get(), chunk.get() + kChunk, m_chunks.back().get());
        }
        m_sparse = other.m_sparse;
        m_size = other.m_size;
        return *this;
    }
    DenseIdIndex(DenseIdIndex&&) noexcept = default;
    DenseIdIndex& operator=(DenseIdIndex&&) noexcept = default;
    ~DenseIdIndex() = default;

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    std::uint32_t find(std::uint64_t id) const {
        if (id >= kDenseIds) {
            auto it = m_sparse.find(id);
            return it == m_sparse.end() ? kAbsent : it->second;
        }
        std::size_t c = id / kChunk;
        return c < m_chunks.size() && m_chunks[c] ? m_chunks[c][id % kChunk] : kAbsent;
    }
    bool contains(std::uint64_t id) const { return find(id) != kAbsent; }

    // Adds id -> value (value != kAbsent); false when the id is there already.
    bool insert(std::uint64_t id, std::uint32_t value) {
        if (id >= kDenseIds) {
            if (!m_sparse.emplace(id, value).second) return false;
        } else {
            std::uint32_t& slot = dense_slot(id);
            if (slot != kAbsent) return false;
            slot = value;
        }
        ++m_size;
        return true;
    }
    bool erase(std::uint64_t id) {
        if (id >= kDenseIds) {
            if (!m_sparse.erase(id)) return false;
        } else {
            std::size_t c = id / kChunk;
            if (c >= m_chunks.size() || !m_chunks[c] || m_chunks[c][id % kChunk] == kAbsent)
                return false;
            m_chunks[c][id % kChunk] = kAbsent;
        }
        --m_size;
        return true;
    }
    void clear() {
        m_chunks.clear();
        m_sparse.clear();
        m_size = 0;
    }

    // The largest id held (0 when empty).
    std::uint64_t max_id() const {
        std::uint64_t best = 0;
        for (const auto& [id, value] : m_sparse)
            best = std::max(best, id);
        if (best) return best;
        for (std::size_t c = m_chunks.size(); c-- > 0;) {
            if (!m_chunks[c]) continue;
            for (std::size_t i = kChunk; i-- > 0;)
                if (m_chunks[c][i] != kAbsent) return c * kChunk + i;
        }
        return 0;
    }

    std::size_t memory_bytes() const {
        std::size_t bytes = m_chunks.capacity() * sizeof(void*);
        for (const auto& chunk : m_chunks)
            bytes += chunk ? kChunk * sizeof(std::uint32_t) : 0;
        return bytes + m_sparse.bucket_count() * sizeof(void*) + m_sparse.size() * 32;
    }

private:
    static constexpr std::size_t kChunk = 256;                         // ids a chunk: 1 KB
    static constexpr std::uint64_t kDenseIds = std::uint64_t{1} << 20; // 4,096 chunks at most

    std::uint32_t& dense_slot(std::uint64_t id) {
        std::size_t c = id / kChunk;
        if (c >= m_chunks.size()) m_chunks.resize(c + 1);
        if (!m_chunks[c]) {
            m_chunks[c] = std::make_unique<std::uint32_t[]>(kChunk);
            std::fill(m_chunks[c].get(), m_chunks[c].get() + kChunk, kAbsent);
        }
        return m_chunks[c][id % kChunk];
    }

    std::vector<std::unique_ptr<std::uint32_t[]>> m_chunks; // null: no id in that chunk
    std::unordered_map<std::uint64_t, std::uint32_t> m_sparse;
    std::size_t m_size = 0;
};

} // namespace gloss::core
