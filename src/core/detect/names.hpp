// NameBook: the names a project knows, for gazetteer suggestions, re-casing and spelling
// checks: entities the annotators labelled (with canonical names), names written capitalised
// in the text, and a small built-in list of countries, cities, nationalities and organisations
// written for Gloss. Layer: core (std only).
#pragma once

#include "core/model/document.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gloss::core {

struct NameEntry {
    std::string label;     // PERSON, ORG, GPE, NORP, LOC
    std::string canonical; // "Antony Blinken"
    std::string surface;   // as usually written ("Blinken" for the surname alias)
    bool labelled = false; // from an annotator's span (else built in)
};

class NameBook {
public:
    // The built-in countries, cities, nationalities and organisations.
    void add_builtin();
    // Every accepted entity span (PERSON, ORG, GPE, NORP, LOC and any label not QUOTE/ERROR
    // with a `canonical`) of `document`, and its capitalised words.
    void learn(const Document& document);
    // One span of a document the same way (nothing unless it is such an accepted entity span);
    // learning a document's spans one by one in text order is learn(document).
    void learn(const Text& text, const Span& span);
    // One name: its written form, label and canonical; a PERSON's surname is added as an alias.
    void add(std::string_view surface, const std::string& label, const std::string& canonical,
             bool labelled);
    // Counts capitalised words not at a sentence start, the evidence for names in the text.
    void count_capitalised(std::string_view lower, std::string_view written);

    // The entry for a name written as `key` (lower case, words joined by one space).
    const NameEntry* find(std::string_view key) const;
    std::size_t longest_name_words() const {
        return m_parent ? std::max(m_longest, m_parent->longest_name_words()) : m_longest;
    }
    // How a single lower-case word is written as a name ("blinken" -> "Blinken"), or null.
    const std::string* name_form(std::string_view lower) const;
    std::uint32_t capitalised_count(std::string_view lower) const;
    // Single-word names (lower case) for spelling comparisons, this book's and its parent's.
    std::vector<const std::string*> name_words() const;
    bool empty() const { return m_entries.empty() && (!m_parent || m_parent->empty()); }
    // Names that could be misspelled as `lower` (same phonetic key, or the same first letter
    // and a length within two), this book's and its parent's; built once, on first use.
    void spelling_candidates(std::string_view lower, std::vector<const std::string*>& out) const;
    // Lookups fall back to `parent` (which must outlive this book): a document's own counts
    // over the project's names without copying them.
    void set_parent(const NameBook* parent) { m_parent = parent; }
    // Whether this book (or a parent) holds the capitalised words of the project's whole text
    // (core::count_names), so a part being searched need not count its own.
    bool counts_text() const { return m_counts_text || (m_parent && m_parent->counts_text()); }
    void set_counts_text() { m_counts_text = true; }

private:
    std::unordered_map<std::string, NameEntry> m_entries;
    std::unordered_map<std::string, std::string> m_forms;      // lower word -> written form
    std::unordered_map<std::string, std::uint32_t> m_capitals; // lower word -> count
    std::vector<std::string> m_name_words;
    std::size_t m_longest = 1;
    const NameBook* m_parent = nullptr;
    bool m_counts_text = false;
    struct SpellingIndex {
        std::unordered_map<std::string, std::vector<const std::string*>> by_key;
        std::unordered_map<std::uint64_t, std::vector<const std::string*>> by_start; // letter, size
    };
    // Dropped by every change, and not copied (it points into this book's own strings).
    struct SpellingCache {
        std::shared_ptr<const SpellingIndex> index;
        SpellingCache() = default;
        SpellingCache(const SpellingCache&) {}
        SpellingCache& operator=(const SpellingCache&) {
            index.reset();
            return *this;
        }
        SpellingCache(SpellingCache&&) noexcept = default;
        SpellingCache& operator=(SpellingCache&&) noexcept = default;
    };
    mutable SpellingCache m_spelling;
};

// A name as a key: lower case, words separated by one space, a possessive 's dropped.
std::string name_key(std::string_view written);

// Damerau-Levenshtein distance on code points, where a substitution of keys next to each other
// on a QWERTY keyboard costs half; returns a value in half-units (2 = one full edit).
int edit_distance_halves(std::u32string_view a, std::u32string_view b, int limit_halves);
// A phonetic key close to Soundex: the first letter, then consonant classes without repeats.
std::string phonetic_key(std::string_view lower);

} // namespace gloss::core
