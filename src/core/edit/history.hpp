// Edit history: every change to a document is an Edit; edits are grouped into undo steps.
// Layer: core (std only). Plain data, so io can save the history and its position exactly.
#pragma once

#include "core/model/span.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gloss::core {

// One reversible change. `before`/`after` hold the span as it was and became (nothing for
// the side that does not exist); relation edits carry the relation.
struct Edit {
    enum class Kind : std::uint8_t { AddSpan, RemoveSpan, UpdateSpan, AddRelation, RemoveRelation };
    Kind kind = Kind::AddSpan;
    std::optional<Span> before;
    std::optional<Span> after;
    std::optional<Relation> relation;

    bool operator==(const Edit&) const = default;
};

// One undo step: a named list of edits applied in order and reverted in reverse order.
struct EditGroup {
    std::string name; // what the user did: "label PERSON", "accept 20 suggestions"
    std::vector<Edit> edits;

    bool operator==(const EditGroup&) const = default;
};

class History {
public:
    const std::vector<EditGroup>& groups() const { return m_groups; }
    // Number of groups applied: groups()[0, position) are done, the rest can be redone.
    std::size_t position() const { return m_position; }
    bool can_undo() const { return m_position > 0; }
    bool can_redo() const { return m_position < m_groups.size(); }

    // Records a new group after the current position, dropping what could be redone.
    void push(EditGroup group);
    // Moves the position; returns the group to revert or re-apply (nullptr when impossible).
    const EditGroup* step_back();
    const EditGroup* step_forward();

    // Restores a saved history; false when position > groups.size() (nothing changes).
    bool restore(std::vector<EditGroup> groups, std::size_t position);
    void clear();

    bool operator==(const History&) const = default;

private:
    std::vector<EditGroup> m_groups;
    std::size_t m_position = 0;
};

} // namespace gloss::core
