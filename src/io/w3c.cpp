// W3C Web Annotation reader and writer. Layer: io.
//
// Index:
// [SECTION] Offsets and ids
// [SECTION] Reading
// [SECTION] Writing
#include "io/w3c.hpp"

#include "io/record_reader.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gloss::io {

using core::DiagnosticCode;

namespace {

// [SECTION] Offsets and ids

constexpr const char* kContext = "http://www.w3.org/ns/anno.jsonld";
constexpr std::size_t kContextLength = 32; // code points of prefix and suffix written

std::optional<std::size_t> from_unit(const core::Text& text, OffsetUnit unit, std::uint64_t v) {
    switch (unit) {
    case OffsetUnit::Utf16:
        return text.index().from_utf16(v);
    case OffsetUnit::Utf8:
        return text.index().from_byte(v);
    case OffsetUnit::CodePoint:
        break;
    }
    if (v > text.size()) return std::nullopt;
    return static_cast<std::size_t>(v);
}

// Gloss writes a span without a string id as "#s" and its number: "#s12" -> 12; 0 otherwise.
std::uint64_t number_in(std::string_view id, char kind) {
    if (id.size() < 3 || id[0] != '#' || id[1] != kind || id[2] == '0' || id.size() > 17) return 0;
    std::uint64_t n = 0;
    for (char c : id.substr(2)) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return n;
}

std::string annotation_id(std::uint64_t number, const std::string& name, char kind) {
    return name.empty() ? "#" + std::string(1, kind) + std::to_string(number) : name;
}

// [SECTION] Reading

struct Pending {
    std::string source;
    core::Span span;
    core::Place place;
};

struct PendingLink {
    std::string source;
    NamedRelation relation;
};

IdRef id_ref(const std::string& id, char kind) {
    IdRef ref;
    if (std::uint64_t n = number_in(id, kind))
        ref.number = n;
    else
        ref.name = id;
    return ref;
}

std::string scalar(const Json& j) {
    return j.is_string() ? j.get<std::string>() : dump_json(j);
}

// The quote's place nearest `near` among those whose prefix and suffix fit; nullopt if none.
std::optional<std::pair<std::size_t, std::size_t>>
find_quote(const core::Text& text, const std::string& exact, const std::string& prefix,
           const std::string& suffix, std::size_t near) {
    if (exact.empty()) return std::nullopt;
    const std::string& utf8 = text.utf8();
    std::optional<std::pair<std::size_t, std::size_t>> best;
    std::size_t best_distance = 0;
    for (std::size_t at = utf8.find(exact); at != std::string::npos;
         at = utf8.find(exact, at + 1)) {
        if (at < prefix.size() || utf8.compare(at - prefix.size(), prefix.size(), prefix) != 0)
            continue;
        if (utf8.compare(at + exact.size(), suffix.size(), suffix) != 0) continue;
        auto start = text.index().from_byte(at), end = text.index().from_byte(at + exact.size());
        if (!start || !end) continue;
        std::size_t distance = *start > near ? *start - near : near - *start;
        if (!best || distance < best_distance) {
            best = {*start, *end};
            best_distance = distance;
        }
    }
    return best;
}

struct AnnotationReader {
    const W3cReadOptions& options;
    const std::map<std::string, core::Document>& texts;
    core::Diagnostics& diagnostics;
    std::vector<Pending>& spans;
    std::vector<PendingLink>& links;
    std::size_t& ignored_targets;

