// Review mode in the interface: loading annotators' JSONL texts, the inspector's legend and
// numbered alternatives, and the review keys (N / Shift+N or ] / [, 1-9, Esc). Layer: app.
#include "app/app.hpp"
#include "app/review_view.hpp"

#include "io/gloss_jsonl.hpp"

#include <imgui.h>

#include <map>

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

core::Diagnostics
App::load_review_jsonl(const std::vector<std::pair<std::string, std::string>>& annotator_jsonl) {
    m_frames.request();
    core::Diagnostics diagnostics;
    auto fail = [&](std::string message) {
        diagnostics.push_back(core::make_diagnostic(core::DiagnosticCode::Other, {message}));
    };
    if (annotator_jsonl.size() < 2) fail("review: needs at least two annotators' texts");
    std::vector<std::vector<core::Document>> read;
    for (const auto& [annotator, jsonl] : annotator_jsonl) {
        io::JsonlReadOptions options;
        options.source = annotator;
        options.schema = m_session.schema.empty() ? nullptr : &m_session.schema;
        io::ImportResult result = io::read_gloss_jsonl(jsonl, options);
        diagnostics.insert(diagnostics.end(), result.diagnostics.begin(), result.diagnostics.end());
        if (result.ok() && result.documents.empty()) fail(annotator + ": no documents");
        read.push_back(std::move(result.documents));
    }
    std::vector<std::vector<ReviewVersion>> documents;
    if (!core::has_errors(diagnostics)) {
        // The first annotator's documents, in their order, matched by id in the others.
        std::vector<std::map<std::string, std::size_t>> by_id(read.size());
        for (std::size_t a = 0; a < read.size(); ++a)
            for (std::size_t i = 0; i < read[a].size(); ++i)
                by_id[a].emplace(read[a][i].id, i);
        for (std::size_t a = 1; a < read.size(); ++a)
            for (const core::Document& d : read[a])
                if (!by_id[0].count(d.id))
                    fail(annotator_jsonl[a].first + ": document \"" + d.id + "\" is not in " +
                         annotator_jsonl[0].first + "'s");
        for (const core::Document& first : read[0]) {
            std::vector<ReviewVersion> versions;
            for (std::size_t a = 0; a < read.size(); ++a) {
                auto it = by_id[a].find(first.id);
                if (it == by_id[a].end()) {
                    fail(annotator_jsonl[a].first + ": no document \"" + first.id + "\"");
                    continue;
                }
                versions.push_back({annotator_jsonl[a].first, read[a][it->second]});
            }
            documents.push_back(std::move(versions));
        }
    }
    if (!core::has_errors(diagnostics)) {
        core::Diagnostics more = m_session.review().load(std::move(documents));
        diagnostics.insert(diagnostics.end(), more.begin(), more.end());
    }
    if (core::has_errors(diagnostics)) {
        std::string text;
        std::size_t shown = 0;
        for (const core::Diagnostic& d : diagnostics)
            if (d.severity == core::Severity::Error && shown++ < 3)
                text += (text.empty() ? "" : "\n") + d.to_string();
        m_error = "Could not start the review (your work is unchanged):\n" + text;
        return diagnostics;
    }
    m_error.clear();
    m_search.close();
    if (!m_session.review().disagreements().empty())
        m_article.scroll_to(m_session.review().disagreements().front().start);
    m_frames.request();
    return diagnostics;
}

void App::draw_review_panel() {
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
