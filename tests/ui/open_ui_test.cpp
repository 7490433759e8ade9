// Opening files adds their documents to the project, as one step Ctrl+Z takes back; a file whose
// ids the project has already asks first (replace them, keep both, skip them, cancel) and changes
// nothing until answered; several files opened at once all arrive.
#include "app/journal.hpp"
#include "harness.hpp"
#include "io/gloss_project.hpp"
#include "io/zip.hpp"

#include <catch2/catch.hpp>
#include <imgui_internal.h>

#include <string>
#include <vector>

using gloss::test::Harness;
using OnClash = gloss::app::Session::OnClash;

namespace {

std::vector<std::string> ids(const Harness& h) {
    std::vector<std::string> out;
    for (const auto& d : h.app.session().documents())
        out.push_back(d.id);
    return out;
}

const char* const kNew = R"({"id":"new-one","text":"Zoë Ångström arrived in Zürich 😀."})"
                         "\n";
const char* const kClash = R"({"id":"harbour-talks","text":"Another text under the same id."})"
                           "\n"
                           R"({"id":"fresh","text":"A fresh article."})"
                           "\n";

} // namespace

TEST_CASE("an opened file adds its documents; Ctrl+Z takes them back, Ctrl+Shift+Z again") {
    Harness h;
    std::vector<std::string> before = ids(h);
    REQUIRE(before == std::vector<std::string>{"harbour-talks", "river-summit"});
    REQUIRE(h.app.opener().open_file("new.jsonl", kNew).empty());
    h.frames(2);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "new-one"});
    CHECK(h.app.session().document()->id == "new-one"); // the first added is opened
    CHECK(h.app.session().addition_to_undo() == "add 1 document");
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(ids(h) == before);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "new-one"});
    // After another change, Ctrl+Z undoes that change, not the addition.
    h.app.session().set_done(2, true);
    CHECK(h.app.session().addition_to_undo().empty());
}

TEST_CASE("an addition is taken back later too, once nothing it put in has changed",
          "[ui][files]") {
    Harness h;
    std::vector<std::string> before = ids(h);
    std::string old_text(h.app.session().documents()[0].text().utf8());
    REQUIRE(h.app.opener().open_file("new.jsonl", kNew).empty());
    h.frames(2);
    gloss::app::Session& s = h.app.session();
    const gloss::core::Label& person = *s.schema.find("PERSON");
    // An edit in a document of the project: its own undo comes first.
    s.open(0);
    s.select_range({0, 4});
    REQUIRE(s.apply_label(person).ok());
    CHECK(s.addition_to_undo().empty());
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(ids(h).size() == 3); // the label went, the documents stay
    CHECK(s.addition_to_undo() == "add 1 document");
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(ids(h) == before);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "new-one"});
    CHECK(s.document()->id == "new-one");

    // An edit in a document it put in keeps it until that edit is undone too.
    s.select_range({0, 3});
    REQUIRE(s.apply_label(person).ok());
    s.open(1);
    h.frames(1);
    CHECK(s.addition_to_undo().empty());
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl); // river-summit has nothing to undo, new-one changed
    CHECK(ids(h).size() == 3);
    s.open(2);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl); // the label in new-one
    CHECK(s.document()->spans().size() == 0);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl); // then the addition
    CHECK(ids(h) == before);
    // Redo brings it back with its history: the label can be redone.
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    REQUIRE(s.document()->id == "new-one");
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(s.document()->spans().size() == 1);

    // A replacement taken back later gives the project's version back; marked done, it stays.
    REQUIRE(h.app.opener().open_file("clash.jsonl", kClash).empty());
    h.frames(2);
    h.press(ImGuiKey_R);
    REQUIRE(s.documents()[0].text().utf8() == "Another text under the same id.");
    s.open(1);
    s.select_range({0, 4});
    REQUIRE(s.apply_label(person).ok());
    s.set_done(0, true);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl); // the label
    CHECK(s.addition_to_undo().empty());    // the replacement is marked done
    s.set_done(0, false);
    CHECK(s.addition_to_undo() == "add 2 documents"); // harbour-talks replaced, fresh added
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(s.documents()[0].text().utf8() == old_text);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "new-one"});
    // Another change after taking it back: it cannot be brought back, and nothing else moves.
    s.open(0);
    s.select_range({0, 4});
    REQUIRE(s.apply_label(person).ok());
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(s.documents()[0].text().utf8() == old_text);
}

