// CoNLL / IOB reader and writer. Layer: io.
//
// Index:
// [SECTION] Tag schemes
// [SECTION] Layers
// [SECTION] Writing
// [SECTION] Reading
#include "io/conll.hpp"

#include "core/text/tokenizer.hpp"
#include "core/text/utf8.hpp"
#include "io/record_reader.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <iterator>
#include <map>
#include <unordered_map>

namespace gloss::io {

using core::DiagnosticCode;

// [SECTION] Tag schemes

std::optional<TagScheme> parse_tag_scheme(std::string_view name) {
    if (name == "iob2" || name == "bio") return TagScheme::Iob2;
    if (name == "iob1" || name == "iob") return TagScheme::Iob1;
    if (name == "bioes" || name == "iobes") return TagScheme::Bioes;
    return std::nullopt;
}

// [SECTION] Layers

std::optional<std::vector<core::LabelKind>> parse_conll_layers(std::string_view list,
                                                               std::string& error) {
    std::vector<core::LabelKind> layers;
    std::size_t pos = 0;
    while (true) {
        std::size_t comma = list.find(',', pos);
        std::string_view name =
            list.substr(pos, comma == std::string_view::npos ? list.npos : comma - pos);
        std::optional<core::LabelKind> kind;
        for (core::LabelKind k :
             {core::LabelKind::Entity, core::LabelKind::Quote, core::LabelKind::Error})
            if (name == core::to_string(k)) kind = k;
        if (!kind) {
            error = name.empty() ? "empty layer name in \"" + std::string(list) + "\""
                                 : "unknown layer \"" + std::string(name) + "\"";
            error += " (layers: entity, quote, error)";
            return std::nullopt;
        }
        if (std::find(layers.begin(), layers.end(), *kind) != layers.end()) {
            error = "layer \"" + std::string(name) + "\" is given twice";
            return std::nullopt;
        }
        layers.push_back(*kind);
        if (comma == std::string_view::npos) break;
        pos = comma + 1;
    }
    return layers;
}

// [SECTION] Writing

namespace {

struct Placed {
    const core::Span* span;
    std::uint32_t first, last; // token indices, inclusive
};

void not_written(core::Diagnostics& diagnostics, const core::Document& doc, const core::Span& s,
                 std::string why) {
    core::Place p;
    p.source = doc.id;
    p.offset = s.start;
    diagnostics.push_back(
        core::make_diagnostic(DiagnosticCode::SpanNotWritten,
                              {std::to_string(s.id), s.label, std::to_string(s.start),
                               std::to_string(s.end), std::move(why)},
                              p));
}

std::string_view layer_name(core::LabelKind kind) {
    switch (kind) {
    case core::LabelKind::Entity:
        return "entity";
    case core::LabelKind::Quote:
        return "quote";
    case core::LabelKind::Error:
        return "error";
    }
    return "entity";
}

// Which layers are written, and in which column (index after the token).
struct Columns {
    std::vector<core::LabelKind> layers;
    std::array<std::optional<std::size_t>, 3> of_kind; // by LabelKind

