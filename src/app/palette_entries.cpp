// The command palette's entries (command_palette.hpp) — the command table's commands that
// apply now, and those made from the project — and running the one chosen. Layer: app.
#include "app/app.hpp"
#include "app/commands.hpp"
#include "core/text/display.hpp"

#include <imgui.h>

#include <cctype>

namespace gloss::app {

std::vector<CommandPalette::Entry> App::palette_entries() {
    std::vector<CommandPalette::Entry> out;
    for (const Command& c : commands()) {
        if (!c.run || c.id == "palette" || !applies(c.when, Gate::AsIfKeysFree)) continue;
        out.push_back({std::string(c.name), keys_text(c, m_session.schema),
                       [this, run = c.run] { (this->*run)(); }});
    }
    core::Document* doc = m_session.document();
    if (!doc) return out;
    const core::Span* span = doc->spans().find(m_session.selected_span());
    if (span || !m_session.selection().empty())
        for (const core::Label& label : m_session.schema.labels()) {
            std::string key;
            if (label.hotkey)
                key =
                    std::string(1, static_cast<char>(std::toupper(static_cast<int>(label.hotkey))));
            out.push_back({"Label as " + label.name, key, [this, name = label.name] {
                               if (const core::Label* l = m_session.schema.find(name))
                                   m_session.apply_label(*l);
                           }});
        }
    if (m_search.is_open() && !m_search.found().hits.empty())
        for (const core::Label& label : m_session.schema.labels())
            out.push_back({"Label all matches as " + label.name, "",
                           [this, name = label.name] { m_search.label_all(name); }});
    if (const core::Label* label = span ? m_session.schema.find(span->label) : nullptr)
        for (const core::AttributeDef& def : label->attributes) {
            if (def.type != core::AttributeType::Enumeration) continue;
            for (std::size_t v = 0; v < def.values.size(); ++v)
                out.push_back({def.name + ": " + def.values[v],
                               v < 9 ? std::to_string(v + 1) : std::string(),
                               [this, id = span->id, name = def.name, value = def.values[v]] {
                                   m_session.set_attribute(id, name, value);
                               }});
        }
    // The selected span's relations, to remove.
    if (span)
        for (const core::Relation* r : doc->relations_of(span->id)) {
            const core::Span* other = doc->spans().find(r->from == span->id ? r->to : r->from);
            if (!other) continue;
            out.push_back({"Remove relation " + r->type + (r->from == span->id ? " → " : " ← ") +
                               other->label + " “" +
                               core::visual_line(doc->text().slice(other->start, other->end)) + "”",
                           "", [this, id = r->id, type = r->type] {
                               if (m_session.remove_relation(id))
                                   announce("Removed " + type + " (Ctrl+Z brings it back)");
                           }});
        }
    for (const io::Format& f : io::formats())
        if (f.write)
            out.push_back({"Export as " + std::string(f.name) + " — " + std::string(f.description),
                           "", [this, name = std::string(f.name)] { download_as(name); }});
    for (std::size_t i = 0; i < core::kDetectorCount; ++i) {
        auto d = static_cast<core::Detector>(i);
        bool on = m_session.assist().settings().on(d);
        out.push_back(
            {"Detector: " + std::string(core::describe(d)) + (on ? " — turn off" : " — turn on"),
             "", [this, d, on] { m_session.assist().set_detector(d, !on); }});
    }
    const auto& docs = m_session.documents();
    for (std::size_t i = 0; i < docs.size(); ++i)
        out.push_back(
            {"Go to document " + std::to_string(i + 1) + ": " +
                 core::visual_line(docs[i].meta.title.empty() ? docs[i].id : docs[i].meta.title),
             "", [this, i] { m_session.open(i); }});
    return out;
}

void App::open_palette(const std::string& query) {
    m_palette.open(query);
    m_frames.request();
}

void App::draw_command_palette() {
    if (!m_palette.is_open() && !ImGui::IsPopupOpen("Commands")) return;
    std::optional<CommandPalette::Entry> chosen = m_palette.draw(
        m_palette.is_open() ? palette_entries() : std::vector<CommandPalette::Entry>{}, m_scale);
    if (!chosen) return;
    std::uint64_t before = m_announcements;
    chosen->run();
    if (m_announcements == before) announce(chosen->text); // it said nothing itself
    m_frames.request();
}

} // namespace gloss::app
