// NameBook, the built-in name lists, and the spelling similarity measures. Layer: core.
#include "core/detect/names.hpp"

#include "core/detect/lexicon.hpp"
#include "core/text/tokenizer.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <cstdlib>

namespace gloss::core {

namespace {

// Written for Gloss: the places, peoples and bodies international news names most.
constexpr std::string_view kCountries[] = {"Afghanistan",
                                           "Albania",
                                           "Algeria",
                                           "Andorra",
                                           "Angola",
                                           "Argentina",
                                           "Armenia",
                                           "Australia",
                                           "Austria",
                                           "Azerbaijan",
                                           "Bahamas",
                                           "Bahrain",
                                           "Bangladesh",
                                           "Barbados",
                                           "Belarus",
                                           "Belgium",
                                           "Belize",
                                           "Benin",
                                           "Bhutan",
                                           "Bolivia",
                                           "Bosnia and Herzegovina",
                                           "Botswana",
                                           "Brazil",
                                           "Brunei",
                                           "Bulgaria",
                                           "Burkina Faso",
                                           "Burundi",
                                           "Cambodia",
                                           "Cameroon",
                                           "Canada",
                                           "Cape Verde",
                                           "Central African Republic",
                                           "Chad",
                                           "Chile",
                                           "China",
                                           "Colombia",
                                           "Comoros",
                                           "Congo",
                                           "Costa Rica",
                                           "Croatia",
                                           "Cuba",
                                           "Cyprus",
                                           "Czech Republic",
                                           "Côte d’Ivoire",
                                           "Denmark",
                                           "Djibouti",
                                           "Dominican Republic",
                                           "East Timor",
                                           "Ecuador",
                                           "Egypt",
                                           "El Salvador",
                                           "Equatorial Guinea",
                                           "Eritrea",
                                           "Estonia",
                                           "Eswatini",
                                           "Ethiopia",
                                           "Fiji",
                                           "Finland",
                                           "France",
                                           "Gabon",
                                           "Gambia",
                                           "Georgia",
                                           "Germany",
                                           "Ghana",
                                           "Greece",
                                           "Guatemala",
                                           "Guinea",
                                           "Guinea-Bissau",
                                           "Guyana",
                                           "Haiti",
                                           "Honduras",
                                           "Hungary",
                                           "Iceland",
                                           "India",
                                           "Indonesia",
                                           "Iran",
                                           "Iraq",
                                           "Ireland",
                                           "Israel",
                                           "Italy",
                                           "Jamaica",
                                           "Japan",
                                           "Jordan",
                                           "Kazakhstan",
                                           "Kenya",
                                           "Kosovo",
                                           "Kuwait",
                                           "Kyrgyzstan",
                                           "Laos",
                                           "Latvia",
                                           "Lebanon",
                                           "Lesotho",
                                           "Liberia",
                                           "Libya",
                                           "Liechtenstein",
                                           "Lithuania",
                                           "Luxembourg",
                                           "Madagascar",
                                           "Malawi",
                                           "Malaysia",
                                           "Maldives",
                                           "Mali",
                                           "Malta",
                                           "Mauritania",
                                           "Mauritius",
                                           "Mexico",
                                           "Moldova",
                                           "Monaco",
                                           "Mongolia",
                                           "Montenegro",
                                           "Morocco",
                                           "Mozambique",
                                           "Myanmar",
                                           "Namibia",
                                           "Nepal",
                                           "Netherlands",
                                           "New Zealand",
                                           "Nicaragua",
                                           "Niger",
                                           "Nigeria",
                                           "North Korea",
                                           "North Macedonia",
                                           "Norway",
                                           "Oman",
                                           "Pakistan",
                                           "Palestine",
                                           "Panama",
                                           "Papua New Guinea",
                                           "Paraguay",
                                           "Peru",
                                           "Philippines",
                                           "Poland",
                                           "Portugal",
                                           "Qatar",
                                           "Romania",
                                           "Russia",
                                           "Rwanda",
                                           "Samoa",
                                           "San Marino",
                                           "Saudi Arabia",
                                           "Senegal",
                                           "Serbia",
                                           "Seychelles",
                                           "Sierra Leone",
                                           "Singapore",
                                           "Slovakia",
                                           "Slovenia",
                                           "Somalia",
                                           "South Africa",
                                           "South Korea",
                                           "South Sudan",
                                           "Spain",
                                           "Sri Lanka",
                                           "Sudan",
                                           "Suriname",
                                           "Sweden",
                                           "Switzerland",
                                           "Syria",
                                           "Taiwan",
                                           "Tajikistan",
                                           "Tanzania",
                                           "Thailand",
                                           "Togo",
                                           "Trinidad and Tobago",
                                           "Tunisia",
                                           "Turkey",
                                           "Turkmenistan",
                                           "Uganda",
                                           "Ukraine",
                                           "United Arab Emirates",
                                           "United Kingdom",
                                           "United States",
                                           "Uruguay",
                                           "Uzbekistan",
                                           "Vanuatu",
                                           "Venezuela",
                                           "Vietnam",
                                           "Yemen",
                                           "Zambia",
                                           "Zimbabwe"};

constexpr std::string_view kCities[] = {
    "Amman",        "Ankara",      "Athens",      "Baghdad",   "Beijing",   "Beirut",
    "Berlin",       "Brussels",    "Cairo",       "Damascus",  "Dakar",     "Doha",
    "Dubai",        "Geneva",      "Gaza",        "Istanbul",  "Jerusalem", "Kabul",
    "Kharkiv",      "Khan Younis", "Kyiv",        "Lisbon",    "London",    "Madrid",
    "Moscow",       "Nairobi",     "New York",    "Paris",     "Rafah",     "Riyadh",
    "Rome",         "Tehran",      "Tel Aviv",    "Tokyo",     "Vienna",    "Warsaw",
    "Washington",   "West Bank",   "Odesa",       "Lviv",      "New Delhi", "Kuala Lumpur",
    "Buenos Aires", "Mexico City", "Addis Ababa", "Abu Dhabi", "Hong Kong", "Phnom Penh"};

constexpr std::string_view kNationalities[] = {
    "Afghan",    "African",    "American",    "Arab",        "Australian",   "Austrian",
    "Belgian",   "British",    "Canadian",    "Chinese",     "Dutch",        "Egyptian",
    "European",  "French",     "German",      "Greek",       "Indian",       "Iranian",
    "Iraqi",     "Irish",      "Israeli",     "Israelis",    "Italian",      "Japanese",
    "Jordanian", "Kurdish",    "Lebanese",    "Palestinian", "Palestinians", "Polish",
    "Qatari",    "Russian",    "Russians",    "Saudi",       "Senegalese",   "Spanish",
    "Sudanese",  "Swedish",    "Syrian",      "Turkish",     "Ukrainian",    "Ukrainians",
    "Yemeni",    "Muslim",     "Muslims",     "Christian",   "Jewish",       "Sunni",
    "Shia",      "Republican", "Republicans", "Democrat",    "Democrats",    "Houthi",
    "Houthis"};

constexpr std::string_view kOrganisations[] = {"United Nations",
                                               "UN",
                                               "NATO",
                                               "European Union",
                                               "EU",
                                               "Hamas",
                                               "Hezbollah",
                                               "CIA",
                                               "FBI",
                                               "IMF",
                                               "World Bank",
                                               "OPEC",
                                               "Kremlin",
                                               "Pentagon",
                                               "White House",
                                               "UNRWA",
                                               "Red Cross",
                                               "World Health Organization",
                                               "WHO",
                                               "African Union",
                                               "Security Council",
                                               "UN Security Council",
                                               "Reuters",
                                               "AFP",
                                               "Associated Press",
                                               "Mossad",
                                               "Islamic Jihad",
                                               "Taliban"};

} // namespace

std::string name_key(std::string_view written) {
    std::u32string cps = to_utf32(written);
    std::string out;
    bool space = false;
    for (char32_t c : cps) {
        if (c == U' ' || c == U'\t' || c == U'\n' || c == 0xA0) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        append_utf8(out, to_lower(c == 0x2019 ? U'\'' : c));
    }
    if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0) out.resize(out.size() - 2);
    return out;
}

