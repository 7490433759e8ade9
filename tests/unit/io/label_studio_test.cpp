// Label Studio tasks: round trip, golden tasks and config, offsets, bad tasks at their line.
#include "io/label_studio.hpp"
#include "unit/io/format_fixtures.hpp"

using namespace gloss;

TEST_CASE("Label Studio round trip holds spans, attributes, relations and annotators",
          "[io][roundtrip][labelstudio]") {
    auto docs = test::source_documents();
    io::LabelStudioWriteOptions wo;
    wo.schema = &test::default_schema();
    io::LabelStudioExport e = io::write_label_studio(docs, wo);
    // The rejected suggestion is the one thing left out, and it is said so.
    REQUIRE(e.diagnostics.size() == 1);
    CHECK(e.diagnostics[0].message == "labelstudio cannot hold rejected spans: 1 not written");
    test::check_golden("labelstudio", {{"tasks.json", e.tasks_json}, {"config.xml", e.config_xml}});

    io::LabelStudioReadOptions ro;
    ro.source = "tasks.json";
    ro.schema = &test::default_schema();
    io::ImportResult back = io::read_label_studio(e.tasks_json, ro);
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    test::Held held;
    held.rejected = false;
    CHECK(test::describe(back.documents, held) == test::describe(docs, held));
    CHECK(io::write_label_studio(back.documents, wo).tasks_json == e.tasks_json);
    CHECK_THAT(e.config_xml,
               Catch::Contains("<Choices name=\"type\" toName=\"text\" perRegion=\"true\">"));
    CHECK_THAT(e.config_xml, Catch::Contains("<Relation value=\"speaker\"/>"));
}

TEST_CASE("Label Studio offsets can be read as UTF-16", "[io][offsets][labelstudio]") {
    std::string task = R"([{"data":{"text":"😀 Refa"},"annotations":[{"result":[
        {"id":"a","from_name":"label","to_name":"text","type":"labels",
         "value":{"start":3,"end":7,"text":"Refa","labels":["GPE"]}}]}]}])";
    io::LabelStudioReadOptions ro;
    ro.offset_unit = io::OffsetUnit::Utf16;
    auto r = io::read_label_studio(task, ro);
    REQUIRE(r.ok());
    CHECK(r.documents[0].spans().first()->start == 2);
    // Read as code points the same offsets do not fit.
    auto cp = io::read_label_studio(task, {});
    CHECK_FALSE(cp.ok());
}

TEST_CASE("bad Label Studio tasks are reported at their line", "[io][errors][labelstudio]") {
    std::string tasks =
        "[\n"
        R"({"data":{"text":"Refa"},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":0,"end":9,"labels":["GPE"]}}]}]},)"
        "\n"
        R"({"data":{"text":"Refa"},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":0,"end":4,"text":"Rafah","labels":["GPE"]}}]}]},)"
        "\n"
        R"({"data":{"text":"Refa"},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":0,"end":4,"labels":["GPE"]}},{"type":"relation","from_id":"a","to_id":"zz"}]}]},)"
        "\n"
        R"({"data":{"nottext":"x"}},)"
        "\n"
        R"({"data":{"text":"ok"},"annotations":[{"result":[{"id":"r","type":"rating","value":{"rating":3}}]}]},)"
        "\n"
        R"({"data": {"text": oops}},)"
        "\n"
        R"({"data":{"text":"Cairo"},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":0,"end":5,"labels":["PLACE"]}}]}]})"
        "\n]\n";
    io::LabelStudioReadOptions ro;
    ro.source = "ls.json";
    ro.schema = &test::default_schema();
    auto r = io::read_label_studio(tasks, ro);
    CHECK(r.documents.size() == 1);
    CHECK(r.skipped_records == 6);
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(
        all, Catch::Contains("ls.json:2: span end 9 is past the end of the text (4 code points)"));
    CHECK_THAT(all,
               Catch::Contains(
                   "ls.json:3: span 0..4 text \"Rafah\" differs from the document's \"Refa\""));
    CHECK_THAT(all, Catch::Contains("ls.json:4: relation a->zz points at missing span zz"));
    CHECK_THAT(all, Catch::Contains("ls.json:5: missing field \"data.text\""));
    CHECK_THAT(all, Catch::Contains("ls.json:6: annotations[0].result[0] ignored: result type "
                                    "\"rating\" has no Gloss equivalent"));
    CHECK_THAT(all, Catch::Contains("ls.json:7:19: malformed JSON"));
    CHECK_THAT(all, Catch::Contains("ls.json:8: unknown label \"PLACE\""));
    auto cut = io::read_label_studio("[{\"data\":{\"text\":\"a\"}},\n", ro);
    CHECK_THAT(
        test::all_messages(cut.diagnostics),
        Catch::Contains("ls.json:2:1: malformed JSON: unexpected end of input; expected ']'"));
}
