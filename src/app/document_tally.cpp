// DocumentTally: counts kept change by change. Layer: app.
#include "app/document_tally.hpp"

#include "core/detect/assist.hpp"

#include <algorithm>

namespace gloss::app {
namespace {

// One name span as 64 well-mixed bits: its range, text, label and canonical name.
std::uint64_t name_hash(const core::Document& document, const core::Span& s) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](std::string_view bytes) {
        for (unsigned char c : bytes)
            h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0xFF) * 1099511628211ull;
    };
    mix(std::to_string(s.start) + ":" + std::to_string(s.end));
    mix(document.text().slice(s.start, s.end));
    mix(s.label);
    if (const std::string* c = s.attrs.get("canonical")) mix(*c);
    // splitmix64's finaliser: sums of these stay far apart for different sets of spans.
    h ^= h >> 30;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 27;
    h *= 0x94D049BB133111EBull;
    return h ^ (h >> 31);
}

void adjust(std::unordered_map<std::string, std::size_t>& counts, const std::string& key,
            int sign) {
    if (sign > 0) {
        ++counts[key];
        return;
    }
    auto it = counts.find(key);
    if (it == counts.end()) return;
    if (--it->second == 0) counts.erase(it);
}

} // namespace

TallySchema TallySchema::of(const core::LabelSchema& schema) {
    TallySchema out;
    for (const core::Label& label : schema.labels()) {
        if (label.kind != core::LabelKind::Entity) out.not_names.insert(label.name);
        if (const core::AttributeDef* a = label.span_reference())
            out.wanted_relation.emplace(label.name, a->name);
    }
    return out;
}

void DocumentTally::attach(const core::Document& document, const TallySchema& schema) {
    if (attached_to(document) && schema == m_schema) return;
    m_schema = schema;
    document.set_observer(this);
    reloaded(document);
}

bool DocumentTally::is_name(const core::Span& s) const {
    return s.status == core::Status::Accepted && !m_schema.not_names.count(s.label);
}

const std::string* DocumentTally::wanted_relation(const core::Span& s) const {
    if (s.status == core::Status::Rejected) return nullptr;
    auto it = m_schema.wanted_relation.find(s.label);
    if (it == m_schema.wanted_relation.end() || s.attrs.get(it->second)) return nullptr;
    return &it->second;
}

std::size_t DocumentTally::pending_of_kind(const std::string& kind) const {
    auto it = m_pending_kinds.find(kind);
    return it == m_pending_kinds.end() ? 0 : it->second;
}

std::size_t DocumentTally::without_wanted_relation(const std::string& label) const {
    auto it = m_without_wanted.find(label);
    return it == m_without_wanted.end() ? 0 : it->second;
}

void DocumentTally::count(const core::Document& document, const core::Span& s, int sign) {
    SpanKey key = SpanKey::of(s);
    if (s.status == core::Status::Pending) {
        if (sign > 0)
            m_pending.insert(key);
        else
            m_pending.erase(key);
        adjust(m_pending_kinds, core::suggestion_kind(s), sign);
    }
    if (is_name(s)) {
        std::uint64_t h = name_hash(document, s);
        if (sign > 0) {
            m_names.insert(key);
            m_names_hash += h;
        } else {
            m_names.erase(key);
            m_names_hash -= h;
        }
    }
    if (wanted_relation(s) && !m_wanted_count.count(s.id)) adjust(m_without_wanted, s.label, sign);
}

void DocumentTally::span_added(const core::Document& document, const core::Span& span) {
    count(document, span, +1);
}

void DocumentTally::span_removed(const core::Document& document, const core::Span& span) {
    count(document, span, -1);
}

void DocumentTally::relation_added(const core::Document& document, const core::Relation& relation) {
    const core::Span* s = document.spans().find(relation.from);
    auto wanted = s ? m_schema.wanted_relation.find(s->label) : m_schema.wanted_relation.end();
    if (wanted == m_schema.wanted_relation.end() || wanted->second != relation.type) return;
    if (m_wanted_count[relation.from]++ != 0) return;
    // The quote has its speaker now.
    if (wanted_relation(*s)) adjust(m_without_wanted, s->label, -1);
}

void DocumentTally::relation_removed(const core::Document& document,
                                     const core::Relation& relation) {
    // Counted when it was added: a relation of a type some label wants (the span may be gone,
    // or have another label, by now).
    auto it = m_wanted_count.find(relation.from);
    if (it == m_wanted_count.end() ||
        std::none_of(m_schema.wanted_relation.begin(), m_schema.wanted_relation.end(),
                     [&](const auto& w) { return w.second == relation.type; }))
        return;
    if (--it->second != 0) return;
    m_wanted_count.erase(it);
    // Without a speaker again (unless the quote itself is gone: then it was removed first).
    const core::Span* s = document.spans().find(relation.from);
    if (const std::string* wanted = s ? wanted_relation(*s) : nullptr;
        wanted && *wanted == relation.type)
        adjust(m_without_wanted, s->label, +1);
}

void DocumentTally::reloaded(const core::Document& document) {
    m_pending.clear();
    m_pending_kinds.clear();
    m_names.clear();
    m_names_hash = 0;
    m_without_wanted.clear();
    m_wanted_count.clear();
    document.spans().for_each([&](const core::Span& s) { span_added(document, s); });
    for (const auto& [id, relation] : document.relations())
        relation_added(document, relation);
}

} // namespace gloss::app
