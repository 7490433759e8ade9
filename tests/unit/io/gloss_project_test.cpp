// Gloss project JSON: lossless round trip (schema, history and its position), version check,
// bad documents reported and the rest kept.
#include "io/gloss_project.hpp"
#include "io/record_reader.hpp"
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

TEST_CASE("an autosave leaves out only the suggestions nobody touched, and reads back whole",
          "[io][project]") {
    core::Document doc("d", core::Text("“Free them,” said anthony blinkenbut in Refa today."));
    auto suggest = [&](std::uint32_t start, std::uint32_t end, const char* label) {
        core::Span s;
        s.start = start;
        s.end = end;
        s.label = label;
        s.status = core::Status::Pending;
        s.origin = core::Origin::Suggested;
        auto r = doc.add_suggestion(s);
        REQUIRE(r.ok());
        return r.id;
    };
    core::SpanId quote = suggest(0, 12, "QUOTE");
    core::SpanId person = suggest(18, 33, "PERSON");
    core::Relation speaker;
    speaker.type = "speaker";
    speaker.from = quote;
    speaker.to = person;
    REQUIRE(doc.add_suggested_relation(speaker).ok());
    core::SpanId glued = suggest(26, 36, "ERROR");
    core::SpanId place = suggest(40, 44, "GPE");
    core::SpanId untouched = suggest(45, 50, "DATE");
    // Accepted, rejected, and accepted then undone: each is in the history.
    core::Span accept = *doc.spans().find(glued);
    accept.status = core::Status::Accepted;
    REQUIRE(doc.update_span(accept).ok());
    core::Span reject = *doc.spans().find(place);
    reject.status = core::Status::Rejected;
    REQUIRE(doc.update_span(reject).ok());
    core::Span mine;
    mine.start = 18;
    mine.end = 25;
    mine.label = "PERSON";
    REQUIRE(doc.add_span(mine).ok());
    core::Span later = *doc.spans().find(untouched);
    later.status = core::Status::Accepted;
    REQUIRE(doc.update_span(later).ok());
    REQUIRE(doc.undo()); // pending again, but the edit to redo refers to it

    io::ProjectWriteOptions options;
    options.pretty = false;
    options.skip_untouched_suggestions = true;
    core::LabelSchema schema = test::default_schema();
    std::string bytes = io::write_gloss_project(&schema, {}, {doc}, options);
    CHECK(std::count(bytes.begin(), bytes.end(), '\n') == 1); // one line
    io::ProjectResult back = io::read_gloss_project(bytes, "autosave");
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    REQUIRE(back.project.documents.size() == 1);
    const core::Document& d = back.project.documents[0];
    CHECK_FALSE(d.spans().contains(quote)); // untouched, and its speaker relation with it
    CHECK_FALSE(d.spans().contains(person));
    CHECK(d.relations().empty());
    REQUIRE(d.spans().contains(glued));
    CHECK(d.spans().find(glued)->status == core::Status::Accepted);
    REQUIRE(d.spans().contains(place));
    CHECK(d.spans().find(place)->status == core::Status::Rejected);
    REQUIRE(d.spans().contains(untouched));
    CHECK(d.spans().find(untouched)->status == core::Status::Pending);
    CHECK(d.spans().size() == 4);
    CHECK(d.history().position() == doc.history().position());
    // Without the option everything is written, as before.
    io::ProjectResult all =
        io::read_gloss_project(io::write_gloss_project(&schema, {}, {doc}, {}), "full");
    REQUIRE(all.ok());
    CHECK(all.project.documents[0].spans().size() == doc.spans().size());
    CHECK(all.project.documents[0].relations().size() == 1);
}

