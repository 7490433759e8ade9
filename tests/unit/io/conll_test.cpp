// CoNLL / IOB: layered and strict exports, the entity tag last by default, chosen layers, the
// three tag schemes read back alike, files in the older column order still read, unaligned and
// dropped spans reported, bad lines at their place.
#include "core/text/utf8.hpp"
#include "io/conll.hpp"
#include "unit/io/format_fixtures.hpp"

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
