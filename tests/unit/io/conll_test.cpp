// CoNLL / IOB: layered and strict exports, the entity tag last by default, chosen layers, the
// three tag schemes read back alike, files in the older column order still read, unaligned and
// dropped spans reported, bad lines at their place.
#include "core/text/utf8.hpp"
#include "io/conll.hpp"
#include "unit/io/format_fixtures.hpp"

#include <algorithm>
#include <set>
#include <sstream>

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
        CHECK(out.substr(0, 22) == "-DOCSTART- -X- -X- O\n\n");
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
    CHECK_THAT(before, Catch::Contains("blinkenbut O B-ERROR O\n"));

    REQUIRE(doc.set_tokens({{0, 4}, {5, 12}, {13, 20}, {20, 23}, {23, 24}, {25, 29}, {29, 30}}));
    core::Diagnostics notes;
    std::string out = io::write_conll({doc}, wo, notes);
    CHECK(test::all_messages(notes).empty());
    // Sentences are split over the supplied tokens.
    CHECK(out == "-DOCSTART- -X- -X- O\n"
                 "\n"
                 "said O O O\n"
                 "anthony O O B-PERSON\n"
                 "blinken O B-ERROR I-PERSON\n"
                 "but O I-ERROR O\n"
                 ". O O O\n"
                 "\n"
                 "Refa O O B-GPE\n"
                 ". O O O\n"
                 "\n");
}

namespace {

// The fields of every line, split on whitespace as CoNLL-2003 loaders split them.
std::vector<std::vector<std::string>> grid(const std::string& conll) {
    std::vector<std::vector<std::string>> out;
    std::istringstream in(conll);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::vector<std::string> row;
        std::string f;
        while (fields >> f)
            row.push_back(f);
        out.push_back(std::move(row));
    }
    return out;
}

// A document with a span of each layer, nested: QUOTE over PERSON, ERROR over GPE.
core::Document three_layers() {
    core::Document doc("d", core::Text("“Free them,” said José in Refa."));
    auto add = [&](std::uint32_t start, std::uint32_t end, const char* label) {
        core::Span s;
        s.start = start;
        s.end = end;
        s.label = label;
        REQUIRE(doc.add_span(s).ok());
    };
    add(0, 12, "QUOTE");
    add(18, 22, "PERSON");
    add(26, 30, "GPE");
    add(26, 30, "ERROR");
    return doc;
}

} // namespace

TEST_CASE("issue 19: CoNLL-2003 readers find the entity tag in the last column",
          "[io][conll][regression]") {
    io::ConllWriteOptions wo;
    wo.schema = &test::default_schema();
    core::Diagnostics d;
    std::string out = io::write_conll({three_layers()}, wo, d);
    CHECK(test::all_messages(d).empty());
    CHECK(out == "-DOCSTART- -X- -X- O\n"
                 "\n"
                 "“ B-QUOTE O O\n"
                 "Free I-QUOTE O O\n"
                 "them I-QUOTE O O\n"
                 ", I-QUOTE O O\n"
                 "” I-QUOTE O O\n"
                 "said O O O\n"
                 "José O O B-PERSON\n"
                 "in O O O\n"
                 "Refa O B-ERROR B-GPE\n"
                 ". O O O\n"
                 "\n");
    // A last-column reader sees the entities and nothing else; every line has four fields.
    std::multiset<std::string> last;
    for (const auto& row : grid(out)) {
        if (row.empty()) continue;
        CHECK(row.size() == 4);
        if (row[0] != "-DOCSTART-" && row.back() != "O") last.insert(row.back());
    }
    CHECK(last == std::multiset<std::string>{"B-PERSON", "B-GPE"});
}

