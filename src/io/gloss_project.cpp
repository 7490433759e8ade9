// Gloss project JSON reader and writer. Layer: io.
#include "io/gloss_project.hpp"

#include "io/gloss_jsonl.hpp"
#include "io/json_cursor.hpp"
#include "io/record_reader.hpp"
#include "io/schema_io.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <unordered_set>

namespace gloss::io {
namespace {

using core::DiagnosticCode;

// [SECTION] Writing

Json span_json(const core::Span& s, const core::Text* text) {
    Json out;
    out["id"] = s.id;
    if (!s.string_id.empty()) out["string_id"] = s.string_id;
    out["start"] = s.start;
    out["end"] = s.end;
    if (text) out["text"] = std::string(text->slice(s.start, s.end));
    out["label"] = s.label;
    Json attrs = Json::object();
    for (const auto& [k, v] : s.attrs)
        attrs[k] = v;
    out["attrs"] = std::move(attrs);
    out["origin"] = std::string(core::to_string(s.origin));
    out["status"] = std::string(core::to_string(s.status));
    out["annotator"] = s.annotator;
    out["created_ms"] = s.created_ms;
    out["modified_ms"] = s.modified_ms;
    return out;
}

Json relation_json(const core::Relation& r) {
    Json out;
    out["id"] = r.id;
    if (!r.string_id.empty()) out["string_id"] = r.string_id;
    out["type"] = r.type;
    out["from"] = r.from;
    out["to"] = r.to;
    return out;
}

std::string_view kind_name(core::Edit::Kind kind) {
    switch (kind) {
    case core::Edit::Kind::AddSpan:
        return "add_span";
    case core::Edit::Kind::RemoveSpan:
        return "remove_span";
    case core::Edit::Kind::UpdateSpan:
        return "update_span";
    case core::Edit::Kind::AddRelation:
        return "add_relation";
    case core::Edit::Kind::RemoveRelation:
        return "remove_relation";
    }
    return "add_span";
}

std::optional<core::Edit::Kind> parse_kind(std::string_view name) {
    for (auto k :
         {core::Edit::Kind::AddSpan, core::Edit::Kind::RemoveSpan, core::Edit::Kind::UpdateSpan,
          core::Edit::Kind::AddRelation, core::Edit::Kind::RemoveRelation})
        if (kind_name(k) == name) return k;
    return std::nullopt;
}

// Ids of the spans an edit of the document's history refers to (Document::withdraw_suggestions
// keeps the same ones).
std::unordered_set<core::SpanId> spans_in_history(const core::Document& doc) {
    std::unordered_set<core::SpanId> out;
    for (const core::EditGroup& g : doc.history().groups())
        for (const core::Edit& e : g.edits) {
            if (e.before) out.insert(e.before->id);
            if (e.after) out.insert(e.after->id);
            if (e.relation) { // a suggestion a recorded relation links is kept with it
                out.insert(e.relation->from);
                out.insert(e.relation->to);
            }
        }
    return out;
}

Json document_json(const core::Document& doc, bool skip_untouched_suggestions) {
    Json out;
    out["id"] = doc.id;
    out["text"] = doc.text().utf8();
    Json meta = Json::object();
    meta["title"] = doc.meta.title;
    meta["source"] = doc.meta.source;
    meta["url"] = doc.meta.url;
    meta["language"] = doc.meta.language;
    Json extra = Json::object();
    for (const auto& [k, v] : doc.meta.extra)
        extra[k] = v;
    meta["extra"] = std::move(extra);
    out["meta"] = std::move(meta);
    if (!doc.tokens().empty()) { // only a dataset's own tokens
        Json tokens = Json::array();
        for (const core::Token& t : doc.tokens())
            tokens.push_back({{"start", t.start}, {"end", t.end}});
        out["tokens"] = std::move(tokens);
    }
    std::unordered_set<core::SpanId> touched, skipped;
    if (skip_untouched_suggestions) touched = spans_in_history(doc);
    Json spans = Json::array();
    doc.spans().for_each([&](const core::Span& s) {
        if (skip_untouched_suggestions && s.status == core::Status::Pending &&
            s.origin == core::Origin::Suggested && !touched.count(s.id)) {
            skipped.insert(s.id);
            return;
        }
        spans.push_back(span_json(s, &doc.text()));
    });
    out["spans"] = std::move(spans);
    Json relations = Json::array();
    for (const auto& [id, r] : doc.relations())
        if (skipped.empty() || (!skipped.count(r.from) && !skipped.count(r.to)))
            relations.push_back(relation_json(r));
    out["relations"] = std::move(relations);
    Json groups = Json::array();
    for (const core::EditGroup& g : doc.history().groups()) {
        Json edits = Json::array();
        for (const core::Edit& e : g.edits) {
            Json edit;
            edit["kind"] = std::string(kind_name(e.kind));
            if (e.before) edit["before"] = span_json(*e.before, nullptr);
            if (e.after) edit["after"] = span_json(*e.after, nullptr);
            if (e.relation) edit["relation"] = relation_json(*e.relation);
            edits.push_back(std::move(edit));
        }
        groups.push_back({{"name", g.name}, {"edits", std::move(edits)}});
    }
    out["history"] = {{"position", doc.history().position()},
                      {"next_span_id", doc.next_span_id()},
                      {"next_relation_id", doc.next_relation_id()},
                      {"groups", std::move(groups)}};
    return out;
}

// [SECTION] Writing directly: the same bytes as dump_json(document_json(...)) on one line,
// without building a tree (an autosave of a 2 MB article with 20,000 spans takes a frame, not
// half a second). tests/unit/io/gloss_project_test.cpp compares the two.

void append_int(std::string& out, std::int64_t value) {
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, end);
}

void append_string_id(std::string& out, const std::string& string_id) {
    if (string_id.empty()) return;
    out += ",\"string_id\":";
    append_json_string(out, string_id);
}

// {"id","string_id" (when it has one),"type","from","to"}: numbers, as the history holds them.
void append_relation(std::string& out, const core::Relation& r) {
    out += "{\"id\":";
    append_json_uint(out, r.id);
    append_string_id(out, r.string_id);
    out += ",\"type\":";
    append_json_string(out, r.type);
    out += ",\"from\":";
    append_json_uint(out, r.from);
    out += ",\"to\":";
    append_json_uint(out, r.to);
    out += '}';
}

void append_span(std::string& out, const core::Span& s, const core::Text* text) {
    out += "{\"id\":";
    append_json_uint(out, s.id);
    append_string_id(out, s.string_id);
    out += ",\"start\":";
    append_json_uint(out, s.start);
    out += ",\"end\":";
    append_json_uint(out, s.end);
    if (text) {
        out += ",\"text\":";
        append_json_string(out, text->slice(s.start, s.end));
    }
    out += ",\"label\":";
    append_json_string(out, s.label);
    out += ",\"attrs\":{";
    bool first = true;
    for (const auto& [k, v] : s.attrs) {
        if (!first) out += ',';
        first = false;
        append_json_key(out, k);
        append_json_string(out, v);
    }
    out += "},\"origin\":";
    append_json_string(out, core::to_string(s.origin));
    out += ",\"status\":";
    append_json_string(out, core::to_string(s.status));
    out += ",\"annotator\":";
    append_json_string(out, s.annotator);
    out += ",\"created_ms\":";
    append_int(out, s.created_ms);
    out += ",\"modified_ms\":";
    append_int(out, s.modified_ms);
    out += '}';
}

void append_metadata(std::string& out, const core::Metadata& meta) {
    out += "{\"title\":";
    append_json_string(out, meta.title);
    out += ",\"source\":";
    append_json_string(out, meta.source);
    out += ",\"url\":";
    append_json_string(out, meta.url);
    out += ",\"language\":";
    append_json_string(out, meta.language);
    out += ",\"extra\":{";
    bool first = true;
    for (const auto& [k, v] : meta.extra) {
        if (!first) out += ',';
        first = false;
        append_json_key(out, k);
        append_json_string(out, v);
    }
    out += "}}";
}

// A document up to its text's opening quote; the text follows in pieces, then the rest of its
// head (append_document_head_rest).
void append_document_start(std::string& out, const core::Document& doc) {
    out += "{\"id\":";
    append_json_string(out, doc.id);
    out += ",\"text\":\"";
}

void append_document_head_rest(std::string& out, const core::Document& doc) {
    out += "\",\"meta\":";
    append_metadata(out, doc.meta);
    bool first = true;
    if (!doc.tokens().empty()) {
        out += ",\"tokens\":[";
        first = true;
        for (const core::Token& t : doc.tokens()) {
            if (!first) out += ',';
            first = false;
            out += "{\"start\":";
            append_json_uint(out, t.start);
            out += ",\"end\":";
            append_json_uint(out, t.end);
            out += '}';
        }
        out += ']';
    }
    out += ",\"spans\":[";
}

void append_edit_group(std::string& out, const core::EditGroup& g) {
    out += "{\"name\":";
    append_json_string(out, g.name);
    out += ",\"edits\":[";
    bool first_edit = true;
    for (const core::Edit& e : g.edits) {
        if (!first_edit) out += ',';
        first_edit = false;
        out += "{\"kind\":";
        append_json_string(out, kind_name(e.kind));
        if (e.before) {
            out += ",\"before\":";
            append_span(out, *e.before, nullptr);
        }
        if (e.after) {
            out += ",\"after\":";
            append_span(out, *e.after, nullptr);
        }
        if (e.relation) {
            out += ",\"relation\":";
            append_relation(out, *e.relation);
        }
        out += '}';
    }
    out += "]}";
}

// The addition's members before its documents, "documents" last and empty.
Json addition_head(const ProjectAddition& a) {
    Json head;
    head["name"] = a.name;
    head["undone"] = a.undone;
    head["latest"] = a.latest;
    head["current"] = a.other_current;
    Json put = Json::array();
    for (const ProjectAddition::Put& p : a.put)
        put.push_back({{"id", p.id}, {"groups", p.groups}, {"position", p.position}});
    head["put"] = std::move(put);
    head["documents"] = Json::array();
    return head;
}

} // namespace

