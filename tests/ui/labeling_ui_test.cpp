// Labeling by mouse and hotkey in headless frames: the walking skeleton's path.
#include "harness.hpp"

#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

using gloss::test::Harness;

namespace {

// Code-point offset of the first occurrence of `needle` in the current document.
std::size_t find_cp(Harness& h, const std::string& needle) {
    const std::string& text = h.app.session().document()->text().utf8();
    std::size_t byte = text.find(needle);
    REQUIRE(byte != std::string::npos);
    return gloss::core::count_code_points(std::string_view(text).substr(0, byte));
}

bool has_filled_rect_over(ImDrawData* data, ImVec2 p, ImU32 rgb) {
    // The vertices drawn in the label's colour (any alpha) must surround the point.
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
            if ((v.col & 0x00FFFFFF) == (rgb & 0x00FFFFFF)) {
                x0 = std::min(x0, v.pos.x);
                y0 = std::min(y0, v.pos.y);
                x1 = std::max(x1, v.pos.x);
                y1 = std::max(y1, v.pos.y);
            }
    return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1;
}

} // namespace

TEST_CASE("drag across a name and press P makes a PERSON span", "[ui]") {
    Harness h;
    std::size_t start = find_cp(h, "Léa Marchetti");
    std::size_t end = start + 13;
    h.drag_text(start, end);
    CHECK(h.app.session().selection().start == start);
    CHECK(h.app.session().selection().end == end);
    h.press(ImGuiKey_P);
    const auto& spans = h.app.session().document()->spans();
    REQUIRE(spans.size() == 1);
    const auto* span = spans.first();
    CHECK(span->label == "PERSON");
    CHECK(span->start == start);
    CHECK(span->end == end);
    CHECK(h.app.session().document()->text().slice(span->start, span->end) == "Léa Marchetti");
    CHECK(h.host.changes >= 1);
    // The span is painted: a PERSON-coloured rect (ABGR in ImU32) covers its middle.
    h.frame();
    ImU32 person_rgb = IM_COL32(0x4e, 0x79, 0xa7, 0);
    CHECK(has_filled_rect_over(h.draw_data(), h.point_of(start + 5), person_rgb));
}

TEST_CASE("a drag snaps to whole words unless Alt is held", "[ui]") {
    Harness h;
    std::size_t word = find_cp(h, "marchettiwill");
    // From the middle of "léa" to the middle of the glued word: snaps to both words.
    h.drag_text(word - 3, word + 4);
    CHECK(h.app.session().selection().start == word - 4);
    CHECK(h.app.session().selection().end == word + 13);
    // Alt: exact characters, `marchetti` inside `marchettiwill`.
    h.drag_text(word, word + 9, ImGuiKey_LeftAlt);
    CHECK(h.app.session().selection().start == word);
    CHECK(h.app.session().selection().end == word + 9);
    h.press(ImGuiKey_E);
    const auto* span = h.app.session().document()->spans().first();
    REQUIRE(span);
    CHECK(span->label == "ERROR");
    CHECK(h.app.session().document()->text().slice(span->start, span->end) == "marchetti");
}

TEST_CASE("undo and redo by keyboard, delete removes the selected span", "[ui]") {
    Harness h;
    std::size_t start = find_cp(h, "Valletta");
    h.drag_text(start, start + 8);
    h.press(ImGuiKey_G);
    REQUIRE(h.app.session().document()->spans().size() == 1);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(h.app.session().document()->spans().size() == 0);
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl, ImGuiKey_LeftShift);
    CHECK(h.app.session().document()->spans().size() == 1);
    h.click(h.point_of(start + 2));
    CHECK(h.app.session().selected_span() == h.app.session().document()->spans().first()->id);
    h.press(ImGuiKey_Delete);
    CHECK(h.app.session().document()->spans().size() == 0);
    h.press(ImGuiKey_Y, ImGuiKey_LeftCtrl);
    CHECK(h.app.session().document()->spans().size() == 0); // nothing to redo after a new edit
    h.press(ImGuiKey_Z, ImGuiKey_LeftCtrl);
    CHECK(h.app.session().document()->spans().size() == 1);
}

TEST_CASE("a bad file leaves the work untouched and shows the error", "[ui]") {
    Harness h;
    std::size_t start = find_cp(h, "Valletta");
    h.drag_text(start, start + 8);
    h.press(ImGuiKey_G);
    auto diagnostics = h.app.load_documents("{\"text\": broken}\n", "bad.jsonl");
    CHECK_FALSE(diagnostics.empty());
    CHECK(h.app.session().document()->spans().size() == 1);
    CHECK_THAT(h.app.error(), Catch::Contains("bad.jsonl:1:10: malformed JSON"));
    h.frames(2);
}

