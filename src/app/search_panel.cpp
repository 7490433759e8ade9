// Search bar (Ctrl+F): matches of the query in the document shown or in every document, with
// case, whole-word and regular-expression options (core/text/search.hpp), recomputed whenever
// the query, an option or the documents change; Enter walks them, "label all" labels them as
// one undo step. Layer: app.
#include "app/app.hpp"

#include "app/theme.hpp"
#include "app/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdint>

namespace gloss::app {

void App::open_search() {
    m_search.open = true;
    m_search.focus = true;
    m_frames.request();
}

void App::close_search() {
    m_search.open = false;
    m_search.field_active = false;
    m_search.found = {};
    m_search.computed_for.clear();
    m_frames.request();
}

void App::update_search() {
    if (!m_search.open) return;
    // What the hits depend on: the query, the options, which documents (their texts, by
    // identity: a text never changes in place) and, searching one, which one is shown.
    std::string key = m_search.query;
    key += '\0';
    key += m_search.options.match_case ? 'c' : '-';
    key += m_search.options.whole_word ? 'w' : '-';
    key += m_search.options.regular_expression ? 'r' : '-';
    key += m_search.all_documents ? std::string("all") : std::to_string(m_session.current_index());
    key += ':';
    for (const core::Document& d : m_session.documents())
        key += std::to_string(reinterpret_cast<std::uintptr_t>(d.text().utf8().data())) + ",";
    if (key == m_search.computed_for) return;
    m_search.computed_for = std::move(key);
    std::optional<std::size_t> only;
    if (!m_search.all_documents) only = m_session.current_index();
    m_search.found = m_search.query[0] && m_session.document()
                         ? m_session.find(m_search.query, m_search.options, only)
                         : Session::Found{};
    m_search.current = ~std::size_t{0};
    m_frames.request();
}

std::vector<Selection> App::matches_shown() const {
    std::vector<Selection> out;
    if (!m_search.open) return out;
    std::size_t shown = m_session.current_index();
    for (const Session::SearchHit& hit : m_search.found.hits)
        if (hit.document == shown) out.push_back(hit.range);
    return out;
}

void App::go_to_match(bool forward) {
    const std::vector<Session::SearchHit>& hits = m_search.found.hits;
    if (hits.empty()) return;
    std::size_t n = hits.size();
    std::size_t& i = m_search.current;
    if (i >= n) {
        // The first from the place shown: the first hit in this document at or after the caret.
        std::size_t doc = m_session.current_index();
        i = forward ? 0 : n - 1;
        for (std::size_t k = 0; k < n; ++k) {
            std::size_t at = forward ? k : n - 1 - k;
            const Session::SearchHit& h = hits[at];
            bool ahead = forward ? (h.document > doc ||
                                    (h.document == doc && h.range.start >= m_session.caret()))
                                 : (h.document < doc ||
                                    (h.document == doc && h.range.start < m_session.caret()));
            if (ahead) {
                i = at;
                break;
            }
        }
    } else {
        i = forward ? (i + 1) % n : (i + n - 1) % n;
    }
    const Session::SearchHit& hit = hits[i];
    // Searching every document, the hits stay as they are when another one is shown.
    if (hit.document != m_session.current_index()) m_session.open(hit.document);
    m_session.select_range(hit.range);
    m_article.scroll_to(hit.range.start);
    announce("Match " + std::to_string(i + 1) + " of " + std::to_string(n));
}

void App::label_all_matches(const std::string& label_name) {
    const core::Label* label = m_session.schema.find(label_name);
    if (!label || m_search.found.hits.empty()) return;
    std::size_t added = m_session.label_all(m_search.found.hits, *label);
    std::size_t documents = 0;
    for (std::size_t k = 0; k < m_search.found.hits.size(); ++k)
        if (k == 0 || m_search.found.hits[k].document != m_search.found.hits[k - 1].document)
            ++documents;
    announce("Labelled " + std::to_string(added) + " matches as " + label_name +
             (documents > 1 ? " in " + std::to_string(documents) + " documents" : "") +
             " (Ctrl+Z takes them back)");
    m_frames.request();
}

void App::draw_search() {
    ImGui::PushID("Search");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Find");
    ImGui::SameLine();
    if (m_search.focus) {
        activate_text_field(ImGui::GetID("##query"));
        m_search.focus = false;
    }
    ImGui::SetNextItemWidth(260 * m_scale);
    bool enter = ImGui::InputText("##query", m_search.query, sizeof m_search.query,
                                  ImGuiInputTextFlags_EnterReturnsTrue);
    m_search.field_active = ImGui::IsItemActive();
    const ImGuiIO& io = ImGui::GetIO();
    if (enter) activate_text_field(ImGui::GetID("##query")); // keep typing in the field
    if (enter && io.KeyAlt) enter = false;                   // Alt+Enter: label all (a command)
    auto toggle = [&](const char* text, bool& value, const char* tip) {
        ImGui::SameLine();
        if (ImGui::Checkbox(text, &value)) m_frames.request();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    };
    toggle("Aa", m_search.options.match_case, "Match case (Alt+C)");
    toggle("Word", m_search.options.whole_word, "Whole words only (Alt+W)");
    toggle(".*", m_search.options.regular_expression, "Regular expression (Alt+R)");
    toggle("All documents", m_search.all_documents, "Search every document (Alt+A)");
    update_search();
    const std::size_t n = m_search.found.hits.size();
    ImGui::SameLine();
    if (!m_search.found.error.empty())
        ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.2f, 1.0f), "%s", m_search.found.error.c_str());
    else if (n == 0)
        ImGui::TextDisabled(m_search.query[0] ? "no matches" : "");
    else if (m_search.current < n)
        ImGui::Text("%zu of %zu%s", m_search.current + 1, n, m_search.found.truncated ? "+" : "");
    else
        ImGui::Text("%zu matches%s", n, m_search.found.truncated ? "+" : "");
    ImGui::SameLine();
    bool previous = enter && io.KeyShift;
    bool go_previous = ImGui::ArrowButton("##previous", ImGuiDir_Up) || previous;
    ImGui::SameLine();
    bool go_next = ImGui::ArrowButton("##next", ImGuiDir_Down) || (enter && !previous);
    if (go_next || go_previous) go_to_match(go_next);
    ImGui::SameLine();
    ImGui::TextDisabled("label all as (Alt+Enter)");
    for (const core::Label& label : m_session.schema.labels()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, color_of(label.color, 0.28f));
        if (ImGui::SmallButton(label.name.c_str())) label_all_matches(label.name);
        ImGui::PopStyleColor();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) close_search();
    ImGui::PopID();
}

} // namespace gloss::app