TEST_CASE("an addition survives a reload: taken back after it, and brought back after that",
          "[ui][files][journal]") {
    Harness h;
    std::vector<std::string> before = ids(h);
    std::vector<std::string> after{"harbour-talks", "river-summit", "new-one"};
    REQUIRE(h.app.opener().open_file("new.jsonl", kNew).empty());
    h.frames(2);
    gloss::app::App::Snapshot saved = h.app.snapshot();

    Harness again;
    REQUIRE_FALSE(gloss::core::has_errors(again.app.restore(saved.project, saved.view, {})));
    REQUIRE(ids(again) == after);
    CHECK(again.app.session().addition_to_undo() == "add 1 document");
    again.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(ids(again) == before);

    // Taken back, saved and reloaded: redo brings it back, with the place it had.
    gloss::app::App::Snapshot undone = again.app.snapshot();
    Harness third;
    REQUIRE_FALSE(gloss::core::has_errors(third.app.restore(undone.project, undone.view, {})));
    CHECK(ids(third) == before);
    third.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(ids(third) == after);
    CHECK(third.app.session().document()->id == "new-one");

    // Edits saved after it (journal entries): it is no longer the latest change, so an edit
    // comes back first and the addition after it.
    gloss::app::Journal journal;
    journal.stored(h.app.session());
    gloss::app::Session& s = h.app.session();
    s.open(0);
    s.select_range({0, 4});
    REQUIRE(s.apply_label(*s.schema.find("PERSON")).ok());
    std::string entry = gloss::io::write_journal_entry(journal.take(s));
    Harness fourth;
    REQUIRE_FALSE(gloss::core::has_errors(fourth.app.restore(saved.project, saved.view, {entry})));
    gloss::app::Session& f = fourth.app.session();
    f.open(0);
    CHECK(f.document()->spans().size() == 1);
    CHECK(f.addition_to_undo().empty());
    fourth.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(f.document()->spans().size() == 0);
    CHECK(f.addition_to_undo() == "add 1 document");
    fourth.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(ids(fourth) == before);
}

TEST_CASE("a saved addition that does not fit the documents is dropped with a warning",
          "[ui][files][journal]") {
    Harness h;
    REQUIRE(h.app.opener().open_file("new.jsonl", kNew).empty());
    h.frames(2);
    gloss::app::App::Snapshot saved = h.app.snapshot();
    // The document it put in is gone from the stored project (edited by hand, say).
    std::string project = saved.project;
    auto at = project.find(R"("id":"new-one")");
    REQUIRE(at != std::string::npos);
    project.replace(at, 14, R"("id":"renamed")");
    Harness again;
    gloss::core::Diagnostics d = again.app.restore(project, saved.view, {});
    CHECK_FALSE(gloss::core::has_errors(d));
    REQUIRE(d.size() == 1);
    CHECK(d[0].message.find("added documents") != std::string::npos);
    CHECK(again.app.session().documents().size() == 3);
    CHECK(again.app.session().addition_to_undo().empty());
}