// [SECTION] The one-line writer, a slice at a time

ProjectWriter::ProjectWriter(const core::LabelSchema* schema,
                             std::vector<std::string> known_annotators,
                             const std::vector<core::Document>& documents,
                             bool skip_untouched_suggestions, const ProjectAddition* addition)
    : m_schema(schema), m_documents(documents), m_addition(addition),
      m_skip_untouched(skip_untouched_suggestions) {
    for (std::string& a : known_annotators)
        m_annotators.insert(std::move(a));
}

bool ProjectWriter::step(std::string& out, std::size_t budget) {
    std::size_t spent = 0;
    while (m_phase != Phase::Done && spent < budget) {
        const core::Document* doc = m_document < list().size() ? &list()[m_document] : nullptr;
        switch (m_phase) {
        case Phase::Annotators:                         // every span's annotator, for the header
            if (!doc && m_addition && !m_in_addition) { // and those of the addition's documents
                m_in_addition = true;
                m_document = 0;
                break;
            }
            if (!doc) {
                m_in_addition = false;
                m_phase = Phase::Header;
                break;
            }
            m_span = m_span ? doc->spans().next(m_span->id) : doc->spans().first();
            if (!m_span) {
                ++m_document;
                break;
            }
            if (!m_span->annotator.empty()) m_annotators.insert(m_span->annotator);
            ++spent;
            break;
        case Phase::Header: {
            Json head;
            head["format"] = kProjectFormatVersion;
            head["generator"] = "gloss";
            // The schema writer is the one place that knows the schema's JSON shape.
            head["schema"] = m_schema ? Json::parse(write_schema(*m_schema)) : Json(nullptr);
            head["annotators"] =
                Json(std::vector<std::string>(m_annotators.begin(), m_annotators.end()));
            head["documents"] = Json::array();
            std::string text = dump_json(head, -1);
            text.resize(text.size() - 3); // "[]}"
            out += text;
            out += '[';
            m_document = 0;
            m_phase = Phase::DocumentHead;
            break;
        }
        case Phase::DocumentHead:
            if (!doc && m_addition && !m_in_addition) {
                std::string text = dump_json(addition_head(*m_addition), -1);
                text.resize(text.size() - 3); // "[]}"
                out += "],\"addition\":";
                out += text;
                out += '[';
                m_in_addition = true;
                m_document = 0;
                break;
            }
            if (!doc) {
                out += m_in_addition ? "]}}\n" : "]}\n";
                m_phase = Phase::Done;
                break;
            }
            if (m_document) out += ',';
            append_document_start(out, *doc);
            m_text_at = 0;
            m_phase = Phase::Text;
            ++spent;
            break;
        case Phase::Text: { // 16 KB a step, cut between characters
            std::string_view text = doc->text().utf8();
            std::size_t end = std::min(text.size(), m_text_at + (std::size_t{16} << 10));
            while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
                ++end;
            append_json_string_content(out, text.substr(m_text_at, end - m_text_at));
            spent += 4;
            m_text_at = end;
            if (m_text_at < text.size()) break;
            append_document_head_rest(out, *doc);
            m_touched.clear();
            m_skipped.clear();
            if (m_skip_untouched) m_touched = spans_in_history(*doc);
            m_span = nullptr;
            m_first = true;
            m_phase = Phase::Spans;
            break;
        }
        case Phase::Spans:
            m_span = m_span ? doc->spans().next(m_span->id) : doc->spans().first();
            if (!m_span) {
                out += "],\"relations\":[";
                m_relation = 0;
                m_first = true;
                m_phase = Phase::Relations;
                break;
            }
            ++spent;
            if (m_skip_untouched && m_span->status == core::Status::Pending &&
                m_span->origin == core::Origin::Suggested && !m_touched.count(m_span->id)) {
                m_skipped.insert(m_span->id);
                break;
            }
            if (!m_first) out += ',';
            m_first = false;
            append_span(out, *m_span, &doc->text());
            break;
        case Phase::Relations: {
            auto it = doc->relations().upper_bound(m_relation);
            if (it == doc->relations().end()) {
                out += "],\"history\":{\"position\":";
                append_json_uint(out, doc->history().position());
                out += ",\"next_span_id\":";
                append_json_uint(out, doc->next_span_id());
                out += ",\"next_relation_id\":";
                append_json_uint(out, doc->next_relation_id());
                out += ",\"groups\":[";
                m_group = 0;
                m_phase = Phase::History;
                break;
            }
            m_relation = it->first;
            ++spent;
            const core::Relation& r = it->second;
            if (!m_skipped.empty() && (m_skipped.count(r.from) || m_skipped.count(r.to))) break;
            if (!m_first) out += ',';
            m_first = false;
            append_relation(out, r);
            break;
        }
        case Phase::History: {
            const auto& groups = doc->history().groups();
            if (m_group == groups.size()) {
                out += "]}}";
                ++m_document;
                m_phase = Phase::DocumentHead;
                break;
            }
            if (m_group) out += ',';
            append_edit_group(out, groups[m_group]);
            spent += 1 + groups[m_group].edits.size();
            ++m_group;
            break;
        }
        case Phase::Done:
            break;
        }
    }
    return m_phase == Phase::Done;
}

