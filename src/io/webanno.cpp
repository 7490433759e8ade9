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
#include <optional>
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

struct WebannoCounts {
    std::size_t rejected = 0, attributes = 0, relations = 0; // not written
};

constexpr std::string_view kHeader = "#FORMAT=WebAnno TSV 3.3\n";

// A feature name INCEpTION accepts (a Java identifier without "$"), that is not the layer's
// label feature and cannot be read as a slot or base-type column.
bool is_feature_name(std::string_view name, std::string_view label_feature) {
    if (name.empty() || name == label_feature || name.substr(0, 5) == "ROLE_" ||
        name.substr(0, 3) == "BT_")
        return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = name[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

struct Layer {
    std::string_view name;           // the UIMA type
    std::string_view label_feature;  // "value" or "label"
    std::string_view relation_layer; // relations between two of its spans
    std::string_view link_type;      // slot links from its spans to the other layer's
    // Per token: the spans on it, in (start, end, id) order.
    std::vector<std::vector<const core::Span*>> on;
    std::set<core::SpanId> with_id;      // spans written with "[n]"
    std::set<std::string> attr_features; // attributes written as features
    // Relations to a span of the other layer, by the span they start from (slots).
    std::map<core::SpanId, std::vector<const core::Relation*>> links;
    // Relations between two of its spans, by the first token of their target.
    std::map<std::size_t, std::vector<const core::Relation*>> relations_at;
    bool used = false;
};

void write_document(const core::Document& doc, const core::LabelSchema* schema, WebannoExport& out,
                    WebannoCounts& counts) {
    std::u32string decoded = core::to_utf32(doc.text().utf8());
    std::vector<core::Token> tokens = doc.tokens_or_tokenize(decoded);
    std::vector<core::Sentence> sentences = core::split_sentences(decoded, tokens);
    std::unordered_map<std::uint32_t, std::size_t> by_start, by_end;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        by_start[tokens[i].start] = i;
        by_end[tokens[i].end] = i;
    }
    // Each token's address, "SENTENCE-TOKEN".
    std::vector<std::string> address(tokens.size());
    for (std::size_t si = 0; si < sentences.size(); ++si)
        for (std::uint32_t k = 0; k < sentences[si].token_count; ++k)
            address[sentences[si].first_token + k] =
                std::to_string(si + 1) + "-" + std::to_string(k + 1);

    Layer layers[2];
    layers[0].name = kWebannoNamedEntity;
    layers[0].label_feature = "value";
    layers[0].relation_layer = kWebannoEntityRelation;
    layers[0].link_type = kWebannoEntityLink;
    layers[1].name = kWebannoCustom;
    layers[1].label_feature = "label";
    layers[1].relation_layer = kWebannoRelation;
    layers[1].link_type = kWebannoLink;
    for (Layer& l : layers)
        l.on.resize(tokens.size());
    struct Placed {
        std::size_t layer;
        std::size_t first_token;
    };
    std::unordered_map<core::SpanId, Placed> placed;
    for (const core::Span& s : spans_of(doc)) {
        if (s.status == core::Status::Rejected) {
            ++counts.rejected;
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
        std::size_t li = kind_of(schema, s.label) == core::LabelKind::Entity ? 0 : 1;
        Layer& layer = layers[li];
        layer.used = true;
        placed[s.id] = {li, a->second};
        for (const auto& [key, value] : s.attrs) {
            if (is_feature_name(key, layer.label_feature))
                layer.attr_features.insert(key);
            else
                ++counts.attributes;
        }
        const core::Span* span = doc.spans().find(s.id);
        if (a->second != b->second) layer.with_id.insert(s.id);
        for (std::size_t t = a->second; t <= b->second; ++t) {
            layer.on[t].push_back(span);
            if (layer.on[t].size() > 1)
                for (const core::Span* x : layer.on[t])
                    layer.with_id.insert(x->id);
        }
    }
    for (const auto& [id, r] : doc.relations()) {
        auto from = placed.find(r.from), to = placed.find(r.to);
        if (from == placed.end() || to == placed.end() || r.from == r.to) {
            ++counts.relations;
            continue;
        }
        Layer& source = layers[from->second.layer];
        if (from->second.layer == to->second.layer)
            source.relations_at[to->second.first_token].push_back(&r);
        else
            source.links[r.from].push_back(&r);
    }
    if (!layers[0].used && !layers[1].used) layers[0].used = true;

    std::string tsv(kHeader);
    for (std::size_t li = 0; li < 2; ++li) {
        const Layer& l = layers[li];
        if (!l.used) continue;
        tsv += "#T_SP=" + std::string(l.name) + "|" + std::string(l.label_feature);
        for (const std::string& f : l.attr_features)
            tsv += "|" + f;
        if (!l.links.empty())
            tsv += "|ROLE_" + std::string(l.name) + ":links_" + std::string(l.link_type) + "|" +
                   std::string(layers[1 - li].name);
        tsv += "\n";
    }
    for (const Layer& l : layers)
        if (!l.relations_at.empty())
            tsv += "#T_RL=" + std::string(l.relation_layer) + "|label|BT_" + std::string(l.name) +
                   "\n";
    tsv += "\n";

    // "value[n]" when the span needs its disambiguation id.
    auto with_id = [](const Layer& l, const core::Span& s, std::string value) {
        if (l.with_id.count(s.id)) value += "[" + std::to_string(s.id) + "]";
        return value;
    };
    // One cell: an item per span on the token (an empty string is an item), "_" when there is
    // none.
    auto cell = [](const std::vector<std::string>& items) {
        if (items.empty()) return std::string("_");
        std::string joined = items[0];
        for (std::size_t i = 1; i < items.size(); ++i)
            joined += "|" + items[i];
        return joined;
    };
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
            tsv += address[t] + "\t" + std::to_string(index.utf16_offset(token.start)) + "-" +
                   std::to_string(index.utf16_offset(token.end)) + "\t" +
                   webanno_escape(doc.text().slice(token.start, token.end)) + "\t";
            for (std::size_t li = 0; li < 2; ++li) {
                const Layer& l = layers[li];
                if (!l.used) continue;
                std::vector<std::string> items;
                for (const core::Span* s : l.on[t])
                    items.push_back(with_id(l, *s, webanno_escape(s->label)));
                tsv += cell(items) + "\t";
                for (const std::string& f : l.attr_features) {
                    items.clear();
                    for (const core::Span* s : l.on[t]) {
                        const std::string* v = s->attrs.get(f);
                        // "*": no such attribute; an empty value stays empty (an ERROR's empty
                        // correction deletes its text, where none means not known yet).
                        items.push_back(with_id(l, *s, v ? webanno_escape(*v) : "*"));
                    }
                    tsv += cell(items) + "\t";
                }
                if (l.links.empty()) continue;
                // Slots: the roles ("_" for none), then their targets' addresses ("*").
                std::vector<std::string> roles, targets;
                const Layer& other = layers[1 - li];
                for (const core::Span* s : l.on[t]) {
                    auto found = l.links.find(s->id);
                    std::string role, target;
                    if (found != l.links.end())
                        for (const core::Relation* r : found->second) {
                            role += (role.empty() ? "" : ";") + webanno_escape(r->type);
                            target += (target.empty() ? "" : ";") +
                                      with_id(other, *doc.spans().find(r->to),
                                              address[placed.at(r->to).first_token]);
                        }
                    roles.push_back(with_id(l, *s, role.empty() ? "_" : role));
                    targets.push_back(target.empty() ? "*" : target);
                }
                tsv += cell(roles) + "\t" + cell(targets) + "\t";
            }
            for (const Layer& l : layers) {
                if (l.relations_at.empty()) continue;
                std::vector<std::string> types, sources;
                auto here = l.relations_at.find(t);
                if (here != l.relations_at.end())
                    for (const core::Relation* r : here->second) {
                        types.push_back(webanno_escape(r->type));
                        std::string source = address[placed.at(r->from).first_token];
                        bool from_id = l.with_id.count(r->from) > 0;
                        bool to_id = l.with_id.count(r->to) > 0;
                        if (from_id || to_id)
                            source += "[" + std::to_string(from_id ? r->from : 0) + "_" +
                                      std::to_string(to_id ? r->to : 0) + "]";
                        sources.push_back(std::move(source));
                    }
                tsv += cell(types) + "\t" + cell(sources) + "\t";
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
    WebannoCounts counts;
    for (const core::Document& doc : documents)
        write_document(doc, schema, out, counts);
    auto note = [&](std::size_t count, const char* what) {
        if (count)
            out.diagnostics.push_back(core::make_diagnostic(
                DiagnosticCode::NotExported, {"webanno", what, std::to_string(count)}));
    };
    note(counts.rejected, "rejected spans");
    note(counts.attributes, "attributes whose names are not feature names");
    note(counts.relations, "relations to spans not written");
    return out;
}

// [SECTION] Reading

namespace {

// What a column of a layer holds.
enum class Column : std::uint8_t {
    Value,      // a primitive feature
    SlotRole,   // a slot feature's roles ("ROLE_..."), ";" between links
    SlotTarget, // the addresses of those links' targets; its header names the target layer
    Base,       // a relation's source address ("BT_..." names the layer it joins)
};

struct LayerDef {
    std::string name;
    char kind = 'S'; // S: span, R: relation, C: chain
    std::vector<std::string> features;
    std::vector<Column> columns; // one per feature

    std::size_t width() const { return std::max<std::size_t>(features.size(), 1); }
    Column column(std::size_t f) const { return f < columns.size() ? columns[f] : Column::Value; }
    // The column holding the label (a relation's type): "value", "label" or "type", else the
    // first primitive one; npos when there is none.
    std::size_t label_column() const {
        std::size_t first = std::string::npos;
        for (std::size_t f = 0; f < features.size(); ++f) {
            if (column(f) != Column::Value) continue;
            if (features[f] == "value" || features[f] == "label" || features[f] == "type") return f;
            if (first == std::string::npos) first = f;
        }
        return first;
    }
};

// Splits a cell at `sep` where it is not escaped.
std::vector<std::string_view> split_unescaped(std::string_view cell, char sep) {
    std::vector<std::string_view> out;
    std::size_t from = 0;
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == '\\') {
            ++i;
            continue;
        }
        if (cell[i] == sep) {
            out.push_back(cell.substr(from, i - from));
            from = i + 1;
        }
    }
    out.push_back(cell.substr(from));
    return out;
}

std::vector<std::string_view> split_stack(std::string_view cell) {
    return split_unescaped(cell, '|');
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

bool parse_uint(std::string_view s, std::uint64_t& out) {
    if (s.empty() || s.size() > 15) return false;
    out = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        out = out * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return true;
}

// An annotation's address: "1-3", "1-3[4]" (a disambiguation id) or, for a relation's
// source, "1-3[4_0]" (the source's and the target's ids, 0 for none).
struct Reference {
    std::string address;
    std::uint64_t id = 0, target_id = 0;
};

std::optional<Reference> parse_reference(std::string_view text, bool pair) {
    Reference ref;
    std::size_t open = text.find('[');
    ref.address = std::string(text.substr(0, open));
    if (ref.address.empty() || ref.address.find('-') == std::string::npos) return std::nullopt;
    if (open == std::string_view::npos) return ref;
    if (text.back() != ']') return std::nullopt;
    std::string_view ids = text.substr(open + 1, text.size() - open - 2);
    std::size_t under = ids.find('_');
    if (pair != (under != std::string_view::npos)) return std::nullopt;
    if (!pair) return parse_uint(ids, ref.id) ? std::optional(ref) : std::nullopt;
    if (!parse_uint(ids.substr(0, under), ref.id) ||
        !parse_uint(ids.substr(under + 1), ref.target_id))
        return std::nullopt;
    return ref;
}

struct Annotation {
    std::size_t layer = 0;
    std::uint64_t id = 0;
    std::uint64_t begin = 0, end = 0; // UTF-16
    // Per feature; an empty string is a value ("" as INCEpTION writes it), nullopt is none ("*").
    std::vector<std::optional<std::string>> values;
    std::uint64_t line = 0;
    std::string first_address; // of its first token
    // Slot links, by the column of their roles: the roles and their targets' references.
    std::map<std::size_t, std::vector<std::string>> roles;
    std::map<std::size_t, std::vector<std::string>> targets;
};

// A relation of a relation layer, as the line of its target's first token gives it.
struct RawRelation {
    std::size_t layer = 0; // the relation layer
    std::string type;
    Reference source;
    std::string target_address;
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

std::string short_name(const std::string& layer) {
    std::size_t dot = layer.rfind('.');
    return dot == std::string::npos ? layer : layer.substr(dot + 1);
}

// "ROLE_webanno.custom.Gloss:links_webanno.custom.GlossLink" -> "links".
std::string slot_name(const std::string& header) {
    std::size_t colon = header.find(':');
    if (colon == std::string::npos) return "link";
    std::size_t under = header.find('_', colon);
    return header.substr(colon + 1,
                         under == std::string::npos ? std::string::npos : under - colon - 1);
}

LayerDef parse_layer(std::string_view line) {
    LayerDef def;
    def.kind = line[3];
    auto parts = split_stack(line.substr(6));
    def.name = std::string(parts[0]);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        std::string_view part = parts[i];
        def.features.emplace_back(part);
        if (part.substr(0, 5) == "ROLE_" && i + 1 < parts.size()) {
            def.columns.push_back(Column::SlotRole);
            def.features.emplace_back(parts[++i]);
            def.columns.push_back(Column::SlotTarget);
        } else if (def.kind == 'R' && part.substr(0, 3) == "BT_") {
            def.columns.push_back(Column::Base);
        } else {
            def.columns.push_back(Column::Value);
        }
    }
    return def;
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
    std::vector<RawRelation> raw_relations;
    std::map<std::pair<std::size_t, std::uint64_t>, std::size_t> by_id;
    std::unordered_map<std::string, std::size_t> token_at; // address -> index in tokens
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
            layers.push_back(parse_layer(text));
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
        std::vector<std::string_view> fields = split_unescaped(text, '\t');
        std::size_t expected = 3;
        for (const LayerDef& l : layers)
            expected += l.width();
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
        std::string address(fields[0]);
        token.sub = address.find('.') != std::string::npos;
        token.text = webanno_unescape(fields[2]);
        if (!sentences.back().begin) sentences.back().begin = token.begin;
        std::size_t column = 3;
        for (std::size_t li = 0; li < layers.size(); ++li) {
            const LayerDef& layer = layers[li];
            std::size_t width = layer.width();
            if (layer.kind == 'R' && layer.column(width - 1) == Column::Base) {
                std::string_view base = fields[column + width - 1];
                if (base != "_") {
                    std::size_t label = layer.label_column();
                    auto labels = label == std::string::npos ? std::vector<std::string_view>{}
                                                             : split_stack(fields[column + label]);
                    auto sources = split_stack(base);
                    for (std::size_t i = 0; i < sources.size(); ++i) {
                        auto ref = parse_reference(sources[i], true);
                        if (!ref) {
                            bad(line.number, "relation source \"" + std::string(sources[i]) +
                                                 "\" is not SENTENCE-TOKEN or "
                                                 "SENTENCE-TOKEN[SOURCE_TARGET]");
                            continue;
                        }
                        RawRelation r;
                        r.layer = li;
                        r.source = *ref;
                        r.target_address = address;
                        r.line = line.number;
                        std::string_view type = i < labels.size() ? split_id(labels[i]).first : "";
                        r.type = type.empty() || type == "*" || type == "_"
                                     ? short_name(layer.name)
                                     : webanno_unescape(type);
                        raw_relations.push_back(std::move(r));
                    }
                }
                column += width;
                continue;
            }
            if (layer.kind != 'S') {
                for (std::size_t c = 0; c < width; ++c)
                    if (fields[column + c] != "_") ++ignored_values;
                column += width;
                continue;
            }
            // Annotation i of this token is item i of every column.
            std::vector<std::size_t> here;
            for (std::size_t f = 0; f < width; ++f) {
                std::string_view cell = fields[column + f];
                if (cell == "_") continue;
                auto items = split_stack(cell);
                for (std::size_t i = 0; i < items.size(); ++i) {
                    if (layer.column(f) == Column::SlotTarget) {
                        // The targets of the links in the column before; its first line counts.
                        if (i >= here.size()) continue;
                        Annotation& a = annotations[here[i]];
                        if (a.targets.count(f - 1) || items[i] == "*") continue;
                        for (std::string_view t : split_unescaped(items[i], ';'))
                            a.targets[f - 1].emplace_back(t);
                        continue;
                    }
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
                            a.first_address = address;
                            if (id) by_id[{li, id}] = index;
                            annotations.push_back(std::move(a));
                        }
                        here.push_back(index);
                    }
                    Annotation& a = annotations[here[i]];
                    a.begin = std::min(a.begin, token.begin);
                    a.end = std::max(a.end, token.end);
                    if (layer.column(f) == Column::SlotRole) {
                        if (a.roles.count(f) || value == "_") continue;
                        for (std::string_view role : split_unescaped(value, ';'))
                            a.roles[f].push_back(role == "*" ? "" : webanno_unescape(role));
                        continue;
                    }
                    if (value != "*" && value != "_" && !a.values[f])
                        a.values[f] = webanno_unescape(value);
                }
            }
            column += width;
        }
        token_at.emplace(address, tokens.size());
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

    // Span ids: an annotation's disambiguation id where it is the first to have it, else a
    // number past every such id.
    std::vector<core::SpanId> span_id(annotations.size(), 0);
    core::SpanId next_id = 1;
    std::set<std::uint64_t> ids;
    for (std::size_t i = 0; i < annotations.size(); ++i)
        if (annotations[i].id && ids.insert(annotations[i].id).second) {
            span_id[i] = annotations[i].id;
            next_id = std::max<core::SpanId>(next_id, annotations[i].id + 1);
        }
    for (core::SpanId& id : span_id)
        if (!id) id = next_id++;

    std::vector<core::Span> spans;
    for (std::size_t i = 0; i < annotations.size(); ++i) {
        const Annotation& a = annotations[i];
        const LayerDef& layer = layers[a.layer];
        auto b = cp(a.begin), e = cp(a.end);
        if (!b || !e) continue; // its tokens were reported
        core::Span s;
        s.id = span_id[i];
        s.start = static_cast<std::uint32_t>(*b);
        s.end = static_cast<std::uint32_t>(*e);
        s.origin = core::Origin::Imported;
        std::size_t label_feature = layer.label_column();
        for (std::size_t f = 0; f < a.values.size(); ++f) {
            if (f == label_feature)
                s.label = a.values[f].value_or("");
            else if (a.values[f] && f < layer.features.size())
                s.attrs.set(layer.features[f], *a.values[f]);
        }
        if (s.label.empty()) s.label = short_name(layer.name);
        FieldReader r(at(a.line), result.diagnostics);
        if (!r.check_label(schema, s.label, s.start)) continue;
        spans.push_back(std::move(s));
    }

    // Relations: an annotation of `layer` (any span layer when it is not one) at a reference.
    auto span_layer = [&](std::string_view name) {
        for (std::size_t li = 0; li < layers.size(); ++li)
            if (layers[li].kind == 'S' && layers[li].name == name) return li;
        return std::string::npos;
    };
    auto resolve = [&](std::size_t layer, const std::string& address,
                       std::uint64_t id) -> std::optional<std::size_t> {
        if (id) {
            for (std::size_t li = 0; li < layers.size(); ++li) {
                if (layer != std::string::npos && li != layer) continue;
                auto found = by_id.find({li, id});
                if (found != by_id.end()) return found->second;
            }
            return std::nullopt;
        }
        auto token = token_at.find(address);
        if (token == token_at.end()) return std::nullopt;
        const TokenLine& t = tokens[token->second];
        std::optional<std::size_t> covering;
        for (std::size_t i = 0; i < annotations.size(); ++i) {
            const Annotation& a = annotations[i];
            if (layer != std::string::npos && a.layer != layer) continue;
            if (a.first_address == address) return i;
            if (!covering && a.begin <= t.begin && t.end <= a.end) covering = i;
        }
        return covering;
    };
    std::vector<core::Relation> relations;
    auto add_relation = [&](std::string type, std::size_t from, std::size_t to) {
        core::Relation r;
        r.type = std::move(type);
        r.from = span_id[from];
        r.to = span_id[to];
        relations.push_back(std::move(r));
    };
    for (const RawRelation& raw : raw_relations) {
        const LayerDef& layer = layers[raw.layer];
        std::size_t base = span_layer(layer.features.back().substr(3));
        if (base == std::string::npos) {
            ++ignored_values;
            continue;
        }
        auto from = resolve(base, raw.source.address, raw.source.id);
        auto to = resolve(base, raw.target_address, raw.source.target_id);
        if (!from || !to) {
            bad(raw.line, "relation " + raw.type + " joins " + raw.source.address + " and " +
                              raw.target_address + ", where " + short_name(layers[base].name) +
                              " has no annotation with those ids");
            continue;
        }
        add_relation(raw.type, *from, *to);
    }
    for (std::size_t i = 0; i < annotations.size(); ++i) {
        const Annotation& a = annotations[i];
        const LayerDef& layer = layers[a.layer];
        for (const auto& [f, roles] : a.roles) {
            auto targets = a.targets.find(f);
            std::size_t count = targets == a.targets.end() ? 0 : targets->second.size();
            if (count != roles.size()) {
                bad(a.line, std::to_string(roles.size()) + " roles of " + layer.features[f] +
                                " but " + std::to_string(count) + " targets");
                continue;
            }
            std::size_t target_layer = span_layer(layer.features[f + 1]);
            for (std::size_t k = 0; k < roles.size(); ++k) {
                auto ref = parse_reference(targets->second[k], false);
                auto to = ref ? resolve(target_layer, ref->address, ref->id) : std::nullopt;
                if (!to) {
                    bad(a.line, "slot target \"" + targets->second[k] + "\" names no " +
                                    short_name(layer.features[f + 1]) + " annotation");
                    continue;
                }
                add_relation(roles[k].empty() ? slot_name(layer.features[f]) : roles[k], i, *to);
            }
        }
    }
    if (ignored_values)
        result.diagnostics.push_back(
            core::make_diagnostic(DiagnosticCode::Ignored,
                                  {"chain columns and relations over layers the file does not hold",
                                   std::to_string(ignored_values) + " values"},
                                  at(1)));
    if (!result.ok()) {
        result.skipped_records = 1;
        return result;
    }
    if (!doc.set_tokens(doc_tokens)) bad(1, "tokens overlap or are out of order");
    core::Place place;
    place.source = source;
    FieldReader r(place, result.diagnostics);
    r.load(doc, std::move(spans), std::move(relations));
    if (!result.ok()) {
        result.skipped_records = 1;
        return result;
    }
    result.documents.push_back(std::move(doc));
    return result;
}

} // namespace gloss::io
