// Tokenizer and sentence splitter over the real (machine-translated) articles in GLOSS_SEEDS:
// structural invariants on every file, and known glued words kept whole.
#include "core/text/grapheme.hpp"
#include "core/text/tokenizer.hpp"
#include "core/text/unicode.hpp"
#include "core/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace gloss::core;

namespace {

struct Article {
    std::string name;
    std::u32string text;
};

std::vector<Article> load_articles() {
    std::vector<std::filesystem::path> paths;
    if (const char* folder = std::getenv("GLOSS_SEEDS")) {
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
            if (entry.path().extension() == ".txt") paths.push_back(entry.path());
        }
    }
    std::sort(paths.begin(), paths.end());
    std::vector<Article> articles;
    for (const auto& path : paths) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream bytes;
        bytes << in.rdbuf();
        Utf8Result utf8 = validate_utf8(bytes.str(), Utf8Policy::Repair);
        articles.push_back({path.filename().string(), to_utf32(utf8.text)});
    }
    return articles;
}

std::string slice(const std::u32string& text, std::uint32_t start, std::uint32_t end) {
    return to_utf8(std::u32string_view(text).substr(start, end - start));
}

} // namespace

TEST_CASE("seed articles: tokens are ordered, whole clusters and free of white space",
          "[seeds][tokenizer]") {
    std::vector<Article> articles = load_articles();
    REQUIRE_FALSE(articles.empty());
    for (const Article& article : articles) {
        CAPTURE(article.name);
        std::vector<Token> tokens = tokenize(article.text);
        CHECK(tokens.size() > 100);
        std::string problem;
        std::uint32_t previous_end = 0;
        for (std::size_t k = 0; k < tokens.size() && problem.empty(); ++k) {
            const Token& t = tokens[k];
            std::string where = "token " + std::to_string(k) + " [" + std::to_string(t.start) +
                                ", " + std::to_string(t.end) + ")";
            if (t.start >= t.end || t.end > article.text.size()) {
                problem = where + " is empty or past the end";
            } else if (t.start < previous_end) {
                problem = where + " overlaps or precedes the previous token";
            } else if (!is_grapheme_boundary(article.text, t.start) ||
                       !is_grapheme_boundary(article.text, t.end)) {
                problem =
                    where + " cuts a grapheme cluster: " + slice(article.text, t.start, t.end);
            } else if (std::any_of(article.text.begin() + t.start, article.text.begin() + t.end,
                                   [](char32_t c) { return is_space(c); })) {
                problem = where + " holds white space: " + slice(article.text, t.start, t.end);
            }
            previous_end = t.end;
        }
        INFO(problem);
        CHECK(problem.empty());
    }
}

TEST_CASE("seed articles: every token lies in exactly one sentence", "[seeds][tokenizer]") {
    for (const Article& article : load_articles()) {
        CAPTURE(article.name);
        std::vector<Token> tokens = tokenize(article.text);
        std::vector<Sentence> sentences = split_sentences(article.text, tokens);
        CHECK(sentences.size() > 5);
        std::string problem;
        std::uint32_t next_token = 0;
        for (std::size_t k = 0; k < sentences.size() && problem.empty(); ++k) {
            const Sentence& s = sentences[k];
            std::string where = "sentence " + std::to_string(k);
            if (s.first_token != next_token || s.token_count == 0 ||
                s.first_token + s.token_count > tokens.size()) {
                problem = where + " does not continue the previous one";
            } else if (s.start != tokens[s.first_token].start ||
                       s.end != tokens[s.first_token + s.token_count - 1].end) {
                problem = where + " does not span its tokens";
            }
            next_token = s.first_token + s.token_count;
        }
        if (problem.empty() && next_token != tokens.size()) problem = "tokens left after the end";
        INFO(problem);
        CHECK(problem.empty());
    }
}

TEST_CASE("seed articles: glued machine-translation words stay one token", "[seeds][tokenizer]") {
    int checked = 0;
    for (const Article& article : load_articles()) {
        if (article.name.rfind("000_", 0) != 0) continue;
        ++checked;
        CAPTURE(article.name);
        std::u32string_view glued = U"civiliansFree";
        std::size_t at = article.text.find(glued);
        REQUIRE(at != std::u32string::npos);
        std::vector<Token> tokens = tokenize(article.text);
        CHECK(std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) {
            return t.start == at && t.end == at + glued.size() && t.kind == TokenKind::Word;
        }));
    }
    CHECK(checked == 1);
}
