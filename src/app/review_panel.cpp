// Review mode in the interface: loading annotators' JSONL texts (the inspector shows the
// legend and the numbered versions, review_view.cpp the article's bars). Layer: app.
#include "app/app.hpp"
#include "app/review_view.hpp"

#include "io/gloss_jsonl.hpp"

#include <imgui.h>

#include <map>

namespace gloss::app {
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

} // namespace gloss::app
