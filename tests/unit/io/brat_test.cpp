// brat standoff: round trip through .txt/.ann/annotation.conf, INCEpTION's UTF-16 offsets,
// bad lines at their place.
#include "io/brat.hpp"
#include "unit/io/format_fixtures.hpp"

using namespace gloss;

TEST_CASE("brat round trip holds spans, attributes, notes, normalisations and relations",
          "[io][roundtrip][brat]") {
    auto docs = test::source_documents();
    io::BratExport e = io::write_brat(docs, &test::default_schema());
    REQUIRE(e.files.size() == 7);
    CHECK(e.files.back().name == "annotation.conf");
    test::check_golden("brat", e.files);
    CHECK_THAT(e.files[1].bytes, Catch::Contains("A2\ttype T3 merged_tokens\n"));
    CHECK_THAT(e.files[1].bytes,
               Catch::Contains("N1\tReference T2 Gloss:canonical\tAntony Blinken\n"));
    CHECK_THAT(e.files[1].bytes,
               Catch::Contains("#4\tAnnotatorNotes T7\tnote: seen twice\\nin the seeds\n"));
    CHECK_THAT(e.files[1].bytes, Catch::Contains("R1\tspeaker Arg1:T1 Arg2:T2\n"));
    auto back = io::read_brat(e.files, {&test::default_schema(), std::nullopt});
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    REQUIRE(back.diagnostics.empty());
    test::Held held;
    held.status = held.origin = held.annotator = held.meta = false;
    CHECK(test::describe(back.documents, held) == test::describe(docs, held));
}

TEST_CASE("brat offsets written as UTF-16 (INCEpTION) are read with a warning",
          "[io][offsets][brat]") {
    // "😀 Refa": in UTF-16 Refa is 3..7, in code points 2..6.
    std::vector<io::NamedFile> files = {{"a.txt", "😀 Refa"}, {"a.ann", "T1\tGPE 3 7\tRefa\n"}};
    auto r = io::read_brat(files, {});
    REQUIRE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].to_string() ==
          "a.ann: offsets only make sense as UTF-16 code units; read them as UTF-16");
    CHECK(r.documents[0].spans().first()->start == 2);
    std::vector<io::NamedFile> good = {{"b.txt", "😀 Refa"}, {"b.ann", "T1\tGPE 2 6\tRefa\n"}};
    auto g = io::read_brat(good, {});
    REQUIRE(g.ok());
    CHECK(g.diagnostics.empty());
}

TEST_CASE("brat spans across a line break read as one span", "[io][brat]") {
    std::vector<io::NamedFile> files = {{"q.txt", "“We are\nclose,” she said"},
                                        {"q.ann", "T1\tQUOTE 0 7;8 15\t“We are close,”\n"}};
    auto r = io::read_brat(files, {});
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(r.ok());
    CHECK(r.documents[0].spans().first()->end == 15);
}

TEST_CASE("bad brat lines are each reported with file and line", "[io][errors][brat]") {
    std::vector<io::NamedFile> files = {{"x.txt", "Refa and Cairo and Gaza"},
                                        {"x.ann", "T1\tGPE 0 4\tRefa\n"
                                                  "T2\tGPE 9 99\tCairo\n"
                                                  "T3\tGPE 9 14\tKairo\n"
                                                  "T4\tGPE zero four\tRefa\n"
                                                  "T1\tGPE 0 4\tRefa\n"
                                                  "R1\tspeaker Arg1:T1 Arg2:T9\n"
                                                  "E1\tAttack:T1\n"
                                                  "T5\tGPE 0 4;9 14\tRefa Cairo\n"
                                                  "Q1\twhat\n"},
                                        {"orphan.ann", "T1\tGPE 0 1\tx\n"},
                                        {"y.txt", "ok \xC3("},
                                        {"README.md", "hello"}};
    auto r = io::read_brat(files, {});
    CHECK(r.documents.empty());
    CHECK(r.skipped_records == 3);
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(
        all, Catch::Contains("x.ann:2: span end 99 is past the end of the text (23 code points)"));
    CHECK_THAT(all,
               Catch::Contains(
                   "x.ann:3: span 9..14 text \"Kairo\" differs from the document's \"Cairo\""));
    CHECK_THAT(all, Catch::Contains(
                        "x.ann:4: malformed brat T line: offsets \"zero four\" are not START END"));
    CHECK_THAT(all, Catch::Contains("x.ann:5: malformed brat line: id T1 is used twice"));
    CHECK_THAT(all, Catch::Contains("x.ann:6: relation R1 points at missing span T9"));
    CHECK_THAT(all, Catch::Contains("x.ann:7: E1 ignored: events have no Gloss equivalent"));
    CHECK_THAT(all, Catch::Contains("x.ann:8: malformed brat T line: T5 is discontinuous"));
    CHECK_THAT(all, Catch::Contains("x.ann:9: malformed brat line: unknown annotation id \"Q1\""));
    CHECK_THAT(all, Catch::Contains("orphan.ann: orphan.ann has no matching orphan.txt"));
    CHECK_THAT(all, Catch::Contains("y.txt:1:4: invalid UTF-8 at byte 3"));
    CHECK_THAT(
        all, Catch::Contains("README.md: README.md ignored: not a brat .txt, .ann or .conf file"));
}

TEST_CASE("brat file names from document ids are no paths and never collide", "[io][brat]") {
    std::vector<core::Document> docs;
    for (const char* id : {"../../etc/passwd", "a/b", "a_b", "A_B", ".hidden", "C:evil"})
        docs.emplace_back(id, core::Text("text"));
    io::BratExport e = io::write_brat(docs, &test::default_schema());
    std::vector<std::string> names;
    for (const io::NamedFile& f : e.files)
        names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"_.._etc_passwd.txt", "_.._etc_passwd.ann", "a_b.txt",
                                            "a_b.ann", "a_b-2.txt", "a_b-2.ann", "A_B-3.txt",
                                            "A_B-3.ann", "hidden.txt", "hidden.ann", "C_evil.txt",
                                            "C_evil.ann", "annotation.conf"});
}