    explicit Columns(const ConllWriteOptions& options)
        : layers(options.strict ? std::vector<core::LabelKind>{core::LabelKind::Entity}
                                : options.layers) {
        assert(!layers.empty() && "ConllWriteOptions::layers must name at least one layer");
        for (std::size_t c = 0; c < layers.size(); ++c)
            of_kind[static_cast<std::size_t>(layers[c])] = c;
    }
};

// Spans of each kind whose layer has no column (not written, counted).
using LeftOut = std::array<std::size_t, 3>;

void write_document(const core::Document& doc, const ConllWriteOptions& options,
                    const Columns& layout, core::Diagnostics& diagnostics, std::size_t& rejected,
                    LeftOut& left_out, std::string& out) {
    std::u32string text = core::to_utf32(doc.text().utf8());
    std::vector<core::Token> tokens = doc.tokens_or_tokenize(text);
    std::vector<core::Sentence> sentences = core::split_sentences(text, tokens);
    std::unordered_map<std::uint32_t, std::uint32_t> by_start, by_end;
    for (std::uint32_t i = 0; i < tokens.size(); ++i) {
        by_start[tokens[i].start] = i;
        by_end[tokens[i].end] = i;
    }
    const std::size_t columns = layout.layers.size();
    // tags[column][token]
    std::vector<std::vector<std::string>> tags(columns,
                                               std::vector<std::string>(tokens.size(), "O"));
    std::vector<std::vector<Placed>> layers(columns);
    std::vector<std::vector<const core::Span*>> owner(
        columns, std::vector<const core::Span*>(tokens.size()));
    // Longer spans first at the same start, so a nested span is the one reported.
    std::vector<const core::Span*> spans = doc.spans().all();
    std::stable_sort(spans.begin(), spans.end(), [](const core::Span* a, const core::Span* b) {
        return a->start != b->start ? a->start < b->start : a->end > b->end;
    });
    for (const core::Span* s : spans) {
        if (s->status == core::Status::Rejected) {
            ++rejected;
            continue;
        }
        core::LabelKind kind = kind_of(options.schema, s->label);
        if (options.strict && kind != core::LabelKind::Entity) {
            not_written(diagnostics, doc, *s,
                        "strict mode has one entity column, and the span is in the " +
                            std::string(layer_name(kind)) + " layer");
            continue;
        }
        std::optional<std::size_t> in_column = layout.of_kind[static_cast<std::size_t>(kind)];
        if (!in_column) {
            ++left_out[static_cast<std::size_t>(kind)];
            continue;
        }
        auto a = by_start.find(s->start), b = by_end.find(s->end);
        if (a == by_start.end() || b == by_end.end() || b->second < a->second) {
            core::Place p;
            p.source = doc.id;
            p.offset = s->start;
            diagnostics.push_back(core::make_diagnostic(
                DiagnosticCode::SpanNotAligned,
                {std::to_string(s->id), s->label, std::to_string(s->start), std::to_string(s->end)},
                p));
            continue;
        }
        std::size_t column = *in_column;
        const core::Span* clash = nullptr;
        for (std::uint32_t t = a->second; t <= b->second && !clash; ++t)
            clash = owner[column][t];
        if (clash) {
            not_written(diagnostics, doc, *s,
                        "overlaps span " + std::to_string(clash->id) + " " + clash->label +
                            " in the " + std::string(layer_name(kind)) + " column");
            continue;
        }
        for (std::uint32_t t = a->second; t <= b->second; ++t)
            owner[column][t] = s;
        layers[column].push_back({s, a->second, b->second});
    }
    // A sentence boundary inside a written span is not kept.
    std::vector<bool> joined(tokens.size(), false); // no break after token i
    for (const auto& layer : layers)
        for (const Placed& p : layer)
            for (std::uint32_t t = p.first; t < p.last; ++t)
                joined[t] = true;
    for (std::size_t c = 0; c < columns; ++c) {
        for (const Placed& p : layers[c]) {
            const std::string& label = p.span->label;
            for (std::uint32_t t = p.first; t <= p.last; ++t) {
                std::string prefix = "I-";
                switch (options.scheme) {
                case TagScheme::Iob2:
                    prefix = t == p.first ? "B-" : "I-";
                    break;
                case TagScheme::Iob1:
                    prefix =
                        t == p.first && t > 0 && owner[c][t - 1] && owner[c][t - 1]->label == label
                            ? "B-"
                            : "I-";
                    break;
                case TagScheme::Bioes:
                    prefix = p.first == p.last ? "S-"
                             : t == p.first    ? "B-"
                             : t == p.last     ? "E-"
                                               : "I-";
                    break;
                }
                tags[c][t] = prefix + label;
            }
        }
    }
    // As many columns as a token line, so column-counting readers (NLTK) accept it.
    out += "-DOCSTART-";
    for (std::size_t c = 0; c + 1 < columns; ++c)
        out += " -X-";
    out += " O\n\n";
    bool open = false;
    for (const core::Sentence& sentence : sentences) {
        for (std::uint32_t t = sentence.first_token;
             t < sentence.first_token + sentence.token_count; ++t) {
            out += doc.text().slice(tokens[t].start, tokens[t].end);
            for (std::size_t c = 0; c < columns; ++c) {
                out += ' ';
                out += tags[c][t];
            }
            out += '\n';
            open = true;
        }
        std::uint32_t last = sentence.first_token + sentence.token_count;
        if (open && (last == 0 || last >= tokens.size() || !joined[last - 1])) {
            out += '\n';
            open = false;
        }
    }
    if (open) out += '\n';
}

} // namespace

std::string write_conll(const std::vector<core::Document>& documents,
                        const ConllWriteOptions& options, core::Diagnostics& diagnostics) {
    std::string out;
    std::size_t rejected = 0, relations = 0, attrs = 0;
    LeftOut left_out{};
    Columns layout(options);
    for (const core::Document& d : documents) {
        write_document(d, options, layout, diagnostics, rejected, left_out, out);
        relations += d.relations().size();
        d.spans().for_each([&](const core::Span& s) { attrs += s.attrs.size(); });
    }
    auto note = [&](std::size_t count, const std::string& what) {
        if (count)
            diagnostics.push_back(core::make_diagnostic(DiagnosticCode::NotExported,
                                                        {"conll", what, std::to_string(count)}));
    };
    note(rejected, "rejected spans");
    for (core::LabelKind k :
         {core::LabelKind::Entity, core::LabelKind::Quote, core::LabelKind::Error})
        note(left_out[static_cast<std::size_t>(k)],
             std::string(layer_name(k)) + " spans (no " + std::string(layer_name(k)) + " column)");
    note(relations, "relations");
    note(attrs, "span attributes");
    return out;
}

// [SECTION] Reading

namespace {

struct OpenSpan {
    std::string label;
    std::uint32_t start = 0; // code point of the first token
    bool open = false;
};

struct DocumentBuilder {
    std::string text;
    std::uint32_t length = 0; // code points in `text`
    bool sentence_open = false;
    std::vector<core::Span> spans;
    std::vector<OpenSpan> columns;
    std::uint32_t last_end = 0; // end of the previous token
    std::uint64_t first_line = 0;
    std::size_t column_count = 0;

