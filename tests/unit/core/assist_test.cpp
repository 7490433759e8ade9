// Assist detectors on small cases: each garble kind, gazetteer entities with canonical names,
// quotes with speakers, and suggestions as pending spans that rejected ones do not repeat.
#include "core/detect/assist.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

using namespace gloss;

namespace {

// A few words as wamerican holds them: common words in lower case, names capitalised.
const core::Lexicon& lexicon() {
    static const core::Lexicon lex = core::Lexicon::from_entries(
        {"arrived",  "talks",     "group",     "civilians", "free",       "hostages", "director",
         "where",    "minister",  "foreign",   "met",       "crossing",   "aid",      "trucks",
         "reached",  "officials", "continued", "gathered",  "supporters", "wants",    "peace",
         "Cairo",    "Anthony",   "Arab",      "said",      "visit",      "deal",     "between",
         "fighting", "state",     "secretary", "president"});
    return lex;
}

core::Document doc(const std::string& text) {
    return core::Document("d", core::Text(text));
}

std::vector<core::Suggestion> run(const core::Document& d, const core::NameBook& names = {},
                                  core::AssistSettings settings = {}) {
    return core::detect(d, names, &lexicon(), settings);
}

const core::Suggestion* find(const std::vector<core::Suggestion>& all, const core::Document& d,
                             std::string_view text, std::string_view label) {
    for (const auto& s : all)
        if (s.label == label && d.text().slice(s.start, s.end) == text) return &s;
    return nullptr;
}

std::string attr(const core::Suggestion& s, const char* name) {
    const std::string* v = s.attrs.get(name);
    return v ? *v : "";
}

core::NameBook blinken_known() {
    core::NameBook names;
    names.add("Antony Blinken", "PERSON", "Antony Blinken", true);
    names.add("Rafah", "GPE", "Rafah", true);
    names.add_builtin();
    return names;
}

} // namespace

TEST_CASE("glued words are split at names, function words and case changes", "[assist]") {
    auto d = doc("Secretary Antony Blinken arrived. Then blinkenbut talks went on, and the "
                 "groupIn Cairo said netanyahuhas no plan. Saudi ArabWhere talks continued.");
    auto s = run(d, blinken_known());
    const core::Suggestion* b = find(s, d, "blinkenbut", "ERROR");
    REQUIRE(b);
    CHECK(attr(*b, "type") == "merged_tokens");
    CHECK(attr(*b, "correction") == "Blinken but");
    CHECK_FALSE(attr(*b, "reason").empty());
    REQUIRE(find(s, d, "groupIn", "ERROR"));
    // A common word glued inside a sentence is written in lower case: `the group in Cairo`.
    CHECK(attr(*find(s, d, "groupIn", "ERROR"), "correction") == "group in");
    REQUIRE(find(s, d, "ArabWhere", "ERROR"));
    // Unknown names are still split before a function word once the text shows the name.
    CHECK_FALSE(find(s, d, "arrived", "ERROR"));
    // The name inside the glued word is an entity with the canonical name.
    const core::Suggestion* inside = find(s, d, "blinken", "PERSON");
    REQUIRE(inside);
    CHECK(attr(*inside, "canonical") == "Antony Blinken");
}

TEST_CASE("two sentences run together are broken sentences", "[assist]") {
    auto d = doc("The gunmen freed some civiliansFree the hostages now, they said. The talks "
                 "continued The minister met officials.");
    auto s = run(d);
    const core::Suggestion* glued = find(s, d, "civiliansFree", "ERROR");
    REQUIRE(glued);
    CHECK(attr(*glued, "type") == "broken_sentence");
    CHECK(attr(*glued, "correction") == "civilians. Free");
    const core::Suggestion* unended = find(s, d, "continued", "ERROR");
    REQUIRE(unended);
    CHECK(attr(*unended, "correction") == "continued.");
}

