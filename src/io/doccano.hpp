// doccano JSONL, both variants: {"text","label":[[start,end,"LABEL"],...]} (sequence labeling)
// and {"text","entities":[{"id","start_offset","end_offset","label"}],"relations":[{"id",
// "from_id","to_id","type"}]} (relation extraction). doccano's editor counts UTF-16 code units,
// so offsets are UTF-16 unless told otherwise (OffsetUnit::CodePoint for files from tools that
// count code points). Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

struct DoccanoReadOptions {
    std::string source;
    const core::LabelSchema* schema = nullptr;
    OffsetUnit offset_unit = OffsetUnit::Utf16;
};

// Reads either variant, line by line (a line may mix none: "label" or "entities").
ImportResult read_doccano(std::string_view bytes, const DoccanoReadOptions& options);
std::optional<core::Document> read_doccano_line(std::string_view line, std::uint64_t line_number,
                                                const DoccanoReadOptions& options,
                                                core::Diagnostics& diagnostics);

enum class DoccanoVariant : std::uint8_t { Labels, Relations };

struct DoccanoWriteOptions {
    DoccanoVariant variant = DoccanoVariant::Labels;
    OffsetUnit offset_unit = OffsetUnit::Utf16;
};

// One document as one line, newline included. Attributes, status, origin and annotators are
// not written (doccano has no place for them); the Labels variant cannot hold relations.
std::string write_doccano_line(const core::Document& document, const DoccanoWriteOptions& options);
// Whole export, with NotExported warnings for what was left out.
std::string write_doccano(const std::vector<core::Document>& documents,
                          const DoccanoWriteOptions& options, core::Diagnostics& diagnostics);

} // namespace gloss::io
