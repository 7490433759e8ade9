// Session commands. Layer: app (no ImGui here).
#include "app/session.hpp"

#include "core/text/grapheme.hpp"
#include "core/text/utf8.hpp"
#include "io/gloss_jsonl.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace gloss::app {

core::Document* Session::document() {
    return m_current < m_documents.size() ? &m_documents[m_current] : nullptr;
}
const core::Document* Session::document() const {
    return m_current < m_documents.size() ? &m_documents[m_current] : nullptr;
}

void Session::open(std::size_t index) {
    if (index >= m_documents.size() || index == m_current) return;
    m_current = index;
    m_selection = {};
    m_selected_span = 0;
    m_caret = m_anchor = 0;
}

core::Diagnostics Session::load_jsonl(std::string_view bytes, const std::string& source) {
    io::JsonlReadOptions options;
    options.source = source;
    options.schema = schema.empty() ? nullptr : &schema;
    io::ImportResult result = io::read_gloss_jsonl(bytes, options);
    if (result.ok() && result.documents.empty())
        result.diagnostics.push_back(core::make_diagnostic(
            core::DiagnosticCode::Other, {source + ": no documents in the file"}));
    if (!core::has_errors(result.diagnostics)) replace_documents(std::move(result.documents));
    return result.diagnostics;
}

std::string Session::export_jsonl() const {
    return io::write_gloss_jsonl(m_documents);
}

std::size_t Session::label_uses(std::string_view label) const {
    std::size_t n = 0;
    for (const core::Document& d : m_documents)
        d.spans().for_each([&](const core::Span& s) { n += s.label == label; });
    return n;
}

bool Session::rename_label(const std::string& from, const std::string& to) {
    const core::Label* label = schema.find(from);
    if (!label || to.empty() || m_read_only || (to != from && schema.find(to))) return false;
    if (to == from) return true;
    const core::LabelSchema before = schema;
    core::Label renamed = *label;
    renamed.name = to;
    schema.replace(from, std::move(renamed));
    for (const core::Label& l : std::vector<core::Label>(schema.labels())) {
        core::Label changed = l;
        for (core::AttributeDef& a : changed.attributes)
            std::replace(a.target_labels.begin(), a.target_labels.end(), from, to);
        schema.replace(l.name, std::move(changed));
    }
    schema.rename_in_relations(from, to);
    ProjectStep step{before, {}, 0, false};
    for (std::size_t i = 0; i < m_documents.size(); ++i) {
        core::Document& d = m_documents[i];
        std::vector<core::Span> spans;
        d.spans().for_each([&](const core::Span& s) {
            if (s.label == from) spans.push_back(s);
        });
        if (spans.empty()) continue;
        d.begin_group("rename label " + from + " to " + to);
        for (core::Span& s : spans) {
            s.label = to;
            d.update_span(std::move(s));
        }
        d.end_group();
        step.documents.push_back(i);
    }
    m_retired_labels.push_back(*before.find(from));
    mark_changed();
    step.revision = m_revision;
    m_project_step = std::move(step);
    return true;
}

bool Session::remove_label(const std::string& name) {
    if (m_read_only || !schema.find(name)) return false;
    ProjectStep step{schema, {}, 0, false};
    for (std::size_t i = 0; i < m_documents.size(); ++i) {
        core::Document& d = m_documents[i];
        std::vector<core::SpanId> ids;
        d.spans().for_each([&](const core::Span& s) {
            if (s.label == name) ids.push_back(s.id);
        });
        if (ids.empty()) continue;
        d.begin_group("remove label " + name);
        for (core::SpanId id : ids)
            d.remove_span(id);
        d.end_group();
        step.documents.push_back(i);
    }
    m_retired_labels.push_back(*schema.find(name));
    schema.remove(name);
    schema.remove_from_relations(name);
    mark_changed();
    step.revision = m_revision;
    m_project_step = std::move(step);
    return true;
}