    void read(const Json& a, const core::Place& place) {
        FieldReader r(place, diagnostics);
        if (!a.is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {"(annotation)", "an object"});
            return;
        }
        auto id = r.string_field(a, "id", "", false);
        std::string motivation;
        if (auto m = a.find("motivation"); m != a.end() && m->is_string()) motivation = *m;
        auto t = a.find("target");
        if (t == a.end() || t->is_null()) {
            r.report(DiagnosticCode::FieldMissing, {"target"});
            return;
        }
        // Bodies: tagging values are labels; describing/commenting "name=value" are attributes.
        std::vector<std::string> labels;
        core::Attributes attrs;
        if (auto b = a.find("body"); b != a.end() && !b->is_null()) {
            std::vector<const Json*> bodies;
            if (b->is_array())
                for (const Json& x : *b)
                    bodies.push_back(&x);
            else
                bodies.push_back(&*b);
            for (std::size_t i = 0; i < bodies.size(); ++i) {
                const Json& body = *bodies[i];
                std::string path = "body[" + std::to_string(i) + "].";
                if (body.is_string()) { // a body given by IRI: a tag
                    labels.push_back(body.get<std::string>());
                    continue;
                }
                if (!body.is_object()) {
                    r.report(DiagnosticCode::FieldWrongType, {path + "(body)", "an object"});
                    continue;
                }
                auto value = r.string_field(body, "value", path);
                if (!value) continue;
                std::string purpose;
                if (auto p = body.find("purpose"); p != body.end() && p->is_string()) purpose = *p;
                if (purpose == "describing" || purpose == "commenting") {
                    std::size_t eq = value->find('=');
                    if (eq == std::string::npos || eq == 0)
                        attrs.set(purpose, *value);
                    else
                        attrs.set(value->substr(0, eq), value->substr(eq + 1));
                } else {
                    labels.push_back(*value);
                }
            }
        }
        if (motivation == "linking") {
            link(a, r, id, labels, *t);
            return;
        }
        const Json* target = &*t;
        if (t->is_array()) {
            if (t->empty()) {
                r.report(DiagnosticCode::FieldMissing, {"target[0]"});
                return;
            }
            ignored_targets += t->size() - 1;
            target = &(*t)[0];
        }
        if (!target->is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {"target", "an object"});
            return;
        }
        const Json* source_json = nullptr;
        if (auto s = target->find("source"); s != target->end()) source_json = &*s;
        if (!source_json || !(source_json->is_string() || source_json->is_number_integer())) {
            r.report(DiagnosticCode::FieldWrongType, {"target.source", "a document id"});
            return;
        }
        std::string source = scalar(*source_json);
        auto doc = texts.find(source);
        if (doc == texts.end()) {
            r.report(DiagnosticCode::MissingFile,
                     {"source \"" + source + "\"", "text in texts.jsonl"});
            return;
        }
        const core::Text& text = doc->second.text();
        std::optional<std::uint64_t> start, end;
        std::optional<std::string> exact;
        std::string prefix, suffix;
        if (auto sel = target->find("selector"); sel != target->end() && !sel->is_null()) {
            std::vector<const Json*> selectors;
            if (sel->is_array())
                for (const Json& x : *sel)
                    selectors.push_back(&x);
            else
                selectors.push_back(&*sel);
            for (std::size_t i = 0; i < selectors.size(); ++i) {
                const Json& s = *selectors[i];
                std::string path = "target.selector[" + std::to_string(i) + "].";
                if (!s.is_object()) continue;
                auto type = s.find("type");
                if (type == s.end() || !type->is_string()) continue;
                if (*type == "TextPositionSelector") {
                    start = r.uint_field(s, "start", path);
                    end = r.uint_field(s, "end", path);
                } else if (*type == "TextQuoteSelector") {
                    exact = r.string_field(s, "exact", path);
                    prefix = r.string_field(s, "prefix", path, false).value_or("");
                    suffix = r.string_field(s, "suffix", path, false).value_or("");
                }
            }
        }
        if (r.failed()) return;
        if (!start && !exact) {
            r.report(DiagnosticCode::FieldMissing,
                     {"target.selector (TextPositionSelector or TextQuoteSelector)"});
            return;
        }
        std::string name = id.value_or("(annotation)");
        core::Span span;
        bool placed = false;
        std::size_t near = 0;
        if (start && end) {
            auto s = from_unit(text, options.offset_unit, *start);
            auto e = from_unit(text, options.offset_unit, *end);
            if (s) near = *s;
            if (s && e && *s < *e && (!exact || text.slice(*s, *e) == std::string_view(*exact))) {
                span.start = static_cast<std::uint32_t>(*s);
                span.end = static_cast<std::uint32_t>(*e);
                placed = true;
            }
        }
        if (!placed && exact) {
            if (auto found = find_quote(text, *exact, prefix, suffix, near)) {
                span.start = static_cast<std::uint32_t>(found->first);
                span.end = static_cast<std::uint32_t>(found->second);
                placed = true;
                if (start && end)
                    r.report(DiagnosticCode::SelectorRepaired,
                             {name, std::to_string(*start), std::to_string(*end), *exact,
                              std::to_string(offset_in(text, options.offset_unit, span.start)),
                              std::to_string(offset_in(text, options.offset_unit, span.end))},
                             span.start);
            }
        }
        if (!placed) {
            if (!exact && start && end) {
                // No quote to repair from: report the position as any offset is reported.
                core::Span check;
                r.span_range(text, options.offset_unit, *start, *end, check);
            } else {
                r.report(DiagnosticCode::SelectorMismatch,
                         {name, start ? std::to_string(*start) : "?",
                          end ? std::to_string(*end) : "?", exact.value_or("")});
            }
            return;
        }
        if (labels.empty()) {
            r.report(DiagnosticCode::FieldMissing, {"body (a tagging TextualBody: the label)"});
            return;
        }
        span.attrs = attrs;
        span.origin = core::Origin::Imported;
        // Gloss's own members (absolute IRIs to a JSON-LD processor, ignored by other readers).
        if (auto st = a.find("gloss:status"); st != a.end()) {
            auto status =
                st->is_string() ? core::parse_status(st->get<std::string>()) : std::nullopt;
            if (!status) {
                r.report(DiagnosticCode::FieldWrongType,
                         {"gloss:status", "\"accepted\", \"pending\" or \"rejected\""});
                return;
            }
            span.status = *status;
        }
        if (auto o = a.find("gloss:origin"); o != a.end()) {
            auto origin = o->is_string() ? core::parse_origin(o->get<std::string>()) : std::nullopt;
            if (!origin) {
                r.report(DiagnosticCode::FieldWrongType,
                         {"gloss:origin", "\"manual\", \"suggested\" or \"imported\""});
                return;
            }
            span.origin = *origin;
        }
        if (auto c = a.find("creator"); c != a.end() && !c->is_null()) {
            if (c->is_object()) {
                if (auto n = c->find("name"); n != c->end())
                    span.annotator = scalar(*n);
                else if (auto i = c->find("id"); i != c->end())
                    span.annotator = scalar(*i);
            } else {
                span.annotator = scalar(*c);
            }
        }
        for (std::size_t i = 0; i < labels.size(); ++i) {
            core::Span s = span;
            s.label = labels[i];
            if (!r.check_label(options.schema, s.label, s.start)) continue;
            if (i == 0 && id) {
                IdRef ref = id_ref(*id, 's');
                s.id = ref.number;
                s.string_id = ref.name;
            }
            spans.push_back({source, std::move(s), place});
        }
    }

    void link(const Json& a, FieldReader& r, const std::optional<std::string>& id,
              const std::vector<std::string>& labels, const Json& target) {
        if (!target.is_array() || target.size() != 2 || !target[0].is_string() ||
            !target[1].is_string()) {
            r.report(DiagnosticCode::FieldWrongType,
                     {"target", "the ids of two annotations (a linking annotation)"});
            return;
        }
        NamedRelation rel;
        rel.relation.type = labels.empty() ? "relation" : labels.front();
        if (id) {
            IdRef ref = id_ref(*id, 'r');
            rel.relation.id = ref.number;
            rel.relation.string_id = ref.name;
        }
        rel.from = id_ref(target[0].get<std::string>(), 's');
        rel.to = id_ref(target[1].get<std::string>(), 's');
        (void)a;
        // Gloss writes a document's links after its spans, and "#s12" repeats across documents:
        // the link belongs with the spans read just before it when they hold its ends.
        links.push_back({spans.empty() ? "" : spans.back().source, std::move(rel)});
    }
};