TEST_CASE("the one-line project writer gives the bytes of the tree writer", "[io][project]") {
    std::vector<core::Document> documents = test::source_documents();
    core::Document& doc = documents[0];
    std::int64_t clock = -5; // negative times too
    doc.set_clock([&] { return clock++; });
    core::Span s;
    s.start = 2;
    s.end = 9;
    s.label = "PERSON";
    s.attrs.set("note", "“quoted” \\ and \"escaped\"\n\ttab 🚢");
    auto added = doc.add_span(s);
    REQUIRE(added.ok());
    core::Span suggestion;
    suggestion.start = 10;
    suggestion.end = 12;
    suggestion.label = "GPE";
    suggestion.status = core::Status::Pending;
    suggestion.origin = core::Origin::Suggested;
    REQUIRE(doc.add_suggestion(suggestion).ok());
    doc.begin_group("remove one");
    doc.remove_span(added.id);
    doc.end_group();
    REQUIRE(doc.undo());
    doc.meta.extra["κλειδί"] = "τιμή";
    core::LabelSchema schema = test::default_schema();
    for (bool skip : {false, true}) {
        CAPTURE(skip);
        io::ProjectWriteOptions pretty, compact;
        pretty.skip_untouched_suggestions = compact.skip_untouched_suggestions = skip;
        compact.pretty = false;
        std::string tree = io::write_gloss_project(&schema, {"ann9"}, documents, pretty);
        std::string direct = io::write_gloss_project(&schema, {"ann9"}, documents, compact);
        CHECK(direct == io::dump_json(io::Json::parse(tree), -1) + "\n");
        io::ProjectResult back = io::read_gloss_project(direct, "direct");
        INFO(test::all_messages(back.diagnostics));
        REQUIRE(back.ok());
        CHECK(back.project.documents.size() == documents.size());
    }
}

TEST_CASE("the project written a slice at a time is the one-line project, byte for byte",
          "[io][project][journal]") {
    std::vector<core::Document> documents = test::source_documents();
    core::Document& doc = documents[0];
    core::Span s;
    s.start = 0;
    s.end = 3;
    s.label = "PERSON";
    core::SpanId person = doc.add_span(s).id;
    REQUIRE(person);
    core::Span suggestion;
    suggestion.start = 10;
    suggestion.end = 14;
    suggestion.label = "ERROR";
    suggestion.origin = core::Origin::Suggested;
    suggestion.status = core::Status::Pending;
    core::SpanId suggested = doc.add_suggestion(suggestion).id;
    REQUIRE(suggested);
    core::LabelSchema schema = test::default_schema();
    for (bool skip : {false, true}) {
        io::ProjectWriteOptions options;
        options.pretty = false;
        options.skip_untouched_suggestions = skip;
        std::string whole = io::write_gloss_project(&schema, {"zed"}, documents, options);
        for (std::size_t budget : {1u, 2u, 7u, 1000u}) {
            io::ProjectWriter writer(&schema, {"zed"}, documents, skip);
            std::string sliced;
            int steps = 0;
            while (!writer.step(sliced, budget))
                ++steps;
            INFO("budget " << budget << ", skip " << skip);
            CHECK(sliced == whole);
            if (budget == 1) CHECK(steps > 20);
        }
        io::ProjectResult back = io::read_gloss_project(whole, "p");
        REQUIRE(back.ok());
        const core::SpanStore& spans = back.project.documents[0].spans();
        CHECK(spans.contains(person));
        CHECK(spans.contains(suggested) == !skip); // nobody touched it
    }
}

TEST_CASE("a journal entry holds a document's new steps and metadata, and reads back",
          "[io][project][journal]") {
    std::vector<core::Document> documents = test::source_documents();
    core::Document& doc = documents[1];
    core::Span s;
    s.start = 0;
    s.end = 3;
    s.label = "PERSON";
    s.attrs.set("canonical", "Anne “Nan” Ölund 😀");
    REQUIRE(doc.add_span(s).ok());
    io::JournalEntry entry;
    io::DocumentChange change;
    change.index = 1;
    change.id = doc.id;
    change.meta = doc.meta;
    change.meta.extra["gloss_status"] = "done";
    change.keep = 0;
    change.groups = doc.history().groups();
    change.position = 1;
    change.next_span_id = 40;
    change.next_relation_id = 7;
    entry.documents.push_back(change);
    std::string text = io::write_journal_entry(entry);
    core::Diagnostics d;
    auto back = io::read_journal_entry(text, "entry", d);
    INFO(test::all_messages(d));
    REQUIRE(back);
    REQUIRE(back->documents.size() == 1);
    const io::DocumentChange& c = back->documents[0];
    CHECK(c.index == 1);
    CHECK(c.id == doc.id);
    CHECK(c.meta == change.meta);
    CHECK(c.groups == change.groups);
    CHECK(c.position == 1);
    CHECK(c.next_span_id == 40);
    CHECK(c.next_relation_id == 7);
    CHECK(io::write_journal_entry(*back) == text);

    SECTION("one from a newer Gloss is refused, naming the version") {
        core::Diagnostics newer;
        CHECK_FALSE(io::read_journal_entry(R"({"journal":9,"documents":[]})", "entry 3", newer));
        CHECK(test::all_messages(newer).find("format version 9 is newer") != std::string::npos);
        CHECK(test::all_messages(newer).find("entry 3") != std::string::npos);
    }
    SECTION("a damaged one names the field") {
        core::Diagnostics bad;
        CHECK_FALSE(io::read_journal_entry(R"({"journal":1,"documents":[{"index":0}]})", "e", bad));
        CHECK(test::all_messages(bad).find("documents[0].id") != std::string::npos);
    }
}

