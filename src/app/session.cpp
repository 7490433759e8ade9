// Session commands. Layer: app (no ImGui here).
#include "app/session.hpp"

#include "io/gloss_jsonl.hpp"

#include <algorithm>

namespace gloss::app {

core::Document* Session::document() {
    return m_current < m_documents.size() ? &m_documents[m_current] : nullptr;
}
const core::Document* Session::document() const {
    return m_current < m_documents.size() ? &m_documents[m_current] : nullptr;
}

void Session::open(std::size_t index) {
    if (index >= m_documents.size() || index == m_current) return;
    m_current = index;
    selection = {};
    selected_span = 0;
}

core::Diagnostics Session::load_jsonl(std::string_view bytes, const std::string& source) {
    io::JsonlReadOptions options;
    options.source = source;
    options.schema = schema.empty() ? nullptr : &schema;
    io::ImportResult result = io::read_gloss_jsonl(bytes, options);
    if (result.ok() && result.documents.empty())
        result.diagnostics.push_back(core::make_diagnostic(
            core::DiagnosticCode::Other, {source + ": no documents in the file"}));
    if (!core::has_errors(result.diagnostics)) {
        m_documents = std::move(result.documents);
        m_current = 0;
        m_tokens_for = ~std::size_t{0};
        selection = {};
        selected_span = 0;
        mark_changed();
    }
    return result.diagnostics;
}

std::string Session::export_jsonl() const { return io::write_gloss_jsonl(m_documents); }

const std::vector<core::Token>& Session::tokens() {
    if (m_tokens_for != m_current) {
        m_tokens.clear();
        if (const core::Document* doc = document()) {
            std::u32string text = doc->text().decode(0, doc->text().size());
            m_tokens = core::tokenize(text);
        }
        m_tokens_for = m_current;
    }
    return m_tokens;
}

Selection Session::snap_to_tokens(Selection s) {
    const auto& toks = tokens();
    // The token containing (or starting at) `start`, and the one containing `end - 1`.
    auto containing = [&](std::size_t cp) -> const core::Token* {
        auto it = std::upper_bound(toks.begin(), toks.end(), cp,
                                   [](std::size_t c, const core::Token& t) { return c < t.start; });
        if (it == toks.begin()) return nullptr;
        --it;
        return cp < it->end ? &*it : nullptr;
    };
    if (s.empty()) return s;
    if (const core::Token* t = containing(s.start)) s.start = t->start;
    if (const core::Token* t = containing(s.end - 1)) s.end = t->end;
    // Trim whitespace the drag took in at either side.
    if (const core::Document* doc = document()) {
        while (s.start < s.end && (doc->text().at(s.start) == ' ' || doc->text().at(s.start) == '\n'))
            ++s.start;
        while (s.end > s.start && (doc->text().at(s.end - 1) == ' ' || doc->text().at(s.end - 1) == '\n'))
            --s.end;
    }
    return s;
}

core::EditResult Session::apply_label(const core::Label& label) {
    core::EditResult result;
    core::Document* doc = document();
    if (!doc) return result;
    if (!selection.empty()) {
        core::Span span;
        span.start = static_cast<std::uint32_t>(selection.start);
        span.end = static_cast<std::uint32_t>(selection.end);
        span.label = label.name;
        span.annotator = annotator;
        result = doc->add_span(std::move(span));
        if (result.ok()) {
            selected_span = result.id;
            selection = {};
            mark_changed();
        }
        return result;
    }
    if (const core::Span* current = doc->spans().find(selected_span)) {
        core::Span span = *current;
        span.label = label.name;
        span.origin = span.origin == core::Origin::Suggested ? core::Origin::Suggested : span.origin;
        span.status = core::Status::Accepted;
        result = doc->update_span(std::move(span));
        if (result.ok()) mark_changed();
    }
    return result;
}

bool Session::remove_selected() {
    core::Document* doc = document();
    if (!doc || !doc->spans().contains(selected_span)) return false;
    doc->remove_span(selected_span);
    selected_span = 0;
    mark_changed();
    return true;
}

bool Session::undo() {
    core::Document* doc = document();
    if (!doc || !doc->undo()) return false;
    if (!doc->spans().contains(selected_span)) selected_span = 0;
    mark_changed();
    return true;
}

bool Session::redo() {
    core::Document* doc = document();
    if (!doc || !doc->redo()) return false;
    mark_changed();
    return true;
}

} // namespace gloss::app
