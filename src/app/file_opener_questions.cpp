// The questions a file opened (or dropped) asks: which format it is, when its content fits two
// (keys 1, 2, ..., Escape); and, when some of its documents' ids are in the project already,
// replace them, keep both (the new ones get new ids), skip them, or cancel (keys R, K, S,
// Escape); and, when files use labels the schema lacks, add them (A) or cancel (Escape).
// Layer: app.
#include "app/file_opener.hpp"
#include "app/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>

namespace gloss::app {

void FileOpener::draw(float scale) {
    if (!m_pending_opens.empty() && !m_pending_opens.front().formats.empty())
        draw_format_question(scale);
    else if (!m_pending_opens.empty())
        draw_clash_question(scale);
    else if (m_pending_labels)
        draw_new_labels_question(scale);
}

bool FileOpener::begin_question(const char* title, float scale) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x - 40 * scale, 560 * scale), 0),
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowFocus();
    if (ImGui::Begin(title, nullptr,
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_AlwaysAutoResize))
        return true;
    ImGui::End();
    return false;
}

void FileOpener::draw_format_question(float scale) {
    const PendingOpen& open = m_pending_opens.front();
    if (!begin_question("Which format is this file?", scale)) return;
    ImGui::TextWrapped("%s could be read as more than one format: %s. Open it as:",
                       open.name.c_str(), open.why.c_str());
    ImGui::Spacing();
    std::optional<std::optional<std::size_t>> answer;
    bool typing = ImGui::GetIO().WantTextInput;
    for (std::size_t i = 0; i < open.formats.size() && i < 9; ++i) {
        std::string label =
            std::string(open.formats[i]->description) + " (" + std::to_string(i + 1) + ")";
        ImGuiKey key = static_cast<ImGuiKey>(ImGuiKey_1 + static_cast<int>(i));
        if (ImGui::Button(label.c_str()) || (!typing && ImGui::IsKeyPressed(key, false)))
            answer = i;
    }
    if (ImGui::Button("Cancel (Esc)") || (!typing && ImGui::IsKeyPressed(ImGuiKey_Escape, false)))
        answer = std::optional<std::size_t>();
    ImGui::TextDisabled("Nothing is added until you choose.");
    ImGui::End();
    if (answer) answer_format(*answer);
}

void FileOpener::draw_new_labels_question(float scale) {
    if (!begin_question("Labels not in the schema", scale)) return;
    std::string names;
    for (const OpenedFile& f : m_pending_labels->files)
        names += (names.empty() ? "" : ", ") + f.name;
    ImGui::TextWrapped("%s use%s labels your schema lacks. Add them?", names.c_str(),
                       m_pending_labels->files.size() == 1 ? "s" : "");
    ImGui::Spacing();
    for (const core::Label& l : m_pending_labels->labels) {
        ImGui::ColorButton(("##" + l.name).c_str(), color_of(l.color),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(14 * scale, 14 * scale));
        ImGui::SameLine();
        if (l.hotkey)
            ImGui::Text("%s  (key %c)", l.name.c_str(),
                        static_cast<char>(std::toupper(static_cast<int>(l.hotkey))));
        else
            ImGui::Text("%s  (no free key)", l.name.c_str());
    }
    ImGui::Spacing();
    std::optional<bool> answer;
    bool typing = ImGui::GetIO().WantTextInput;
    if (ImGui::Button("Add them and open (A)") ||
        (!typing && ImGui::IsKeyPressed(ImGuiKey_A, false)))
        answer = true;
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)") || (!typing && ImGui::IsKeyPressed(ImGuiKey_Escape, false)))
        answer = false;
    ImGui::TextDisabled(
        "Nothing is added until you choose. The labels are saved with the project.");
    ImGui::End();
    if (answer) answer_new_labels(*answer);
}

void FileOpener::draw_clash_question(float scale) {
    const PendingOpen& open = m_pending_opens.front();
    if (!begin_question("Documents already in the project", scale)) return;
    std::size_t n = open.clashes.size();
    ImGui::TextWrapped("%s: %zu of its %zu documents %s in the project already:", open.name.c_str(),
                       n, open.documents.size(), n == 1 ? "is" : "are");
    std::string list;
    for (std::size_t i = 0; i < n && i < 8; ++i)
        list += (i ? ", " : "") + open.clashes[i];
    if (n > 8) list += ", \u2026";
    ImGui::TextWrapped("%s", list.c_str());
    ImGui::Spacing();
    std::optional<std::optional<Session::OnClash>> answer;
    bool typing = ImGui::GetIO().WantTextInput;
    auto choice = [&](const char* label, ImGuiKey key, std::optional<Session::OnClash> value) {
        if (ImGui::Button(label) || (!typing && ImGui::IsKeyPressed(key, false))) answer = value;
    };
    choice("Replace them (R)", ImGuiKey_R, Session::OnClash::Replace);
    ImGui::SameLine();
    choice("Keep both (K)", ImGuiKey_K, Session::OnClash::KeepBoth);
    ImGui::SameLine();
    choice("Skip them (S)", ImGuiKey_S, Session::OnClash::Skip);
    ImGui::SameLine();
    choice("Cancel (Esc)", ImGuiKey_Escape, std::nullopt);
    ImGui::TextDisabled("Whatever you choose, Ctrl+Z takes the whole addition back.");
    if (m_pending_opens.size() > 1)
        ImGui::TextDisabled("%zu more files wait after this one.", m_pending_opens.size() - 1);
    ImGui::End();
    if (answer) answer_clash(*answer);
}

} // namespace gloss::app
