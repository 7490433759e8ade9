// CommandPalette (command_palette.hpp). Layer: app.
#include "app/command_palette.hpp"

#include "app/widgets.hpp"
#include "core/text/case_fold.hpp"

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

void CommandPalette::open(const std::string& query) {
    m_open = true;
    m_focus = true;
    m_choice = 0;
    copy_to(m_query, query);
}

std::optional<CommandPalette::Entry> CommandPalette::draw(const std::vector<Entry>& entries,
                                                          float scale) {
    if (m_open && !ImGui::IsPopupOpen("Commands")) ImGui::OpenPopup("Commands");
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(viewport->GetCenter().x, viewport->Pos.y + viewport->Size.y * 0.15f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(640.0f * scale, viewport->Size.x - 20), 0));
    if (!ImGui::BeginPopupModal("Commands", &m_open,
                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize)) {
        m_open = false;
        return std::nullopt;
    }
    if (m_focus) {
        activate_text_field(ImGui::GetID("##command"));
        m_focus = false;
        m_caret_to_end = m_query[0] != '\0';
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
    bool enter = ImGui::InputTextWithHint("##command", "Type a command…", m_query, sizeof m_query,
                                          ImGuiInputTextFlags_EnterReturnsTrue |
                                              ImGuiInputTextFlags_CallbackAlways,
                                          caret_to_end, &m_caret_to_end);
    if (ImGui::IsItemEdited()) m_choice = 0;
    if (enter) activate_text_field(ImGui::GetID("##command"));
    std::vector<const Entry*> shown;
    for (const Entry& e : entries)
        if (matches_query(e.text, m_query)) shown.push_back(&e);
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow, true) && !shown.empty())
        m_choice = (m_choice + 1) % shown.size();
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow, true) && !shown.empty())
        m_choice = (m_choice + shown.size() - 1) % shown.size();
    if (m_choice >= shown.size()) m_choice = 0;
    const Entry* chosen = nullptr;
    const std::size_t kShown = 14;
    std::size_t first = m_choice >= kShown ? m_choice - kShown + 1 : 0;
    if (shown.empty()) ImGui::TextDisabled("No command matches.");
    for (std::size_t i = first; i < shown.size() && i < first + kShown; ++i) {
        ImGui::PushID(static_cast<int>(i));
        bool picked = ImGui::Selectable(shown[i]->text.c_str(), i == m_choice);
        if (!shown[i]->keys.empty()) {
            ImGui::SameLine(ImGui::GetContentRegionAvail().x -
                            ImGui::CalcTextSize(shown[i]->keys.c_str()).x);
            ImGui::TextDisabled("%s", shown[i]->keys.c_str());
        }
        if (picked) chosen = shown[i];
        ImGui::PopID();
    }
    if (shown.size() > kShown)
        ImGui::TextDisabled("%zu commands match; type more, or Up/Down.", shown.size());
    if (enter && m_choice < shown.size()) chosen = shown[m_choice];
    bool close = ImGui::IsKeyPressed(ImGuiKey_Escape, false) || chosen;
    if (close) {
        m_open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    if (!chosen) return std::nullopt;
    return *chosen;
}

} // namespace gloss::app
