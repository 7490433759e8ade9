// SearchBar (search_bar.hpp). Layer: app.
#include "app/search_bar.hpp"

#include "app/theme.hpp"
#include "app/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdint>

namespace gloss::app {

void SearchBar::open() {
    m_open = true;
    m_focus = true;
    m_frames.request();
}

void SearchBar::close() {
    m_open = false;
    m_field_active = false;
    m_found = {};
    m_computed_for.clear();
    m_frames.request();
}

void SearchBar::toggle_match_case() {
    m_options.match_case = !m_options.match_case;
    m_frames.request();
}

void SearchBar::toggle_whole_word() {
    m_options.whole_word = !m_options.whole_word;
    m_frames.request();
}

void SearchBar::toggle_regular_expression() {
    m_options.regular_expression = !m_options.regular_expression;
    m_frames.request();
}

void SearchBar::toggle_all_documents() {
    m_all_documents = !m_all_documents;
    m_frames.request();
}

void SearchBar::update() {
    if (!m_open) return;
    // What the hits depend on: the query, the options, which documents (their texts, by
    // identity: a text never changes in place) and, searching one, which one is shown.
    std::string key = m_query;
    key += '\0';
    key += m_options.match_case ? 'c' : '-';
    key += m_options.whole_word ? 'w' : '-';
    key += m_options.regular_expression ? 'r' : '-';
    key += m_all_documents ? std::string("all") : std::to_string(m_session.current_index());
    key += ':';
    for (const core::Document& d : m_session.documents())
        key += std::to_string(reinterpret_cast<std::uintptr_t>(d.text().utf8().data())) + ",";
    if (key == m_computed_for) return;
    m_computed_for = std::move(key);
    std::optional<std::size_t> only;
    if (!m_all_documents) only = m_session.current_index();
    m_found = m_query[0] && m_session.document() ? m_session.find(m_query, m_options, only)
                                                 : Session::Found{};
    m_current = ~std::size_t{0};
    m_frames.request();
}

std::vector<Selection> SearchBar::matches_shown() const {
    std::vector<Selection> out;
    if (!m_open) return out;
    std::size_t shown = m_session.current_index();
    for (const Session::SearchHit& hit : m_found.hits)
        if (hit.document == shown) out.push_back(hit.range);
    return out;
}

void SearchBar::go_to_match(Direction direction) {
    const bool forward = direction == Direction::Forward;
    const std::vector<Session::SearchHit>& hits = m_found.hits;
    if (hits.empty()) return;
    std::size_t n = hits.size();
    std::size_t& i = m_current;
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
    m_announce("Match " + std::to_string(i + 1) + " of " + std::to_string(n));
}

void SearchBar::label_all(const std::string& label_name) {
    const core::Label* label = m_session.schema.find(label_name);
    if (!label || m_found.hits.empty()) return;
    std::size_t added = m_session.label_all(m_found.hits, *label);
    std::size_t documents = 0;
    for (std::size_t k = 0; k < m_found.hits.size(); ++k)
        if (k == 0 || m_found.hits[k].document != m_found.hits[k - 1].document) ++documents;
    m_announce("Labelled " + std::to_string(added) + " matches as " + label_name +
               (documents > 1 ? " in " + std::to_string(documents) + " documents" : "") +
               " (Ctrl+Z takes them back)");
    m_frames.request();
}

void SearchBar::draw(float scale) {
    ImGui::PushID("Search");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Find");
    ImGui::SameLine();
    if (m_focus) {
        activate_text_field(ImGui::GetID("##query"));
        m_focus = false;
    }
    ImGui::SetNextItemWidth(260 * scale);
    bool enter =
        ImGui::InputText("##query", m_query, sizeof m_query, ImGuiInputTextFlags_EnterReturnsTrue);
    m_field_active = ImGui::IsItemActive();
    const ImGuiIO& io = ImGui::GetIO();
    if (enter) activate_text_field(ImGui::GetID("##query")); // keep typing in the field
    if (enter && io.KeyAlt) enter = false;                   // Alt+Enter: label all (a command)
    auto toggle = [&](const char* text, bool& value, const char* tip) {
        ImGui::SameLine();
        if (ImGui::Checkbox(text, &value)) m_frames.request();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    };
    toggle("Aa", m_options.match_case, "Match case (Alt+C)");
    toggle("Word", m_options.whole_word, "Whole words only (Alt+W)");
    toggle(".*", m_options.regular_expression, "Regular expression (Alt+R)");
    toggle("All documents", m_all_documents, "Search every document (Alt+A)");
    update();
    const std::size_t n = m_found.hits.size();
    ImGui::SameLine();
    if (!m_found.error.empty())
        ImGui::TextColored(ImVec4(0.85f, 0.2f, 0.2f, 1.0f), "%s", m_found.error.c_str());
    else if (n == 0)
        ImGui::TextDisabled(m_query[0] ? "no matches" : "");
    else if (m_current < n)
        ImGui::Text("%zu of %zu%s", m_current + 1, n, m_found.truncated ? "+" : "");
    else
        ImGui::Text("%zu matches%s", n, m_found.truncated ? "+" : "");
    ImGui::SameLine();
    bool previous = enter && io.KeyShift;
    bool go_previous = ImGui::ArrowButton("##previous", ImGuiDir_Up) || previous;
    ImGui::SameLine();
    bool go_next = ImGui::ArrowButton("##next", ImGuiDir_Down) || (enter && !previous);
    if (go_next || go_previous) go_to_match(go_next ? Direction::Forward : Direction::Backward);
    ImGui::SameLine();
    ImGui::TextDisabled("label all as (Alt+Enter)");
    for (const core::Label& label : m_session.schema.labels()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, color_of(label.color, 0.28f));
        if (ImGui::SmallButton(label.name.c_str())) label_all(label.name);
        ImGui::PopStyleColor();
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) close();
    ImGui::PopID();
}

} // namespace gloss::app