namespace {

// [SECTION] Reading

struct DocumentReader {
    FieldReader& r;

    std::optional<std::int64_t> int_field(const Json& obj, const char* key,
                                          const std::string& path) {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return 0;
        if (it->is_number_integer()) return it->get<std::int64_t>();
        r.report(DiagnosticCode::FieldWrongType, {path + key, "an integer"});
        return std::nullopt;
    }

    // A span of the document (`text` given) or of the history (no text check there).
    std::optional<core::Span> span(const Json& s, const std::string& path, const core::Text* text) {
        if (!s.is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {path, "an object"});
            return std::nullopt;
        }
        std::string p = path + ".";
        core::Span span;
        auto id = r.uint_field(s, "id", p);
        auto start = r.uint_field(s, "start", p);
        auto end = r.uint_field(s, "end", p);
        auto label = r.string_field(s, "label", p);
        auto string_id = r.string_field(s, "string_id", p, false);
        if (!id || !start || !end || !label) return std::nullopt;
        span.id = *id;
        if (string_id) span.string_id = *string_id;
        span.label = *label;
        if (text) {
            if (!r.span_range(*text, OffsetUnit::CodePoint, *start, *end, span))
                return std::nullopt;
            if (auto t = r.string_field(s, "text", p, false); t && !r.check_text(*text, span, *t))
                return std::nullopt;
        } else {
            span.start = static_cast<std::uint32_t>(std::min<std::uint64_t>(*start, UINT32_MAX));
            span.end = static_cast<std::uint32_t>(std::min<std::uint64_t>(*end, UINT32_MAX));
        }
        if (const Json* attrs = r.object_field(s, "attrs", p))
            for (auto a = attrs->begin(); a != attrs->end(); ++a) {
                if (!a.value().is_string()) {
                    r.report(DiagnosticCode::FieldWrongType, {p + "attrs." + a.key(), "a string"});
                    return std::nullopt;
                }
                span.attrs.set(a.key(), a.value().get<std::string>());
            }
        if (auto o = r.string_field(s, "origin", p, false)) {
            auto parsed = core::parse_origin(*o);
            if (!parsed) {
                r.report(DiagnosticCode::FieldWrongType,
                         {p + "origin", "manual, suggested or imported"});
                return std::nullopt;
            }
            span.origin = *parsed;
        }
        if (auto st = r.string_field(s, "status", p, false)) {
            auto parsed = core::parse_status(*st);
            if (!parsed) {
                r.report(DiagnosticCode::FieldWrongType,
                         {p + "status", "accepted, pending or rejected"});
                return std::nullopt;
            }
            span.status = *parsed;
        }
        if (auto a = r.string_field(s, "annotator", p, false)) span.annotator = *a;
        auto created = int_field(s, "created_ms", p);
        auto modified = int_field(s, "modified_ms", p);
        if (!created || !modified) return std::nullopt;
        span.created_ms = *created;
        span.modified_ms = *modified;
        return span;
    }

