// TextNavigation (text_navigation.hpp). Layer: app.
#include "app/text_navigation.hpp"

#include "core/text/grapheme.hpp"

#include <algorithm>
#include <iterator>

namespace gloss::app {

const std::vector<core::Token>& TextNavigation::tokens(const core::Document& doc) {
    TextId id = TextId::of(doc);
    if (!(m_tokens_for == id)) {
        std::u32string text = doc.text().decode(0, doc.text().size());
        m_tokens = core::tokenize(text);
        m_tokens_for = std::move(id);
    }
    return m_tokens;
}

const std::vector<core::Sentence>& TextNavigation::sentences(const core::Document& doc) {
    TextId id = TextId::of(doc);
    if (!(m_sentences_for == id)) {
        const auto& toks = tokens(doc);
        std::u32string text = doc.text().decode(0, doc.text().size());
        m_sentences = core::split_sentences(text, toks);
        m_sentences_for = std::move(id);
    }
    return m_sentences;
}

Selection TextNavigation::snap_to_tokens(const core::Document& doc, Selection s) {
    const auto& toks = tokens(doc);
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
    while (s.start < s.end && (doc.text().at(s.start) == ' ' || doc.text().at(s.start) == '\n'))
        ++s.start;
    while (s.end > s.start && (doc.text().at(s.end - 1) == ' ' || doc.text().at(s.end - 1) == '\n'))
        --s.end;
    return s;
}

std::size_t TextNavigation::next_grapheme(const core::Document& doc, std::size_t from) const {
    if (from >= doc.text().size()) return doc.text().size();
    // Clusters are short: look at a window around the caret.
    std::size_t lo = from > 32 ? from - 32 : 0, hi = std::min(doc.text().size(), from + 64);
    std::u32string window = doc.text().decode(lo, hi);
    return lo + core::next_grapheme_boundary(window, from - lo);
}

std::size_t TextNavigation::previous_grapheme(const core::Document& doc, std::size_t from) const {
    if (from == 0) return 0;
    std::size_t lo = from > 64 ? from - 64 : 0, hi = std::min(doc.text().size(), from + 32);
    std::u32string window = doc.text().decode(lo, hi);
    return lo + core::previous_grapheme_boundary(window, from - lo);
}

std::size_t TextNavigation::next_word(const core::Document& doc, std::size_t from) {
    const auto& toks = tokens(doc);
    auto it = std::upper_bound(toks.begin(), toks.end(), from,
                               [](std::size_t c, const core::Token& t) { return c < t.end; });
    if (it == toks.end()) return doc.text().size();
    return it->end; // the end of the token containing or following `from`
}

std::size_t TextNavigation::previous_word(const core::Document& doc, std::size_t from) {
    const auto& toks = tokens(doc);
    auto it = std::lower_bound(toks.begin(), toks.end(), from,
                               [](const core::Token& t, std::size_t c) { return t.start < c; });
    if (it == toks.begin()) return 0;
    return std::prev(it)->start;
}

std::size_t TextNavigation::previous_word_end(const core::Document& doc, std::size_t from) {
    const auto& toks = tokens(doc);
    auto it = std::lower_bound(toks.begin(), toks.end(), from,
                               [](const core::Token& t, std::size_t c) { return t.end < c; });
    return it == toks.begin() ? 0 : std::prev(it)->end;
}

std::size_t TextNavigation::next_word_start(const core::Document& doc, std::size_t from) {
    const auto& toks = tokens(doc);
    auto it = std::upper_bound(toks.begin(), toks.end(), from,
                               [](std::size_t c, const core::Token& t) { return c < t.start; });
    return it == toks.end() ? from : it->start;
}

Selection TextNavigation::word_at(const core::Document& doc, std::size_t cp) {
    return snap_to_tokens(doc, {cp, cp + 1});
}

Selection TextNavigation::sentence_at(const core::Document& doc, std::size_t cp) {
    const auto& all = sentences(doc);
    auto it = std::upper_bound(all.begin(), all.end(), cp,
                               [](std::size_t c, const core::Sentence& s) { return c < s.start; });
    if (it == all.begin()) return {};
    --it;
    return {it->start, it->end};
}

} // namespace gloss::app
