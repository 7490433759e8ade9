// Quote suggestions: text between paired quote marks (straight or curly; nested single quotes
// stay inside; a quote continued in the next paragraph re-opens with a quote mark), with a
// speaker found from reporting-verb patterns around it. Layer: core.
#include "core/detect/analysis.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

namespace gloss::core::detail {

namespace {

bool is_reporting_verb(std::string_view lower) {
    for (std::string_view v :
         {"said",         "says",      "told",       "added",      "explained", "stated",
          "noted",        "stressed",  "warned",     "declared",   "insisted",  "asked",
          "wrote",        "announced", "argued",     "replied",    "continued", "urged",
          "acknowledged", "admitted",  "cautioned",  "claimed",    "according", "say",
          "tell",         "confirmed", "emphasised", "emphasized", "posted",    "recalled",
          "predicted"})
        if (v == lower) return true;
    return false;
}

// `Minister Sameh Shoukry said`: the title is not the speaker.
bool is_title_word(std::string_view lower) {
    return is_title(lower) || is_title_modifier(lower);
}

bool is_pronoun(std::string_view lower) {
    return lower == "he" || lower == "she" || lower == "they";
}

struct Quote {
    std::uint32_t start = 0, end = 0; // including the marks
};

bool letter_or_digit(char32_t c) {
    return is_letter(c) || is_digit(c);
}

// Where the paragraph after `p` (a line break) starts: past blank lines and spaces.
std::uint32_t next_paragraph(const std::u32string& t, std::uint32_t p) {
    while (p < t.size() && (is_space(t[p]) || is_line_break(t[p])))
        ++p;
    return p;
}

std::vector<Quote> find_quotes(const std::u32string& t) {
    std::vector<Quote> out;
    const auto n = static_cast<std::uint32_t>(t.size());
    for (std::uint32_t i = 0; i < n; ++i) {
        char32_t c = t[i];
        bool curly = c == 0x201C;
        bool straight =
            c == U'"' && (i == 0 || !letter_or_digit(t[i - 1])) && i + 1 < n && !is_space(t[i + 1]);
        if (!curly && !straight) continue;
        char32_t close = curly ? 0x201D : U'"';
        std::uint32_t j = i + 1;
        bool done = false;
        while (j < n && !done) {
            char32_t d = t[j];
            if (d == close && (curly || j + 1 >= n || !letter_or_digit(t[j + 1]))) {
                done = true;
                break;
            }
            if (is_line_break(d)) {
                // A quote that goes on in the next paragraph opens it with a quote mark.
                std::uint32_t p = next_paragraph(t, j);
                if (p < n && t[p] == c) {
                    j = p + 1;
                    continue;
                }
                break;
            }
            if (!curly && d == 0x201C) break; // mixed marks: not a pair
            ++j;
        }
        if (!done) continue;
        out.push_back({i, j + 1});
        i = j;
    }
    return out;
}

} // namespace

namespace {

// A description that names an organisation rather than a person (`the group added`, `the
// commission said`): a word that ends organisations' names, or one of a few more.
bool describes_organisation(std::string_view lower) {
    if (is_org_word(lower)) return true;
    for (std::string_view w :
         {"government", "police", "statement", "regulator", "board", "embassy", "club"})
        if (w == lower) return true;
    return false;
}

// Words that describe a speaker instead of naming them (`the prime minister said`).
bool is_description_word(std::string_view lower) {
    for (std::string_view w :
         {"the",      "a",         "an",        "its",       "his",         "her",
          "their",    "captain",   "coach",     "spokesman", "spokeswoman", "spokesperson",
          "official", "officials", "president", "minister",  "leader",      "mayor",
          "envoy",    "chief",     "head",      "director",  "secretary",   "prime",
          "foreign",  "interior"})
        if (w == lower) return true;
    return is_title(lower) || is_title_modifier(lower) || describes_organisation(lower);
}

using Range = std::pair<std::uint32_t, std::uint32_t>;

struct Attribution {
    std::optional<Range> speaker;
    std::string label = "PERSON";
    std::string how;
};

} // namespace

void detect_quotes(const Analysis& a, const std::vector<Mention>& mentions,
                   std::vector<Suggestion>& out) {
    const std::size_t n = a.tokens.size();
    const std::vector<Quote> quotes = find_quotes(a.cps);
    auto first_token_at_or_after = [&](std::uint32_t cp) {
        return static_cast<std::size_t>(
            std::lower_bound(a.tokens.begin(), a.tokens.end(), cp,
                             [](const Token& t, std::uint32_t v) { return t.start < v; }) -
            a.tokens.begin());
    };
    // Quotes are in text order and do not overlap: the one starting last at or before `start`.
    auto inside_a_quote = [&](std::uint32_t start, std::uint32_t end) {
        auto it = std::upper_bound(quotes.begin(), quotes.end(), start,
                                   [](std::uint32_t v, const Quote& q) { return v < q.start; });
        return it != quotes.begin() && end <= std::prev(it)->end;
    };
    auto ends_sentence = [&](std::size_t k) {
        const std::string& w = a.words[k].lower;
        return w == "." || w == "?" || w == "!";
    };
    // Mentions (spans, suggestions, speakers found so far) outside quotes in [from, to).
    auto by_start = [](const Mention& x, const Mention& y) { return x.start < y.start; };
    std::multiset<Mention, decltype(by_start)> known(mentions.begin(), mentions.end(), by_start);
    auto mentions_in = [&](std::uint32_t from, std::uint32_t to) {
        std::vector<const Mention*> found;
        for (auto it = known.lower_bound(Mention{from, from, {}});
             it != known.end() && it->start < to; ++it)
            if (it->end <= to && !inside_a_quote(it->start, it->end)) found.push_back(&*it);
        return found;
    };
    // A name written as capitalised words starting (or, backwards, ending) at token k; titles
    // before it are left out (`Minister Sameh Shoukry said`).
    auto capital_run_at = [&](std::size_t k, bool backwards) -> std::optional<Range> {
        if (k >= n || !a.words[k].letters || !a.words[k].capital) return std::nullopt;
        std::size_t s = k, e = k;
        if (backwards)
            while (s > 0 && a.words[s - 1].letters && a.words[s - 1].capital && k - s < 3 &&
                   !a.words[s - 1].sentence_start)
                --s;
        else
            while (e + 1 < n && a.words[e + 1].letters && a.words[e + 1].capital && e - k < 3 &&
                   a.tokens[e + 1].start == a.tokens[e].end + 1)
                ++e;
        while (s < e && is_title_word(a.words[s].lower))
            ++s;
        if (s == e && (is_title_word(a.words[s].lower) ||
                       (a.is_word(a.words[s].base) && !a.known_name(a.words[s].base))))
            return std::nullopt; // `The`, `Officials`: no name
        return Range{a.tokens[s].start, a.tokens[e].end};
    };
    // A name written in lower case (`clavijo told`): no common word, and a name by its shape.
    auto lower_name_at = [&](std::size_t k) -> std::optional<Range> {
        if (k >= n || !a.words[k].letters || a.words[k].capital || a.is_word(a.words[k].base) ||
            a.words[k].lower.size() < 3)
            return std::nullopt;
        std::size_t s = k;
        while (s > 0 && a.words[s - 1].letters && !a.words[s - 1].capital &&
               !a.is_word(a.words[s - 1].base) && k - s < 2)
            --s;
        return Range{a.tokens[s].start, a.tokens[k].end};
    };
    // A reporting verb glued to the name (`Rutosaid`, `saidGrossi`): the name's part.
    auto glued_speaker = [&](std::size_t k) -> std::optional<Range> {
        const Word& w = a.words[k];
        if (!w.letters || a.is_word(w.base) || a.lexicon.proper_form(w.base)) return std::nullopt;
        const std::u32string_view tok = a.token(k);
        for (std::string_view verb : {"said", "says", "told", "added", "wrote", "warned"}) {
            const std::size_t v = verb.size();
            if (tok.size() < v + 3) continue;
            if (w.base.ends_with(verb) &&
                (w.capital || !a.is_word(w.base.substr(0, w.base.size() - v)))) // `Applesaid`
                return Range{a.tokens[k].start,
                             a.tokens[k].start + static_cast<std::uint32_t>(tok.size() - v)};
            if (w.lower.starts_with(verb) && is_upper(tok[v])) {
                std::uint32_t end = a.tokens[k].end;
                for (std::size_t e = k + 1;
                     e < n && e <= k + 2 && a.words[e].letters && a.words[e].capital &&
                     a.tokens[e].start == a.tokens[e - 1].end + 1;
                     ++e)
                    end = a.tokens[e].end; // `saidÖzgür Özel`
                return Range{a.tokens[k].start + static_cast<std::uint32_t>(v), end};
            }
        }
        return std::nullopt;
    };
    // The first person among mentions (else the first organisation, else null).
    // (not an owner: `Najib’s lawyer X said` is the lawyer speaking).
    auto possessive = [&](const Mention* m) {
        std::u32string_view after(a.cps.data() + m->end,
                                  std::min<std::size_t>(2, a.cps.size() - m->end));
        std::u32string_view text(a.cps.data() + m->start, m->end - m->start);
        return after.starts_with(U"’s") || after.starts_with(U"'s") || text.ends_with(U"’s") ||
               text.ends_with(U"'s");
    };
    auto first_person = [&](const std::vector<const Mention*>& ms) -> const Mention* {
        for (const Mention* m : ms)
            if (m->label == "PERSON" && !possessive(m)) return m;
        for (const Mention* m : ms)
            if (!possessive(m)) return m;
        return nullptr;
    };
    // Who the text has speak or act outside quotes, as mentions for pronouns to refer to:
    // `Shoukry said Egypt…`, `Figueiredo urged…` at a sentence start.
    {
        std::vector<Mention> subjects;
        auto add = [&](Range r) {
            // Mentions are short: one that overlaps starts shortly before.
            const std::uint32_t near = r.first > 256 ? r.first - 256 : 0;
            for (auto it = known.lower_bound(Mention{near, near, {}});
                 it != known.end() && it->start < r.second; ++it)
                if (r.first < it->end) return;
            std::string key =
                name_key(to_utf8(std::u32string_view(a.cps.data() + r.first, r.second - r.first)));
            const NameEntry* e = a.names.find(key);
            if (e && e->label != "PERSON" && e->label != "ORG") return; // a place, a people
            std::size_t first = first_token_at_or_after(r.first);
            std::size_t last = first;
            while (last + 1 < n && a.tokens[last + 1].end <= r.second)
                ++last;
            // `in Kuala Lumpur`: a place; `Moroccan`: a people the lexicon knows.
            if (first > 0 &&
                (a.words[first - 1].lower == "in" || a.words[first - 1].lower == "at" ||
                 a.words[first - 1].lower == "from" || a.words[first - 1].lower == "near"))
                return;
            if (first == last && a.lexicon.proper_form(a.words[first].base) &&
                (a.words[first].base.ends_with("an") || a.words[first].base.ends_with("ese") ||
                 a.words[first].base.ends_with("ish") || a.words[first].base.ends_with("i")))
                return;
            // `Nordkapp Seabed Resources said`: an organisation.
            const bool org = is_org_word(a.words[last].base);
            subjects.push_back({r.first, r.second, e ? e->label : org ? "ORG" : "PERSON"});
        };
        for (std::size_t k = 1; k < n; ++k) {
            if (inside_a_quote(a.tokens[k].start, a.tokens[k].end)) continue;
            if (is_reporting_verb(a.words[k].lower) && a.words[k].lower != "according") {
                std::size_t subject = k - 1;
                // `Naoko Fujimura, a seismologist at Y, said`: before the apposition.
                if (a.words[subject].lower == ",")
                    for (std::size_t j = subject; j > 0 && subject - j < 14; --j)
                        if (a.words[j - 1].lower == ",") {
                            subject = j >= 2 ? j - 2 : 0;
                            break;
                        }
                if (auto run = capital_run_at(subject, true))
                    add(*run);
                else if (auto lower = lower_name_at(subject))
                    add(*lower);
            }
            // `Ayatollah ali khamenei holds`: a lower-case name after a title.
            if (is_title_word(a.words[k - 1].lower) && a.words[k - 1].capital)
                if (auto lower = lower_name_at(k)) add(*lower);
        }
        for (std::size_t k = 0; k + 1 < n; ++k) {
            const Word& w = a.words[k];
            if (!w.sentence_start || !w.letters || a.is_word(w.base) || is_title_word(w.lower) ||
                inside_a_quote(a.tokens[k].start, a.tokens[k].end))
                continue;
            auto run = w.capital ? capital_run_at(k, false) : lower_name_at(k); // `ruto defended`
            if (!run) continue;
            std::size_t next = first_token_at_or_after(run->second);
            if (next < n && a.words[next].letters && !a.words[next].capital) add(*run);
        }
        known.insert(subjects.begin(), subjects.end());
    }
    struct Found {
        Quote quote;
        std::optional<Range> speaker;
        std::string label;
    };
    std::vector<Found> done;
    // `he said`, `the group added`: the speaker of the quote before, when nobody else was
    // named since; else the last person (or organisation) named outside quotes.
    auto resolve = [&](const Quote& q,
                       bool organisation) -> std::optional<std::pair<Range, std::string>> {
        const std::string want = organisation ? "ORG" : "PERSON";
        if (!done.empty() && done.back().speaker && done.back().label == want &&
            q.start - done.back().quote.end < 1200) {
            bool other = false;
            for (const Mention* m : mentions_in(done.back().quote.end, q.start))
                other = other || (m->label == want && (m->start != done.back().speaker->first));
            if (!other) return std::pair{*done.back().speaker, want};
        }
        std::uint32_t window = q.start > 1500 ? q.start - 1500 : 0;
        std::vector<const Mention*> before = mentions_in(window, q.start);
        for (auto it = before.rbegin(); it != before.rend(); ++it)
            if ((*it)->label == want) return std::pair{Range{(*it)->start, (*it)->end}, want};
        return std::nullopt;
    };

    // `the prime minister said`: the name the text gave that title before (`Prime Minister
    // Pedro Sánchez`), from the description's words after `the`.
    auto titled = [&](std::size_t from, std::size_t to,
                      std::uint32_t before) -> std::optional<Range> {
        std::vector<std::string> title;
        for (std::size_t k = from; k < to; ++k)
            if (a.words[k].letters && a.words[k].lower != "the") title.push_back(a.words[k].lower);
        if (title.empty()) return std::nullopt;
        std::optional<Range> found;
        // Where the text named the title last, in the few paragraphs before.
        for (std::size_t k = first_token_at_or_after(before > 4000 ? before - 4000 : 0);
             k + title.size() < n && a.tokens[k].end <= before; ++k) {
            bool same = true;
            for (std::size_t t = 0; t < title.size() && same; ++t)
                same = a.words[k + t].lower == title[t];
            if (!same) continue;
            std::size_t name = k + title.size();
            if (auto run = capital_run_at(name, false))
                found = run;
            else if (auto lower = lower_name_at(name))
                found = lower;
        }
        return found;
    };
    for (const Quote& q : quotes) {
        std::size_t inside_first = first_token_at_or_after(q.start + 1);
        std::size_t after = first_token_at_or_after(q.end);
        std::size_t words = 0;
        for (std::size_t k = inside_first; k < after && k < n; ++k)
            words += a.words[k].letters ? 1 : 0;
        Attribution at;
        auto take_mention = [&](const Mention& m) {
            at.speaker = Range{m.start, m.end};
            at.label = m.label;
        };
        auto take_resolved = [&](bool organisation) {
            if (auto r = resolve(q, organisation)) at.speaker = r->first, at.label = r->second;
        };
        // After the quote: `,” X said`, `,” said X`, `,” X, an analyst at Y, told`, `,” he
        // added`, `,” the minister said`, `,” Rutosaid`.
        for (std::size_t k = after; k < n && k < after + 20 && !at.speaker; ++k) {
            if (a.line_break_between(q.end, a.tokens[k].start)) break;
            if (ends_sentence(k) || a.words[k].lower == "\u201C") break;
            if (auto g = glued_speaker(k)) {
                at.speaker = g;
                at.how = "‘" + a.token_utf8(k) + "’ after the quote";
                break;
            }
            if (!is_reporting_verb(a.words[k].lower)) continue;
            at.how = "‘" + a.token_utf8(k) + "’ after the quote";
            const std::uint32_t verb = a.tokens[k].start;
            std::vector<const Mention*> subject = mentions_in(q.end, verb);
            if (k > after) {
                const std::string& last = a.words[k - 1].lower;
                const Mention* m = first_person(subject);
                auto run_before = capital_run_at(k - 1, true);
                if (m && m->label != "PERSON" && run_before && run_before->first >= m->end &&
                    last != ",") {
                    at.speaker = run_before; // `Shas leader Aryeh Deri said`
                } else if (m) {
                    take_mention(*m); // `X, an analyst at Y, told`; `Y spokesman X said`
                } else if (is_pronoun(last)) {
                    take_resolved(false);
                } else if (last == "," && capital_run_at(after, false)) {
                    at.speaker = capital_run_at(after, false);
                } else if (!subject.empty()) {
                    take_mention(*subject.front());
                } else if (auto run = capital_run_at(k - 1, true)) {
                    at.speaker = run;
                } else if (auto lower = lower_name_at(k - 1)) {
                    at.speaker = lower;
                } else if (is_description_word(last)) {
                    at.speaker = titled(after, k, q.start);
                    if (!at.speaker) take_resolved(describes_organisation(last));
                }
                if (at.speaker) break;
            }
            // `said X`, `according to X`.
            std::size_t next = k + 1 < n && a.words[k].lower == "according" ? k + 2 : k + 1;
            // Within the sentence: `said Curuchiche.` is not the court named after it.
            std::size_t last = next;
            while (last + 1 < n && last < next + 6 && !ends_sentence(last + 1) &&
                   !a.line_break_between(a.tokens[last].end, a.tokens[last + 1].start))
                ++last;
            std::uint32_t limit = a.tokens[std::min(last, n - 1)].end;
            std::vector<const Mention*> object = mentions_in(a.tokens[k].end, limit);
            const Mention* person = first_person(object);
            if (person && first_token_at_or_after(person->start) <= next + 4)
                take_mention(*person);
            else if (auto run = capital_run_at(next, false))
                at.speaker = run;
            else if (auto lower = lower_name_at(next))
                at.speaker = lower;
            // `according to his chief of staff, Lee Kwan-sup`, `said its spokesman, Ali
            // Musa`: the name after the description.
            if (!at.speaker)
                for (std::size_t c = next; c < n && c < next + 8; ++c) {
                    if (ends_sentence(c)) break;
                    if (a.words[c].lower != ",") continue;
                    at.speaker = capital_run_at(c + 1, false);
                    break;
                }
        }
        // Before it: `X said: “`, `X, the head of Y, said: “`, `according to X, “`,
        // `She said: “`.
        if (!at.speaker && inside_first > 0) {
            std::size_t open = inside_first;
            while (open > 0 && a.tokens[open - 1].start >= q.start)
                --open;               // the opening mark's own token
            std::size_t first = open; // the sentence's first token
            while (first > 0 && !ends_sentence(first - 1) &&
                   !a.line_break_between(a.tokens[first - 1].end, a.tokens[first].start) &&
                   open - first < 40)
                --first;
            for (std::size_t v = open; v > first && !at.speaker; --v) {
                std::size_t k = v - 1;
                if (!is_reporting_verb(a.words[k].lower)) continue;
                at.how = "‘" + a.token_utf8(k) + "’ before the quote";
                std::vector<const Mention*> subject =
                    mentions_in(a.tokens[first].start, a.tokens[k].start);
                const Mention* m = first_person(subject);
                auto run_before = k > first ? capital_run_at(k - 1, true) : std::nullopt;
                if (m && m->label != "PERSON" && run_before && run_before->first >= m->end) {
                    at.speaker = run_before; // `Shas leader Aryeh Deri said: “`
                } else if (m) {
                    take_mention(*m);
                } else if (k > first && is_pronoun(a.words[k - 1].lower)) {
                    take_resolved(false);
                } else {
                    for (std::size_t s = first; s < k && !at.speaker; ++s)
                        at.speaker = capital_run_at(s, false);
                    if (!at.speaker && k > first) at.speaker = lower_name_at(k - 1);
                    if (!at.speaker && k > first && is_description_word(a.words[k - 1].lower))
                        take_resolved(describes_organisation(a.words[k - 1].lower));
                }
                // `according to X, “`
                if (!at.speaker && a.words[k].lower == "according" && k + 2 < open) {
                    std::vector<const Mention*> object =
                        mentions_in(a.tokens[k + 2].start, a.tokens[open - 1].end);
                    if (!object.empty())
                        take_mention(*object.front());
                    else
                        at.speaker = capital_run_at(k + 2, false);
                }
            }
            // A quote inside a sentence (`X called the ruling “a sad day”`): its subject; a word
            // on its own in quote marks is a scare quote (`a “constructive” visit`).
            if (!at.speaker && words >= 2 && open > first &&
                !a.words[open - 1].lower.ends_with(":")) {
                std::vector<const Mention*> subject =
                    mentions_in(a.tokens[first].start, a.tokens[open - 1].end);
                auto opening = capital_run_at(first, false);
                std::size_t past = opening ? first_token_at_or_after(opening->second) : n;
                const Mention* m = first_person(subject);
                if (opening && past < n && a.words[past].lower == "," &&
                    (!m || m->label != "PERSON" || m->start >= opening->second)) {
                    at.speaker = opening; // `Luana Figueiredo, an economist at Y, urged`
                } else if (m) {
                    take_mention(*m);
                } else if (is_pronoun(a.words[first].lower) ||
                           (open - first >= 2 && is_pronoun(a.words[open - 2].lower))) {
                    take_resolved(false);
                } else {
                    for (std::size_t s = first; s < open - 1 && !at.speaker; ++s)
                        if (!a.words[s].sentence_start || !a.is_word(a.words[s].base))
                            at.speaker = capital_run_at(s, false);
                }
                if (at.speaker) at.how = "the sentence the quote is in";
            }
        }
        // A quote that goes on after the last one's attribution (`“…,” she said. “…”`), or
        // right after it: the same speaker, when nobody else was named in between.
        std::uint32_t before = q.start;
        while (before > 0 && is_space(a.cps[before - 1]))
            --before;
        const char32_t mark = before > 0 ? a.cps[before - 1] : U'\n';
        const bool starts_sentence = is_line_break(mark) || mark == U'.' || mark == U'?' ||
                                     mark == U'!' || mark == 0x201D || mark == U'"';
        if (!at.speaker && !done.empty() && done.back().speaker && starts_sentence &&
            q.start - done.back().quote.end < 400) {
            std::uint32_t from = done.back().quote.end;
            std::size_t breaks = 0;
            for (std::uint32_t p = from; p < q.start; ++p)
                breaks += is_line_break(a.cps[p]) ? 1 : 0;
            bool other = false;
            for (const Mention* m : mentions_in(from, q.start))
                other = other ||
                        (m->label == done.back().label && m->start != done.back().speaker->first);
            if (breaks <= 2 && !other) {
                at.speaker = done.back().speaker;
                at.label = done.back().label;
                at.how = "the quote before it";
            }
        }
        if (words < 3 && !at.speaker) continue; // a scare-quoted word, not a quotation
        Suggestion s;
        s.detector = Detector::Quotes;
        s.start = q.start;
        s.end = q.end;
        s.label = "QUOTE";
        if (at.speaker) {
            s.speaker = at.speaker;
            s.speaker_label = at.label;
            s.attrs.set("reason", "text between quote marks; speaker from " + at.how);
            known.insert({at.speaker->first, at.speaker->second, at.label});
        } else {
            s.attrs.set("reason", "text between quote marks");
        }
        done.push_back({q, at.speaker, at.label});
        out.push_back(std::move(s));
    }
}

} // namespace gloss::core::detail
