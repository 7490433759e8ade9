// TextNavigation: where the caret goes and what a click selects in a document's text — a step
// by grapheme cluster or by word, the word or the sentence around a place, a dragged range
// widened to whole tokens — with the text's tokens and sentences computed once per text.
// Layer: app (no ImGui).
#pragma once

#include "core/model/document.hpp"
#include "core/text/tokenizer.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gloss::app {

// A text selection in code points, end exclusive; empty when start == end.
struct Selection {
    std::size_t start = 0;
    std::size_t end = 0;
    bool empty() const { return start >= end; }
};

// Which way a walk goes (spans, suggestions), which end of a span, which way an end moves and
// by how much.
enum class Direction { Forward, Backward };
enum class Edge { Start, End };
enum class EdgeMove { Outward, Inward };
enum class Step { Word, Grapheme };

class TextNavigation {
public:
    // The next (previous) grapheme cluster boundary after (before) `from`.
    std::size_t next_grapheme(const core::Document& doc, std::size_t from) const;
    std::size_t previous_grapheme(const core::Document& doc, std::size_t from) const;
    // The end of the token containing or following `from`; the start of the token before it.
    std::size_t next_word(const core::Document& doc, std::size_t from);
    std::size_t previous_word(const core::Document& doc, std::size_t from);
    // The end of the last token ending before `from` (0 when none); the start of the first
    // token starting after it (`from` when none): where a span's end shrinks to, or its start.
    std::size_t previous_word_end(const core::Document& doc, std::size_t from);
    std::size_t next_word_start(const core::Document& doc, std::size_t from);
    // The token or the sentence around `cp`.
    Selection word_at(const core::Document& doc, std::size_t cp);
    Selection sentence_at(const core::Document& doc, std::size_t cp);
    // `s` widened to whole tokens, without the spaces and newlines a drag took in at its ends.
    Selection snap_to_tokens(const core::Document& doc, Selection s);

private:
    // The text's tokens (sentences): computed again when the text is another one.
    const std::vector<core::Token>& tokens(const core::Document& doc);
    const std::vector<core::Sentence>& sentences(const core::Document& doc);

    struct TextId {
        const void* bytes = nullptr;
        std::size_t size = 0;
        std::string document;
        bool operator==(const TextId&) const = default;
        static TextId of(const core::Document& doc) {
            return {doc.text().utf8().data(), doc.text().utf8().size(), doc.id};
        }
    };
    std::vector<core::Token> m_tokens;
    TextId m_tokens_for;
    std::vector<core::Sentence> m_sentences;
    TextId m_sentences_for;
};

} // namespace gloss::app