TEST_CASE("names in lower case are re-cased from the project and the lexicon", "[assist]") {
    auto d = doc("Talks in cairo went on. Later anthony blinken met Hamas, and hamas agreed.");
    auto names = blinken_known();
    auto s = run(d, names);
    REQUIRE(find(s, d, "cairo", "ERROR"));
    CHECK(attr(*find(s, d, "cairo", "ERROR"), "correction") == "Cairo");
    const core::Suggestion* person = find(s, d, "anthony blinken", "ERROR");
    REQUIRE(person);
    CHECK(attr(*person, "type") == "wrong_case");
    CHECK(attr(*person, "correction") == "Antony Blinken");
    REQUIRE(find(s, d, "hamas", "ERROR"));
    // The mention itself is a PERSON with the canonical name.
    REQUIRE(find(s, d, "anthony blinken", "PERSON"));
    CHECK(attr(*find(s, d, "anthony blinken", "PERSON"), "canonical") == "Antony Blinken");
}

TEST_CASE("a repeated phrase of three or more words is a duplication", "[assist]") {
    auto d = doc("He met CIA Director William Burns and CIA Director William Burns in Doha. "
                 "Talks went on, and on.");
    auto s = run(d);
    const core::Suggestion* dup = find(s, d, " and CIA Director William Burns", "ERROR");
    REQUIRE(dup);
    CHECK(attr(*dup, "type") == "duplication");
    CHECK(attr(*dup, "correction").empty());
    CHECK(std::count_if(s.begin(), s.end(), [](const auto& x) {
              return x.attrs.get("type") && *x.attrs.get("type") == "duplication";
          }) == 1);
}

TEST_CASE("the same name on both sides of 'and' is a wrong entity", "[assist]") {
    auto d = doc("The fighting between Israel and Israel continued, while Egypt and Qatar met.");
    auto s = run(d);
    const core::Suggestion* pair = find(s, d, "Israel", "ERROR");
    REQUIRE(pair);
    CHECK(attr(*pair, "type") == "wrong_entity");
    CHECK(d.text().slice(pair->start, pair->end) == "Israel");
    CHECK(pair->start > 30); // the second Israel
    CHECK_FALSE(find(s, d, "Qatar", "ERROR"));
    // Who is meant is not known: no correction (an empty one would delete the name).
    CHECK(pair->attrs.get("correction") == nullptr);
    CHECK_THAT(attr(*pair, "reason"), Catch::Contains("not known"));
}

TEST_CASE("a self-pairing is corrected with the partner the text names elsewhere", "[assist]") {
    auto d = doc("Talks between Israel and Hamas stalled in May. Egypt said the truce between "
                 "Israel and Israel would hold. Mediators met Hamas and Israel again; Israel and "
                 "Egypt disagreed.");
    auto s = run(d);
    const core::Suggestion* pair = find(s, d, "Israel", "ERROR");
    REQUIRE(pair);
    CHECK(attr(*pair, "type") == "wrong_entity");
    CHECK(attr(*pair, "correction") == "Hamas"); // twice with Hamas, once with Egypt
}

TEST_CASE("a name close to one used elsewhere is a misspelling", "[assist]") {
    auto d = doc("Aid trucks reached Rafah on Monday. The crossing at Refa was shut, officials "
                 "said, and Rafah stayed closed.");
    auto s = run(d, blinken_known());
    const core::Suggestion* m = find(s, d, "Refa", "ERROR");
    REQUIRE(m);
    CHECK(attr(*m, "type") == "misspelling");
    CHECK(attr(*m, "correction") == "Rafah");
    REQUIRE(find(s, d, "Refa", "GPE"));
    CHECK(attr(*find(s, d, "Refa", "GPE"), "canonical") == "Rafah");
}

TEST_CASE("quotes with straight, curly, nested and paragraph-spanning marks get speakers",
          "[assist]") {
    auto d = doc("“We want peace, and ‘peace’ now,” Blinken said.\n\n"
                 "Foreign Minister Sameh Shoukry said: \"The crossing must open for aid.\"\n\n"
                 "“The first part goes on\n\n“and ends here,” according to Antony Blinken.\n"
                 "It was a “constructive” visit. 🚢 “Talks will go on,” he said.");
    auto s = run(d, blinken_known());
    std::vector<const core::Suggestion*> quotes;
    for (const auto& x : s)
        if (x.label == "QUOTE") quotes.push_back(&x);
    REQUIRE(quotes.size() == 4); // not the scare-quoted “constructive”
    auto text_of = [&](const core::Suggestion* q) { return d.text().slice(q->start, q->end); };
    CHECK(text_of(quotes[0]) == "“We want peace, and ‘peace’ now,”");
    REQUIRE(quotes[0]->speaker);
    CHECK(d.text().slice(quotes[0]->speaker->first, quotes[0]->speaker->second) == "Blinken");
    CHECK(text_of(quotes[1]) == "\"The crossing must open for aid.\"");
    REQUIRE(quotes[1]->speaker);
    CHECK(d.text().slice(quotes[1]->speaker->first, quotes[1]->speaker->second) == "Sameh Shoukry");
    CHECK(text_of(quotes[2]) == "“The first part goes on\n\n“and ends here,”");
    REQUIRE(quotes[2]->speaker);
    CHECK(d.text().slice(quotes[2]->speaker->first, quotes[2]->speaker->second) ==
          "Antony Blinken");
    // `he said`: the nearest person named before; offsets are code points past the emoji.
    CHECK(text_of(quotes[3]) == "“Talks will go on,”");
    REQUIRE(quotes[3]->speaker);
    CHECK(d.text().slice(quotes[3]->speaker->first, quotes[3]->speaker->second) ==
          "Antony Blinken");
}

