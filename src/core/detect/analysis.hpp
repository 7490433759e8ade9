// What every detector reads: the document's code points, tokens and sentences, and per word its
// lower-case form and shape. Internal to src/core/detect. Layer: core (std only).
#pragma once

#include "core/detect/assist.hpp"
#include "core/text/tokenizer.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace gloss::core::detail {

struct Word {
    std::string lower;           // UTF-8, lower case
    std::string base;            // `lower` without a possessive 's / ’s
    bool letters = false;        // letters only (with inner apostrophes or hyphens)
    bool capital = false;        // first letter upper case
    bool all_caps = false;       // two letters or more, all upper case
    bool sentence_start = false; // first word of its sentence (or after an opening quote)
    std::uint32_t sentence = 0;
};

struct Analysis {
    const Document& document;
    const NameBook& names;
    const Lexicon& lexicon;
    std::u32string cps;
    std::vector<Token> tokens;
    std::vector<Sentence> sentences;
    std::vector<Word> words; // one per token
    // Words of this part that are no common words, in any case (lower case, without a
    // possessive), and how often: `Sheinbaum` and `sheinbaum` are two mentions of one name.
    struct Seen {
        std::uint32_t count = 0;
        std::uint32_t first = 0; // code point of the first
    };
    std::unordered_map<std::string, Seen> local_names;

    // Every word of this part (lower case, without a possessive) and how often.
    std::unordered_map<std::string, std::uint32_t> local_words;
    std::uint32_t word_count(const std::string& lower) const {
        auto it = local_words.find(lower);
        return it == local_words.end() ? 0 : it->second;
    }

    std::uint32_t local_count(const std::string& lower) const {
        auto it = local_names.find(lower);
        return it == local_names.end() ? 0 : it->second.count;
    }
    std::uint32_t local_first(const std::string& lower) const {
        auto it = local_names.find(lower);
        return it == local_names.end() ? ~0u : it->second.first;
    }

    std::u32string_view token(std::size_t i) const {
        return {cps.data() + tokens[i].start, tokens[i].end - tokens[i].start};
    }
    std::string token_utf8(std::size_t i) const;
    // A word the annotators or the text show is a name (labelled, built in, or capitalised
    // mid-sentence at least `min_capitalised` times); its usual written form, else null.
    const std::string* known_name(std::string_view lower, std::uint32_t min_capitalised = 1) const;
    // A common word, in American or British spelling (`organisation`, `colour`, `centre`).
    bool is_word(std::string_view lower) const;
    // Whether a line break lies between two code point positions.
    bool line_break_between(std::uint32_t from, std::uint32_t to) const;
};

// A common word of the lexicon, in American or British spelling.
bool is_common_word(const Lexicon& lexicon, std::string_view lower);

// The words of tokens (sentence starts from `sentences`), and the evidence they give that a word
// is a name, counted into `book`.
std::vector<Word> read_words(const std::u32string& cps, const std::vector<Token>& tokens,
                             const std::vector<Sentence>& sentences);
void count_name_words(const std::u32string& cps, const std::vector<Token>& tokens,
                      const std::vector<Word>& words, const Lexicon& lexicon, NameBook& book);

// Builds the analysis of code points [from, to) of the document (offsets in the analysis are
// relative to `from`); the NameBook is copied and extended with the capitalised words of that
// part (`names_out` holds it for the lifetime of the analysis).
Analysis analyse(const Document& document, const NameBook& names, const Lexicon& lexicon,
                 NameBook& names_out, std::uint32_t from, std::uint32_t to);

Suggestion error_suggestion(Detector d, std::uint32_t start, std::uint32_t end, std::string type,
                            std::string correction, std::string reason);

// Titles before a name (`minister`, `president`) and words that qualify them (`foreign`,
// `prime`), lower case (entities.cpp); quotes use them to trim a speaker's title.
bool is_title(std::string_view lower);
// Words that end an organisation's name (`ministry`, `council`, `resources`), lower case.
bool is_org_word(std::string_view lower);
bool is_title_modifier(std::string_view lower);

// Garbles (garbles.cpp). Merged-token splits are also read by the entity detector.
struct Split {
    std::size_t token = 0;
    std::uint32_t at = 0;  // code point where the second word starts
    bool sentence = false; // the glue joins two sentences
    std::string left_lower, right_lower;
};
std::vector<Split> find_splits(const Analysis& a);
void detect_merged(const Analysis& a, const std::vector<Split>& splits, const AssistSettings& s,
                   std::vector<Suggestion>& out);
void detect_unended_sentences(const Analysis& a, std::vector<Suggestion>& out);
void detect_wrong_case(const Analysis& a, std::vector<Suggestion>& out);
void detect_duplication(const Analysis& a, std::vector<Suggestion>& out);
void detect_self_pairing(const Analysis& a, std::vector<Suggestion>& out);
void detect_misspellings(const Analysis& a, std::vector<Suggestion>& out);
// Entities (entities.cpp): after the garble detectors, whose corrections name entities too.
void detect_entities(const Analysis& a, const std::vector<Split>& splits,
                     const std::vector<Suggestion>& garbles, std::vector<Suggestion>& out);
// Quotes (quotes.cpp): `mentions` are the entity spans and suggestions to pick speakers from.
struct Mention {
    std::uint32_t start = 0, end = 0;
    std::string label;
};
void detect_quotes(const Analysis& a, const std::vector<Mention>& mentions,
                   std::vector<Suggestion>& out);

} // namespace gloss::core::detail
