// Inspector: the selected span's label, text and attributes (enumerations, free text with
// autocomplete for canonical names, the speaker of a quote). Layer: app.
#include "app/inspector.hpp"

#include "app/review_view.hpp"
#include "app/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace gloss::app {
namespace {

std::string quoted_excerpt(std::string_view text, std::size_t max_bytes = 60) {
    if (text.size() <= max_bytes) return "“" + std::string(text) + "”";
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return "“" + std::string(text.substr(0, cut)) + "…”";
}

} // namespace

void Inspector::draw_suggestions() {
    core::Document* doc = m_session.document();
    if (!doc) return;
    PendingSuggestions pending = m_session.assist().pending();
    ImGui::Spacing();
    ImGui::TextDisabled("SUGGESTIONS  %zu", pending.size());
    ImGui::Separator();
    if (ImGui::CollapsingHeader("Detectors")) {
        for (std::size_t i = 0; i < core::kDetectorCount; ++i) {
            auto d = static_cast<core::Detector>(i);
            bool on = m_session.assist().settings().on(d);
            std::string label =
                std::string(core::describe(d)) + "##detector" + std::string(core::to_string(d));
            if (ImGui::Checkbox(label.c_str(), &on)) {
                m_session.assist().set_detector(d, on);
                m_frames.request();
            }
        }
        if (!m_session.assist().has_lexicon())
            ImGui::TextDisabled("No English lexicon loaded: glued words are found less well.");
    }
    if (pending.empty()) {
        ImGui::TextDisabled("None waiting.");
        return;
    }
    ImGui::TextDisabled("Tab walks them, Enter accepts, Backspace rejects.");
    std::size_t shown = 0;
    for (const core::Span* s : pending) {
        if (++shown > 200) {
            ImGui::TextDisabled("… %zu more", pending.size() - 200);
            break;
        }
        std::string item = s->label;
        if (const std::string* type = s->attrs.get("type")) item += "/" + *type;
        item += "  " + excerpt(doc->text().slice(s->start, s->end), 48);
        if (const std::string* c = s->attrs.get("correction")) item += " → " + excerpt(*c, 48);
        item += "##suggestion" + std::to_string(s->id);
        if (ImGui::Selectable(item.c_str(), s->id == m_session.selected_span())) {
            m_session.select_span(s->id);
            m_article.scroll_to(s->start);
        }
        if (const std::string* reason = s->attrs.get("reason"); reason && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", reason->c_str());
    }
}

void Inspector::draw(float height) {
    ImGui::BeginChild("Inspector", ImVec2(0, height), false);
    if (m_session.review().active()) draw_review();
    draw_span();
    draw_suggestions();
    ImGui::EndChild();
}

void Inspector::draw_span() {
    ImGui::TextDisabled("INSPECTOR");
    ImGui::Separator();
    core::Document* doc = m_session.document();
    const core::Span* span = doc ? doc->spans().find(m_session.selected_span()) : nullptr;
    if (m_edit_span != m_session.selected_span()) {
        m_edit_buffers.clear();
        m_edit_span = m_session.selected_span();
    }
    if (m_focus_span != m_session.selected_span()) m_focus_span = 0;
    if (!span) {
        if (!m_session.selection().empty() && doc) {
            std::string text(
                doc->text().slice(m_session.selection().start, m_session.selection().end));
            ImGui::TextWrapped("Selected: “%s”", excerpt(text).c_str());
            ImGui::TextDisabled("%zu..%zu · press a label key", m_session.selection().start,
                                m_session.selection().end);
        } else {
            ImGui::TextWrapped(
                "Drag across text (or use Shift+arrows) and press a label key. Click a span "
                "or press Tab to select one. Press ? for every shortcut.");
        }
        return;
    }
    const core::Span current = *span; // edits below may move the span in the store
    const core::Label* label = m_session.schema.find(current.label);
    ImGui::PushStyleColor(ImGuiCol_Text, color_of(label ? label->color : 0x888888FF));
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##label", current.label.c_str())) {
        for (const core::Label& l : m_session.schema.labels())
            if (ImGui::Selectable(l.name.c_str(), l.name == current.label) &&
                l.name != current.label) {
                if (m_session.apply_label(l).ok()) m_frames.request();
            }
        ImGui::EndCombo();
    }
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", excerpt(doc->text().slice(current.start, current.end)).c_str());
    ImGui::TextDisabled("%u..%u · %s · %s", current.start, current.end,
                        std::string(core::to_string(current.origin)).c_str(),
                        std::string(core::to_string(current.status)).c_str());
    if (current.status == core::Status::Pending) {
        if (const std::string* reason = current.attrs.get("reason"))
            ImGui::TextWrapped("Why: %s", reason->c_str());
        if (ImGui::Button("Accept (Enter)") && m_session.assist().accept_selected())
            m_frames.request();
        ImGui::SameLine();
        if (ImGui::Button("Reject (Backspace)") && m_session.assist().reject_selected())
            m_frames.request();
        std::string kind = core::suggestion_kind(current);
        std::size_t same = m_session.assist().pending_of_kind(kind);
        std::string all = "Accept all " + std::to_string(same) + " " + kind + " (Shift+Enter)";
        if (same > 1 && ImGui::Button(all.c_str()) && m_session.assist().accept_all_of_kind(kind))
            m_frames.request();
    }
    ImGui::Separator();
    if (label) {
        for (const core::AttributeDef& def : label->attributes) {
            if (!doc->spans().contains(current.id)) break;
            draw_attribute(*doc->spans().find(current.id), def);
        }
    }
    m_focus_span = 0; // asked for a field this span has not: no other span takes it
    // Attributes the schema does not define (imported data) are shown, read-only.
    for (const auto& [name, value] : current.attrs) {
        if (!label || !label->attribute(name))
            ImGui::TextDisabled("%s: %s", name.c_str(), value.c_str());
    }
    if (const core::Span* now = doc->spans().find(current.id)) draw_relations(*now);
    m_picker.draw();
    ImGui::Spacing();
    if (ImGui::Button("Delete span")) {
        if (m_session.remove_selected()) m_frames.request();
    }
}

