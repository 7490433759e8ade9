// brat standoff reader and writer. Layer: io.
//
// Index:
// [SECTION] Parsing .ann lines
// [SECTION] Reading documents
// [SECTION] Writing
#include "io/brat.hpp"

#include "core/text/utf8.hpp"
#include "io/record_reader.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace gloss::io {

using core::DiagnosticCode;

namespace {

// [SECTION] Parsing .ann lines

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (true) {
        std::size_t next = s.find(sep, pos);
        out.push_back(s.substr(pos, next == std::string_view::npos ? s.npos : next - pos));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return out;
}

// Splits on runs of spaces.
std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    for (std::string_view w : split(s, ' '))
        if (!w.empty()) out.push_back(w);
    return out;
}

std::optional<std::uint64_t> parse_uint(std::string_view s) {
    if (s.empty() || s.size() > 15) return std::nullopt;
    std::uint64_t n = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

// "T12" -> 12 when the prefix matches.
std::optional<std::uint64_t> id_number(std::string_view id, char prefix) {
    if (id.empty() || id.front() != prefix) return std::nullopt;
    return parse_uint(id.substr(1));
}

struct TextBound {
    std::uint64_t id;
    std::string label;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> fragments; // in the file's unit
    std::string text;
    std::uint64_t line;
};

std::string flatten(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return out;
}

bool is_space_only(std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Whether every T line fits `text` in `unit`: offsets in range, on character boundaries, with
// the line's text equal to the slice.
bool fits(const core::Text& text, const std::vector<TextBound>& spans, OffsetUnit unit) {
    core::Diagnostics ignored;
    FieldReader probe({}, ignored);
    for (const TextBound& t : spans) {
        std::string joined;
        for (const auto& [a, b] : t.fragments) {
            core::Span s;
            if (!probe.span_range(text, unit, a, b, s)) return false;
            if (!joined.empty()) joined += ' ';
            joined += text.slice(s.start, s.end);
        }
        if (flatten(joined) != flatten(t.text)) return false;
    }
    return true;
}

// [SECTION] Reading documents

struct AnnReader {
    std::string source;
    core::Diagnostics& diagnostics;
    bool failed = false;

    FieldReader at(std::uint64_t line) {
        core::Place p;
        p.source = source;
        p.line = line;
        return FieldReader(p, diagnostics);
    }
    void bad(std::uint64_t line, std::string_view kind, std::string why) {
        FieldReader r = at(line);
        r.report(DiagnosticCode::MalformedLine, {std::string(kind), std::move(why)});
        failed = true;
    }
    void ignored(std::uint64_t line, std::string what, std::string why) {
        at(line).report(DiagnosticCode::Ignored, {std::move(what), std::move(why)});
    }
};

} // namespace

std::optional<core::Document> read_brat_document(std::string id, std::string_view txt,
                                                 std::string_view ann,
                                                 const std::string& ann_source,
                                                 const BratReadOptions& options,
                                                 core::Diagnostics& diagnostics) {
    core::Document doc(std::move(id), core::Text(std::string(txt)));
    AnnReader reader{ann_source, diagnostics};
    std::vector<TextBound> bounds;
    struct Rel {
        std::uint64_t id;
        std::string type;
        std::string from, to;
        std::uint64_t line;
    };
    std::vector<Rel> rels;
    struct Attr {
        std::string target;
        std::string name, value;
        std::uint64_t line;
    };
    std::vector<Attr> attrs;
    std::set<std::string> ids;

    for (const Line& line : split_lines(ann)) {
        if (is_blank(line.text)) continue;
        std::vector<std::string_view> fields = split(line.text, '\t');
        std::string_view ann_id = fields[0];
        char kind = ann_id.empty() ? ' ' : ann_id.front();
        if (kind != '#' && !ids.insert(std::string(ann_id)).second) {
            reader.bad(line.number, "brat", "id " + std::string(ann_id) + " is used twice");
            continue;
        }
        if (kind == 'T') {
            auto number = id_number(ann_id, 'T');
            if (!number || fields.size() < 3) {
                reader.bad(line.number, "brat T", "expected T<number>\\tLABEL START END\\tTEXT");
                continue;
            }
            std::string_view type_and_offsets = fields[1];
            std::size_t space = type_and_offsets.find(' ');
            if (space == std::string_view::npos) {
                reader.bad(line.number, "brat T", "expected LABEL START END");
                continue;
            }
            TextBound t{
                *number, std::string(type_and_offsets.substr(0, space)), {}, {}, line.number};
            bool ok = true;
            for (std::string_view fragment : split(type_and_offsets.substr(space + 1), ';')) {
                auto w = words(fragment);
                auto a = w.size() == 2 ? parse_uint(w[0]) : std::nullopt;
                auto b = w.size() == 2 ? parse_uint(w[1]) : std::nullopt;
                if (!a || !b) {
                    reader.bad(line.number, "brat T",
                               "offsets \"" + std::string(fragment) + "\" are not START END");
                    ok = false;
                    break;
                }
                t.fragments.push_back({*a, *b});
            }
            if (!ok) continue;
            // The text field runs to the end of the line, tabs included.
            std::size_t text_start = fields[0].size() + 1 + fields[1].size() + 1;
            t.text = std::string(line.text.substr(std::min(text_start, line.text.size())));
            bounds.push_back(std::move(t));
        } else if (kind == 'R') {
            auto number = id_number(ann_id, 'R');
            auto w = fields.size() >= 2 ? words(fields[1]) : std::vector<std::string_view>{};
            if (!number || w.size() != 3 || w[1].substr(0, 5) != "Arg1:" ||
                w[2].substr(0, 5) != "Arg2:") {
                reader.bad(line.number, "brat R", "expected R<number>\\tTYPE Arg1:T<n> Arg2:T<n>");
                continue;
            }
            rels.push_back({*number, std::string(w[0]), std::string(w[1].substr(5)),
                            std::string(w[2].substr(5)), line.number});
        } else if (kind == 'A' || kind == 'M') {
            auto w = fields.size() >= 2 ? words(fields[1]) : std::vector<std::string_view>{};
            if (w.size() < 2 || w.size() > 3) {
                reader.bad(line.number, "brat A", "expected A<number>\\tNAME T<n> [VALUE]");
                continue;
            }
            attrs.push_back({std::string(w[1]), std::string(w[0]),
                             w.size() == 3 ? std::string(w[2]) : "true", line.number});
        } else if (kind == '#') {
            auto w = fields.size() >= 2 ? words(fields[1]) : std::vector<std::string_view>{};
            if (w.size() != 2) {
                reader.bad(line.number, "brat #",
                           "expected #<number>\\tAnnotatorNotes T<n>\\tNOTE");
                continue;
            }
            std::size_t note_start = fields[0].size() + 1 + fields[1].size() + 1;
            std::string_view note = line.text.substr(std::min(note_start, line.text.size()));
            // Gloss writes free-text attributes as "name: value"; other notes become "note".
            std::string name = "note";
            std::size_t colon = note.find(": ");
            if (colon != std::string_view::npos && colon > 0 &&
                std::all_of(
                    note.begin(), note.begin() + static_cast<std::ptrdiff_t>(colon), [](char c) {
                        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                    })) {
                name = std::string(note.substr(0, colon));
                note.remove_prefix(colon + 2);
            }
            attrs.push_back({std::string(w[1]), name, unescape_line(note), line.number});
        } else if (kind == 'N') {
            auto w = fields.size() >= 2 ? words(fields[1]) : std::vector<std::string_view>{};
            if (w.size() != 3) {
                reader.bad(line.number, "brat N",
                           "expected N<number>\\tReference T<n> DB:ID\\tNAME");
                continue;
            }
            std::string value = fields.size() >= 3 ? unescape_line(fields[2]) : std::string(w[2]);
            attrs.push_back({std::string(w[1]), "canonical", value, line.number});
        } else if (kind == 'E' || kind == '*') {
            reader.ignored(line.number, std::string(ann_id),
                           kind == 'E' ? "events have no Gloss equivalent"
                                       : "equivalence sets have no Gloss equivalent");
        } else {
            reader.bad(line.number, "brat",
                       "unknown annotation id \"" + std::string(ann_id) + "\"");
        }
    }

    OffsetUnit unit = OffsetUnit::CodePoint;
    if (options.offset_unit) {
        unit = *options.offset_unit;
    } else if (!doc.text().index().is_ascii() && !fits(doc.text(), bounds, OffsetUnit::CodePoint) &&
               fits(doc.text(), bounds, OffsetUnit::Utf16)) {
        unit = OffsetUnit::Utf16;
        core::Place p;
        p.source = ann_source;
        diagnostics.push_back(core::make_diagnostic(DiagnosticCode::Utf16Offsets, {}, p));
    }

    std::vector<core::Span> spans;
    std::map<std::string, std::size_t> by_id; // "T3" -> index into spans
    for (const TextBound& t : bounds) {
        FieldReader r = reader.at(t.line);
        std::vector<core::Span> pieces;
        for (const auto& [a, b] : t.fragments) {
            core::Span s;
            if (!r.span_range(doc.text(), unit, a, b, s)) break;
            pieces.push_back(s);
        }
        if (pieces.size() != t.fragments.size()) {
            reader.failed = true;
            continue;
        }
        core::Span span;
        span.id = t.id;
        span.label = t.label;
        span.start = pieces.front().start;
        span.end = pieces.back().end;
        span.origin = core::Origin::Imported;
        // brat splits a span that crosses a line break into fragments; fragments separated by
        // anything but whitespace are a discontinuous span Gloss cannot hold.
        bool contiguous = true;
        std::string joined;
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            if (i > 0) {
                if (pieces[i].start < pieces[i - 1].end ||
                    !is_space_only(doc.text().slice(pieces[i - 1].end, pieces[i].start)))
                    contiguous = false;
                joined += ' ';
            }
            joined += doc.text().slice(pieces[i].start, pieces[i].end);
        }
        if (!contiguous) {
            reader.bad(t.line, "brat T",
                       "T" + std::to_string(t.id) +
                           " is discontinuous with text between its fragments, which Gloss "
                           "spans cannot hold");
            continue;
        }
        if (flatten(joined) != flatten(t.text)) {
            r.report(DiagnosticCode::SpanTextMismatch,
                     {std::to_string(span.start), std::to_string(span.end), t.text, joined},
                     span.start);
            reader.failed = true;
            continue;
        }
        if (!r.check_label(options.schema, span.label, span.start)) {
            reader.failed = true;
            continue;
        }
        by_id["T" + std::to_string(t.id)] = spans.size();
        spans.push_back(std::move(span));
    }
    for (const Attr& a : attrs) {
        auto it = by_id.find(a.target);
        if (it == by_id.end()) {
            if (!a.target.empty() && (a.target.front() == 'R' || a.target.front() == 'E')) {
                reader.ignored(a.line, a.name + " on " + a.target,
                               "Gloss holds attributes on spans only");
                continue;
            }
            reader.at(a.line).report(DiagnosticCode::UnknownSpan, {a.target});
            reader.failed = true;
            continue;
        }
        spans[it->second].attrs.set(a.name, a.value);
    }
    std::vector<core::Relation> relations;
    for (const Rel& rel : rels) {
        auto f = by_id.find(rel.from), t = by_id.find(rel.to);
        if (f == by_id.end() || t == by_id.end()) {
            reader.at(rel.line).report(
                DiagnosticCode::DanglingRelation,
                {"R" + std::to_string(rel.id), f == by_id.end() ? rel.from : rel.to});
            reader.failed = true;
            continue;
        }
        relations.push_back({rel.id, rel.type, spans[f->second].id, spans[t->second].id});
    }
    if (reader.failed) return std::nullopt;
    core::Place p;
    p.source = ann_source;
    FieldReader loader(p, diagnostics);
    loader.load(doc, std::move(spans), std::move(relations));
    if (loader.failed()) return std::nullopt;
    return doc;
}