TEST_CASE("parse_conll_layers reads a list of layers and names what is wrong", "[io][conll][cli]") {
    using K = core::LabelKind;
    std::string why;
    CHECK(io::parse_conll_layers("entity", why) == std::vector<K>{K::Entity});
    CHECK(io::parse_conll_layers("error,entity", why) == std::vector<K>{K::Error, K::Entity});
    CHECK(io::parse_conll_layers("entity,quote,error", why) ==
          std::vector<K>{K::Entity, K::Quote, K::Error});
    CHECK(io::parse_conll_layers("quote,error,entity", why) ==
          std::vector<K>(io::kConllDefaultLayers.begin(), io::kConllDefaultLayers.end()));
    CHECK(why.empty());
    CHECK_FALSE(io::parse_conll_layers("entity,person", why));
    CHECK(why == "unknown layer \"person\" (layers: entity, quote, error)");
    CHECK_FALSE(io::parse_conll_layers("Entity", why));
    CHECK(why == "unknown layer \"Entity\" (layers: entity, quote, error)");
    CHECK_FALSE(io::parse_conll_layers("error,entity,error", why));
    CHECK(why == "layer \"error\" is given twice");
    CHECK_FALSE(io::parse_conll_layers("", why));
    CHECK(why == "empty layer name in \"\" (layers: entity, quote, error)");
    CHECK_FALSE(io::parse_conll_layers("entity,", why));
    CHECK(why == "empty layer name in \"entity,\" (layers: entity, quote, error)");
}

TEST_CASE("CoNLL --layers chooses the tag columns and their order", "[io][conll]") {
    io::ConllWriteOptions wo;
    wo.schema = &test::default_schema();

    SECTION("entity only: token and entity tag, the other layers counted") {
        wo.layers = {core::LabelKind::Entity};
        core::Diagnostics d;
        std::string out = io::write_conll({three_layers()}, wo, d);
        CHECK(out == "-DOCSTART- O\n\n“ O\nFree O\nthem O\n, O\n” O\nsaid O\nJosé B-PERSON\n"
                     "in O\nRefa B-GPE\n. O\n\n");
        CHECK(test::all_messages(d) ==
              "conll cannot hold quote spans (no quote column): 1 not written\n"
              "conll cannot hold error spans (no error column): 1 not written\n");
        // The same file as strict mode (which takes no layers), which reports the dropped spans
        // one by one instead.
        io::ConllWriteOptions strict = wo;
        strict.layers = io::ConllWriteOptions{}.layers;
        strict.strict = true;
        core::Diagnostics ds;
        CHECK(io::write_conll({three_layers()}, strict, ds) == out);
        CHECK_THAT(test::all_messages(ds),
                   Catch::Contains("span 1 QUOTE 0..12 not written: strict mode has one entity "
                                   "column, and the span is in the quote layer"));
    }
    SECTION("a custom order: error, entity") {
        wo.layers = {core::LabelKind::Error, core::LabelKind::Entity};
        core::Diagnostics d;
        std::string out = io::write_conll({three_layers()}, wo, d);
        CHECK(out.substr(0, 18) == "-DOCSTART- -X- O\n\n");
        CHECK_THAT(out, Catch::Contains("\n“ O O\n"));
        CHECK_THAT(out, Catch::Contains("\nJosé O B-PERSON\nin O O\nRefa B-ERROR B-GPE\n"));
        CHECK(test::all_messages(d) ==
              "conll cannot hold quote spans (no quote column): 1 not written\n");
        auto back = io::read_conll(out, {"x.conll", &test::default_schema()});
        REQUIRE(back.ok());
        CHECK(tagged(back.documents) ==
              std::multiset<std::string>{"PERSON José", "GPE Refa", "ERROR Refa"});
    }
    SECTION("entity first, then error and quote") {
        wo.layers = {core::LabelKind::Entity, core::LabelKind::Error, core::LabelKind::Quote};
        core::Diagnostics d;
        std::string out = io::write_conll({three_layers()}, wo, d);
        CHECK(test::all_messages(d).empty());
        CHECK(out.substr(0, 22) == "-DOCSTART- -X- -X- O\n\n");
        CHECK_THAT(out, Catch::Contains("\n“ O O B-QUOTE\n"));
        CHECK_THAT(out, Catch::Contains("\nRefa B-GPE B-ERROR O\n"));
        auto back = io::read_conll(out, {"x.conll", &test::default_schema()});
        REQUIRE(back.ok());
        CHECK(tagged(back.documents) == std::multiset<std::string>{"QUOTE “ Free them , ”",
                                                                   "PERSON José", "GPE Refa",
                                                                   "ERROR Refa"});
    }
}

