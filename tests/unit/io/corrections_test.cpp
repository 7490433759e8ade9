// Error-correction exports: corrections JSONL (original and corrected text) and M2.
#include "core/text/utf8.hpp"
#include "io/corrections.hpp"
#include "io/json_value.hpp"
#include "unit/io/format_fixtures.hpp"

using namespace gloss;

TEST_CASE("corrections JSONL applies every accepted correction with offsets in both texts",
          "[io][corrections]") {
    auto docs = test::source_documents();
    core::Diagnostics notes;
    std::string out = io::write_corrections(docs, &test::default_schema(), notes);
    test::check_golden("corrections", {{"corrections.jsonl", out}});
    io::Json first = io::Json::parse(out.substr(0, out.find('\n')));
    std::u32string original = core::to_utf32(first["original"].get<std::string>());
    std::u32string corrected = core::to_utf32(first["corrected"].get<std::string>());
    REQUIRE(!first["edits"].empty());
    for (const auto& e : first["edits"]) {
        auto s = e["start"].get<std::size_t>(), en = e["end"].get<std::size_t>();
        auto cs = e["corrected_start"].get<std::size_t>(),
             ce = e["corrected_end"].get<std::size_t>();
        CHECK(core::to_utf8(original.substr(s, en - s)) == e["original"].get<std::string>());
        CHECK(core::to_utf8(corrected.substr(cs, ce - cs)) == e["correction"].get<std::string>());
    }
    CHECK_THAT(first["corrected"].get<std::string>(), Catch::Contains("Blinken. But"));
}

TEST_CASE("M2 lists each sentence with its token-level edits", "[io][corrections][m2]") {
    core::Document doc("d",
                       core::Text("CIA Director William Burns and CIA Director William Burns met. "
                                  "They spoke in Refa. All was calm."));
    core::Span dup;
    dup.start = 27;
    dup.end = 57; // "and CIA Director William Burns"
    dup.label = "ERROR";
    dup.attrs.set("type", "duplication");
    dup.attrs.set("correction", "");
    doc.add_span(dup);
    core::Span refa;
    refa.start = 77;
    refa.end = 81;
    refa.label = "ERROR";
    refa.attrs.set("type", "misspelling");
    refa.attrs.set("correction", "Rafah");
    doc.add_span(refa);
    core::Span inside; // part of a token: not expressible in M2
    inside.start = 4;
    inside.end = 7;
    inside.label = "ERROR";
    inside.attrs.set("correction", "Dir");
    doc.add_span(inside);
    core::Diagnostics notes;
    std::string m2 = io::write_m2({doc}, &test::default_schema(), notes);
    CHECK(m2 == "S CIA Director William Burns and CIA Director William Burns met .\n"
                "A 4 9|||duplication||||||REQUIRED|||-NONE-|||0\n"
                "\n"
                "S They spoke in Refa .\n"
                "A 3 4|||misspelling|||Rafah|||REQUIRED|||-NONE-|||0\n"
                "\n"
                "S All was calm .\n"
                "A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0\n"
                "\n");
    CHECK_THAT(test::all_messages(notes),
               Catch::Contains("does not start and end on token boundaries"));
    auto docs = test::source_documents();
    core::Diagnostics more;
    test::check_golden("m2",
                       {{"corrections.m2", io::write_m2(docs, &test::default_schema(), more)}});
}

TEST_CASE("M2 uses a dataset's own tokens when the document has them", "[io][m2][tokens]") {
    core::Document doc("d", core::Text("said anthony blinkenbut. Refa."));
    core::Span error; // part of the glued token for Gloss's tokenizer, a token of the dataset's
    error.start = 13;
    error.end = 20;
    error.label = "ERROR";
    error.attrs.set("type", "wrong_case");
    error.attrs.set("correction", "Blinken");
    REQUIRE(doc.add_span(error).ok());
    core::Diagnostics own_tokenizer;
    std::string before = io::write_m2({doc}, &test::default_schema(), own_tokenizer);
    CHECK_THAT(before, Catch::StartsWith("S said anthony blinkenbut .\n"));
    CHECK_THAT(test::all_messages(own_tokenizer),
               Catch::Contains("does not start and end on token boundaries"));

    REQUIRE(doc.set_tokens({{0, 4}, {5, 12}, {13, 20}, {20, 23}, {23, 24}, {25, 29}, {29, 30}}));
    core::Diagnostics notes;
    CHECK(io::write_m2({doc}, &test::default_schema(), notes) ==
          "S said anthony blinken but .\n"
          "A 2 3|||wrong_case|||Blinken|||REQUIRED|||-NONE-|||0\n"
          "\n"
          "S Refa .\n"
          "A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0\n"
          "\n");
    CHECK(test::all_messages(notes).empty());
}

TEST_CASE("an error whose correction is not known is left out and said, never deleted",
          "[io][corrections][m2]") {
    // `between Israel and Israel`: the second Israel is wrong, but who is meant is not known.
    core::Document doc("d", core::Text("Talks between Israel and Israel resumed. It was late."));
    core::Span unknown;
    unknown.start = 25;
    unknown.end = 31;
    unknown.label = "ERROR";
    unknown.attrs.set("type", "wrong_entity");
    REQUIRE(doc.add_span(unknown).ok());
    core::Diagnostics notes;
    io::Json line = io::Json::parse(io::write_corrections({doc}, &test::default_schema(), notes));
    CHECK(line["corrected"].get<std::string>() == line["original"].get<std::string>());
    CHECK(line["edits"].empty());
    CHECK_THAT(test::all_messages(notes), Catch::Contains("has no correction yet"));
    core::Diagnostics m2_notes;
    CHECK(io::write_m2({doc}, &test::default_schema(), m2_notes) ==
          "S Talks between Israel and Israel resumed .\n"
          "A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0\n"
          "\n"
          "S It was late .\n"
          "A -1 -1|||noop|||-NONE-|||REQUIRED|||-NONE-|||0\n"
          "\n");
    CHECK_THAT(test::all_messages(m2_notes), Catch::Contains("has no correction yet"));

    // An explicit deletion (an empty correction) stays possible.
    core::Document explicit_deletion("e", core::Text("It was was late."));
    core::Span dup;
    dup.start = 6;
    dup.end = 10; // " was"
    dup.label = "ERROR";
    dup.attrs.set("type", "duplication");
    dup.attrs.set("correction", "");
    REQUIRE(explicit_deletion.add_span(dup).ok());
    core::Diagnostics none;
    io::Json deleted =
        io::Json::parse(io::write_corrections({explicit_deletion}, &test::default_schema(), none));
    CHECK(deleted["corrected"].get<std::string>() == "It was late.");
}
