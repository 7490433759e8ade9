// Every character as itself: glyphs the font lacks come from the platform (here MemoryHost's
// blocks) for every widget; grapheme clusters are one glyph and one unit in the article, with no
// caret inside; CJK lines break between characters but not before closing punctuation;
// right-to-left paragraphs run right to left with carets, boxes and arrows that follow; Arabic
// letters join.
#include "harness.hpp"

#include "core/text/grapheme.hpp"
#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

using gloss::test::Harness;
namespace core = gloss::core;

namespace {

void load(Harness& h, const std::string& text, const std::string& title = "") {
    std::string escaped;
    for (char c : text)
        escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    std::string jsonl = R"({"id":"t","text":")" + escaped + R"(")";
    if (!title.empty()) jsonl += R"(,"meta":{"title":")" + title + R"("})";
    jsonl += "}\n";
    REQUIRE(h.app.load_documents(jsonl, "t.jsonl").empty());
    h.frames(3);
}

const gloss::app::ArticleLayout& layout(Harness& h) {
    return h.app.article_view().layout();
}

} // namespace

TEST_CASE("emoji sequences, flags, keycaps and skin tones are one glyph and one unit each",
          "[ui][scripts]") {
    Harness h;
    h.host.draw_glyphs = true;
    const std::u32string text = U"a 👨‍👩‍👧 b 🇫🇷 c 1️⃣ d 👍🏽 e";
    load(h, core::to_utf8(text));
    const auto& fonts = h.app.fonts();
    struct Case {
        std::u32string cluster;
        bool colour;
    };
    for (const Case& c : {Case{U"👨‍👩‍👧", true}, Case{U"🇫🇷", true},
                          Case{U"1️⃣", false}, Case{U"👍🏽", true}}) {
        CAPTURE(core::to_utf8(c.cluster));
        ImWchar id = fonts.cluster_glyph(c.cluster);
        REQUIRE(id != 0);
        const ImFontGlyph* glyph = fonts.article()->FindGlyphNoFallback(id);
        REQUIRE(glyph != nullptr);
        CHECK(static_cast<bool>(glyph->Colored) == c.colour); // emoji keep their colours
        std::size_t start = text.find(c.cluster);
        CHECK(layout(h).width_of(start) == Approx(glyph->AdvanceX));
        // Drawn by the platform once, at the article's size only.
        CHECK(std::count(h.host.glyphs_drawn.begin(), h.host.glyphs_drawn.end(),
                         core::to_utf8(c.cluster)) == 1);
    }
    // No position on the line puts the caret inside a cluster.
    const auto& line = layout(h).lines()[0];
    float y = line.y + layout(h).line_height() * 0.5f;
    std::set<std::size_t> hits;
    for (float x = -5; x < 700; x += 0.5f)
        hits.insert(layout(h).hit(x, y));
    for (std::size_t cp : hits)
        CHECK(core::is_grapheme_boundary(text, cp));
    CHECK(hits.size() == 18); // the 17 clusters' starts and the end
    // A second build draws nothing again.
    std::size_t drawn = h.host.glyphs_drawn.size();
    h.app.set_ui_scale(1.0f);
    h.frames(2);
    CHECK(h.host.glyphs_drawn.size() == drawn);
}

TEST_CASE("a character the font lacks is drawn by the platform in every widget", "[ui][scripts]") {
    Harness h;
    h.host.draw_glyphs = true;
    load(h, "北京 ok", "東京");
    for (const ImFont* font : {h.app.fonts().ui(), h.app.fonts().article()}) {
        const ImFontGlyph* glyph = font->FindGlyphNoFallback(U'京');
        REQUIRE(glyph != nullptr);
        CHECK(glyph->AdvanceX > 0);
        CHECK_FALSE(glyph->Colored);
    }
    CHECK(h.app.fonts().ui()->FindGlyphNoFallback(U'東') != nullptr); // the title, in the list
    // Without a platform that draws, the fallback glyph stands in (nothing crashes).
    Harness plain;
    load(plain, "北京 ok");
    CHECK(plain.app.fonts().article()->FindGlyphNoFallback(U'北') == nullptr);
}