TEST_CASE("CoNLL round trip keeps non-ASCII tokens and their spans", "[io][roundtrip][conll]") {
    // Accents, curly quotes, an emoji outside the BMP (U+1F6A2) and a ZWJ sequence (family).
    core::Document doc(
        "u", core::Text(
                 "“Olá,” disse Zoë Müller 🚢 em São Paulo. 👩‍👩‍👧 chegou."));
    std::u32string text = core::to_utf32(doc.text().utf8());
    auto at = [&](std::u32string_view what) { return static_cast<std::uint32_t>(text.find(what)); };
    auto add = [&](std::uint32_t start, std::size_t length, const char* label) {
        core::Span s;
        s.start = start;
        s.end = start + static_cast<std::uint32_t>(length);
        s.label = label;
        REQUIRE(doc.add_span(s).ok());
    };
    add(0, 6, "QUOTE");            // “Olá,”
    add(at(U"Zoë"), 10, "PERSON"); // Zoë Müller
    add(at(U"🚢"), 1, "ERROR");     // one code point, two UTF-16 units
    add(at(U"São"), 9, "GPE");     // São Paulo
    add(at(U"👩"), 5, "ERROR");     // three emoji joined by two ZWJ
    for (auto layers :
         {io::ConllWriteOptions{}.layers,
          std::vector<core::LabelKind>{core::LabelKind::Entity, core::LabelKind::Quote,
                                       core::LabelKind::Error}}) {
        io::ConllWriteOptions wo;
        wo.schema = &test::default_schema();
        wo.layers = layers;
        core::Diagnostics d;
        std::string out = io::write_conll({doc}, wo, d);
        INFO(out);
        CHECK(test::all_messages(d).empty());
        auto back = io::read_conll(out, {"u.conll", &test::default_schema()});
        INFO(test::all_messages(back.diagnostics));
        REQUIRE(back.ok());
        REQUIRE(back.documents.size() == 1);
        CHECK(tagged(back.documents) ==
              std::multiset<std::string>{"QUOTE “ Olá , ”", "PERSON Zoë Müller", "ERROR 🚢",
                                         "GPE São Paulo", "ERROR 👩‍👩‍👧"});
        // Offsets are code points of the rebuilt text.
        const core::Document& r = back.documents[0];
        std::u32string rebuilt = core::to_utf32(r.text().utf8());
        r.spans().for_each([&](const core::Span& s) {
            CHECK(core::count_code_points(r.text().slice(s.start, s.end)) == s.end - s.start);
        });
        CHECK(rebuilt.find(U"👩‍👩‍👧 chegou") != std::u32string::npos);
        core::Diagnostics again;
        CHECK(io::write_conll(back.documents, wo, again) == out);
    }
}

TEST_CASE("CoNLL files in the older column order and with CoNLL-2003 labels still read",
          "[io][conll]") {
    // Before issue 19 the layered export wrote token, entity, quote, error.
    const char* old_order = "-DOCSTART- -X- O O\n"
                            "\n"
                            "“ O B-QUOTE O\n"
                            "Free O I-QUOTE O\n"
                            "them O I-QUOTE O\n"
                            ", O I-QUOTE O\n"
                            "” O I-QUOTE O\n"
                            "said O O O\n"
                            "José B-PERSON O O\n"
                            "in O O O\n"
                            "Refa B-GPE O B-ERROR\n"
                            ". O O O\n"
                            "\n";
    auto old = io::read_conll(old_order, {"old.conll", &test::default_schema()});
    INFO(test::all_messages(old.diagnostics));
    REQUIRE(old.ok());
    io::ConllWriteOptions wo;
    wo.schema = &test::default_schema();
    core::Diagnostics d;
    auto current =
        io::read_conll(io::write_conll({three_layers()}, wo, d), {"new.conll", wo.schema});
    REQUIRE(current.ok());
    CHECK(tagged(old.documents) == tagged(current.documents));
    CHECK(tagged(old.documents) == std::multiset<std::string>{"QUOTE “ Free them , ”",
                                                              "PERSON José", "GPE Refa",
                                                              "ERROR Refa"});
    // Written again, an old file comes out in the new order.
    core::Diagnostics again;
    CHECK_THAT(io::write_conll(old.documents, wo, again),
               Catch::Contains("\nRefa O B-ERROR B-GPE\n"));

    // CoNLL-2003's own labels, without a schema, in either column layout.
    auto conll2003 = io::read_conll("-DOCSTART- O\n\nEU B-ORG\nrejects O\nGerman B-MISC\n"
                                    "call O\n.\tO\n\nPeter B-PER\nBlackburn I-PER\n\n",
                                    {"eng.conll", nullptr});
    INFO(test::all_messages(conll2003.diagnostics));
    REQUIRE(conll2003.ok());
    CHECK(tagged(conll2003.documents) ==
          std::multiset<std::string>{"ORG EU", "MISC German", "PER Peter Blackburn"});
    auto layered = io::read_conll("-DOCSTART- -X- -X- O\n\nEU O O B-ORG\nsaid O O O\n"
                                  "Peter O B-ERROR B-PER\nBlackburn O O I-PER\n\n",
                                  {"eng4.conll", nullptr});
    REQUIRE(layered.ok());
    CHECK(tagged(layered.documents) ==
          std::multiset<std::string>{"ORG EU", "PER Peter Blackburn", "ERROR Peter"});
}

