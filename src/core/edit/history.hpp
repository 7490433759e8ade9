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
    // Keeps groups()[0, keep), then appends `tail`: what a journal replays. False (nothing
    // changes) when keep > groups().size() or the new position would be past the end.
    bool rewrite(std::size_t keep, std::vector<EditGroup> tail, std::size_t position);

    // For a journal that stores only what changed: groups()[0, first_changed()) are the same
    // groups they were at the last mark_journaled() (push replaces everything from the position
    // on; restore and clear replace everything). Moving the position changes no group.
    std::size_t first_changed() const { return m_first_changed; }
    // Bookkeeping, not a change: callable on a const history (a journal reads documents const).
    void mark_journaled() const { m_first_changed = m_groups.size(); }

    // The groups and the position (not the journal's mark).
    bool operator==(const History& other) const {
        return m_groups == other.m_groups && m_position == other.m_position;
    }

private:
    std::vector<EditGroup> m_groups;
    std::size_t m_position = 0;
    mutable std::size_t m_first_changed = 0;
};

} // namespace gloss::core