bool Session::swap_project_step(Way way) {
    const bool undo = way == Way::Undo;
    if (!m_project_step || m_project_step->undone != !undo ||
        m_project_step->revision != m_revision)
        return false;
    ProjectStep step = std::move(*m_project_step);
    for (std::size_t i : step.documents)
        if (i < m_documents.size()) undo ? m_documents[i].undo() : m_documents[i].redo();
    std::swap(schema, step.other);
    if (const core::Document* doc = document(); doc && !doc->spans().contains(m_selected_span))
        m_selected_span = 0;
    mark_changed();
    step.undone = undo;
    step.revision = m_revision;
    m_project_step = std::move(step);
    return true;
}

void Session::restore_retired_labels() {
    // Only the shown document was undone; nothing to do unless a label was ever retired.
    const core::Document* d = document();
    if (m_retired_labels.empty() || !d) return;
    d->spans().for_each([&](const core::Span& s) {
        if (schema.find(s.label)) return;
        for (auto it = m_retired_labels.rbegin(); it != m_retired_labels.rend(); ++it)
            if (it->name == s.label) {
                core::Label back = *it;
                if (back.hotkey && schema.find_by_hotkey(back.hotkey)) back.hotkey = 0;
                schema.add(std::move(back));
                break;
            }
    });
}

core::EditResult Session::apply_label(const core::Label& label) {
    core::EditResult result;
    core::Document* doc = document();
    if (!doc) return result;
    if (!m_selection.empty()) {
        core::Span span;
        span.start = static_cast<std::uint32_t>(m_selection.start);
        span.end = static_cast<std::uint32_t>(m_selection.end);
        span.label = label.name;
        span.annotator = annotator;
        result = doc->add_span(std::move(span));
        if (result.ok()) {
            m_selected_span = result.id;
            m_selection = {};
            mark_changed();
        }
        return result;
    }
    if (const core::Span* current = doc->spans().find(m_selected_span)) {
        core::Span span = *current;
        span.label = label.name;
        span.status = core::Status::Accepted; // re-labelling a suggestion accepts it
        result = doc->update_span(std::move(span));
        if (result.ok()) mark_changed();
    }
    return result;
}

bool Session::remove_selected() {
    core::Document* doc = document();
    if (!doc || !doc->spans().contains(m_selected_span)) return false;
    doc->remove_span(m_selected_span);
    m_selected_span = 0;
    mark_changed();
    return true;
}

std::vector<std::string> Session::clashing_ids(const std::vector<core::Document>& documents) const {
    std::set<std::string_view> have;
    for (const core::Document& d : m_documents)
        have.insert(d.id);
    std::vector<std::string> out;
    for (const core::Document& d : documents)
        if (have.count(d.id)) out.push_back(d.id);
    return out;
}

Session::Added Session::add_documents(std::vector<core::Document> documents, OnClash on_clash) {
    Added result;
    io::ProjectAddition addition;
    addition.other_current = m_current;
    std::vector<core::Document> next = std::move(m_documents);
    std::set<std::string> ids;
    for (const core::Document& d : next)
        ids.insert(d.id);
    std::size_t first_added = next.size();
    bool opened = false;
    for (core::Document& doc : documents) {
        auto same = std::find_if(next.begin(), next.end(),
                                 [&](const core::Document& d) { return d.id == doc.id; });
        if (same != next.end()) {
            if (on_clash == OnClash::Skip) {
                ++result.skipped;
                continue;
            }
            if (on_clash == OnClash::Replace) {
                if (!opened) first_added = static_cast<std::size_t>(same - next.begin());
                opened = true;
                addition.put.push_back(
                    {doc.id, doc.history().groups().size(), doc.history().position()});
                // A file that names an id twice replaces its own first document: the project's
                // version is the one to give back.
                bool put_already =
                    std::any_of(addition.put.begin(), addition.put.end() - 1,
                                [&](const io::ProjectAddition::Put& p) { return p.id == doc.id; });
                if (put_already)
                    *same = std::move(doc);
                else
                    addition.documents.push_back(std::exchange(*same, std::move(doc)));
                ++result.replaced;
                continue;
            }
            std::string base = doc.id;
            for (int n = 2; ids.count(doc.id); ++n)
                doc.id = base + " (" + std::to_string(n) + ")";
            ++result.renamed;
        }
        ids.insert(doc.id);
        if (!opened) first_added = next.size();
        opened = true;
        addition.put.push_back({doc.id, doc.history().groups().size(), doc.history().position()});
        next.push_back(std::move(doc));
        ++result.added;
    }
    if (!opened) { // everything skipped: no change
        m_documents = std::move(next);
        return result;
    }
    replace_documents(std::move(next));
    open(first_added);
    std::size_t n = result.added + result.replaced;
    addition.name = "add " + std::to_string(n) + (n == 1 ? " document" : " documents");
    addition.latest = true;
    m_addition = Addition{std::move(addition), m_revision};
    ++m_addition_generation;
    return result;
}

