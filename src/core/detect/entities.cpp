// Entity suggestions: every mention of a name the project knows (also in lower case, misspelled
// or glued to the next word), and capitalised sequences typed by a title or an organisation
// word. Layer: core.
#include "core/detect/analysis.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

namespace gloss::core::detail {

bool is_title(std::string_view lower) {
    for (std::string_view t :
         {"president", "minister", "secretary",  "mr",           "mrs",         "ms",
          "dr",        "director", "chancellor", "king",         "queen",       "prince",
          "sheikh",    "senator",  "ambassador", "spokesman",    "spokeswoman", "spokesperson",
          "general",   "gen",      "colonel",    "commissioner", "chairman",    "chairwoman",
          "chief",     "envoy",    "pope",       "judge",        "governor",    "mayor",
          "candidate", "analyst",  "economist",  "professor",    "ceo",         "leader",
          "premier",   "emir",     "coordinator"})
        if (t == lower) return true;
    return false;
}

// Words that qualify a title: `Foreign Minister`, `Deputy Prime Minister`.
bool is_title_modifier(std::string_view lower) {
    for (std::string_view t : {"foreign", "prime", "deputy", "vice", "state", "defence", "defense",
                               "interior", "finance", "economy", "health", "first", "acting",
                               "former", "senior", "chief", "general", "special", "secretary"})
        if (t == lower) return true;
    return false;
}

bool is_org_word(std::string_view lower) {
    for (std::string_view t :
         {"ministry",   "council",     "agency",     "organization",   "organisation", "party",
          "army",       "forces",      "bank",       "union",          "committee",    "nations",
          "authority",  "court",       "parliament", "front",          "movement",     "institute",
          "university", "corporation", "company",    "fund",           "commission",   "office",
          "department", "association", "federation", "alliance",       "service",      "guard",
          "programme",  "program",     "group",      "resources",      "holdings",     "brigades",
          "assembly",   "inc",         "ltd",        "semiconductors", "airlines",     "bureau",
          "foundation", "network"})
        if (t == lower) return true;
    return false;
}

namespace {

Suggestion entity(std::uint32_t start, std::uint32_t end, const std::string& label,
                  const std::string& canonical, std::string reason) {
    Suggestion s;
    s.detector = Detector::Entities;
    s.start = start;
    s.end = end;
    s.label = label;
    s.attrs.set("canonical", canonical);
    s.attrs.set("reason", std::move(reason));
    return s;
}

// End of a token without a possessive ’s / 's.
std::uint32_t name_end(const Analysis& a, std::size_t i) {
    std::u32string_view t = a.token(i);
    if (t.size() > 2 && (t[t.size() - 2] == U'\'' || t[t.size() - 2] == 0x2019) &&
        (t.back() == U's' || t.back() == U'S'))
        return a.tokens[i].end - 2;
    return a.tokens[i].end;
}

} // namespace

void detect_entities(const Analysis& a, const std::vector<Split>& splits,
                     const std::vector<Suggestion>& garbles, std::vector<Suggestion>& out) {
    const std::size_t n = a.tokens.size();
    std::vector<bool> covered(n, false);
    // 1. Names the project knows, longest first.
    for (std::size_t i = 0; i < n; ++i) {
        if (!a.words[i].letters) continue;
        std::string key;
        const NameEntry* best = nullptr;
        std::size_t best_len = 0;
        for (std::size_t len = 1; len <= a.names.longest_name_words() && i + len <= n; ++len) {
            std::size_t k = i + len - 1;
            if (len > 1 && a.tokens[k].start != a.tokens[k - 1].end + 1) break;
            std::string lower = a.words[k].lower;
            if (lower.size() > 2 && lower.compare(lower.size() - 2, 2, "'s") == 0)
                lower.resize(lower.size() - 2);
            else if (lower.size() > 4 && lower.compare(lower.size() - 4, 4, "\xE2\x80\x99s") == 0)
                lower.resize(lower.size() - 4);
            key += (len > 1 ? " " : "") + lower;
            if (const NameEntry* e = a.names.find(key)) best = e, best_len = len;
        }
        if (!best) continue;
        const Word& first = a.words[i];
        std::u32string_view written = a.token(i);
        bool acronym =
            best->surface.size() > 1 && is_upper(static_cast<unsigned char>(best->surface[1]));
        bool ok = first.capital;
        if (acronym) ok = to_utf8(written).rfind(best->surface.substr(0, 2), 0) == 0;
        // Lower-case mentions of labelled names (`anthony blinken`), never of common words.
        if (!first.capital && best->labelled && !a.is_word(first.lower)) ok = true;
        if (!ok) continue;
        std::uint32_t start = a.tokens[i].start, end = name_end(a, i + best_len - 1);
        out.push_back(entity(start, end, best->label, best->canonical,
                             best->labelled ? "a mention of " + best->canonical + " (labelled)"
                                            : "a known " + best->label + " name"));
        for (std::size_t k = i; k < i + best_len; ++k)
            covered[k] = true;
        i += best_len - 1;
    }
    // 2. Names inside garbles: the corrections of misspellings and lower-case names.
    for (const Suggestion& g : garbles) {
        if (g.detector != Detector::Misspelling && g.detector != Detector::WrongCase) continue;
        const std::string* correction = g.attrs.get("correction");
        if (!correction) continue;
        const NameEntry* e = a.names.find(name_key(*correction));
        if (!e) continue;
        out.push_back(
            entity(g.start, g.end, e->label, e->canonical, "a garbled mention of " + e->canonical));
    }
    //    and the name part of a glued word (`blinken` in `blinkenbut`).
    for (const Split& sp : splits) {
        const Token& t = a.tokens[sp.token];
        if (const NameEntry* e = a.names.find(sp.left_lower); e && !a.is_word(sp.left_lower))
            out.push_back(entity(t.start, sp.at, e->label, e->canonical,
                                 "a mention of " + e->canonical + " glued to the next word"));
        if (const NameEntry* e = a.names.find(sp.right_lower); e && !a.is_word(sp.right_lower))
            out.push_back(entity(sp.at, t.end, e->label, e->canonical,
                                 "a mention of " + e->canonical + " glued to the word before"));
    }
    // 3. Unknown capitalised sequences typed by a title before them or an organisation word.
    //    A glued word ends a sequence at its split (`Joe Bidenalso` -> `Joe Biden`).
    std::vector<std::uint32_t> split_at(n, 0);
    for (const Split& sp : splits)
        split_at[sp.token] = sp.at;
    auto name_word = [&](std::size_t k) {
        const Word& w = a.words[k];
        return w.letters && w.capital && !covered[k];
    };
    auto run_end = [&](std::size_t last) {
        return split_at[last] ? split_at[last] : name_end(a, last);
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (!name_word(i)) continue;
        std::size_t j = i;
        while (j < n && (j == i || a.tokens[j].start == a.tokens[j - 1].end + 1) &&
               (name_word(j) ||
                (j > i && j + 1 < n && (a.words[j].lower == "of" || a.words[j].lower == "for") &&
                 name_word(j + 1))))
            ++j;
        // A sentence's first word (`The`) is not part of the name.
        std::size_t i0 = i;
        while (i0 < j && a.lexicon.is_function_word(a.words[i0].lower))
            ++i0;
        std::size_t len = j - i0;
        bool org = false;
        for (std::size_t k = i0; k < j; ++k)
            org = org || is_org_word(a.words[k].lower);
        bool titled = i0 > 0 && is_title(a.words[i0 - 1].lower);
        // Skip leading titles inside the run ("Foreign Minister Sameh Shoukry").
        std::size_t s = i0;
        while (s < j && (is_title(a.words[s].lower) || is_title_modifier(a.words[s].lower))) {
            titled = titled || is_title(a.words[s].lower);
            ++s;
        }
        std::string written;
        if (org && len >= 2) {
            written = to_utf8(std::u32string_view(a.cps.data() + a.tokens[i0].start,
                                                  run_end(j - 1) - a.tokens[i0].start));
            out.push_back(entity(a.tokens[i0].start, run_end(j - 1), "ORG", written,
                                 "a capitalised name ending in an organisation word"));
        } else if (s < j && j - s <= 3) {
            bool unknown_words = true;
            for (std::size_t k = s; k < j; ++k)
                unknown_words = unknown_words &&
                                (split_at[k] || (!a.is_word(a.words[k].lower) &&
                                                 !a.lexicon.is_function_word(a.words[k].lower)));
            bool sentence_start = a.words[s].sentence_start && !titled;
            if ((titled || (j - s >= 2 && !sentence_start)) && unknown_words) {
                written = to_utf8(std::u32string_view(a.cps.data() + a.tokens[s].start,
                                                      run_end(j - 1) - a.tokens[s].start));
                out.push_back(entity(a.tokens[s].start, run_end(j - 1), "PERSON", written,
                                     titled ? "a name after a title" : "a capitalised name"));
            }
        }
        i = j > i ? j - 1 : i;
    }
}

} // namespace gloss::core::detail
