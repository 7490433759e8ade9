// Document editing and undo. Layer: core.
#include "core/model/document.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_set>

namespace gloss::core {

void Metadata::set(const std::string& key, std::string value) {
    if (key == "title")
        title = std::move(value);
    else if (key == "source")
        source = std::move(value);
    else if (key == "url")
        url = std::move(value);
    else if (key == "language")
        language = std::move(value);
    else
        extra[key] = std::move(value);
}

std::int64_t Document::now() const {
    if (m_clock) return m_clock();
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

bool Document::set_tokens(std::vector<Token> tokens) {
    std::uint32_t previous_end = 0;
    for (const Token& t : tokens) {
        if (t.start >= t.end || t.end > m_text.size() || t.start < previous_end) return false;
        previous_end = t.end;
    }
    std::u32string decoded = tokens.empty() ? std::u32string() : m_text.decode(0, m_text.size());
    for (Token& t : tokens)
        t.kind = token_kind(std::u32string_view(decoded).substr(t.start, t.end - t.start));
    m_tokens = std::move(tokens);
    return true;
}

std::vector<Token> Document::tokens_or_tokenize(std::u32string_view decoded) const {
    return m_tokens.empty() ? tokenize(decoded) : m_tokens;
}

std::vector<const Relation*> Document::relations_of(SpanId span) const {
    std::vector<const Relation*> out;
    auto it = m_relations_by_span.find(span);
    if (it == m_relations_by_span.end()) return out;
    for (RelationId id : it->second)
        if (auto r = m_relations.find(id); r != m_relations.end()) out.push_back(&r->second);
    std::sort(out.begin(), out.end(),
              [](const Relation* a, const Relation* b) { return a->id < b->id; });
    return out;
}

void Document::index_relation(const Relation& relation) {
    m_relations_by_span[relation.from].push_back(relation.id);
    if (relation.to != relation.from) m_relations_by_span[relation.to].push_back(relation.id);
}

void Document::unindex_relation(const Relation& relation) {
    for (SpanId end : {relation.from, relation.to}) {
        auto it = m_relations_by_span.find(end);
        if (it == m_relations_by_span.end()) continue;
        std::erase(it->second, relation.id);
        if (it->second.empty()) m_relations_by_span.erase(it);
    }
}

Diagnostics Document::check_range(std::size_t start, std::size_t end) const {
    Diagnostics out;
    Place place;
    place.source = id;
    place.offset = start;
    if (end < start)
        out.push_back(make_diagnostic(DiagnosticCode::EndBeforeStart,
                                      {std::to_string(start), std::to_string(end)}, place));
    else if (end == start)
        out.push_back(make_diagnostic(DiagnosticCode::EmptySpan,
                                      {std::to_string(start), std::to_string(end)}, place));
    else if (end > m_text.size()) {
        place.offset = end;
        out.push_back(make_diagnostic(DiagnosticCode::EndPastText,
                                      {std::to_string(end), std::to_string(m_text.size())}, place));
    }
    return out;
}

void Document::record(Edit edit, std::string name) {
    if (m_group_depth > 0) {
        m_open_group.edits.push_back(std::move(edit));
        return;
    }
    EditGroup group;
    group.name = std::move(name);
    group.edits.push_back(std::move(edit));
    m_history.push(std::move(group));
}

void Document::begin_group(std::string name) {
    if (m_group_depth++ == 0) {
        m_open_group = EditGroup{};
        m_open_group.name = std::move(name);
    }
}

void Document::end_group() {
    if (m_group_depth == 0) return;
    if (--m_group_depth == 0 && !m_open_group.edits.empty()) {
        m_history.push(std::move(m_open_group));
        m_open_group = EditGroup{};
    }
}

bool Document::refuse_if_read_only(EditResult& result) const {
    if (!m_read_only) return false;
    result.diagnostics.push_back(make_diagnostic(DiagnosticCode::ReadOnly, {id}));
    return true;
}

EditResult Document::add_span(Span span) {
    EditResult result;
    if (refuse_if_read_only(result)) return result;
    result.diagnostics = check_range(span.start, span.end);
    if (span.id != 0 && m_spans.contains(span.id))
        result.diagnostics.push_back(
            make_diagnostic(DiagnosticCode::DuplicateSpanId, {std::to_string(span.id)}));
    if (!result.ok()) return result;
    if (span.id == 0) span.id = m_next_span_id;
    m_next_span_id = std::max(m_next_span_id, span.id + 1);
    if (span.created_ms == 0) span.created_ms = now();
    if (span.modified_ms == 0) span.modified_ms = span.created_ms;
    result.id = span.id;
    Edit edit;
    edit.kind = Edit::Kind::AddSpan;
    edit.after = span;
    apply(edit, Way::Forward);
    record(std::move(edit), "add " + span.label);
    return result;
}

EditResult Document::add_suggestion(Span span) {
    EditResult result;
    if (refuse_if_read_only(result)) return result;
    result.diagnostics = check_range(span.start, span.end);
    if (!result.ok()) return result;
    span.id = m_next_span_id++;
    span.status = Status::Pending;
    span.origin = Origin::Suggested;
    if (span.created_ms == 0) span.created_ms = now();
    span.modified_ms = span.created_ms;
    result.id = span.id;
    Edit edit;
    edit.kind = Edit::Kind::AddSpan;
    edit.after = std::move(span);
    apply(edit, Way::Forward);
    return result;
}

EditResult Document::add_suggested_relation(Relation relation) {
    EditResult result;
    if (refuse_if_read_only(result)) return result;
    if (!m_spans.contains(relation.from) || !m_spans.contains(relation.to)) {
        result.diagnostics.push_back(make_diagnostic(
            DiagnosticCode::UnknownSpan,
            {std::to_string(m_spans.contains(relation.from) ? relation.to : relation.from)}));
        return result;
    }
    relation.id = m_next_relation_id++;
    result.id = relation.id;
    Edit edit;
    edit.kind = Edit::Kind::AddRelation;
    edit.relation = std::move(relation);
    apply(edit, Way::Forward);
    return result;
}

bool Document::withdraw_suggestion(SpanId id) {
    const Span* span = m_spans.find(id);
    if (!span || span->status != Status::Pending || span->origin != Origin::Suggested) return false;
    auto refers = [id](const Edit& e) {
        return (e.before && e.before->id == id) || (e.after && e.after->id == id) ||
               (e.relation && (e.relation->from == id || e.relation->to == id));
    };
    for (const EditGroup& g : m_history.groups())
        for (const Edit& e : g.edits)
            if (refers(e)) return false;
    for (const Edit& e : m_open_group.edits)
        if (refers(e)) return false;
    Edit edit;
    edit.kind = Edit::Kind::RemoveSpan;
    edit.before = *span;
    apply(edit, Way::Forward); // also drops the (suggested) relations of the span
    return true;
}

std::size_t Document::withdraw_suggestions(const std::vector<SpanId>& ids) {
    // The spans any recorded edit refers to, once, instead of a pass over the history per id.
    std::unordered_set<SpanId> touched;
    auto note = [&touched](const Edit& e) {
        if (e.before) touched.insert(e.before->id);
        if (e.after) touched.insert(e.after->id);
        if (e.relation) {
            touched.insert(e.relation->from);
            touched.insert(e.relation->to);
        }
    };
    for (const EditGroup& g : m_history.groups())
        for (const Edit& e : g.edits)
            note(e);
    for (const Edit& e : m_open_group.edits)
        note(e);
    std::size_t withdrawn = 0;
    for (SpanId id : ids) {
        const Span* span = m_spans.find(id);
        if (!span || span->status != Status::Pending || span->origin != Origin::Suggested ||
            touched.count(id))
            continue;
        Edit edit;
        edit.kind = Edit::Kind::RemoveSpan;
        edit.before = *span;
        apply(edit, Way::Forward);
        ++withdrawn;
    }
    return withdrawn;
}

EditResult Document::update_span(Span span) {
    EditResult result;
    if (refuse_if_read_only(result)) return result;
    result.id = span.id;
    const Span* current = m_spans.find(span.id);
    if (!current) {
        result.diagnostics.push_back(
            make_diagnostic(DiagnosticCode::UnknownSpan, {std::to_string(span.id)}));
        return result;
    }
    result.diagnostics = check_range(span.start, span.end);
    if (!result.ok()) return result;
    if (*current == span) return result;
    span.modified_ms = now();
    if (span.created_ms == 0) span.created_ms = current->created_ms;
    Edit edit;
    edit.kind = Edit::Kind::UpdateSpan;
    edit.before = *current;
    edit.after = span;
    apply(edit, Way::Forward);
    record(std::move(edit), "edit " + span.label);
    return result;
}

EditResult Document::remove_span(SpanId id) {
    EditResult result;
    if (refuse_if_read_only(result)) return result;
    result.id = id;
    const Span* current = m_spans.find(id);
    if (!current) {
        result.diagnostics.push_back(
            make_diagnostic(DiagnosticCode::UnknownSpan, {std::to_string(id)}));
        return result;
    }
    std::string label = current->label;
    begin_group("remove " + label);
    auto related = relations_of(id);
    std::vector<RelationId> relation_ids;
    for (const Relation* r : related)
        relation_ids.push_back(r->id);
    for (RelationId rid : relation_ids)
        remove_relation(rid);
    if (!relation_ids.empty())
        result.diagnostics.push_back(
            make_diagnostic(DiagnosticCode::RelationsRemoved,
                            {std::to_string(id), std::to_string(relation_ids.size())}));
    Edit edit;
    edit.kind = Edit::Kind::RemoveSpan;
    edit.before = *m_spans.find(id);
    apply(edit, Way::Forward);
    record(std::move(edit), "remove " + label);
    end_group();
    return result;
}

EditResult Document::add_relation(Relation relation) {
    EditResult result;
    if (refuse_if_read_only(result)) return result;
    for (SpanId end : {relation.from, relation.to})
        if (!m_spans.contains(end))
            result.diagnostics.push_back(
                make_diagnostic(DiagnosticCode::DanglingRelation,
                                {std::to_string(relation.id), std::to_string(end)}));
    if (!result.ok()) return result;
    if (relation.id == 0) relation.id = m_next_relation_id;
    m_next_relation_id = std::max(m_next_relation_id, relation.id + 1);
    result.id = relation.id;
    Edit edit;
    edit.kind = Edit::Kind::AddRelation;
    edit.relation = relation;
    apply(edit, Way::Forward);
    record(std::move(edit), "link " + relation.type);
    return result;
}

EditResult Document::remove_relation(RelationId id) {
    EditResult result;
    if (refuse_if_read_only(result)) return result;
    result.id = id;
    auto it = m_relations.find(id);
    if (it == m_relations.end()) {
        result.diagnostics.push_back(
            make_diagnostic(DiagnosticCode::UnknownRelation, {std::to_string(id)}));
        return result;
    }
    Edit edit;
    edit.kind = Edit::Kind::RemoveRelation;
    edit.relation = it->second;
    apply(edit, Way::Forward);
    record(std::move(edit), "unlink " + edit.relation->type);
    return result;
}

void Document::apply(const Edit& edit, Way way) {
    using K = Edit::Kind;
    const bool forward = way == Way::Forward;
    K kind = edit.kind;
    if (!forward) {
        // Reverting an edit is applying its opposite.
        if (kind == K::AddSpan)
            kind = K::RemoveSpan;
        else if (kind == K::RemoveSpan)
            kind = K::AddSpan;
        else if (kind == K::AddRelation)
            kind = K::RemoveRelation;
        else if (kind == K::RemoveRelation)
            kind = K::AddRelation;
    }
    const std::optional<Span>& target = forward ? edit.after : edit.before;
    const std::optional<Span>& source = forward ? edit.before : edit.after;
    DocumentObserver* observer = m_observer.target;
    switch (kind) {
    case K::AddSpan:
        if (const std::optional<Span>& span = target ? target : source;
            span && m_spans.insert(*span) && observer)
            observer->span_added(*this, *span);
        break;
    case K::RemoveSpan: {
        SpanId id = source ? source->id : target ? target->id : 0;
        std::optional<Span> removed = m_spans.erase(id);
        if (removed && observer) observer->span_removed(*this, *removed);
        // Recorded relations are always removed before their span; what may remain are
        // suggested relations (outside the history), which must not dangle.
        if (auto it = m_relations_by_span.find(id); it != m_relations_by_span.end()) {
            std::vector<RelationId> dangling = it->second;
            for (RelationId rid : dangling) {
                auto r = m_relations.find(rid);
                if (r == m_relations.end()) continue;
                Relation relation = std::move(r->second);
                m_relations.erase(r);
                unindex_relation(relation);
                if (observer) observer->relation_removed(*this, relation);
            }
        }
        break;
    }
    case K::UpdateSpan: {
        if (!target) break;
        const Span* current = m_spans.find(target->id);
        if (!current) {
            // A suggestion a saved copy left out (nobody had touched it when it was written)
            // that a replayed step accepts or changes: the step brings it back as it became.
            if (m_spans.insert(*target) && observer) observer->span_added(*this, *target);
            break;
        }
        std::optional<Span> before;
        if (observer) before = *current;
        if (m_spans.replace(*target) && observer) {
            observer->span_removed(*this, *before);
            observer->span_added(*this, *target);
        }
        break;
    }
    case K::AddRelation: {
        if (!edit.relation) break;
        if (auto old = m_relations.find(edit.relation->id); old != m_relations.end()) {
            Relation replaced = std::move(old->second);
            m_relations.erase(old);
            unindex_relation(replaced);
            if (observer) observer->relation_removed(*this, replaced);
        }
        const Relation& added = m_relations[edit.relation->id] = *edit.relation;
        index_relation(added);
        if (observer) observer->relation_added(*this, added);
        break;
    }
    case K::RemoveRelation:
        if (edit.relation) {
            auto it = m_relations.find(edit.relation->id);
            if (it == m_relations.end()) break;
            Relation relation = std::move(it->second);
            m_relations.erase(it);
            unindex_relation(relation);
            if (observer) observer->relation_removed(*this, relation);
        }
        break;
    }
}

bool Document::undo() {
    if (m_read_only) return false;
    const EditGroup* group = m_history.step_back();
    if (!group) return false;
    for (auto it = group->edits.rbegin(); it != group->edits.rend(); ++it)
        apply(*it, Way::Backward);
    return true;
}

bool Document::redo() {
    if (m_read_only) return false;
    const EditGroup* group = m_history.step_forward();
    if (!group) return false;
    for (const Edit& edit : group->edits)
        apply(edit, Way::Forward);
    return true;
}

Diagnostics Document::load(std::vector<Span> spans, std::vector<Relation> relations) {
    Diagnostics out;
    m_history.clear();
    m_relations.clear();
    SpanId next = 1;
    for (const Span& s : spans)
        next = std::max({next, s.id + 1, trailing_number(s.string_id) + 1});
    std::vector<Span> kept;
    kept.reserve(spans.size());
    std::vector<SpanId> seen;
    seen.reserve(spans.size());
    for (Span& s : spans) {
        Diagnostics d = check_range(s.start, s.end);
        if (!d.empty()) {
            out.insert(out.end(), d.begin(), d.end());
            continue;
        }
        if (s.id == 0) s.id = next++;
        seen.push_back(s.id);
        kept.push_back(std::move(s));
    }
    std::sort(seen.begin(), seen.end());
    for (std::size_t i = 1; i < seen.size(); ++i)
        if (seen[i] == seen[i - 1])
            out.push_back(
                make_diagnostic(DiagnosticCode::DuplicateSpanId, {std::to_string(seen[i])}));
    m_spans.assign(std::move(kept));
    m_next_span_id = next;
    RelationId next_relation = 1;
    for (const Relation& r : relations)
        next_relation = std::max({next_relation, r.id + 1, trailing_number(r.string_id) + 1});
    for (Relation& r : relations) {
        bool ok = true;
        for (SpanId end : {r.from, r.to}) {
            if (!m_spans.contains(end)) {
                out.push_back(make_diagnostic(DiagnosticCode::DanglingRelation,
                                              {std::to_string(r.id), std::to_string(end)}));
                ok = false;
            }
        }
        if (!ok) continue;
        if (r.id == 0) r.id = next_relation++;
        m_relations[r.id] = r;
    }
    m_next_relation_id = next_relation;
    m_relations_by_span.clear();
    for (const auto& [id, r] : m_relations)
        index_relation(r);
    if (m_observer.target) m_observer.target->reloaded(*this);
    return out;
}

void Document::reserve_ids_of(const std::vector<EditGroup>& groups) {
    // Ids created by later (undone) steps must not be reused by new edits.
    for (const EditGroup& g : groups)
        for (const Edit& e : g.edits) {
            for (const std::optional<Span>* span : {&e.after, &e.before})
                if (*span)
                    m_next_span_id = std::max(
                        {m_next_span_id, (*span)->id + 1, trailing_number((*span)->string_id) + 1});
            if (e.relation)
                m_next_relation_id = std::max({m_next_relation_id, e.relation->id + 1,
                                               trailing_number(e.relation->string_id) + 1});
        }
}

bool Document::restore_history(std::vector<EditGroup> groups, std::size_t position) {
    reserve_ids_of(groups);
    return m_history.restore(std::move(groups), position);
}

bool Document::rewrite_history(std::size_t keep, std::vector<EditGroup> tail, std::size_t position,
                               const std::vector<Span>& suggestions) {
    if (keep > m_history.groups().size() || position > keep + tail.size()) return false;
    while (m_history.position() > keep) {
        const EditGroup* group = m_history.step_back();
        for (auto it = group->edits.rbegin(); it != group->edits.rend(); ++it)
            apply(*it, Way::Backward);
    }
    // A suggestion the saved copy left out (untouched when it was written) that the tail's
    // steps touch first: it existed before them, so it is put back as it was.
    std::unordered_set<SpanId> referenced;
    for (std::size_t g = 0; g < keep; ++g)
        for (const Edit& e : m_history.groups()[g].edits) {
            if (e.before) referenced.insert(e.before->id);
            if (e.after) referenced.insert(e.after->id);
            if (e.relation) {
                referenced.insert(e.relation->from);
                referenced.insert(e.relation->to);
            }
        }
    auto put_back = [&](const Span& span) {
        if (span.origin != Origin::Suggested || span.status != Status::Pending ||
            m_spans.contains(span.id) || !m_spans.insert(span))
            return;
        if (m_observer.target) m_observer.target->span_added(*this, span);
    };
    std::unordered_set<SpanId> seen = referenced;
    for (const EditGroup& g : tail)
        for (const Edit& e : g.edits) {
            const std::optional<Span>& first = e.before ? e.before : e.after;
            if (first && seen.insert(first->id).second && e.before) put_back(*e.before);
        }
    for (const Span& span : suggestions)
        if (!referenced.count(span.id)) put_back(span);
    std::size_t from = m_history.position();
    reserve_ids_of(tail);
    m_history.rewrite(keep, std::move(tail), from);
    while (m_history.position() < position) {
        const EditGroup* group = m_history.step_forward();
        for (const Edit& edit : group->edits)
            apply(edit, Way::Forward);
    }
    while (m_history.position() > position) {
        const EditGroup* group = m_history.step_back();
        for (auto it = group->edits.rbegin(); it != group->edits.rend(); ++it)
            apply(*it, Way::Backward);
    }
    return true;
}

} // namespace gloss::core