// Issue 19: files as users download them, with feature columns before the tags.

TEST_CASE("issue 19: CoNLL-2003 files read their NER column, POS and chunk columns ignored",
          "[io][conll][regression]") {
    // token POS chunk NER. The first two documents are in IOB1, as CoNLL-2003 was released: I-
    // after O starts a span, B- only where one follows another of the same label (Maria). The
    // third is in IOB2, as most copies are converted.
    const char* file = "-DOCSTART- -X- -X- O\n"
                       "\n"
                       "Lisbon NNP I-NP I-LOC\n"
                       "welcomes VBZ I-VP O\n"
                       "Brazilian JJ I-NP I-MISC\n"
                       "trade NN I-NP O\n"
                       "envoy NN I-NP O\n"
                       "Ana NNP I-NP I-PER\n"
                       "Souza NNP I-NP I-PER\n"
                       ". . O O\n"
                       "\n"
                       "-DOCSTART- -X- -X- O\n"
                       "\n"
                       "Oxfam NNP I-NP I-ORG\n"
                       "thanked VBD I-VP O\n"
                       "Ana NNP I-NP I-PER\n"
                       "Souza NNP I-NP I-PER\n"
                       "Maria NNP B-NP B-PER\n"
                       "Lopes NNP I-NP I-PER\n"
                       "and CC O O\n"
                       "the DT I-NP O\n"
                       "Red NNP I-NP I-ORG\n"
                       "Cross NNP I-NP I-ORG\n"
                       ". . O O\n"
                       "\n"
                       "-DOCSTART- -X- -X- O\n"
                       "\n"
                       "Geneva NNP B-NP B-LOC\n"
                       "hosts VBZ B-VP O\n"
                       "the DT B-NP O\n"
                       "World NNP I-NP B-ORG\n"
                       "Health NNP I-NP I-ORG\n"
                       "Organization NNP I-NP I-ORG\n"
                       "( ( O O\n"
                       "WHO NNP B-NP B-ORG\n"
                       ") ) O O\n"
                       ". . O O\n"
                       "\n"
                       "It PRP B-NP O\n"
                       "met VBD B-VP O\n"
                       "Danish JJ B-NP B-MISC\n"
                       "and CC I-NP O\n"
                       "Kenyan JJ I-NP B-MISC\n"
                       "doctors NNS I-NP O\n"
                       ".\t.\tO\tO\n"
                       "\n";
    auto r = io::read_conll(file, {"conll2003.txt", nullptr});
    // Reported once for the file, not per document or line; a warning, so the file reads.
    CHECK(test::all_messages(r.diagnostics) ==
          "conll2003.txt: columns 2 (POS) and 3 (chunk) ignored: not entity tags; spans are read "
          "from column 4\n");
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 3);
    CHECK(r.documents[0].text().utf8() == "Lisbon welcomes Brazilian trade envoy Ana Souza .");
    CHECK(r.documents[2].text().utf8() == "Geneva hosts the World Health Organization ( WHO ) .\n"
                                          "It met Danish and Kenyan doctors .");
    CHECK(tagged({r.documents[0]}) ==
          std::multiset<std::string>{"LOC Lisbon", "MISC Brazilian", "PER Ana Souza"});
    CHECK(tagged({r.documents[1]}) == std::multiset<std::string>{"ORG Oxfam", "PER Ana Souza",
                                                                 "PER Maria Lopes",
                                                                 "ORG Red Cross"});
    CHECK(tagged({r.documents[2]}) ==
          std::multiset<std::string>{"LOC Geneva", "ORG World Health Organization", "ORG WHO",
                                     "MISC Danish", "MISC Kenyan"});
    // Exported, it is Gloss's own layout, which reads back with nothing ignored.
    io::ConllWriteOptions wo;
    core::Diagnostics d;
    std::string out = io::write_conll(r.documents, wo, d);
    CHECK_THAT(out, Catch::Contains("\nMaria O O B-PER\nLopes O O I-PER\n"));
    auto back = io::read_conll(out, {"gloss.conll", nullptr});
    CHECK(test::all_messages(back.diagnostics).empty());
    CHECK(tagged(back.documents) == tagged(r.documents));
}

