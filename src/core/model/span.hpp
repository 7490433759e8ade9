// Span and Relation: what annotators create. Layer: core (std only).
// start/end are code points, end exclusive (Python's text[start:end]).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gloss::core {

using SpanId = std::uint64_t;
using RelationId = std::uint64_t;

enum class Origin : std::uint8_t { Manual, Suggested, Imported };
enum class Status : std::uint8_t { Accepted, Pending, Rejected };

std::string_view to_string(Origin origin);
std::string_view to_string(Status status);
std::optional<Origin> parse_origin(std::string_view text);
std::optional<Status> parse_status(std::string_view text);

// Attribute name -> value, kept sorted by name so output is deterministic. Small: a span has
// a handful of attributes at most, so a sorted vector beats a map in size and speed.
class Attributes {
public:
    using Entry = std::pair<std::string, std::string>;
    const std::string* get(std::string_view name) const;
    void set(std::string name, std::string value);
    bool erase(std::string_view name);
    bool empty() const { return m_entries.empty(); }
    std::size_t size() const { return m_entries.size(); }
    auto begin() const { return m_entries.begin(); }
    auto end() const { return m_entries.end(); }
    bool operator==(const Attributes&) const = default;

private:
    std::vector<Entry> m_entries;
};

// Attributes that record how a span came to be — Assist's "reason", a merge's "review",
// "annotators" and "disagree_on" — not what it says: agreement, merge and review compare
// spans without them.
bool is_bookkeeping_attribute(std::string_view name);

// The number at the end of an id a file gave as a string ("T12" -> 12, "r7" -> 7, "42" -> 42);
// 0 when it has none or it has more than 18 digits. New spans are numbered past it, so that an
// id written as a prefix and a number (brat's "T" + id) never names an existing span.
std::uint64_t trailing_number(std::string_view string_id);

struct Span {
    SpanId id = 0; // 0: let the document assign one
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::string label;
    Attributes attrs;
    Origin origin = Origin::Manual;
    Status status = Status::Accepted;
    std::string annotator;
    std::int64_t created_ms = 0;  // Unix time in milliseconds; 0 = unknown
    std::int64_t modified_ms = 0; // Unix time in milliseconds; 0 = unknown
    // The span's id as its source named it, when that was a string ("T1", "r1", a UUID): kept
    // as given and written back wherever a format holds ids. Empty: `id` is its only id.
    std::string string_id = {};

    bool operator==(const Span&) const = default;
};

struct Relation {
    RelationId id = 0; // 0: let the document assign one
    std::string type;  // e.g. "speaker": QUOTE -> PERSON
    SpanId from = 0;
    SpanId to = 0;
    std::string string_id = {}; // as Span::string_id

    bool operator==(const Relation&) const = default;
};

} // namespace gloss::core