bool Session::restore_addition(io::ProjectAddition record, bool changed_since) {
    drop_addition();
    auto has = [](const auto& list, const std::string& id, auto id_of) {
        return std::any_of(list.begin(), list.end(), [&](const auto& x) { return id_of(x) == id; });
    };
    auto doc_id = [](const core::Document& d) -> const std::string& { return d.id; };
    auto put_id = [](const io::ProjectAddition::Put& p) -> const std::string& { return p.id; };
    // Done: what it put in is here, and what it keeps replaced one of those; undone: it keeps
    // exactly what it put in.
    for (const core::Document& d : record.documents)
        if (!has(record.put, d.id, put_id)) return false;
    for (const io::ProjectAddition::Put& p : record.put)
        if (!has(record.undone ? record.documents : m_documents, p.id, doc_id)) return false;
    if (record.put.empty()) return false;
    // The latest change still if it was when saved and nothing was replayed after it.
    record.latest = record.latest && !changed_since;
    std::uint64_t revision = record.latest ? m_revision : 0;
    m_addition = Addition{std::move(record), revision};
    ++m_addition_generation;
    return true;
}

void Session::note_change_after_addition() {
    if (m_addition->record.undone)
        drop_addition();
    else
        m_addition->record.latest = false;
}

bool Session::addition_untouched() const {
    if (!m_addition || m_addition->record.undone) return false;
    for (const io::ProjectAddition::Put& put : m_addition->record.put) {
        auto it = std::find_if(m_documents.begin(), m_documents.end(),
                               [&](const core::Document& d) { return d.id == put.id; });
        if (it == m_documents.end()) return false;
        // Every edit since undone (a history it came with: no more groups either, since an edit
        // after undoing some of them would rewrite them), and not marked done.
        const core::History& history = it->history();
        if (history.position() != put.position ||
            (put.position > 0 && history.groups().size() != put.groups) ||
            is_done(static_cast<std::size_t>(it - m_documents.begin())))
            return false;
    }
    return true;
}

std::string Session::addition_to_undo() const {
    if (!m_addition || m_addition->record.undone || m_read_only) return {};
    if (m_addition->revision == m_revision) return m_addition->record.name;
    const core::Document* doc = document();
    bool nothing_else = !doc || !doc->history().can_undo();
    return nothing_else && addition_untouched() ? m_addition->record.name : std::string();
}

bool Session::swap_addition(Way way, When when) {
    const bool undo = way == Way::Undo;
    if (!m_addition || m_addition->record.undone != !undo || m_read_only) return false;
    if (m_addition->revision != m_revision && (when == When::Latest || !addition_untouched()))
        return false;
    io::ProjectAddition record = std::move(m_addition->record);
    std::vector<core::Document> next = std::move(m_documents);
    auto put_here = [&](const std::string& id) {
        return std::any_of(record.put.begin(), record.put.end(),
                           [&](const io::ProjectAddition::Put& p) { return p.id == id; });
    };
    auto find = [&](const std::string& id) {
        return std::find_if(next.begin(), next.end(),
                            [&](const core::Document& d) { return d.id == id; });
    };
    std::size_t open_at = record.other_current;
    // `record.documents` holds the versions it replaced while it is done, and the documents it
    // put in while it is undone.
    std::vector<core::Document> kept = std::move(record.documents);
    record.documents.clear();
    if (undo) {
        // The documents it put in go to the record; the versions it replaced come back in place.
        std::vector<core::Document> stay;
        for (core::Document& d : next) {
            auto old = std::find_if(kept.begin(), kept.end(),
                                    [&](const core::Document& r) { return r.id == d.id; });
            if (old != kept.end()) {
                record.documents.push_back(std::exchange(d, std::move(*old)));
                stay.push_back(std::move(d));
            } else if (put_here(d.id)) {
                record.documents.push_back(std::move(d));
            } else {
                stay.push_back(std::move(d));
            }
        }
        record.other_current = m_current;
        next = std::move(stay);
    } else {
        std::size_t first = next.size();
        for (core::Document& d : kept) {
            if (auto same = find(d.id); same != next.end()) {
                first = std::min(first, static_cast<std::size_t>(same - next.begin()));
                record.documents.push_back(std::exchange(*same, std::move(d)));
            } else {
                first = std::min(first, next.size());
                next.push_back(std::move(d));
            }
        }
        record.other_current = m_current;
        open_at = first;
    }
    replace_documents(std::move(next));
    open(std::min(open_at, m_documents.empty() ? 0 : m_documents.size() - 1));
    record.undone = undo;
    record.latest = true;
    m_addition = Addition{std::move(record), m_revision};
    ++m_addition_generation;
    return true;
}

