// Review mode: the disagreements of several annotators' versions, walked and resolved by
// accepting one version into the session's adjudicated document. Layer: app (no ImGui here).
#include "app/review.hpp"

#include "app/session.hpp"

#include "core/agree/merge.hpp"
#include "core/agree/span_agreement.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace gloss::app {

namespace {

using Key = std::tuple<std::uint32_t, std::uint32_t, std::string>;

Key key_of(const core::Span& s) {
    return {s.start, s.end, s.label};
}

// The range and label, and what the span says: its attributes (not the bookkeeping of a merge).
// Annotators agree on a span only when all of it is the same (an ERROR with another correction
// is a disagreement) and so are its relations (same_relations).
Key detailed_key(const core::Document&, const core::Span& s) {
    std::string what = s.label;
    for (const auto& [name, value] : s.attrs)
        if (!core::is_bookkeeping_attribute(name)) what += '\x1f' + name + '=' + value;
    return {s.start, s.end, what};
}

// The relations `s` starts in `d`: type -> targets.
std::map<std::string, std::vector<const core::Span*>> targets_of(const core::Document& d,
                                                                 const core::Span& s) {
    std::map<std::string, std::vector<const core::Span*>> out;
    for (const core::Relation* r : d.relations_of(s.id))
        if (r->from == s.id)
            if (const core::Span* t = d.spans().find(r->to)) out[r->type].push_back(t);
    return out;
}

// Whether `s` (of `a`) and `t` (of `b`) start the same relations: of the same types, to targets
// that are the same annotation (the same label, overlapping: "Antony Blinken" and "Blinken"
// are one speaker; where their ranges differ, that is the targets' own disagreement).
bool same_relations(const core::Document& a, const core::Span& s, const core::Document& b,
                    const core::Span& t) {
    auto x = targets_of(a, s), y = targets_of(b, t);
    if (x.size() != y.size()) return false;
    auto covered = [](const auto& from, const auto& in) {
        return std::all_of(from.begin(), from.end(), [&](const core::Span* p) {
            return std::any_of(in.begin(), in.end(), [&](const core::Span* q) {
                return p->label == q->label && p->start < q->end && q->start < p->end;
            });
        });
    };
    for (const auto& [type, targets] : x) {
        auto other = y.find(type);
        if (other == y.end() || !covered(targets, other->second) ||
            !covered(other->second, targets))
            return false;
    }
    return true;
}

// The undo step of an accept names the disagreement and the annotator, so whether a
// disagreement is resolved is read back from the history (and undo un-resolves it).
std::string accept_prefix(std::size_t disagreement) {
    return "review #" + std::to_string(disagreement + 1) + ": accept ";
}

// Spans of the versions that not every annotator has, grouped into runs of overlapping ranges.
ReviewDocument build_review(std::vector<core::Document> versions) {
    ReviewDocument review;
    std::vector<std::vector<core::Span>> spans;
    for (const core::Document& d : versions)
        spans.push_back(core::annotated_spans(d));
    std::set<Key> agreed;
    if (!spans.empty())
        for (const core::Span& s : spans.front()) {
            Key k = detailed_key(versions.front(), s);
            bool everyone = true;
            for (std::size_t v = 1; v < spans.size() && everyone; ++v)
                everyone = std::any_of(spans[v].begin(), spans[v].end(), [&](const core::Span& t) {
                    return detailed_key(versions[v], t) == k &&
                           same_relations(versions.front(), s, versions[v], t);
                });
            if (everyone) agreed.insert(k);
        }
    struct Item {
        std::size_t version;
        const core::Span* span;
    };
    std::vector<Item> items;
    for (std::size_t v = 0; v < spans.size(); ++v)
        for (const core::Span& s : spans[v])
            if (!agreed.count(detailed_key(versions[v], s))) items.push_back({v, &s});
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return std::tie(a.span->start, a.span->end, a.span->label, a.version) <
               std::tie(b.span->start, b.span->end, b.span->label, b.version);
    });
    // Sorted by start, a span joins the current run when it begins before the run's end: the
    // runs are the connected groups of overlapping spans, so no span touches two of them.
    for (const Item& item : items) {
        if (review.disagreements.empty() || item.span->start >= review.disagreements.back().end) {
            Disagreement d;
            d.start = item.span->start;
            d.end = item.span->end;
            d.alternatives.resize(versions.size());
            review.disagreements.push_back(std::move(d));
        }
        Disagreement& d = review.disagreements.back();
        d.end = std::max<std::size_t>(d.end, item.span->end);
        d.alternatives[item.version].push_back(*item.span);
    }
    review.agreed.assign(agreed.begin(), agreed.end());
    review.versions = std::move(versions);
    return review;
}

