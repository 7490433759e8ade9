// Prodigy / spaCy-style JSONL: token indices from the core tokenizer, round trip, bad input.
#include "io/json_value.hpp"
#include "io/prodigy.hpp"
#include "unit/io/format_fixtures.hpp"

using namespace gloss;

TEST_CASE("Prodigy JSONL round trip keeps spans and relations, code points",
          "[io][roundtrip][prodigy]") {
    auto docs = test::source_documents();
    core::Diagnostics notes;
    std::string out = io::write_prodigy(docs, notes);
    test::check_golden("prodigy", {{"prodigy.jsonl", out}});
    // `blinken` inside `blinkenbut` is not on token boundaries: written, without token indices.
    CHECK_THAT(test::all_messages(notes),
               Catch::Contains("does not start and end on token boundaries"));
    CHECK_THAT(test::all_messages(notes),
               Catch::Contains("prodigy cannot hold rejected suggestions"));
    auto back = io::read_prodigy(out, {});
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    test::Held held;
    held.doc_id = true;
    held.span_ids = held.attrs = held.status = held.origin = held.annotator = held.meta = false;
    held.rejected = false;
    CHECK(test::describe(back.documents, held) == test::describe(docs, held));
}

TEST_CASE("Prodigy token indices are inclusive and name the tokens of the span", "[io][prodigy]") {
    core::Document doc("d", core::Text("“We are close,” said anthony blinkenbut in U.S. talks."));
    core::Span person;
    person.start = 21;
    person.end = 28; // "anthony"
    person.label = "PERSON";
    doc.add_span(person);
    core::Diagnostics notes;
    io::Json line = io::Json::parse(io::write_prodigy({doc}, notes));
    const auto& span = line["spans"][0];
    const auto& tokens = line["tokens"];
    CHECK(tokens[span["token_start"].get<int>()]["text"] == "anthony");
    CHECK(span["token_start"] == span["token_end"]);
    CHECK(tokens[0]["text"] == "“");
    CHECK(tokens[0]["ws"] == false);
    bool has_us = false;
    for (const auto& t : tokens)
        has_us = has_us || t["text"] == "U.S.";
    CHECK(has_us);
}

TEST_CASE("Prodigy reports bad spans with their line", "[io][errors][prodigy]") {
    io::ProdigyReadOptions options;
    options.source = "answers.jsonl";
    auto r = io::read_prodigy(
        "{\"text\":\"Refa\",\"spans\":[{\"start\":0,\"end\":9,\"label\":\"GPE\"}]}\n"
        "{\"text\":\"ok\",\"spans\":[{\"start\":0,\"end\":2,\"label\":\"GPE\"}],"
        "\"relations\":[{\"label\":\"speaker\",\"head\":5,\"child\":0}]}\n",
        options);
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(all, Catch::Contains(
                        "answers.jsonl:1: span end 9 is past the end of the text (4 code points)"));
    CHECK_THAT(all, Catch::Contains("answers.jsonl:2:"));
    CHECK_FALSE(r.ok());
}