bool Session::undo() {
    if (swap_addition(Way::Undo, When::Latest) || swap_project_step(Way::Undo)) return true;
    core::Document* doc = document();
    // With nothing left to undo here, an earlier addition of documents that is as it was added.
    if (!doc || !doc->undo()) return swap_addition(Way::Undo, When::Untouched);
    if (!doc->spans().contains(m_selected_span)) m_selected_span = 0;
    restore_retired_labels();
    mark_changed();
    return true;
}

bool Session::redo() {
    if (swap_addition(Way::Redo, When::Latest) || swap_project_step(Way::Redo)) return true;
    core::Document* doc = document();
    if (!doc || !doc->redo()) return false;
    restore_retired_labels();
    mark_changed();
    return true;
}

} // namespace gloss::app

// [SECTION] Caret, selection and span edges

namespace gloss::app {
void Session::set_read_only(bool on) {
    m_read_only = on;
    for (core::Document& doc : m_documents)
        doc.set_read_only(on);
    mark_changed();
}

void Session::replace_documents(std::vector<core::Document> documents) {
    m_documents = std::move(documents);
    ++m_documents_generation;
    for (core::Document& doc : m_documents)
        doc.set_read_only(m_read_only);
    m_current = 0;
    m_selection = {};
    m_selected_span = 0;
    m_caret = m_anchor = 0;
    m_assist.forget();
    m_review.forget(); // other documents end a review (Review::load sets it up again)
    drop_addition();   // and make an addition's record meaningless (add_documents sets it after)
    mark_changed();
}

void Session::set_done(std::size_t index, bool done) {
    if (index >= m_documents.size() || m_read_only) return;
    auto& extra = m_documents[index].meta.extra;
    if (done)
        extra["gloss_status"] = "done";
    else
        extra.erase("gloss_status");
    mark_changed();
}

bool Session::is_done(std::size_t index) const {
    if (index >= m_documents.size()) return false;
    auto it = m_documents[index].meta.extra.find("gloss_status");
    return it != m_documents[index].meta.extra.end() && it->second == "done";
}

std::size_t Session::done_count() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < m_documents.size(); ++i)
        n += is_done(i);
    return n;
}

void Session::move_caret(std::size_t to, CaretMove how) {
    const core::Document* doc = document();
    if (!doc) return;
    const bool extend = how == CaretMove::Extend;
    to = std::min(to, doc->text().size());
    if (!extend) m_anchor = to;
    m_caret = to;
    m_selection =
        extend ? Selection{std::min(m_anchor, m_caret), std::max(m_anchor, m_caret)} : Selection{};
    m_selected_span = 0;
}

void Session::select_range(Selection range, std::size_t anchor_at) {
    m_selection = range;
    m_selected_span = 0;
    m_anchor = anchor_at;
    m_caret = anchor_at == range.start ? range.end : range.start;
}

void Session::place_caret(std::size_t at) {
    m_selection = {};
    m_selected_span = 0;
    m_caret = m_anchor = at;
}

void Session::select_span(core::SpanId id) {
    m_selected_span = id;
    m_selection = {};
    if (const core::Document* doc = document())
        if (const core::Span* s = doc->spans().find(id)) m_caret = m_anchor = s->start;
}

