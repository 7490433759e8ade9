// The garble detectors: glued words and sentences, sentences with no end mark, names in lower
// case, duplicated phrases, self-pairings and misspelled names. Layer: core.
#include "core/detect/analysis.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace gloss::core::detail {

namespace {

bool is_preposition(std::string_view lower) {
    for (std::string_view p :
         {"in",      "on",      "at",      "of",      "for",    "to",     "with",   "by",
          "from",    "into",    "after",   "before",  "over",   "under",  "and",    "or",
          "but",     "as",      "outside", "inside",  "near",   "across", "around", "despite",
          "against", "between", "beyond",  "towards", "toward", "via"})
        if (p == lower) return true;
    return false;
}

// Words that start a sentence and rarely follow a lower-case word inside one with a capital.
bool starts_sentences(std::string_view lower) {
    for (std::string_view w :
         {"the",     "he",        "she",       "it",        "they",  "we",     "this",
          "these",   "those",     "there",     "in",        "on",    "at",     "but",
          "however", "meanwhile", "earlier",   "later",     "after", "before", "when",
          "while",   "his",       "her",       "their",     "our",   "its",    "a",
          "an",      "since",     "during",    "despite",   "both",  "some",   "many",
          "most",    "several",   "according", "officials", "talks", "no"})
        if (w == lower) return true;
    return false;
}

// The part written as it should be: a name gets its usual form, other words stay as written.
std::string fixed_part(const Analysis& a, std::uint32_t from, std::uint32_t to) {
    std::u32string_view part(a.cps.data() + from, to - from);
    std::string lower = lower_utf8(part);
    if (!a.is_word(lower))
        if (const std::string* form = a.known_name(lower)) return *form;
    return to_utf8(part);
}

} // namespace

// [SECTION] Glued words

// Function words that start a sentence far more often than they continue one after a noun
// (`countryIts`, `beganEach`), unlike `which`, `who`, `and` (`UkraineWhich` is one sentence).
bool opens_sentence(std::string_view lower) {
    for (std::string_view w :
         {"its",     "each",  "the",       "this",    "these", "those",   "he",   "she",
          "it",      "they",  "we",        "his",     "her",   "their",   "our",  "there",
          "a",       "an",    "some",      "many",    "most",  "several", "both", "no",
          "however", "since", "meanwhile", "earlier", "later"})
        if (w == lower) return true;
    return false;
}

// Words that follow a name in news text often enough that a capitalised word the lexicon does
// not hold, ending in one, is the two glued (`Cumminssaid`; `Jianhuaof the`, but a name goes on
// after `Krzysztof`).
bool glued_to_name(std::string_view lower) {
    for (std::string_view w :
         {"said", "told", "added", "where", "who", "has", "also", "will", "of"})
        if (w == lower) return true;
    return false;
}

// Words written in lower case inside names (`Mar del Plata`, `Ould`, `bin Salman`).
bool is_name_particle(std::string_view lower) {
    for (std::string_view w : {"del", "de",  "da",  "do", "dos", "das", "di", "van", "von", "der",
                               "den", "bin", "ibn", "al", "el",  "la",  "le", "les", "y",   "e"})
        if (w == lower) return true;
    return false;
}

// Particles that end compounds written as one word (`handover`, `takeover`, `shutdown`).
bool ends_compounds(std::string_view lower) {
    for (std::string_view w : {"over", "out", "up", "off", "down", "back", "away", "in", "on"})
        if (w == lower) return true;
    return false;
}

// A verb's form (`defeating`, `named`, `met`): what comes after it is its object.
bool is_verb_form(std::string_view lower) {
    if (lower.size() > 4 && (lower.ends_with("ing") || lower.ends_with("ed"))) return true;
    for (std::string_view w :
         {"met",    "said", "told",   "won",      "lost",      "beat",   "led",     "saw",
          "made",   "took", "gave",   "hit",      "urged",     "named",  "thanked", "called",
          "became", "left", "joined", "replaced", "succeeded", "elected"})
        if (w == lower) return true;
    return false;
}

// Nouns written before a person's name (`lawyerMuhammad`): the name continues the sentence.
bool is_role(std::string_view lower) {
    if (is_title(lower) || is_title_modifier(lower)) return true;
    for (std::string_view w :
         {"lawyer",    "spokesman",  "spokeswoman", "analyst",    "coach",     "striker",
          "captain",   "midfielder", "defender",    "goalkeeper", "economist", "researcher",
          "activist",  "journalist", "reporter",    "professor",  "doctor",    "farmer",
          "teacher",   "student",    "worker",      "resident",   "official",  "envoy",
          "colleague", "rival",      "opponent",    "son",        "daughter",  "wife",
          "husband",   "brother",    "sister",      "mother",     "father"})
        if (w == lower) return true;
    return false;
}

bool is_reporting(std::string_view lower) {
    return lower == "said" || lower == "told" || lower == "added";
}

// Function words that begin compounds written as one word (`overcapacity`, `outflow`).
bool forms_compounds(std::string_view lower) {
    for (std::string_view w : {"over", "under", "out", "up", "down", "off", "back", "through",
                               "after", "in", "on", "by", "with", "for", "fore", "some", "any"})
        if (w == lower) return true;
    return false;
}

// Function words that need a noun after them (`our`, `the`): not the end of a glued word.
bool opens_noun(std::string_view lower) {
    for (std::string_view w :
         {"our",   "his",  "her",   "its",   "the", "a",    "an",   "my",  "your",
          "their", "us",   "me",    "him",   "it",  "we",   "he",   "she", "they",
          "i",     "this", "these", "those", "no",  "each", "every"})
        if (w == lower) return true;
    return false;
}

// Verbs that follow a subject glued to it (`HynixFell`, `Rutosaid`): the glue is in a sentence.
bool is_clause_verb(std::string_view lower) {
    for (std::string_view v :
         {"said", "says", "told", "added", "fell",   "rose",   "has",   "have",
          "had",  "is",   "was",  "were",  "are",    "will",   "would", "also",
          "won",  "lost", "met",  "made",  "called", "warned", "urged", "agreed"})
        if (v == lower) return true;
    return false;
}

