// SchemaEditor (schema_editor.hpp). Layer: app.
#include "app/schema_editor.hpp"

#include "app/commands.hpp"
#include "app/file_opener.hpp" // labels_for
#include "app/theme.hpp"
#include "app/widgets.hpp"
#include "io/record_reader.hpp"
#include "io/schema_io.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace gloss::app {
namespace {

std::string trimmed(std::string_view text) {
    std::size_t a = text.find_first_not_of(" \t");
    if (a == std::string_view::npos) return {};
    std::size_t b = text.find_last_not_of(" \t");
    return std::string(text.substr(a, b - a + 1));
}

std::vector<std::string> split(std::string_view text, char by) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t next = text.find(by, pos);
        if (next == std::string_view::npos) next = text.size();
        if (std::string part = trimmed(text.substr(pos, next - pos)); !part.empty())
            out.push_back(std::move(part));
        pos = next + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, const char* by) {
    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : by) + p;
    return out;
}

std::string attributes_spec(const core::Label& label) {
    std::vector<std::string> parts;
    for (const core::AttributeDef& a : label.attributes) {
        switch (a.type) {
        case core::AttributeType::Enumeration:
            parts.push_back(a.name + ":enum(" + join(a.values, "|") + ")");
            break;
        case core::AttributeType::SpanReference:
            parts.push_back(a.name + ":span(" + join(a.target_labels, "|") + ")");
            break;
        case core::AttributeType::Text:
            parts.push_back(a.name + ":text");
            break;
        }
    }
    return join(parts, "; ");
}

std::optional<std::vector<core::AttributeDef>>
parse_attributes_spec(std::string_view spec, const std::vector<core::AttributeDef>& before,
                      std::string& error) {
    std::vector<core::AttributeDef> out;
    for (const std::string& part : split(spec, ';')) {
        std::size_t colon = part.find(':');
        core::AttributeDef def;
        def.name = trimmed(part.substr(0, colon));
        std::string type = colon == std::string::npos ? "text" : trimmed(part.substr(colon + 1));
        if (def.name.empty()) {
            error = "\"" + part + "\": an attribute needs a name before the colon";
            return std::nullopt;
        }
        auto list = [&](std::string_view prefix, std::vector<std::string>& into) {
            if (type.rfind(prefix, 0) != 0 || type.back() != ')') return false;
            into = split(
                std::string_view(type).substr(prefix.size(), type.size() - prefix.size() - 1), '|');
            return true;
        };
        if (type == "text") {
            def.type = core::AttributeType::Text;
        } else if (list("enum(", def.values)) {
            def.type = core::AttributeType::Enumeration;
            if (def.values.empty()) {
                error = def.name + ": enum needs values, as in enum(a|b)";
                return std::nullopt;
            }
        } else if (list("span(", def.target_labels)) {
            def.type = core::AttributeType::SpanReference;
        } else {
            error =
                def.name + ": the type is text, enum(a|b|…) or span(LABEL|…), not \"" + type + "\"";
            return std::nullopt;
        }
        for (const core::AttributeDef& old : before)
            if (old.name == def.name) def.description = old.description;
        if (std::any_of(out.begin(), out.end(),
                        [&](const core::AttributeDef& a) { return a.name == def.name; })) {
            error = def.name + ": named twice";
            return std::nullopt;
        }
        out.push_back(std::move(def));
    }
    return out;
}

// "located_in: PERSON|ORG -> GPE|LOC; same_as" (no labels on a side: any label).
std::string relations_spec(const core::LabelSchema& schema) {
    std::vector<std::string> parts;
    for (const core::RelationType& t : schema.declared_relations()) {
        std::string part = t.name;
        if (!t.from_labels.empty() || !t.to_labels.empty())
            part += ": " + join(t.from_labels, "|") + " -> " + join(t.to_labels, "|");
        parts.push_back(part);
    }
    return join(parts, "; ");
}

