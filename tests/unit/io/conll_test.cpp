// CoNLL / IOB: layered and strict exports, the three tag schemes read back alike, unaligned
// and dropped spans reported, bad lines at their place.
#include "io/conll.hpp"
#include "unit/io/format_fixtures.hpp"

#include <set>

using namespace gloss;

namespace {

// (label, text) of every span, so documents with rebuilt text compare by what they tag.
std::multiset<std::string> tagged(const std::vector<core::Document>& docs) {
    std::multiset<std::string> out;
    for (const core::Document& d : docs)
        d.spans().for_each([&](const core::Span& s) {
            std::string text(d.text().slice(s.start, s.end));
            for (char& c : text)
                if (c == '\n') c = ' ';
            out.insert(s.label + " " + text);
        });
    return out;
}

} // namespace

TEST_CASE("CoNLL layered export keeps overlapping spans of different kinds",
          "[io][roundtrip][conll]") {
    auto docs = test::source_documents();
    std::multiset<std::string> first;
    for (auto scheme : {io::TagScheme::Iob2, io::TagScheme::Iob1, io::TagScheme::Bioes}) {
        io::ConllWriteOptions wo;
        wo.schema = &test::default_schema();
        wo.scheme = scheme;
        core::Diagnostics d;
        std::string out = io::write_conll(docs, wo, d);
        std::string all = test::all_messages(d);
        // The PERSON inside the glued "blinkenbut" and "Saudi Arab" inside "ArabWhere" are not
        // on token boundaries: reported, not moved.
        CHECK_THAT(all, Catch::Contains("blinken:offset 26: span 2 PERSON 26..41 does not start "
                                        "and end on token boundaries"));
        CHECK_THAT(all, Catch::Contains("blinken:offset 152: span 14 GPE 152..162 does not start "
                                        "and end on token boundaries"));
        CHECK_THAT(all, Catch::Contains("conll cannot hold rejected spans: 1 not written"));
        if (scheme == io::TagScheme::Iob2)
            test::check_golden("conll", {{"layered.iob2.conll", out}});
        if (scheme == io::TagScheme::Bioes)
            test::check_golden("conll", {{"layered.bioes.conll", out}});
        auto back = io::read_conll(out, {"x.conll", nullptr});
        INFO(test::all_messages(back.diagnostics));
        REQUIRE(back.ok());
        REQUIRE(back.documents.size() == 3);
        std::multiset<std::string> got = tagged(back.documents);
        if (first.empty()) first = got;
        CHECK(got == first); // every scheme reads back to the same spans
        CHECK(got.count("QUOTE “ We’re not there yet , but close , ”") == 1);
        CHECK(got.count("ERROR 👩‍👩‍👧") == 1);
        CHECK(got.count("ERROR CIA Director William Burns and CIA Director William Burns") == 1);
        CHECK(got.count("PERSON William Burns") == 2);
        CHECK(got.size() == 18); // 21 spans - 1 rejected - 2 unaligned
        // Written again, the rebuilt documents give the same file.
        core::Diagnostics again;
        CHECK(io::write_conll(back.documents, wo, again) == out);
    }
}

TEST_CASE("CoNLL strict mode writes one column and reports every dropped span", "[io][conll]") {
    auto docs = test::source_documents();
    io::ConllWriteOptions wo;
    wo.schema = &test::default_schema();
    wo.strict = true;
    core::Diagnostics d;
    std::string out = io::write_conll(docs, wo, d);
    test::check_golden("conll", {{"strict.iob2.conll", out}});
    CHECK(out.substr(0, 14) == "-DOCSTART- O\n\n");
    std::string all = test::all_messages(d);
    CHECK_THAT(all, Catch::Contains("blinken:offset 0: span 1 QUOTE 0..20 not written: strict mode "
                                    "has one entity column, and the span is in the quote layer"));
    CHECK_THAT(all,
               Catch::Contains("blinken:offset 87: span 9 ERROR 87..144 not written: strict mode "
                               "has one entity column, and the span is in the error layer"));
    // Overlapping entities in one column: the longer one is kept, the other reported.
    core::Document nested("n", core::Text("New York City Council met."));
    core::Span org, gpe;
    org.start = 0;
    org.end = 21;
    org.label = "ORG";
    gpe.start = 0;
    gpe.end = 13;
    gpe.label = "GPE";
    nested.add_span(org);
    nested.add_span(gpe);
    core::Diagnostics dn;
    std::string n = io::write_conll({nested}, wo, dn);
    CHECK_THAT(n, Catch::Contains("New B-ORG\nYork I-ORG\nCity I-ORG\nCouncil I-ORG\n"));
    CHECK(test::all_messages(dn) ==
          "n:offset 0: span 2 GPE 0..13 not written: overlaps span 1 ORG in the entity column\n");
}

TEST_CASE("CoNLL reader reports bad lines and reads IOB1", "[io][errors][conll]") {
    auto r = io::read_conll("-DOCSTART- O\n\nJosé I-PER\nMarchetti I-PER\nsaid O\n\n"
                            "-DOCSTART- O\n\nRefa B-GPE\nand X-GPE\nx\n",
                            {"bad.conll", nullptr});
    REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].text().utf8() == "José Marchetti said");
    CHECK(r.documents[0].spans().first()->end == 14);
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(all, Catch::Contains("bad.conll:10: malformed CoNLL line: tag \"X-GPE\" in column 2 "
                                    "is not O, B-X, I-X, E-X or S-X"));
    CHECK_THAT(
        all,
        Catch::Contains(
            "bad.conll:11: malformed CoNLL line: 1 columns where the document's first line has 2"));
}

TEST_CASE("CoNLL export uses a dataset's own tokens when the document has them",
          "[io][conll][tokens]") {
    // Gloss's tokenizer keeps the glued `blinkenbut` whole; the dataset splits it.
    core::Document doc("d1", core::Text("said anthony blinkenbut. Refa."));
    core::Span person;
    person.start = 5;
    person.end = 20; // anthony blinken
    person.label = "PERSON";
    core::Span error;
    error.start = 13;
    error.end = 23; // blinkenbut
    error.label = "ERROR";
    core::Span gpe;
    gpe.start = 25;
    gpe.end = 29;
    gpe.label = "GPE";
    for (const core::Span& s : {person, error, gpe})
        REQUIRE(doc.add_span(s).ok());
    io::ConllWriteOptions wo;
    wo.schema = &test::default_schema();

    core::Diagnostics own_tokenizer;
    std::string before = io::write_conll({doc}, wo, own_tokenizer);
    CHECK_THAT(test::all_messages(own_tokenizer),
               Catch::Contains("span 1 PERSON 5..20 does not start and end on token boundaries"));
    CHECK_THAT(before, Catch::Contains("blinkenbut O O B-ERROR\n"));

    REQUIRE(doc.set_tokens({{0, 4}, {5, 12}, {13, 20}, {20, 23}, {23, 24}, {25, 29}, {29, 30}}));
    core::Diagnostics notes;
    std::string out = io::write_conll({doc}, wo, notes);
    CHECK(test::all_messages(notes).empty());
    // Sentences are split over the supplied tokens.
    CHECK(out == "-DOCSTART- -X- O O\n"
                 "\n"
                 "said O O O\n"
                 "anthony B-PERSON O O\n"
                 "blinken I-PERSON O B-ERROR\n"
                 "but O O I-ERROR\n"
                 ". O O O\n"
                 "\n"
                 "Refa B-GPE O O\n"
                 ". O O O\n"
                 "\n");
}