std::vector<Split> find_splits(const Analysis& a) {
    std::vector<Split> out;
    auto place_name = [&](const std::string& lower) {
        const NameEntry* e = a.names.find(lower);
        return e && (e->label == "GPE" || e->label == "LOC");
    };
    // A word one edit from a name this document writes is that name misspelt (`Brussells`,
    // `Guayaquill`), not a name glued to a word.
    auto misspelt_name = [&](const std::string& lower) {
        std::vector<const std::string*> candidates;
        a.names.spelling_candidates(lower, candidates);
        const std::u32string mine = to_utf32(lower);
        for (const std::string* name : candidates)
            if (*name != lower && (a.local_count(*name) >= 1 || a.names.find(*name)) &&
                edit_distance_halves(mine, to_utf32(*name), 2) <= 2)
                return true;
        return false;
    };
    auto next_is_date = [&](std::size_t i) {
        if (i + 1 >= a.tokens.size()) return false;
        const std::string& w = a.words[i + 1].lower;
        for (std::string_view d :
             {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"})
            if (w == d) return true;
        return false;
    };
    for (std::size_t i = 0; i < a.tokens.size(); ++i) {
        const Word& w = a.words[i];
        if (!w.letters || w.all_caps) continue;
        // The word without a possessive (`byItaly’s`), split after its last hyphen only
        // (`Thomas-Greenfieldsaid`).
        std::u32string_view whole = a.token(i);
        std::u32string_view tok = whole.substr(0, to_utf32(w.base).size());
        if (tok.find_first_of(U"'\u2019") != std::u32string_view::npos) continue;
        std::size_t first = tok.rfind(U'-');
        first = first == std::u32string_view::npos ? 0 : first + 1;
        if (tok.size() - first < 4) continue;
        const bool lower_token = !w.capital;
        if (a.is_word(w.base) || a.known_name(w.base, 2) || a.names.find(w.base)) continue;
        if (a.lexicon.proper_form(w.base)) continue; // `Zealand`: a name of its own
        // A lower-case word the text writes capitalised elsewhere is a name in the wrong case.
        if (lower_token && a.known_name(w.base, 1)) continue;
        int best_score = 0;
        Split best;
        for (std::size_t k = first + 2; k + 1 <= tok.size(); ++k) {
            std::string left = lower_utf8(tok.substr(first, k - first));
            std::string right = lower_utf8(tok.substr(k));
            const std::size_t left_size = k - first;
            bool case_change = is_lower(tok[k - 1]) && is_upper(tok[k]);
            bool inner_capital = false;
            for (std::size_t q = k + 1; q < tok.size(); ++q)
                inner_capital = inner_capital || is_upper(tok[q]);
            if (inner_capital) continue;
            bool left_word = a.is_word(left), right_word = a.is_word(right);
            // One letter: only `A` or `I` opening a sentence after a word (`districtA lawmaker`).
            const bool one_letter_opener = right.size() == 1 && (right == "a" || right == "i") &&
                                           case_change && left_word && left_size >= 4 &&
                                           !a.lexicon.is_function_word(left);
            if (right.size() == 1 && !one_letter_opener) continue;
            // A name the text writes, or one the lexicon knows followed by a word that often
            // follows a name (`Nouakchotton`, `Mombasaand`; not `Salman`, `Hassan`).
            const bool right_follows = a.lexicon.is_function_word(right) || is_clause_verb(right);
            // (a two-letter word after a name only the lexicon knows is too often the name's own
            // end: `Langat`).
            // (`French` in `Frenchdelegation` is a name though `french` is a word too.)
            bool left_name =
                (!left_word && (a.known_name(left) || (a.lexicon.proper_form(left) &&
                                                       right_follows && right.size() >= 3))) ||
                (left_word && first == 0 && is_upper(tok[0]) && a.names.find(left) &&
                 !a.lexicon.is_function_word(left));
            bool right_name = !right_word && (a.known_name(right) ||
                                              (a.lexicon.proper_form(right) && right.size() >= 4));
            if (right.size() < 3 && !right_follows) continue; // `Sameh` is not `Sam eh`
            // Case changes are evidence of their own: a name the lexicon knows before a word
            // (`AmsterdamAnalysts`), any name-like part before a sentence opener (`ItaitubaThe`),
            // a word before a name-like part (`defeatingSaeed`, `saidÖzgür`).
            const bool name_like_left = is_upper(tok[first]) && left_size >= 3 && !left_word;
            const bool name_like_right = right.size() >= 3 && !right_word;
            if (case_change && !left_name && !left_word)
                left_name = a.lexicon.proper_form(left) ||
                            (name_like_left && right_word &&
                             (opens_sentence(right) || a.lexicon.is_function_word(right)));
            // `defeatingSaeed`, `AmbassadorTakashi`: a word (or a title) before a name.
            if (case_change && !right_name && !right_word)
                right_name = left_word && (left_size >= 3 || is_preposition(left)) &&
                             name_like_right && (is_lower(tok[first]) || is_title(left));
            // `PrabowoSubianto`: two names no dictionary holds, each of four letters or more.
            if (case_change && name_like_left && left_size >= 4 && name_like_right &&
                right.size() >= 4)
                left_name = right_name = true;
            // `Putrajayaon Monday`: a name and `on` before a day or a month.
            const bool on_a_day = right == "on" && next_is_date(i);
            int score = 0;
            if (case_change && (left_word || left_name) && (right_word || right_name) &&
                (left_size >= 3 || left_word))
                score = 40;
            else if (!case_change && on_a_day && left_size >= 3 && !left_word)
                score = 35;
            else if (!case_change && is_upper(tok[first]) && left_size >= 3 &&
                     (glued_to_name(right) && (name_like_left || is_reporting(right))) &&
                     (right != "of" || (i + 1 < a.tokens.size() && !a.words[i + 1].capital)))
                score = 20; // `Cumminssaid`, `Wrocławwhere`, `Applesaid`
            else if (!case_change && name_like_left && left_size >= 4 && right_word &&
                     right.size() >= 5 && !a.lexicon.proper_form(right) && !w.sentence_start &&
                     !misspelt_name(w.base))
                score = 15; // `Tinubuscrapped`: an unknown name and a long word
            else if (!case_change && left_name && right_word && left_size >= 3 &&
                     (lower_token || right.size() >= 4 || right_follows))
                score = 30; // not `Ana hit` for `Anahit`
            else if (!case_change && lower_token && left_word && right_name && left_size >= 4)
                score = 25; // `sangomar` may be `sang omar`; `Sangomar` is a name
            else if (!case_change && lower_token && left_word && left_size >= 4 &&
                     a.lexicon.is_function_word(right) && right.size() >= 2 && !opens_noun(right) &&
                     !ends_compounds(right))
                score = 10; // `ministerand`, not `mans our`, not `handover`
            else if (!case_change && lower_token && left_word && right_word && left_size >= 4 &&
                     right.size() >= 4 && !a.lexicon.is_function_word(left) &&
                     !a.lexicon.is_function_word(right) && a.word_count(left) >= 1 &&
                     a.word_count(right) >= 1)
                score = 12; // `vanillaprices`: two words the text also writes apart
            else if (!case_change && lower_token && a.lexicon.is_function_word(left) &&
                     !forms_compounds(left) && left_size >= 2 && right_word && right.size() >= 4)
                score = 10; // `thepolice`, not `overcapacity`
            if (score == 0) continue;
            // The longer name; for an unknown one, the longer word (`Tinubu scrapped`).
            score +=
                static_cast<int>(std::min<std::size_t>(score == 15 ? right.size() : left_size, 12));
            if (score > best_score) {
                best_score = score;
                best.token = i;
                best.at = a.tokens[i].start + static_cast<std::uint32_t>(k);
                best.left_lower = left;
                best.right_lower = right;
                // Two sentences glued (`MaySchools`, `ShoukryAccording`, `yearMinisters`): a
                // capitalised common word that is no function word or verb of the first, after
                // a word that is no preposition (`withSheinbaum`, `byItaly` are one sentence).
                // A name after a noun or a place starts a sentence too (`dayParashar`,
                // `MoscowShor`), not after a verb or a preposition (`metXi`, `withSheinbaum`).
                const bool noun_left = (left_word && !a.lexicon.is_function_word(left) &&
                                        !is_verb_form(left) && !is_role(left)) ||
                                       place_name(left);
                best.sentence = one_letter_opener ||
                                (case_change && !is_preposition(left) && left != "the" &&
                                 left != "a" && left != "an" &&
                                 ((right_word && !is_clause_verb(right) &&
                                   (!a.lexicon.is_function_word(right) || opens_sentence(right))) ||
                                  (right_name && !right_word && noun_left)));
            }
        }
        if (best_score > 0) out.push_back(std::move(best));
    }
    return out;
}

void detect_merged(const Analysis& a, const std::vector<Split>& splits, const AssistSettings& s,
                   std::vector<Suggestion>& out) {
    for (const Split& sp : splits) {
        const Token& t = a.tokens[sp.token];
        // Without a possessive: `byItaly’s` is `by Italy` + `’s`.
        const auto end =
            static_cast<std::uint32_t>(t.start + to_utf32(a.words[sp.token].base).size());
        std::string left = to_utf8(std::u32string_view(a.cps.data() + t.start, sp.at - t.start));
        std::string right = to_utf8(std::u32string_view(a.cps.data() + sp.at, end - sp.at));
        if (sp.sentence) {
            if (!s.on(Detector::BrokenSentence)) continue;
            out.push_back(error_suggestion(Detector::BrokenSentence, t.start, end,
                                           "broken_sentence", left + ". " + right,
                                           "two sentences run together: ‘" + left +
                                               "’ ends one, ‘" + right + "’ starts the next"));
        } else {
            if (!s.on(Detector::MergedTokens)) continue;
            std::string second = fixed_part(a, sp.at, end);
            // `UkraineWhich` is `Ukraine which`: a common word inside a sentence is lower case.
            if (a.lexicon.is_function_word(sp.right_lower) ||
                (a.is_word(sp.right_lower) && !a.known_name(sp.right_lower)))
                second = sp.right_lower;
            std::string fixed = fixed_part(a, t.start, sp.at) + " " + second;
            out.push_back(error_suggestion(Detector::MergedTokens, t.start, end, "merged_tokens",
                                           fixed,
                                           "‘" + left + "’ and ‘" + right + "’ glued together"));
        }
    }
    // A comma with no space after it between two words (`Amizmiz,where`); not in numbers.
    if (!s.on(Detector::MergedTokens)) return;
    for (std::size_t i = 1; i + 1 < a.tokens.size(); ++i) {
        if (a.token(i) != U"," || a.tokens[i].start != a.tokens[i - 1].end ||
            a.tokens[i + 1].start != a.tokens[i].end || !a.words[i - 1].letters ||
            !a.words[i + 1].letters)
            continue;
        std::string left = a.token_utf8(i - 1), right = a.token_utf8(i + 1);
        out.push_back(error_suggestion(Detector::MergedTokens, a.tokens[i - 1].start,
                                       a.tokens[i + 1].end, "merged_tokens", left + ", " + right,
                                       "‘" + left + ",’ and ‘" + right + "’ glued together"));
    }
}

// [SECTION] Sentences without an end mark

void detect_unended_sentences(const Analysis& a, std::vector<Suggestion>& out) {
    for (std::size_t i = 0; i + 2 < a.tokens.size(); ++i) {
        const Word& w = a.words[i];
        const Word& next = a.words[i + 1];
        // A common word, or a name (`in Dubai The next two weeks`), then a sentence opener.
        const bool ends_as_name = w.capital && !w.sentence_start && !a.is_word(w.base);
        if (!w.letters || (w.capital && !ends_as_name) || (!w.capital && !a.is_word(w.lower)))
            continue;
        if (!next.letters || !next.capital || next.all_caps) continue;
        // A sentence opener, or any common noun written capitalised after a word that is no
        // function word, with a lower-case word after it (`his term Analysts said`): no name
        // and no title is written so.
        const bool common_noun =
            !w.capital && !a.lexicon.is_function_word(w.lower) && a.is_word(next.base) &&
            !a.lexicon.is_function_word(next.lower) && !is_title(next.lower) &&
            !is_title_modifier(next.lower) && !a.known_name(next.base, 2) &&
            !a.lexicon.proper_form(next.base) &&
            (is_clause_verb(a.words[i + 2].lower) || a.words[i + 2].lower == "say" ||
             a.words[i + 2].lower == "expect");
        if (!starts_sentences(next.lower) && !common_noun) continue;
        if (ends_as_name && !opens_sentence(next.lower)) continue; // `in Cairo In` is rare
        if (a.line_break_between(a.tokens[i].end, a.tokens[i + 1].start)) continue;
        // "... in The Hague": a name that starts with the word.
        if (a.names.find(next.lower + " " + a.words[i + 2].lower)) continue;
        if (next.lower == "the" && a.words[i + 2].capital) continue; // `to The Hague`
        // The next words must read as a clause: a lower-case word or a name follows.
        const Word& after = a.words[i + 2];
        if (!after.letters) continue;
        std::string word = a.token_utf8(i);
        out.push_back(error_suggestion(Detector::BrokenSentence, a.tokens[i].start, a.tokens[i].end,
                                       "broken_sentence", word + ".",
                                       "no end mark before ‘" + a.token_utf8(i + 1) +
                                           "’, which starts a new sentence"));
    }
}

// [SECTION] Names in lower case

namespace {

// Common words joined by hyphens (`left-wing`, `long-term`): a word, not a name.
bool is_common_compound(const Analysis& a, std::string_view lower) {
    if (lower.find('-') == std::string_view::npos) return false;
    std::size_t from = 0;
    while (from <= lower.size()) {
        std::size_t to = lower.find('-', from);
        if (to == std::string_view::npos) to = lower.size();
        if (to == from || !a.is_word(lower.substr(from, to - from))) return false;
        from = to + 1;
    }
    return true;
}

// Two letters or more, all capitals (`EU`, `ASEAN`).
bool is_acronym(std::string_view written) {
    std::u32string w = to_utf32(written);
    return w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char32_t c) { return is_upper(c); });
}

} // namespace