    std::optional<core::Relation> relation(const Json& j, const std::string& path) {
        if (!j.is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {path, "an object"});
            return std::nullopt;
        }
        std::string p = path + ".";
        auto id = r.uint_field(j, "id", p);
        auto type = r.string_field(j, "type", p);
        auto from = r.uint_field(j, "from", p);
        auto to = r.uint_field(j, "to", p);
        auto string_id = r.string_field(j, "string_id", p, false);
        if (!id || !type || !from || !to) return std::nullopt;
        return core::Relation{*id, *type, *from, *to, string_id.value_or("")};
    }

    core::Metadata metadata(const Json& meta, const std::string& mp) {
        core::Metadata out;
        for (auto [key, field] : {std::pair{"title", &out.title}, std::pair{"source", &out.source},
                                  std::pair{"url", &out.url}, std::pair{"language", &out.language}})
            if (auto v = r.string_field(meta, key, mp, false)) *field = *v;
        if (const Json* extra = r.object_field(meta, "extra", mp))
            for (auto e = extra->begin(); e != extra->end(); ++e) {
                if (e.value().is_string())
                    out.extra[e.key()] = e.value().get<std::string>();
                else
                    r.report(DiagnosticCode::FieldWrongType, {mp + "extra." + e.key(), "a string"});
            }
        return out;
    }

    std::optional<core::Document> document(const Json& j, const std::string& path) {
        if (!j.is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {path, "an object"});
            return std::nullopt;
        }
        std::string p = path + ".";
        auto id = r.string_field(j, "id", p);
        auto text = r.string_field(j, "text", p);
        if (!id || !text) return std::nullopt;
        core::Document doc(*id, core::Text(std::move(*text)));
        if (const Json* meta = r.object_field(j, "meta", p))
            doc.meta = metadata(*meta, p + "meta.");
        std::vector<RawToken> raw_tokens;
        if (const Json* a = r.array_field(j, "tokens", p)) raw_tokens = r.raw_tokens(*a, p);
        std::vector<core::Token> tokens;
        r.tokens(doc.text(), OffsetUnit::CodePoint, raw_tokens, p, tokens);
        std::vector<core::Span> spans;
        if (const Json* a = r.array_field(j, "spans", p))
            for (std::size_t i = 0; i < a->size(); ++i)
                if (auto s = span((*a)[i], p + "spans[" + std::to_string(i) + "]", &doc.text()))
                    spans.push_back(std::move(*s));
        std::vector<core::Relation> relations;
        if (const Json* a = r.array_field(j, "relations", p))
            for (std::size_t i = 0; i < a->size(); ++i)
                if (auto rel = relation((*a)[i], p + "relations[" + std::to_string(i) + "]"))
                    relations.push_back(std::move(*rel));
        if (r.failed()) return std::nullopt;
        r.load(doc, std::move(spans), std::move(relations));
        if (r.failed()) return std::nullopt;
        if (const Json* h = r.object_field(j, "history", p)) {
            if (!history(doc, *h, p + "history.")) return std::nullopt;
        }
        doc.set_tokens(std::move(tokens)); // checked above
        return doc;
    }

    std::optional<core::EditGroup> group(const Json& gj, const std::string& gp) {
        if (!gj.is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {gp, "an object"});
            return std::nullopt;
        }
        core::EditGroup group;
        if (auto name = r.string_field(gj, "name", gp + ".", false)) group.name = *name;
        const Json* edits = r.array_field(gj, "edits", gp + ".", true);
        if (!edits) return std::nullopt;
        for (std::size_t e = 0; e < edits->size(); ++e) {
            const Json& ej = (*edits)[e];
            std::string ep = gp + ".edits[" + std::to_string(e) + "]";
            if (!ej.is_object()) {
                r.report(DiagnosticCode::FieldWrongType, {ep, "an object"});
                return std::nullopt;
            }
            core::Edit edit;
            auto kind = r.string_field(ej, "kind", ep + ".");
            if (!kind) return std::nullopt;
            auto parsed = parse_kind(*kind);
            if (!parsed) {
                r.report(DiagnosticCode::FieldWrongType,
                         {ep + ".kind", "add_span, remove_span, update_span, add_relation or "
                                        "remove_relation"});
                return std::nullopt;
            }
            edit.kind = *parsed;
            if (auto b = ej.find("before"); b != ej.end() && !b->is_null()) {
                edit.before = span(*b, ep + ".before", nullptr);
                if (!edit.before) return std::nullopt;
            }
            if (auto a = ej.find("after"); a != ej.end() && !a->is_null()) {
                edit.after = span(*a, ep + ".after", nullptr);
                if (!edit.after) return std::nullopt;
            }
            if (auto rel = ej.find("relation"); rel != ej.end() && !rel->is_null()) {
                edit.relation = relation(*rel, ep + ".relation");
                if (!edit.relation) return std::nullopt;
            }
            group.edits.push_back(std::move(edit));
        }
        return group;
    }

    bool history(core::Document& doc, const Json& h, const std::string& p) {
        auto position = r.uint_field(h, "position", p);
        const Json* groups_json = r.array_field(h, "groups", p, true);
        if (!position || !groups_json) return false;
        std::vector<core::EditGroup> groups;
        for (std::size_t g = 0; g < groups_json->size(); ++g) {
            auto group = this->group((*groups_json)[g], p + "groups[" + std::to_string(g) + "]");
            if (!group) return false;
            groups.push_back(std::move(*group));
        }
        if (*position > groups.size()) {
            r.report(DiagnosticCode::FieldWrongType,
                     {p + "position",
                      "at most the number of groups (" + std::to_string(groups.size()) + ")"});
            return false;
        }
        // The saved spans must be the state at `position`: undoing to the start and redoing
        // back must give them again, or undo would corrupt the document later.
        core::Document probe = doc;
        probe.restore_history(groups, *position);
        while (probe.undo()) {
        }
        for (std::uint64_t i = 0; i < *position; ++i)
            probe.redo();
        if (spans_of(probe) != spans_of(doc) || probe.relations() != doc.relations()) {
            r.report(DiagnosticCode::HistoryMismatch, {std::to_string(*position)});
            return false;
        }
        doc.restore_history(std::move(groups), *position);
        // Optional (written since the edit journal): ids no new span or relation may take.
        auto next_span = r.uint_field(h, "next_span_id", p, false);
        auto next_relation = r.uint_field(h, "next_relation_id", p, false);
        doc.reserve_ids(next_span.value_or(0), next_relation.value_or(0));
        return !r.failed();
    }
};

} // namespace