TEST_CASE("a file with ids the project has asks first, and each answer does what it says") {
    Harness h;
    std::string old_text(h.app.session().documents()[0].text().utf8());
    REQUIRE(h.app.opener().open_file("clash.jsonl", kClash).empty());
    h.frames(2);
    CHECK(h.app.opener().opens_waiting() == 1);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit"}); // nothing yet
    ImGuiWindow* window = ImGui::FindWindowByName("Documents already in the project");
    REQUIRE(window);
    CHECK(window->Active);
    // Label keys do not reach the article while it asks.
    std::size_t spans = h.app.session().document()->spans().size();
    h.press(ImGuiKey_P);
    CHECK(h.app.session().document()->spans().size() == spans);

    SECTION("K keeps both: the new one gets a new id") {
        h.press(ImGuiKey_K);
        CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit",
                                                 "harbour-talks (2)", "fresh"});
        CHECK(h.app.session().documents()[0].text().utf8() == old_text);
    }
    SECTION("R replaces it in place") {
        h.press(ImGuiKey_R);
        CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "fresh"});
        CHECK(h.app.session().documents()[0].text().utf8() == "Another text under the same id.");
        h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl); // the replaced one comes back
        CHECK(h.app.session().documents()[0].text().utf8() == old_text);
    }
    SECTION("S skips it") {
        h.press(ImGuiKey_S);
        CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "fresh"});
        CHECK(h.app.session().documents()[0].text().utf8() == old_text);
    }
    SECTION("Escape cancels: nothing is added") {
        h.press(ImGuiKey_Escape);
        CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit"});
    }
    h.frames(2);
    CHECK(h.app.opener().opens_waiting() == 0);
    CHECK(ImGui::FindWindowByName("Documents already in the project")->Active == false);
}

TEST_CASE("several files opened at once all arrive, the ones that clash asking in turn") {
    Harness h;
    REQUIRE(h.app.opener().open_file("a.jsonl", kClash).empty());
    REQUIRE(h.app.opener().open_file("b.txt", "A plain text file.").empty());
    REQUIRE(h.app.opener().open_file("c.jsonl", kClash).empty());
    h.frames(2);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "b"});
    CHECK(h.app.opener().opens_waiting() == 2);
    h.press(ImGuiKey_S); // a.jsonl: skip harbour-talks, add fresh
    h.frames(2);
    CHECK(h.app.opener().opens_waiting() == 1);
    h.press(ImGuiKey_K); // c.jsonl: both clash now (fresh arrived with a.jsonl)
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "b", "fresh",
                                             "harbour-talks (2)", "fresh (2)"});
}

TEST_CASE("documents added through the API: a clash is an error unless the caller says") {
    Harness h;
    auto d = h.app.opener().add_documents_jsonl(kClash, "api", std::nullopt);
    REQUIRE(gloss::core::has_errors(d));
    CHECK(
        d[0].to_string().find("1 of these documents are in the project already (harbour-talks)") !=
        std::string::npos);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit"});
    CHECK(h.app.opener().add_documents_jsonl(kClash, "api", OnClash::Skip).empty());
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "fresh"});
}

TEST_CASE("files opened together: a brat .ann finds its .txt; a failure opens none of them",
          "[ui][files][brat]") {
    Harness h;
    std::vector<gloss::io::NamedFile> files = {
        {"corpus/a.ann",
         "T1\tPERSON 0 3\tZoë\nT2\tGPE 11 16\tCaïro\nR1\tspeaker Arg1:T1 Arg2:T1\n"},
        {"corpus/a.txt", "Zoë is in  Caïro 🇪🇬."},
        {"corpus/annotation.conf", "[entities]\nPERSON\nGPE\n[relations]\n"},
        {"note.txt", "A plain note."}};
    REQUIRE(h.app.opener().open_files(files).empty());
    h.frames(2);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "a", "note"});
    const auto& a = h.app.session().documents()[2];
    REQUIRE(a.spans().size() == 2);
    CHECK(a.text().slice(a.spans().first()->start, a.spans().first()->end) == "Zoë");
    CHECK(a.relations().size() == 1);

    // An .ann without its .txt, with a good file beside it: nothing is added, both named.
    Harness g;
    auto bad = g.app.opener().open_files({{"b.ann", "T1\tPERSON 0 3\tZoë\n"}, {"c.txt", "Fine."}});
    CHECK_FALSE(bad.empty());
    CHECK_THAT(g.app.error(), Catch::Contains("Could not open 2 files (your work is unchanged)"));
    CHECK_THAT(g.app.error(), Catch::Contains("b.ann"));
    CHECK_THAT(g.app.error(), Catch::Contains("b.txt"));
    CHECK(ids(g) == std::vector<std::string>{"harbour-talks", "river-summit"});
}