void Inspector::draw_attribute(const core::Span& span, const core::AttributeDef& def) {
    ImGui::PushID(def.name.c_str());
    const std::string* value = span.attrs.get(def.name);
    switch (def.type) {
    case core::AttributeType::Enumeration: {
        ImGui::TextUnformatted(def.name.c_str());
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##enum", value ? value->c_str() : "(none)")) {
            if (ImGui::Selectable("(none)", !value) && value) {
                if (m_session.set_attribute(span.id, def.name, "")) m_frames.request();
            }
            for (const std::string& option : def.values)
                if (ImGui::Selectable(option.c_str(), value && *value == option)) {
                    if (m_session.set_attribute(span.id, def.name, option)) m_frames.request();
                }
            ImGui::EndCombo();
        }
        break;
    }
    case core::AttributeType::Text: {
        ImGui::TextUnformatted(def.name.c_str());
        auto [it, inserted] = m_edit_buffers.try_emplace(def.name, value ? *value : std::string());
        std::string& buffer = it->second;
        if (m_focus_span == span.id) {
            activate_text_field(ImGui::GetID("##text"));
            m_focus_span = 0;
        }
        ImGui::SetNextItemWidth(-1);
        bool enter = input_string("##text", buffer, ImGuiInputTextFlags_EnterReturnsTrue);
        bool active = ImGui::IsItemActive();
        // One undo step per finished edit (Enter or leaving the field), not per keystroke.
        if (enter || ImGui::IsItemDeactivatedAfterEdit()) {
            if (m_session.set_attribute(span.id, def.name, buffer)) m_frames.request();
        }
        if (!active && !ImGui::IsItemDeactivated()) buffer = value ? *value : std::string();
        // Canonical names already used in the project, as completions.
        if (def.name == "canonical" && active) {
            std::vector<std::string> names = m_session.canonical_names(span.label, buffer);
            for (std::size_t i = 0; i < names.size() && i < 6; ++i)
                if (names[i] != buffer && ImGui::Selectable(names[i].c_str())) {
                    buffer = names[i];
                    if (m_session.set_attribute(span.id, def.name, buffer)) m_frames.request();
                }
        }
        break;
    }
    case core::AttributeType::SpanReference:
        draw_speaker(span, def);
        break;
    }
    ImGui::PopID();
}

