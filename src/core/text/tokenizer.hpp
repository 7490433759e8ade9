// Tokenizer and sentence splitter: word, number and punctuation tokens with code-point offsets,
// and sentence boundaries. Layer: core (std only). One tokenizer serves selection snapping,
// CoNLL/IOB and M2 export and token-level agreement.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace gloss::core {

enum class TokenKind : std::uint8_t { Word, Number, Punctuation, Symbol };

struct Token {
    std::uint32_t start = 0; // code points, end exclusive
    std::uint32_t end = 0;
    TokenKind kind = TokenKind::Word;
    bool operator==(const Token&) const = default;
};

struct Sentence {
    std::uint32_t start = 0;       // code points of the first token's start
    std::uint32_t end = 0;         // and of the last token's end
    std::uint32_t first_token = 0; // index into the token list
    std::uint32_t token_count = 0;
    bool operator==(const Sentence&) const = default;
};

// Tokens of `text` (code points), in order, never overlapping, skipping whitespace.
std::vector<Token> tokenize(std::u32string_view text);
// The kind the tokenizer would give a token made of `token` (its code points), for tokens that
// come from elsewhere (a dataset's own tokenization): punctuation or a symbol by its first
// character, a number when it has digits and no letter, else a word.
TokenKind token_kind(std::u32string_view token);
// Sentences over `tokens` of `text`; every token belongs to exactly one sentence.
std::vector<Sentence> split_sentences(std::u32string_view text, const std::vector<Token>& tokens);

} // namespace gloss::core
