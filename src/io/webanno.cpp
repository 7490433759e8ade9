// WebAnno TSV 3.3 reader and writer. Layer: io.
//
// Index:
// [SECTION] Escaping
// [SECTION] Writing
// [SECTION] Reading
#include "io/webanno.hpp"

#include "core/text/tokenizer.hpp"
#include "core/text/utf8.hpp"
#include "io/record_reader.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace gloss::io {

using core::DiagnosticCode;

// [SECTION] Escaping

std::string webanno_escape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        switch (c) {
        case '\\':
        case '[':
        case ']':
        case '|':
        case '_':
        case ';':
        case '*':
            out += '\\';
            out += c;
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '-':
            if (i + 1 < text.size() && text[i + 1] == '>') out += '\\';
            out += c;
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string webanno_unescape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\\' || i + 1 == text.size()) {
            out += text[i];
            continue;
        }
        char n = text[++i];
        if (n == 't')
            out += '\t';
        else if (n == 'n')
            out += '\n';
        else if (n == '\\' || n == '[' || n == ']' || n == '|' || n == '_' || n == ';' ||
                 n == '*' || n == '-')
            out += n;
        else {
            out += '\\';
            out += n;
        }
    }
    return out;
}

// [SECTION] Writing

namespace {

constexpr std::string_view kHeader = "#FORMAT=WebAnno TSV 3.3\n";

struct Layer {
    std::string header; // "#T_SP=...|value"
    // Per token: the spans on it, in (start, end, id) order.
    std::vector<std::vector<const core::Span*>> on;
    std::set<core::SpanId> with_id; // spans written with "[n]"
    bool used = false;
};

void write_document(const core::Document& doc, const core::LabelSchema* schema, WebannoExport& out,
                    std::size_t& rejected, std::size_t& attrs) {
    std::u32string decoded = core::to_utf32(doc.text().utf8());
    std::vector<core::Token> tokens = doc.tokens_or_tokenize(decoded);
    std::vector<core::Sentence> sentences = core::split_sentences(decoded, tokens);
    std::unordered_map<std::uint32_t, std::size_t> by_start, by_end;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        by_start[tokens[i].start] = i;
        by_end[tokens[i].end] = i;
    }
    Layer layers[2];
    layers[0].header = "#T_SP=" + std::string(kWebannoNamedEntity) + "|value\n";
    layers[1].header = "#T_SP=" + std::string(kWebannoCustom) + "|label\n";
    for (Layer& l : layers)
        l.on.resize(tokens.size());
    for (const core::Span& s : spans_of(doc)) {
        if (s.status == core::Status::Rejected) {
            ++rejected;
            continue;
        }
        auto a = by_start.find(s.start), b = by_end.find(s.end);
        if (a == by_start.end() || b == by_end.end() || b->second < a->second) {
            core::Place p;
            p.source = doc.id;
            p.offset = s.start;
            out.diagnostics.push_back(core::make_diagnostic(
                DiagnosticCode::SpanNotAligned,
                {std::to_string(s.id), s.label, std::to_string(s.start), std::to_string(s.end)},
                p));
            continue;
        }
        if (!s.attrs.empty()) ++attrs;
        Layer& layer = layers[kind_of(schema, s.label) == core::LabelKind::Entity ? 0 : 1];
        layer.used = true;
        const core::Span* span = doc.spans().find(s.id);
        if (a->second != b->second) layer.with_id.insert(s.id);
        for (std::size_t t = a->second; t <= b->second; ++t) {
            layer.on[t].push_back(span);
            if (layer.on[t].size() > 1)
                for (const core::Span* x : layer.on[t])
                    layer.with_id.insert(x->id);
        }
    }
    if (!layers[0].used && !layers[1].used) layers[0].used = true;
    std::string tsv(kHeader);
    for (const Layer& l : layers)
        if (l.used) tsv += l.header;
    tsv += "\n";
    const core::OffsetIndex& index = doc.text().index();
    for (std::size_t si = 0; si < sentences.size(); ++si) {
        const core::Sentence& sentence = sentences[si];
        tsv += "\n";
        std::string_view text = doc.text().slice(sentence.start, sentence.end);
        std::size_t pos = 0;
        while (true) {
            std::size_t nl = text.find('\n', pos);
            tsv += "#Text=" + webanno_escape(text.substr(pos, nl - pos)) + "\n";
            if (nl == std::string_view::npos) break;
            pos = nl + 1;
        }
        for (std::uint32_t k = 0; k < sentence.token_count; ++k) {
            std::size_t t = sentence.first_token + k;
            const core::Token& token = tokens[t];
            tsv += std::to_string(si + 1) + "-" + std::to_string(k + 1) + "\t" +
                   std::to_string(index.utf16_offset(token.start)) + "-" +
                   std::to_string(index.utf16_offset(token.end)) + "\t" +
                   webanno_escape(doc.text().slice(token.start, token.end)) + "\t";
            for (const Layer& l : layers) {
                if (!l.used) continue;
                std::string cell;
                for (const core::Span* s : l.on[t]) {
                    if (!cell.empty()) cell += '|';
                    cell += webanno_escape(s->label);
                    if (l.with_id.count(s->id)) cell += "[" + std::to_string(s->id) + "]";
                }
                tsv += (cell.empty() ? "_" : cell) + "\t";
            }
            tsv += "\n";
        }
    }
    out.files.push_back({file_safe(doc.id) + ".tsv", std::move(tsv)});
}

} // namespace