void detect_wrong_case(const Analysis& a, std::vector<Suggestion>& out) {
    // How a lower-case word is written as a name; capitalised when only seen in lower case.
    auto name_form = [&](std::size_t i) -> std::optional<std::string> {
        const Word& w = a.words[i];
        if (!w.letters || w.capital || a.is_word(w.base) || is_name_particle(w.base) ||
            is_common_compound(a, w.base))
            return std::nullopt;
        const std::string* form = a.known_name(w.base);
        if (!form) form = a.lexicon.proper_form(w.base);
        if (!form) return std::nullopt;
        if (form->empty() || !is_upper(to_utf32(*form)[0])) return capitalised(*form);
        return *form;
    };
    // The end of a word without its possessive (`taiwan's` -> `taiwan`).
    auto base_end = [&](std::size_t i) {
        return a.tokens[i].end - static_cast<std::uint32_t>(to_utf32(a.words[i].lower).size() -
                                                            to_utf32(a.words[i].base).size());
    };
    // A lower-case word no dictionary holds where a name goes: at a sentence start (`brasília
    // rejected`), after a title (`Minister hakan fidan`), or after a preposition; two to four
    // letters after `the` are an acronym (`the wto`). Only with the real lexicon, which knows
    // what is a word.
    const bool lexicon_known = a.lexicon.size() > 1000;
    auto unknown_name = [&](std::size_t i) -> std::optional<std::string> {
        const Word& w = a.words[i];
        const std::size_t letters = to_utf32(w.base).size();
        if (!lexicon_known || !w.letters || w.capital || a.is_word(w.base) || letters < 2 ||
            w.base.find('-') != std::string::npos)
            return std::nullopt;
        const Word* before = i > 0 ? &a.words[i - 1] : nullptr;
        if (is_name_particle(w.base)) return std::nullopt;
        const bool after_title = before && before->capital && is_title(before->lower);
        const bool after_preposition =
            before && (before->lower == "in" || before->lower == "from" || before->lower == "to" ||
                       before->lower == "by" || before->lower == "of");
        // After a full stop: the sentence splitter wants a capital there, so it does not know.
        const bool after_stop = !before || before->lower == "." || before->lower == "?" ||
                                before->lower == "!" ||
                                a.line_break_between(a.tokens[i - 1].end, a.tokens[i].start);
        const bool name_place = w.sentence_start || after_stop || after_title || after_preposition;
        // `the wto`; three letters no dictionary holds where a name goes (`by nec`): acronyms.
        if ((before && before->lower == "the" && letters <= 4) || (letters == 3 && name_place)) {
            std::string upper;
            for (char32_t c : to_utf32(w.base))
                upper += to_utf8(std::u32string(1, to_upper(c)));
            return upper;
        }
        if (letters < 3) return std::nullopt;
        if (w.sentence_start || after_stop || after_title ||
            (after_preposition && letters >= 4 && before->lower != "by" && before->lower != "of"))
            return capitalised(w.base);
        return std::nullopt;
    };
    // Names of several words this part writes capitalised (`Broad Front`, `Al Haouz`), by
    // their lower-case words joined by one space: each whole run of capitalised words and name
    // particles, without a sentence's first common word (not `Oil Pipeline` of `East African
    // Crude Oil Pipeline`).
    // A phrase written in lower case more often than capitalised is a common one (`nuclear
    // power` beside `Korea Hydro & Nuclear Power`).
    struct WrittenName {
        std::string surface;
        std::uint32_t capitalised = 0, lower = 0;
    };
    std::unordered_map<std::string, WrittenName> written_names;
    std::size_t longest_written = 0;
    // Headlines in title case (`Ceasefire And Hostage Talks Resume`) capitalise common words.
    std::unordered_map<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>> capitals_of;
    for (const Word& w : a.words)
        if (w.letters && to_utf32(w.lower).size() >= 4) {
            auto& [capitals, all] = capitals_of[w.sentence];
            capitals += w.capital ? 1 : 0;
            ++all;
        }
    auto title_case = [&](std::uint32_t sentence) {
        auto [capitals, all] = capitals_of[sentence];
        return all >= 3 && capitals * 10 >= all * 7;
    };
    for (std::size_t i = 0; i < a.tokens.size();) {
        std::size_t j = i;
        while (j < a.tokens.size() && a.words[j].letters &&
               (a.words[j].capital || (j > i && is_name_particle(a.words[j].lower))) &&
               (j == i || a.tokens[j].start == a.tokens[j - 1].end + 1))
            ++j;
        if (j == i) {
            ++i;
            continue;
        }
        std::size_t b = a.words[i].sentence_start && a.is_word(a.words[i].lower) ? i + 1 : i;
        std::size_t e = j;
        while (e > b && !a.words[e - 1].capital) // a particle does not end a name
            --e;
        bool function_word = false; // capitalised inside the run: a title's case
        for (std::size_t k = b + 1; k < e; ++k)
            function_word = function_word || a.lexicon.is_function_word(a.words[k].lower);
        if (e >= b + 2 && !function_word && !title_case(a.words[b].sentence)) {
            std::string key;
            for (std::size_t k = b; k < e; ++k)
                key += (k > b ? " " : "") + a.words[k].lower;
            WrittenName& n = written_names[key];
            if (n.surface.empty())
                n.surface = to_utf8(std::u32string_view(a.cps.data() + a.tokens[b].start,
                                                        a.tokens[e - 1].end - a.tokens[b].start));
            ++n.capitalised;
            longest_written = std::max(longest_written, e - b);
        }
        i = j;
    }
    for (std::size_t i = 0; !written_names.empty() && i < a.tokens.size(); ++i) {
        std::string key = a.words[i].lower;
        for (std::size_t k = i + 1; k < a.tokens.size() && k < i + longest_written &&
                                    a.tokens[k].start == a.tokens[k - 1].end + 1;
             ++k) {
            if (a.words[i].capital || a.words[k].capital) break;
            key += " " + a.words[k].lower;
            if (auto w = written_names.find(key); w != written_names.end()) ++w->second.lower;
        }
    }
    for (std::size_t i = 0; i < a.tokens.size(); ++i) {
        // A name of several words written in lower case (`riyad mansour`): labelled, built in,
        // or written capitalised in this part.
        if (!a.words[i].capital && a.words[i].letters) {
            std::string key;
            const NameEntry* found = nullptr;
            const std::string* found_written = nullptr;
            std::size_t found_len = 0;
            for (std::size_t len = 1;
                 len <= a.names.longest_name_words() && i + len <= a.tokens.size(); ++len) {
                std::size_t k = i + len - 1;
                if (len > 1 && a.tokens[k].start != a.tokens[k - 1].end + 1) break;
                if (a.words[k].capital || !a.words[k].letters) break;
                key += (len > 1 ? " " : "") + a.words[k].lower;
                if (len == 1) continue;
                if (const NameEntry* e = a.names.find(key)) { // `riyad mansour`, `new delhi`
                    found = e, found_written = nullptr, found_len = len;
                } else if (auto w = written_names.find(key);
                           w != written_names.end() && w->second.capitalised >= w->second.lower) {
                    found = nullptr, found_written = &w->second.surface, found_len = len;
                }
            }
            if (found || found_written) {
                std::size_t j = i + found_len;
                std::string written = to_utf8(std::u32string_view(
                    a.cps.data() + a.tokens[i].start, a.tokens[j - 1].end - a.tokens[i].start));
                std::string correction = found ? found->canonical : *found_written;
                if (found && name_key(found->canonical) != name_key(written)) {
                    correction.clear();
                    for (std::size_t k = i; k < j; ++k)
                        correction += (k > i ? " " : "") + capitalised(a.words[k].lower);
                }
                out.push_back(error_suggestion(Detector::WrongCase, a.tokens[i].start,
                                               a.tokens[j - 1].end, "wrong_case", correction,
                                               "‘" + written + "’ is a name, written ‘" +
                                                   correction + "’ elsewhere"));
                i = j - 1;
                continue;
            }
        }
        std::optional<std::string> first = name_form(i);
        if (!first) first = unknown_name(i);
        if (!first) continue;
        // The rest of the name in lower case around it, words no dictionary holds (`josep
        // borrell`, `ali khamenei`).
        // (or a common word the text writes capitalised as part of names: `tim cook`,
        // `novi sad`, `new delhi`).
        auto unknown_lower = [&](std::size_t k) -> std::optional<std::string> {
            const Word& w = a.words[k];
            if (!lexicon_known || !w.letters || w.capital || to_utf32(w.base).size() < 3 ||
                is_common_compound(a, w.base))
                return std::nullopt;
            if (!a.is_word(w.base)) return capitalised(w.base);
            if (a.lexicon.is_function_word(w.base) || is_title(w.base) ||
                is_title_modifier(w.base) || is_org_word(w.base))
                return std::nullopt; // `prime minister X`, `the X party` keep their case
            if (const std::string* form = a.known_name(w.base);
                form && is_upper(to_utf32(*form)[0]))
                return *form;
            return std::nullopt;
        };
        std::vector<std::string> forms{*first};
        while (i > 0 && a.tokens[i].start == a.tokens[i - 1].end + 1 &&
               a.words[i - 1].base == a.words[i - 1].lower)
            if (std::optional<std::string> f = unknown_lower(i - 1)) {
                forms.insert(forms.begin(), *f);
                --i;
            } else {
                break;
            }
        std::size_t j = i + forms.size();
        while (j < a.tokens.size() && a.tokens[j].start == a.tokens[j - 1].end + 1 &&
               a.words[j - 1].base == a.words[j - 1].lower) {
            std::optional<std::string> f = name_form(j);
            // An acronym is not the start of a longer name (`eu agriculture commissioner`).
            if (!f && !is_acronym(forms.back())) f = unknown_lower(j);
            if (!f) break;
            forms.push_back(*f);
            ++j;
        }
        std::string key, correction;
        for (std::size_t k = i; k < j; ++k) {
            key += (k > i ? " " : "") + a.words[k].base;
            correction += (k > i ? " " : "") + forms[k - i];
        }
        if (const NameEntry* e = a.names.find(key);
            e && name_key(e->surface) == key && is_upper(to_utf32(e->surface)[0]))
            correction = e->surface;
        // `anthony blinken`: the surname names a person whose first name is spelled otherwise.
        if (j - i >= 2)
            if (const NameEntry* e = a.names.find(a.words[j - 1].lower);
                e && e->label == "PERSON" && name_key(e->canonical) != key) {
                std::u32string canon = to_utf32(name_key(e->canonical));
                std::u32string mine = to_utf32(key);
                if (edit_distance_halves(canon, mine, 4) <= 4) correction = e->canonical;
            }
        std::string written = to_utf8(std::u32string_view(a.cps.data() + a.tokens[i].start,
                                                          base_end(j - 1) - a.tokens[i].start));
        if (written == correction) { // `el-Sisi`: written so elsewhere too
            i = j - 1;
            continue;
        }
        out.push_back(error_suggestion(
            Detector::WrongCase, a.tokens[i].start, base_end(j - 1), "wrong_case", correction,
            "‘" + written + "’ is a name, written ‘" + correction + "’ elsewhere"));
        i = j - 1;
    }
}

