// Span helpers. Layer: core.
#include "core/model/span.hpp"

#include <algorithm>

namespace gloss::core {

bool is_bookkeeping_attribute(std::string_view name) {
    return name == "review" || name == "annotators" || name == "reason" || name == "disagree_on";
}

std::uint64_t trailing_number(std::string_view string_id) {
    std::size_t digits = 0;
    while (digits < string_id.size() && string_id[string_id.size() - 1 - digits] >= '0' &&
           string_id[string_id.size() - 1 - digits] <= '9')
        ++digits;
    if (digits == 0 || digits > 18) return 0;
    std::uint64_t n = 0;
    for (char c : string_id.substr(string_id.size() - digits))
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    return n;
}

std::string_view to_string(Origin origin) {
    switch (origin) {
    case Origin::Manual:
        return "manual";
    case Origin::Suggested:
        return "suggested";
    case Origin::Imported:
        return "imported";
    }
    return "manual";
}

std::string_view to_string(Status status) {
    switch (status) {
    case Status::Accepted:
        return "accepted";
    case Status::Pending:
        return "pending";
    case Status::Rejected:
        return "rejected";
    }
    return "accepted";
}

std::optional<Origin> parse_origin(std::string_view text) {
    if (text == "manual") return Origin::Manual;
    if (text == "suggested") return Origin::Suggested;
    if (text == "imported") return Origin::Imported;
    return std::nullopt;
}

std::optional<Status> parse_status(std::string_view text) {
    if (text == "accepted") return Status::Accepted;
    if (text == "pending") return Status::Pending;
    if (text == "rejected") return Status::Rejected;
    return std::nullopt;
}

const std::string* Attributes::get(std::string_view name) const {
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), name,
                               [](const Entry& e, std::string_view n) { return e.first < n; });
    return it != m_entries.end() && it->first == name ? &it->second : nullptr;
}

void Attributes::set(std::string name, std::string value) {
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), name,
                               [](const Entry& e, std::string_view n) { return e.first < n; });
    if (it != m_entries.end() && it->first == name)
        it->second = std::move(value);
    else
        m_entries.insert(it, {std::move(name), std::move(value)});
}

bool Attributes::erase(std::string_view name) {
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), name,
                               [](const Entry& e, std::string_view n) { return e.first < n; });
    if (it == m_entries.end() || it->first != name) return false;
    m_entries.erase(it);
    return true;
}

} // namespace gloss::core
