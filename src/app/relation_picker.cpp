// RelationPicker (relation_picker.hpp). Layer: app.
#include "app/relation_picker.hpp"

#include "app/widgets.hpp"

#include <imgui.h>

namespace gloss::app {

void RelationPicker::start(core::SpanId from, std::vector<core::RelationType> types) {
    cancel();
    m_from = from;
    if (types.size() == 1) {
        m_stage = Stage::Target;
        m_type = types.front().name;
        std::size_t n = candidates().size();
        m_announce(n ? "Pick the " + m_type + ": " + std::to_string(n) +
                           " spans numbered, nearest first; press a number or click one."
                     : "No span that can be the " + m_type + " yet.");
    } else {
        m_stage = Stage::Type;
        m_types = std::move(types);
        std::string list;
        for (std::size_t i = 0; i < m_types.size() && i < 9; ++i)
            list += (i ? ", " : "") + std::to_string(i + 1) + " " + m_types[i].name;
        m_announce("Which relation? " + list + ".");
    }
    m_frames.request();
}

void RelationPicker::cancel() {
    m_stage = Stage::None;
    m_from = 0;
    m_type.clear();
    m_types.clear();
    m_frames.request();
}

std::vector<core::SpanId> RelationPicker::candidates() const {
    if (m_stage != Stage::Target) return {};
    return m_session.relation_candidates(m_from, m_type);
}

void RelationPicker::choose(int number) {
    if (number < 1) return;
    auto index = static_cast<std::size_t>(number - 1);
    if (m_stage == Stage::Type) {
        if (index < m_types.size()) start(m_from, {m_types[index]});
    } else if (m_stage == Stage::Target) {
        std::vector<core::SpanId> targets = candidates();
        if (index < targets.size()) pick(targets[index]);
    }
}

void RelationPicker::clicked(core::SpanId span) {
    if (span && m_stage == Stage::Target && span != m_from) pick(span);
}

void RelationPicker::pick(core::SpanId target) {
    core::SpanId from = m_from;
    std::string type = m_type;
    cancel();
    m_session.select_span(from);
    const core::Document* doc = m_session.document();
    const core::Span* to = doc ? doc->spans().find(target) : nullptr;
    if (!to || !m_session.set_relation(from, target, type)) {
        m_announce("No " + type +
                   " made: the schema does not allow it there, or it is there already.");
        return;
    }
    m_announce(type + " → " + to->label + " “" +
               std::string(doc->text().slice(to->start, to->end)) + "” (Ctrl+Z takes it back)");
}

void RelationPicker::draw() {
    const core::Document* doc = m_session.document();
    if (!doc || m_stage == Stage::None) return;
    ImGui::Separator();
    if (m_stage == Stage::Type) {
        ImGui::TextDisabled("WHICH RELATION?  1-9, Esc cancels");
        for (std::size_t i = 0; i < m_types.size() && i < 9; ++i) {
            const core::RelationType& t = m_types[i];
            std::string item = std::to_string(i + 1) + "  " + t.name;
            if (!t.to_labels.empty()) {
                item += "  →";
                for (std::size_t k = 0; k < t.to_labels.size(); ++k)
                    item += (k ? "|" : " ") + t.to_labels[k];
            }
            if (ImGui::Selectable(item.c_str())) {
                start(m_from, {t});
                break;
            }
            if (!t.description.empty() && ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", t.description.c_str());
        }
        return;
    }
    ImGui::TextDisabled("%s: 1-9 OR CLICK, Esc cancels", m_type.c_str());
    std::vector<core::SpanId> targets = candidates();
    if (targets.empty()) ImGui::TextDisabled("No span it can point at yet.");
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const core::Span* c = doc->spans().find(targets[i]);
        std::string item = std::to_string(i + 1) + "  " +
                           excerpt(doc->text().slice(c->start, c->end), 48) + "  (" + c->label +
                           ")";
        if (ImGui::Selectable(item.c_str())) {
            pick(c->id);
            break;
        }
    }
}

} // namespace gloss::app