namespace {

// The "addition" member; null, with the problem in `problems`, when any part of it is bad.
std::optional<ProjectAddition> read_addition(const Json& aj, const core::Place& where,
                                             core::Diagnostics& problems) {
    FieldReader r(where, problems);
    if (!aj.is_object()) return std::nullopt;
    ProjectAddition a;
    auto name = aj.find("name");
    auto undone = aj.find("undone");
    auto current = aj.find("current");
    auto latest = aj.find("latest");
    if (name == aj.end() || !name->is_string() || undone == aj.end() || !undone->is_boolean() ||
        current == aj.end() || !current->is_number_unsigned() || latest == aj.end() ||
        !latest->is_boolean())
        return std::nullopt;
    a.latest = latest->get<bool>();
    a.name = name->get<std::string>();
    a.undone = undone->get<bool>();
    a.other_current = current->get<std::size_t>();
    const Json* put = r.array_field(aj, "put", "addition", true);
    const Json* documents = r.array_field(aj, "documents", "addition", true);
    if (!put || !documents) return std::nullopt;
    for (const Json& p : *put) {
        if (!p.is_object() || !p.contains("id") || !p["id"].is_string()) return std::nullopt;
        auto groups = r.uint_field(p, "groups", "addition.put[]");
        auto position = r.uint_field(p, "position", "addition.put[]");
        if (!groups || !position || *position > *groups) return std::nullopt;
        a.put.push_back({p["id"].get<std::string>(), static_cast<std::size_t>(*groups),
                         static_cast<std::size_t>(*position)});
    }
    for (std::size_t i = 0; i < documents->size(); ++i) {
        DocumentReader reader{r};
        auto doc =
            reader.document((*documents)[i], "addition.documents[" + std::to_string(i) + "]");
        if (!doc || r.failed()) return std::nullopt;
        a.documents.push_back(std::move(*doc));
    }
    return a;
}

} // namespace

