// The Assist workflow in the interface: suggestions appear as pending spans, Tab walks them,
// Enter accepts, Backspace rejects (and they stay rejected), Shift+Enter accepts all of a kind
// as one undo step, labelling a name suggests its other mentions, detectors can be turned off.
#include "harness.hpp"

#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <map>

using gloss::test::Harness;
namespace core = gloss::core;

namespace {

const char* const kArticle =
    R"({"id":"a","text":"Moussa Diop met Antony Blinken in Cairo. Later blinkenbut talks went on )"
    R"(in cairo, and in cairo again. “We want peace now,” Diop said. Aides of Diop agreed."})"
    "\n";

std::size_t cp_of(Harness& h, const std::string& needle) {
    const std::string& text = h.app.session().document()->text().utf8();
    std::size_t byte = text.find(needle);
    REQUIRE(byte != std::string::npos);
    return core::count_code_points(std::string_view(text).substr(0, byte));
}

std::vector<const core::Span*> with(Harness& h, std::string_view text, std::string_view label) {
    std::vector<const core::Span*> out;
    const core::Document* d = h.app.session().document();
    d->spans().for_each([&](const core::Span& s) {
        if (s.label == label && d->text().slice(s.start, s.end) == text) out.push_back(&s);
    });
    return out;
}

const core::Span* selected(Harness& h) {
    return h.app.session().document()->spans().find(h.app.session().selected_span());
}

} // namespace

TEST_CASE("suggestions are walked with Tab, accepted with Enter, rejected with Backspace",
          "[ui][assist]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    REQUIRE(h.app.load_documents(kArticle, "assist.jsonl").empty());
    h.frames(2);
    auto pending = h.app.session().assist().pending();
    REQUIRE(pending.size() >= 4);
    REQUIRE(with(h, "cairo", "ERROR").size() == 2);
    REQUIRE(with(h, "“We want peace now,”", "QUOTE").size() == 1);
    CHECK_FALSE(h.app.session().document()->history().can_undo()); // proposals, not edits

    h.press(ImGuiKey_Tab);
    const core::Span* first = selected(h);
    REQUIRE(first);
    CHECK(first->status == core::Status::Pending);
    CHECK(first->start == pending.front()->start);
    h.press(ImGuiKey_Tab);
    h.press(ImGuiKey_Tab, ImGuiKey_LeftShift);
    CHECK(selected(h)->id == first->id);

    // Enter accepts the suggestion (an undoable edit).
    core::SpanId accepted = first->id;
    h.press(ImGuiKey_Escape); // leave the inspector focus the accept may request
    h.app.session().select_span(accepted);
    h.press(ImGuiKey_Enter);
    h.frames(2);
    CHECK(h.app.session().document()->spans().find(accepted)->status == core::Status::Accepted);
    CHECK(h.app.session().document()->history().can_undo());

    // Backspace rejects; the next suggestion is selected; the rejected one never returns.
    const core::Span* glued = with(h, "blinkenbut", "ERROR").at(0);
    core::SpanId rejected = glued->id;
    h.press(ImGuiKey_Escape);
    h.app.session().select_span(rejected);
    h.press(ImGuiKey_Backspace);
    CHECK(h.app.session().document()->spans().find(rejected)->status == core::Status::Rejected);
    CHECK(h.app.session().selected_span() != rejected);
    h.app.session().assist().set_detector(core::Detector::Quotes, false);
    h.app.session().assist().set_detector(core::Detector::Quotes, true); // runs the detectors again
    h.app.session().assist().refresh();
    CHECK(with(h, "blinkenbut", "ERROR").size() == 1);
}

TEST_CASE("Shift+Enter accepts every suggestion of the kind as one undo step", "[ui][assist]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    REQUIRE(h.app.load_documents(kArticle, "assist.jsonl").empty());
    h.frames(2);
    auto errors = with(h, "cairo", "ERROR");
    REQUIRE(errors.size() == 2);
    h.app.session().select_span(errors[0]->id);
    h.press(ImGuiKey_Enter, ImGuiKey_LeftShift);
    for (const core::Span* s : with(h, "cairo", "ERROR"))
        CHECK(s->status == core::Status::Accepted);
    h.press(ImGuiKey_Escape);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    for (const core::Span* s : with(h, "cairo", "ERROR"))
        CHECK(s->status == core::Status::Pending);
}

