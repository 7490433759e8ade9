// The instructions' markdown subset (see markdown.hpp). Layer: app.
#include "app/markdown.hpp"

#include <cctype>

namespace gloss::app {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// "12. text" -> 12 and the text; 0 when the line is not a numbered item.
int numbered_item(std::string_view line, std::string_view& rest) {
    std::size_t i = 0;
    int number = 0;
    while (i < line.size() && i < 4 && std::isdigit(static_cast<unsigned char>(line[i])))
        number = number * 10 + (line[i++] - '0');
    if (i == 0 || i + 1 >= line.size() || line[i] != '.' || line[i + 1] != ' ') return 0;
    rest = trim(line.substr(i + 2));
    return number;
}

void append_run(std::vector<MarkdownRun>& runs, std::string text, bool strong, bool code) {
    if (text.empty()) return;
    if (!runs.empty() && runs.back().strong == strong && runs.back().code == code) {
        runs.back().text += text;
        return;
    }
    runs.push_back({std::move(text), strong, code});
}

} // namespace

std::vector<MarkdownRun> parse_inline(std::string_view text) {
    std::vector<MarkdownRun> runs;
    std::string current;
    bool strong = false;
    bool emphasis = false; // inside *emphasis*, shown as plain text (one font)
    auto flush = [&] {
        append_run(runs, std::move(current), strong, false);
        current.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        char c = text[i];
        if (c == '\\' && i + 1 < text.size() &&
            std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
            current += text[i + 1];
            i += 2;
        } else if ((c == '*' || c == '_') && i + 1 < text.size() && text[i + 1] == c &&
                   (strong || text.find(std::string(2, c), i + 2) != std::string_view::npos)) {
            flush();
            strong = !strong;
            i += 2;
        } else if (c == '`') {
            std::size_t close = text.find('`', i + 1);
            if (close == std::string_view::npos) {
                current += c;
                ++i;
                continue;
            }
            flush();
            append_run(runs, std::string(text.substr(i + 1, close - i - 1)), strong, true);
            i = close + 1;
        } else if (c == '[') {
            std::size_t mid = text.find("](", i + 1);
            std::size_t close = mid == std::string_view::npos ? mid : text.find(')', mid + 2);
            if (close == std::string_view::npos) {
                current += c;
                ++i;
                continue;
            }
            current += text.substr(i + 1, mid - i - 1);
            current += " (";
            current += text.substr(mid + 2, close - mid - 2);
            current += ")";
            i = close + 1;
        } else if (c == '*' && emphasis) {
            emphasis = false;
            ++i;
        } else if (c == '*' && i + 1 < text.size() && text[i + 1] != ' ' &&
                   text.find('*', i + 1) != std::string_view::npos) {
            emphasis = true;
            ++i;
        } else {
            current += c;
            ++i;
        }
    }
    flush();
    return runs;
}

std::vector<MarkdownBlock> parse_markdown(std::string_view text) {
    std::vector<MarkdownBlock> blocks;
    bool in_code = false;
    bool paragraph_open = false;
    auto start = [&](MarkdownBlock::Kind kind, int level, std::string_view body) {
        blocks.push_back({kind, level, std::string(body), {}});
        paragraph_open = kind == MarkdownBlock::Kind::Paragraph ||
                         kind == MarkdownBlock::Kind::Bullet ||
                         kind == MarkdownBlock::Kind::Numbered;
    };
    while (!text.empty()) {
        std::size_t end = text.find('\n');
        std::string_view raw = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        std::string_view line = trim(raw);
        if (starts_with(line, "```")) {
            in_code = !in_code;
            if (in_code) start(MarkdownBlock::Kind::Code, 0, "");
            paragraph_open = false;
            continue;
        }
        if (in_code) {
            std::string& body = blocks.back().text;
            if (!body.empty()) body += '\n';
            body += raw;
            continue;
        }
        if (line.empty()) {
            paragraph_open = false;
            continue;
        }
        std::string_view rest;
        if (starts_with(line, "# ") || starts_with(line, "## ") || starts_with(line, "### ")) {
            std::size_t hashes = line.find(' ');
            start(MarkdownBlock::Kind::Heading, static_cast<int>(hashes),
                  trim(line.substr(hashes)));
            paragraph_open = false;
        } else if (starts_with(line, "- ") || starts_with(line, "* ") || starts_with(line, "+ ")) {
            start(MarkdownBlock::Kind::Bullet, 0, trim(line.substr(2)));
        } else if (int number = numbered_item(line, rest); number > 0) {
            start(MarkdownBlock::Kind::Numbered, number, rest);
        } else if (paragraph_open) {
            blocks.back().text += ' ';
            blocks.back().text += line;
        } else {
            start(MarkdownBlock::Kind::Paragraph, 0, line);
        }
    }
    for (MarkdownBlock& block : blocks) {
        if (block.kind == MarkdownBlock::Kind::Code) {
            block.runs = {{block.text, false, true}};
            continue;
        }
        block.runs = parse_inline(block.text);
        std::string plain;
        for (const MarkdownRun& run : block.runs)
            plain += run.text;
        block.text = std::move(plain);
    }
    return blocks;
}

} // namespace gloss::app
