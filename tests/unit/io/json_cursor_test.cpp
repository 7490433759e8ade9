// The fast JSON paths: JsonCursor accepts exactly well-formed JSON (anything else makes the
// caller fall back to the full parser), append_json_string writes what nlohmann_json writes,
// and a JSONL line reads the same whether the fast path or the full parser takes it.
#include "io/gloss_jsonl.hpp"
#include "io/json_cursor.hpp"
#include "io/json_value.hpp"

#include <catch2/catch.hpp>

using namespace gloss;

namespace {

// Skips one value and requires nothing after it: what a caller does with a whole line.
bool accepts(std::string_view text) {
    io::JsonCursor c(text);
    return c.skip_value() && !c.failed() && c.at_end();
}

std::string unescape(std::string_view json_string) {
    io::JsonCursor c(json_string);
    std::string out;
    REQUIRE(c.read_string(out));
    return out;
}

} // namespace

TEST_CASE("JsonCursor accepts well-formed JSON and nothing else", "[io][json]") {
    for (const char* good : {"{}", "[]", "{\"a\":[1,2.5,-3e2,true,false,null,\"x\"]}",
                             " { \"a\" : { \"b\" : [ ] } } ", "0", "\"\\u00e9\""})
        CHECK(accepts(good));
    for (const char* bad :
         {"{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1 2]", "{,\"a\":1}", "01",
          "1.", "1e", "-", "tru", "\"abc", "\"a\tb\"", "\"\\x\"", "{\"a\":1}}", "[1]x", "{1:2}"})
        CHECK_FALSE(accepts(bad));
}

TEST_CASE("JsonCursor unescapes strings, joining surrogate pairs", "[io][json]") {
    CHECK(unescape(R"("a\"b\\c\/d\n\t\r\b\f")") == "a\"b\\c/d\n\t\r\b\f");
    CHECK(unescape(R"("caf\u00e9 \u201cq\u201d")") == "café “q”");
    CHECK(unescape(R"("\ud83d\udea2 ship")") == "🚢 ship");
    for (const char* lone : {R"("\ud83d")", R"("\udea2")", R"("\ud83d\u0041")", R"("\u12g4")"}) {
        io::JsonCursor c(lone);
        std::string out;
        CHECK_FALSE(c.read_string(out));
    }
}

TEST_CASE("JsonCursor reads only plain non-negative integers as offsets", "[io][json]") {
    for (const char* bad : {"-1", "1.0", "2e3", "x", "18446744073709551616"}) {
        io::JsonCursor c(bad);
        std::uint64_t v = 0;
        CHECK_FALSE(c.read_uint(v));
    }
    io::JsonCursor c("18446744073709551615");
    std::uint64_t v = 0;
    REQUIRE(c.read_uint(v));
    CHECK(v == 18446744073709551615ull);
}

TEST_CASE("append_json_string writes what nlohmann_json's dump writes", "[io][json]") {
    for (std::string text :
         {std::string("plain"), std::string("quote \" and \\ slash /"),
          std::string("tab\tnew\nline\rcr\bbs\ffeed"), std::string("ctl \x01\x1f del \x7f", 12),
          std::string("nul \0 in", 8), std::string("Léa “curly” — 🚢 👩‍💻")}) {
        std::string ours;
        io::append_json_string(ours, text);
        INFO(text);
        CHECK(ours == io::Json(text).dump());
    }
    std::string bad;
    io::append_json_string(bad, "a\xff"
                                "b\xc3");
    CHECK(bad == "\"a\xEF\xBF\xBD"
                 "b\xEF\xBF\xBD\"");
}

TEST_CASE("a JSONL line reads the same on the fast path and the full parser", "[io][json]") {
    // The first line has the usual shape (fast path); the second differs only by a numeric
    // attribute and a numeric meta value, which only the full parser reads.
    const std::string fast =
        R"({"id":"d1","text":"L\u00e9a said \"hi\" 🚢 in Rafah","meta":{"title":"T"},)"
        R"("tokens":[{"start":0,"end":3}],"spans":[{"id":4,"start":0,"end":3,"text":"Léa",)"
        R"("label":"PERSON","attrs":{"canonical":"Léa"},"status":"pending","origin":"suggested",)"
        R"("annotator":"ann"},{"start":19,"end":24,"label":"GPE","text":null}],)"
        R"("relations":[{"id":1,"type":"speaker","from":4,"to":4}],"extra":{"x":[1,{}]}})";
    std::string slow = fast;
    for (auto [from, to] : {std::pair<std::string_view, std::string_view>{
                                R"("canonical":"Léa")", R"("canonical":"Léa","n":7)"},
                            {R"("title":"T")", R"("title":"T","pages":3)"}})
        slow.replace(slow.find(from), from.size(), to);
    core::Diagnostics d1, d2;
    auto a = io::read_gloss_jsonl_line(fast, 1, {}, d1);
    auto b = io::read_gloss_jsonl_line(slow, 1, {}, d2);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(d1.empty());
    CHECK(d2.empty());
    CHECK(a->text().utf8() == "Léa said \"hi\" 🚢 in Rafah");
    CHECK(a->meta.title == "T");
    REQUIRE(a->spans().size() == 2);
    const core::Span* lea = a->spans().find(4);
    REQUIRE(lea);
    CHECK(lea->status == core::Status::Pending);
    CHECK(lea->origin == core::Origin::Suggested);
    CHECK(lea->annotator == "ann");
    CHECK(*lea->attrs.get("canonical") == "Léa");
    CHECK(b->spans().find(4)->attrs.get("n") != nullptr);
    // Apart from what only the second line holds, both read the same.
    std::string wb = io::write_gloss_jsonl_line(*b);
    for (std::string_view extra : {",\"n\":\"7\"", ",\"pages\":\"3\""}) {
        REQUIRE(wb.find(extra) != std::string::npos);
        wb.erase(wb.find(extra), extra.size());
    }
    CHECK(io::write_gloss_jsonl_line(*a) == wb);
}

TEST_CASE("a fast-path line with a bad span is reported like the full parser reports it",
          "[io][json]") {
    const std::string line = R"({"text":"abc","spans":[{"start":1,"end":9,"label":"X"},)"
                             R"({"start":0,"end":2,"text":"zz","label":"X"}]})";
    core::Diagnostics diagnostics;
    CHECK_FALSE(io::read_gloss_jsonl_line(line, 3, {}, diagnostics));
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0].code == core::DiagnosticCode::EndPastText);
    CHECK(diagnostics[1].code == core::DiagnosticCode::SpanTextMismatch);
    CHECK(diagnostics[0].place.line == 3);
}
