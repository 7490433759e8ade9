// Scoring workers against gold (known-answer) documents: span F1 with overlap matching, per
// label and overall, and the workers below a threshold. Layer: core (std only).
#pragma once

#include "core/agree/span_agreement.hpp"
#include "core/model/document.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace gloss::core {

struct WorkerScore {
    SpanAgreement spans;             // gold is the reference, the worker's spans are compared
    std::set<std::string> documents; // ids of the gold documents the worker was scored on
};

class GoldScore {
public:
    // Scores one worker's version of one gold document (each call counts, so a document a
    // worker submitted twice is scored twice).
    void add(const std::string& worker, const std::string& document_id,
             const std::vector<Span>& gold, const std::vector<Span>& worker_spans);
    const std::map<std::string, WorkerScore>& workers() const { return m_workers; }
    // Workers whose overall F1 is below `threshold`, in name order.
    std::vector<std::string> flagged(double threshold) const;

private:
    std::map<std::string, WorkerScore> m_workers;
};

// A document's annotated_spans() grouped by their annotator field; spans without one go to
// `default_worker`, who also gets the document (with no spans) when it holds no annotated
// span at all. A worker with no span in a document that other workers annotated is absent.
std::map<std::string, std::vector<Span>> spans_by_annotator(const Document& document,
                                                            const std::string& default_worker);

} // namespace gloss::core
