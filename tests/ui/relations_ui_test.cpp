// Relations of any kind: the schema's types (located_in, member_of, same_as, and a quote's
// speaker), R then a number for the type and another for the target, a click for the target,
// the inspector's list with removal, drawing only the selected span's, undo.
#include "harness.hpp"

#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

using gloss::test::Harness;

namespace {

std::size_t find_cp(Harness& h, const std::string& needle) {
    const std::string& text = h.app.session().document()->text().utf8();
    std::size_t byte = text.find(needle);
    REQUIRE(byte != std::string::npos);
    return gloss::core::count_code_points(std::string_view(text).substr(0, byte));
}

gloss::core::SpanId label(Harness& h, const std::string& text, ImGuiKey key) {
    std::size_t at = find_cp(h, text);
    h.drag_text(at, at + gloss::core::count_code_points(text));
    h.press(key);
    return h.app.session().selected_span();
}

std::vector<gloss::core::Relation> relations(Harness& h) {
    std::vector<gloss::core::Relation> out;
    for (const auto& [id, r] : h.app.session().document()->relations())
        out.push_back(r);
    return out;
}

} // namespace

TEST_CASE("the default schema's relation types, with the labels at each end", "[ui][relations]") {
    Harness h;
    const auto& schema = h.app.session().schema;
    auto from_person = schema.relations_from("PERSON");
    std::vector<std::string> names;
    for (const auto& t : from_person)
        names.push_back(t.name);
    CHECK(names == std::vector<std::string>{"located_in", "member_of", "same_as"});
    auto from_quote = schema.relations_from("QUOTE");
    REQUIRE(from_quote.size() == 1);
    CHECK(from_quote[0].name == "speaker");
    CHECK(from_quote[0].one_per_span);
    CHECK(from_quote[0].to_labels == std::vector<std::string>{"PERSON", "ORG"});
    CHECK(schema.relations_from("ERROR").empty());
}

TEST_CASE("R, the type by number, the target by number: a located_in relation", "[ui][relations]") {
    Harness h;
    gloss::core::SpanId valletta = label(h, "Valletta", ImGuiKey_G);
    gloss::core::SpanId marchetti = label(h, "Léa Marchetti", ImGuiKey_P);
    h.press(ImGuiKey_R);
    REQUIRE(h.app.picking_relation());
    CHECK_THAT(h.app.announcement(), Catch::Contains("1 located_in, 2 member_of, 3 same_as"));
    h.press(ImGuiKey_1); // located_in: only GPE and LOC can be the target
    CHECK_THAT(h.app.announcement(), Catch::Contains("Pick the located_in: 1 spans numbered"));
    h.press(ImGuiKey_1);
    CHECK_FALSE(h.app.picking_relation());
    auto made = relations(h);
    REQUIRE(made.size() == 1);
    CHECK(made[0].type == "located_in");
    CHECK(made[0].from == marchetti);
    CHECK(made[0].to == valletta);
    CHECK(h.app.session().selected_span() == marchetti);
    CHECK_THAT(h.app.announcement(), Catch::Contains("located_in → GPE “Valletta”"));
    // The same again changes nothing; a second located_in may point elsewhere (not one per span).
    h.press(ImGuiKey_R);
    h.press(ImGuiKey_1);
    h.press(ImGuiKey_1);
    CHECK(relations(h).size() == 1);
    // Undo takes it back.
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(relations(h).empty());
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(relations(h).size() == 1);
}