TEST_CASE("labelling a name suggests its other mentions with the canonical name", "[ui][assist]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    REQUIRE(h.app.load_documents(kArticle, "assist.jsonl").empty());
    h.frames(2);
    std::size_t start = cp_of(h, "Moussa Diop");
    h.app.session().select_range({start, start + 11});
    h.press(ImGuiKey_P);
    REQUIRE(with(h, "Moussa Diop", "PERSON").size() == 1);
    CHECK(with(h, "Moussa Diop", "PERSON")[0]->status == core::Status::Accepted);
    // The later "Diop" nobody suggested before is now a pending PERSON with the canonical name
    // of the labelled one.
    std::size_t aides = cp_of(h, "Aides of Diop") + 9;
    const core::Span* later = nullptr;
    for (const core::Span* m : with(h, "Diop", "PERSON"))
        if (m->start == aides) later = m;
    REQUIRE(later);
    CHECK(later->status == core::Status::Pending);
    REQUIRE(later->attrs.get("canonical"));
    CHECK(*later->attrs.get("canonical") == "Moussa Diop");
}

TEST_CASE("a detector turned off withdraws the suggestions nobody touched", "[ui][assist]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    REQUIRE(h.app.load_documents(kArticle, "assist.jsonl").empty());
    h.frames(2);
    auto errors = with(h, "cairo", "ERROR");
    REQUIRE(errors.size() == 2);
    h.app.session().select_span(errors[0]->id);
    REQUIRE(h.app.session().assist().accept_selected());
    h.app.session().assist().set_detector(core::Detector::WrongCase, false);
    auto left = with(h, "cairo", "ERROR");
    REQUIRE(left.size() == 1); // the accepted one stays
    CHECK(left[0]->status == core::Status::Accepted);
    h.frames(2); // the panel with its detector switches draws
}

TEST_CASE("with a schema of other labels, suggestions carry its labels and none it lacks",
          "[ui][assist][schema]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    // CoNLL's labels: PER for people, LOC for places; no quote label, no error label.
    REQUIRE(h.app
                .load_schema(R"({"labels": [{"name": "PER", "hotkey": "p"},
                                             {"name": "LOC", "hotkey": "l"},
                                             {"name": "ORG", "hotkey": "o"}]})",
                             "conll.json")
                .empty());
    REQUIRE(h.app.load_documents(kArticle, "assist.jsonl").empty());
    h.frames(2);
    std::map<std::string, int> labels;
    h.app.session().document()->spans().for_each([&](const core::Span& s) { ++labels[s.label]; });
    CHECK(labels.count("LOC")); // Cairo, as GPE would have been
    CHECK(labels.count("PER")); // Antony Blinken
    CHECK(labels.size() <= 3);  // no ERROR, QUOTE, GPE or PERSON
    for (const auto& [label, n] : labels)
        CHECK(h.app.session().schema.find(label));
}

TEST_CASE("how the project's other documents write a name is evidence in this one",
          "[ui][assist]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    REQUIRE(
        h.app
            .load_documents(
                R"({"id":"a","text":"Talks with Sheinbaum went on. Aides of Sheinbaum agreed."})"
                "\n"
                R"({"id":"b","text":"Critics said sheinbaum had won the vote."})"
                "\n",
                "two.jsonl")
            .empty());
    h.app.session().open(1);
    h.frames(3);
    auto errors = with(h, "sheinbaum", "ERROR");
    REQUIRE(errors.size() == 1);
    CHECK(*errors[0]->attrs.get("type") == "wrong_case");
    CHECK(*errors[0]->attrs.get("correction") == "Sheinbaum");
}

