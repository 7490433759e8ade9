// W3C Web Annotation: UTF-16 positions checked against quotes, ids kept, linking relations.
#include "io/w3c.hpp"
#include "unit/io/format_fixtures.hpp"

using namespace gloss;

namespace {

core::Span make_span(std::uint32_t start, std::uint32_t end, std::string label) {
    core::Span s;
    s.start = start;
    s.end = end;
    s.label = std::move(label);
    return s;
}

test::Held w3c_held() {
    test::Held held;
    held.meta = held.rejected = false; // status and origin are kept (gloss:status, gloss:origin)
    return held;
}

io::ImportResult read(const std::string& texts, const std::string& annotations) {
    return io::read_w3c({{"texts.jsonl", texts}, {"a.w3c.jsonld", annotations}}, {});
}

} // namespace

TEST_CASE("W3C round trips the fixtures with their ids", "[io][roundtrip][w3c]") {
    auto docs = test::source_documents();
    io::W3cExport out = io::write_w3c(docs);
    REQUIRE(out.files.size() == 2);
    CHECK_THAT(test::all_messages(out.diagnostics),
               Catch::Contains("w3c cannot hold rejected spans"));
    auto back = io::read_w3c(out.files, {});
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    CHECK(test::describe(back.documents, w3c_held()) == test::describe(docs, w3c_held()));
    test::check_golden("w3c", out.files);
}