// [SECTION] Duplicated phrases

void detect_duplication(const Analysis& a, std::vector<Suggestion>& out) {
    const std::size_t n = a.tokens.size();
    auto same = [&](std::size_t x, std::size_t y, std::size_t len) {
        for (std::size_t k = 0; k < len; ++k)
            if (a.words[x + k].lower != a.words[y + k].lower) return false;
        return true;
    };
    for (std::size_t i = 0; i < n; ++i) {
        bool found = false;
        for (std::size_t len = std::min<std::size_t>(12, (n - i) / 2); len >= 2 && !found; --len) {
            std::size_t words = 0;
            bool named = false; // a name or a number in it (`on Thursday`, `since January`)
            for (std::size_t k = 0; k < len; ++k) {
                words += a.words[i + k].letters ? 1 : 0;
                named = named || (a.words[i + k].capital && k > 0) ||
                        a.tokens[i + k].kind == TokenKind::Number;
            }
            const std::string& opening = a.words[i].lower;
            const bool conjunction = opening == "and" || opening == "or" || opening == "but";
            // Two words: with a name or a number in them, or repeated with nothing between
            // (`against it against it`; not `ha ha ha ha`).
            const bool two_words = words == 2 && len == 2 && !conjunction;
            if (words < 3 && !two_words) continue;
            for (int connector = 0; connector <= 1 && !found; ++connector) {
                std::size_t j = i + len + static_cast<std::size_t>(connector);
                if (j + len > n) continue;
                if (words < 3 && !named &&
                    (connector || opening == a.words[i + 1].lower ||
                     a.words[i + 1].lower == "and" || a.words[i + 1].lower == "or"))
                    continue; // (`Istanbul and Istanbul and`: a pairing)
                if (connector) {
                    const std::string& c = a.words[i + len].lower;
                    if (c != "and" && c != ",") continue;
                    if (c == "and" && len == 2) continue; // `Novi Sad and Novi Sad`: a pairing
                }
                if (!same(i, j, len)) continue;
                // `in the first round The first round had`: a new sentence, not a repeat.
                if (a.words[i].capital != a.words[j].capital) continue;
                std::uint32_t from = a.tokens[i + len - 1].end;
                std::uint32_t to = a.tokens[j + len - 1].end;
                if (a.line_break_between(a.tokens[i].start, to)) continue;
                std::string phrase =
                    to_utf8(std::u32string_view(a.cps.data() + a.tokens[i].start,
                                                a.tokens[i + len - 1].end - a.tokens[i].start));
                out.push_back(error_suggestion(Detector::Duplication, from, to, "duplication", "",
                                               "‘" + phrase + "’ is repeated"));
                i = j + len - 1;
                found = true;
            }
        }
    }
}