ProjectResult read_gloss_project(std::string_view bytes, const std::string& source) {
    ProjectResult result;
    // Until the documents are reached, a problem refuses the whole file: one record.
    result.skipped_records = 1;
    core::Place where;
    where.source = source;
    auto json = parse_json(bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes, where,
                           result.diagnostics);
    if (!json) return result;
    FieldReader top(where, result.diagnostics);
    if (!json->is_object()) {
        top.report(DiagnosticCode::NotAProject, {"the file is not a JSON object"});
        return result;
    }
    auto format = json->find("format");
    if (format == json->end()) {
        top.report(DiagnosticCode::NotAProject, {"it has no \"format\" version"});
        return result;
    }
    if (!format->is_number_unsigned() && !format->is_number_integer()) {
        top.report(DiagnosticCode::NotAProject, {"\"format\" is not a version number"});
        return result;
    }
    if (format->is_number_integer() && format->get<std::int64_t>() < 1) {
        top.report(DiagnosticCode::NotAProject, {"\"format\" is not a version number"});
        return result;
    }
    if (format->get<std::uint64_t>() > kProjectFormatVersion) {
        top.report(DiagnosticCode::FormatTooNew, {std::to_string(format->get<std::uint64_t>()),
                                                  std::to_string(kProjectFormatVersion)});
        return result;
    }
    if (auto schema = json->find("schema"); schema != json->end() && !schema->is_null()) {
        core::Diagnostics found;
        result.project.schema = core::LabelSchema::from_value(to_value(*schema), found);
        for (core::Diagnostic& d : found)
            d.place.source = source;
        result.diagnostics.insert(result.diagnostics.end(), found.begin(), found.end());
    }
    if (const Json* annotators = top.array_field(*json, "annotators", "")) {
        for (const Json& a : *annotators)
            if (a.is_string())
                result.project.annotators.push_back(a.get<std::string>());
            else
                top.report(DiagnosticCode::FieldWrongType, {"annotators[]", "a string"});
    }
    const Json* documents = top.array_field(*json, "documents", "", true);
    if (!documents) return result;
    result.skipped_records = 0;
    for (std::size_t i = 0; i < documents->size(); ++i) {
        const Json& dj = (*documents)[i];
        core::Place place = where;
        place.source = source + "[";
        if (dj.is_object() && dj.contains("id") && dj["id"].is_string())
            place.source += dj["id"].get<std::string>();
        else
            place.source += "documents[" + std::to_string(i) + "]";
        place.source += "]";
        FieldReader r(place, result.diagnostics);
        DocumentReader reader{r};
        auto doc = reader.document(dj, "documents[" + std::to_string(i) + "]");
        if (doc && !r.failed())
            result.project.documents.push_back(std::move(*doc));
        else
            ++result.skipped_records;
    }
    if (auto addition = json->find("addition"); addition != json->end()) {
        core::Diagnostics problems;
        result.project.addition = read_addition(*addition, where, problems);
        if (!result.project.addition) {
            std::string why = problems.empty() ? "it is not one" : problems.front().message;
            top.report(DiagnosticCode::Ignored,
                       {"\"addition\" (the step that added documents, for undo)", why});
        }
    }
    return result;
}

