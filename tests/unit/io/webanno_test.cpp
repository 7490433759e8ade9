// WebAnno TSV 3.3: UTF-16 offsets, [n] ids for multi-token and stacked spans, escaping.
#include "io/webanno.hpp"
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

// Label and text of every span, sorted: what survives TSV (the text between sentences does not).
std::string labelled_texts(const core::Document& doc) {
    std::vector<std::string> lines;
    doc.spans().for_each([&](const core::Span& s) {
        lines.push_back(s.label + " " + std::string(doc.text().slice(s.start, s.end)));
    });
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

// "TYPE: FROM TEXT -> TO TEXT" for every relation, sorted.
std::string relation_texts(const core::Document& doc) {
    std::vector<std::string> lines;
    for (const auto& [id, r] : doc.relations()) {
        const core::Span* from = doc.spans().find(r.from);
        const core::Span* to = doc.spans().find(r.to);
        lines.push_back(r.type + ": " + std::string(doc.text().slice(from->start, from->end)) +
                        " -> " + std::string(doc.text().slice(to->start, to->end)));
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

// Written from the WebAnno TSV 3.3 description, as INCEpTION exports: a NamedEntity layer with
// identifier and value, a custom layer with a slot feature to NamedEntity, a chain layer and a
// relation layer over NamedEntity. "Léa Marchetti" is a multi-token PER[1] stacked with a
// one-token ROLE; the relation on ORG's line comes from PER[1] ("1-1[1_0]"); the quote's slot
// (repeated on each of its lines, as INCEpTION writes multi-token spans) points at PER[1] with
// no role, so it takes the slot's name. The emoji counts two UTF-16 units.
const char* const kInception =
    "#FORMAT=WebAnno TSV 3.3\n"
    "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|identifier|value\n"
    "#T_SP=webanno.custom.Quote|label|ROLE_webanno.custom.Quote:speaker_webanno.custom."
    "QuoteSpeakerLink|de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n"
    "#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceType|"
    "referenceRelation\n"
    "#T_RL=webanno.custom.Rel|label|BT_de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n"
    "\n"
    "\n"
    "#Text=Léa Marchetti 😊 met Zürich\\_Inc .\n"
    "1-1\t0-3\tLéa\t*[1]|*[2]\tPER[1]|ROLE[2]\t_\t_\t_\tpr[1]\tcoref->1-1\t_\t_\t\n"
    "1-2\t4-13\tMarchetti\t*[1]\tPER[1]\t_\t_\t_\t_\t_\t_\t_\t\n"
    "1-3\t14-16\t😊\t_\t_\t_\t_\t_\t_\t_\t_\t_\t\n"
    "1-4\t17-20\tmet\t_\t_\t_\t_\t_\t_\t_\t_\t_\t\n"
    "1-5\t21-31\tZürich\\_Inc\tQ42\tORG\\|X\t_\t_\t_\t_\t_\tworks\\_for\t1-1[1_0]\t\n"
    "1-6\t32-33\t.\t_\t_\t_\t_\t_\t_\t_\t_\t_\t\n"
    "\n"
    "#Text=“Yes.”\n"
    "2-1\t34-35\t“\t_\t_\tQUOTE[3]\t*[3]\t1-1[1]\t_\t_\t_\t_\t\n"
    "2-2\t35-38\tYes\t_\t_\tQUOTE[3]\t*[3]\t1-1[1]\t_\t_\t_\t_\t\n"
    "2-3\t38-39\t.\t_\t_\tQUOTE[3]\t*[3]\t1-1[1]\t_\t_\t_\t_\t\n"
    "2-4\t39-40\t”\t_\t_\tQUOTE[3]\t*[3]\t1-1[1]\t_\t_\t_\t_\t\n";

} // namespace

TEST_CASE("WebAnno TSV reads an INCEpTION export", "[io][webanno]") {
    auto r = io::read_webanno(kInception, "inception.tsv");
    INFO(test::all_messages(r.diagnostics));
    REQUIRE(r.ok());
    REQUIRE(r.documents.size() == 1);
    const core::Document& d = r.documents[0];
    CHECK(d.id == "inception");
    CHECK(d.text().utf8() == "Léa Marchetti 😊 met Zürich_Inc .\n“Yes.”");
    CHECK(labelled_texts(d) == "ORG|X Zürich_Inc\nPER Léa Marchetti\nQUOTE “Yes.”\nROLE Léa\n");
    CHECK(d.spans().find(1)->end == 13);
    CHECK(d.spans().find(1)->label == "PER");
    // 😊 is one code point: "met" starts at code point 16, UTF-16 unit 17.
    REQUIRE(d.tokens().size() == 10);
    CHECK(d.tokens()[3].start == 16);
    const core::Span* org = nullptr;
    d.spans().for_each([&](const core::Span& s) {
        if (s.label == "ORG|X") org = &s;
    });
    REQUIRE(org);
    CHECK(*org->attrs.get("identifier") == "Q42");
    CHECK(relation_texts(d) == "speaker: “Yes.” -> Léa Marchetti\n"
                               "works_for: Léa Marchetti -> Zürich_Inc\n");
    CHECK_THAT(test::all_messages(r.diagnostics),
               Catch::Contains("chain columns and relations over layers the file does not hold "
                               "ignored: 2 values"));
}

TEST_CASE("WebAnno TSV writes attributes as features and relations as relation layers and slots",
          "[io][webanno]") {
    core::Document doc("d", core::Text("“Go,” said Ann of Acme in Paris."));
    core::Span quote = make_span(0, 5, "QUOTE"), ann = make_span(11, 14, "PERSON"),
               acme = make_span(18, 22, "ORG"), paris = make_span(26, 31, "GPE");
    quote.id = 1;
    ann.id = 2;
    acme.id = 3;
    paris.id = 4;
    ann.attrs.set("canonical", "Ann Lee");
    ann.attrs.set("odd name", "x");
    core::Relation speaker{0, "speaker", 1, 2}, member{0, "member_of", 2, 3},
        located{0, "located_in", 3, 4};
    doc.load({quote, ann, acme, paris}, {speaker, member, located});
    io::WebannoExport out = io::write_webanno({doc}, &test::default_schema());
    REQUIRE(out.files.size() == 1);
    CHECK(out.files[0].bytes ==
          "#FORMAT=WebAnno TSV 3.3\n"
          "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value|canonical\n"
          "#T_SP=webanno.custom.Gloss|label|ROLE_webanno.custom.Gloss:links_webanno.custom."
          "GlossLink|de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity\n"
          "#T_RL=webanno.custom.GlossEntityRelation|label|BT_de.tudarmstadt.ukp.dkpro.core.api."
          "ner.type.NamedEntity\n"
          "\n"
          "\n"
          "#Text=“Go,” said Ann of Acme in Paris.\n"
          "1-1\t0-1\t“\t_\t_\tQUOTE[1]\tspeaker[1]\t1-6\t_\t_\t\n"
          "1-2\t1-3\tGo\t_\t_\tQUOTE[1]\tspeaker[1]\t1-6\t_\t_\t\n"
          "1-3\t3-4\t,\t_\t_\tQUOTE[1]\tspeaker[1]\t1-6\t_\t_\t\n"
          "1-4\t4-5\t”\t_\t_\tQUOTE[1]\tspeaker[1]\t1-6\t_\t_\t\n"
          "1-5\t6-10\tsaid\t_\t_\t_\t_\t_\t_\t_\t\n"
          "1-6\t11-14\tAnn\tPERSON\tAnn Lee\t_\t_\t_\t_\t_\t\n"
          "1-7\t15-17\tof\t_\t_\t_\t_\t_\t_\t_\t\n"
          "1-8\t18-22\tAcme\tORG\t*\t_\t_\t_\tmember\\_of\t1-6\t\n"
          "1-9\t23-25\tin\t_\t_\t_\t_\t_\t_\t_\t\n"
          "1-10\t26-31\tParis\tGPE\t*\t_\t_\t_\tlocated\\_in\t1-8\t\n"
          "1-11\t31-32\t.\t_\t_\t_\t_\t_\t_\t_\t\n");
    CHECK_THAT(test::all_messages(out.diagnostics),
               Catch::Contains("webanno cannot hold attributes whose names are not feature "
                               "names: 1 not written"));
    auto back = io::read_webanno(out.files[0].bytes, "d.tsv", &test::default_schema());
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    const core::Document& d = back.documents.at(0);
    CHECK(relation_texts(d) == relation_texts(doc));
    CHECK(relation_texts(d) == "located_in: Acme -> Paris\nmember_of: Ann -> Acme\n"
                               "speaker: “Go,” -> Ann\n");
    CHECK(*d.spans().find(2)->attrs.get("canonical") == "Ann Lee");
}

TEST_CASE("WebAnno TSV relations that name no annotation are reported", "[io][errors][webanno]") {
    std::string tsv = "#FORMAT=WebAnno TSV 3.3\n"
                      "#T_SP=webanno.custom.Gloss|label\n"
                      "#T_RL=webanno.custom.R|label|BT_webanno.custom.Gloss\n"
                      "\n"
                      "\n"
                      "#Text=Ann met Bob\n"
                      "1-1\t0-3\tAnn\tPERSON\t_\t_\n"
                      "1-2\t4-7\tmet\t_\t_\t_\n"
                      "1-3\t8-11\tBob\tPERSON\tknows\t1-2\n"
                      "1-3\t8-11\tBob\tPERSON\tknows\t1-1[x]\n";
    auto r = io::read_webanno(tsv, "rel.tsv");
    CHECK(r.documents.empty());
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(all, Catch::Contains("rel.tsv:9: malformed WebAnno TSV line: relation knows joins "
                                    "1-2 and 1-3, where Gloss has no annotation with those ids"));
    CHECK_THAT(all, Catch::Contains("rel.tsv:10: malformed WebAnno TSV line: relation source "
                                    "\"1-1[x]\" is not SENTENCE-TOKEN or "
                                    "SENTENCE-TOKEN[SOURCE_TARGET]"));
}

TEST_CASE("WebAnno TSV writes UTF-16 offsets, [n] ids and escapes", "[io][offsets][webanno]") {
    core::Document doc("d", core::Text("I like it 😊 . New_York [x]"));
    std::vector<core::Span> spans = {make_span(10, 13, "EMOJI"), make_span(0, 6, "PERSON"),
                                     make_span(0, 1, "PERSON"), make_span(14, 22, "GPE"),
                                     make_span(23, 26, "ERROR")};
    doc.load(spans, {});
    io::WebannoExport out = io::write_webanno({doc});
    REQUIRE(out.files.size() == 1);
    CHECK(out.files[0].name == "d.tsv");
    CHECK(out.files[0].bytes ==
          "#FORMAT=WebAnno TSV 3.3\n"
          "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n"
          "#T_SP=webanno.custom.Gloss|label\n"
          "\n"
          "\n"
          "#Text=I like it 😊 .\n"
          "1-1\t0-1\tI\tPERSON[3]|PERSON[2]\t_\t\n"
          "1-2\t2-6\tlike\tPERSON[2]\t_\t\n"
          "1-3\t7-9\tit\t_\t_\t\n"
          "1-4\t10-12\t😊\tEMOJI[1]\t_\t\n"
          "1-5\t13-14\t.\tEMOJI[1]\t_\t\n"
          "\n"
          "#Text=New\\_York \\[x\\]\n"
          "2-1\t15-18\tNew\tGPE[4]\t_\t\n"
          "2-2\t18-19\t\\_\tGPE[4]\t_\t\n"
          "2-3\t19-23\tYork\tGPE[4]\t_\t\n"
          "2-4\t24-25\t\\[\t_\tERROR[5]\t\n"
          "2-5\t25-26\tx\t_\tERROR[5]\t\n"
          "2-6\t26-27\t\\]\t_\tERROR[5]\t\n");
}

TEST_CASE("WebAnno TSV round trips the fixtures' aligned spans", "[io][roundtrip][webanno]") {
    auto docs = test::source_documents();
    io::WebannoExport out = io::write_webanno(docs, &test::default_schema());
    REQUIRE(out.files.size() == docs.size());
    test::check_golden("webanno", out.files);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        auto back = io::read_webanno(out.files[i].bytes, out.files[i].name);
        INFO(out.files[i].name << "\n" << test::all_messages(back.diagnostics));
        REQUIRE(back.ok());
        REQUIRE(back.documents.size() == 1);
        // Every span read back is one of the fixture's, by label and text.
        std::string want = labelled_texts(docs[i]);
        std::string got = labelled_texts(back.documents[0]);
        std::size_t pos = 0;
        while (pos < got.size()) {
            std::size_t nl = got.find('\n', pos);
            CHECK_THAT(want, Catch::Contains(got.substr(pos, nl - pos + 1)));
            pos = nl + 1;
        }
        // Export again: the same bytes.
        io::WebannoExport again = io::write_webanno(back.documents, &test::default_schema());
        CHECK(again.files.at(0).bytes == out.files[i].bytes);
    }
}

TEST_CASE("bad WebAnno TSV lines are all reported and nothing is loaded", "[io][errors][webanno]") {
    std::string tsv = "#FORMAT=WebAnno TSV 3.3\n"
                      "#T_SP=webanno.custom.Gloss|label\n"
                      "\n"
                      "\n"
                      "#Text=Ann met Bob\n"
                      "1-1\t0-3\tAnn\tPERSON\n"
                      "1-2\t4-x\tmet\t_\n"
                      "1-3\t8-11\tBob\tPERSON\textra\n"
                      "1-4\t8-11\tBoB\t_\n";
    auto r = io::read_webanno(tsv, "bad.tsv");
    CHECK(r.documents.empty());
    std::string all = test::all_messages(r.diagnostics);
    CHECK_THAT(all, Catch::Contains("bad.tsv:7: malformed WebAnno TSV line: offsets \"4-x\" are "
                                    "not BEGIN-END"));
    CHECK_THAT(all, Catch::Contains("bad.tsv:8: malformed WebAnno TSV line: 5 columns where the "
                                    "header declares 4"));
    CHECK_THAT(all, Catch::Contains("bad.tsv:9: span 8..11 text \"BoB\" differs from the "
                                    "document's \"Bob\""));
    auto none = io::read_webanno("1-1\t0-3\tAnn\n", "x.tsv");
    CHECK_THAT(test::all_messages(none.diagnostics),
               Catch::Contains("x.tsv:1: malformed WebAnno TSV line: a token line before the "
                               "#FORMAT=WebAnno TSV 3.3 header"));
}

TEST_CASE("WebAnno TSV escaping round trips", "[io][webanno]") {
    std::string s = "a\\b[c]d|e_f->g;h*i\tj\nk-l";
    CHECK(io::webanno_escape(s) == "a\\\\b\\[c\\]d\\|e\\_f\\->g\\;h\\*i\\tj\\nk-l");
    CHECK(io::webanno_unescape(io::webanno_escape(s)) == s);
}

TEST_CASE("WebAnno TSV keeps an empty attribute apart from a missing one",
          "[io][roundtrip][webanno]") {
    core::Document doc("d", core::Text("Go went gone."));
    core::Span deleted = make_span(0, 2, "ERROR"), unknown = make_span(3, 7, "ERROR");
    deleted.id = 1;
    unknown.id = 2;
    deleted.attrs.set("correction", ""); // the text is to be deleted
    unknown.attrs.set("type", "other");  // no correction known yet
    doc.load({deleted, unknown}, {});
    io::WebannoExport out = io::write_webanno({doc}, &test::default_schema());
    REQUIRE(out.files.size() == 1);
    CHECK_THAT(out.files[0].bytes, Catch::Contains("1-1\t0-2\tGo\tERROR\t\t*\t\n"));
    CHECK_THAT(out.files[0].bytes, Catch::Contains("1-2\t3-7\twent\tERROR\t*\tother\t\n"));
    auto back = io::read_webanno(out.files[0].bytes, "d.tsv", &test::default_schema());
    INFO(test::all_messages(back.diagnostics));
    REQUIRE(back.ok());
    const core::Document& d = back.documents.at(0);
    REQUIRE(d.spans().find(1));
    REQUIRE(d.spans().find(1)->attrs.get("correction"));
    CHECK(d.spans().find(1)->attrs.get("correction")->empty());
    CHECK(d.spans().find(2)->attrs.get("correction") == nullptr);
}