// The texts: {"id","text"} per line.
void read_texts(const NamedFile& f, std::map<std::string, core::Document>& texts,
                std::vector<std::string>& order, core::Diagnostics& diagnostics) {
    for (const Line& line : split_lines(f.bytes)) {
        if (is_blank(line.text)) continue;
        core::Place place;
        place.source = f.name;
        place.line = line.number;
        auto json = parse_json(line.text, place, diagnostics);
        if (!json) continue;
        FieldReader r(place, diagnostics);
        if (!json->is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {"(line)", "an object"});
            continue;
        }
        auto id = r.id_field(*json, "id", "", true);
        auto text = r.string_field(*json, "text", "");
        if (!id || !text) continue;
        std::string name = id->name.empty() ? std::to_string(id->number) : id->name;
        if (texts.count(name)) {
            r.report(DiagnosticCode::Other, {"document id \"" + name + "\" is given twice"});
            continue;
        }
        order.push_back(name);
        texts.emplace(name, core::Document(name, core::Text(std::move(*text))));
    }
}

bool ends_with(std::string_view s, std::string_view tail) {
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

} // namespace

ImportResult read_w3c(const std::vector<NamedFile>& files, const W3cReadOptions& options) {
    ImportResult result;
    std::map<std::string, core::Document> texts;
    std::vector<std::string> order;
    for (const NamedFile& f : files)
        if (ends_with(f.name, ".jsonl")) read_texts(f, texts, order, result.diagnostics);
    std::vector<Pending> spans;
    std::vector<PendingLink> links;
    std::size_t ignored_targets = 0;
    AnnotationReader reader{options, texts, result.diagnostics, spans, links, ignored_targets};
    for (const NamedFile& f : files) {
        if (ends_with(f.name, ".jsonl")) continue;
        core::Place where;
        where.source = f.name;
        auto json = parse_json(f.bytes, where, result.diagnostics);
        if (!json) continue;
        std::vector<std::uint64_t> lines;
        const Json* items = &*json;
        std::string path = "";
        if (json->is_array()) {
            if (auto split = split_json_array(f.bytes, f.name, result.diagnostics))
                for (const JsonElement& e : *split)
                    lines.push_back(e.line);
        } else if (json->is_object() && json->contains("items")) {
            items = &(*json)["items"];
            path = "items";
        } else if (json->is_object() && json->contains("first")) {
            const Json& first = (*json)["first"];
            items = first.is_object() && first.contains("items") ? &first["items"] : &first;
            path = first.is_object() ? "first.items" : "first";
        }
        if (!items->is_array()) {
            reader.read(*items, where);
            continue;
        }
        for (std::size_t i = 0; i < items->size(); ++i) {
            core::Place place = where;
            if (i < lines.size())
                place.line = lines[i];
            else
                place.source = f.name + "[" + (path.empty() ? "" : path + "[") + std::to_string(i) +
                               (path.empty() ? "]" : "]]");
            reader.read((*items)[i], place);
        }
    }
    if (ignored_targets)
        result.diagnostics.push_back(core::make_diagnostic(
            DiagnosticCode::Ignored,
            {"targets after the first", std::to_string(ignored_targets) + " (Gloss spans are "
                                                                          "one range)"}));
    // Relations are placed in the document of the annotation they name first.
    std::map<std::string, std::vector<core::Span>> by_source;
    std::map<std::string, std::string> source_of_id;
    std::set<std::pair<std::string, std::string>> held; // (source, annotation id)
    for (Pending& p : spans) {
        std::string id = annotation_id(p.span.id, p.span.string_id, 's');
        source_of_id.emplace(id, p.source);
        held.insert({p.source, id});
        by_source[p.source].push_back(std::move(p.span));
    }
    std::map<std::string, std::vector<NamedRelation>> relations_of;
    for (PendingLink& l : links) {
        std::string from = l.relation.from.name.empty()
                               ? "#s" + std::to_string(l.relation.from.number)
                               : l.relation.from.name;
        if (held.count({l.source, from})) {
            relations_of[l.source].push_back(std::move(l.relation));
            continue;
        }
        auto s = source_of_id.find(from);
        if (s == source_of_id.end()) {
            result.diagnostics.push_back(core::make_diagnostic(
                DiagnosticCode::DanglingRelation,
                {annotation_id(l.relation.relation.id, l.relation.relation.string_id, 'r'), from}));
            continue;
        }
        relations_of[s->second].push_back(std::move(l.relation));
    }
    for (const std::string& name : order) {
        core::Document doc = std::move(texts.at(name));
        core::Place place;
        place.source = name;
        FieldReader r(place, result.diagnostics);
        r.load_named(doc, std::move(by_source[name]), std::move(relations_of[name]));
        result.documents.push_back(std::move(doc));
    }
    if (!result.ok()) {
        result.skipped_records = result.documents.size();
        result.documents.clear();
    }
    return result;
}