TEST_CASE("a doccano export named .jsonl opens as doccano; one that could be either is asked about",
          "[ui][files][detect]") {
    Harness h;
    REQUIRE(
        h.app.opener()
            .open_file("export.jsonl",
                       R"({"id":"dc","text":"👍🏽 Léa met Burns","label":[[5,8,"PERSON"]]})"
                       "\n")
            .empty());
    h.frames(2);
    REQUIRE(ids(h).back() == "dc");
    const auto& dc = h.app.session().documents().back();
    REQUIRE(dc.spans().size() == 1); // UTF-16 5..8 is Léa
    CHECK(dc.text().slice(dc.spans().first()->start, dc.spans().first()->end) == "Léa");

    REQUIRE(
        h.app.opener()
            .open_file(
                "both.jsonl",
                R"({"id":"both","text":"Zoë met Ahmed","spans":[{"start":0,"end":3,"label":"PERSON"}],"label":[[8,13,"PERSON"]]})"
                "\n")
            .empty());
    h.frames(2);
    CHECK(h.app.opener().opens_waiting() == 1);
    CHECK(h.app.opener().open_format_choices() ==
          std::vector<std::string_view>{"jsonl", "doccano"});
    ImGuiWindow* window = ImGui::FindWindowByName("Which format is this file?");
    REQUIRE(window);
    CHECK(window->Active);
    CHECK(ids(h).back() == "dc"); // nothing yet
    SECTION("2 opens it as doccano") {
        h.press(ImGuiKey_2);
        REQUIRE(ids(h).back() == "both");
        const auto& both = h.app.session().documents().back();
        REQUIRE(both.spans().size() == 1);
        CHECK(both.text().slice(both.spans().first()->start, both.spans().first()->end) == "Ahmed");
    }
    SECTION("Escape opens nothing") {
        h.press(ImGuiKey_Escape);
        CHECK(h.app.opener().opens_waiting() == 0);
        CHECK(ids(h).back() == "dc");
    }
}

TEST_CASE("a file that opens with no spans but had annotations Gloss did not read says so",
          "[ui][files][detect]") {
    Harness h;
    REQUIRE_FALSE(gloss::core::has_errors(h.app.opener().open_file(
        "model.jsonl", R"({"id":"m","text":"Zoë met Ahmed","ner":[[0,3,"PERSON"]]})"
                       "\n")));
    h.frames(2);
    CHECK(ids(h).back() == "m");
    CHECK_THAT(h.app.error(),
               Catch::Contains("model.jsonl: opened as jsonl with no spans, but its records have "
                               "\"ner\" (a list of 1)"));
}

TEST_CASE("labels the schema lacks are offered with a colour and a free key, not refused",
          "[ui][files][labels]") {
    Harness h;
    const char* conll = "-DOCSTART- O\n\nZoë B-PER\nvisited O\nCaïro B-LOC\n, O\nsaid O\n"
                        "the O\nBBC B-ORG\nfan B-MISC\n. O\n";
    REQUIRE_FALSE(gloss::core::has_errors(h.app.opener().open_file("ner.conll", conll)));
    h.frames(2);
    CHECK(h.app.opener().labels_to_add() == std::vector<std::string>{"PER", "MISC"});
    ImGuiWindow* window = ImGui::FindWindowByName("Labels not in the schema");
    REQUIRE(window);
    CHECK(window->Active);
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit"}); // nothing yet
    SECTION("A adds them with free keys and opens the file") {
        h.press(ImGuiKey_A);
        const gloss::core::LabelSchema& schema = h.app.session().schema;
        REQUIRE(schema.find("PER"));
        REQUIRE(schema.find("MISC"));
        CHECK(schema.find("PER")->hotkey == U'a'); // P is PERSON's, E ERROR's, R a command's
        CHECK(schema.find("MISC")->hotkey == U'm');
        CHECK(schema.find("PER")->color != schema.find("MISC")->color);
        REQUIRE(ids(h).size() == 3);
        const auto& doc = h.app.session().documents()[2];
        CHECK(doc.spans().size() == 4);
        // The new key labels a selection.
        h.app.session().open(2);
        h.frames(2);
        std::size_t before = doc.spans().size();
        h.drag_text(4, 11); // "visited"
        h.press(ImGuiKey_M);
        CHECK(h.app.session().documents()[2].spans().size() == before + 1);
    }
    SECTION("Escape adds nothing") {
        h.press(ImGuiKey_Escape);
        CHECK(h.app.opener().labels_to_add().empty());
        CHECK_FALSE(h.app.session().schema.find("PER"));
        CHECK(ids(h).size() == 2);
    }
}

