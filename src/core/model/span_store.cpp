// SpanStore implementation: an augmented treap in a node pool. Layer: core.
#include "core/model/span_store.hpp"

#include <algorithm>

namespace gloss::core {

std::uint32_t SpanStore::next_priority() {
    // xorshift32: deterministic, so the same edits build the same tree.
    m_seed ^= m_seed << 13;
    m_seed ^= m_seed >> 17;
    m_seed ^= m_seed << 5;
    return m_seed;
}

std::uint32_t SpanStore::allocate(Span span) {
    std::uint32_t n;
    if (!m_free.empty()) {
        n = m_free.back();
        m_free.pop_back();
        m_nodes[n] = Node{};
    } else {
        n = static_cast<std::uint32_t>(m_nodes.size());
        m_nodes.emplace_back();
    }
    Node& node = m_nodes[n];
    node.span = std::move(span);
    node.priority = next_priority();
    node.max_end = node.span.end;
    return n;
}

void SpanStore::update(std::uint32_t t) {
    Node& n = m_nodes[t];
    std::uint32_t m = n.span.end;
    if (n.left != kNil) m = std::max(m, m_nodes[n.left].max_end);
    if (n.right != kNil) m = std::max(m, m_nodes[n.right].max_end);
    n.max_end = m;
}

std::uint32_t SpanStore::merge(std::uint32_t a, std::uint32_t b) {
    if (a == kNil) return b;
    if (b == kNil) return a;
    if (m_nodes[a].priority > m_nodes[b].priority) {
        m_nodes[a].right = merge(m_nodes[a].right, b);
        update(a);
        return a;
    }
    m_nodes[b].left = merge(a, m_nodes[b].left);
    update(b);
    return b;
}

// Splits into keys < key and keys >= key.
void SpanStore::split(std::uint32_t t, const Key& key, std::uint32_t& left, std::uint32_t& right) {
    if (t == kNil) {
        left = right = kNil;
        return;
    }
    if (key_of(m_nodes[t].span) < key) {
        std::uint32_t r_left, r_right;
        split(m_nodes[t].right, key, r_left, r_right);
        m_nodes[t].right = r_left;
        update(t);
        left = t;
        right = r_right;
    } else {
        std::uint32_t l_left, l_right;
        split(m_nodes[t].left, key, l_left, l_right);
        m_nodes[t].left = l_right;
        update(t);
        left = l_left;
        right = t;
    }
}

std::uint32_t SpanStore::erase_node(std::uint32_t t, const Key& key, std::uint32_t& removed) {
    if (t == kNil) return kNil;
    Key k = key_of(m_nodes[t].span);
    if (k == key) {
        removed = t;
        return merge(m_nodes[t].left, m_nodes[t].right);
    }
    if (key < k)
        m_nodes[t].left = erase_node(m_nodes[t].left, key, removed);
    else
        m_nodes[t].right = erase_node(m_nodes[t].right, key, removed);
    update(t);
    return t;
}

const Span* SpanStore::find(SpanId id) const {
    std::uint32_t n = m_index.find(id);
    return n == DenseIdIndex::kAbsent ? nullptr : &m_nodes[n].span;
}

bool SpanStore::insert(Span span) {
    if (m_index.contains(span.id)) return false;
    Key key = key_of(span);
    SpanId id = span.id;
    std::uint32_t n = allocate(std::move(span));
    std::uint32_t left, right;
    split(m_root, key, left, right);
    m_root = merge(merge(left, n), right);
    m_index.insert(id, n);
    return true;
}

std::optional<Span> SpanStore::erase(SpanId id) {
    std::uint32_t n = m_index.find(id);
    if (n == DenseIdIndex::kAbsent) return std::nullopt;
    std::uint32_t removed = kNil;
    m_root = erase_node(m_root, key_of(m_nodes[n].span), removed);
    Span span = std::move(m_nodes[n].span);
    m_free.push_back(n);
    m_index.erase(id);
    return span;
}

bool SpanStore::replace(Span span) {
    std::uint32_t n = m_index.find(span.id);
    if (n == DenseIdIndex::kAbsent) return false;
    Span& current = m_nodes[n].span;
    if (current.start == span.start && current.end == span.end && current.label == span.label) {
        current = std::move(span); // the key is unchanged: no restructuring
        return true;
    }
    erase(span.id);
    insert(std::move(span));
    return true;
}

void SpanStore::clear() {
    m_nodes.clear();
    m_free.clear();
    m_index.clear();
    m_root = kNil;
}

void SpanStore::assign(std::vector<Span> spans) {
    clear();
    std::sort(spans.begin(), spans.end(),
              [](const Span& a, const Span& b) { return key_of(a) < key_of(b); });
    m_nodes.reserve(spans.size());
    // Cartesian-tree construction over sorted keys: O(n) with a stack of the right spine.
    std::vector<std::uint32_t> spine;
    for (Span& s : spans) {
        SpanId id = s.id;
        if (m_index.contains(id)) continue;
        std::uint32_t n = allocate(std::move(s));
        m_index.insert(id, n);
        std::uint32_t last = kNil;
        while (!spine.empty() && m_nodes[spine.back()].priority < m_nodes[n].priority) {
            last = spine.back();
            spine.pop_back();
        }
        m_nodes[n].left = last;
        if (!spine.empty()) m_nodes[spine.back()].right = n;
        spine.push_back(n);
    }
    m_root = spine.empty() ? kNil : spine.front();
    // max_end bottom-up, in post-order.
    if (m_root == kNil) return;
    std::vector<std::pair<std::uint32_t, bool>> stack{{m_root, false}};
    while (!stack.empty()) {
        auto [t, done] = stack.back();
        stack.pop_back();
        if (done) {
            update(t);
            continue;
        }
        stack.push_back({t, true});
        if (m_nodes[t].left != kNil) stack.push_back({m_nodes[t].left, false});
        if (m_nodes[t].right != kNil) stack.push_back({m_nodes[t].right, false});
    }
}

void SpanStore::collect(std::uint32_t t, std::size_t a, std::size_t b,
                        const std::function<void(const Span&)>& visit) const {
    while (t != kNil) {
        const Node& n = m_nodes[t];
        if (n.max_end <= a) return;
        collect(n.left, a, b, visit);
        if (n.span.start >= b) return;
        if (n.span.end > a) visit(n.span);
        t = n.right; // tail position: loop instead of recursing
    }
}

void SpanStore::for_each_overlapping(std::size_t start_cp, std::size_t end_cp,
                                     const std::function<void(const Span&)>& visit) const {
    if (end_cp <= start_cp) end_cp = start_cp + 1;
    collect(m_root, start_cp, end_cp, visit);
}

std::vector<const Span*> SpanStore::overlapping(std::size_t start_cp, std::size_t end_cp) const {
    std::vector<const Span*> out;
    for_each_overlapping(start_cp, end_cp, [&](const Span& s) { out.push_back(&s); });
    return out;
}

const Span* SpanStore::first_starting_at_or_after(std::size_t cp) const {
    const Span* best = nullptr;
    std::uint32_t t = m_root;
    while (t != kNil) {
        const Node& n = m_nodes[t];
        if (n.span.start >= cp) {
            best = &n.span;
            t = n.left;
        } else {
            t = n.right;
        }
    }
    return best;
}

const Span* SpanStore::last_starting_before(std::size_t cp) const {
    const Span* best = nullptr;
    std::uint32_t t = m_root;
    while (t != kNil) {
        const Node& n = m_nodes[t];
        if (n.span.start < cp) {
            best = &n.span;
            t = n.right;
        } else {
            t = n.left;
        }
    }
    return best;
}

const Span* SpanStore::next(SpanId id) const {
    const Span* s = find(id);
    if (!s) return nullptr;
    Key key = key_of(*s);
    const Span* best = nullptr;
    std::uint32_t t = m_root;
    while (t != kNil) {
        const Node& n = m_nodes[t];
        if (key < key_of(n.span)) {
            best = &n.span;
            t = n.left;
        } else {
            t = n.right;
        }
    }
    return best;
}

const Span* SpanStore::previous(SpanId id) const {
    const Span* s = find(id);
    if (!s) return nullptr;
    Key key = key_of(*s);
    const Span* best = nullptr;
    std::uint32_t t = m_root;
    while (t != kNil) {
        const Node& n = m_nodes[t];
        if (key_of(n.span) < key) {
            best = &n.span;
            t = n.right;
        } else {
            t = n.left;
        }
    }
    return best;
}

const Span* SpanStore::first() const {
    std::uint32_t t = m_root;
    if (t == kNil) return nullptr;
    while (m_nodes[t].left != kNil)
        t = m_nodes[t].left;
    return &m_nodes[t].span;
}

const Span* SpanStore::last() const {
    std::uint32_t t = m_root;
    if (t == kNil) return nullptr;
    while (m_nodes[t].right != kNil)
        t = m_nodes[t].right;
    return &m_nodes[t].span;
}

void SpanStore::for_each(const std::function<void(const Span&)>& visit) const {
    std::vector<std::uint32_t> stack;
    std::uint32_t t = m_root;
    while (t != kNil || !stack.empty()) {
        while (t != kNil) {
            stack.push_back(t);
            t = m_nodes[t].left;
        }
        t = stack.back();
        stack.pop_back();
        visit(m_nodes[t].span);
        t = m_nodes[t].right;
    }
}

std::vector<const Span*> SpanStore::all() const {
    std::vector<const Span*> out;
    out.reserve(size());
    for_each([&](const Span& s) { out.push_back(&s); });
    return out;
}

std::vector<const Span*> SpanStore::with_label(std::string_view label) const {
    std::vector<const Span*> out;
    for_each([&](const Span& s) {
        if (s.label == label) out.push_back(&s);
    });
    return out;
}

SpanId SpanStore::max_id() const {
    return m_index.max_id();
}

std::size_t SpanStore::memory_bytes() const {
    std::size_t bytes = m_nodes.capacity() * sizeof(Node) + m_free.capacity() * 4;
    bytes += m_index.memory_bytes();
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        const Node& n = m_nodes[i];
        if (n.span.label.capacity() > 15) bytes += n.span.label.capacity();
        if (n.span.annotator.capacity() > 15) bytes += n.span.annotator.capacity();
        for (const auto& [k, v] : n.span.attrs)
            bytes += sizeof(k) + sizeof(v) + k.size() + v.size();
    }
    return bytes;
}

} // namespace gloss::core