TEST_CASE("labelled names are suggested at every other mention with their canonical name",
          "[assist]") {
    auto d = doc("Antony Blinken met the press. Blinken then left for Cairo, where blinken "
                 "spoke. The Ministry of Foreign Affairs said President Moussa Diop agreed.");
    core::Span first;
    first.start = 0;
    first.end = 14;
    first.label = "PERSON";
    first.attrs.set("canonical", "Antony Blinken");
    REQUIRE(d.add_span(first).ok());
    core::NameBook names;
    names.add_builtin();
    names.learn(d);
    auto s = run(d, names);
    REQUIRE(find(s, d, "Blinken", "PERSON"));
    CHECK(attr(*find(s, d, "Blinken", "PERSON"), "canonical") == "Antony Blinken");
    REQUIRE(find(s, d, "blinken", "PERSON"));
    REQUIRE(find(s, d, "Cairo", "GPE"));
    REQUIRE(find(s, d, "Ministry of Foreign Affairs", "ORG"));
    REQUIRE(find(s, d, "Moussa Diop", "PERSON"));
    // The labelled mention is not suggested again.
    core::add_suggestions(d, s);
    CHECK(d.spans().overlapping(0, 14).size() == 1);
}

TEST_CASE("suggestions become pending spans outside the history; rejected ones stay away",
          "[assist]") {
    auto d = doc("“Talks will go on,” Blinken said in cairo.");
    auto names = blinken_known();
    std::size_t added = core::add_suggestions(d, run(d, names));
    CHECK(added >= 3); // the quote, its speaker, the lower-case city (and its GPE)
    CHECK_FALSE(d.history().can_undo());
    bool linked = false;
    for (const auto& [id, r] : d.relations())
        linked = linked || (r.type == "speaker" && d.spans().find(r.from)->label == "QUOTE");
    CHECK(linked);
    const core::Span* cairo = nullptr;
    d.spans().for_each([&](const core::Span& s) {
        CHECK(s.status == core::Status::Pending);
        CHECK(s.origin == core::Origin::Suggested);
        if (s.label == "ERROR") cairo = &s;
    });
    REQUIRE(cairo);
    core::Span rejected = *cairo;
    rejected.status = core::Status::Rejected;
    REQUIRE(d.update_span(rejected).ok());
    CHECK(core::add_suggestions(d, run(d, names)) == 0);
    CHECK(d.undo()); // the rejection is an edit, and undoable
    CHECK(d.spans().find(rejected.id)->status == core::Status::Pending);
}

TEST_CASE("each detector can be turned off", "[assist]") {
    auto d = doc("“Talks go on now,” he said, in cairo, with blinkenbut Israel and Israel.");
    auto names = blinken_known();
    for (std::size_t i = 0; i < core::kDetectorCount; ++i) {
        auto detector = static_cast<core::Detector>(i);
        CHECK(core::parse_detector(core::to_string(detector)) == detector);
        core::AssistSettings only;
        only.enabled.fill(false);
        only.set(detector, true);
        for (const auto& s : run(d, names, only)) {
            INFO(core::to_string(detector)
                 << " gave " << s.label << " " << d.text().slice(s.start, s.end));
            CHECK(s.detector == detector);
        }
    }
    core::AssistSettings none;
    none.enabled.fill(false);
    CHECK(run(d, names, none).empty());
}