TEST_CASE("a click picks the target; the schema refuses ends it does not allow; Esc cancels",
          "[ui][relations]") {
    Harness h;
    gloss::core::SpanId malta = label(h, "Malta", ImGuiKey_G);
    gloss::core::SpanId ferreira = label(h, "Tomás Ferreira", ImGuiKey_P);
    gloss::core::SpanId authority = label(h, "Port Authority", ImGuiKey_O);
    h.app.session().select_span(ferreira);
    h.press(ImGuiKey_R);
    h.press(ImGuiKey_2); // member_of: ORG or NORP
    REQUIRE(h.app.picking_relation());
    // A click on Malta (a GPE) is refused: member_of does not point at a GPE.
    h.click(h.point_of(find_cp(h, "Malta") + 1));
    CHECK(relations(h).empty());
    CHECK_THAT(h.app.announcement(), Catch::Contains("No member_of made"));
    h.app.session().select_span(ferreira);
    h.press(ImGuiKey_R);
    h.press(ImGuiKey_2);
    h.click(h.point_of(find_cp(h, "Port Authority") + 2));
    auto made = relations(h);
    REQUIRE(made.size() == 1);
    CHECK(made[0].type == "member_of");
    CHECK(made[0].to == authority);
    // Esc leaves picking with nothing made.
    h.press(ImGuiKey_R);
    REQUIRE(h.app.picking_relation());
    h.press(ImGuiKey_Escape);
    CHECK_FALSE(h.app.picking_relation());
    CHECK(relations(h).size() == 1);
    // An ERROR starts no relation: R says so.
    std::size_t glued = find_cp(h, "marchettiwill");
    h.drag_text(glued, glued + 13, ImGuiKey_LeftAlt);
    h.press(ImGuiKey_E);
    h.press(ImGuiKey_R);
    CHECK_FALSE(h.app.picking_relation());
    CHECK_THAT(h.app.announcement(),
               Catch::Contains("No relation of the schema starts at a ERROR"));
    (void)malta;
}

TEST_CASE("the inspector lists a span's relations and removes one; only the selected span's "
          "are drawn",
          "[ui][relations]") {
    Harness h;
    label(h, "Valletta", ImGuiKey_G);
    gloss::core::SpanId person = label(h, "Léa Marchetti", ImGuiKey_P);
    h.press(ImGuiKey_R);
    h.press(ImGuiKey_1);
    h.press(ImGuiKey_1);
    REQUIRE(relations(h).size() == 1);
    h.frames(2);
    // Drawn while the PERSON is selected; not once nothing is selected; again on demand.
    auto vertices = [&] { return h.draw_data()->TotalVtxCount; };
    int with_link = vertices();
    h.press(ImGuiKey_Escape);
    h.frames(2);
    int without = vertices();
    CHECK(without < with_link);
    REQUIRE(h.app.run_command("show-relations"));
    h.frames(2);
    CHECK(h.app.show_all_relations());
    CHECK(vertices() > without);
    // Removed by keyboard (the palette; the inspector's × does the same): one undo step.
    h.app.session().select_span(person);
    h.frames(2);
    h.press(ImGuiKey_K, ImGuiKey_LeftCtrl);
    h.frames(2);
    h.type("remove relation located");
    h.press(ImGuiKey_Enter);
    CHECK(relations(h).empty());
    CHECK_THAT(h.app.announcement(), Catch::Contains("Removed located_in"));
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(relations(h).size() == 1);
}

TEST_CASE("a schema's relation types are checked: known labels, names of their own",
          "[ui][relations][schema]") {
    Harness h;
    auto problems = h.app.load_schema(
        R"({"labels":[{"name":"A","kind":"entity"}],"relations":[{"name":"near","from":["A"],"to":["B"]},{"name":"near","to":["A"]}]})",
        "rel.json");
    REQUIRE(problems.size() == 2);
    CHECK_THAT(problems[0].to_string(),
               Catch::Contains("relations[0].to") && Catch::Contains("unknown label \"B\""));
    CHECK_THAT(problems[1].to_string(),
               Catch::Contains("relations[1].name") && Catch::Contains("used twice"));
    CHECK(h.app.session().schema.find("PERSON")); // unchanged
}