TEST_CASE("bidi controls and zero-width characters take no room and draw nothing",
          "[ui][scripts]") {
    Harness h;
    h.host.draw_glyphs = true;
    // RLI … PDI (DejaVu Sans has no glyph for them), RLO … PDF, ZWSP and the word joiner.
    const std::u32string text = U"a\u2067\u05D0\u2069b\u202E\u05D1\u202Cc\u200Bd\u2060e";
    load(h, core::to_utf8(text));
    for (char32_t c : {U'\u2067', U'\u2069', U'\u202E', U'\u202C', U'\u200B', U'\u2060'}) {
        CAPTURE(static_cast<int>(c));
        CHECK(layout(h).width_of(text.find(c)) == 0);
        for (const ImFont* font : {h.app.fonts().ui(), h.app.fonts().article()}) {
            const ImFontGlyph* glyph = font->FindGlyphNoFallback(static_cast<ImWchar>(c));
            REQUIRE(glyph != nullptr); // not the fallback box
            CHECK_FALSE(glyph->Visible);
        }
        std::string utf8;
        core::append_utf8(utf8, c);
        CHECK(std::count(h.host.glyphs_drawn.begin(), h.host.glyphs_drawn.end(), utf8) == 0);
    }
    CHECK(layout(h).width_of(text.find(U'a')) > 0);
}

TEST_CASE("CJK lines break between characters, never before closing punctuation", "[ui][scripts]") {
    Harness h;
    h.host.draw_glyphs = true;
    std::u32string text;
    for (int i = 0; i < 80; ++i)
        text += U"北京说。";
    load(h, core::to_utf8(text));
    const auto& lines = layout(h).lines();
    REQUIRE(lines.size() > 3);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        CAPTURE(i);
        CHECK(text[lines[i].start] != U'。');
    }
}

TEST_CASE("a long hyphenated compound wraps after its hyphens, a number's minus stays",
          "[ui][scripts]") {
    Harness h;
    std::u32string text;
    for (int i = 0; i < 60; ++i)
        text += U"state-of-the-art-";
    text += U"end -5";
    load(h, core::to_utf8(text));
    const auto& lines = layout(h).lines();
    REQUIRE(lines.size() > 2);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        CAPTURE(i);
        CHECK(text[lines[i].end - 1] == U'-'); // each line ends at a hyphen, not mid-word
    }
    std::size_t five = text.rfind(U'5');
    for (const auto& line : lines)
        CHECK(line.start != five); // "-5" is never split
}

TEST_CASE("a long word wraps at its soft hyphens, each broken one drawn as a hyphen",
          "[ui][scripts]") {
    Harness h;
    std::u32string text;
    for (int i = 0; i < 40; ++i)
        text += U"Donau\u00ADdampf\u00ADschiff\u00AD";
    text += U"fahrt \u201Cquoted\u201D";
    load(h, core::to_utf8(text));
    const auto& lines = layout(h).lines();
    REQUIRE(lines.size() > 2);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        CAPTURE(i);
        CHECK(text[lines[i].end - 1] == U'\u00AD'); // each line ends after a soft hyphen
        CHECK(lines[i].hyphen);
    }
    CHECK_FALSE(lines.back().hyphen);
    // Where no line breaks at it, a soft hyphen takes no room: the word is drawn whole.
    load(h, "Donau\u00ADdampf");
    const auto& l = layout(h);
    CHECK(l.x_of(0, 6) == l.x_of(0, 5));
}

TEST_CASE("a right-to-left paragraph runs right to left; carets, boxes and arrows follow",
          "[ui][scripts]") {
    Harness h;
    // Hebrew alone (a right-to-left paragraph), then Hebrew inside English.
    const std::u32string text = U"שלום עולם\nabc אבג def";
    load(h, core::to_utf8(text));
    const auto& l = layout(h);
    REQUIRE(l.lines().size() == 2);
    CHECK(l.lines()[0].x > 0); // aligned to the right
    CHECK(l.lines()[1].x == 0);
    // The caret before the first letter is at the right; the text runs leftwards.
    CHECK(l.x_of(0, 0) > l.x_of(0, 1));
    CHECK(l.x_of(0, 1) > l.x_of(0, 4));
    CHECK(l.right_to_left_at(0));
    CHECK_FALSE(l.right_to_left_at(10));
    // A click at the right end of the Hebrew line puts the caret before its first letter.
    h.click(h.caret_of(0));
    CHECK(h.app.session().caret() == 0);
    // Left goes on through right-to-left text, Right goes back.
    h.press(ImGuiKey_LeftArrow);
    CHECK(h.app.session().caret() == 1);
    h.press(ImGuiKey_LeftArrow);
    CHECK(h.app.session().caret() == 2);
    h.press(ImGuiKey_RightArrow);
    CHECK(h.app.session().caret() == 1);
    // "c אב" (code points 12..16) is two stretches on screen: "c " and the two Hebrew letters,
    // which stand at the right of "גבא".
    std::vector<std::pair<float, float>> boxes;
    l.for_each_box(1, 12, 16, [&](float a, float b) { boxes.push_back({a, b}); });
    REQUIRE(boxes.size() == 2);
    CHECK(boxes[0].second < boxes[1].first);
    // Offsets stay logical: a drag over the first word selects code points 0..4.
    h.drag_text(0, 4);
    CHECK(h.app.session().selection().start == 0);
    CHECK(h.app.session().selection().end == 4);
}