std::optional<std::vector<core::RelationType>>
parse_relations_spec(std::string_view spec, const core::LabelSchema& schema, std::string& error) {
    std::vector<core::RelationType> out;
    for (const std::string& part : split(spec, ';')) {
        std::size_t colon = part.find(':');
        core::RelationType type;
        type.name = trimmed(part.substr(0, colon));
        if (type.name.empty()) {
            error = "\"" + part + "\": a relation needs a name";
            return std::nullopt;
        }
        if (colon != std::string::npos) {
            std::string ends = part.substr(colon + 1);
            std::size_t arrow = ends.find("->");
            if (arrow == std::string::npos) {
                error = type.name + ": write its ends as FROM|… -> TO|…";
                return std::nullopt;
            }
            type.from_labels = split(ends.substr(0, arrow), '|');
            type.to_labels = split(ends.substr(arrow + 2), '|');
        }
        for (const auto* side : {&type.from_labels, &type.to_labels})
            for (const std::string& l : *side)
                if (!schema.find(l)) {
                    error = type.name + ": there is no label " + l;
                    return std::nullopt;
                }
        for (const core::RelationType& old : schema.declared_relations())
            if (old.name == type.name) type.description = old.description;
        out.push_back(std::move(type));
    }
    return out;
}

} // namespace

void SchemaEditor::apply_relations() {
    m_frames.request();
    if (m_session.read_only()) {
        m_message = "This project is read-only.";
        return;
    }
    std::string error;
    auto types = parse_relations_spec(m_relations_buf, m_session.schema, error);
    core::LabelSchema schema = m_session.schema;
    if (types && !schema.set_relations(*types, error)) types.reset();
    if (!types) {
        m_message = "Relations: " + error + ".";
        return;
    }
    m_session.set_schema(std::move(schema));
    copy_to(m_relations_buf, relations_spec(m_session.schema));
    m_message.clear();
}

std::string SchemaEditor::hotkey_problem(const std::string& label, std::string_view key) const {
    if (key.empty()) return {};
    if (key.size() != 1 || !std::isalpha(static_cast<unsigned char>(key[0])))
        return "a key is one letter, A to Z";
    char32_t letter = static_cast<char32_t>(std::tolower(static_cast<unsigned char>(key[0])));
    if (std::string why = hotkey_refusal(letter); !why.empty()) return why;
    if (const core::Label* other = m_session.schema.find_by_hotkey(letter);
        other && other->name != label)
        return std::string(1, static_cast<char>(std::toupper(static_cast<int>(letter)))) + " is " +
               other->name + "'s";
    return {};
}

void SchemaEditor::set_open(bool open) {
    m_open = open;
    copy_to(m_relations_buf, relations_spec(m_session.schema));
    m_rows.clear();
    m_message.clear();
    m_label_to_remove.clear();
    m_new_label[0] = '\0';
    m_focus_new = open;
    m_frames.request();
}