TEST_CASE("issue 19: bad lines in a CoNLL-2003 file are still errors at their line",
          "[io][conll][errors][regression]") {
    const char* file = "-DOCSTART- -X- -X- O\n"
                       "\n"
                       "Rome NNP B-NP B-LOC\n"
                       "voted VBD B-VP O\n"
                       "\n"
                       "-DOCSTART- -X- -X- O\n"
                       "\n"
                       "Paris NNP B-NP LOC\n"      // 8: a tag without its prefix
                       "voted VBD B-VP\n"          // 9: a column short
                       "again RB B-ADVP O extra\n" // 10: a column too many
                       "Madrid NNP B-NP B-LOC\n"
                       "\n"
                       "-DOCSTART- -X- -X- O\n"
                       "\n"
                       "Oslo NNP B-NP B-LOC\n"
                       "\n";
    auto r = io::read_conll(file, {"eng.testa", nullptr});
    CHECK(test::all_messages(r.diagnostics) ==
          "eng.testa: columns 2 (POS) and 3 (chunk) ignored: not entity tags; spans are read from "
          "column 4\n"
          "eng.testa:8: malformed CoNLL line: tag \"LOC\" in column 4 is not O, B-X, I-X, E-X or "
          "S-X\n"
          "eng.testa:9: malformed CoNLL line: 3 columns where the document's first line has 4\n"
          "eng.testa:10: malformed CoNLL line: 5 columns where the document's first line has 4\n");
    CHECK_FALSE(r.ok());
    CHECK(r.skipped_records == 1); // the document with the bad lines, not the others
    CHECK(tagged(r.documents) == std::multiset<std::string>{"LOC Rome", "LOC Oslo"});

    // In Gloss's own layout every column is a tag column: a typo in the error column is an
    // error at its line, not a reason to ignore the column.
    auto g = io::read_conll("-DOCSTART- -X- -X- O\n\nJosé O O B-PERSON\nin O O O\n"
                            "Refa O X-ERROR B-GPE\n. O O O\n\n",
                            {"typo.conll", nullptr});
    CHECK(test::all_messages(g.diagnostics) ==
          "typo.conll:5: malformed CoNLL line: tag \"X-ERROR\" in column 3 is not O, B-X, I-X, "
          "E-X or S-X\n");
    CHECK(g.documents.empty());
}

