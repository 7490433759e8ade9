// The Labels window (the schema editor) by keyboard alone: Ctrl+L opens it, Tab walks a label's
// fields and Enter applies one; taken, reserved and impossible keys are refused with a message;
// renaming and removing change the spans (undoable); a new label by name gets a colour and a
// free key; the schema downloads as the JSON the CLI reads.
#include "harness.hpp"
#include "io/schema_io.hpp"

#include <catch2/catch.hpp>
#include <imgui_internal.h>

using gloss::test::Harness;

namespace {

std::size_t count_label(const Harness& h, std::string_view label) {
    return h.app.session().label_uses(label);
}

// Replaces the focused field's text and applies it with Enter (the field keeps the focus).
void enter(Harness& h, const char* text) {
    h.press(ImGuiKey_A, ImGuiKey_LeftCtrl);
    h.type(text);
    h.press(ImGuiKey_Enter);
    h.frames(3);
}

} // namespace

TEST_CASE("the Labels window edits the schema by keyboard", "[ui][schema]") {
    Harness h;
    std::string text(h.app.session().document()->text().utf8());
    std::size_t byte = text.find("Valletta");
    REQUIRE(byte != std::string::npos);
    std::size_t start = 0;
    for (std::size_t i = 0; i < byte; ++i)
        start += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    h.drag_text(start, start + 8);
    h.press(ImGuiKey_G);
    REQUIRE(count_label(h, "GPE") == 1);
    std::size_t labels = h.app.session().schema.labels().size();

    h.press(ImGuiKey_L, ImGuiKey_LeftCtrl);
    REQUIRE(h.app.schema_open());
    // Label keys do not reach the article while the window is open.
    h.press(ImGuiKey_P);
    CHECK(count_label(h, "PERSON") == 0);

    // The new label's field has the focus; Tab wraps to the first field, PERSON's name.
    h.press(ImGuiKey_Tab);
    enter(h, "HUMAN");
    REQUIRE(h.app.session().schema.find("HUMAN"));
    CHECK_FALSE(h.app.session().schema.find("PERSON"));
    // QUOTE's speaker attribute now points at HUMAN.
    const gloss::core::AttributeDef* speaker =
        h.app.session().schema.find("QUOTE")->attribute("speaker");
    REQUIRE(speaker);
    CHECK(speaker->target_labels == std::vector<std::string>{"HUMAN", "ORG"});

    // Tab: its key. S is a command, 7 not a letter, O is ORG's: each refused, named.
    h.press(ImGuiKey_Tab);
    for (auto [key, why] : {std::pair{"S", "S is the key of \"Pick the speaker\""},
                            std::pair{"7", "a key is one letter"}, std::pair{"O", "O is ORG's"}}) {
        enter(h, key);
        CHECK_THAT(h.app.schema_message(), Catch::Contains(why));
        REQUIRE(h.app.session().schema.find("HUMAN"));
        CHECK(h.app.session().schema.find("HUMAN")->hotkey == U'p');
    }
    enter(h, "h");
    CHECK(h.app.session().schema.find("HUMAN")->hotkey == U'h');
    CHECK(h.app.schema_message().empty());

    // Tab: its colour; then its kind; then its attributes.
    h.press(ImGuiKey_Tab);
    enter(h, "#123456");
    CHECK(h.app.session().schema.find("HUMAN")->color == 0x123456FF);
    h.press(ImGuiKey_Tab);
    h.press(ImGuiKey_Tab);
    enter(h, "canonical:text; role:enum(minister|envoy)");
    const gloss::core::Label* human = h.app.session().schema.find("HUMAN");
    REQUIRE(human->attributes.size() == 2);
    CHECK(human->attributes[1].type == gloss::core::AttributeType::Enumeration);
    CHECK(human->attributes[1].values == std::vector<std::string>{"minister", "envoy"});
    enter(h, "role:list");
    CHECK_THAT(h.app.schema_message(), Catch::Contains("role: the type is text, enum"));
    CHECK(h.app.session().schema.find("HUMAN")->attributes.size() == 2);

    // Shift+Tab from the first field wraps to the last: the new label's. Add one.
    for (int i = 0; i < 4; ++i) // attributes, kind, colour, key, name
        h.press(ImGuiKey_Tab, ImGuiKey_LeftShift);
    h.press(ImGuiKey_Tab, ImGuiKey_LeftShift);
    h.type("VESSEL");
    h.press(ImGuiKey_Enter);
    REQUIRE(h.app.session().schema.labels().size() == labels + 1);
    const gloss::core::Label* vessel = h.app.session().schema.find("VESSEL");
    REQUIRE(vessel);
    CHECK(vessel->hotkey == U'a'); // V, E, S and L are taken
    CHECK(vessel->color != 0);

    // Removing GPE, used by one span: Ctrl+Delete in its fields asks, again removes both.
    h.press(ImGuiKey_Escape);
    h.app.set_schema_open(false);
    h.frames(1);
    h.app.set_schema_open(true);
    h.frames(2);
    for (int i = 0; i < 11; ++i) // HUMAN's five fields, ORG's five, then GPE's name
        h.press(ImGuiKey_Tab);
    h.press(ImGuiKey_Delete, ImGuiKey_LeftCtrl);
    CHECK_THAT(h.app.schema_message(), Catch::Contains("Remove GPE and its 1 span(s)?"));
    CHECK(h.app.session().schema.find("GPE"));
    h.press(ImGuiKey_Delete, ImGuiKey_LeftCtrl);
    CHECK_FALSE(h.app.session().schema.find("GPE"));
    CHECK(count_label(h, "GPE") == 0);
    // Ctrl+Z brings the span back (the label stays removed; open the window to add it again).
    h.app.set_schema_open(false);
    h.frames(1);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(count_label(h, "GPE") == 1);

    // The schema downloads as the JSON the CLI reads.
    gloss::core::Diagnostics d;
    auto written =
        gloss::io::read_schema(gloss::io::write_schema(h.app.session().schema), "schema.json", d);
    REQUIRE(written);
    CHECK(written->find("VESSEL"));
}

