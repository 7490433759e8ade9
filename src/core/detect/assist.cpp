// The Assist runner: analysis shared by the detectors, running them, and adding their output to
// a document as pending suggestions. Layer: core.
#include "core/detect/analysis.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

namespace gloss::core {

namespace {

constexpr std::string_view kNames[kDetectorCount] = {
    "merged_tokens", "broken_sentence", "wrong_case", "duplication",
    "self_pairing",  "misspelling",     "entities",   "quotes"};
constexpr std::string_view kDescriptions[kDetectorCount] = {
    "words glued together",      "sentences run together or unended", "names in lower case",
    "repeated phrases",          "the same name on both sides",       "misspelled names",
    "entities from known names", "quotes and their speakers"};

} // namespace

std::string_view to_string(Detector d) {
    return kNames[static_cast<std::size_t>(d)];
}

std::string_view describe(Detector d) {
    return kDescriptions[static_cast<std::size_t>(d)];
}

std::optional<Detector> parse_detector(std::string_view name) {
    for (std::size_t i = 0; i < kDetectorCount; ++i)
        if (kNames[i] == name) return static_cast<Detector>(i);
    return std::nullopt;
}

std::string suggestion_kind(const Span& span) {
    if (const std::string* type = span.attrs.get("type"); type && span.label == "ERROR")
        return span.label + "/" + *type;
    return span.label;
}

namespace detail {

std::string Analysis::token_utf8(std::size_t i) const {
    return to_utf8(token(i));
}

const std::string* Analysis::known_name(std::string_view lower,
                                        std::uint32_t min_capitalised) const {
    if (const NameEntry* e = names.find(lower)) {
        if (const std::string* form = names.name_form(lower)) return form;
        return &e->surface;
    }
    if (names.capitalised_count(lower) >= min_capitalised) return names.name_form(lower);
    return nullptr;
}

bool is_common_word(const Lexicon& lexicon, std::string_view lower) {
    if (lexicon.is_word(lower)) return true;
    // wamerican holds American spellings; British news writes the others.
    struct Respelling {
        std::string_view british, american;
    };
    static constexpr Respelling kRespellings[] = {
        {"isation", "ization"}, {"ise", "ize"},   {"ised", "ized"},   {"ises", "izes"},
        {"ising", "izing"},     {"iser", "izer"}, {"isers", "izers"}, {"our", "or"},
        {"ours", "ors"},        {"tre", "ter"},   {"tres", "ters"},   {"yse", "yze"},
        {"ysed", "yzed"},       {"ence", "ense"}, {"ogue", "og"},     {"isations", "izations"},
        {"lled", "led"},        {"lling", "ling"}};
    for (const Respelling& r : kRespellings)
        if (lower.size() > r.british.size() + 2 && lower.ends_with(r.british) &&
            lexicon.is_word(std::string(lower.substr(0, lower.size() - r.british.size())) +
                            std::string(r.american)))
            return true;
    // `neighbouring`, `favourite`: `our` inside a word.
    if (std::size_t our = lower.find("our"); our != std::string_view::npos && our > 0) {
        std::string american(lower);
        american.replace(our, 3, "or");
        if (lexicon.is_word(american)) return true;
    }
    return false;
}

bool Analysis::is_word(std::string_view lower) const {
    return is_common_word(lexicon, lower);
}

bool Analysis::line_break_between(std::uint32_t from, std::uint32_t to) const {
    for (std::uint32_t p = from; p < to && p < cps.size(); ++p)
        if (is_line_break(cps[p])) return true;
    return false;
}

std::vector<Word> read_words(const std::u32string& cps, const std::vector<Token>& tokens,
                             const std::vector<Sentence>& sentences) {
    std::vector<Word> words(tokens.size());
    for (std::uint32_t s = 0; s < sentences.size(); ++s) {
        const Sentence& sentence = sentences[s];
        for (std::uint32_t k = 0; k < sentence.token_count; ++k) {
            std::size_t i = sentence.first_token + k;
            Word& w = words[i];
            std::u32string_view t(cps.data() + tokens[i].start, tokens[i].end - tokens[i].start);
            w.sentence = s;
            w.lower = lower_utf8(t);
            w.base = w.lower;
            for (std::string_view tail :
                 {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
                if (w.base.size() > tail.size() + 1 &&
                    w.base.compare(w.base.size() - tail.size(), tail.size(), tail) == 0)
                    w.base.resize(w.base.size() - tail.size());
            w.letters = tokens[i].kind == TokenKind::Word && is_letter(t[0]);
            std::size_t uppers = 0, letters = 0;
            for (char32_t c : t) {
                if (is_letter(c)) ++letters;
                if (is_upper(c)) ++uppers;
                if (!is_letter(c) && c != U'\'' && c != 0x2019 && c != U'-' && !is_mark(c))
                    w.letters = false;
            }
            w.capital = is_upper(t[0]);
            w.all_caps = letters >= 2 && uppers == letters;
            bool after_opening = false;
            if (i > 0 && tokens[i - 1].kind == TokenKind::Punctuation) {
                char32_t p = cps[tokens[i - 1].start];
                after_opening = p == 0x201C || p == U'"' || p == U'(' || p == U':' || p == 0x2018 ||
                                p == 0x2014 || p == U'\'';
            }
            w.sentence_start = k == 0 || after_opening;
        }
    }
    return words;
}

// The evidence that a word is a name: written capitalised mid-sentence, or at a sentence start
// when it is no common word (`Borrell said`), or as an acronym (`WTO`).
void count_name_words(const std::u32string& cps, const std::vector<Token>& tokens,
                      const std::vector<Word>& words, const Lexicon& lexicon, NameBook& book) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Word& w = words[i];
        if (!w.letters || !w.capital) continue;
        if (w.all_caps && to_utf32(w.base).size() > 6) continue; // shouting, not an acronym
        if (w.sentence_start && !w.all_caps &&
            (is_common_word(lexicon, w.base) || is_common_word(lexicon, w.lower)))
            continue;
        std::size_t length = to_utf32(w.base).size();
        book.count_capitalised(w.base,
                               to_utf8(std::u32string_view(cps.data() + tokens[i].start, length)));
    }
}

Analysis analyse(const Document& document, const NameBook& names, const Lexicon& lexicon,
                 NameBook& names_out, std::uint32_t from, std::uint32_t to) {
    names_out = NameBook{};
    names_out.set_parent(&names);
    Analysis a{document, names_out, lexicon, to_utf32(document.text().slice(from, to)), {}, {},
               {},       {},        {}};
    a.tokens = tokenize(a.cps);
    a.sentences = split_sentences(a.cps, a.tokens);
    a.words = read_words(a.cps, a.tokens, a.sentences);
    for (const Word& w : a.words)
        if (w.letters) ++a.local_words[w.base];
    for (std::size_t i = 0; i < a.words.size(); ++i)
        if (a.words[i].letters && !a.is_word(a.words[i].base)) {
            Analysis::Seen& seen = a.local_names[a.words[i].base];
            if (seen.count++ == 0) seen.first = a.tokens[i].start;
        }
    // The project's whole text was counted (count_names): this part is in it already.
    if (!names.counts_text()) count_name_words(a.cps, a.tokens, a.words, lexicon, names_out);
    return a;
}

Suggestion error_suggestion(Detector d, std::uint32_t start, std::uint32_t end, std::string type,
                            std::string correction, std::string reason) {
    Suggestion s;
    s.detector = d;
    s.start = start;
    s.end = end;
    s.label = "ERROR";
    s.attrs.set("type", std::move(type));
    s.attrs.set("correction", std::move(correction));
    s.attrs.set("reason", std::move(reason));
    return s;
}

} // namespace detail

namespace {

// An entity suggestion inside a longer one (or a span) of the same label is the same mention:
// `blinken` inside `anthony blinken`.
void drop_nested_entities(const Document& document, std::vector<Suggestion>& entities) {
    // Sweep in (start, longest first) order: a suggestion is inside an earlier one of its
    // label when that one reaches at least as far.
    std::sort(entities.begin(), entities.end(), [](const Suggestion& x, const Suggestion& y) {
        return std::tie(x.start, y.end) < std::tie(y.start, x.end);
    });
    std::map<std::string, std::uint32_t, std::less<>> reach; // label -> furthest end so far
    std::vector<Suggestion> kept;
    kept.reserve(entities.size());
    for (Suggestion& x : entities) {
        auto it = reach.find(x.label);
        bool inside = it != reach.end() && it->second >= x.end;
        document.spans().for_each_overlapping(x.start, x.end, [&](const Span& s) {
            if (s.status != Status::Rejected && s.label == x.label && s.start <= x.start &&
                x.end <= s.end && s.end - s.start > x.end - x.start)
                inside = true;
        });
        if (it == reach.end())
            reach.emplace(x.label, x.end);
        else
            it->second = std::max(it->second, x.end);
        if (!inside) kept.push_back(std::move(x));
    }
    entities = std::move(kept);
}

} // namespace

std::vector<Suggestion> detect(const Document& document, const NameBook& names,
                               const Lexicon* lexicon, const AssistSettings& settings) {
    return detect(document, names, lexicon, settings, 0,
                  static_cast<std::uint32_t>(document.text().size()));
}

void count_names(const Text& text, const Lexicon* lexicon, NameBook& book, std::uint32_t from,
                 std::uint32_t to) {
    static const Lexicon kFunctionWordsOnly;
    to = std::min(to, static_cast<std::uint32_t>(text.size()));
    std::u32string cps = to_utf32(text.slice(std::min(from, to), to));
    std::vector<Token> tokens = tokenize(cps);
    std::vector<Sentence> sentences = split_sentences(cps, tokens);
    detail::count_name_words(cps, tokens, detail::read_words(cps, tokens, sentences),
                             lexicon ? *lexicon : kFunctionWordsOnly, book);
    book.set_counts_text();
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> detection_windows(const Text& text,
                                                                       std::size_t size) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    const std::string& bytes = text.utf8();
    const auto total = static_cast<std::uint32_t>(text.size());
    std::uint32_t from = 0;
    while (from < total) {
        std::uint32_t to = total;
        if (total - from > size) {
            // End at the first line break after `size` code points (a paragraph stays whole).
            std::size_t byte = text.index().byte_offset(from + size);
            std::size_t nl = bytes.find('\n', byte);
            if (nl != std::string::npos)
                if (auto cp = text.index().from_byte(nl + 1)) to = static_cast<std::uint32_t>(*cp);
        }
        out.push_back({from, to});
        from = to;
    }
    return out;
}

std::vector<Suggestion> detect(const Document& document, const NameBook& names,
                               const Lexicon* lexicon, const AssistSettings& settings,
                               std::uint32_t from, std::uint32_t to) {
    static const Lexicon kFunctionWordsOnly;
    NameBook book;
    to = std::min(to, static_cast<std::uint32_t>(document.text().size()));
    from = std::min(from, to);
    detail::Analysis a =
        detail::analyse(document, names, lexicon ? *lexicon : kFunctionWordsOnly, book, from, to);
    std::vector<Suggestion> out;
    std::vector<detail::Split> splits;
    if (settings.on(Detector::MergedTokens) || settings.on(Detector::BrokenSentence) ||
        settings.on(Detector::Entities))
        splits = detail::find_splits(a);
    detail::detect_merged(a, splits, settings, out);
    if (settings.on(Detector::BrokenSentence)) detail::detect_unended_sentences(a, out);
    if (settings.on(Detector::WrongCase)) detail::detect_wrong_case(a, out);
    if (settings.on(Detector::Duplication)) detail::detect_duplication(a, out);
    if (settings.on(Detector::SelfPairing)) detail::detect_self_pairing(a, out);
    if (settings.on(Detector::Misspelling)) detail::detect_misspellings(a, out);
    // A name in lower case is one error, not also a misspelling of a word inside it.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> recased;
    for (const Suggestion& s : out)
        if (s.detector == Detector::WrongCase) recased.push_back({s.start, s.end});
    std::erase_if(out, [&](const Suggestion& s) {
        if (s.detector != Detector::Misspelling) return false;
        for (auto [a_start, a_end] : recased)
            if (s.start < a_end && s.end > a_start) return true;
        return false;
    });
    std::vector<Suggestion> entities;
    if (settings.on(Detector::Entities)) detail::detect_entities(a, splits, out, entities);
    if (settings.on(Detector::Quotes)) {
        // Mentions in the analysis' coordinates (relative to `from`).
        std::vector<detail::Mention> mentions;
        document.spans().for_each_overlapping(from, to, [&](const Span& s) {
            if (s.status != Status::Rejected && (s.label == "PERSON" || s.label == "ORG") &&
                s.start >= from && s.end <= to)
                mentions.push_back({s.start - from, s.end - from, s.label});
        });
        for (const Suggestion& e : entities)
            if (e.label == "PERSON" || e.label == "ORG")
                mentions.push_back({e.start, e.end, e.label});
        std::sort(mentions.begin(), mentions.end(),
                  [](const auto& x, const auto& y) { return x.start < y.start; });
        detail::detect_quotes(a, mentions, out);
    }
    // Back to document offsets.
    for (std::vector<Suggestion>* list : {&out, &entities})
        for (Suggestion& s : *list) {
            s.start += from;
            s.end += from;
            if (s.speaker) s.speaker = std::pair{s.speaker->first + from, s.speaker->second + from};
        }
    drop_nested_entities(document, entities);
    out.insert(out.end(), std::make_move_iterator(entities.begin()),
               std::make_move_iterator(entities.end()));
    // One suggestion per range and label: the first detector wins.
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> seen;
    std::vector<Suggestion> unique;
    for (Suggestion& s : out)
        if (s.end > s.start && seen.insert({s.start, s.end, s.label}).second)
            unique.push_back(std::move(s));
    std::sort(unique.begin(), unique.end(), [](const Suggestion& x, const Suggestion& y) {
        return std::tie(x.start, x.end, x.label) < std::tie(y.start, y.end, y.label);
    });
    return unique;
}

std::string schema_label_for(std::string_view kind, const LabelSchema& schema) {
    if (schema.find(kind)) return std::string(kind);
    struct Alias {
        std::string_view kind;
        std::array<std::string_view, 2> names;
    };
    static constexpr Alias kAliases[] = {{"PERSON", {"PER", "PERS"}},
                                         {"ORG", {"ORGANIZATION", "ORGANISATION"}},
                                         {"GPE", {"LOC", "LOCATION"}},
                                         {"LOC", {"LOCATION", ""}},
                                         {"NORP", {"MISC", ""}}};
    for (const Alias& a : kAliases)
        if (a.kind == kind)
            for (std::string_view name : a.names)
                if (!name.empty() && schema.find(name)) return std::string(name);
    const bool quote = kind == "QUOTE", error = kind == "ERROR";
    for (const Label& l : schema.labels())
        if ((quote && l.kind == LabelKind::Quote) || (error && l.kind == LabelKind::Error))
            return l.name;
    return {};
}

void fit_to_schema(std::vector<Suggestion>& suggestions, const LabelSchema& schema) {
    std::vector<std::pair<std::string, std::string>> seen; // kind -> label, a handful
    auto label_for = [&](const std::string& kind) -> const std::string& {
        for (const auto& [k, label] : seen)
            if (k == kind) return label;
        seen.emplace_back(kind, schema_label_for(kind, schema));
        return seen.back().second;
    };
    std::vector<Suggestion> kept;
    kept.reserve(suggestions.size());
    for (Suggestion& s : suggestions) {
        std::string label = label_for(s.label);
        if (label.empty()) continue;
        s.label = std::move(label);
        if (s.speaker) {
            std::string speaker = label_for(s.speaker_label);
            if (speaker.empty())
                s.speaker.reset();
            else
                s.speaker_label = std::move(speaker);
        }
        kept.push_back(std::move(s));
    }
    suggestions = std::move(kept);
}

std::size_t add_suggestions(Document& document, const std::vector<Suggestion>& suggestions) {
    auto existing = [&](std::uint32_t start, std::uint32_t end, const std::string& label) {
        SpanId found = 0;
        document.spans().for_each_overlapping(start, end, [&](const Span& s) {
            if (s.start == start && s.end == end && s.label == label) found = s.id;
        });
        return found;
    };
    std::size_t added = 0;
    // Entities and errors first, so that a quote's speaker is the entity suggestion (with its
    // canonical name) when there is one.
    std::vector<const Suggestion*> ordered;
    for (const Suggestion& s : suggestions)
        if (s.detector != Detector::Quotes) ordered.push_back(&s);
    for (const Suggestion& s : suggestions)
        if (s.detector == Detector::Quotes) ordered.push_back(&s);
    for (const Suggestion* sp : ordered) {
        const Suggestion& s = *sp;
        if (existing(s.start, s.end, s.label)) continue;
        Span span;
        span.start = s.start;
        span.end = s.end;
        span.label = s.label;
        span.attrs = s.attrs;
        span.attrs.set("detector", std::string(to_string(s.detector)));
        EditResult r = document.add_suggestion(std::move(span));
        if (!r.ok()) continue;
        ++added;
        if (!s.speaker) continue;
        auto [from, to] = *s.speaker;
        SpanId speaker = existing(from, to, s.speaker_label);
        if (!speaker) {
            Span mention;
            mention.start = from;
            mention.end = to;
            mention.label = s.speaker_label;
            mention.attrs.set("canonical", std::string(document.text().slice(from, to)));
            mention.attrs.set("reason", "the speaker of a quote");
            mention.attrs.set("detector", std::string(to_string(Detector::Quotes)));
            EditResult m = document.add_suggestion(std::move(mention));
            if (!m.ok()) continue;
            ++added;
            speaker = m.id;
        }
        Relation relation;
        relation.type = "speaker";
        relation.from = r.id;
        relation.to = speaker;
        document.add_suggested_relation(std::move(relation));
    }
    return added;
}

} // namespace gloss::core