TEST_CASE("W3C keeps string ids of spans and relations", "[io][roundtrip][w3c]") {
    core::Document doc("d1", core::Text("Léa met 👩‍👩‍👧 “Bob”."));
    core::Span a = make_span(0, 3, "PERSON");
    a.string_id = "#r1";
    core::Span b = make_span(15, 18, "PERSON");
    b.string_id = "urn:uuid:6a0f3c52-8c3a-4f57-9a39-0b1d2c9e7a11";
    core::Span c = make_span(8, 13, "MISC");
    a.id = 1;
    b.id = 2;
    c.id = 7;
    core::Relation rel{0, "knows", 0, 0};
    rel.string_id = "#link-1";
    doc.load({a, b, c}, {});
    rel.from = 1;
    rel.to = 2;
    REQUIRE(doc.add_relation(rel).ok());
    io::W3cExport out = io::write_w3c({doc});
    CHECK_THAT(out.files[0].bytes, Catch::Contains(R"("target":["#r1","urn:uuid:6a0f)"));
    auto back = io::read_w3c(out.files, {});
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    CHECK(test::describe(back.documents, w3c_held()) ==
          test::describe(std::vector{doc}, w3c_held()));
}

TEST_CASE("W3C positions count UTF-16 code units", "[io][offsets][w3c]") {
    // 👍🏽 is two code points and four UTF-16 units; “ is one of each.
    core::Document doc("d", core::Text("👍🏽 “Léa”"));
    doc.load({make_span(4, 7, "PERSON")}, {});
    io::W3cExport out = io::write_w3c({doc});
    CHECK_THAT(
        out.files[0].bytes,
        Catch::Contains(
            R"({"type":"TextQuoteSelector","exact":"Léa","prefix":"👍🏽 “","suffix":"”"},{"type":"TextPositionSelector","start":6,"end":9})"));
    io::W3cExport cp = io::write_w3c({doc}, io::OffsetUnit::CodePoint);
    CHECK_THAT(cp.files[0].bytes, Catch::Contains(R"("start":4,"end":7)"));
}

TEST_CASE("W3C repairs a position from its quote and reports what fits nowhere",
          "[io][errors][w3c]") {
    std::string texts = R"({"id":"d","text":"Bob saw Bob and Ann."})"
                        "\n";
    // Position 4..7 selects "saw"; the quote, with its prefix, is the second "Bob".
    std::string repaired =
        R"([{"id":"#a","type":"Annotation","body":[{"type":"TextualBody","purpose":"tagging","value":"PERSON"}],)"
        R"("target":{"source":"d","selector":[{"type":"TextPositionSelector","start":4,"end":7},)"
        R"({"type":"TextQuoteSelector","exact":"Bob","prefix":"saw ","suffix":" and"}]}}])";
    auto r = read(texts, repaired);
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(r.ok());
    CHECK(r.documents[0].spans().first()->start == 8);
    CHECK(r.documents[0].spans().first()->string_id == "#a");
    CHECK(r.diagnostics.at(0).to_string() ==
          "a.w3c.jsonld:1: #a: TextPositionSelector 4..7 does not select \"Bob\"; found at 8..11 "
          "and used");

    std::string bad =
        "[\n"
        R"({"id":"#x","body":{"type":"TextualBody","value":"PERSON"},"target":{"source":"d","selector":[{"type":"TextPositionSelector","start":0,"end":3},{"type":"TextQuoteSelector","exact":"Eve"}]}},)"
        "\n"
        R"({"id":"#y","body":{"type":"TextualBody","value":"PERSON"},"target":{"source":"nope","selector":{"type":"TextPositionSelector","start":0,"end":3}}},)"
        "\n"
        R"({"id":"#z","body":{"type":"TextualBody","value":"PERSON"},"target":{"source":"d","selector":{"type":"TextPositionSelector","start":4,"end":99}}},)"
        "\n"
        R"({"id":"#ok","body":{"type":"TextualBody","value":"PERSON"},"target":{"source":"d","selector":{"type":"TextPositionSelector","start":16,"end":19}}})"
        "\n]";
    auto b = read(texts, bad);
    CHECK(b.documents.empty());
    std::string all = test::all_messages(b.diagnostics);
    CHECK_THAT(all, Catch::Contains("a.w3c.jsonld:2: #x: no place in the text fits "
                                    "TextPositionSelector 0..3 and TextQuoteSelector \"Eve\""));
    CHECK_THAT(all, Catch::Contains(
                        "a.w3c.jsonld:3: source \"nope\" has no matching text in texts.jsonl"));
    CHECK_THAT(all, Catch::Contains("a.w3c.jsonld:4: span end 99 is past the end of the text"));
}

TEST_CASE("W3C reads an AnnotationPage and linking annotations", "[io][w3c]") {
    std::string texts = R"({"id":"d","text":"Ann met Bob."})"
                        "\n";
    std::string page =
        R"({"type":"AnnotationPage","items":[)"
        R"({"id":"#s1","body":[{"type":"TextualBody","purpose":"tagging","value":"PERSON"},{"type":"TextualBody","purpose":"describing","value":"role=host"}],"target":{"source":"d","selector":{"type":"TextQuoteSelector","exact":"Ann"}}},)"
        R"({"id":"urn:uuid:1","body":[{"type":"TextualBody","purpose":"tagging","value":"PERSON"}],"creator":{"name":"ann@x"},"target":{"source":"d","selector":{"type":"TextPositionSelector","start":8,"end":11}}},)"
        R"({"id":"#r1","motivation":"linking","body":{"type":"TextualBody","value":"meets"},"target":["#s1","urn:uuid:1"]}]})";
    auto r = read(texts, page);
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(r.ok());
    const core::Document& d = r.documents.at(0);
    CHECK(test::describe(d, w3c_held()) == "document d\ntext Ann met Bob.\n"
                                           "relation meets 0..3 PERSON -> 8..11 PERSON\n"
                                           "span 0..3 PERSON id=1 role=host status=accepted "
                                           "origin=imported annotator=\n"
                                           "span 8..11 PERSON id=\"urn:uuid:1\" "
                                           "status=accepted origin=imported annotator=ann@x\n");
}

TEST_CASE("W3C status and origin that are not Gloss's are reported", "[io][errors][w3c]") {
    auto r =
        read(R"({"id":"d","text":"Ann met Bob"})"
             "\n",
             R"([{"id":"#a","type":"Annotation","body":"PERSON","gloss:status":"maybe",)"
             R"("target":{"source":"d","selector":{"type":"TextQuoteSelector","exact":"Ann"}}},)"
             R"({"id":"#b","type":"Annotation","body":"PERSON","gloss:origin":7,)"
             R"("target":{"source":"d","selector":{"type":"TextQuoteSelector","exact":"Bob"}}}])");
    CHECK(r.documents.empty());
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(all, Catch::Contains("field \"gloss:status\" must be \"accepted\", \"pending\" or "
                                    "\"rejected\""));
    CHECK_THAT(all, Catch::Contains("field \"gloss:origin\" must be \"manual\", \"suggested\" or "
                                    "\"imported\""));
    auto plain = read(R"({"id":"d","text":"Ann met Bob"})"
                      "\n",
                      R"([{"id":"#a","type":"Annotation","body":"PERSON","target":{"source":"d",)"
                      R"("selector":{"type":"TextQuoteSelector","exact":"Ann"}}}])");
    REQUIRE(plain.ok());
    plain.documents[0].spans().for_each([](const core::Span& s) {
        CHECK(s.status == core::Status::Accepted);
        CHECK(s.origin == core::Origin::Imported);
    });
}
