// SageMaker Ground Truth named-entity output manifest (the crowd-entity-annotation task, also
// Mechanical Turk's answer): one JSON object per line, {"source": TEXT, "<attribute>":
// {"annotations": {"entities": [{"label","startOffset","endOffset"}], "labels": [{"label"}]}},
// "<attribute>-metadata": {...}}. The crowd element runs in the browser and counts UTF-16 code
// units, so offsets are UTF-16 unless told otherwise. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

// The label attribute name Gloss writes ("<name>" and "<name>-metadata").
inline constexpr std::string_view kSageMakerAttribute = "gloss-ner";

struct SageMakerReadOptions {
    std::string source;
    const core::LabelSchema* schema = nullptr;
    OffsetUnit offset_unit = OffsetUnit::Utf16;
};

// Reads output-manifest lines; the label attribute is found by shape (the member holding
// "annotations": {"entities": [...]}), and a bare Mechanical Turk answer
// {"crowd-entity-annotation": {"entities": [...]}} with "source" also reads.
ImportResult read_sagemaker(std::string_view bytes, const SageMakerReadOptions& options);

// Reads one manifest line (without its newline); nullopt when it is bad (reported).
std::optional<core::Document> read_sagemaker_line(std::string_view line, std::uint64_t line_number,
                                                  const SageMakerReadOptions& options,
                                                  core::Diagnostics& diagnostics);

struct SageMakerWriteOptions {
    OffsetUnit offset_unit = OffsetUnit::Utf16;
};

// Writes one line per document. Relations, attributes, status and annotators have no place
// in the format and are counted in NotExported warnings.
std::string write_sagemaker(const std::vector<core::Document>& documents,
                            const SageMakerWriteOptions& options, core::Diagnostics& diagnostics);

} // namespace gloss::io