// [SECTION] Self-pairing

namespace {

// Up to `most` capitalised words of `text` read from `at` forwards (or backwards, ending at
// `at`), joined by single spaces; empty when the first is not capitalised.
std::u32string capitalised_words(std::u32string_view text, std::size_t at, bool forwards,
                                 std::size_t most) {
    std::vector<std::u32string_view> words;
    std::size_t i = at;
    while (words.size() < most) {
        std::size_t from = i, to = i;
        if (forwards) {
            while (to < text.size() && (is_letter(text[to]) || text[to] == U'-'))
                ++to;
        } else {
            while (from > 0 && (is_letter(text[from - 1]) || text[from - 1] == U'-'))
                --from;
        }
        if (from == to || !is_upper(text[from])) break;
        words.push_back(text.substr(from, to - from));
        if (forwards ? (to >= text.size() || text[to] != U' ')
                     : (from == 0 || text[from - 1] != U' '))
            break;
        i = forwards ? to + 1 : from - 1;
    }
    if (!forwards) std::reverse(words.begin(), words.end());
    std::u32string out;
    for (std::u32string_view w : words)
        out += (out.empty() ? U"" : U" ") + std::u32string(w);
    return out;
}

// Who the document pairs `name` with elsewhere (`Israel and Hamas`, `Hamas and Israel`): the
// partner named most often, else empty (not known).
std::string paired_elsewhere(const Analysis& a, std::u32string_view name) {
    // Searched in the UTF-8 text, decoding only a few words around each match: a long document
    // is searched a window at a time, and each window may hold a pairing.
    const std::string& text = a.document.text().utf8();
    const std::string written = to_utf8(name);
    const std::string after = written + " and ", before = " and " + written;
    auto is_continuation = [&](std::size_t at) {
        return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80;
    };
    auto letter_at = [&](std::size_t at, bool backwards) {
        if (backwards) {
            if (at == 0) return false;
            std::size_t from = at - 1;
            while (from > 0 && is_continuation(from))
                --from;
            std::u32string c = to_utf32(std::string_view(text).substr(from, at - from));
            return !c.empty() && is_letter(c.back());
        }
        std::size_t to = std::min(text.size(), at + 4);
        std::u32string c = to_utf32(std::string_view(text).substr(at, to - at));
        return !c.empty() && is_letter(c.front());
    };
    // Capitalised words that are names, not `Both` or `The` starting a sentence.
    auto name_words = [&](std::u32string words, bool forwards) {
        while (!words.empty()) {
            std::size_t space = forwards ? words.rfind(U' ') : words.find(U' ');
            std::u32string edge = space == std::u32string::npos ? words
                                  : forwards                    ? words.substr(space + 1)
                                                                : words.substr(0, space);
            if (!a.is_word(lower_utf8(edge))) break;
            words = space == std::u32string::npos ? std::u32string()
                    : forwards                    ? words.substr(0, space)
                                                  : words.substr(space + 1);
        }
        return words;
    };
    std::map<std::u32string, int> partners;
    for (std::size_t at = text.find(after); at != std::string::npos;
         at = text.find(after, at + 1)) {
        if (letter_at(at, true)) continue;
        std::size_t from = at + after.size(), to = std::min(text.size(), from + 96);
        while (to < text.size() && is_continuation(to))
            ++to;
        std::u32string near = to_utf32(std::string_view(text).substr(from, to - from));
        std::u32string other = name_words(capitalised_words(near, 0, true, 2), true);
        if (!other.empty() && other != name) ++partners[other];
    }
    for (std::size_t at = text.find(before); at != std::string::npos;
         at = text.find(before, at + 1)) {
        if (at == 0 || letter_at(at + before.size(), false)) continue;
        std::size_t from = at > 96 ? at - 96 : 0;
        while (from > 0 && is_continuation(from))
            ++from;
        std::u32string near = to_utf32(std::string_view(text).substr(from, at - from));
        std::u32string other = name_words(capitalised_words(near, near.size(), false, 2), false);
        if (!other.empty() && other != name) ++partners[other];
    }
    // A known name's partner is a known name of its kind (a country's, not `Minister
    // Nsanzimanna`), and never a part of the name itself (`Novi` of `Novi Sad`).
    const NameEntry* mine = a.names.find(lower_utf8(name));
    const std::u32string* best = nullptr;
    int most = 0;
    for (const auto& [partner, count] : partners) {
        if (name.find(partner) != std::u32string_view::npos) continue;
        const NameEntry* theirs = a.names.find(lower_utf8(partner));
        if (mine && (!theirs || theirs->label != mine->label)) continue;
        if (count > most) best = &partner, most = count;
    }
    return best ? to_utf8(*best) : std::string();
}

} // namespace

