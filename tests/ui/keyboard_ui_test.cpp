// Labeling by keyboard alone, span walking and edges, quotes and speakers, attributes, search.
#include "harness.hpp"

#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

using gloss::test::Harness;

namespace {

std::size_t find_cp(Harness& h, const std::string& needle, std::size_t nth = 0) {
    const std::string& text = h.app.session().document()->text().utf8();
    std::size_t byte = text.find(needle);
    while (byte != std::string::npos && nth-- > 0)
        byte = text.find(needle, byte + 1);
    REQUIRE(byte != std::string::npos);
    return gloss::core::count_code_points(std::string_view(text).substr(0, byte));
}

std::string slice(Harness& h, std::size_t start, std::size_t end) {
    return std::string(h.app.session().document()->text().slice(start, end));
}

const gloss::core::Span* only_span(Harness& h, const std::string& label) {
    auto spans = h.app.session().document()->spans().with_label(label);
    REQUIRE(spans.size() == 1);
    return spans[0];
}

} // namespace

TEST_CASE("a span created by keyboard alone: caret, Ctrl+Shift+Right, hotkey", "[ui][keyboard]") {
    Harness h;
    std::size_t start = find_cp(h, "Léa Marchetti");
    // Put the caret at the start of the name by clicking there, then use only keys.
    h.click(h.caret_of(start));
    REQUIRE(h.app.session().caret() == start);
    h.press(ImGuiKey_RightArrow, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    h.press(ImGuiKey_RightArrow, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(slice(h, h.app.session().selection().start, h.app.session().selection().end) ==
          "Léa Marchetti");
    h.press(ImGuiKey_P);
    const auto* span = only_span(h, "PERSON");
    CHECK(slice(h, span->start, span->end) == "Léa Marchetti");
}

TEST_CASE("arrows move by grapheme cluster: never inside the ZWJ family emoji", "[ui][keyboard]") {
    Harness h;
    h.app.load_documents("{\"id\":\"e\",\"text\":\"a 👩‍👩‍👧 b Jose\\u0301!\"}\n",
                         "emoji.jsonl");
    h.frames(2);
    h.click(h.caret_of(0));
    h.press(ImGuiKey_RightArrow); // after "a"
    h.press(ImGuiKey_RightArrow); // after the space
    CHECK(h.app.session().caret() == 2);
    h.press(ImGuiKey_RightArrow); // over the whole family (5 code points)
    CHECK(h.app.session().caret() == 7);
    h.press(ImGuiKey_LeftArrow);
    CHECK(h.app.session().caret() == 2);
    // "José" with a combining accent: the caret skips e + U+0301 together.
    h.press(ImGuiKey_End, ImGuiKey_LeftCtrl);
    h.press(ImGuiKey_LeftArrow); // before "!"
    h.press(ImGuiKey_LeftArrow); // before "é"
    CHECK(h.app.session().caret() == 13);
    h.press(ImGuiKey_LeftArrow, ImGuiKey_LeftShift);
    h.press(ImGuiKey_RightArrow, ImGuiKey_LeftShift);
    h.press(ImGuiKey_RightArrow, ImGuiKey_LeftShift);
    CHECK(slice(h, h.app.session().selection().start, h.app.session().selection().end) ==
          "e\u0301");
}

TEST_CASE("Tab walks spans; Alt+arrows move the selected span's edges; Delete removes",
          "[ui][keyboard]") {
    Harness h;
    std::size_t valletta = find_cp(h, "Valletta");
    std::size_t tuesday = find_cp(h, "Tuesday");
    h.drag_text(valletta, valletta + 8);
    h.press(ImGuiKey_G);
    h.drag_text(tuesday, tuesday + 7);
    h.press(ImGuiKey_D);
    h.press(ImGuiKey_Escape);
    h.click(h.caret_of(0));
    h.press(ImGuiKey_Tab);
    CHECK(h.app.session().selected_span() == only_span(h, "GPE")->id);
    h.press(ImGuiKey_Tab);
    CHECK(h.app.session().selected_span() == only_span(h, "DATE")->id);
    h.press(ImGuiKey_Tab, ImGuiKey_LeftShift);
    CHECK(h.app.session().selected_span() == only_span(h, "GPE")->id);
    // Grow the end by a word ("Valletta on"), shrink it back, grow the start ("in Valletta").
    h.press(ImGuiKey_RightArrow, ImGuiKey_LeftAlt);
    CHECK(slice(h, only_span(h, "GPE")->start, only_span(h, "GPE")->end) == "Valletta on");
    h.press(ImGuiKey_LeftArrow, ImGuiKey_LeftAlt);
    CHECK(slice(h, only_span(h, "GPE")->start, only_span(h, "GPE")->end) == "Valletta");
    h.press(ImGuiKey_LeftArrow, ImGuiKey_LeftAlt, ImGuiKey_LeftShift);
    CHECK(slice(h, only_span(h, "GPE")->start, only_span(h, "GPE")->end) == "in Valletta");
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(slice(h, only_span(h, "GPE")->start, only_span(h, "GPE")->end) == "Valletta");
    h.press(ImGuiKey_Delete);
    CHECK(h.app.session().document()->spans().with_label("GPE").empty());
}

TEST_CASE("a mention inside the quote is offered after every mention outside it", "[ui][quotes]") {
    Harness h;
    const std::string quote = "“These talks have been very, very constructive,”";
    std::size_t q = find_cp(h, quote);
    std::size_t far = find_cp(h, "Léa Marchetti");
    std::size_t near = find_cp(h, "Marchetti said");
    std::size_t inner = find_cp(h, "These talks");
    for (std::size_t at : {far, near})
        h.drag_text(at, at + (at == far ? 13 : 9)), h.press(ImGuiKey_P);
    h.drag_text(inner, inner + 5); // "These", tagged as a PERSON inside the quote
    h.press(ImGuiKey_P);
    h.drag_text(q, q + gloss::core::count_code_points(quote));
    h.press(ImGuiKey_Q);
    const auto* qs = only_span(h, "QUOTE");
    auto starts = [&](std::size_t limit) {
        std::vector<std::size_t> out;
        for (gloss::core::SpanId id : h.app.session().speaker_candidates(qs->id, limit))
            out.push_back(h.app.session().document()->spans().find(id)->start);
        return out;
    };
    CHECK(starts(9) == std::vector<std::size_t>{near, far, inner});
    CHECK(starts(2) == std::vector<std::size_t>{near, far});
    h.press(ImGuiKey_S);
    h.press(ImGuiKey_1);
    CHECK(h.app.session().document()->spans().find(h.app.session().speaker_of(qs->id))->start ==
          near);
}

TEST_CASE("a PERSON nested in a QUOTE, and the speaker picked with S then a number",
          "[ui][quotes]") {
    Harness h;
    const std::string quote = "“These talks have been very, very constructive,”";
    std::size_t q = find_cp(h, quote);
    std::size_t q_len = gloss::core::count_code_points(quote);
    std::size_t far = find_cp(h, "Léa Marchetti");
    std::size_t near = find_cp(h, "Marchetti said");
    h.drag_text(far, far + 13);
    h.press(ImGuiKey_P);
    h.drag_text(near, near + 9);
    h.press(ImGuiKey_P);
    h.drag_text(q, q + q_len);
    h.press(ImGuiKey_Q);
    const auto* qs = only_span(h, "QUOTE");
    CHECK(slice(h, qs->start, qs->end) == quote);
    REQUIRE(h.app.session().selected_span() == qs->id);
    CHECK(h.app.session().speaker_of(qs->id) == 0);
    h.press(ImGuiKey_S);
    CHECK(h.app.picking_relation());
    // Mentions are numbered by distance: 1 is "Marchetti" right after the quote.
    auto candidates = h.app.session().speaker_candidates(qs->id);
    REQUIRE(candidates.size() == 2);
    CHECK(h.app.session().document()->spans().find(candidates[0])->start == near);
    h.press(ImGuiKey_1);
    CHECK_FALSE(h.app.picking_relation());
    gloss::core::SpanId speaker = h.app.session().speaker_of(qs->id);
    REQUIRE(speaker != 0);
    CHECK(h.app.session().document()->spans().find(speaker)->start == near);
    // Re-link by clicking the other mention while picking; one undo step restores the first.
    h.press(ImGuiKey_S);
    h.click(h.point_of(far + 2));
    CHECK(h.app.session().document()->spans().find(h.app.session().speaker_of(qs->id))->start ==
          far);
    CHECK(h.app.session().document()->relations().size() == 1);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(h.app.session().document()->spans().find(h.app.session().speaker_of(qs->id))->start ==
          near);
    // A PERSON nested in the quote is found inside it.
    CHECK(h.app.session().document()->spans().at(q + 3).size() == 1);
}

TEST_CASE("an ERROR inside a token gets a type and a typed correction with accents",
          "[ui][errors]") {
    Harness h;
    std::size_t word = find_cp(h, "marchettiwill");
    h.drag_text(word, word + 9, ImGuiKey_LeftAlt);
    h.press(ImGuiKey_E);
    const auto* error = only_span(h, "ERROR");
    CHECK(slice(h, error->start, error->end) == "marchetti");
    gloss::core::SpanId id = error->id;
    // Enter focuses the first text attribute (correction), typing fills it, Enter commits.
    h.press(ImGuiKey_Enter);
    h.frames(3);
    REQUIRE(ImGui::GetIO().WantTextInput);
    h.type("Marchetti will — é");
    h.press(ImGuiKey_Enter);
    const auto* after = h.app.session().document()->spans().find(id);
    REQUIRE(after->attrs.get("correction"));
    CHECK(*after->attrs.get("correction") == "Marchetti will — é");
    // The attribute edit is one undo step.
    h.press(ImGuiKey_Escape);
    h.frames(2);
    REQUIRE(h.app.session().set_attribute(id, "type", "merged_tokens"));
    h.app.session().undo();
    CHECK(h.app.session().document()->spans().find(id)->attrs.get("type") == nullptr);
    h.app.session().undo();
    CHECK(h.app.session().document()->spans().find(id)->attrs.get("correction") == nullptr);
}

TEST_CASE("Ctrl+F finds every match and labels them all as one undo step", "[ui][search]") {
    Harness h;
    h.press(ImGuiKey_F, ImGuiKey_LeftCtrl);
    CHECK(h.app.search_open());
    h.frames(3);
    REQUIRE(ImGui::GetIO().WantTextInput);
    h.type("ferreira");
    h.frames(2);
    h.press(ImGuiKey_Enter); // the first match is selected
    std::size_t first = find_cp(h, "Ferreira");
    CHECK(h.app.session().selection().start == first + 0);
    // two "Tomás Ferreira", "Ferreira," and "Mr. Ferreira"
    CHECK(h.app.search_found().hits.size() == 4);
    // Alt+Enter: label all, the label chosen in the palette by name.
    h.press(ImGuiKey_Enter, ImGuiKey_LeftAlt);
    REQUIRE(h.app.palette_open());
    h.frames(2);
    h.type("person");
    h.press(ImGuiKey_Enter);
    CHECK_FALSE(h.app.palette_open());
    CHECK(h.app.session().document()->spans().size() == 4);
    CHECK_THAT(h.app.announcement(), Catch::Contains("Labelled 4 matches as PERSON"));
    h.press(ImGuiKey_Escape); // closes the search
    CHECK_FALSE(h.app.search_open());
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(h.app.session().document()->spans().size() == 0);
}

TEST_CASE("triple-click selects a sentence, double-click a word", "[ui][mouse]") {
    Harness h;
    std::size_t at = find_cp(h, "ferry schedules");
    ImVec2 p = h.point_of(at + 1);
    h.move_to(p);
    for (int i = 0; i < 3; ++i) {
        h.mouse_down();
        h.mouse_up();
    }
    h.frames(20);
    CHECK(slice(h, h.app.session().selection().start, h.app.session().selection().end) ==
          "The talks cover fishing rights, ferry schedules and the 27,478 tonnes of cargo stuck at "
          "the quay since JanuaryThe unions want a deal before the summer.");
    h.double_click(p);
    CHECK(slice(h, h.app.session().selection().start, h.app.session().selection().end) == "ferry");
}

TEST_CASE("opening files: a bad file keeps the work, a .txt is added to the documents",
          "[ui][files]") {
    Harness h;
    std::size_t start = find_cp(h, "Valletta");
    h.drag_text(start, start + 8);
    h.press(ImGuiKey_G);
    auto bad = h.app.opener().open_file(
        "broken.jsonl", "{\"text\":\"x\",\"spans\":[{\"start\":0,\"end\":5,\"label\":\"GPE\"}]}\n");
    CHECK_FALSE(bad.empty());
    CHECK_THAT(
        h.app.error(),
        Catch::Contains("broken.jsonl:1: span end 5 is past the end of the text (1 code points)"));
    CHECK(h.app.session().document()->spans().size() == 1);
    auto unknown = h.app.opener().open_file("notes.docx", "x");
    CHECK_THAT(h.app.error(), Catch::Contains("cannot tell the format"));
    auto good = h.app.opener().open_file("article.txt", "Cairo and Cairo — “quoted”.");
    CHECK(good.empty());
    CHECK(h.app.session().documents().size() == 3);
    CHECK(h.app.session().document()->id == "article");
    CHECK(h.app.session().documents()[0].spans().size() == 1); // the work is still there
}

TEST_CASE("speaker candidates are the nearest mentions, near or far, as a full scan ranks them",
          "[ui][speaker]") {
    // A long text: mentions every 37 code points, some far before and after the quote, some
    // rejected and some of other labels, so the widening search must match a full scan.
    std::string text;
    for (int i = 0; i < 4000; ++i)
        text += "Word word word word word word word. ";
    std::string jsonl = R"({"id":"long","text":")" + text + R"(","spans":[)";
    const std::size_t quote_start = 60'000, quote_end = 60'030;
    jsonl += R"({"id":1,"start":60000,"end":60030,"label":"QUOTE"})";
    gloss::core::SpanId id = 2;
    for (std::size_t at = 5; at + 4 < text.size(); at += 37 * (1 + (at % 7))) {
        const char* label = at % 3 == 0 ? "PERSON" : at % 3 == 1 ? "ORG" : "GPE";
        const char* status = at % 5 == 0 ? "rejected" : "accepted";
        jsonl += ",{\"id\":" + std::to_string(id++) + ",\"start\":" + std::to_string(at) +
                 ",\"end\":" + std::to_string(at + 4) + ",\"label\":\"" + label +
                 "\",\"status\":\"" + status + "\"}";
    }
    jsonl += "]}\n";
    Harness h;
    REQUIRE(h.app.load_documents(jsonl, "long.jsonl").empty());
    const gloss::core::Document* doc = h.app.session().document();
    for (std::size_t limit : {1u, 9u, 50u, 100'000u}) {
        CAPTURE(limit);
        std::vector<std::pair<std::size_t, gloss::core::SpanId>> scan;
        doc->spans().for_each([&](const gloss::core::Span& s) {
            if ((s.label != "PERSON" && s.label != "ORG") ||
                s.status == gloss::core::Status::Rejected)
                return;
            std::size_t distance = s.end <= quote_start   ? quote_start - s.end
                                   : s.start >= quote_end ? s.start - quote_end
                                                          : 0;
            scan.push_back({distance, s.id});
        });
        std::sort(scan.begin(), scan.end());
        std::vector<gloss::core::SpanId> expected;
        for (std::size_t i = 0; i < scan.size() && i < limit; ++i)
            expected.push_back(scan[i].second);
        CHECK(h.app.session().speaker_candidates(1, limit) == expected);
    }
}