TEST_CASE("a multi-file export is one zip download, and that zip opens again", "[ui][files][zip]") {
    Harness h;
    h.app.download_as("brat");
    REQUIRE(h.host.downloads.size() == 1);
    const auto& zip = h.host.downloads.back();
    CHECK(zip.filename == "gloss-brat.zip");
    CHECK(zip.mime == "application/zip");
    gloss::core::Diagnostics d;
    auto members = gloss::io::read_zip(zip.data, zip.filename, d);
    REQUIRE(members);
    std::vector<std::string> names;
    for (const auto& m : *members)
        names.push_back(m.name);
    CHECK(names == std::vector<std::string>{"harbour-talks.txt", "harbour-talks.ann",
                                            "river-summit.txt", "river-summit.ann",
                                            "annotation.conf"});
    // Opened in another project, the zip gives the same documents.
    Harness other;
    other.app.session().replace_documents({});
    REQUIRE_FALSE(gloss::core::has_errors(other.app.opener().open_file(zip.filename, zip.data)));
    other.frames(2);
    REQUIRE(other.app.session().documents().size() == 2);
    CHECK(other.app.session().documents()[0].text().utf8() ==
          h.app.session().documents()[0].text().utf8());

    // A damaged zip opens nothing and names the member.
    std::string broken = zip.data;
    broken[broken.find("harbour-talks.txt") + 40] ^= 0x20;
    Harness third;
    CHECK(gloss::core::has_errors(third.app.opener().open_file("broken.zip", broken)));
    CHECK_THAT(third.app.error(), Catch::Contains("broken.zip["));
    CHECK(third.app.session().documents().size() == 2);
}

TEST_CASE("a project file's schema is kept: its labels this one lacks are offered as defined",
          "[ui][files][labels]") {
    Harness h;
    gloss::io::Project project;
    gloss::core::LabelSchema schema;
    gloss::core::Label city;
    city.name = "CITY";
    city.color = 0x123456FF;
    city.hotkey = U'c'; // CARDINAL's here: it gets a free letter of its name
    city.description = "a city";
    schema.add(city);
    gloss::core::Label vessel;
    vessel.name = "VESSEL";
    vessel.color = 0x654321FF;
    vessel.hotkey = U'v'; // EVENT's
    schema.add(vessel);
    project.schema = schema;
    gloss::core::Document doc("cities", gloss::core::Text("Zoë flew to Caïro 🇪🇬."));
    gloss::core::Span span;
    span.start = 12;
    span.end = 17;
    span.label = "CITY";
    REQUIRE(doc.add_span(span).ok());
    project.documents.push_back(std::move(doc));
    REQUIRE_FALSE(gloss::core::has_errors(
        h.app.opener().open_file("cities.gloss.json", gloss::io::write_gloss_project(project))));
    h.frames(2);
    CHECK(h.app.opener().labels_to_add() == std::vector<std::string>{"CITY", "VESSEL"});
    h.press(ImGuiKey_A);
    const gloss::core::Label* added = h.app.session().schema.find("CITY");
    REQUIRE(added);
    CHECK(added->color == 0x123456FF);
    CHECK(added->description == "a city");
    CHECK(added->hotkey == U'i');
    REQUIRE(h.app.session().schema.find("VESSEL"));
    CHECK(h.app.session().schema.find("VESSEL")->hotkey == U'a'); // V, E, S, L are taken
    CHECK(h.app.session().documents().back().spans().size() == 1);
}

