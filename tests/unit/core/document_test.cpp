// Document editing, relations and the edit history.
#include "core/model/document.hpp"
#include "support/random_text.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gloss::core;

namespace {

Document sample() {
    Document doc("d1", Text("“We are close,” anthony blinkenbut said in Cairo."));
    doc.set_clock([] { return std::int64_t{1000}; });
    return doc;
}

Span span(std::uint32_t start, std::uint32_t end, std::string label) {
    Span s;
    s.start = start;
    s.end = end;
    s.label = std::move(label);
    return s;
}

struct Snapshot {
    std::vector<Span> spans;
    std::vector<Relation> relations;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const Document& doc) {
    Snapshot s;
    doc.spans().for_each([&](const Span& x) { s.spans.push_back(x); });
    for (const auto& [id, r] : doc.relations())
        s.relations.push_back(r);
    return s;
}

} // namespace

TEST_CASE("adding spans validates offsets and assigns ids", "[core][document]") {
    Document doc = sample();
    EditResult quote = doc.add_span(span(0, 15, "QUOTE"));
    REQUIRE(quote.ok());
    CHECK(quote.id == 1);
    CHECK(doc.spans().find(1)->created_ms == 1000);
    CHECK(doc.text().slice(0, 15) == "“We are close,”");

    EditResult bad = doc.add_span(span(10, 5, "PERSON"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.diagnostics[0].message == "span end 5 is before its start 10");
    CHECK(doc.add_span(span(5, 5, "PERSON")).diagnostics[0].message == "span 5..5 is empty");
    CHECK(doc.add_span(span(5, 500, "PERSON")).diagnostics[0].message ==
          "span end 500 is past the end of the text (49 code points)");
    CHECK(doc.spans().size() == 1);
    CHECK(doc.history().groups().size() == 1);
}

TEST_CASE("a span inside a glued word, nested in an error", "[core][document]") {
    Document doc = sample();
    // `blinken` inside `blinkenbut`: offsets need not follow token boundaries.
    auto error = doc.add_span(span(24, 34, "ERROR"));
    auto person = doc.add_span(span(24, 31, "PERSON"));
    REQUIRE(error.ok());
    REQUIRE(person.ok());
    CHECK(doc.text().slice(24, 31) == "blinken");
    CHECK(doc.spans().at(25).size() == 2);
}

TEST_CASE("removing a span removes its relations, and undo brings both back", "[core][document]") {
    Document doc = sample();
    SpanId quote = doc.add_span(span(0, 15, "QUOTE")).id;
    SpanId person = doc.add_span(span(16, 34, "PERSON")).id;
    Relation r;
    r.type = "speaker";
    r.from = quote;
    r.to = person;
    REQUIRE(doc.add_relation(r).ok());
    Relation dangling;
    dangling.type = "speaker";
    dangling.from = quote;
    dangling.to = 99;
    CHECK(doc.add_relation(dangling).diagnostics[0].message ==
          "relation 0 points at missing span 99");

    Snapshot before = snapshot(doc);
    EditResult removed = doc.remove_span(person);
    REQUIRE(removed.ok());
    REQUIRE(removed.diagnostics.size() == 1);
    CHECK(removed.diagnostics[0].message == "removing span 2 also removed 1 relation(s)");
    CHECK(doc.relations().empty());
    CHECK(doc.history().groups().back().edits.size() == 2); // one undo step
    REQUIRE(doc.undo());
    CHECK(snapshot(doc) == before);
    REQUIRE(doc.redo());
    CHECK(doc.relations().empty());
    CHECK_FALSE(doc.spans().contains(person));
}

TEST_CASE("grouped edits are one undo step", "[core][document]") {
    Document doc = sample();
    doc.begin_group("accept 3 suggestions");
    doc.add_span(span(16, 23, "PERSON"));
    doc.add_span(span(24, 31, "PERSON"));
    doc.begin_group("nested");
    doc.add_span(span(43, 48, "GPE"));
    doc.end_group();
    doc.end_group();
    REQUIRE(doc.history().groups().size() == 1);
    CHECK(doc.history().groups()[0].name == "accept 3 suggestions");
    CHECK(doc.spans().size() == 3);
    REQUIRE(doc.undo());
    CHECK(doc.spans().empty());
    CHECK_FALSE(doc.undo());
    REQUIRE(doc.redo());
    CHECK(doc.spans().size() == 3);
    CHECK_FALSE(doc.redo());
    // An empty group records nothing.
    doc.begin_group("nothing");
    doc.end_group();
    CHECK(doc.history().groups().size() == 1);
}

TEST_CASE("a new edit after undo drops the redo branch and never reuses ids", "[core][document]") {
    Document doc = sample();
    SpanId a = doc.add_span(span(16, 23, "PERSON")).id;
    doc.undo();
    SpanId b = doc.add_span(span(43, 48, "GPE")).id;
    CHECK(b != a);
    CHECK_FALSE(doc.redo());
    CHECK(doc.history().groups().size() == 1);
}

TEST_CASE("random edit sequences: undo-all restores the start, redo-all the end",
          "[core][document]") {
    auto seed = gloss::test::test_seed();
    CAPTURE(seed);
    std::mt19937 rng(seed);
    for (int trial = 0; trial < gloss::test::trials(30); ++trial) {
        Document doc("r", Text(gloss::test::random_utf8(rng, 300)));
        doc.set_clock([] { return std::int64_t{42}; });
        std::uniform_int_distribution<std::uint32_t> pos(0, 299), len(1, 30), coin(0, 9);
        // Some imported state first: undo must return to it, not to empty.
        std::vector<Span> initial;
        for (int i = 0; i < 5; ++i) {
            std::uint32_t s = pos(rng) % 250;
            initial.push_back(span(s, s + len(rng), "ORG"));
        }
        REQUIRE(doc.load(initial, {}).empty());
        Snapshot start = snapshot(doc);
        for (int step = 0; step < 60; ++step) {
            std::vector<const Span*> all = doc.spans().all();
            std::uint32_t action = coin(rng);
            if (action < 4 || all.empty()) {
                std::uint32_t s = pos(rng) % 270;
                doc.add_span(span(s, s + len(rng), action % 2 ? "PERSON" : "QUOTE"));
            } else if (action < 6) {
                doc.remove_span(all[pos(rng) % all.size()]->id);
            } else if (action < 7) {
                Span changed = *all[pos(rng) % all.size()];
                changed.attrs.set("correction", "Blinken. But");
                changed.end = std::min<std::uint32_t>(300, changed.end + 1);
                doc.update_span(changed);
            } else if (action < 8 && all.size() >= 2) {
                Relation r;
                r.type = "speaker";
                r.from = all[0]->id;
                r.to = all[1]->id;
                doc.add_relation(r);
            } else if (action < 9) {
                doc.undo();
            } else {
                doc.redo();
            }
        }
        while (doc.redo()) {
        }
        Snapshot end = snapshot(doc);
        std::size_t steps = doc.history().position();
        while (doc.undo()) {
        }
        REQUIRE(snapshot(doc) == start);
        for (std::size_t i = 0; i < steps; ++i)
            REQUIRE(doc.redo());
        REQUIRE(snapshot(doc) == end);

        // The saved history restores exactly onto the same state.
        Document copy("r", doc.text());
        std::vector<Span> spans;
        doc.spans().for_each([&](const Span& s) { spans.push_back(s); });
        std::vector<Relation> relations;
        for (const auto& [id, r] : doc.relations())
            relations.push_back(r);
        REQUIRE(copy.load(spans, relations).empty());
        REQUIRE(copy.restore_history(doc.history().groups(), doc.history().position()));
        REQUIRE(copy.history() == doc.history());
        while (copy.undo()) {
        }
        REQUIRE(snapshot(copy) == start);
    }
}

TEST_CASE("a read-only document refuses every edit, undo and redo") {
    gloss::core::Document doc("d", gloss::core::Text("Zoë met Ana 🎉."));
    gloss::core::Span span;
    span.start = 0;
    span.end = 3;
    span.label = "PERSON";
    auto added = doc.add_span(span);
    REQUIRE(added.ok());
    doc.set_read_only(true);
    span.start = 8;
    span.end = 11;
    auto refused = doc.add_span(span);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.diagnostics[0].code == gloss::core::DiagnosticCode::ReadOnly);
    CHECK_FALSE(doc.remove_span(added.id).ok());
    CHECK_FALSE(doc.add_suggestion(span).ok());
    CHECK_FALSE(doc.undo());
    CHECK(doc.spans().size() == 1);
    doc.set_read_only(false);
    CHECK(doc.undo());
    CHECK(doc.spans().size() == 0);
}