void Session::select_nothing() {
    m_selection = {};
    m_selected_span = 0;
}

bool Session::select_adjacent_span(Direction direction) {
    const bool forward = direction == Direction::Forward;
    const core::Document* doc = document();
    if (!doc) return false;
    const core::SpanStore& spans = doc->spans();
    const core::Span* next = nullptr;
    if (spans.contains(m_selected_span))
        next = forward ? spans.next(m_selected_span) : spans.previous(m_selected_span);
    else
        next = forward ? spans.first_starting_at_or_after(m_caret)
                       : spans.last_starting_before(m_caret);
    while (next && next->status == core::Status::Rejected)
        next = forward ? spans.next(next->id) : spans.previous(next->id);
    if (!next) return false;
    m_selected_span = next->id;
    m_selection = {};
    m_caret = m_anchor = next->start;
    return true;
}

bool Session::move_span_edge(Edge edge, EdgeMove move, Step step) {
    const bool start_edge = edge == Edge::Start;
    const bool outward = move == EdgeMove::Outward;
    const bool by_char = step == Step::Grapheme;
    core::Document* doc = document();
    if (!doc) return false;
    const core::Span* span = doc->spans().find(m_selected_span);
    if (!span) return false;
    std::size_t pos = start_edge ? span->start : span->end;
    bool left = start_edge == outward; // grow the start or shrink the end: move left
    std::size_t to;
    TextNavigation& nav = m_navigation;
    if (by_char)
        to = left ? nav.previous_grapheme(*doc, pos) : nav.next_grapheme(*doc, pos);
    else if (left) // growing the start, or shrinking the end to the end of the previous word
        to = start_edge ? nav.previous_word(*doc, pos) : nav.previous_word_end(*doc, pos);
    else // growing the end, or shrinking the start to the start of the next word
        to = start_edge ? nav.next_word_start(*doc, pos) : nav.next_word(*doc, pos);
    return set_span_edge(span->id, edge, to);
}

bool Session::set_span_edge(core::SpanId id, Edge edge, std::size_t position) {
    const bool start_edge = edge == Edge::Start;
    core::Document* doc = document();
    if (!doc) return false;
    const core::Span* span = doc->spans().find(id);
    if (!span) return false;
    core::Span changed = *span;
    if (start_edge)
        changed.start = static_cast<std::uint32_t>(position);
    else
        changed.end = static_cast<std::uint32_t>(position);
    if (changed.start >= changed.end || changed == *span) return false;
    if (!doc->update_span(std::move(changed)).ok()) return false;
    mark_changed();
    return true;
}

bool Session::set_attribute(core::SpanId id, const std::string& name, const std::string& value) {
    core::Document* doc = document();
    if (!doc) return false;
    const core::Span* span = doc->spans().find(id);
    if (!span) return false;
    const std::string* current = span->attrs.get(name);
    if ((current && *current == value) || (!current && value.empty())) return false;
    core::Span changed = *span;
    if (value.empty())
        changed.attrs.erase(name);
    else
        changed.attrs.set(name, value);
    if (!doc->update_span(std::move(changed)).ok()) return false;
    mark_changed();
    return true;
}

std::string Session::speaker_type(core::SpanId quote) const {
    const core::Document* doc = document();
    const core::Span* q = doc ? doc->spans().find(quote) : nullptr;
    const core::Label* label = q ? schema.find(q->label) : nullptr;
    const core::AttributeDef* speaker = label ? label->span_reference() : nullptr;
    return speaker ? speaker->name : std::string();
}

core::SpanId Session::target_of(core::SpanId from, const std::string& type) const {
    const core::Document* doc = document();
    if (!doc || type.empty()) return 0;
    for (const core::Relation* r : doc->relations_of(from))
        if (r->from == from && r->type == type) return r->to;
    return 0;
}