void NameBook::add(std::string_view surface, const std::string& label, const std::string& canonical,
                   bool labelled) {
    std::string key = name_key(surface);
    if (key.empty()) return;
    m_spelling.index.reset();
    auto it = m_entries.find(key);
    if (it == m_entries.end() || (labelled && !it->second.labelled))
        m_entries[key] = NameEntry{label, canonical, std::string(surface), labelled};
    std::size_t words = 1 + static_cast<std::size_t>(std::count(key.begin(), key.end(), ' '));
    m_longest = std::max(m_longest, words);
    // Word forms for re-casing, and single-word names for spelling checks.
    std::u32string cps = to_utf32(surface);
    std::vector<Token> tokens = tokenize(cps);
    for (const Token& t : tokens) {
        if (t.kind != TokenKind::Word) continue;
        std::u32string_view w(cps.data() + t.start, t.end - t.start);
        if (!is_upper(w[0])) continue;
        std::string lower = lower_utf8(w);
        if (m_forms.emplace(lower, to_utf8(w)).second) m_name_words.push_back(lower);
    }
    // A person is often named by surname alone after the first mention: the canonical name's
    // last word (as the canonical writes it) becomes an alias.
    if (label == "PERSON") {
        std::u32string canon = to_utf32(canonical);
        std::vector<Token> parts = tokenize(canon);
        if (parts.size() > 1 && parts.back().kind == TokenKind::Word) {
            std::u32string_view w(canon.data() + parts.back().start,
                                  parts.back().end - parts.back().start);
            std::string last_key = lower_utf8(w);
            auto e = m_entries.find(last_key);
            if (e == m_entries.end() || (labelled && !e->second.labelled))
                m_entries[last_key] = NameEntry{label, canonical, to_utf8(w), labelled};
        }
    }
}