WebannoExport write_webanno(const std::vector<core::Document>& documents,
                            const core::LabelSchema* schema) {
    WebannoExport out;
    std::size_t rejected = 0, attrs = 0, relations = 0;
    for (const core::Document& doc : documents) {
        write_document(doc, schema, out, rejected, attrs);
        relations += doc.relations().size();
    }
    auto note = [&](std::size_t count, const char* what) {
        if (count)
            out.diagnostics.push_back(core::make_diagnostic(
                DiagnosticCode::NotExported, {"webanno", what, std::to_string(count)}));
    };
    note(rejected, "rejected spans");
    note(attrs, "span attributes");
    note(relations, "relations");
    return out;
}

// [SECTION] Reading

namespace {

struct LayerDef {
    std::string name;
    char kind = 'S'; // S: span, R: relation, C: chain
    std::vector<std::string> features;
};

// Splits a cell at "|" that is not escaped.
std::vector<std::string_view> split_stack(std::string_view cell) {
    std::vector<std::string_view> out;
    std::size_t from = 0;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '\\') {
            ++i;
            continue;
        }
        if (cell[i] == '|') {
            out.push_back(cell.substr(from, i - from));
            from = i + 1;
        }
    }
    out.push_back(cell.substr(from));
    return out;
}

// "PER[3]" -> ("PER", 3); a value without an unescaped "[n]" at its end has id 0.
std::pair<std::string_view, std::uint64_t> split_id(std::string_view item) {
    std::size_t open = std::string_view::npos;
    for (std::size_t i = 0; i < item.size(); ++i) {
        if (item[i] == '\\') {
            ++i;
            continue;
        }
        if (item[i] == '[') open = i;
    }
    if (open == std::string_view::npos || item.back() != ']' || open + 2 >= item.size() ||
        open + 18 < item.size())
        return {item, 0};
    std::uint64_t n = 0;
    for (char c : item.substr(open + 1, item.size() - open - 2)) {
        if (c < '0' || c > '9') return {item, 0};
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return {item.substr(0, open), n};
}

struct Annotation {
    std::size_t layer = 0;
    std::uint64_t id = 0;
    std::uint64_t begin = 0, end = 0; // UTF-16
    std::vector<std::string> values;  // per feature
    std::uint64_t line = 0;
};

struct Sentence {
    std::string text;
    std::uint64_t line = 0;
    std::optional<std::uint64_t> begin; // UTF-16, of its first token
};

struct TokenLine {
    std::uint64_t begin = 0, end = 0;
    std::string text;
    std::uint64_t line = 0;
    bool sub = false;
};

bool parse_uint(std::string_view s, std::uint64_t& out) {
    if (s.empty() || s.size() > 15) return false;
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
}

std::string short_name(const std::string& layer) {
    std::size_t dot = layer.rfind('.');
    return dot == std::string::npos ? layer : layer.substr(dot + 1);
}

} // namespace