TEST_CASE("review mode: other speakers and other corrections are disagreements", "[ui][review]") {
    Harness h;
    const std::string text =
        R"("text":"“We will stay,” Dussault said, and Haddad agreed. The ministery answered.")";
    auto version = [&](const char* speaker_to, const char* correction) {
        return std::string(R"({"id":"q1",)") + text +
               R"(,"spans":[{"id":1,"start":0,"end":15,"label":"QUOTE"},{"id":2,"start":16,"end":24,"label":"PERSON"},{"id":3,"start":35,"end":41,"label":"PERSON"},{"id":4,"start":54,"end":63,"label":"ERROR","attrs":{"type":"misspelling","correction":")" +
               correction + R"("}}],"relations":[{"id":1,"type":"speaker","from":1,"to":)" +
               speaker_to + "}]}\n";
    };
    auto problems = h.app.load_review_jsonl(
        {{"ann", version("2", "ministry")}, {"bob", version("3", "Ministry")}});
    REQUIRE(problems.empty());
    const auto& session = h.app.session();
    const auto& d = session.review().disagreements();
    REQUIRE(d.size() == 2); // the quote (its speaker) and the ERROR (its correction)
    CHECK(d[0].start == 0);
    CHECK(d[1].start == 54);
    // The adjudicated quote has one speaker, marked for review.
    const auto* doc = session.document();
    std::size_t speakers = 0;
    for (const auto& [id, r] : doc->relations())
        speakers += r.type == "speaker";
    CHECK(speakers == 1);
    // Accepting bob's version of the quote: Haddad speaks.
    h.app.session().review().go_to(0);
    REQUIRE(h.app.session().review().accept_version(1));
    const gloss::core::Span* quote = nullptr;
    doc->spans().for_each([&](const gloss::core::Span& s) {
        if (s.label == "QUOTE") quote = &s;
    });
    REQUIRE(quote);
    gloss::core::SpanId speaker = h.app.session().speaker_of(quote->id);
    REQUIRE(speaker);
    CHECK(doc->spans().find(speaker)->start == 35);
    speakers = 0;
    for (const auto& [id, r] : doc->relations())
        speakers += r.type == "speaker";
    CHECK(speakers == 1);
}

TEST_CASE("the Labels window edits the relation types by keyboard", "[ui][relations][schema]") {
    Harness h;
    h.press(ImGuiKey_L, ImGuiKey_LeftCtrl);
    h.frames(3);
    REQUIRE(h.app.schema_open());
    // The field before "New label" (which has the keys when the window opens).
    h.press(ImGuiKey_Tab, ImGuiKey_LeftShift);
    h.frames(2);
    auto enter = [&](const char* text) {
        h.press(ImGuiKey_A, ImGuiKey_LeftCtrl);
        h.type(text);
        h.press(ImGuiKey_Enter);
        h.frames(2);
    };
    enter("located_in: PERSON|ORG -> GPE|LOC; works_for: PERSON -> ORG; same_as");
    const auto& declared = h.app.session().schema.declared_relations();
    REQUIRE(declared.size() == 3);
    CHECK(declared[1].name == "works_for");
    CHECK(declared[1].from_labels == std::vector<std::string>{"PERSON"});
    CHECK(declared[1].to_labels == std::vector<std::string>{"ORG"});
    CHECK(declared[2].from_labels.empty()); // any label
    CHECK(h.app.schema_message().empty());
    // A label the schema lacks, or a span attribute's name: refused, saying why; nothing changes.
    enter("near: PERSON -> NOPE");
    CHECK_THAT(h.app.schema_message(), Catch::Contains("near: there is no label NOPE"));
    enter("speaker: PERSON -> PERSON");
    CHECK_THAT(h.app.schema_message(), Catch::Contains("speaker is named twice"));
    CHECK(h.app.session().schema.declared_relations().size() == 3);
    // R offers the new type.
    h.app.set_schema_open(false);
    h.frames(2);
    CHECK(h.app.session().schema.relation_type("works_for"));
    CHECK(h.app.session().schema.relations_from("PERSON").size() == 3);
}