void NameBook::add_builtin() {
    for (std::string_view n : kCountries)
        add(n, "GPE", std::string(n), false);
    for (std::string_view n : kCities)
        add(n, "GPE", std::string(n), false);
    for (std::string_view n : kNationalities)
        add(n, "NORP", std::string(n), false);
    for (std::string_view n : kOrganisations)
        add(n, "ORG", std::string(n), false);
}

void NameBook::learn(const Document& document) {
    document.spans().for_each([&](const Span& s) { learn(document.text(), s); });
}

void NameBook::learn(const Text& text, const Span& s) {
    if (s.status == Status::Rejected || s.label == "QUOTE" || s.label == "ERROR") return;
    if (s.status == Status::Pending) return; // suggestions teach nothing until accepted
    std::string surface(text.slice(s.start, s.end));
    const std::string* canonical = s.attrs.get("canonical");
    add(surface, s.label, canonical && !canonical->empty() ? *canonical : surface, true);
    if (canonical && !canonical->empty()) add(*canonical, s.label, *canonical, true);
}

void NameBook::count_capitalised(std::string_view lower, std::string_view written) {
    ++m_capitals[std::string(lower)];
    if (name_form(lower)) return; // known already (here or in the parent)
    m_spelling.index.reset();
    m_forms.emplace(std::string(lower), std::string(written));
    m_name_words.emplace_back(lower);
}

const NameEntry* NameBook::find(std::string_view key) const {
    auto it = m_entries.find(std::string(key));
    if (it != m_entries.end()) return &it->second;
    return m_parent ? m_parent->find(key) : nullptr;
}

const std::string* NameBook::name_form(std::string_view lower) const {
    auto it = m_forms.find(std::string(lower));
    if (it != m_forms.end()) return &it->second;
    return m_parent ? m_parent->name_form(lower) : nullptr;
}

std::uint32_t NameBook::capitalised_count(std::string_view lower) const {
    auto it = m_capitals.find(std::string(lower));
    std::uint32_t own = it == m_capitals.end() ? 0 : it->second;
    return own + (m_parent ? m_parent->capitalised_count(lower) : 0);
}