ImportResult read_webanno(std::string_view bytes, const std::string& source,
                          const core::LabelSchema* schema) {
    ImportResult result;
    auto at = [&](std::uint64_t line) {
        core::Place p;
        p.source = source;
        p.line = line;
        return p;
    };
    auto bad = [&](std::uint64_t line, std::string why) {
        result.diagnostics.push_back(core::make_diagnostic(
            DiagnosticCode::MalformedLine, {"WebAnno TSV", std::move(why)}, at(line)));
    };
    std::vector<LayerDef> layers;
    std::vector<Sentence> sentences;
    std::vector<TokenLine> tokens;
    std::vector<Annotation> annotations;
    std::map<std::pair<std::size_t, std::uint64_t>, std::size_t> by_id;
    std::size_t ignored_values = 0;
    bool format_seen = false, in_sentence = false;
    for (const Line& line : split_lines(bytes)) {
        std::string_view text = line.text;
        if (is_blank(text)) {
            in_sentence = false;
            continue;
        }
        if (text.substr(0, 8) == "#FORMAT=") {
            if (text.substr(8, 13) != "WebAnno TSV 3")
                bad(line.number, "\"" + std::string(text) + "\" is not WebAnno TSV 3.x");
            format_seen = true;
            continue;
        }
        if (text.substr(0, 6) == "#T_SP=" || text.substr(0, 6) == "#T_RL=" ||
            text.substr(0, 6) == "#T_CH=") {
            LayerDef def;
            def.kind = text[3];
            auto parts = split_stack(text.substr(6));
            def.name = std::string(parts[0]);
            for (std::size_t i = 1; i < parts.size(); ++i)
                def.features.emplace_back(parts[i]);
            layers.push_back(std::move(def));
            continue;
        }
        if (text.substr(0, 6) == "#Text=") {
            if (!in_sentence || sentences.empty() || sentences.back().begin) {
                sentences.push_back({"", line.number, std::nullopt});
                sentences.back().text = webanno_unescape(text.substr(6));
            } else {
                sentences.back().text += "\n" + webanno_unescape(text.substr(6));
            }
            in_sentence = true;
            continue;
        }
        if (text[0] == '#') continue;
        if (!format_seen) {
            bad(line.number, "a token line before the #FORMAT=WebAnno TSV 3.3 header");
            break;
        }
        std::vector<std::string_view> fields;
        std::size_t from = 0;
        for (std::size_t i = 0; i <= text.size(); ++i)
            if (i == text.size() || text[i] == '\t') {
                fields.push_back(text.substr(from, i - from));
                from = i + 1;
            }
        std::size_t expected = 3;
        for (const LayerDef& l : layers)
            expected += std::max<std::size_t>(l.features.size(), 1);
        if (fields.size() == expected + 1 && fields.back().empty()) fields.pop_back();
        if (fields.size() != expected) {
            bad(line.number, std::to_string(fields.size()) + " columns where the header declares " +
                                 std::to_string(expected));
            continue;
        }
        TokenLine token;
        token.line = line.number;
        std::size_t dash = fields[1].find('-');
        if (dash == std::string_view::npos || !parse_uint(fields[1].substr(0, dash), token.begin) ||
            !parse_uint(fields[1].substr(dash + 1), token.end) || token.end <= token.begin) {
            bad(line.number, "offsets \"" + std::string(fields[1]) + "\" are not BEGIN-END");
            continue;
        }
        if (sentences.empty() || !in_sentence) {
            bad(line.number, "a token line outside a sentence (no #Text= line before it)");
            continue;
        }
        token.sub = fields[0].find('.') != std::string_view::npos;
        token.text = webanno_unescape(fields[2]);
        if (!sentences.back().begin) sentences.back().begin = token.begin;
        std::size_t column = 3;
        for (std::size_t li = 0; li < layers.size(); ++li) {
            const LayerDef& layer = layers[li];
            std::size_t width = std::max<std::size_t>(layer.features.size(), 1);
            if (layer.kind != 'S') {
                for (std::size_t c = 0; c < width; ++c)
                    if (fields[column + c] != "_") ++ignored_values;
                column += width;
                continue;
            }
            // Annotation i of this token is item i of every feature column.
            std::vector<std::size_t> here;
            for (std::size_t f = 0; f < width; ++f) {
                std::string_view cell = fields[column + f];
                if (cell == "_") continue;
                auto items = split_stack(cell);
                for (std::size_t i = 0; i < items.size(); ++i) {
                    auto [value, id] = split_id(items[i]);
                    if (i >= here.size()) {
                        std::size_t index = annotations.size();
                        if (id) {
                            auto found = by_id.find({li, id});
                            if (found != by_id.end()) index = found->second;
                        }
                        if (index == annotations.size()) {
                            Annotation a;
                            a.layer = li;
                            a.id = id;
                            a.begin = token.begin;
                            a.end = token.end;
                            a.values.resize(width);
                            a.line = line.number;
                            if (id) by_id[{li, id}] = index;
                            annotations.push_back(std::move(a));
                        }
                        here.push_back(index);
                    }
                    Annotation& a = annotations[here[i]];
                    a.begin = std::min(a.begin, token.begin);
                    a.end = std::max(a.end, token.end);
                    if (value != "*" && value != "_" && a.values[f].empty())
                        a.values[f] = webanno_unescape(value);
                }
            }
            column += width;
        }
        tokens.push_back(std::move(token));
    }
    if (!format_seen && result.diagnostics.empty()) bad(1, "no #FORMAT=WebAnno TSV 3.3 header");

    // The text: each sentence at its first token's offset.
    std::string utf8;
    std::uint64_t length = 0; // UTF-16
    for (const Sentence& s : sentences) {
        if (!s.begin) continue;
        if (*s.begin < length) {
            bad(s.line, "the sentence starts at " + std::to_string(*s.begin) +
                            ", before the previous one ends at " + std::to_string(length));
            continue;
        }
        if (*s.begin > length) {
            utf8 += length == 0 ? ' ' : '\n';
            utf8.append(*s.begin - length - 1, ' ');
        }
        utf8 += s.text;
        length = *s.begin + core::OffsetIndex(s.text).utf16_length();
    }
    if (core::find_invalid_utf8(utf8) != std::string::npos) {
        result.diagnostics.push_back(core::make_diagnostic(
            DiagnosticCode::InvalidUtf8, {std::to_string(core::find_invalid_utf8(utf8))}, at(1)));
        utf8.clear();
    }
    core::Document doc(stem_of(source.empty() ? "webanno" : source), core::Text(utf8));
    const core::Text& text = doc.text();
    auto cp = [&](std::uint64_t u16) { return text.index().from_utf16(u16); };
    std::vector<core::Token> doc_tokens;
    for (const TokenLine& t : tokens) {
        FieldReader r(at(t.line), result.diagnostics);
        auto b = cp(t.begin), e = cp(t.end);
        if (!b || !e) {
            r.report(DiagnosticCode::EndPastTextIn,
                     {std::to_string(t.end), std::to_string(text.index().utf16_length()) +
                                                 " UTF-16 units of the #Text lines"});
            continue;
        }
        core::Span span;
        span.start = static_cast<std::uint32_t>(*b);
        span.end = static_cast<std::uint32_t>(*e);
        if (!r.check_text(text, span, t.text)) continue;
        if (!t.sub) doc_tokens.push_back({span.start, span.end, core::TokenKind::Word});
    }
    std::vector<core::Span> spans;
    std::set<std::uint64_t> ids;
    for (const Annotation& a : annotations) {
        const LayerDef& layer = layers[a.layer];
        auto b = cp(a.begin), e = cp(a.end);
        if (!b || !e) continue; // its tokens were reported
        core::Span s;
        s.start = static_cast<std::uint32_t>(*b);
        s.end = static_cast<std::uint32_t>(*e);
        s.origin = core::Origin::Imported;
        std::size_t label_feature = 0;
        for (std::size_t f = 0; f < layer.features.size(); ++f)
            if (layer.features[f] == "value" || layer.features[f] == "label") label_feature = f;
        for (std::size_t f = 0; f < a.values.size(); ++f) {
            if (f == label_feature)
                s.label = a.values[f];
            else if (!a.values[f].empty() && f < layer.features.size())
                s.attrs.set(layer.features[f], a.values[f]);
        }
        if (s.label.empty()) s.label = short_name(layer.name);
        FieldReader r(at(a.line), result.diagnostics);
        if (!r.check_label(schema, s.label, s.start)) continue;
        if (a.id && ids.insert(a.id).second) s.id = a.id;
        spans.push_back(std::move(s));
    }
    if (ignored_values)
        result.diagnostics.push_back(core::make_diagnostic(
            DiagnosticCode::Ignored,
            {"relation and chain columns",
             std::to_string(ignored_values) + " values (Gloss reads span layers)"},
            at(1)));
    if (!result.ok()) {
        result.skipped_records = 1;
        return result;
    }
    if (!doc.set_tokens(doc_tokens)) bad(1, "tokens overlap or are out of order");
    core::Place place;
    place.source = source;
    FieldReader r(place, result.diagnostics);
    r.load(doc, std::move(spans), {});
    if (!result.ok()) {
        result.skipped_records = 1;
        return result;
    }
    result.documents.push_back(std::move(doc));
    return result;
}

} // namespace gloss::io
