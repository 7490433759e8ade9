// DocumentTally: what the interface lists and counts about one document — its pending
// suggestions in text order and per kind, its labelled names and their fingerprint, its quotes
// without a speaker — kept up to date change by change as the document's observer, so that no
// frame walks every span of an article with 100,000 of them. Layer: app (no ImGui).
#pragma once

#include "core/model/document.hpp"
#include "core/model/label_schema.hpp"

#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

namespace gloss::app {

// A span's place in text order, as the span store orders spans.
struct SpanKey {
    std::uint32_t start = 0, end = 0;
    core::SpanId id = 0;
    auto operator<=>(const SpanKey&) const = default;
    static SpanKey of(const core::Span& s) { return {s.start, s.end, s.id}; }
};

// What a tally reads from the schema: the labels that are not names (quote and error kinds)
// and, per label, the relation each of its spans wants (its span attribute: a quote's speaker).
struct TallySchema {
    std::set<std::string, std::less<>> not_names;
    std::unordered_map<std::string, std::string> wanted_relation; // label -> relation type

    static TallySchema of(const core::LabelSchema& schema);
    bool operator==(const TallySchema&) const = default;
};

class DocumentTally final : public core::DocumentObserver {
public:
    DocumentTally() = default;
    DocumentTally(const DocumentTally&) = delete;
    DocumentTally& operator=(const DocumentTally&) = delete;
    ~DocumentTally() = default;

    // Observes `document`, counting it from scratch unless this tally observes it already with
    // the same schema. The document must not outlive the tally while observed (the session owns
    // both).
    void attach(const core::Document& document, const TallySchema& schema);
    bool attached_to(const core::Document& document) const { return document.observer() == this; }

    // Pending suggestions, in (start, end, id) order.
    const std::set<SpanKey>& pending() const { return m_pending; }
    // How many of them are of a kind (core::suggestion_kind: "PERSON", "ERROR/misspelling").
    std::size_t pending_of_kind(const std::string& kind) const;
    // Accepted spans whose text the detectors learn as names (any label not of the quote or
    // error kind), in text order, and a fingerprint of them: where, what text, label and
    // canonical name.
    const std::set<SpanKey>& names() const { return m_names; }
    std::uint64_t names_fingerprint() const { return m_names_hash; }
    // Spans of `label` not rejected that have neither the attribute nor the relation their
    // label wants (TallySchema::wanted_relation; the queue counts quotes without a speaker).
    std::size_t without_wanted_relation(const std::string& label) const;

    // core::DocumentObserver
    void span_added(const core::Document& document, const core::Span& span) override;
    void span_removed(const core::Document& document, const core::Span& span) override;
    void relation_added(const core::Document& document, const core::Relation& relation) override;
    void relation_removed(const core::Document& document, const core::Relation& relation) override;
    void reloaded(const core::Document& document) override;

private:
    void count(const core::Document& document, const core::Span& span, int sign);
    bool is_name(const core::Span& s) const;
    // The relation type `s` wants and lacks as an attribute; nullptr when it wants none.
    const std::string* wanted_relation(const core::Span& s) const;

    TallySchema m_schema;

    std::set<SpanKey> m_pending;
    std::unordered_map<std::string, std::size_t> m_pending_kinds;
    std::set<SpanKey> m_names;
    std::uint64_t m_names_hash = 0; // a sum of one hash per span: order-free, removable
    std::unordered_map<std::string, std::size_t> m_without_wanted;  // label -> spans
    std::unordered_map<core::SpanId, std::uint32_t> m_wanted_count; // span -> those relations
};

// The pending suggestions of a document as spans in text order: a view over its tally, valid
// until the next change of the document.
class PendingSuggestions {
public:
    class iterator {
    public:
        using iterator_category = std::bidirectional_iterator_tag;
        using value_type = const core::Span*;
        using difference_type = std::ptrdiff_t;
        using pointer = const value_type*;
        using reference = value_type;
        iterator() = default;
        iterator(std::set<SpanKey>::const_iterator it, const core::SpanStore* spans)
            : m_it(it), m_spans(spans) {}
        const core::Span* operator*() const { return m_spans->find(m_it->id); }
        iterator& operator++() {
            ++m_it;
            return *this;
        }
        iterator operator++(int) {
            iterator old = *this;
            ++m_it;
            return old;
        }
        iterator& operator--() {
            --m_it;
            return *this;
        }
        iterator operator--(int) {
            iterator old = *this;
            --m_it;
            return old;
        }
        bool operator==(const iterator& other) const { return m_it == other.m_it; }

    private:
        std::set<SpanKey>::const_iterator m_it;
        const core::SpanStore* m_spans = nullptr;
    };

    PendingSuggestions() = default;
    PendingSuggestions(const std::set<SpanKey>* keys, const core::SpanStore* spans)
        : m_keys(keys), m_spans(spans) {}
    std::size_t size() const { return m_keys ? m_keys->size() : 0; }
    bool empty() const { return size() == 0; }
    iterator begin() const { return m_keys ? iterator(m_keys->begin(), m_spans) : iterator(); }
    iterator end() const { return m_keys ? iterator(m_keys->end(), m_spans) : iterator(); }
    const core::Span* front() const { return *begin(); }
    const core::Span* back() const { return *std::prev(end()); }

private:
    const std::set<SpanKey>* m_keys = nullptr;
    const core::SpanStore* m_spans = nullptr;
};

} // namespace gloss::app