TEST_CASE("a long article is searched a window per frame, without stalling one", "[ui][assist]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    std::string text;
    while (text.size() < 400000)
        text += "Talks in cairo went on as Moussa Diop met officials. “We want peace now,” Diop "
                "said.\\n\\n"; // an escaped paragraph break inside the JSON string
    REQUIRE(h.app.load_documents("{\"id\":\"long\",\"text\":\"" + text + "\"}\n", "long.jsonl")
                .empty());
    h.frames(2); // the first frame shows the document; Assist begins in the next
    int frames = 2;
    while (h.app.session().assist().busy() && frames < 1000) {
        CHECK(h.app.session().assist().progress() < 1.0f);
        h.frame();
        ++frames;
    }
    CHECK(frames > 1); // more than one window, more than one frame
    CHECK_FALSE(h.app.session().assist().busy());
    CHECK(with(h, "cairo", "ERROR").size() > 1000);
}

namespace {

// What the session's tallies must say, counted from scratch over every span.
void check_tallies_match_a_recount(Harness& h) {
    const auto& session = h.app.session();
    const core::Document* d = session.document();
    std::vector<const core::Span*> pending;
    std::map<std::string, std::size_t> kinds;
    d->spans().for_each([&](const core::Span& s) {
        if (s.status != core::Status::Pending) return;
        pending.push_back(&s);
        ++kinds[core::suggestion_kind(s)];
    });
    std::vector<const core::Span*> tallied(session.assist().pending().begin(),
                                           session.assist().pending().end());
    CHECK(tallied == pending);
    for (const auto& [kind, n] : kinds)
        CHECK(session.assist().pending_of_kind(kind) == n);
    std::size_t unspoken = 0;
    d->spans().for_each([&](const core::Span& s) {
        if (s.label != "QUOTE" || s.status == core::Status::Rejected) return;
        bool spoken = s.attrs.get("speaker") != nullptr;
        for (const core::Relation* r : d->relations_of(s.id))
            spoken = spoken || (r->type == "speaker" && r->from == s.id);
        unspoken += !spoken;
    });
    CHECK(session.quotes_without_speaker(session.current_index()) == unspoken);
}

} // namespace

TEST_CASE("the pending list and the queue's counts follow every edit, undo and reload",
          "[ui][assist]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    REQUIRE(h.app.load_documents(kArticle, "assist.jsonl").empty());
    h.frames(2);
    REQUIRE(h.app.session().assist().pending().size() >= 4);
    check_tallies_match_a_recount(h);
    h.press(ImGuiKey_Tab);
    h.press(ImGuiKey_Enter); // accept (opens the correction editor for an error)
    h.press(ImGuiKey_Enter);
    h.frames(2);
    check_tallies_match_a_recount(h);
    h.press(ImGuiKey_Tab);
    h.press(ImGuiKey_Backspace); // reject
    h.frames(2);
    check_tallies_match_a_recount(h);
    h.press(ImGuiKey_Tab);
    h.press(ImGuiKey_Enter, ImGuiKey_LeftShift); // all of its kind
    h.frames(2);
    check_tallies_match_a_recount(h);
    // A quote linked to its speaker, then unlinked by undo.
    const auto quotes = with(h, "“We want peace now,”", "QUOTE");
    const auto diop = with(h, "Diop", "PERSON");
    if (!quotes.empty() && !diop.empty()) {
        core::SpanId quote = quotes.front()->id;
        // (Refused while the quote is still a suggestion; the counts must hold either way.)
        h.app.session().set_speaker(quote, diop.front()->id);
        check_tallies_match_a_recount(h);
        h.app.session().set_speaker(quote, 0);
        check_tallies_match_a_recount(h);
    }
    h.drag_text(cp_of(h, "Moussa"), cp_of(h, "Moussa") + 11);
    h.press(ImGuiKey_P);
    h.frames(3);
    check_tallies_match_a_recount(h);
    for (int i = 0; i < 4; ++i) {
        h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
        h.frames(2);
        check_tallies_match_a_recount(h);
    }
    h.press(ImGuiKey_Y, ImGuiKey_LeftCtrl);
    h.frames(2);
    check_tallies_match_a_recount(h);
    // New documents: counted afresh.
    REQUIRE(h.app.load_documents(kArticle, "again.jsonl").empty());
    h.frames(2);
    check_tallies_match_a_recount(h);
}

