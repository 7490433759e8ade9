// Edit history. Layer: core.
#include "core/edit/history.hpp"

namespace gloss::core {

void History::push(EditGroup group) {
    m_groups.resize(m_position);
    m_groups.push_back(std::move(group));
    m_position = m_groups.size();
}

const EditGroup* History::step_back() {
    if (!can_undo()) return nullptr;
    return &m_groups[--m_position];
}

const EditGroup* History::step_forward() {
    if (!can_redo()) return nullptr;
    return &m_groups[m_position++];
}

bool History::restore(std::vector<EditGroup> groups, std::size_t position) {
    if (position > groups.size()) return false;
    m_groups = std::move(groups);
    m_position = position;
    return true;
}

void History::clear() {
    m_groups.clear();
    m_position = 0;
}

} // namespace gloss::core