TEST_CASE("export offers the annotations as a JSONL download", "[ui]") {
    Harness h;
    std::size_t start = find_cp(h, "Valletta");
    h.drag_text(start, start + 8);
    h.press(ImGuiKey_G);
    REQUIRE(h.host.downloads.empty());
    h.press(ImGuiKey_E, ImGuiKey_LeftCtrl);
    REQUIRE(h.host.downloads.size() == 1);
    CHECK(h.host.downloads[0].filename == "gloss-annotations.jsonl");
    CHECK(h.host.downloads[0].data == h.app.annotations_jsonl());
    CHECK_THAT(h.host.downloads[0].data,
               Catch::Contains("\"text\":\"Valletta\",\"label\":\"GPE\""));
    // Ctrl+E exported; it did not label anything as ERROR.
    CHECK(h.app.session().document()->spans().size() == 1);
}

TEST_CASE("the interface draws at a small size", "[ui]") {
    Harness h(800, 500);
    h.frames(3);
    CHECK(h.draw_data()->TotalVtxCount > 0);
    std::size_t start = find_cp(h, "Léa");
    h.drag_text(start, start + 3);
    h.press(ImGuiKey_P);
    CHECK(h.app.session().document()->spans().size() == 1);
}

TEST_CASE("errors get a wavy underline, pending suggestions a dashed one", "[ui][paint]") {
    Harness h;
    h.app.load_documents(
        "{\"id\":\"d\",\"text\":\"state Secretary, anthony blinkenbut will be back\",\"spans\":["
        "{\"start\":25,\"end\":35,\"label\":\"ERROR\"},"
        "{\"start\":17,\"end\":24,\"label\":\"PERSON\",\"status\":\"pending\",\"origin\":"
        "\"suggested\"}]}\n",
        "d.jsonl");
    h.frames(2);
    // Without a shader renderer (headless), decorations are polylines in the label's colour:
    // the wave alternates above and below its centre line.
    // Vertices of a colour on the article's first line (the palette uses the colours too).
    auto line = h.app.article_view().rect_of(h.app.session(), 0);
    REQUIRE(line);
    auto vertices_of = [&](ImU32 rgb) {
        std::vector<ImVec2> out;
        ImDrawData* data = h.draw_data();
        for (int l = 0; l < data->CmdListsCount; ++l)
            for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
                if ((v.col & 0x00FFFFFF) == (rgb & 0x00FFFFFF) && v.pos.y >= line->y &&
                    v.pos.y <= line->y + line->height + 8)
                    out.push_back(v.pos);
        return out;
    };
    auto error = vertices_of(IM_COL32(0xe1, 0x57, 0x59, 0));
    REQUIRE(error.size() > 20);
    float lo = 1e9f, hi = -1e9f;
    for (const ImVec2& p : error) {
        lo = std::min(lo, p.y);
        hi = std::max(hi, p.y);
    }
    CHECK(hi - lo >= 3.0f); // a wave, not a straight line
    ImVec2 word = h.point_of(30);
    CHECK(lo > word.y); // under the middle of the text of `blinkenbut`
    auto pending = vertices_of(IM_COL32(0x4e, 0x79, 0xa7, 0));
    CHECK(pending.size() >= 8); // several dashes, no filled background
    // The pending suggestion is listed and Enter accepts it.
    h.press(ImGuiKey_Tab);
    REQUIRE(h.app.session().selected_span() != 0);
    const auto* first = h.app.session().document()->spans().find(h.app.session().selected_span());
    CHECK(first->status == gloss::core::Status::Pending);
    h.press(ImGuiKey_Enter);
    CHECK(h.app.session().document()->spans().find(first->id)->status ==
          gloss::core::Status::Accepted);
}

TEST_CASE("dragging a span's end handle is a change the host hears of (one change signal)",
          "[ui]") {
    Harness h;
    std::size_t start = find_cp(h, "Léa Marchetti");
    std::size_t end = start + 13;
    h.drag_text(start, end);
    h.press(ImGuiKey_P);
    h.frames(2);
    const gloss::core::Span* span = h.app.session().document()->spans().first();
    REQUIRE(span);
    REQUIRE(h.app.session().selected_span() == span->id);
    int changes = h.host.changes;
    std::uint64_t revision = h.app.session().revision();
    // The handle under the span's end, dragged back over "Marchetti" to end after "Léa".
    auto last = h.app.article_view().rect_of(h.app.session(), end - 1);
    REQUIRE(last);
    h.move_to(ImVec2(last->x + last->width, last->y + last->height * 0.9f));
    h.mouse_down();
    h.move_to(h.caret_of(start + 3));
    h.mouse_up();
    h.frames(2);
    span = h.app.session().document()->spans().first();
    REQUIRE(span);
    CHECK(span->end == start + 3);
    CHECK(h.app.session().revision() > revision);
    CHECK(h.host.changes == changes + 1);
}