void detect_self_pairing(const Analysis& a, std::vector<Suggestion>& out) {
    const std::size_t n = a.tokens.size();
    std::map<std::u32string, std::string> partners;
    auto capital_run = [&](std::size_t i) {
        std::size_t j = i;
        while (j < n && j - i < 3 && a.words[j].letters && a.words[j].capital &&
               (j == i || a.tokens[j].start == a.tokens[j - 1].end + 1))
            ++j;
        return j - i;
    };
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t len = capital_run(i);
        if (len == 0 || len > 2) {
            i += len ? len - 1 : 0;
            continue;
        }
        std::size_t c = i + len;
        if (c + len >= n + 1 || a.words[c].lower != "and") continue;
        std::size_t j = c + 1;
        if (j + len > n || capital_run(j) != len) continue;
        bool same = true;
        for (std::size_t k = 0; k < len; ++k)
            same = same && a.words[i + k].lower == a.words[j + k].lower;
        if (!same) continue;
        std::u32string_view written(a.cps.data() + a.tokens[j].start,
                                    a.tokens[j + len - 1].end - a.tokens[j].start);
        std::string name = to_utf8(written);
        // Each name's partner looked for once.
        auto [known, fresh] = partners.try_emplace(std::u32string(written));
        if (fresh) known->second = paired_elsewhere(a, written);
        const std::string& partner = known->second;
        std::string reason =
            "‘" + name + " and " + name + "’: the same name on both sides of ‘and’";
        Suggestion s = error_suggestion(
            Detector::SelfPairing, a.tokens[j].start, a.tokens[j + len - 1].end, "wrong_entity",
            partner,
            reason + (partner.empty() ? "; which one is meant is not known: "
                                        "write the correction"
                                      : "; the text pairs it with ‘" + partner + "’ elsewhere"));
        // Unknown is no correction at all, never an empty one (which would delete the name).
        if (partner.empty()) s.attrs.erase("correction");
        out.push_back(std::move(s));
        i = j + len - 1;
    }
}