TEST_CASE("Arabic letters are drawn joined, lam-alef as one glyph, right to left",
          "[ui][scripts]") {
    Harness h;
    load(h, "سلام");
    std::vector<char32_t> glyphs;
    std::vector<std::uint32_t> starts;
    layout(h).for_each_unit(0, [&](const gloss::app::ArticleLayout::Unit& u, float) {
        glyphs.push_back(u.glyph);
        starts.push_back(u.cp);
    });
    // Left to right on screen: meem (isolated), lam-alef (final), seen (initial).
    CHECK(glyphs == std::vector<char32_t>{0xFEE1, 0xFEFC, 0xFEB3});
    CHECK(starts == std::vector<std::uint32_t>{3, 1, 0});
    // DejaVu Sans has the presentation forms: the atlas asked for them.
    for (char32_t g : glyphs)
        CHECK(h.app.fonts().article()->FindGlyphNoFallback(static_cast<ImWchar>(g)) != nullptr);
}

TEST_CASE("Thai lines break where the platform finds words", "[ui][scripts]") {
    Harness h;
    const std::vector<std::u32string> words = {U"สวัสดี", U"ครับ", U"ประเทศไทย", U"วันนี้"};
    std::u32string text;
    std::vector<std::uint32_t> starts;
    for (int i = 0; i < 80; ++i) {
        starts.push_back(static_cast<std::uint32_t>(text.size()));
        text += words[static_cast<std::size_t>(i) % words.size()];
    }
    h.host.thai_word_starts = starts;
    load(h, core::to_utf8(text));
    REQUIRE(h.host.word_texts.size() == 1); // asked once, for the one paragraph
    CHECK(h.host.word_texts[0] == core::to_utf8(text));
    const auto& lines = layout(h).lines();
    REQUIRE(lines.size() > 2);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        CAPTURE(i);
        CHECK(std::find(starts.begin(), starts.end(), lines[i].start) != starts.end());
    }
    // English is never sent to be segmented.
    Harness english;
    load(english, "Plain words with spaces between them.");
    CHECK(english.host.word_texts.empty());
}

TEST_CASE("a text's own Private Use character is never shown as a cluster's glyph",
          "[ui][scripts]") {
    Harness h;
    h.host.draw_glyphs = true;
    // The family takes a Private Use id; then a text uses that very character.
    load(h, core::to_utf8(U"a 👨‍👩‍👧 b"));
    ImWchar family = h.app.fonts().cluster_glyph(U"👨‍👩‍👧");
    REQUIRE(family >= 0xE000);
    REQUIRE(family <= 0xF8FF);
    std::u32string text = U"a 👨‍👩‍👧 b ";
    text += static_cast<char32_t>(family);
    text += U" c";
    load(h, core::to_utf8(text));
    ImWchar moved = h.app.fonts().cluster_glyph(U"👨‍👩‍👧");
    CHECK(moved != 0);
    CHECK(moved != family);
    // The text's own character is drawn by the platform as itself, not as the family.
    std::u32string own(1, static_cast<char32_t>(family));
    CHECK(std::count(h.host.glyphs_drawn.begin(), h.host.glyphs_drawn.end(),
                     core::to_utf8(own)) == 2); // at both sizes
    const auto& l = layout(h);
    CHECK(l.width_of(2) == Approx(h.app.fonts().article()->FindGlyphNoFallback(moved)->AdvanceX));
}
