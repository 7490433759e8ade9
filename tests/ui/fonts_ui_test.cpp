// Glyphs on demand: the font atlas starts with a base set and gains the glyphs of whatever is
// shown (documents, labels, attribute values, messages, text typed into a field) before the
// frame that draws them; the article is laid out again with the real glyphs' widths.
#include "harness.hpp"

#include <catch2/catch.hpp>

#include <string>

using gloss::test::Harness;

namespace {

bool has_glyph(const ImFont* font, ImWchar c) {
    return font && font->FindGlyphNoFallback(c) != nullptr;
}

} // namespace

TEST_CASE("the atlas starts with the base set and gains a document's scripts before drawing it") {
    Harness h;
    const ImFont* article = h.app.fonts().article();
    REQUIRE(has_glyph(article, U'é'));
    REQUIRE(has_glyph(article, U'“'));
    CHECK_FALSE(has_glyph(h.app.fonts().article(), U'Ж'));
    CHECK_FALSE(has_glyph(h.app.fonts().article(), U'Λ'));

    const std::string jsonl =
        R"({"id":"ru","text":"Жители Москвы. Λόγος и ещё.","meta":{"title":"Новости"}})"
        "\n";
    REQUIRE(h.app.load_documents(jsonl, "ru.jsonl").empty());
    h.frame();
    CHECK(has_glyph(h.app.fonts().article(), U'Ж'));
    CHECK(has_glyph(h.app.fonts().article(), U'Λ'));
    CHECK(has_glyph(h.app.fonts().ui(), U'Н')); // the title, in the document list
    // Laid out with the glyph's own width, not the fallback's.
    const ImFont* font = h.app.fonts().article();
    float expected = font->FindGlyphNoFallback(U'Ж')->AdvanceX;
    CHECK(h.app.article_view().layout().width_of(0) == Approx(expected));
}

TEST_CASE("text typed into a field gets its glyphs in the next frame") {
    Harness h;
    REQUIRE_FALSE(has_glyph(h.app.fonts().ui(), U'Ω'));
    h.press(ImGuiKey_F, ImGuiKey_LeftCtrl);
    h.frames(2);
    h.type("Ω");
    h.frames(2);
    CHECK(has_glyph(h.app.fonts().ui(), U'Ω'));
}

TEST_CASE("glyphs asked for are built once: an atlas with everything it needs stays as it is") {
    Harness h;
    const std::string jsonl = R"({"id":"gr","text":"Αθήνα"})"
                              "\n";
    REQUIRE(h.app.load_documents(jsonl, "gr.jsonl").empty());
    CHECK(h.app.update_fonts());
    CHECK_FALSE(h.app.update_fonts());
    h.frames(3);
    CHECK_FALSE(h.app.update_fonts());
}

TEST_CASE("a new scale rebuilds the atlas with every glyph asked for so far") {
    Harness h;
    const std::string jsonl = R"({"id":"gr","text":"Αθήνα"})"
                              "\n";
    REQUIRE(h.app.load_documents(jsonl, "gr.jsonl").empty());
    h.frame();
    float size = h.app.fonts().article()->FontSize;
    h.app.set_ui_scale(2.0f);
    CHECK(h.app.update_fonts());
    CHECK(h.app.fonts().article()->FontSize == Approx(size * 2));
    CHECK(has_glyph(h.app.fonts().article(), U'θ'));
}