TEST_CASE("a document keeps the tokens a dataset supplied, through copies and moves",
          "[core][document][tokens]") {
    // "said anthony blinkenbut 🎉": the dataset splits the glued word as blinken + but.
    Document doc("d", Text("said anthony blinkenbut 🎉 27,478."));
    CHECK(doc.tokens().empty());
    std::u32string decoded = doc.text().decode(0, doc.text().size());
    CHECK(doc.tokens_or_tokenize(decoded) == tokenize(decoded)); // none: Gloss's tokenizer
    REQUIRE(doc.set_tokens({{0, 4}, {5, 12}, {13, 20}, {20, 23}, {24, 25}, {26, 32}, {32, 33}}));
    // Kinds are classified as the tokenizer would, so sentences split over them.
    CHECK(doc.tokens() == std::vector<Token>{{0, 4, TokenKind::Word},
                                             {5, 12, TokenKind::Word},
                                             {13, 20, TokenKind::Word},
                                             {20, 23, TokenKind::Word},
                                             {24, 25, TokenKind::Symbol},
                                             {26, 32, TokenKind::Number},
                                             {32, 33, TokenKind::Punctuation}});
    CHECK(doc.tokens_or_tokenize(decoded) == doc.tokens());
    CHECK(split_sentences(decoded, doc.tokens()).size() == 1);

    Document copy = doc;
    CHECK(copy.tokens() == doc.tokens());
    Document assigned;
    assigned = copy;
    CHECK(assigned.tokens() == doc.tokens());
    Document moved = std::move(copy);
    CHECK(moved.tokens() == doc.tokens());
    Document move_assigned;
    move_assigned = std::move(moved);
    CHECK(move_assigned.tokens() == doc.tokens());
    // Editing spans leaves them alone.
    REQUIRE(move_assigned.add_span(span(5, 20, "PERSON")).ok());
    REQUIRE(move_assigned.undo());
    CHECK(move_assigned.tokens() == doc.tokens());

    // Bad tokens are refused whole: nothing changes.
    std::vector<Token> kept = doc.tokens();
    CHECK_FALSE(doc.set_tokens({{0, 4}, {4, 4}}));   // empty
    CHECK_FALSE(doc.set_tokens({{0, 4}, {30, 40}})); // past the end (33 code points)
    CHECK_FALSE(doc.set_tokens({{5, 12}, {0, 4}}));  // out of order
    CHECK_FALSE(doc.set_tokens({{0, 6}, {5, 12}}));  // overlapping
    CHECK_FALSE(doc.set_tokens({{6, 5}}));           // end before start
    CHECK(doc.tokens() == kept);
    REQUIRE(doc.set_tokens({}));
    CHECK(doc.tokens().empty());
}
