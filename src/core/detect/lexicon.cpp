// Lexicon parsing and lookups; case mapping. Layer: core.
#include "core/detect/lexicon.hpp"

#include "core/text/utf8.hpp"

namespace gloss::core {

namespace {

// Words every detector must know even without the asset: the glue of English sentences, which
// is what machine translation most often sticks to a name (`blinkenbut`, `netanyahuhas`).
constexpr std::string_view kFunctionWords[] = {
    "a",       "about",   "after",   "again",    "against", "all",     "also",   "an",     "and",
    "any",     "are",     "as",      "at",       "be",      "because", "been",   "before", "being",
    "between", "both",    "but",     "by",       "can",     "could",   "did",    "do",     "does",
    "during",  "each",    "even",    "for",      "from",    "had",     "has",    "have",   "he",
    "her",     "here",    "him",     "his",      "how",     "if",      "in",     "into",   "is",
    "it",      "its",     "just",    "last",     "later",   "may",     "more",   "most",   "must",
    "no",      "not",     "now",     "of",       "on",      "once",    "only",   "or",     "other",
    "our",     "out",     "over",    "said",     "says",    "she",     "should", "since",  "so",
    "some",    "such",    "than",    "that",     "the",     "their",   "them",   "then",   "there",
    "these",   "they",    "this",    "those",    "though",  "through", "to",     "told",   "too",
    "under",   "until",   "up",      "very",     "was",     "we",      "were",   "what",   "when",
    "where",   "which",   "while",   "who",      "whom",    "whose",   "why",    "will",   "with",
    "would",   "yet",     "you",     "stressed", "added",   "warned",  "urged",  "noted",  "called",
    "met",     "visited", "arrived", "announced"};

} // namespace

Lexicon::Lexicon() {
    for (std::string_view w : kFunctionWords)
        m_words.emplace(w);
}

void Lexicon::add(const std::string& entry) {
    if (entry.empty()) return;
    bool capital = entry[0] >= 'A' && entry[0] <= 'Z';
    std::string lower = entry;
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!capital) {
        m_proper.erase(lower);
        m_words.insert(std::move(lower));
    } else if (!m_words.count(lower)) {
        // All-capital entries (acronyms) are not names to re-case words to.
        bool acronym = entry.size() > 1 && entry[1] >= 'A' && entry[1] <= 'Z';
        if (!acronym) m_proper.emplace(std::move(lower), entry);
    }
}

std::optional<Lexicon> Lexicon::parse(std::string_view asset) {
    constexpr std::string_view kHeader = "gloss-lexicon 1\n";
    if (asset.substr(0, kHeader.size()) != kHeader) return std::nullopt;
    Lexicon lexicon;
    lexicon.m_words.reserve(80000);
    std::string previous;
    std::size_t pos = kHeader.size();
    while (pos < asset.size()) {
        std::size_t nl = asset.find('\n', pos);
        if (nl == std::string_view::npos) nl = asset.size();
        std::string_view line = asset.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty()) continue;
        auto shared = static_cast<std::size_t>(line[0] - '0');
        if (line[0] < '0' || shared > previous.size()) return std::nullopt;
        previous.resize(shared);
        previous.append(line.substr(1));
        lexicon.add(previous);
    }
    return lexicon;
}

Lexicon Lexicon::from_entries(const std::vector<std::string>& entries) {
    Lexicon lexicon;
    for (const std::string& e : entries)
        lexicon.add(e);
    return lexicon;
}

bool Lexicon::is_word(std::string_view lower) const {
    return m_words.count(std::string(lower)) > 0;
}

const std::string* Lexicon::proper_form(std::string_view lower) const {
    auto it = m_proper.find(std::string(lower));
    return it == m_proper.end() ? nullptr : &it->second;
}

bool Lexicon::is_function_word(std::string_view lower) const {
    for (std::string_view w : kFunctionWords)
        if (w == lower) return true;
    return false;
}

// [SECTION] Case

char32_t to_lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
        c != 0x17F) {
        bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        if (odd_upper) return (c % 2 == 1) ? c + 1 : c;
        return (c % 2 == 0) ? c + 1 : c;
    }
    return c;
}

char32_t to_upper(char32_t c) {
    if (c >= U'a' && c <= U'z') return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
    if (c > 0x100 && c <= 0x17F && to_lower(c - 1) == c) return c - 1; // pairs in Latin Ext-A
    return c;
}

std::string lower_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text)
        append_utf8(out, to_lower(c));
    return out;
}

std::string capitalised(std::string_view word) {
    std::u32string cps = to_utf32(word);
    bool start = true;
    for (char32_t& c : cps) {
        if (start) c = to_upper(c);
        start = c == U'-';
    }
    return to_utf8(cps);
}

} // namespace gloss::core