ImportResult read_brat(const std::vector<NamedFile>& files, const BratReadOptions& options) {
    ImportResult result;
    struct Pair {
        const NamedFile* txt = nullptr;
        const NamedFile* ann = nullptr;
    };
    std::map<std::string, Pair> pairs; // by path without extension
    std::vector<std::string> order;    // stems in the order their first file came
    auto ends_with = [](const std::string& s, std::string_view suffix) {
        return s.size() >= suffix.size() &&
               s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    for (const NamedFile& f : files) {
        bool txt = ends_with(f.name, ".txt"), ann = ends_with(f.name, ".ann");
        if (txt || ann) {
            std::string stem = f.name.substr(0, f.name.size() - 4);
            if (!pairs.count(stem)) order.push_back(stem);
            (txt ? pairs[stem].txt : pairs[stem].ann) = &f;
        } else if (!ends_with(f.name, ".conf")) {
            core::Place p;
            p.source = f.name;
            result.diagnostics.push_back(core::make_diagnostic(
                DiagnosticCode::Ignored, {f.name, "not a brat .txt, .ann or .conf file"}, p));
        }
    }
    for (const std::string& stem : order) {
        const Pair& pair = pairs[stem];
        if (!pair.txt) {
            core::Place p;
            p.source = pair.ann->name;
            result.diagnostics.push_back(core::make_diagnostic(DiagnosticCode::MissingFile,
                                                               {pair.ann->name, stem + ".txt"}, p));
            ++result.skipped_records;
            continue;
        }
        // A BOM stays: brat's server reads the .txt as plain UTF-8 and counts it as a character.
        std::string_view txt = pair.txt->bytes;
        std::string_view ann = pair.ann ? std::string_view(pair.ann->bytes) : std::string_view();
        bool valid = true;
        for (const NamedFile* f : {pair.txt, pair.ann}) {
            if (!f) continue;
            std::string_view bytes = f == pair.txt ? txt : ann;
            std::size_t bad = core::find_invalid_utf8(bytes);
            if (bad == std::string_view::npos) continue;
            core::Place p;
            p.source = f->name;
            locate(bytes, bad, p.line, p.column);
            result.diagnostics.push_back(
                core::make_diagnostic(DiagnosticCode::InvalidUtf8, {std::to_string(bad)}, p));
            valid = false;
        }
        if (!valid) {
            ++result.skipped_records;
            continue;
        }
        auto doc = read_brat_document(stem_of(pair.txt->name), txt, ann,
                                      pair.ann ? pair.ann->name : stem + ".ann", options,
                                      result.diagnostics);
        if (doc)
            result.documents.push_back(std::move(*doc));
        else
            ++result.skipped_records;
    }
    return result;
}

// [SECTION] Writing

namespace {

bool has_space(std::string_view s) {
    return s.find_first_of(" \t\r\n") != std::string_view::npos;
}

bool is_enumeration(const core::LabelSchema* schema, const std::string& label,
                    const std::string& attribute) {
    if (!schema) return false;
    const core::Label* l = schema->find(label);
    const core::AttributeDef* a = l ? l->attribute(attribute) : nullptr;
    return a && a->type == core::AttributeType::Enumeration;
}

bool as_a_line(const core::LabelSchema* schema, const core::Span& s, const std::string& name,
               const std::string& value) {
    return is_enumeration(schema, s.label, name) && !has_space(name) && !has_space(value) &&
           !value.empty();
}

// brat ids are a letter and a number: `prefix` + the number, or a string id already of that
// form ("T5" from a brat pipeline) when no other span or relation has it. The numbers Gloss
// gives spans named by strings are past the number ending any string id, so they never meet
// one. `items` are (number, string id) pairs.
std::map<std::uint64_t, std::string>
brat_ids(char prefix, const std::vector<std::pair<std::uint64_t, const std::string*>>& items) {
    std::map<std::uint64_t, std::string> out;
    std::set<std::string> taken;
    auto of_brat_form = [prefix](const std::string& id) {
        return id.size() >= 2 && id[0] == prefix &&
               std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    for (const auto& [number, name] : items)
        if (name->empty()) taken.insert(out[number] = prefix + std::to_string(number));
    for (const auto& [number, name] : items)
        if (!name->empty())
            taken.insert(out[number] = of_brat_form(*name) && !taken.count(*name)
                                           ? *name
                                           : prefix + std::to_string(number));
    return out;
}

} // namespace

std::string write_brat_ann(const core::Document& doc, const core::LabelSchema* schema,
                           core::Diagnostics& diagnostics) {
    std::string out;
    std::size_t a = 0, note = 0, norm = 0;
    std::set<core::SpanId> written;
    std::vector<std::pair<std::uint64_t, const std::string*>> items;
    doc.spans().for_each([&](const core::Span& s) { items.emplace_back(s.id, &s.string_id); });
    std::map<std::uint64_t, std::string> span_ids = brat_ids('T', items);
    items.clear();
    for (const auto& [id, r] : doc.relations())
        items.emplace_back(id, &r.string_id);
    std::map<std::uint64_t, std::string> relation_ids = brat_ids('R', items);
    doc.spans().for_each([&](const core::Span& s) {
        if (s.label.empty() || has_space(s.label)) {
            core::Place p;
            p.source = doc.id;
            p.offset = s.start;
            diagnostics.push_back(
                core::make_diagnostic(DiagnosticCode::SpanNotWritten,
                                      {std::to_string(s.id), s.label, std::to_string(s.start),
                                       std::to_string(s.end), "brat labels cannot contain spaces"},
                                      p));
            return;
        }
        written.insert(s.id);
        out += span_ids[s.id] + "\t" + s.label + " " + std::to_string(s.start) + " " +
               std::to_string(s.end) + "\t" + flatten(doc.text().slice(s.start, s.end)) + "\n";
    });
    doc.spans().for_each([&](const core::Span& s) {
        if (!written.count(s.id)) return;
        const std::string& target = span_ids[s.id];
        for (const auto& [name, value] : s.attrs) {
            if (name == "canonical" && !has_space(name)) {
                out += "N" + std::to_string(++norm) + "\tReference " + target +
                       " Gloss:canonical\t" + escape_line(value) + "\n";
            } else if (as_a_line(schema, s, name, value)) {
                out += "A" + std::to_string(++a) + "\t" + name + " " + target + " " + value + "\n";
            } else {
                out += "#" + std::to_string(++note) + "\tAnnotatorNotes " + target + "\t" + name +
                       ": " + escape_line(value) + "\n";
            }
        }
    });
    for (const auto& [id, r] : doc.relations()) {
        if (!written.count(r.from) || !written.count(r.to) || r.type.empty() || has_space(r.type))
            continue;
        out += relation_ids[id] + "\t" + r.type + " Arg1:" + span_ids[r.from] +
               " Arg2:" + span_ids[r.to] + "\n";
    }
    return out;
}

std::string brat_annotation_conf(const std::vector<core::Document>& documents,
                                 const core::LabelSchema* schema) {
    std::vector<std::string> labels;
    std::set<std::string> seen;
    auto add_label = [&](const std::string& l) {
        if (!l.empty() && !has_space(l) && seen.insert(l).second) labels.push_back(l);
    };
    if (schema)
        for (const core::Label& l : schema->labels())
            add_label(l.name);
    std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> relations;
    std::map<std::string, std::pair<std::set<std::string>, std::vector<std::string>>> attributes;
    auto add_attribute = [&](const std::string& label, const std::string& name,
                             const std::string& value) {
        auto& [args, values] = attributes[name];
        args.insert(label);
        if (std::find(values.begin(), values.end(), value) == values.end()) values.push_back(value);
    };
    if (schema)
        for (const core::Label& l : schema->labels())
            for (const core::AttributeDef& a : l.attributes)
                if (a.type == core::AttributeType::Enumeration && !has_space(a.name))
                    for (const std::string& v : a.values)
                        if (!has_space(v) && !v.empty()) add_attribute(l.name, a.name, v);
    for (const core::Document& d : documents) {
        d.spans().for_each([&](const core::Span& s) {
            add_label(s.label);
            for (const auto& [name, value] : s.attrs)
                if (name != "canonical" && as_a_line(schema, s, name, value))
                    add_attribute(s.label, name, value);
        });
        for (const auto& [id, r] : d.relations()) {
            const core::Span* from = d.spans().find(r.from);
            const core::Span* to = d.spans().find(r.to);
            if (!from || !to || r.type.empty() || has_space(r.type)) continue;
            relations[r.type].first.insert(from->label);
            relations[r.type].second.insert(to->label);
        }
    }
    auto joined = [](const std::set<std::string>& s) {
        std::string out;
        for (const std::string& x : s)
            out += (out.empty() ? "" : "|") + x;
        return out;
    };
    std::string out = "# Written by Gloss: the labels, relations and attributes of this dataset.\n"
                      "[entities]\n";
    for (const std::string& l : labels)
        out += l + "\n";
    out += "\n[relations]\n";
    out += "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n";
    for (const auto& [type, args] : relations)
        out += type + "\tArg1:" + joined(args.first) + ", Arg2:" + joined(args.second) + "\n";
    out += "\n[events]\n\n[attributes]\n";
    for (const auto& [name, use] : attributes) {
        std::string values;
        for (const std::string& v : use.second)
            values += (values.empty() ? "" : "|") + v;
        out += name + "\tArg:" + joined(use.first) + ", Value:" + values + "\n";
    }
    return out;
}

BratExport write_brat(const std::vector<core::Document>& documents,
                      const core::LabelSchema* schema) {
    BratExport out;
    // Names already given, in ASCII lower case: "Doc" and "doc" are one file on many disks.
    std::set<std::string> names;
    auto folded = [](std::string name) {
        for (char& c : name)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return name;
    };
    std::size_t metadata = 0;
    for (const core::Document& d : documents) {
        std::string name = file_safe(d.id);
        for (int n = 2; !names.insert(folded(name)).second; ++n)
            name = file_safe(d.id) + "-" + std::to_string(n);
        out.files.push_back({name + ".txt", d.text().utf8()});
        out.files.push_back({name + ".ann", write_brat_ann(d, schema, out.diagnostics)});
        d.spans().for_each([&](const core::Span& s) {
            if (s.status != core::Status::Accepted || !s.annotator.empty()) ++metadata;
        });
    }
    out.files.push_back({"annotation.conf", brat_annotation_conf(documents, schema)});
    if (metadata)
        out.diagnostics.push_back(core::make_diagnostic(
            DiagnosticCode::NotExported,
            {"brat", "the status and annotator of spans", std::to_string(metadata)}));
    return out;
}

} // namespace gloss::io
