// Worker scores on gold documents. Layer: core (std only).
#include "core/agree/gold_score.hpp"

namespace gloss::core {

void GoldScore::add(const std::string& worker, const std::string& document_id,
                    const std::vector<Span>& gold, const std::vector<Span>& worker_spans) {
    WorkerScore& w = m_workers[worker];
    add_span_agreement(w.spans, gold, worker_spans, MatchMode::Overlap);
    w.documents.insert(document_id);
}

std::vector<std::string> GoldScore::flagged(double threshold) const {
    std::vector<std::string> out;
    for (const auto& [name, w] : m_workers)
        if (w.spans.overall().f1() < threshold) out.push_back(name);
    return out;
}

std::map<std::string, std::vector<Span>> spans_by_annotator(const Document& document,
                                                            const std::string& default_worker) {
    std::map<std::string, std::vector<Span>> out;
    for (Span& s : annotated_spans(document)) {
        std::string worker = s.annotator.empty() ? default_worker : s.annotator;
        out[worker].push_back(std::move(s));
    }
    if (out.empty()) out[default_worker];
    return out;
}

} // namespace gloss::core