TEST_CASE("the autosave keeps what the user did with suggestions and Assist finds the rest again",
          "[ui][assist]") {
    Harness h;
    h.app.session().assist().set_enabled(true);
    REQUIRE(h.app.load_documents(kArticle, "assist.jsonl").empty());
    h.frames(2);
    const std::size_t found = h.app.session().assist().pending().size();
    REQUIRE(found >= 4);
    const std::uint64_t before = h.app.session().revision();
    h.frames(2); // nothing new to save while Assist is idle
    CHECK(h.app.session().revision() == before);
    // Reject one, accept another.
    h.press(ImGuiKey_Tab);
    const core::Span* rejected = selected(h);
    REQUIRE(rejected);
    const auto rejected_range = std::make_tuple(rejected->start, rejected->end, rejected->label);
    h.press(ImGuiKey_Backspace);
    h.frames(2);
    CHECK(h.app.session().revision() != before);
    const auto cairo = with(h, "cairo", "ERROR");
    REQUIRE_FALSE(cairo.empty());
    h.app.session().select_span(cairo.front()->id);
    REQUIRE(h.app.session().assist().accept_selected());
    h.frames(3);

    auto snapshot = h.app.snapshot();
    const std::size_t pending_now = h.app.session().assist().pending().size();
    // Untouched suggestions are not in it.
    std::size_t written = 0;
    for (std::size_t at = snapshot.project.find("\"status\":\"pending\""); at != std::string::npos;
         at = snapshot.project.find("\"status\":\"pending\"", at + 1))
        ++written;
    CHECK(written < pending_now);

    Harness again;
    again.app.session().assist().set_enabled(true);
    REQUIRE_FALSE(core::has_errors(again.app.restore(snapshot.project, snapshot.view)));
    again.frames(3);
    CHECK_FALSE(again.app.session().assist().busy());
    // The rejected one stays rejected and does not come back; the accepted one stays accepted;
    // the others are suggested again.
    std::size_t same_range = 0;
    again.app.session().document()->spans().for_each([&](const core::Span& s) {
        if (std::make_tuple(s.start, s.end, s.label) != rejected_range) return;
        ++same_range;
        CHECK(s.status == core::Status::Rejected);
    });
    CHECK(same_range == 1);
    const auto cairo_again = with(again, "cairo", "ERROR");
    REQUIRE_FALSE(cairo_again.empty());
    CHECK(cairo_again.front()->status == core::Status::Accepted);
    CHECK(again.app.session().assist().pending().size() == pending_now);
    // Undo still works on the restored history.
    CHECK(again.app.session().document()->history().position() ==
          h.app.session().document()->history().position());
}

TEST_CASE("the queue counts quotes without the relation their schema names, not \"speaker\"",
          "[ui][assist][schema]") {
    Harness h;
    const char* schema =
        R"({"labels":[{"name":"PERSON","color":"#aa0000","hotkey":"p"},)"
        R"({"name":"CITATION","kind":"quote","color":"#00aa00","hotkey":"c","attributes":[)"
        R"({"name":"said_by","type":"span","targets":["PERSON"]}]}]})";
    REQUIRE_FALSE(core::has_errors(h.app.load_schema(schema, "citations.json")));
    REQUIRE(h.app
                .load_documents(R"({"id":"c","text":"“Go,” Ann said. “Stay,” Bo said.","spans":[)"
                                R"({"id":1,"start":0,"end":5,"label":"CITATION"},)"
                                R"({"id":2,"start":6,"end":9,"label":"PERSON"},)"
                                R"({"id":3,"start":16,"end":23,"label":"CITATION"},)"
                                R"({"id":4,"start":24,"end":26,"label":"PERSON"}],)"
                                R"("relations":[{"id":1,"type":"said_by","from":1,"to":2}]})"
                                "\n",
                                "c.jsonl")
                .empty());
    h.frames(2);
    auto& session = h.app.session();
    CHECK(session.quotes_without_speaker(session.current_index()) == 1);
    CHECK(session.speaker_type(3) == "said_by");
    REQUIRE(session.set_relation(3, 4, "said_by"));
    CHECK(session.quotes_without_speaker(session.current_index()) == 0);
    REQUIRE(session.undo());
    CHECK(session.quotes_without_speaker(session.current_index()) == 1);
}