void NameBook::spelling_candidates(std::string_view lower,
                                   std::vector<const std::string*>& out) const {
    if (m_parent) m_parent->spelling_candidates(lower, out);
    auto key_of = [](char32_t first, std::size_t size) {
        return (static_cast<std::uint64_t>(first) << 32) | size;
    };
    if (!m_spelling.index) {
        auto index = std::make_shared<SpellingIndex>();
        for (const std::string& name : m_name_words) {
            std::u32string cps = to_utf32(name);
            if (cps.size() < 3) continue;
            index->by_key[phonetic_key(name)].push_back(&name);
            index->by_start[key_of(cps[0], cps.size())].push_back(&name);
        }
        m_spelling.index = std::move(index);
    }
    std::u32string mine = to_utf32(lower);
    if (mine.empty()) return;
    if (auto it = m_spelling.index->by_key.find(phonetic_key(lower));
        it != m_spelling.index->by_key.end())
        out.insert(out.end(), it->second.begin(), it->second.end());
    for (std::size_t len = mine.size() > 2 ? mine.size() - 2 : 0; len <= mine.size() + 2; ++len)
        if (auto it = m_spelling.index->by_start.find(key_of(mine[0], len));
            it != m_spelling.index->by_start.end())
            out.insert(out.end(), it->second.begin(), it->second.end());
}

std::vector<const std::string*> NameBook::name_words() const {
    std::vector<const std::string*> out;
    if (m_parent) out = m_parent->name_words();
    for (const std::string& w : m_name_words)
        out.push_back(&w);
    return out;
}

// [SECTION] Similarity

namespace {

// QWERTY rows; keys next to each other in a row or diagonally are neighbours.
bool keyboard_neighbours(char32_t a, char32_t b) {
    static const char* const rows[] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    int ra = -1, ca = -1, rb = -1, cb = -1;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; rows[r][c]; ++c) {
            if (static_cast<char32_t>(rows[r][c]) == a) ra = r, ca = c;
            if (static_cast<char32_t>(rows[r][c]) == b) rb = r, cb = c;
        }
    if (ra < 0 || rb < 0) return false;
    return std::abs(ra - rb) <= 1 && std::abs(ca - cb) <= 1;
}

} // namespace

int edit_distance_halves(std::u32string_view a, std::u32string_view b, int limit) {
    const std::size_t n = a.size(), m = b.size();
    if (static_cast<int>(n > m ? n - m : m - n) * 2 > limit) return limit + 1;
    std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j)
        prev[j] = static_cast<int>(j) * 2;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = static_cast<int>(i) * 2;
        int best = cur[0];
        for (std::size_t j = 1; j <= m; ++j) {
            char32_t x = to_lower(a[i - 1]), y = to_lower(b[j - 1]);
            int sub = x == y ? 0 : keyboard_neighbours(x, y) ? 1 : 2;
            int v = std::min({prev[j] + 2, cur[j - 1] + 2, prev[j - 1] + sub});
            if (i > 1 && j > 1 && x == to_lower(b[j - 2]) && to_lower(a[i - 2]) == y)
                v = std::min(v, prev2[j - 2] + 2); // transposition
            cur[j] = v;
            best = std::min(best, v);
        }
        if (best > limit) return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

std::string phonetic_key(std::string_view lower) {
    auto code = [](char c) -> char {
        switch (c) {
        case 'b':
        case 'f':
        case 'p':
        case 'v':
            return '1';
        case 'c':
        case 'g':
        case 'j':
        case 'k':
        case 'q':
        case 's':
        case 'x':
        case 'z':
            return '2';
        case 'd':
        case 't':
            return '3';
        case 'l':
            return '4';
        case 'm':
        case 'n':
            return '5';
        case 'r':
            return '6';
        default:
            return '0'; // vowels, h, w, y and anything else
        }
    };
    std::string out;
    char last = 0;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        char c = lower[i];
        if (i == 0) {
            out += c;
            last = code(c);
            continue;
        }
        char k = code(c);
        if (k != '0' && k != last) out += k;
        if (c != 'h' && c != 'w') last = k;
    }
    return out;
}

} // namespace gloss::core
