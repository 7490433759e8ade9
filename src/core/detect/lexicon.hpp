// Lexicon: English words and proper nouns, for splitting glued words and telling names from
// common words. Parsed from the asset the build generates from Debian's wamerican word list
// (scripts/make_lexicon.py); a small built-in list of function words is always present, so the
// detectors still work, less well, without the asset. Layer: core (std only).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gloss::core {

class Lexicon {
public:
    Lexicon(); // the built-in function words only
    // Parses the asset ("gloss-lexicon 1" then front-coded entries); nullopt when it is not one.
    static std::optional<Lexicon> parse(std::string_view asset);
    // For tests: entries as a word list would hold them ("Cairo", "cairn").
    static Lexicon from_entries(const std::vector<std::string>& entries);

    // `lower` (lower case) is a common word: it has a lower-case entry or is a function word.
    bool is_word(std::string_view lower) const;
    // `lower` has only a capitalised entry ("cairo" -> "Cairo"): the capitalised form, else null.
    const std::string* proper_form(std::string_view lower) const;
    bool is_function_word(std::string_view lower) const;
    std::size_t size() const { return m_words.size() + m_proper.size(); }

private:
    void add(const std::string& entry);
    std::unordered_set<std::string> m_words;
    std::unordered_map<std::string, std::string> m_proper;
};

// ASCII and Latin-1/Latin Extended-A case mapping, enough for the names news text holds.
char32_t to_lower(char32_t c);
char32_t to_upper(char32_t c);
// Lower-cased UTF-8 of code points.
std::string lower_utf8(std::u32string_view text);
// "blinken" -> "Blinken"; "al-sisi" -> "Al-Sisi" (each part after a hyphen too).
std::string capitalised(std::string_view lower_utf8_word);

} // namespace gloss::core
