// TaskLink (task_link.hpp). Layer: app.
#include "app/task_link.hpp"

#include "app/markdown.hpp"
#include "app/theme.hpp"
#include "io/json_value.hpp"

#include <imgui.h>

#include <algorithm>

namespace gloss::app {
namespace {

constexpr std::int64_t kIdleAfterMs = 60'000; // no input for a minute: the time stops counting

bool any_input() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.MouseWheelH != 0 ||
        !io.InputQueueCharacters.empty())
        return true;
    for (int b = 0; b < ImGuiMouseButton_COUNT; ++b)
        if (io.MouseDown[b]) return true;
    for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END; ++k)
        if (ImGui::IsKeyDown(static_cast<ImGuiKey>(k))) return true;
    return false;
}

void draw_runs(const std::vector<MarkdownRun>& runs, ImU32 strong, ImU32 code) {
    // One wrapped text per block keeps the wrapping right; a block of one style gets its colour.
    bool all_code = !runs.empty(), all_strong = !runs.empty();
    std::string text;
    for (const MarkdownRun& run : runs) {
        text += run.text;
        all_code = all_code && run.code;
        all_strong = all_strong && run.strong;
    }
    if (all_code || all_strong) ImGui::PushStyleColor(ImGuiCol_Text, all_code ? code : strong);
    ImGui::TextWrapped("%s", text.c_str());
    if (all_code || all_strong) ImGui::PopStyleColor();
}

} // namespace

void TaskLink::set_campaign(Campaign campaign) {
    m_frames.request();
    m_campaign = std::move(campaign);
    m_fonts.want(m_campaign.label);
    m_frozen_changed();
}

void TaskLink::set_instructions(std::string text) {
    m_frames.request();
    m_instructions = std::move(text);
    m_fonts.want(m_instructions);
    m_instructions_open = !m_instructions.empty();
}

void TaskLink::set_instructions_open(bool open) {
    m_instructions_open = open && !m_instructions.empty();
    m_frames.request();
}

bool TaskLink::can_submit() const {
    if (!m_campaign.active || !m_campaign.can_submit || m_campaign.preview) return false;
    if (m_submit_state != SubmitState::Idle || m_session.documents().empty()) return false;
    return m_session.done_count() == m_session.documents().size();
}

bool TaskLink::submit() {
    m_frames.request();
    if (!can_submit()) return false;
    m_submit_state = SubmitState::Sending;
    m_submit_message = "Submitting…";
    // Frozen from here: what is sent is what the worker submitted, however long the sending
    // takes (retries, a reload); the campaign bar says so.
    m_host.submit(submission_payload());
    m_frozen_changed();
    return true;
}

std::string TaskLink::submission_payload() const {
    std::string out = "{\"documents\":[";
    std::string jsonl = m_session.export_jsonl();
    bool first = true;
    for (std::size_t at = 0; at < jsonl.size();) {
        std::size_t end = jsonl.find('\n', at);
        if (end == std::string::npos) end = jsonl.size();
        if (end > at) {
            if (!first) out += ',';
            out.append(jsonl, at, end - at);
            first = false;
        }
        at = end + 1;
    }
    out += "],\"time_spent_ms\":{";
    first = true;
    for (const core::Document& doc : m_session.documents()) {
        if (!first) out += ',';
        first = false;
        out += io::Json(doc.id).dump();
        out += ':';
        out += std::to_string(static_cast<long long>(time_spent_ms(doc.id)));
    }
    out += "}}";
    return out;
}

void TaskLink::set_submission(SubmitState state, std::string message, std::string code) {
    m_frames.request();
    m_submit_state = state;
    m_submit_message = std::move(message);
    m_completion_code = std::move(code);
    // Sending, waiting to retry or submitted: the answers stay as they were submitted.
    m_frozen_changed();
}

double TaskLink::time_spent_ms(const std::string& doc_id) const {
    auto it = m_time_ms.find(doc_id);
    return it == m_time_ms.end() ? 0.0 : it->second;
}

void TaskLink::set_page_visible(bool visible) {
    count_time(Activity::Quiet);
    m_page_visible = visible;
    m_frames.request();
}