// [SECTION] Misspelled names

namespace {

// A lower-case Latin letter without its accent (`ś` -> `s`, `ł` -> `l`); others as they are.
char32_t without_accent(char32_t c) {
    struct Pair {
        char32_t accented;
        char base;
    };
    static constexpr Pair kPairs[] = {
        {0xE0, 'a'},  {0xE1, 'a'},  {0xE2, 'a'},  {0xE3, 'a'},  {0xE4, 'a'},  {0xE5, 'a'},
        {0xE7, 'c'},  {0xE8, 'e'},  {0xE9, 'e'},  {0xEA, 'e'},  {0xEB, 'e'},  {0xEC, 'i'},
        {0xED, 'i'},  {0xEE, 'i'},  {0xEF, 'i'},  {0xF1, 'n'},  {0xF2, 'o'},  {0xF3, 'o'},
        {0xF4, 'o'},  {0xF5, 'o'},  {0xF6, 'o'},  {0xF8, 'o'},  {0xF9, 'u'},  {0xFA, 'u'},
        {0xFB, 'u'},  {0xFC, 'u'},  {0xFD, 'y'},  {0xFF, 'y'},  {0x101, 'a'}, {0x103, 'a'},
        {0x105, 'a'}, {0x107, 'c'}, {0x109, 'c'}, {0x10B, 'c'}, {0x10D, 'c'}, {0x10F, 'd'},
        {0x113, 'e'}, {0x115, 'e'}, {0x117, 'e'}, {0x119, 'e'}, {0x11B, 'e'}, {0x11D, 'g'},
        {0x11F, 'g'}, {0x121, 'g'}, {0x123, 'g'}, {0x125, 'h'}, {0x129, 'i'}, {0x12B, 'i'},
        {0x12D, 'i'}, {0x12F, 'i'}, {0x131, 'i'}, {0x135, 'j'}, {0x137, 'k'}, {0x13A, 'l'},
        {0x13C, 'l'}, {0x13E, 'l'}, {0x142, 'l'}, {0x144, 'n'}, {0x146, 'n'}, {0x148, 'n'},
        {0x14D, 'o'}, {0x14F, 'o'}, {0x151, 'o'}, {0x155, 'r'}, {0x157, 'r'}, {0x159, 'r'},
        {0x15B, 's'}, {0x15D, 's'}, {0x15F, 's'}, {0x161, 's'}, {0x163, 't'}, {0x165, 't'},
        {0x169, 'u'}, {0x16B, 'u'}, {0x16D, 'u'}, {0x16F, 'u'}, {0x171, 'u'}, {0x173, 'u'},
        {0x175, 'w'}, {0x177, 'y'}, {0x17A, 'z'}, {0x17C, 'z'}, {0x17E, 'z'}, {0x1A1, 'o'},
        {0x1B0, 'u'}, {0x1CE, 'a'}, {0x1D0, 'i'}, {0x1D2, 'o'}, {0x1D4, 'u'}, {0x1D6, 'u'},
        {0x1D8, 'u'}, {0x1DA, 'u'}, {0x1DC, 'u'}, {0x1DF, 'a'}, {0x1E1, 'a'}, {0x1E7, 'g'},
        {0x1E9, 'k'}, {0x1EB, 'o'}, {0x1ED, 'o'}, {0x1F0, 'j'}, {0x1F5, 'g'}, {0x1F9, 'n'},
        {0x1FB, 'a'}, {0x201, 'a'}, {0x203, 'a'}, {0x205, 'e'}, {0x207, 'e'}, {0x209, 'i'},
        {0x20B, 'i'}, {0x20D, 'o'}, {0x20F, 'o'}, {0x211, 'r'}, {0x213, 'r'}, {0x215, 'u'},
        {0x217, 'u'}, {0x219, 's'}, {0x21B, 't'}, {0x21F, 'h'}, {0x227, 'a'}, {0x229, 'e'},
        {0x22B, 'o'}, {0x22D, 'o'}, {0x22F, 'o'}, {0x231, 'o'}, {0x233, 'y'}};
    if (c < 0xE0 || c > 0x24F) return c;
    auto it = std::lower_bound(std::begin(kPairs), std::end(kPairs), c,
                               [](const Pair& p, char32_t v) { return p.accented < v; });
    return it != std::end(kPairs) && it->accented == c ? static_cast<char32_t>(it->base) : c;
}

std::u32string without_accents(std::u32string_view word) {
    std::u32string out(word);
    for (char32_t& c : out)
        c = without_accent(c);
    return out;
}

// `Qatari` and `Qatar`, `Houthis` and `Houthi`: one name with an ending, not a misspelling.
bool same_stem(std::u32string_view x, std::u32string_view y) {
    if (x.size() > y.size()) std::swap(x, y);
    if (y.substr(0, x.size()) != x) return false;
    std::u32string_view ending = y.substr(x.size());
    for (std::u32string_view e :
         {U"s", U"es", U"i", U"is", U"n", U"an", U"ian", U"ese", U"ish", U"ia", U"a"})
        if (ending == e) return true;
    return false;
}

} // namespace

