// Quote suggestions: text between paired quote marks (straight or curly; nested single quotes
// stay inside; a quote continued in the next paragraph re-opens with a quote mark), with a
// speaker found from reporting-verb patterns around it. Layer: core.
#include "core/detect/analysis.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>

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

void detect_quotes(const Analysis& a, const std::vector<Mention>& mentions,
                   std::vector<Suggestion>& out) {
    const std::size_t n = a.tokens.size();
    auto first_token_at_or_after = [&](std::uint32_t cp) {
        return static_cast<std::size_t>(
            std::lower_bound(a.tokens.begin(), a.tokens.end(), cp,
                             [](const Token& t, std::uint32_t v) { return t.start < v; }) -
            a.tokens.begin());
    };
    // The speaker mention (PERSON/ORG) in [from, to), nearest to `near`.
    auto mention_in = [&](std::uint32_t from, std::uint32_t to, std::uint32_t near) {
        const Mention* best = nullptr;
        std::uint32_t best_d = ~0u;
        auto it = std::lower_bound(mentions.begin(), mentions.end(), from,
                                   [](const Mention& x, std::uint32_t v) { return x.start < v; });
        for (; it != mentions.end() && it->start < to; ++it) {
            const Mention& m = *it;
            if (m.end > to) continue;
            std::uint32_t d = m.start > near ? m.start - near : near - m.end;
            if (d < best_d) best_d = d, best = &m;
        }
        return best;
    };
    auto capital_run_at = [&](std::size_t k,
                              bool backwards) -> std::pair<std::uint32_t, std::uint32_t> {
        // A run of capitalised words ending (backwards) or starting at token k.
        if (k >= n || !a.words[k].letters || !a.words[k].capital) return {0, 0};
        std::size_t s = k, e = k;
        if (backwards)
            while (s > 0 && a.words[s - 1].letters && a.words[s - 1].capital && k - s < 3 &&
                   !a.words[s - 1].sentence_start)
                --s;
        else
            while (e + 1 < n && a.words[e + 1].letters && a.words[e + 1].capital && e - k < 3)
                ++e;
        while (s < e && is_title_word(a.words[s].lower))
            ++s; // `Minister Sameh Shoukry said`: the title is not the speaker
        return {a.tokens[s].start, a.tokens[e].end};
    };

    std::vector<Quote> quotes = find_quotes(a.cps);
    for (const Quote& q : quotes) {
        std::size_t inside_first = first_token_at_or_after(q.start + 1);
        std::size_t after = first_token_at_or_after(q.end);
        std::size_t words = 0;
        for (std::size_t k = inside_first; k < after && k < n; ++k)
            words += a.words[k].letters ? 1 : 0;

        std::optional<std::pair<std::uint32_t, std::uint32_t>> speaker;
        std::string speaker_label = "PERSON";
        std::string how;
        // After the quote: `," X said`, `," said X`, `X told`, `according to X`.
        for (std::size_t k = after; k < n && k < after + 8 && !speaker; ++k) {
            if (a.line_break_between(q.end, a.tokens[k].start)) break;
            if (a.words[k].lower == "." || a.words[k].lower == "?" || a.words[k].lower == "!")
                break;
            if (!is_reporting_verb(a.words[k].lower)) continue;
            std::uint32_t verb_end = a.tokens[k].end;
            std::uint32_t limit = k + 7 < n ? a.tokens[k + 7].end : a.tokens[n - 1].end;
            if (const Mention* m = mention_in(q.end, a.tokens[k].start, a.tokens[k].start)) {
                speaker = std::pair{m->start, m->end}, speaker_label = m->label;
            } else if (const Mention* m2 = mention_in(verb_end, limit, verb_end)) {
                speaker = std::pair{m2->start, m2->end}, speaker_label = m2->label;
            } else if (k > after && is_pronoun(a.words[k - 1].lower)) {
                // `he said`: the nearest person named before the quote.
                const Mention* best = nullptr;
                std::uint32_t window = q.start > 1500 ? q.start - 1500 : 0;
                auto it =
                    std::lower_bound(mentions.begin(), mentions.end(), window,
                                     [](const Mention& x, std::uint32_t v) { return x.start < v; });
                for (; it != mentions.end() && it->start < q.start; ++it)
                    if (it->end <= q.start && it->label == "PERSON") best = &*it;
                if (best) speaker = std::pair{best->start, best->end};
            } else {
                auto before = capital_run_at(k - 1, true);
                auto past = capital_run_at(
                    k + 1 < n && a.words[k].lower == "according" ? k + 2 : k + 1, false);
                if (k > after && before.second > before.first)
                    speaker = before;
                else if (past.second > past.first)
                    speaker = past;
            }
            how = "‘" + a.token_utf8(k) + "’ after the quote";
        }
        // Before it: `X said: “`, `according to X, “`, `X told reporters that “`.
        if (!speaker && inside_first > 0) {
            std::size_t k = inside_first;
            while (k > 0 && a.tokens[k - 1].start >= q.start)
                --k; // the opening mark's own token
            for (std::size_t m = k; m > 0 && k - m < 14 && !speaker; --m) {
                std::size_t v = m - 1;
                if (a.line_break_between(a.tokens[v].end, q.start)) break;
                if (a.words[v].lower == "." && v + 1 < k) break;
                if (!is_reporting_verb(a.words[v].lower)) continue;
                std::uint32_t from = v >= 5 ? a.tokens[v - 5].start : 0;
                if (const Mention* mm = mention_in(from, q.start, a.tokens[v].start)) {
                    speaker = std::pair{mm->start, mm->end}, speaker_label = mm->label;
                } else {
                    auto before = capital_run_at(v > 0 ? v - 1 : v, true);
                    if (v > 0 && before.second > before.first) speaker = before;
                }
                how = "‘" + a.token_utf8(v) + "’ before the quote";
            }
        }
        if (words < 3 && !speaker) continue; // a scare-quoted word, not a quotation
        Suggestion s;
        s.detector = Detector::Quotes;
        s.start = q.start;
        s.end = q.end;
        s.label = "QUOTE";
        if (speaker) {
            s.speaker = speaker;
            s.speaker_label = speaker_label;
            s.attrs.set("reason", "text between quote marks; speaker from " + how);
        } else {
            s.attrs.set("reason", "text between quote marks");
        }
        out.push_back(std::move(s));
    }
}

} // namespace gloss::core::detail