TEST_CASE("the lexicon asset the build generates parses and knows names from words", "[assist]") {
    const char* path = std::getenv("GLOSS_LEXICON");
    REQUIRE(path);
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    auto lex = core::Lexicon::parse(bytes.str());
    REQUIRE(lex);
    CHECK(lex->size() > 50000);
    CHECK(lex->is_word("hostages"));
    CHECK_FALSE(lex->is_word("cairo"));
    REQUIRE(lex->proper_form("cairo"));
    CHECK(*lex->proper_form("cairo") == "Cairo");
    CHECK_FALSE(core::Lexicon::parse("not a lexicon"));
}

TEST_CASE("detection a window at a time finds what detection of the whole text finds", "[assist]") {
    std::string text;
    for (int i = 0; i < 40; ++i)
        text += "Talks in cairo went on 🚢 and blinkenbut met Rafah and Rafah officials. "
                "“We want peace now,” Blinken said.\n\n";
    auto d = doc(text);
    auto names = blinken_known();
    auto whole = run(d, names);
    auto windows = core::detection_windows(d.text(), 500);
    REQUIRE(windows.size() > 5);
    CHECK(windows.front().first == 0);
    CHECK(windows.back().second == d.text().size());
    std::vector<core::Suggestion> parts;
    for (std::size_t i = 0; i < windows.size(); ++i) {
        if (i) CHECK(windows[i].first == windows[i - 1].second);
        CHECK(d.text().at(windows[i].first - (i ? 1 : 0)) == (i ? U'\n' : U'T'));
        for (auto& s : core::detect(d, names, &lexicon(), {}, windows[i].first, windows[i].second))
            parts.push_back(std::move(s));
    }
    REQUIRE(parts.size() == whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
        CHECK(parts[i].start == whole[i].start);
        CHECK(parts[i].end == whole[i].end);
        CHECK(parts[i].label == whole[i].label);
        CHECK(parts[i].speaker == whole[i].speaker);
    }
}

TEST_CASE("Assist suggests only the labels the schema has, under the schema's names",
          "[assist][schema]") {
    auto d = doc("Talks in cairo went on. “We want the talks to go on now,” Egypt said, after "
                 "Egypt and Egypt met Hamas and the European Union.");
    auto labels = [](const std::vector<core::Suggestion>& all) {
        std::set<std::string> out;
        for (const auto& s : all)
            out.insert(s.label);
        return out;
    };
    core::NameBook builtin;
    builtin.add_builtin();
    auto all = run(d, builtin);
    REQUIRE(labels(all).count("GPE"));
    REQUIRE(labels(all).count("ERROR"));
    REQUIRE(labels(all).count("QUOTE"));

    // A CoNLL-style schema: PER, LOC, MISC, a quote label of another name, and no errors.
    core::LabelSchema conll;
    auto label = [](const char* name) {
        core::Label l;
        l.name = name;
        return l;
    };
    for (const char* name : {"PER", "LOC", "MISC"})
        conll.add(label(name));
    core::Label said = label("SAID");
    said.kind = core::LabelKind::Quote;
    conll.add(said);
    CHECK(core::schema_label_for("PERSON", conll) == "PER");
    CHECK(core::schema_label_for("GPE", conll) == "LOC");
    CHECK(core::schema_label_for("LOC", conll) == "LOC");
    CHECK(core::schema_label_for("NORP", conll) == "MISC");
    CHECK(core::schema_label_for("QUOTE", conll) == "SAID");
    CHECK(core::schema_label_for("ORG", conll).empty());
    CHECK(core::schema_label_for("ERROR", conll).empty());
    auto fitted = all;
    core::fit_to_schema(fitted, conll);
    std::set<std::string> kept = labels(fitted);
    CHECK(kept.count("LOC"));
    CHECK(kept.count("SAID"));
    for (const std::string& l : kept)
        CHECK(conll.find(l));
    const core::Suggestion* quote = find(fitted, d, "“We want the talks to go on now,”", "SAID");
    REQUIRE(quote);
    if (quote->speaker) CHECK(conll.find(quote->speaker_label));
    // Nothing of a kind the schema lacks: no errors at all.
    CHECK(std::none_of(fitted.begin(), fitted.end(),
                       [](const core::Suggestion& s) { return s.attrs.get("type"); }));
}