TEST_CASE("Prodigy export uses a dataset's own tokens, and a round trip keeps them",
          "[io][roundtrip][prodigy][tokens]") {
    core::Document doc("d1", core::Text("“Go,” said anthony blinkenbut 🚢 José."));
    // The dataset splits the glued `blinkenbut` as blinken + but; Gloss's tokenizer does not.
    REQUIRE(doc.set_tokens({{0, 1},
                            {1, 3},
                            {3, 4},
                            {4, 5},
                            {6, 10},
                            {11, 18},
                            {19, 26},
                            {26, 29},
                            {30, 31},
                            {32, 36},
                            {36, 37}}));
    core::Span quote;
    quote.start = 0;
    quote.end = 5;
    quote.label = "QUOTE";
    core::Span person;
    person.start = 11;
    person.end = 26; // anthony blinken
    person.label = "PERSON";
    REQUIRE(doc.add_span(quote).ok());
    REQUIRE(doc.add_span(person).ok());
    core::Relation speaker;
    speaker.type = "speaker";
    speaker.from = 1;
    speaker.to = 2;
    REQUIRE(doc.add_relation(speaker).ok());

    core::Diagnostics notes;
    std::string out = io::write_prodigy({doc}, notes);
    CHECK(test::all_messages(notes).empty()); // every span is on the supplied tokens
    io::Json line = io::Json::parse(out);
    std::vector<std::string> texts;
    for (const auto& t : line["tokens"])
        texts.push_back(t["text"].get<std::string>());
    CHECK(texts == std::vector<std::string>{"“", "Go", ",", "”", "said", "anthony", "blinken",
                                            "but", "🚢", "José", "."});
    CHECK(line["tokens"][6]["ws"] == false);
    CHECK(line["tokens"][7]["ws"] == true);
    CHECK(line["spans"][1]["token_start"] == 5);
    CHECK(line["spans"][1]["token_end"] == 6); // inclusive: blinken
    CHECK(line["relations"][0]["child"] == 5);

    // Read back, the document keeps the file's tokens; written again, the same bytes.
    auto back = io::read_prodigy(out, {});
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    REQUIRE(back.documents.size() == 1);
    CHECK(back.documents[0].tokens() == doc.tokens());
    core::Diagnostics again;
    CHECK(io::write_prodigy(back.documents, again) == out);
    // A file without tokens gives a document without them (Gloss's tokenizer then applies).
    auto bare = io::read_prodigy(R"({"text":"said blinkenbut","spans":[]})", {});
    REQUIRE(bare.ok());
    CHECK(bare.documents[0].tokens().empty());
}

TEST_CASE("Prodigy token indices resolve against the file's tokens", "[io][prodigy][tokens]") {
    // The file's tokens: Go blinken but said Refa (Gloss's tokenizer: Go blinkenbut said Refa),
    // so token 4 is Refa only in the file's tokenization.
    const std::string tokens = R"("tokens":[{"text":"Go","start":0,"end":2,"id":0,"ws":true},)"
                               R"({"text":"blinken","start":3,"end":10,"id":1,"ws":false},)"
                               R"({"text":"but","start":10,"end":13,"id":2,"ws":true},)"
                               R"({"text":"said","start":14,"end":18,"id":3,"ws":true},)"
                               R"({"text":"Refa","start":19,"end":23,"id":4,"ws":false}])";
    io::ProdigyReadOptions options;
    options.source = "answers.jsonl";
    auto r = io::read_prodigy(
        R"({"text":"Go blinkenbut said Refa",)" + tokens +
            R"(,"spans":[{"start":0,"end":2,"label":"QUOTE"},{"token_start":1,"token_end":1,)"
            R"("label":"PERSON"},{"start":19,"end":23,"label":"GPE"}],)"
            R"("relations":[{"label":"speaker","head":0,"child":4}]})",
        options);
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(r.ok());
    const core::Document& doc = r.documents[0];
    REQUIRE(doc.tokens().size() == 5);
    std::vector<std::string> spans;
    doc.spans().for_each([&](const core::Span& s) {
        spans.push_back(s.label + " " + std::string(doc.text().slice(s.start, s.end)));
    });
    CHECK(spans == std::vector<std::string>{"QUOTE Go", "PERSON blinken", "GPE Refa"});
    REQUIRE(doc.relations().size() == 1);
    const core::Relation& rel = doc.relations().begin()->second;
    CHECK(doc.spans().find(rel.to)->label == "GPE");

    // Bad tokens and token indices are reported with their line.
    auto bad = io::read_prodigy(
        "{\"text\":\"ab\",\"tokens\":[{\"start\":0,\"end\":1},{\"start\":1,\"end\":1}]}\n"
        "{\"text\":\"ab\",\"tokens\":[{\"start\":0,\"end\":2}],"
        "\"spans\":[{\"token_start\":0,\"token_end\":3,\"label\":\"X\"}]}\n"
        "{\"text\":\"ab\",\"tokens\":[{\"start\":1,\"end\":2},{\"start\":0,\"end\":1}]}\n",
        options);
    CHECK(bad.documents.empty());
    CHECK(test::all_messages(bad.diagnostics) ==
          "answers.jsonl:1: tokens[1] 1..1 is empty\n"
          "answers.jsonl:2: field \"spans[0].token_end\" must be a token index below 1\n"
          "answers.jsonl:3: tokens[1] 0..1 starts before tokens[0] ends (2)\n");
}
