// Label Studio tasks JSON: [{"data":{"text",...},"annotations":[{"result":[...]}],
// "predictions":[...]}], result items of type "labels" (value.start/end/text/labels),
// "relation" (from_id, to_id, labels) and per-region "choices"/"textarea" for attributes.
// Offsets are code points (what the Text tag stores) unless told otherwise. Export also writes
// the labeling-config XML that matches the tasks. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

struct LabelStudioReadOptions {
    std::string source;                        // file name for diagnostics
    const core::LabelSchema* schema = nullptr; // when set, unknown labels are errors
    OffsetUnit offset_unit = OffsetUnit::CodePoint;
};

// Reads a tasks array (or one task object). Annotations give accepted spans with their
// annotator ("completed_by"), predictions give pending suggestions. Each bad task is reported
// at its line and left out.
ImportResult read_label_studio(std::string_view bytes, const LabelStudioReadOptions& options);

struct LabelStudioWriteOptions {
    const core::LabelSchema* schema = nullptr; // labels, colours and attribute kinds for the config
    OffsetUnit offset_unit = OffsetUnit::CodePoint;
};

struct LabelStudioExport {
    std::string tasks_json;        // the tasks array
    std::string config_xml;        // the labeling config the tasks import cleanly into
    core::Diagnostics diagnostics; // what the format could not hold (rejected spans, ...)
};

// Accepted spans go to one annotation per annotator, pending ones to one prediction; rejected
// spans cannot be written and are counted in a NotExported warning.
LabelStudioExport write_label_studio(const std::vector<core::Document>& documents,
                                     const LabelStudioWriteOptions& options);

} // namespace gloss::io
