// Command palette (Ctrl+K): type to find any command of the table (commands.hpp), and the
// commands made from the project (label as…, label all matches as…, export as…, a detector, a
// value of the selected span, a document), and run it with Enter. Layer: app.
#include "app/app.hpp"
#include "app/commands.hpp"
#include "app/widgets.hpp"
#include "core/text/case_fold.hpp"
#include "core/text/display.hpp"

#include <imgui.h>

#include <algorithm>

namespace gloss::app {
namespace {

// Every word of `query` is in `text`, case folded.
bool matches_query(const std::string& text, const std::string& query) {
    std::string hay = core::fold_case(text);
    std::string folded = core::fold_case(query);
    std::size_t i = 0;
    while (i < folded.size()) {
        while (i < folded.size() && folded[i] == ' ')
            ++i;
        std::size_t j = folded.find(' ', i);
        if (j == std::string::npos) j = folded.size();
        if (j > i && hay.find(folded.substr(i, j - i)) == std::string::npos) return false;
        i = j;
    }
    return true;
}

} // namespace

void App::open_palette(std::string query) {
    m_palette_open = true;
    m_palette_focus = true;
    m_palette_choice = 0;
    copy_to(m_palette_query, query);
    m_frames.request();
}

std::vector<App::PaletteEntry> App::palette_entries() {
    std::vector<PaletteEntry> out;
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
    if (m_search.open && !m_search.found.hits.empty())
        for (const core::Label& label : m_session.schema.labels())
            out.push_back({"Label all matches as " + label.name, "",
                           [this, name = label.name] { label_all_matches(name); }});
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
        bool on = m_session.assist_settings().on(d);
        out.push_back(
            {"Detector: " + std::string(core::describe(d)) + (on ? " — turn off" : " — turn on"),
             "", [this, d, on] { m_session.set_detector(d, !on); }});
    }
    const auto& docs = m_session.documents();
    for (std::size_t i = 0; i < docs.size(); ++i)
        out.push_back(
            {"Go to document " + std::to_string(i + 1) + ": " +
                 core::visual_line(docs[i].meta.title.empty() ? docs[i].id : docs[i].meta.title),
             "", [this, i] { m_session.open(i); }});
    return out;
}

void App::draw_command_palette() {
    if (m_palette_open && !ImGui::IsPopupOpen("Commands")) ImGui::OpenPopup("Commands");
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(viewport->GetCenter().x, viewport->Pos.y + viewport->Size.y * 0.15f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(640.0f * m_scale, viewport->Size.x - 20), 0));
    if (!ImGui::BeginPopupModal("Commands", &m_palette_open,
                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize)) {
        m_palette_open = false;
        return;
    }
    if (m_palette_focus) {
        activate_text_field(ImGui::GetID("##command"));
        m_palette_focus = false;
        m_palette_caret_to_end = m_palette_query[0] != '\0';
    }
    ImGui::SetNextItemWidth(-1);
    // A query given (Export as…, Label all matches as…) is kept and typed after, not selected.
    auto caret_to_end = [](ImGuiInputTextCallbackData* data) {
        bool* pending = static_cast<bool*>(data->UserData);
        if (*pending) {
            data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
            *pending = false;
        }
        return 0;
    };
    bool enter = ImGui::InputTextWithHint(
        "##command", "Type a command…", m_palette_query, sizeof m_palette_query,
        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackAlways, caret_to_end,
        &m_palette_caret_to_end);
    if (ImGui::IsItemEdited()) m_palette_choice = 0;
    if (enter) activate_text_field(ImGui::GetID("##command"));
    std::vector<PaletteEntry> all = palette_entries();
    std::vector<const PaletteEntry*> shown;
    for (const PaletteEntry& e : all)
        if (matches_query(e.text, m_palette_query)) shown.push_back(&e);
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow, true) && !shown.empty())
        m_palette_choice = (m_palette_choice + 1) % shown.size();
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow, true) && !shown.empty())
        m_palette_choice = (m_palette_choice + shown.size() - 1) % shown.size();
    if (m_palette_choice >= shown.size()) m_palette_choice = 0;
    std::function<void()> chosen;
    std::string chosen_text;
    const std::size_t kShown = 14;
    std::size_t first = m_palette_choice >= kShown ? m_palette_choice - kShown + 1 : 0;
    if (shown.empty()) ImGui::TextDisabled("No command matches.");
    for (std::size_t i = first; i < shown.size() && i < first + kShown; ++i) {
        ImGui::PushID(static_cast<int>(i));
        bool picked = ImGui::Selectable(shown[i]->text.c_str(), i == m_palette_choice);
        if (!shown[i]->keys.empty()) {
            ImGui::SameLine(ImGui::GetContentRegionAvail().x -
                            ImGui::CalcTextSize(shown[i]->keys.c_str()).x);
            ImGui::TextDisabled("%s", shown[i]->keys.c_str());
        }
        if (picked) {
            chosen = shown[i]->run;
            chosen_text = shown[i]->text;
        }
        ImGui::PopID();
    }
    if (shown.size() > kShown)
        ImGui::TextDisabled("%zu commands match; type more, or Up/Down.", shown.size());
    if (enter && m_palette_choice < shown.size()) {
        chosen = shown[m_palette_choice]->run;
        chosen_text = shown[m_palette_choice]->text;
    }
    bool close = ImGui::IsKeyPressed(ImGuiKey_Escape, false) || chosen;
    if (close) {
        m_palette_open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    if (chosen) {
        std::uint64_t before = m_announcements;
        chosen();
        if (m_announcements == before) announce(chosen_text); // it said nothing itself

        m_frames.request();
    }
}

} // namespace gloss::app