TEST_CASE("a W3C export's zip (annotations and texts.jsonl) opens again", "[ui][files][zip]") {
    Harness h;
    h.app.download_as("w3c");
    REQUIRE(h.host.downloads.size() == 1);
    const auto& zip = h.host.downloads.back();
    CHECK(zip.filename == "gloss-w3c.zip");
    Harness other;
    other.app.session().replace_documents({});
    auto d = other.app.opener().open_file(zip.filename, zip.data);
    INFO(other.app.error());
    REQUIRE_FALSE(gloss::core::has_errors(d));
    other.frames(2);
    REQUIRE(other.app.session().documents().size() == 2);
    CHECK(other.app.session().documents()[1].text().utf8() ==
          h.app.session().documents()[1].text().utf8());
}

TEST_CASE("a file opened while the labels question is asked joins it; none is dropped",
          "[ui][files][labels]") {
    Harness h;
    REQUIRE_FALSE(
        gloss::core::has_errors(h.app.opener().open_file("a.conll", "Zoë B-PER\nsang O\n")));
    REQUIRE_FALSE(gloss::core::has_errors(
        h.app.opener().open_file("b.conll", "Ahmed B-PER\nin O\nCaïro B-CITY\n")));
    h.frames(2);
    CHECK(h.app.opener().labels_to_add() == std::vector<std::string>{"PER", "CITY"});
    h.press(ImGuiKey_A);
    CHECK(h.app.session().schema.find("CITY"));
    // Both files name their document doc-1: the second is then asked about as a clash.
    CHECK(h.app.opener().opens_waiting() == 1);
    h.press(ImGuiKey_K);
    CHECK(ids(h) ==
          std::vector<std::string>{"harbour-talks", "river-summit", "doc-1", "doc-1 (2)"});
    CHECK(h.app.session().documents()[3].text().utf8() == "Ahmed in Caïro");
}

TEST_CASE(
    "two questions waiting at once are asked one at a time; Escape cancels only the one shown",
    "[ui][files][labels]") {
    Harness h;
    REQUIRE(h.app.opener().open_file("clash.jsonl", kClash).empty());
    REQUIRE_FALSE(
        gloss::core::has_errors(h.app.opener().open_file("a.conll", "Zoë B-PER\nsang O\n")));
    h.frames(2);
    REQUIRE(h.app.opener().opens_waiting() == 1);
    REQUIRE(h.app.opener().labels_to_add() == std::vector<std::string>{"PER"});
    auto shown = [](const char* title) {
        ImGuiWindow* window = ImGui::FindWindowByName(title);
        return window && window->Active;
    };
    CHECK(shown("Documents already in the project"));
    CHECK_FALSE(shown("Labels not in the schema"));
    h.press(ImGuiKey_Escape); // cancels the file that clashes, not the labels question too
    CHECK(h.app.opener().opens_waiting() == 0);
    CHECK(h.app.opener().labels_to_add() == std::vector<std::string>{"PER"});
    h.frames(2);
    CHECK(shown("Labels not in the schema"));
    CHECK_FALSE(shown("Documents already in the project"));
    h.press(ImGuiKey_A);
    CHECK(h.app.session().schema.find("PER"));
    CHECK(ids(h) == std::vector<std::string>{"harbour-talks", "river-summit", "doc-1"});
}

TEST_CASE("a document replaced in place is navigated by its own words, not the old text's",
          "[ui][files]") {
    Harness h;
    auto& session = h.app.session();
    REQUIRE(session.document());
    const std::string first_id = session.document()->id;
    gloss::app::Selection before = session.navigation().word_at(*session.document(), 1);
    CHECK(before.start == 0);
    // The shown document replaced by another text under the same id, at the same place.
    std::string jsonl = R"({"id":")" + first_id + R"(","text":"Xy Zzzzzzzz went home."})" + "\n";
    REQUIRE(h.app.opener().add_documents_jsonl(jsonl, "api", OnClash::Replace).empty());
    session.open(0);
    REQUIRE(session.document()->text().utf8() == "Xy Zzzzzzzz went home.");
    gloss::app::Selection word = session.navigation().word_at(*session.document(), 4);
    CHECK(word.start == 3);
    CHECK(word.end == 11);
    CHECK(session.navigation().next_word(*session.document(), 0) == 2);
    gloss::app::Selection sentence = session.navigation().sentence_at(*session.document(), 5);
    CHECK(sentence.end == 22);
}
