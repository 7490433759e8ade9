// Agreement on attributes and relations of matched spans (detail_agreement.hpp). Layer: core.
#include "core/agree/detail_agreement.hpp"

#include "core/agree/span_agreement.hpp"

#include <set>

namespace gloss::core {
namespace {

// type -> targets (indices into `spans`) of the relations `document` starts at `span`.
std::map<std::string, std::set<std::size_t>>
targets_of(const Document& document, const Span& span, const std::map<SpanId, std::size_t>& index) {
    std::map<std::string, std::set<std::size_t>> out;
    for (const Relation* r : document.relations_of(span.id)) {
        if (r->from != span.id) continue;
        auto it = index.find(r->to);
        // A target that is not an annotated span (a rejected one) points nowhere comparable.
        out[r->type].insert(it == index.end() ? ~std::size_t{0} : it->second);
    }
    return out;
}

} // namespace

void add_detail_agreement(DetailAgreement& out, const Document& document_a,
                          const std::vector<Span>& a, const Document& document_b,
                          const std::vector<Span>& b) {
    SpanMatching matching = match_spans(a, b, MatchMode::Overlap);
    std::vector<std::size_t> b_of_a(a.size(), ~std::size_t{0});
    for (const auto& [i, j] : matching.pairs)
        b_of_a[i] = j;
    std::map<SpanId, std::size_t> index_a, index_b;
    for (std::size_t i = 0; i < a.size(); ++i)
        index_a[a[i].id] = i;
    for (std::size_t j = 0; j < b.size(); ++j)
        index_b[b[j].id] = j;
    for (const auto& [i, j] : matching.pairs) {
        std::set<std::string> names;
        for (const auto& [name, value] : a[i].attrs)
            if (!is_bookkeeping_attribute(name)) names.insert(name);
        for (const auto& [name, value] : b[j].attrs)
            if (!is_bookkeeping_attribute(name)) names.insert(name);
        for (const std::string& name : names) {
            const std::string* x = a[i].attrs.get(name);
            const std::string* y = b[j].attrs.get(name);
            DetailCounts& c = out.attributes[name];
            ++c.compared;
            if (x && y && *x == *y) ++c.agreed;
        }
        auto ta = targets_of(document_a, a[i], index_a);
        auto tb = targets_of(document_b, b[j], index_b);
        std::set<std::string> types;
        for (const auto& [type, t] : ta)
            types.insert(type);
        for (const auto& [type, t] : tb)
            types.insert(type);
        for (const std::string& type : types) {
            // a's targets, as the b spans they are matched to.
            std::set<std::size_t> mapped;
            for (std::size_t t : ta[type])
                mapped.insert(t < b_of_a.size() ? b_of_a[t] : ~std::size_t{0});
            DetailCounts& c = out.relations[type];
            ++c.compared;
            if (mapped == tb[type] && mapped.count(~std::size_t{0}) == 0) ++c.agreed;
        }
    }
}

} // namespace gloss::core