// Frames come only when something happens, so the time since the last frame counts as far as it
// lies within a minute of the last input (up to a minute when this frame brings input), and not
// while the page is hidden.
void TaskLink::count_time(Activity activity) {
    const bool input = activity == Activity::Input;
    std::int64_t now = m_host.now_ms();
    std::int64_t counted = input ? std::min(now - m_last_frame_ms, kIdleAfterMs)
                                 : std::min(now, m_last_input_ms + kIdleAfterMs) - m_last_frame_ms;
    const core::Document* doc = m_session.document();
    if (doc && m_page_visible && m_last_frame_ms && counted > 0)
        m_time_ms[doc->id] += static_cast<double>(counted);
    m_last_frame_ms = now;
    if (input) m_last_input_ms = now;
}

void TaskLink::track_time() {
    count_time(any_input() ? Activity::Input : Activity::Quiet);
}

void TaskLink::draw_bar(float scale) {
    if (!m_campaign.active) return;
    const Theme& theme = current_theme();
    ImGui::AlignTextToFramePadding();
    if (m_campaign.preview) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme.error);
        ImGui::TextUnformatted("Preview: accept the task to start annotating (read-only).");
        ImGui::PopStyleColor();
    } else if (m_submit_state == SubmitState::Submitted) {
        ImGui::TextUnformatted(m_completion_code.empty()
                                   ? "Submitted. Thank you!"
                                   : "Submitted. Thank you! Your completion code:");
        if (!m_completion_code.empty()) {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::CalcTextSize(m_completion_code.c_str()).x + 24 * scale);
            ImGui::InputText("##completion", m_completion_code.data(), m_completion_code.size() + 1,
                             ImGuiInputTextFlags_ReadOnly);
        }
    } else {
        std::size_t done = m_session.done_count(), total = m_session.documents().size();
        ImGui::Text("Task%s%s: %zu of %zu documents done", m_campaign.label.empty() ? "" : " ",
                    m_campaign.label.c_str(), done, total);
        if (m_campaign.can_submit) {
            ImGui::SameLine();
            bool enabled = can_submit();
            ImGui::BeginDisabled(!enabled);
            if (ImGui::Button("Submit")) submit();
            ImGui::EndDisabled();
            if (!enabled && m_submit_state == SubmitState::Idle &&
                ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                ImGui::SetTooltip("Mark every document done first (Ctrl+Enter).");
        }
        if (!m_submit_message.empty()) {
            ImGui::SameLine();
            ImGui::TextUnformatted(m_submit_message.c_str());
        }
        if (m_submit_state == SubmitState::Sending || m_submit_state == SubmitState::Waiting) {
            ImGui::SameLine();
            ImGui::TextDisabled("Your answers are frozen as you submitted them.");
        }
    }
    if (!m_instructions.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Instructions (F1)")) m_instructions_open = true;
    }
}

void TaskLink::draw_instructions(float scale) {
    if (!m_instructions_open) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImVec2 size(std::min(viewport->WorkSize.x - 40 * scale, 640 * scale),
                std::min(viewport->WorkSize.y - 40 * scale, 560 * scale));
    ImGui::SetNextWindowSize(size, ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::Begin("Instructions", &m_instructions_open,
                      ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        return;
    }
    const Theme& theme = current_theme();
    ImU32 accent = ImGui::GetColorU32(ImGuiCol_ButtonActive);
    for (const MarkdownBlock& block : parse_markdown(m_instructions)) {
        switch (block.kind) {
        case MarkdownBlock::Kind::Heading:
            if (ImGui::GetCursorPosY() > ImGui::GetStyle().WindowPadding.y + 40) ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, accent);
            ImGui::TextWrapped("%s", block.text.c_str());
            ImGui::PopStyleColor();
            if (block.level == 1) ImGui::Separator();
            break;
        case MarkdownBlock::Kind::Bullet:
            ImGui::Bullet();
            draw_runs(block.runs, accent, theme.error);
            break;
        case MarkdownBlock::Kind::Numbered:
            ImGui::Text("%d.", block.level);
            ImGui::SameLine();
            draw_runs(block.runs, accent, theme.error);
            break;
        case MarkdownBlock::Kind::Code:
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            ImGui::TextUnformatted(block.text.c_str());
            ImGui::PopStyleColor();
            break;
        case MarkdownBlock::Kind::Paragraph:
            draw_runs(block.runs, accent, theme.error);
            ImGui::Spacing();
            break;
        }
    }
    ImGui::Spacing();
    if (ImGui::Button("Close (F1 reopens)")) m_instructions_open = false;
    ImGui::End();
}

} // namespace gloss::app