    void close(std::size_t c) { close(c, last_end); }
    void close(std::size_t c, std::uint32_t end) {
        if (columns[c].open) {
            core::Span s;
            s.start = columns[c].start;
            s.end = end;
            s.label = columns[c].label;
            s.origin = core::Origin::Imported;
            spans.push_back(std::move(s));
            columns[c].open = false;
        }
    }
    void end_sentence() {
        for (std::size_t c = 0; c < columns.size(); ++c)
            close(c);
        if (sentence_open) {
            text += '\n';
            ++length;
        }
        sentence_open = false;
    }
};

// The whitespace-separated fields of a line (CoNLL-2003 uses spaces, many tools tabs).
std::vector<std::string_view> split_fields(std::string_view t) {
    std::vector<std::string_view> fields;
    std::size_t pos = 0;
    while (pos < t.size()) {
        std::size_t start = t.find_first_not_of(" \t", pos);
        if (start == std::string_view::npos) break;
        std::size_t end = t.find_first_of(" \t", start);
        if (end == std::string_view::npos) end = t.size();
        fields.push_back(t.substr(start, end - start));
        pos = end;
    }
    return fields;
}

// O, or a prefix the reader knows (B I E S, and U as BILOU's S) and a label.
bool is_tag(std::string_view tag) {
    return tag == "O" || (tag.size() >= 3 && tag[1] == '-' &&
                          std::string_view("BIESU").find(tag[0]) != std::string_view::npos);
}

// CoNLL-2000's phrase types, the labels of CoNLL-2003's chunk column.
bool is_chunk_type(std::string_view label) {
    static constexpr std::string_view kChunks[] = {"NP",  "VP",    "PP",   "ADJP", "ADVP", "SBAR",
                                                   "PRT", "CONJP", "INTJ", "LST",  "UCP"};
    return std::find(std::begin(kChunks), std::end(kChunks), label) != std::end(kChunks);
}

// A Penn Treebank tag (CoNLL-2000/2003, OntoNotes), a Universal Dependencies one, or several
// joined by '|' (CoNLL-2003 has "NN|SYM"). Only names an ignored column in the diagnostic.
bool is_pos_tag(std::string_view value) {
    static constexpr std::string_view kTags[] = {
        // Penn Treebank
        "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP",
        "NNPS", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB",
        "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", ".", ",", ":", "``", "''",
        "\"", "(", ")", "-LRB-", "-RRB-", "-LCB-", "-RCB-", "#", "$", "HYPH", "NFP", "ADD", "AFX",
        "XX", "-NONE-",
        // Universal Dependencies (and the older CONJ, PRT)
        "ADJ", "ADP", "ADV", "AUX", "CCONJ", "CONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
        "PROPN", "PRT", "PUNCT", "SCONJ", "VERB", "X"};
    std::size_t pos = 0;
    while (true) {
        std::size_t bar = value.find('|', pos);
        std::string_view part =
            value.substr(pos, bar == std::string_view::npos ? value.npos : bar - pos);
        if (std::find(std::begin(kTags), std::end(kTags), part) == std::end(kTags)) return false;
        if (bar == std::string_view::npos) return true;
        pos = bar + 1;
    }
}

// What a column after the token holds, decided over every line of the file with the same
// number of columns.
enum class ColumnRole : std::uint8_t {
    Tags,     // read as spans
    Features, // POS tags, lemmas, "-X-"...: not tags; ignored
    Chunks,   // phrase chunks (B-NP) after a feature column, as in CoNLL-2003; ignored
};

struct ColumnStats {
    std::size_t values = 0, tags = 0, pos_tags = 0;
    bool any_label = false, all_chunks = true;
    std::string first_feature; // the first value that is not a tag
};

struct Layout {
    std::vector<ColumnRole> roles; // one per column after the token
    std::vector<ColumnStats> stats;
};

std::string column_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

// The first pass: the roles of the columns of each line width, documents split as the reader
// splits them. The last column is always tags (the NER tag, or CoNLL-2000's chunk when it is
// the only tag column). Another column is features when fewer than half its values are tags —
// so a bad tag or two in a tag column is still reported, line by line — and chunks when its
// labels are all phrase types and a feature column comes before it.
std::map<std::size_t, Layout> plan_columns(const std::vector<Line>& lines,
                                           const ConllReadOptions& options,
                                           core::Diagnostics& diagnostics) {
    std::map<std::size_t, Layout> layouts;
    std::vector<std::size_t> order; // widths in order of first use, for the diagnostics
    std::size_t width = 0;          // of the current document; 0 before its first token line
    for (const Line& line : lines) {
        if (is_blank(line.text)) continue;
        std::vector<std::string_view> fields = split_fields(line.text);
        if (fields[0] == "-DOCSTART-") {
            width = 0;
            continue;
        }
        if (width == 0) width = fields.size();
        if (fields.size() != width) continue; // reported by the second pass
        auto [it, inserted] = layouts.try_emplace(width);
        Layout& layout = it->second;
        if (inserted) {
            layout.stats.resize(width - 1);
            order.push_back(width);
        }
        for (std::size_t c = 0; c + 1 < width; ++c) {
            ColumnStats& st = layout.stats[c];
            std::string_view v = fields[c + 1];
            ++st.values;
            if (!is_tag(v)) {
                if (is_pos_tag(v)) ++st.pos_tags;
                if (st.first_feature.empty()) st.first_feature = v;
                continue;
            }
            ++st.tags;
            if (v != "O") {
                st.any_label = true;
                if (!is_chunk_type(v.substr(2))) st.all_chunks = false;
            }
        }
    }
    for (std::size_t w : order) {
        Layout& layout = layouts[w];
        const std::size_t n = layout.stats.size();
        layout.roles.assign(n, ColumnRole::Tags);
        bool after_features = false;
        for (std::size_t c = 0; c + 1 < n; ++c) {
            const ColumnStats& st = layout.stats[c];
            if (2 * st.tags < st.values) {
                layout.roles[c] = ColumnRole::Features;
                after_features = true;
            } else if (after_features && st.any_label && st.all_chunks) {
                layout.roles[c] = ColumnRole::Chunks;
            }
        }
        std::vector<std::string> ignored, read;
        for (std::size_t c = 0; c < n; ++c) {
            const ColumnStats& st = layout.stats[c];
            std::string number = std::to_string(c + 2);
            switch (layout.roles[c]) {
            case ColumnRole::Tags:
                read.push_back(number);
                break;
            case ColumnRole::Chunks:
                ignored.push_back(number + " (chunk)");
                break;
            case ColumnRole::Features:
                // Nine in ten known part-of-speech tags: named so; otherwise an example.
                ignored.push_back(number +
                                  (10 * st.pos_tags >= 9 * st.values
                                       ? std::string(" (POS)")
                                       : " (values such as \"" + st.first_feature + "\")"));
                break;
            }
        }
        if (ignored.empty()) continue;
        core::Place p;
        p.source = options.source;
        diagnostics.push_back(core::make_diagnostic(
            DiagnosticCode::Ignored,
            {(ignored.size() == 1 ? "column " : "columns ") + column_list(ignored),
             std::string("not entity tags; spans are read from ") +
                 (read.size() == 1 ? "column " : "columns ") + column_list(read)},
            p));
    }
    return layouts;
}

} // namespace

ImportResult read_conll(std::string_view bytes, const ConllReadOptions& options) {
    ImportResult result;
    std::size_t bad = core::find_invalid_utf8(bytes);
    if (bad != std::string_view::npos) {
        core::Place p;
        p.source = options.source;
        locate(bytes, bad, p.line, p.column);
        result.diagnostics.push_back(
            core::make_diagnostic(DiagnosticCode::InvalidUtf8, {std::to_string(bad)}, p));
        result.skipped_records = 1;
        return result;
    }
    std::vector<Line> lines = split_lines(bytes);
    const std::map<std::size_t, Layout> layouts = plan_columns(lines, options, result.diagnostics);
    const std::vector<ColumnRole>* roles = nullptr; // of the current document
    DocumentBuilder doc;
    bool failed = false;
    bool any = false;
    std::size_t count = 0;
    auto finish = [&] {
        doc.end_sentence();
        if (!doc.text.empty() && doc.text.back() == '\n') doc.text.pop_back();
        if (any) {
            ++count;
            if (failed) {
                ++result.skipped_records;
            } else {
                core::Document d("doc-" + std::to_string(count), core::Text(doc.text));
                core::Place p;
                p.source = options.source;
                p.line = doc.first_line;
                FieldReader r(p, result.diagnostics);
                for (const core::Span& s : doc.spans)
                    r.check_label(options.schema, s.label, s.start);
                if (!r.failed()) r.load(d, std::move(doc.spans), {});
                if (r.failed())
                    ++result.skipped_records;
                else
                    result.documents.push_back(std::move(d));
            }
        }
        doc = DocumentBuilder{};
        failed = false;
        any = false;
    };
    for (const Line& line : lines) {
        if (is_blank(line.text)) {
            doc.end_sentence();
            continue;
        }
        std::vector<std::string_view> fields = split_fields(line.text);
        if (fields[0] == "-DOCSTART-") {
            finish();
            // Every -DOCSTART- is a document, an empty one included (a text with no tokens).
            any = true;
            doc.first_line = line.number;
            doc.column_count = 0;
            continue;
        }
        core::Place p;
        p.source = options.source;
        p.line = line.number;
        FieldReader r(p, result.diagnostics);
        if (!any || doc.column_count == 0) {
            if (!any) doc.first_line = line.number;
            any = true;
            doc.column_count = fields.size();
            doc.columns.assign(fields.size() > 1 ? fields.size() - 1 : 0, OpenSpan{});
            roles = &layouts.at(fields.size()).roles;
        }
        if (fields.size() != doc.column_count) {
            r.report(DiagnosticCode::MalformedLine,
                     {"CoNLL", std::to_string(fields.size()) +
                                   " columns where the document's first "
                                   "line has " +
                                   std::to_string(doc.column_count)});
            failed = true;
            continue;
        }
        if (doc.sentence_open) {
            doc.text += ' ';
            ++doc.length;
        }
        doc.sentence_open = true;
        std::uint32_t start = doc.length;
        doc.text += fields[0];
        doc.length += static_cast<std::uint32_t>(core::count_code_points(fields[0]));
        for (std::size_t c = 0; c + 1 < fields.size(); ++c) {
            if ((*roles)[c] != ColumnRole::Tags) continue;
            std::string_view tag = fields[c + 1];
            OpenSpan& open = doc.columns[c];
            if (tag == "O") {
                doc.close(c);
                continue;
            }
            if (!is_tag(tag)) {
                r.report(DiagnosticCode::MalformedLine,
                         {"CoNLL", "tag \"" + std::string(tag) + "\" in column " +
                                       std::to_string(c + 2) + " is not O, B-X, I-X, E-X or S-X"});
                failed = true;
                continue;
            }
            char prefix = tag[0];
            std::string label(tag.substr(2));
            bool continues = open.open && open.label == label && (prefix == 'I' || prefix == 'E');
            if (!continues) {
                doc.close(c);
                open.open = true;
                open.label = label;
                open.start = start;
            }
            if (prefix == 'E' || prefix == 'S' || prefix == 'U') doc.close(c, doc.length);
        }
        doc.last_end = doc.length;
    }
    finish();
    return result;
}

} // namespace gloss::io
