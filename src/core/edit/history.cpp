// Edit history. Layer: core.
#include "core/edit/history.hpp"

#include <algorithm>

namespace gloss::core {

void History::push(EditGroup group) {
    m_first_changed = std::min(m_first_changed, m_position);
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
    m_first_changed = 0;
    return true;
}

void History::clear() {
    m_groups.clear();
    m_position = 0;
    m_first_changed = 0;
}

bool History::rewrite(std::size_t keep, std::vector<EditGroup> tail, std::size_t position) {
    if (keep > m_groups.size() || position > keep + tail.size()) return false;
    m_first_changed = std::min(m_first_changed, keep);
    m_groups.resize(keep);
    for (EditGroup& g : tail)
        m_groups.push_back(std::move(g));
    m_position = position;
    return true;
}

} // namespace gloss::core