void Inspector::draw_speaker(const core::Span& span, const core::AttributeDef& def) {
    core::Document* doc = m_session.document();
    ImGui::TextUnformatted(def.name.c_str());
    core::SpanId speaker = m_session.target_of(span.id, def.name);
    if (const core::Span* s = speaker ? doc->spans().find(speaker) : nullptr) {
        ImGui::TextWrapped("→ %s “%s”", s->label.c_str(),
                           excerpt(doc->text().slice(s->start, s->end), 60).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("Unlink")) {
            if (m_session.set_relation(span.id, 0, def.name)) m_frames.request();
        }
    } else if (!span.attrs.get(def.name)) {
        ImGui::TextColored(ImVec4(0.85f, 0.45f, 0.0f, 1.0f), "⚠ no %s yet", def.name.c_str());
    }
    bool picking = m_picker.picking_target(span.id, def.name);
    std::string button =
        picking ? "Picking… (1-9 or click)##pick" : "Pick " + def.name + " (S)##pick";
    if (ImGui::Button(button.c_str())) {
        if (picking)
            m_picker.cancel();
        else if (auto type = m_session.schema.relation_type(def.name))
            m_picker.start(span.id, {*type});
    }
    // A speaker who is not in the text: free text, kept as an attribute.
    auto [it, inserted] = m_edit_buffers.try_emplace(
        "speaker_text", span.attrs.get(def.name) ? *span.attrs.get(def.name) : "");
    ImGui::SetNextItemWidth(-1);
    bool enter = input_string("##speaker_text", it->second, ImGuiInputTextFlags_EnterReturnsTrue);
    if (enter || ImGui::IsItemDeactivatedAfterEdit()) {
        if (m_session.set_attribute(span.id, def.name, it->second)) m_frames.request();
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A %s who is not mentioned in the text", def.name.c_str());
}

void Inspector::draw_relations(const core::Span& span) {
    core::Document* doc = m_session.document();
    const core::Label* label = m_session.schema.find(span.label);
    // A span attribute's relation (a quote's speaker) is shown with the attribute.
    auto shown_as_attribute = [&](const core::Relation& r) {
        const core::AttributeDef* def =
            label && r.from == span.id ? label->attribute(r.type) : nullptr;
        return def && def->type == core::AttributeType::SpanReference;
    };
    std::vector<core::Relation> relations;
    for (const core::Relation* r : doc->relations_of(span.id))
        if (!shown_as_attribute(*r)) relations.push_back(*r);
    bool can_start = label && !m_session.schema.relations_from(label->name).empty();
    if (relations.empty() && !can_start) return;
    ImGui::Spacing();
    ImGui::TextDisabled("RELATIONS");
    for (const core::Relation& r : relations) {
        bool outgoing = r.from == span.id;
        const core::Span* other = doc->spans().find(outgoing ? r.to : r.from);
        if (!other) continue;
        ImGui::PushID(static_cast<int>(r.id));
        ImGui::TextWrapped("%s %s %s “%s”", outgoing ? "→" : "←", r.type.c_str(),
                           other->label.c_str(),
                           excerpt(doc->text().slice(other->start, other->end), 48).c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("×") && m_session.remove_relation(r.id)) {
            m_announce("Removed " + r.type + " (Ctrl+Z brings it back)");
            m_frames.request();
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this relation");
        ImGui::PopID();
    }
    if (can_start && ImGui::SmallButton("Add a relation (R)"))
        m_picker.start(span.id, m_session.schema.relations_from(label->name));
}

void Inspector::draw_review() {
    const Session& s = m_session;
    const core::Document* doc = s.document();
    const std::vector<Disagreement>& all = s.review().disagreements();
    std::vector<std::optional<std::size_t>> resolved = s.review().resolutions();
    std::size_t done = 0;
    for (const auto& r : resolved)
        done += r.has_value();
    ImGui::TextDisabled("REVIEW  %zu / %zu resolved", done, all.size());
    ImGui::Separator();
    // The legend: each annotator's colour, as their bars in the article use it.
    const auto& names = s.review().annotators();
    for (std::size_t a = 0; a < names.size(); ++a) {
        ImVec2 p = ImGui::GetCursorScreenPos();
        float h = ImGui::GetTextLineHeight();
        ImGui::GetWindowDrawList()->AddRectFilled(
            ImVec2(p.x, p.y + h * 0.25f), ImVec2(p.x + h, p.y + h * 0.75f), review_color(a), 2.0f);
        ImGui::Dummy(ImVec2(h, h));
        ImGui::SameLine();
        ImGui::TextUnformatted(names[a].c_str());
    }
    ImGui::Spacing();
    if (!doc) return;
    if (all.empty()) {
        ImGui::TextWrapped("The annotators agree on this document.");
    } else {
        std::size_t k = s.review().current();
        const Disagreement& d = all[k];
        ImGui::Text("Disagreement %zu of %zu", k + 1, all.size());
        ImGui::TextDisabled("%zu..%zu", d.start, d.end);
        ImGui::TextWrapped("%s", quoted_excerpt(doc->text().slice(d.start, d.end), 160).c_str());
        for (std::size_t a = 0; a < d.alternatives.size() && a < names.size(); ++a) {
            std::string item = std::to_string(a + 1) + "  " + names[a] + ": ";
            if (d.alternatives[a].empty()) item += "— nothing —";
            for (std::size_t i = 0; i < d.alternatives[a].size(); ++i) {
                const core::Span& span = d.alternatives[a][i];
                item += (i ? ", " : "") + span.label + " " +
                        quoted_excerpt(doc->text().slice(span.start, span.end));
            }
            if (resolved[k] == a) item += "  (accepted)";
            item += "##alternative" + std::to_string(a);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(review_color(a)));
            if (ImGui::Selectable(item.c_str(), resolved[k] == a) &&
                m_session.review().accept_version(a))
                m_frames.request();
            ImGui::PopStyleColor();
        }
        ImGui::TextDisabled("1-%zu accept a version, N / Shift+N next / previous.",
                            std::min<std::size_t>(9, names.size()));
    }
    if (ImGui::Button("Leave review (Esc)")) m_session.review().exit();
    ImGui::Separator();
}

} // namespace gloss::app