bool Session::set_relation(core::SpanId from, core::SpanId to, const std::string& type) {
    core::Document* doc = document();
    const core::Span* source = doc ? doc->spans().find(from) : nullptr;
    if (!source || type.empty() || from == to) return false;
    const core::Span* target = to ? doc->spans().find(to) : nullptr;
    if (to && !target) return false;
    std::optional<core::RelationType> kind = schema.relation_type(type);
    if (to && kind && (!kind->allows_from(source->label) || !kind->allows_to(target->label)))
        return false;
    const bool one_per_span = !kind || kind->one_per_span;
    std::vector<core::RelationId> old;
    for (const core::Relation* r : doc->relations_of(from)) {
        if (r->from != from || r->type != type) continue;
        if (to && r->to == to) return false; // there already
        if (!to || one_per_span) old.push_back(r->id);
    }
    if (!to && old.empty()) return false;
    doc->begin_group((to ? "set " : "remove ") + type);
    for (core::RelationId r : old)
        doc->remove_relation(r);
    if (to) {
        core::Relation relation;
        relation.type = type;
        relation.from = from;
        relation.to = to;
        doc->add_relation(relation);
    }
    doc->end_group();
    mark_changed();
    return true;
}

bool Session::remove_relation(core::RelationId id) {
    core::Document* doc = document();
    if (!doc || !doc->relations().count(id)) return false;
    doc->begin_group("remove " + doc->relations().at(id).type);
    doc->remove_relation(id);
    doc->end_group();
    mark_changed();
    return true;
}

std::vector<core::SpanId> Session::relation_candidates(core::SpanId from, const std::string& type,
                                                       std::size_t limit) const {
    std::vector<core::SpanId> out;
    const core::Document* doc = document();
    if (!doc) return out;
    const core::Span* q = doc->spans().find(from);
    std::optional<core::RelationType> kind = schema.relation_type(type);
    if (!q || !kind) return out;
    const core::Label* source_label = schema.find(q->label);
    const bool quote = source_label && source_label->kind == core::LabelKind::Quote;
    // Asked every frame while picking: look around the span in widening windows rather than at
    // every span. Every candidate within `reach` of it overlaps the window, so once `limit` of
    // them are that close, no span outside can be nearer.
    std::vector<std::pair<std::size_t, core::SpanId>> scored;
    const std::size_t length = doc->text().size();
    for (std::size_t reach = 1024;; reach *= 4) {
        scored.clear();
        std::size_t outside = 0;
        std::size_t lo = q->start > reach ? q->start - reach : 0;
        std::size_t hi = std::min(length, std::size_t{q->end} + reach);
        doc->spans().for_each_overlapping(lo, std::max(hi, lo + 1), [&](const core::Span& s) {
            if (s.status == core::Status::Rejected || s.id == from) return;
            if (!kind->allows_to(s.label)) return;
            // Inside a quote is who is spoken of, rarely who speaks (`“…we call on
            // Netanyahu…,” Blinken said`): for a quote, every mention outside comes first.
            const bool inside = quote && s.start >= q->start && s.end <= q->end;
            std::size_t distance = s.end <= q->start   ? q->start - s.end
                                   : s.start >= q->end ? s.start - q->end
                                                       : 0;
            if (distance > reach) return;
            scored.push_back({inside ? length + s.start : distance, s.id});
            outside += inside ? 0 : 1;
        });
        if (outside >= limit || (lo == 0 && hi == length)) break;
    }
    std::sort(scored.begin(), scored.end());
    for (std::size_t i = 0; i < scored.size() && out.size() < limit; ++i)
        out.push_back(scored[i].second);
    return out;
}

DocumentTally& Session::tally(std::size_t index) const {
    while (m_tallies.size() < m_documents.size())
        m_tallies.push_back(std::make_unique<DocumentTally>());
    DocumentTally& t = *m_tallies[index];
    // Counts the document afresh when it is new or replaced, or the schema changed.
    t.attach(m_documents[index], TallySchema::of(schema));
    return t;
}

// The accepted entity names of the project (each document's tally keeps a fingerprint of its
// own) and the schema's labels.
std::uint64_t Session::names_fingerprint() const {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](std::uint64_t value) {
        for (int i = 0; i < 8; ++i)
            h = (h ^ ((value >> (8 * i)) & 0xFF)) * 1099511628211ull;
    };
    for (const core::Label& label : schema.labels()) // the labels suggestions may carry
        for (char c : label.name + '\n' + std::string(core::to_string(label.kind)))
            mix(static_cast<unsigned char>(c));
    for (std::size_t i = 0; i < m_documents.size(); ++i)
        mix(tally(i).names_fingerprint());
    return h | 1; // never 0
}