std::string write_gloss_project(const Project& project) {
    ProjectWriteOptions options;
    options.addition = project.addition ? &*project.addition : nullptr;
    return write_gloss_project(project.schema ? &*project.schema : nullptr, project.annotators,
                               project.documents, options);
}

std::string write_gloss_project(const core::LabelSchema* schema,
                                const std::vector<std::string>& known_annotators,
                                const std::vector<core::Document>& documents,
                                const ProjectWriteOptions& options) {
    if (!options.pretty) {
        // One line, written directly: the same bytes dump_json(..., -1) gives for the tree below.
        std::string text;
        std::size_t estimate = 4096;
        for (const core::Document& d : documents)
            estimate += d.text().utf8().size() + d.spans().size() * 200 + 256;
        text.reserve(estimate);
        ProjectWriter writer(schema, known_annotators, documents,
                             options.skip_untouched_suggestions, options.addition);
        while (!writer.step(text, ~std::size_t{0})) {
        }
        return text;
    }
    Json out;
    out["format"] = kProjectFormatVersion;
    out["generator"] = "gloss";
    if (schema) {
        // The schema writer is the one place that knows the schema's JSON shape.
        out["schema"] = Json::parse(write_schema(*schema));
    } else {
        out["schema"] = nullptr;
    }
    std::set<std::string> annotators(known_annotators.begin(), known_annotators.end());
    auto add_annotators = [&](const std::vector<core::Document>& docs) {
        for (const core::Document& d : docs)
            d.spans().for_each([&](const core::Span& s) {
                if (!s.annotator.empty()) annotators.insert(s.annotator);
            });
    };
    add_annotators(documents);
    if (options.addition) add_annotators(options.addition->documents);
    out["annotators"] = Json(std::vector<std::string>(annotators.begin(), annotators.end()));
    auto list = [&](const std::vector<core::Document>& docs) {
        Json l = Json::array();
        for (const core::Document& d : docs)
            l.push_back(document_json(d, options.skip_untouched_suggestions));
        return l;
    };
    out["documents"] = list(documents);
    if (options.addition) {
        Json addition = addition_head(*options.addition);
        addition["documents"] = list(options.addition->documents);
        out["addition"] = std::move(addition);
    }
    return dump_json(out, 2) + "\n";
}