void detect_misspellings(const Analysis& a, std::vector<Suggestion>& out) {
    std::unordered_map<std::string, const std::string*> verdicts; // token -> name, or null
    for (std::size_t i = 0; i < a.tokens.size(); ++i) {
        const Word& w = a.words[i];
        // The word without a possessive (`Camreon’s`): the error ends before it.
        std::u32string_view tok = a.token(i).substr(0, to_utf32(w.base).size());
        const std::uint32_t end = a.tokens[i].start + static_cast<std::uint32_t>(tok.size());
        if (!w.letters || w.all_caps || tok.size() < 4 || a.is_word(w.base)) continue;
        if (tok.find_first_of(U"'\u2019") != std::u32string_view::npos) continue; // O’Brien
        if (const NameEntry* e = a.names.find(w.base); e && e->labelled) {
            // Labelled with a canonical name spelled a little differently (`Refa` -> Rafah).
            std::string canon = name_key(e->canonical);
            if (canon != w.base && canon.find(' ') == std::string::npos &&
                edit_distance_halves(to_utf32(canon), to_utf32(w.base), 4) <= 4)
                out.push_back(error_suggestion(
                    Detector::Misspelling, a.tokens[i].start, end, "misspelling", e->canonical,
                    "‘" + a.token_utf8(i) + "’ is labelled as " + e->canonical));
            continue;
        }
        // A name is misspelt capitalised; a lower-case word close to a name is a word of its own
        // (`reais`, `reformists`) or a name in the wrong case. A built-in name (`Rome`) is
        // itself.
        if (!w.capital || a.names.find(w.base)) continue;
        // Followed by a capitalised word: a first name (`Georgiy Sudakov`, `Giorgia Meloni`),
        // not a misspelt place or people of the built-in list.
        const bool first_name = i + 1 < a.tokens.size() && a.words[i + 1].letters &&
                                a.words[i + 1].capital &&
                                a.tokens[i + 1].start == a.tokens[i].end + 1;
        const std::string cache_key = w.base + (first_name ? "\x01" : "");
        auto cached = verdicts.find(cache_key);
        const std::string* match = nullptr;
        if (cached != verdicts.end()) {
            match = cached->second;
        } else {
            std::vector<const std::string*> candidates;
            a.names.spelling_candidates(w.base, candidates);
            int best = 99;
            std::u32string mine = to_utf32(w.base);
            std::uint32_t my_count =
                std::max(a.names.capitalised_count(w.base), a.local_count(w.base));
            for (const std::string* name : candidates) {
                if (*name == w.base) continue;
                if (a.is_word(*name)) continue;
                std::u32string theirs = to_utf32(*name);
                if (same_stem(mine, theirs)) continue;
                // `Wisniewski` for `Wiśniewski`: the accents left out.
                bool accents = without_accents(theirs) == mine && theirs != mine;
                int d = accents ? 1 : edit_distance_halves(mine, theirs, 4);
                // Target names: labelled or built in, or written in this document (the project's
                // other names are other people's) and twice in all, or once for a long name
                // one edit away.
                std::uint32_t here = a.local_count(*name);
                bool established = a.names.find(*name) ||
                                   (here >= 1 && a.names.capitalised_count(*name) >= 2) ||
                                   here >= 2 || (here >= 1 && mine.size() >= 5 && d <= 2);
                if (!established) continue;
                const NameEntry* e = a.names.find(*name);
                if (first_name && !(e && e->labelled)) continue;
                // A built-in name this document does not write is a weaker target: one edit
                // (`Warsame` is not `Warsaw`).
                if (e && !e->labelled && here == 0 && d > 2) continue;
                bool phonetic = phonetic_key(*name) == phonetic_key(w.base);
                bool close = (d <= 2 && mine.size() >= 5) || (d <= 2 && phonetic) ||
                             (d <= 4 && phonetic && (mine.size() >= 6 || here >= 1)) ||
                             (d <= 3 && mine.size() >= 7);
                if (!close) continue;
                // The other spelling must be the established one.
                // (written more often, in any case: `Sheinbaum`, `sheinbaum` over `Sheinbuam`).
                // As often: the one written first (`Jens Stoltenberg` … `Stoltenburg`), or the
                // one with its accents.
                // (or the lexicon's spelling of a name against one it does not know: `Rabat`
                // over `Rabbat`).
                bool theirs_known =
                    a.names.find(*name) != nullptr ||
                    (a.lexicon.proper_form(*name) && !a.lexicon.proper_form(w.base));
                std::uint32_t theirs_count = std::max(a.names.capitalised_count(*name), here);
                bool first = a.local_first(*name) < a.local_first(w.base);
                if (!theirs_known && theirs_count < my_count) continue;
                if (!theirs_known && theirs_count == my_count && !first && !accents) continue;
                if (d < best) best = d, match = name;
            }
            verdicts[cache_key] = match;
        }
        if (!match) {
            // Two letters swapped in a name the lexicon knows, written once (`Hanio`, `Thialand`).
            // Not beside another part of a name (`Kirsti Bergstø`, `Justice Alicia Pardo`).
            auto name_part = [&](std::size_t k) {
                return k < a.tokens.size() && a.words[k].letters &&
                       (a.words[k].capital || is_name_particle(a.words[k].lower));
            };
            if (!w.capital || tok.size() < 5 || a.local_count(w.base) > 1 ||
                a.lexicon.proper_form(w.base) || a.names.capitalised_count(w.base) > 1 ||
                name_part(i + 1) || (i > 0 && name_part(i - 1) && !a.words[i].sentence_start))
                continue;
            std::u32string swapped(tok);
            const std::string* form = nullptr;
            for (std::size_t k = 1; k + 1 < swapped.size() && !form; ++k) {
                if (swapped[k] == swapped[k + 1]) continue;
                std::swap(swapped[k], swapped[k + 1]);
                std::string lower = lower_utf8(swapped);
                if (!a.is_word(lower)) form = a.lexicon.proper_form(lower);
                std::swap(swapped[k], swapped[k + 1]);
            }
            if (!form) continue;
            out.push_back(error_suggestion(
                Detector::Misspelling, a.tokens[i].start, end, "misspelling", *form,
                "‘" + to_utf8(tok) + "’ looks like a misspelling of ‘" + *form + "’"));
            continue;
        }
        const std::string* form = a.names.name_form(*match);
        std::string correction = form ? *form : capitalised(*match);
        // A real name of its own (`Anthony`, `Saar`) counts only beside the rest of the known
        // name, or when this document writes the other spelling more than once.
        const NameEntry* target = a.names.find(*match);
        if (a.lexicon.proper_form(w.base) &&
            (a.local_count(*match) < 2 || (target && !target->labelled))) {
            bool beside = false;
            for (std::size_t k : {i + 1, i - 1}) {
                if (k >= a.tokens.size() || !target || !a.words[k].capital) continue;
                // `Ousmane Saar` beside the known `Ousmane Sarr`: a word of the same name.
                std::string word = " " + a.token_utf8(k) + " ";
                beside = beside || (" " + target->canonical + " ").find(word) != std::string::npos;
            }
            if (!beside) continue;
        }
        std::string written = to_utf8(tok);
        out.push_back(error_suggestion(
            Detector::Misspelling, a.tokens[i].start, end, "misspelling", correction,
            "‘" + written + "’ looks like a misspelling of ‘" + correction + "’"));
    }
}

} // namespace gloss::core::detail