std::size_t Session::quotes_without_speaker(std::size_t index) const {
    if (index >= m_documents.size()) return 0;
    std::size_t n = 0;
    for (const core::Label& label : schema.labels())
        if (label.kind == core::LabelKind::Quote)
            n += tally(index).without_wanted_relation(label.name);
    return n;
}

std::vector<std::string> Session::canonical_names(const std::string& label,
                                                  const std::string& prefix) const {
    auto lower = [](std::string s) {
        for (char& c : s)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return s;
    };
    // The accepted names of the label, gathered once per change of the project's names (the
    // field asks every frame while it is active): the tallies know them without a walk over
    // every span, which on a long article is mostly suggestions.
    CanonicalCache& cache = m_canonical_cache;
    std::uint64_t fingerprint = names_fingerprint();
    if (cache.fingerprint != fingerprint || cache.label != label) {
        cache.fingerprint = fingerprint;
        cache.label = label;
        cache.names.clear();
        for (std::size_t i = 0; i < m_documents.size(); ++i)
            for (const SpanKey& key : tally(i).names())
                if (const core::Span* s = m_documents[i].spans().find(key.id);
                    s && s->label == label)
                    if (const std::string* c = s->attrs.get("canonical"); c && !c->empty())
                        cache.names.push_back(*c);
        std::sort(cache.names.begin(), cache.names.end());
        cache.names.erase(std::unique(cache.names.begin(), cache.names.end()), cache.names.end());
    }
    std::string p = lower(prefix);
    std::vector<std::string> out;
    for (const std::string& name : cache.names)
        if (lower(name).rfind(p, 0) == 0) out.push_back(name);
    return out;
}

// [SECTION] Search

Session::Found Session::find(std::string_view query, const core::SearchOptions& options,
                             std::optional<std::size_t> only, std::size_t limit) const {
    Found out;
    for (std::size_t i = only.value_or(0); i < m_documents.size(); ++i) {
        const core::Text& text = m_documents[i].text();
        core::SearchResult r =
            core::search_text(text.decode(0, text.size()), query, options, limit - out.hits.size());
        if (!r.error.empty()) return {{}, r.error, false};
        for (const core::TextMatch& m : r.matches)
            out.hits.push_back({i, {m.start, m.end}});
        if (r.truncated || out.hits.size() >= limit) {
            out.truncated = r.truncated || i + 1 < m_documents.size();
            break;
        }
        if (only) break;
    }
    return out;
}

std::size_t Session::label_all(const std::vector<SearchHit>& hits, const core::Label& label) {
    if (m_read_only) return 0;
    ProjectStep step{schema, {}, 0, false};
    std::size_t added = 0;
    for (std::size_t from = 0; from < hits.size();) {
        std::size_t index = hits[from].document;
        std::size_t to = from;
        while (to < hits.size() && hits[to].document == index)
            ++to;
        if (index >= m_documents.size()) break;
        core::Document& doc = m_documents[index];
        std::size_t added_here = 0;
        doc.begin_group("label " + std::to_string(to - from) + " matches " + label.name);
        for (std::size_t k = from; k < to; ++k) {
            const Selection& r = hits[k].range;
            bool exists = false;
            for (const core::Span* s : doc.spans().at(r.start))
                if (s->start == r.start && s->end == r.end && s->label == label.name) exists = true;
            if (exists) continue;
            core::Span span;
            span.start = static_cast<std::uint32_t>(r.start);
            span.end = static_cast<std::uint32_t>(r.end);
            span.label = label.name;
            span.annotator = annotator;
            if (doc.add_span(std::move(span)).ok()) ++added_here;
        }
        doc.end_group();
        if (added_here) step.documents.push_back(index);
        added += added_here;
        from = to;
    }
    if (!added) return 0;
    mark_changed();
    // One step whichever documents it changed: undo takes it back in all of them.
    step.revision = m_revision;
    m_project_step = std::move(step);
    return added;
}

} // namespace gloss::app