// [SECTION] Journal entries

std::string write_journal_entry(const JournalEntry& entry) {
    std::string out = "{\"journal\":";
    append_json_uint(out, kProjectFormatVersion);
    out += ",\"documents\":[";
    for (std::size_t i = 0; i < entry.documents.size(); ++i) {
        const DocumentChange& d = entry.documents[i];
        if (i) out += ',';
        out += "{\"index\":";
        append_json_uint(out, d.index);
        out += ",\"id\":";
        append_json_string(out, d.id);
        out += ",\"meta\":";
        append_metadata(out, d.meta);
        out += ",\"next_span_id\":";
        append_json_uint(out, d.next_span_id);
        out += ",\"next_relation_id\":";
        append_json_uint(out, d.next_relation_id);
        out += ",\"keep\":";
        append_json_uint(out, d.keep);
        out += ",\"position\":";
        append_json_uint(out, d.position);
        out += ",\"groups\":[";
        for (std::size_t g = 0; g < d.groups.size(); ++g) {
            if (g) out += ',';
            append_edit_group(out, d.groups[g]);
        }
        out += "],\"suggestions\":[";
        for (std::size_t k = 0; k < d.suggestions.size(); ++k) {
            if (k) out += ',';
            append_span(out, d.suggestions[k], nullptr);
        }
        out += "]}";
    }
    out += "]}";
    return out;
}

std::optional<JournalEntry> read_journal_entry(std::string_view bytes, const std::string& source,
                                               core::Diagnostics& diagnostics) {
    core::Place where;
    where.source = source;
    auto json = parse_json(bytes, where, diagnostics);
    if (!json) return std::nullopt;
    FieldReader r(where, diagnostics);
    DocumentReader reader{r};
    if (!json->is_object()) {
        r.report(DiagnosticCode::FieldWrongType, {"", "an object"});
        return std::nullopt;
    }
    auto version = r.uint_field(*json, "journal", "");
    if (!version) return std::nullopt;
    if (*version > kProjectFormatVersion) {
        r.report(DiagnosticCode::FormatTooNew,
                 {std::to_string(*version), std::to_string(kProjectFormatVersion)});
        return std::nullopt;
    }
    const Json* documents = r.array_field(*json, "documents", "", true);
    if (!documents) return std::nullopt;
    JournalEntry entry;
    for (std::size_t i = 0; i < documents->size(); ++i) {
        const Json& dj = (*documents)[i];
        std::string p = "documents[" + std::to_string(i) + "]";
        if (!dj.is_object()) {
            r.report(DiagnosticCode::FieldWrongType, {p, "an object"});
            return std::nullopt;
        }
        p += ".";
        DocumentChange change;
        auto index = r.uint_field(dj, "index", p);
        auto id = r.string_field(dj, "id", p);
        auto keep = r.uint_field(dj, "keep", p);
        auto position = r.uint_field(dj, "position", p);
        const Json* meta = r.object_field(dj, "meta", p, true);
        const Json* groups = r.array_field(dj, "groups", p, true);
        if (!index || !id || !keep || !position || !meta || !groups) return std::nullopt;
        change.index = *index;
        change.id = *id;
        change.keep = *keep;
        change.position = *position;
        change.meta = reader.metadata(*meta, p + "meta.");
        change.next_span_id = r.uint_field(dj, "next_span_id", p, false).value_or(0);
        change.next_relation_id = r.uint_field(dj, "next_relation_id", p, false).value_or(0);
        for (std::size_t g = 0; g < groups->size(); ++g) {
            auto group = reader.group((*groups)[g], p + "groups[" + std::to_string(g) + "]");
            if (!group) return std::nullopt;
            change.groups.push_back(std::move(*group));
        }
        if (const Json* suggestions = r.array_field(dj, "suggestions", p))
            for (std::size_t k = 0; k < suggestions->size(); ++k) {
                auto span = reader.span((*suggestions)[k],
                                        p + "suggestions[" + std::to_string(k) + "]", nullptr);
                if (!span) return std::nullopt;
                change.suggestions.push_back(std::move(*span));
            }
        if (r.failed()) return std::nullopt;
        entry.documents.push_back(std::move(change));
    }
    return entry;
}

} // namespace gloss::io