TEST_CASE("issue 19: a CoNLL-2000 chunk file reads its chunks as spans", "[io][conll]") {
    // token POS chunk: the chunk column is the last and only tag column, so it is what the user
    // opened the file for; its spans are labelled with the phrase types.
    const char* file = "The DT B-NP\n"
                       "harbour NN I-NP\n"
                       "reopened VBD B-VP\n"
                       "on IN B-PP\n"
                       "Monday NNP B-NP\n"
                       "after IN B-SBAR\n"
                       "the DT B-NP\n"
                       "storm NN I-NP\n"
                       "had VBD B-VP\n"
                       "passed VBN I-VP\n"
                       ". . O\n"
                       "\n"
                       "Ferries NNS B-NP\n"
                       "run VBP B-VP\n"
                       "again RB B-ADVP\n"
                       ". . O\n"
                       "\n";
    auto r = io::read_conll(file, {"train.txt", nullptr});
    CHECK(test::all_messages(r.diagnostics) ==
          "train.txt: column 2 (POS) ignored: not entity tags; spans are read from column 3\n");
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 1);
    CHECK(r.documents[0].text().utf8() ==
          "The harbour reopened on Monday after the storm had passed .\nFerries run again .");
    CHECK(tagged(r.documents) == std::multiset<std::string>{"NP The harbour", "VP reopened",
                                                            "PP on", "NP Monday", "SBAR after",
                                                            "NP the storm", "VP had passed",
                                                            "NP Ferries", "VP run", "ADVP again"});
    // With a schema, chunk labels are labels like any other: unknown to Gloss's default one.
    auto strict = io::read_conll(file, {"train.txt", &test::default_schema()});
    CHECK_THAT(test::all_messages(strict.diagnostics), Catch::Contains("unknown label \"NP\""));
}

TEST_CASE("issue 19: feature columns with non-ASCII tokens keep code point offsets",
          "[io][conll]") {
    // token lemma POS NER, as some OntoNotes conversions write; an emoji outside the BMP.
    const char* file = "-DOCSTART- -X- -X- O\n"
                       "\n"
                       "Zoë zoë NNP B-PER\n"
                       "Müller müller NNP I-PER\n"
                       "visitou visitar VBD O\n"
                       "São são NNP B-LOC\n"
                       "Paulo paulo NNP I-LOC\n"
                       "no em IN O\n"
                       "🚢 🚢 NN B-MISC\n"
                       "Açores açores NNP B-LOC\n"
                       ". . . O\n"
                       "\n";
    auto r = io::read_conll(file, {"pt.conll", nullptr});
    CHECK(test::all_messages(r.diagnostics) ==
          "pt.conll: columns 2 (values such as \"zoë\") and 3 (POS) ignored: not entity tags; "
          "spans are read from column 4\n");
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 1);
    const core::Document& doc = r.documents[0];
    CHECK(doc.text().utf8() == "Zoë Müller visitou São Paulo no 🚢 Açores .");
    CHECK(tagged(r.documents) ==
          std::multiset<std::string>{"PER Zoë Müller", "LOC São Paulo", "MISC 🚢", "LOC Açores"});
    std::vector<std::pair<std::uint32_t, std::uint32_t>> offsets;
    doc.spans().for_each([&](const core::Span& s) { offsets.emplace_back(s.start, s.end); });
    std::sort(offsets.begin(), offsets.end());
    // Code points: the ship is one (two UTF-16 units, four bytes).
    CHECK(offsets == std::vector<std::pair<std::uint32_t, std::uint32_t>>{
                         {0, 10}, {19, 28}, {32, 33}, {34, 40}});
}

TEST_CASE("issue 19: Gloss's own CoNLL files ignore no column", "[io][conll]") {
    io::ConllWriteOptions wo;
    wo.schema = &test::default_schema();
    for (auto layers :
         {io::ConllWriteOptions{}.layers,
          std::vector<core::LabelKind>{core::LabelKind::Entity, core::LabelKind::Quote,
                                       core::LabelKind::Error},
          std::vector<core::LabelKind>{core::LabelKind::Entity}}) {
        wo.layers = layers;
        core::Diagnostics d;
        auto r = io::read_conll(io::write_conll({three_layers()}, wo, d), {"x.conll", nullptr});
        CHECK(test::all_messages(r.diagnostics).empty());
        CHECK(r.documents.size() == 1);
    }
    // A column of O only (no quotes in the file) is a tag column, not a feature column.
    auto r = io::read_conll("-DOCSTART- -X- -X- O\n\nEU O O B-ORG\nsaid O O O\n\n",
                            {"o.conll", nullptr});
    CHECK(test::all_messages(r.diagnostics).empty());
    CHECK(tagged(r.documents) == std::multiset<std::string>{"ORG EU"});
}
