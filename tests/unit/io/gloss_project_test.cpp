// Gloss project JSON: lossless round trip (schema, history and its position), version check,
// bad documents reported and the rest kept.
#include "io/gloss_project.hpp"
#include "unit/io/format_fixtures.hpp"

using namespace gloss;

TEST_CASE("project JSON keeps schema, documents, history and its position",
          "[io][roundtrip][project]") {
    io::Project project;
    project.schema = test::default_schema();
    project.annotators = {"ann3"};
    project.documents = test::source_documents();
    // Give the first document a history: three steps, the last one undone.
    core::Document& doc = project.documents[0];
    std::int64_t clock = 1700000000000;
    doc.set_clock([&] { return clock++; });
    core::Span s;
    s.start = 69;
    s.end = 70;
    s.label = "CARDINAL";
    s.annotator = "ann3";
    auto added = doc.add_span(s);
    REQUIRE(added.ok());
    core::Span changed = *doc.spans().find(added.id);
    changed.attrs.set("canonical", "one");
    REQUIRE(doc.update_span(changed).ok());
    doc.begin_group("remove two");
    doc.remove_span(5);
    doc.remove_span(1); // also removes the speaker relation
    doc.end_group();
    REQUIRE(doc.undo());
    REQUIRE(doc.history().position() == 2);

    std::string bytes = io::write_gloss_project(project);
    io::ProjectResult back = io::read_gloss_project(bytes, "p.gloss.json");
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    REQUIRE(back.project.schema);
    CHECK(io::write_schema(*back.project.schema) == io::write_schema(test::default_schema()));
    CHECK(back.project.annotators == std::vector<std::string>{"ann1", "ann2", "ann3"});
    REQUIRE(back.project.documents.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const core::Document& a = project.documents[i];
        const core::Document& b = back.project.documents[i];
        CHECK(test::describe(a, {}) == test::describe(b, {}));
        CHECK(test::spans_equal(a, b));
        CHECK(a.history() == b.history());
    }
    CHECK(io::write_gloss_project(back.project) == bytes);
    // Redo works on the restored document exactly as on the original.
    core::Document& restored = back.project.documents[0];
    REQUIRE(restored.redo());
    REQUIRE(doc.redo());
    CHECK(test::describe(restored, {}) == test::describe(doc, {}));
    REQUIRE(restored.undo());
    REQUIRE(restored.undo());
    CHECK(restored.spans().find(added.id)->attrs.empty());
    // New spans do not reuse ids of undone steps.
    core::Span fresh;
    fresh.start = 0;
    fresh.end = 1;
    fresh.label = "DATE";
    CHECK(restored.add_span(fresh).id == 18);

    project.documents[0].set_clock(nullptr);
    test::check_golden("project", {{"project.gloss.json", bytes}});
}

TEST_CASE("a project from a newer Gloss is refused clearly", "[io][project][errors]") {
    auto r = io::read_gloss_project(R"({"format": 7, "documents": []})", "new.gloss.json");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].to_string() ==
          "new.gloss.json: format version 7 is newer than this Gloss reads (1)");
    auto none = io::read_gloss_project(R"({"documents": []})", "x.json");
    CHECK(none.diagnostics.at(0).to_string() ==
          "x.json: not a Gloss project file: it has no \"format\" version");
    auto syntax = io::read_gloss_project("{\n \"format\": 1,\n \"documents\": [}\n", "s.json");
    CHECK_THAT(syntax.diagnostics.at(0).to_string(),
               Catch::StartsWith("s.json:3:16: malformed JSON"));
}

TEST_CASE("bad project documents are each reported and the others kept", "[io][project][errors]") {
    std::string bytes = R"({"format": 1, "documents": [
      {"id": "a", "text": "Refa", "spans": [{"id": 1, "start": 0, "end": 9, "label": "GPE"}]},
      {"id": "b", "text": "Refa", "spans": [{"id": 1, "start": 0, "end": 4, "label": "GPE", "text": "Rafah"}]},
      {"id": "c", "text": "ok", "spans": [{"id": 1, "start": 0, "end": 2, "label": "GPE"}],
       "relations": [{"id": 1, "type": "speaker", "from": 1, "to": 4}]},
      {"id": "d", "text": "ok", "spans": [{"id": 1, "start": 0, "end": 2, "label": "GPE"}],
       "history": {"position": 1, "groups": [{"name": "x", "edits": [{"kind": "add_span",
        "after": {"id": 2, "start": 0, "end": 1, "label": "GPE"}}]}]}},
      {"id": "e", "text": "fine"}]})";
    auto r = io::read_gloss_project(bytes, "p.json");
    CHECK_FALSE(r.ok());
    CHECK(r.skipped_records == 4);
    REQUIRE(r.project.documents.size() == 1);
    CHECK(r.project.documents[0].id == "e");
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(all,
               Catch::Contains(
                   "p.json[a]:offset 9: span end 9 is past the end of the text (4 code points)"));
    CHECK_THAT(
        all,
        Catch::Contains(
            "p.json[b]:offset 0: span 0..4 text \"Rafah\" differs from the document's \"Refa\""));
    CHECK_THAT(all, Catch::Contains("p.json[c]: relation 1 points at missing span 4"));
    CHECK_THAT(all, Catch::Contains(
                        "p.json[d]: history at position 1 does not reproduce the saved spans"));
}

TEST_CASE("project JSON keeps a dataset's tokens, and only writes them when there are some",
          "[io][roundtrip][project][tokens]") {
    io::Project project;
    project.documents = test::source_documents();
    core::Document& doc = project.documents[0];
    // The dataset's tokenization of the first words: the curly quote, then words.
    std::vector<core::Token> tokens{{0, 1}, {1, 5}, {6, 9}};
    REQUIRE(doc.set_tokens(tokens));
    std::string bytes = io::write_gloss_project(project);
    CHECK_THAT(bytes, Catch::Contains(R"("tokens": [)"));
    io::ProjectResult back = io::read_gloss_project(bytes, "p.gloss.json");
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    REQUIRE(back.project.documents.size() == 3);
    CHECK(back.project.documents[0].tokens() == doc.tokens());
    CHECK(back.project.documents[1].tokens().empty());
    CHECK(back.project.documents[2].tokens().empty());
    CHECK(test::spans_equal(back.project.documents[0], doc));
    CHECK(io::write_gloss_project(back.project) == bytes);
    // Without tokens the file is as before (the golden project file has none).
    REQUIRE(doc.set_tokens({}));
    CHECK(io::write_gloss_project(project).find("\"tokens\"") == std::string::npos);

    auto bad = io::read_gloss_project(
        R"({"format": 1, "documents": [{"id": "a", "text": "said blinkenbut",
             "tokens": [{"start": 0, "end": 4}, {"start": 3, "end": 2}, {"start": 5, "end": 40}]},
           {"id": "b", "text": "ok", "tokens": [{"start": 0, "end": 2}]}]})",
        "p.json");
    CHECK(bad.skipped_records == 1);
    REQUIRE(bad.project.documents.size() == 1);
    CHECK(bad.project.documents[0].tokens() == std::vector<core::Token>{{0, 2}});
    CHECK(test::all_messages(bad.diagnostics) ==
          "p.json[a]: documents[0].tokens[1] 3..2 ends before it starts\n"
          "p.json[a]: documents[0].tokens[2] 5..40 ends past the end of the text (15 code "
          "points)\n");
}