// [SECTION] Writing

W3cExport write_w3c(const std::vector<core::Document>& documents, OffsetUnit offset_unit) {
    W3cExport out;
    std::string annotations = "[\n";
    std::string texts;
    bool first = true;
    std::size_t rejected = 0;
    auto add = [&](const Json& j) {
        if (!first) annotations += ",\n";
        first = false;
        annotations += dump_json(j);
    };
    for (const core::Document& doc : documents) {
        texts += dump_json(Json{{"id", doc.id}, {"text", doc.text().utf8()}}) + "\n";
        const core::Text& text = doc.text();
        for (const core::Span& s : spans_of(doc)) {
            if (s.status == core::Status::Rejected) {
                ++rejected;
                continue;
            }
            Json body = Json::array();
            body.push_back({{"type", "TextualBody"}, {"purpose", "tagging"}, {"value", s.label}});
            for (const auto& [k, v] : s.attrs)
                body.push_back(
                    {{"type", "TextualBody"}, {"purpose", "describing"}, {"value", k + "=" + v}});
            std::size_t before = s.start > kContextLength ? s.start - kContextLength : 0;
            std::size_t after = std::min(text.size(), std::size_t{s.end} + kContextLength);
            Json quote = {{"type", "TextQuoteSelector"},
                          {"exact", std::string(text.slice(s.start, s.end))},
                          {"prefix", std::string(text.slice(before, s.start))},
                          {"suffix", std::string(text.slice(s.end, after))}};
            Json position = {{"type", "TextPositionSelector"},
                             {"start", offset_in(text, offset_unit, s.start)},
                             {"end", offset_in(text, offset_unit, s.end)}};
            Json a = {{"@context", kContext},
                      {"id", annotation_id(s.id, s.string_id, 's')},
                      {"type", "Annotation"},
                      {"motivation", "tagging"},
                      {"body", std::move(body)}};
            if (!s.annotator.empty()) a["creator"] = {{"type", "Person"}, {"name", s.annotator}};
            a["gloss:status"] = std::string(core::to_string(s.status));
            a["gloss:origin"] = std::string(core::to_string(s.origin));
            a["target"] = {{"source", doc.id},
                           {"selector", {std::move(quote), std::move(position)}}};
            add(a);
        }
        for (const auto& [id, r] : doc.relations()) {
            const core::Span* from = doc.spans().find(r.from);
            const core::Span* to = doc.spans().find(r.to);
            if (!from || !to || from->status == core::Status::Rejected ||
                to->status == core::Status::Rejected)
                continue;
            Json body = Json::array(
                {Json{{"type", "TextualBody"}, {"purpose", "tagging"}, {"value", r.type}}});
            add({{"@context", kContext},
                 {"id", annotation_id(r.id, r.string_id, 'r')},
                 {"type", "Annotation"},
                 {"motivation", "linking"},
                 {"body", std::move(body)},
                 {"target",
                  {annotation_id(from->id, from->string_id, 's'),
                   annotation_id(to->id, to->string_id, 's')}}});
        }
    }
    annotations += first ? "]\n" : "\n]\n";
    out.files.push_back({"annotations.w3c.jsonld", std::move(annotations)});
    out.files.push_back({"texts.jsonl", std::move(texts)});
    if (rejected)
        out.diagnostics.push_back(core::make_diagnostic(
            DiagnosticCode::NotExported, {"w3c", "rejected spans", std::to_string(rejected)}));
    return out;
}

} // namespace gloss::io