// `s` is a span of `d` (the adjudicated document or a version).
bool is_agreed(const ReviewDocument& review, const core::Document& d, const core::Span& s) {
    return std::binary_search(review.agreed.begin(), review.agreed.end(), detailed_key(d, s));
}

} // namespace

core::Diagnostics Review::load(std::vector<ReviewVersion> versions) {
    std::vector<std::vector<ReviewVersion>> one;
    one.push_back(std::move(versions));
    return load(std::move(one));
}

core::Diagnostics Review::load(std::vector<std::vector<ReviewVersion>> documents) {
    core::Diagnostics diagnostics;
    auto fail = [&](std::string message) {
        diagnostics.push_back(
            core::make_diagnostic(core::DiagnosticCode::Other, {"review: " + std::move(message)}));
    };
    if (documents.empty()) fail("no documents to review");
    for (const auto& versions : documents) {
        if (versions.size() < 2) {
            fail("document \"" + (versions.empty() ? "" : versions.front().document.id) +
                 "\" needs at least two annotators' versions");
            continue;
        }
        const core::Document& first = versions.front().document;
        const auto& names = documents.front();
        bool same_annotators = versions.size() == names.size() &&
                               std::equal(versions.begin(), versions.end(), names.begin(),
                                          [](const ReviewVersion& a, const ReviewVersion& b) {
                                              return a.annotator == b.annotator;
                                          });
        if (!same_annotators && !names.empty())
            fail("document \"" + first.id + "\" does not have the annotators of \"" +
                 names.front().document.id + "\"");
        for (std::size_t v = 0; v < versions.size(); ++v) {
            const ReviewVersion& r = versions[v];
            for (std::size_t w = 0; w < v; ++w)
                if (versions[w].annotator == r.annotator)
                    fail("annotator \"" + r.annotator + "\" appears twice");
            if (v == 0) continue;
            if (r.document.id != first.id)
                fail(r.annotator + "'s document \"" + r.document.id + "\" is not \"" + first.id +
                     "\"");
            else if (r.document.text().utf8() != first.text().utf8())
                fail(r.annotator + "'s text of \"" + first.id + "\" differs from " +
                     versions.front().annotator + "'s");
        }
    }
    if (core::has_errors(diagnostics)) return diagnostics;

    std::vector<core::Document> adjudicated;
    std::vector<ReviewDocument> reviews;
    for (auto& versions : documents) {
        std::vector<core::MergeVersion> merge;
        for (const ReviewVersion& r : versions)
            merge.push_back({r.annotator, &r.document});
        adjudicated.push_back(core::merge_versions(merge, core::MergeStrategy::Majority).document);
        std::vector<core::Document> docs;
        for (ReviewVersion& r : versions)
            docs.push_back(std::move(r.document));
        reviews.push_back(build_review(std::move(docs)));
    }
    std::vector<std::string> annotators;
    for (const ReviewVersion& r : documents.front())
        annotators.push_back(r.annotator);
    m_session.replace_documents(std::move(adjudicated));
    m_documents = std::move(reviews);
    m_annotators = std::move(annotators);
    if (!disagreements().empty()) m_session.place_caret(disagreements().front().start);
    return diagnostics;
}

const ReviewDocument* Review::current_document() const {
    std::size_t at = m_session.current_index();
    return at < m_documents.size() ? &m_documents[at] : nullptr;
}

ReviewDocument* Review::current_review() {
    std::size_t at = m_session.current_index();
    return at < m_documents.size() ? &m_documents[at] : nullptr;
}

const std::vector<Disagreement>& Review::disagreements() const {
    static const std::vector<Disagreement> s_none;
    const ReviewDocument* r = current_document();
    return r ? r->disagreements : s_none;
}

std::size_t Review::current() const {
    const ReviewDocument* r = current_document();
    return r ? r->current : 0;
}

bool Review::go_to(std::size_t index) {
    ReviewDocument* r = current_review();
    if (!r || index >= r->disagreements.size()) return false;
    r->current = index;
    m_session.place_caret(r->disagreements[index].start);
    return true;
}

bool Review::next() {
    std::size_t n = disagreements().size();
    return n && go_to((current() + 1) % n);
}

bool Review::previous() {
    std::size_t n = disagreements().size();
    return n && go_to((current() + n - 1) % n);
}

