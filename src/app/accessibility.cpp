// Accessibility: what a screen reader is told. The selection (label, text, attributes) or the
// caret's sentence is announced whenever it changes, and every command run says what it did
// (App::announce); the web platform puts the announcement in an ARIA live region and builds
// real buttons from the command table. Layer: app.
#include "app/app.hpp"

#include "core/text/utf8.hpp"

#include <imgui.h>

namespace gloss::app {
namespace {

// At most `max_bytes` of a text (cut between characters), for reading aloud.
std::string spoken(std::string_view text, std::size_t max_bytes = 240) {
    if (text.size() <= max_bytes) return std::string(text);
    return std::string(core::utf8_prefix(text, max_bytes)) + "…";
}

} // namespace

std::string App::describe_selection() {
    core::Document* doc = m_session.document();
    if (!doc) return "No documents.";
    const core::Text& text = doc->text();
    if (const core::Span* span = doc->spans().find(m_session.selected_span())) {
        std::string out = span->label + " “" + spoken(text.slice(span->start, span->end)) + "”";
        if (span->status == core::Status::Pending)
            out += ", a suggestion (Enter accepts, Backspace rejects)";
        for (const auto& [name, value] : span->attrs)
            if (name != "reason") out += ", " + name + ": " + spoken(value, 120);
        for (const auto& [relation_id, r] : doc->relations())
            if (r.from == span->id)
                if (const core::Span* to = doc->spans().find(r.to))
                    out += ", " + r.type + ": " + to->label + " “" +
                           spoken(text.slice(to->start, to->end), 120) + "”";
        return out + ".";
    }
    if (!m_session.selection().empty())
        return "Selected “" +
               spoken(text.slice(m_session.selection().start, m_session.selection().end)) +
               "”; a label key labels it.";
    Selection sentence = m_session.navigation().sentence_at(*doc, m_session.caret());
    if (sentence.empty()) return "";
    return spoken(text.slice(sentence.start, sentence.end));
}

void App::follow_selection() {
    // What is announced changes with the document, the span or range selected, the selected
    // span itself (an attribute set, a suggestion accepted) or the caret's sentence. Cheap every
    // frame: the caret's sentence is looked up only when the caret moved (a document's
    // sentences are split on that first move, not when it opens).
    const bool caret_only = !m_session.selected_span() && m_session.selection().empty();
    std::string key = std::to_string(m_session.current_index()) + ":" +
                      std::to_string(m_session.selected_span()) + ":" +
                      std::to_string(m_session.selection().start) + "-" +
                      std::to_string(m_session.selection().end) + ":" +
                      (caret_only ? std::to_string(m_session.caret()) : "") + ":" +
                      (m_session.selected_span() ? std::to_string(m_session.revision()) : "");
    // A command that said what it did this frame has said enough.
    const bool said = m_announcements != m_announcements_followed;
    m_announcements_followed = m_announcements;
    if (key == m_followed) return;
    const bool first = m_followed.empty();
    m_followed = std::move(key);
    if (first) return; // the page's own start is not news
    if (caret_only && m_session.document()) {
        // Within the sentence announced last, a caret move is not news.
        std::string sentence =
            std::to_string(m_session.current_index()) + ":" +
            std::to_string(
                m_session.navigation().sentence_at(*m_session.document(), m_session.caret()).start);
        if (sentence == m_followed_sentence) return;
        m_followed_sentence = std::move(sentence);
    } else {
        m_followed_sentence.clear();
    }
    if (said) return;
    std::string what = describe_selection();
    if (!what.empty()) announce(std::move(what));
}

} // namespace gloss::app
