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