TEST_CASE("the step that added documents is kept for undo: the tree, the one-line and the sliced "
          "writers agree, and it reads back",
          "[io][project][journal]") {
    std::vector<core::Document> documents = test::source_documents();
    core::LabelSchema schema = test::default_schema();
    io::ProjectAddition addition;
    addition.name = "add 2 documents";
    addition.latest = true;
    addition.other_current = 1;
    addition.put = {{documents[0].id, 0, 0}, {"fresh “one” 😀", 2, 1}};
    addition.documents = {test::source_documents()[0]}; // the version it replaced
    core::Span s;
    s.start = 0;
    s.end = 3;
    s.label = "PERSON";
    s.annotator = "replaced-by";
    REQUIRE(addition.documents[0].add_span(s).ok());

    io::ProjectWriteOptions options;
    options.pretty = false;
    options.addition = &addition;
    std::string whole = io::write_gloss_project(&schema, {}, documents, options);
    for (std::size_t budget : {1u, 5u, 1000u}) {
        io::ProjectWriter writer(&schema, {}, documents, false, &addition);
        std::string sliced;
        while (!writer.step(sliced, budget)) {
        }
        INFO("budget " << budget);
        CHECK(sliced == whole);
    }
    io::Project project;
    project.schema = schema;
    project.documents = documents;
    project.addition = addition;
    for (const std::string& bytes : {whole, io::write_gloss_project(project)}) {
        io::ProjectResult back = io::read_gloss_project(bytes, "p");
        INFO(test::all_messages(back.diagnostics));
        REQUIRE(back.ok());
        CHECK(back.diagnostics.empty());
        CHECK(back.project.documents.size() == documents.size());
        // The annotators of the versions it keeps are the project's too.
        CHECK(back.project.annotators == std::vector<std::string>{"ann1", "ann2", "replaced-by"});
        REQUIRE(back.project.addition);
        const io::ProjectAddition& a = *back.project.addition;
        CHECK(a.name == "add 2 documents");
        CHECK_FALSE(a.undone);
        CHECK(a.latest);
        CHECK(a.other_current == 1);
        REQUIRE(a.put.size() == 2);
        CHECK(a.put[1].id == "fresh “one” 😀");
        CHECK(a.put[1].groups == 2);
        CHECK(a.put[1].position == 1);
        REQUIRE(a.documents.size() == 1);
        CHECK(a.documents[0].spans().size() == addition.documents[0].spans().size());
    }
}

TEST_CASE("a bad addition member is left out with a warning; the documents open",
          "[io][project][errors]") {
    std::vector<core::Document> documents = test::source_documents();
    io::ProjectAddition addition;
    addition.name = "add 1 document";
    addition.put = {{documents[0].id, 0, 0}};
    io::ProjectWriteOptions options;
    options.pretty = false;
    options.addition = &addition;
    std::string good = io::write_gloss_project(nullptr, {}, documents, options);
    for (auto [from, to] : {std::pair<std::string, std::string>{"\"undone\":false", "\"undone\":2"},
                            {"\"groups\":0,\"position\":0", "\"groups\":0,\"position\":3"},
                            {"\"addition\":{", "\"addition\":[{"}}) {
        std::string bad = good;
        auto at = bad.find(from);
        REQUIRE(at != std::string::npos);
        bad.replace(at, from.size(), to);
        if (to == "\"addition\":[{") bad.insert(bad.size() - 2, "]");
        io::ProjectResult back = io::read_gloss_project(bad, "p");
        INFO(to);
        CHECK(back.ok());
        CHECK(back.project.documents.size() == documents.size());
        CHECK_FALSE(back.project.addition);
        REQUIRE(back.diagnostics.size() == 1);
        CHECK(back.diagnostics[0].severity == core::Severity::Warning);
        CHECK(back.diagnostics[0].message.find("added documents") != std::string::npos);
    }
}