void SchemaEditor::draw(float scale) {
    if (!m_open) return;
    const std::vector<core::Label>& labels = m_session.schema.labels();
    bool stale = m_rows.size() != labels.size();
    for (std::size_t i = 0; !stale && i < labels.size(); ++i)
        stale = m_rows[i].name != labels[i].name;
    if (stale) {
        m_rows.clear();
        for (const core::Label& l : labels) {
            LabelRow row;
            row.name = l.name;
            copy_to(row.name_buf, l.name);
            std::string key =
                l.hotkey
                    ? std::string(1, static_cast<char>(std::toupper(static_cast<int>(l.hotkey))))
                    : std::string();
            copy_to(row.key_buf, key);
            copy_to(row.color_buf, core::format_color(l.color));
            copy_to(row.kind_buf, core::to_string(l.kind));
            copy_to(row.attrs_buf, attributes_spec(l));
            m_rows.push_back(row);
        }
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x - 40 * scale, 860 * scale),
                                    std::min(viewport->WorkSize.y - 40 * scale, 560 * scale)),
                             ImGuiCond_Appearing);
    if (!ImGui::Begin("Labels", &m_open, ImGuiWindowFlags_NoCollapse)) {
        ImGui::End();
        return;
    }
    bool typing = ImGui::GetIO().WantTextInput;
    if (!typing && ImGui::IsKeyPressed(ImGuiKey_Escape, false)) m_open = false;
    ImGui::TextWrapped("Tab walks the fields, Enter applies one. Attributes: name:text; "
                       "name:enum(a|b); name:span(PERSON|ORG). Relations: name: FROM|… -> TO|…; "
                       "…. Ctrl+Delete twice removes a label. "
                       "Renaming or removing a label changes its spans in every document; Ctrl+Z "
                       "takes back one document's change, and the label stays as it is here.");
    if (m_session.read_only()) ImGui::TextDisabled("This project is read-only.");
    if (!m_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, current_theme().error);
        ImGui::TextWrapped("%s", m_message.c_str());
        ImGui::PopStyleColor();
    }
    // Changes are applied after the table, so the rows stay as they were drawn.
    std::optional<std::size_t> changed_row, remove_row;
    std::string change;
    const float unit = ImGui::GetFontSize();
    if (ImGui::BeginTable("labels", 7, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("");
        ImGui::TableSetupColumn("Name", 0, 9 * unit);
        ImGui::TableSetupColumn("Key", 0, 2.5f * unit);
        ImGui::TableSetupColumn("Colour", 0, 5 * unit);
        ImGui::TableSetupColumn("Kind", 0, 4.5f * unit);
        ImGui::TableSetupColumn("Attributes", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("");
        ImGui::TableHeadersRow();
        const ImGuiInputTextFlags flags =
            ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll;
        for (std::size_t i = 0; i < m_rows.size() && i < labels.size(); ++i) {
            LabelRow& row = m_rows[i];
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::ColorButton("##swatch", color_of(labels[i].color), ImGuiColorEditFlags_NoTooltip,
                               ImVec2(unit, unit));
            bool row_active = false;
            auto field = [&](const char* id, char* buffer, std::size_t size, const char* what) {
                ImGui::TableNextColumn();
                ImGui::SetNextItemWidth(-1);
                // Enter applied the field: it keeps the focus, so Tab goes on to the next one.
                if (m_refocus && m_refocus->first == i && m_refocus->second == what) {
                    ImGui::SetKeyboardFocusHere();
                    m_refocus.reset();
                }
                bool enter = ImGui::InputText(id, buffer, size, flags);
                row_active = row_active || ImGui::IsItemActive();
                if (enter || ImGui::IsItemDeactivatedAfterEdit()) {
                    changed_row = i;
                    change = what;
                }
                if (enter) m_refocus = std::pair{i, std::string(what)};
            };
            field("##name", row.name_buf, sizeof row.name_buf, "name");
            field("##key", row.key_buf, sizeof row.key_buf, "key");
            field("##color", row.color_buf, sizeof row.color_buf, "color");
            field("##kind", row.kind_buf, sizeof row.kind_buf, "kind");
            field("##attrs", row.attrs_buf, sizeof row.attrs_buf, "attributes");
            ImGui::TableNextColumn();
            bool confirm = m_label_to_remove == row.name;
            if (ImGui::SmallButton(confirm ? "Remove, sure?" : "Remove") ||
                (row_active && ImGui::GetIO().KeyCtrl &&
                 ImGui::IsKeyPressed(ImGuiKey_Delete, false))) {
                if (confirm) {
                    remove_row = i;
                } else {
                    m_label_to_remove = row.name;
                    std::size_t uses = m_session.label_uses(row.name);
                    m_message = "Remove " + row.name +
                                (uses ? " and its " + std::to_string(uses) + " span(s)" : "") +
                                "? Press Ctrl+Delete (or Remove) again to confirm.";
                }
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // The relation types a span may start, beside a quote's speaker (an attribute above).
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Relations");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (m_relations_refocus) { // Enter applied it: the field keeps the keys
        ImGui::SetKeyboardFocusHere();
        m_relations_refocus = false;
    }
    bool relations_enter = ImGui::InputTextWithHint(
        "##relations", "located_in: PERSON|ORG -> GPE|LOC; same_as", m_relations_buf,
        sizeof m_relations_buf, ImGuiInputTextFlags_EnterReturnsTrue);
    bool relations_changed = relations_enter || ImGui::IsItemDeactivatedAfterEdit();
    if (relations_enter) m_relations_refocus = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("name: FROM|… -> TO|… (a side left empty: any label); R then a number "
                          "makes one in the article");
    ImGui::Spacing();
    ImGui::SetNextItemWidth(14 * unit);
    if (m_focus_new) { // opened: the keys go to the window, starting with a new label
        ImGui::SetKeyboardFocusHere();
        m_focus_new = false;
    }
    bool add = ImGui::InputTextWithHint("##new", "New label, then Enter", m_new_label,
                                        sizeof m_new_label, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    add = ImGui::Button("Add label") || add;
    ImGui::SameLine();
    if (ImGui::Button("Download schema JSON"))
        m_host.download("gloss-schema.json", "application/json",
                        io::write_schema(m_session.schema));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The schema as the CLI reads it (--schema); open it with Open… to use it");
    ImGui::End();

    if (changed_row) apply_row(*changed_row, change);
    if (remove_row) {
        std::string name = m_rows[*remove_row].name;
        m_message.clear();
        m_label_to_remove.clear();
        if (!m_session.remove_label(name)) m_message = "Could not remove " + name + ".";
        m_rows.clear();
    }
    if (add) add_label(trimmed(m_new_label));
    if (relations_changed) apply_relations();
}

void SchemaEditor::add_label(const std::string& name) {
    m_frames.request();
    if (name.empty()) return;
    if (m_session.read_only()) {
        m_message = "This project is read-only.";
        return;
    }
    if (m_session.schema.find(name)) {
        m_message = name + " is a label already.";
        return;
    }
    core::Label label;
    label.name = name;
    label.color = 0;
    label.kind = io::kind_of(nullptr, name);
    std::vector<core::Label> added = labels_for(m_session.schema, {label});
    core::LabelSchema schema = m_session.schema;
    schema.add(std::move(added[0]));
    m_session.set_schema(std::move(schema));
    m_message.clear();
    m_new_label[0] = '\0';
}

void SchemaEditor::apply_row(std::size_t index, const std::string& what) {
    m_frames.request();
    const std::vector<core::Label>& labels = m_session.schema.labels();
    if (index >= labels.size() || index >= m_rows.size()) return;
    LabelRow& row = m_rows[index];
    core::Label label = labels[index];
    m_message.clear();
    m_label_to_remove.clear();
    if (m_session.read_only()) {
        m_message = "This project is read-only.";
        m_rows.clear();
        return;
    }
    if (what == "name") {
        std::string to = trimmed(row.name_buf);
        if (to == label.name) return;
        if (to.empty() || m_session.schema.find(to)) {
            m_message = to.empty() ? "A label needs a name." : to + " is a label already.";
            copy_to(row.name_buf, label.name);
            return;
        }
        m_session.rename_label(label.name, to);
        return;
    }
    if (what == "key") {
        std::string key = trimmed(row.key_buf);
        if (std::string problem = hotkey_problem(label.name, key); !problem.empty()) {
            m_message = "Key " + key + " for " + label.name + ": " + problem + ".";
            copy_to(row.key_buf, label.hotkey ? std::string(1, static_cast<char>(std::toupper(
                                                                   static_cast<int>(label.hotkey))))
                                              : std::string());
            return;
        }
        label.hotkey =
            key.empty() ? 0
                        : static_cast<char32_t>(std::tolower(static_cast<unsigned char>(key[0])));
        copy_to(row.key_buf, key.empty()
                                 ? std::string()
                                 : std::string(1, static_cast<char>(std::toupper(
                                                      static_cast<unsigned char>(key[0])))));
    } else if (what == "color") {
        auto color = core::parse_color(trimmed(row.color_buf));
        if (!color) {
            m_message = "Colour for " + label.name + ": write it as #rrggbb.";
            copy_to(row.color_buf, core::format_color(label.color));
            return;
        }
        label.color = *color;
    } else if (what == "kind") {
        std::string kind = trimmed(row.kind_buf);
        if (kind == "entity")
            label.kind = core::LabelKind::Entity;
        else if (kind == "quote")
            label.kind = core::LabelKind::Quote;
        else if (kind == "error")
            label.kind = core::LabelKind::Error;
        else {
            m_message = "Kind for " + label.name + ": entity, quote or error.";
            copy_to(row.kind_buf, core::to_string(label.kind));
            return;
        }
    } else if (what == "attributes") {
        std::string error;
        auto attributes = parse_attributes_spec(row.attrs_buf, label.attributes, error);
        if (!attributes) {
            m_message = "Attributes of " + label.name + ": " + error + ".";
            return;
        }
        label.attributes = std::move(*attributes);
        copy_to(row.attrs_buf, attributes_spec(label));
    }
    core::LabelSchema schema = m_session.schema;
    std::string name = label.name;
    schema.replace(name, std::move(label));
    m_session.set_schema(std::move(schema));
}

} // namespace gloss::app