std::vector<std::optional<std::size_t>> Review::resolutions() const {
    const ReviewDocument* r = current_document();
    const core::Document* doc = m_session.document();
    if (!r || !doc) return {};
    std::vector<std::optional<std::size_t>> out(r->disagreements.size());
    for (const auto& [index, annotator] : r->settled)
        if (index < out.size()) out[index] = annotator;
    // Accepts still applied (before the history's position), the latest one winning.
    const auto& groups = doc->history().groups();
    for (std::size_t g = 0; g < doc->history().position(); ++g) {
        const std::string& name = groups[g].name;
        if (name.rfind("review #", 0) != 0) continue;
        std::size_t number = 0, i = 8;
        while (i < name.size() && name[i] >= '0' && name[i] <= '9')
            number = number * 10 + static_cast<std::size_t>(name[i++] - '0');
        if (number == 0 || number > out.size()) continue;
        std::string prefix = accept_prefix(number - 1);
        if (name.rfind(prefix, 0) != 0) continue;
        std::string who = name.substr(prefix.size());
        auto it = std::find(m_annotators.begin(), m_annotators.end(), who);
        if (it != m_annotators.end())
            out[number - 1] = static_cast<std::size_t>(it - m_annotators.begin());
    }
    return out;
}

std::optional<std::size_t> Review::resolved_by(std::size_t disagreement) const {
    auto all = resolutions();
    return disagreement < all.size() ? all[disagreement] : std::nullopt;
}

bool Review::accept_version(std::size_t annotator) {
    core::Document* doc = m_session.document();
    ReviewDocument* current = current_review();
    if (!doc || !current || annotator >= m_annotators.size()) return false;
    ReviewDocument& review = *current;
    if (review.current >= review.disagreements.size()) return false;
    const Disagreement& d = review.disagreements[review.current];
    const std::vector<core::Span>& chosen = d.alternatives[annotator];

    // What the adjudicated document holds there now: its spans over the disagreement that are
    // decisions (not suggestions, not rejected) and not agreed by everyone.
    std::vector<core::SpanId> owned;
    for (const core::Span* s : doc->spans().overlapping(d.start, d.end)) {
        if (s->start >= d.end || s->end <= d.start) continue;
        if (s->status == core::Status::Rejected) continue;
        if (s->status == core::Status::Pending && s->origin == core::Origin::Suggested) continue;
        if (!is_agreed(review, *doc, *s)) owned.push_back(s->id);
    }
    if (owned.empty() && chosen.empty()) {
        // Nothing to change: remembered as resolved without an undo step.
        review.settled[review.current] = annotator;
        m_session.mark_changed();
        return true;
    }

    const std::string& who = m_annotators[annotator];
    doc->begin_group(accept_prefix(review.current) + who);
    for (core::SpanId id : owned)
        doc->remove_span(id);
    std::map<core::SpanId, core::SpanId> new_id; // the version's span id -> adjudicated id
    for (const core::Span& s : chosen) {
        core::Span copy = s;
        copy.id = 0;
        copy.status = core::Status::Accepted;
        copy.attrs.erase("review");
        copy.attrs.erase("annotators");
        copy.annotator = who;
        core::EditResult added = doc->add_span(std::move(copy));
        if (added.ok()) new_id[s.id] = added.id;
    }
    // The version's relations from or to the accepted spans, where the other end is accepted
    // too or is a span everyone agreed on.
    const core::Document& version = review.versions[annotator];
    auto endpoint = [&](core::SpanId id) -> core::SpanId {
        if (auto it = new_id.find(id); it != new_id.end()) return it->second;
        const core::Span* s = version.spans().find(id);
        if (!s || !is_agreed(review, version, *s)) return 0;
        for (const core::Span* t : doc->spans().overlapping(s->start, s->end))
            if (key_of(*t) == key_of(*s)) return t->id;
        return 0;
    };
    for (const auto& [rid, r] : version.relations()) {
        if (!new_id.count(r.from) && !new_id.count(r.to)) continue;
        core::SpanId from = endpoint(r.from), to = endpoint(r.to);
        if (from && to) doc->add_relation({0, r.type, from, to});
    }
    doc->end_group();
    if (!doc->spans().contains(m_session.selected_span())) m_session.select_nothing();
    m_session.mark_changed();
    return true;
}

void Review::exit() {
    forget();
    m_session.mark_changed();
}

void Review::forget() {
    m_documents.clear();
    m_annotators.clear();
}

} // namespace gloss::app
