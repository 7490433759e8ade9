// Merging annotators' versions of a document: grouping spans across annotators, choosing each
// group's range, marking disagreements, carrying relations over. Layer: core (std only).
#include "core/agree/merge.hpp"

#include "core/agree/span_agreement.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
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

// The value most members hold (absent counts as a value); ties go to the earliest annotator.
std::optional<std::string> majority_value(const std::vector<std::optional<std::string>>& values) {
    std::size_t best = 0, best_count = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::size_t count =
            static_cast<std::size_t>(std::count(values.begin(), values.end(), values[i]));
        if (count > best_count) {
            best = i;
            best_count = count;
        }
    }
    return values.empty() ? std::nullopt : values[best];
}

void mark_disagreement(Span& span, const std::vector<Member>& members,
                       const std::vector<MergeVersion>& versions) {
    std::vector<Member> holders = members;
    std::sort(holders.begin(), holders.end(),
              [](const Member& a, const Member& b) { return a.version < b.version; });
    std::string names;
    for (const Member& m : holders)
        names += (names.empty() ? "" : ",") + versions[m.version].annotator;
    span.attrs.set("review", "disagreement");
    span.attrs.set("annotators", names);
}

void add_disagree_on(Span& span, const std::string& what) {
    const std::string* old = span.attrs.get("disagree_on");
    std::string list = old ? *old : std::string();
    std::string padded = "," + list + ",";
    if (padded.find("," + what + ",") == std::string::npos)
        list += (list.empty() ? "" : ",") + what;
    span.attrs.set("disagree_on", list);
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
        // Each attribute as most members have it: a correction, a canonical name, a type
        // the members differ on makes the span a disagreement too.
        std::set<std::string> names;
        for (const Member& m : g.members)
            for (const auto& [name, value] : spans[m.version][m.span].attrs)
                if (!is_bookkeeping_attribute(name)) names.insert(name);
        std::vector<std::string> differ;
        for (const std::string& name : names) {
            std::vector<std::optional<std::string>> values;
            for (const Member& m : g.members) {
                const std::string* v = spans[m.version][m.span].attrs.get(name);
                values.push_back(v ? std::optional<std::string>(*v) : std::nullopt);
            }
            if (std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) ==
                values.end())
                continue;
            differ.push_back(name);
            if (std::optional<std::string> v = majority_value(values))
                span.attrs.set(name, *v);
            else
                span.attrs.erase(name);
        }
        if (!all || !same_range || !differ.empty()) {
            mark_disagreement(span, g.members, versions);
            for (const std::string& name : differ)
                add_disagree_on(span, name);
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

    // [SECTION] Relations: per kept span and relation type, the targets its holders point at
    // (as groups), each with the annotators who point there. The strategy keeps targets as it
    // keeps spans (among the span's holders); under majority, when no target has most of them,
    // the one with the most (ties: the earliest annotator) is kept, so that a quote keeps one
    // speaker. Holders that do not all point at the same targets make the span a disagreement
    // on that type (a quote with two speakers is never merged silently).
    std::map<std::pair<std::size_t, std::string>, std::map<std::size_t, std::set<std::size_t>>>
        votes; // (from group, type) -> target group -> versions
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
            votes[{gf, r.type}][gt].insert(v);
        }
    }
    std::vector<Relation> out_relations;
    for (const auto& [key, targets] : votes) {
        const auto& [gf, type] = key;
        std::set<std::size_t> holders;
        for (const Member& m : groups[gf].members)
            holders.insert(m.version);
        bool differ = false;
        std::vector<std::size_t> chosen;
        std::size_t best = 0, best_count = 0, best_first = ~std::size_t{0};
        for (const auto& [gt, who] : targets) {
            std::size_t count = 0;
            for (std::size_t v : who)
                count += holders.count(v);
            if (count != holders.size()) differ = true;
            if (keeps(strategy, count, holders.size())) chosen.push_back(gt);
            std::size_t earliest = who.empty() ? ~std::size_t{0} : *who.begin();
            if (count > best_count || (count == best_count && earliest < best_first)) {
                best = gt;
                best_count = count;
                best_first = earliest;
            }
        }
        if (chosen.empty() && strategy == MergeStrategy::Majority && best_count > 0)
            chosen.push_back(best);
        for (std::size_t gt : chosen)
            out_relations.push_back({static_cast<RelationId>(out_relations.size() + 1), type,
                                     id_of_group[gf], id_of_group[gt]});
        if (differ) {
            Span& span = out_spans[id_of_group[gf] - 1];
            if (!span.attrs.get("review")) ++result.summary.review;
            mark_disagreement(span, groups[gf].members, versions);
            add_disagree_on(span, type);
        }
    }

    result.summary.kept = out_spans.size();
    result.summary.relations = out_relations.size();
    result.document.load(std::move(out_spans), std::move(out_relations));
    return result;
}

} // namespace gloss::core
