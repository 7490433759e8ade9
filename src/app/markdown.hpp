// A small markdown subset for a campaign's instructions: headings (#, ##, ###), paragraphs,
// bullet (- or *) and numbered (1.) items, fenced code blocks, and inline **bold**, *emphasis*,
// `code` and [links](url). Layer: app (pure; the instructions panel draws the blocks).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gloss::app {

struct MarkdownRun {
    std::string text;
    bool strong = false; // **bold** or __bold__
    bool code = false;   // `code`
};

struct MarkdownBlock {
    enum class Kind { Heading, Paragraph, Bullet, Numbered, Code };
    Kind kind = Kind::Paragraph;
    int level = 0;    // heading level 1-3; the number of a numbered item
    std::string text; // the block's text, inline markers removed (links as "text (url)")
    std::vector<MarkdownRun> runs; // the same text in runs of one style
};

// Lines joined into blocks; text that is not markdown comes out as paragraphs unchanged.
std::vector<MarkdownBlock> parse_markdown(std::string_view text);

// Inline markup of one block's text as styled runs.
std::vector<MarkdownRun> parse_inline(std::string_view text);

} // namespace gloss::app