TEST_CASE("a schema JSON opened with Open… joins the schema", "[ui][schema]") {
    Harness h;
    const char* schema = R"({"labels":[{"name":"VESSEL","color":"#336699","hotkey":"w"},)"
                         R"({"name":"PERSON","color":"#aa0000","hotkey":"p"}]})";
    REQUIRE_FALSE(gloss::core::has_errors(h.app.opener().open_file("ships.schema.json", schema)));
    h.frames(2);
    REQUIRE(h.app.session().schema.find("VESSEL"));
    CHECK(h.app.session().schema.find("VESSEL")->hotkey == U'w');
    CHECK(h.app.session().schema.find("PERSON")->color == 0xAA0000FF);
    CHECK(h.app.session().schema.find("GPE")); // kept
    CHECK(h.app.session().documents().size() == 2);
    // A bad schema names its field and changes nothing.
    auto bad = h.app.opener().open_file("bad.json", R"({"labels":[{"name":"X","hotkey":"7x"}]})");
    CHECK(gloss::core::has_errors(bad));
    CHECK_THAT(h.app.error(), Catch::Contains("bad.json"));
    CHECK_FALSE(h.app.session().schema.find("X"));
}

TEST_CASE("renaming or removing a label is one undo step over every document and the schema",
          "[ui][schema][undo]") {
    Harness h;
    REQUIRE(
        h.app
            .load_documents(
                R"({"id":"a","text":"Cairo and Doha.","spans":[{"start":0,"end":5,"label":"GPE"}]})"
                "\n"
                R"({"id":"b","text":"Rafah.","spans":[{"start":0,"end":5,"label":"GPE"}]})"
                "\n",
                "two.jsonl")
            .empty());
    auto& session = h.app.session();
    const std::string before = gloss::io::write_schema(session.schema);

    SECTION("rename, then Ctrl+Z and Ctrl+Y") {
        REQUIRE(session.rename_label("GPE", "PLACE"));
        CHECK(count_label(h, "PLACE") == 2);
        h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
        CHECK(count_label(h, "GPE") == 2); // both documents, not only the one shown
        CHECK(gloss::io::write_schema(session.schema) == before);
        h.press(ImGuiKey_Y, ImGuiKey_LeftCtrl);
        CHECK(count_label(h, "PLACE") == 2);
        CHECK_FALSE(session.schema.find("GPE"));
    }
    SECTION("remove, then Ctrl+Z") {
        REQUIRE(session.remove_label("GPE"));
        CHECK(count_label(h, "GPE") == 0);
        h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
        CHECK(count_label(h, "GPE") == 2);
        CHECK(gloss::io::write_schema(session.schema) == before);
    }
    SECTION("remove, another edit, then undo in one document: the label comes back with its span") {
        REQUIRE(session.remove_label("GPE"));
        for (std::size_t i = 0; i < session.documents().size(); ++i)
            if (session.documents()[i].id == "a") session.open(i);
        REQUIRE(session.document()->id == "a");
        h.frames(2);
        h.drag_text(10, 14); // "Doha"
        h.press(ImGuiKey_P);
        h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl); // the PERSON
        h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl); // this document's part of the removal
        CHECK(session.document()->spans().size() == 1);
        CHECK(session.schema.find("GPE")); // no span without its label
        for (const auto& d : session.documents())
            d.spans().for_each(
                [&](const gloss::core::Span& s) { CHECK(session.schema.find(s.label)); });
    }
}
