// Merging annotators' versions of a document: grouping spans across annotators, choosing each
// group's range, marking disagreements, carrying relations over. Layer: core (std only).
#include "core/agree/merge.hpp"

#include "core/agree/span_agreement.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace gloss::core {

namespace {

struct Member {
    std::size_t version;
    std::size_t span; // index into that version's annotated spans
};

// Spans of different annotators taken to be the same annotation.
struct Group {
    Span range; // label and the current most common range, for matching the next annotator
    std::vector<Member> members;
};

// The member whose range is held by the most members; ties go to the earliest annotator.
std::size_t chosen_member(const Group& g, const std::vector<std::vector<Span>>& spans) {
    std::size_t best = 0, best_count = 0;
    for (std::size_t i = 0; i < g.members.size(); ++i) {
        const Span& s = spans[g.members[i].version][g.members[i].span];
        std::size_t count = 0;
        for (const Member& m : g.members) {
            const Span& t = spans[m.version][m.span];
            if (t.start == s.start && t.end == s.end) ++count;
        }
        if (count > best_count) {
            best = i;
            best_count = count;
        }
    }
    return best;
}

bool keeps(MergeStrategy strategy, std::size_t holders, std::size_t annotators) {
    switch (strategy) {
    case MergeStrategy::Majority:
        return 2 * holders > annotators;
    case MergeStrategy::Union:
        return holders > 0;
    case MergeStrategy::Intersection:
        return holders == annotators;
    }
    return false;
}

} // namespace

std::string_view to_string(MergeStrategy strategy) {
    switch (strategy) {
    case MergeStrategy::Majority:
        return "majority";
    case MergeStrategy::Union:
        return "union";
    case MergeStrategy::Intersection:
        return "intersection";
    }
    return "majority";
}

std::optional<MergeStrategy> parse_merge_strategy(std::string_view name) {
    if (name == "majority") return MergeStrategy::Majority;
    if (name == "union") return MergeStrategy::Union;
    if (name == "intersection") return MergeStrategy::Intersection;
    return std::nullopt;
}

MergeSummary& MergeSummary::operator+=(const MergeSummary& other) {
    kept += other.kept;
    dropped += other.dropped;
    review += other.review;
    relations += other.relations;
    return *this;
}

MergeResult merge_versions(const std::vector<MergeVersion>& versions, MergeStrategy strategy) {
    MergeResult result;
    if (versions.empty() || !versions.front().document) return result;
    const Document& first = *versions.front().document;
    result.document = Document(first.id, first.text());
    result.document.meta = first.meta;
    result.document.set_tokens(first.tokens());

    std::vector<std::vector<Span>> spans;
    for (const MergeVersion& v : versions)
        spans.push_back(v.document ? annotated_spans(*v.document) : std::vector<Span>{});

    // [SECTION] Grouping: each annotator's spans matched against the groups so far.
    std::vector<Group> groups;
    // group_of[version][span index] = group index
    std::vector<std::vector<std::size_t>> group_of(versions.size());
    for (std::size_t v = 0; v < versions.size(); ++v) {
        std::vector<Span> ranges;
        for (const Group& g : groups)
            ranges.push_back(g.range);
        SpanMatching m = match_spans(ranges, spans[v], MatchMode::Overlap);
        group_of[v].assign(spans[v].size(), 0);
        for (const auto& [g, s] : m.pairs) {
            groups[g].members.push_back({v, s});
            group_of[v][s] = g;
        }
        for (std::size_t s : m.only_b) {
            group_of[v][s] = groups.size();
            groups.push_back({spans[v][s], {{v, s}}});
        }
        for (Group& g : groups) {
            const Member& c = g.members[chosen_member(g, spans)];
            g.range.start = spans[c.version][c.span].start;
            g.range.end = spans[c.version][c.span].end;
        }
    }

    // [SECTION] Choosing: the strategy keeps a group or drops it.
    std::vector<Span> kept;
    std::vector<std::size_t> kept_group;
    std::vector<bool> is_kept(groups.size());
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
        const Group& g = groups[gi];
        if (!keeps(strategy, g.members.size(), versions.size())) {
            ++result.summary.dropped;
            continue;
        }
        const Member& c = g.members[chosen_member(g, spans)];
        Span span = spans[c.version][c.span];
        bool all = g.members.size() == versions.size();
        bool same_range = std::all_of(g.members.begin(), g.members.end(), [&](const Member& m) {
            const Span& t = spans[m.version][m.span];
            return t.start == span.start && t.end == span.end;
        });
        if (!all || !same_range) {
            std::vector<Member> holders = g.members;
            std::sort(holders.begin(), holders.end(),
                      [](const Member& a, const Member& b) { return a.version < b.version; });
            std::string names;
            for (const Member& m : holders)
                names += (names.empty() ? "" : ",") + versions[m.version].annotator;
            span.attrs.set("review", "disagreement");
            span.attrs.set("annotators", names);
            if (!all) span.status = Status::Pending;
            ++result.summary.review;
        }
        span.annotator.clear();
        is_kept[gi] = true;
        kept.push_back(std::move(span));
        kept_group.push_back(gi);
    }

    // Fresh ids in (start, end, label) order.
    std::vector<std::size_t> order(kept.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return std::tie(kept[x].start, kept[x].end, kept[x].label, x) <
               std::tie(kept[y].start, kept[y].end, kept[y].label, y);
    });
    std::vector<SpanId> id_of_group(groups.size(), 0);
    std::vector<Span> out_spans;
    for (std::size_t i : order) {
        Span s = kept[i];
        s.id = static_cast<SpanId>(out_spans.size() + 1);
        id_of_group[kept_group[i]] = s.id;
        out_spans.push_back(std::move(s));
    }

    // [SECTION] Relations whose two endpoints survived, once per (type, from, to).
    std::set<std::tuple<std::string, SpanId, SpanId>> relations;
    for (std::size_t v = 0; v < versions.size(); ++v) {
        if (!versions[v].document) continue;
        std::map<SpanId, std::size_t> index_of;
        for (std::size_t s = 0; s < spans[v].size(); ++s)
            index_of[spans[v][s].id] = s;
        for (const auto& [rid, r] : versions[v].document->relations()) {
            auto from = index_of.find(r.from), to = index_of.find(r.to);
            if (from == index_of.end() || to == index_of.end()) continue;
            std::size_t gf = group_of[v][from->second], gt = group_of[v][to->second];
            if (!is_kept[gf] || !is_kept[gt]) continue;
            relations.insert({r.type, id_of_group[gf], id_of_group[gt]});
        }
    }
    std::vector<Relation> out_relations;
    for (const auto& [type, from, to] : relations)
        out_relations.push_back(
            {static_cast<RelationId>(out_relations.size() + 1), type, from, to});

    result.summary.kept = out_spans.size();
    result.summary.relations = out_relations.size();
    result.document.load(std::move(out_spans), std::move(out_relations));
    return result;
}

} // namespace gloss::core
