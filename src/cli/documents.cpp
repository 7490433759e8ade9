// Reading documents for every subcommand: format resolution, line formats streamed one line at
// a time (a 1 GB JSONL file never needs 1 GB of memory), other formats through the registry.
// Layer: cli.
#include "cli/commands.hpp"

#include "io/doccano.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/record_reader.hpp"
#include "io/sagemaker.hpp"
#include "io/schema_io.hpp"

#include <iostream>

namespace gloss::cli {

namespace {

constexpr std::size_t kMaxLineBytes = 64u << 20;

} // namespace

void print(const core::Diagnostic& diagnostic) {
    std::string_view severity;
    if (diagnostic.severity == core::Severity::Warning)
        severity = "warning: ";
    else if (diagnostic.severity == core::Severity::Info)
        severity = "note: ";
    std::string text = diagnostic.to_string();
    if (!severity.empty()) {
        // "FILE:LINE: message" -> "FILE:LINE: warning: message"
        std::size_t at = text.size() - diagnostic.message.size();
        text.insert(at, severity);
    }
    std::cerr << text << "\n";
}

const io::Format* resolve_input_format(const std::string& path, const std::string& from,
                                       const char* command) {
    const io::Format* format = nullptr;
    if (!from.empty()) {
        format = io::find_format(from);
        if (!format) {
            std::cerr << "gloss " << command << ": unknown format \"" << from
                      << "\" (gloss convert --help lists them)\n";
            return nullptr;
        }
    } else if (path == "-") {
        format = io::find_format("jsonl");
    } else if (is_directory(path)) {
        std::cerr << "gloss " << command << ": " << path
                  << " is a folder; say which format it holds with --from (brat, txt, ...)\n";
        return nullptr;
    } else {
        format = io::format_for_file(path);
        if (!format || format == io::find_format("jsonl")) {
            // A generic name: the first records tell (a doccano export named .jsonl).
            io::DetectedFormat detected = io::detect_format(path, read_head(path, 1 << 20));
            if (!detected.candidates.empty()) {
                std::cerr << "gloss " << command << ": " << path << " could be read as ";
                for (std::size_t i = 0; i < detected.candidates.size(); ++i)
                    std::cerr << (i ? " or " : "") << detected.candidates[i]->name;
                std::cerr << " (" << detected.reason << "); say which with --from FORMAT\n";
                return nullptr;
            }
            if (detected.format && detected.format != format)
                std::cerr << "gloss " << command << ": reading " << path << " as "
                          << detected.format->name << " (" << detected.reason
                          << "); --from FORMAT says otherwise\n";
            if (detected.format) format = detected.format;
        }
        if (!format) {
            std::cerr << "gloss " << command << ": cannot tell the format of " << path
                      << " from its name or its first record; use --from FORMAT\n";
            return nullptr;
        }
    }
    if (!format->read) {
        std::cerr << "gloss " << command << ": format \"" << format->name << "\" cannot be read\n";
        return nullptr;
    }
    return format;
}

int prepare_input(InputOptions& input, const std::string& path, const std::string& from,
                  const std::string& schema_path, std::optional<core::LabelSchema>& schema,
                  const char* command) {
    input.path = path;
    input.format = resolve_input_format(path, from, command);
    if (!input.format) return 2;
    if (!schema_path.empty()) {
        schema = load_schema(schema_path);
        if (!schema) return 1;
        input.schema = &*schema;
    }
    return 0;
}

bool is_line_format(const io::Format* format) {
    if (!format) return false;
    std::string_view n = format->name;
    return n == "jsonl" || n == "doccano" || n == "doccano-rel" || n == "sagemaker";
}

std::optional<core::LabelSchema> load_schema(const std::string& path) {
    auto bytes = read_input(path);
    if (!bytes) return std::nullopt;
    core::Diagnostics diagnostics;
    auto schema = io::read_schema(*bytes, path, diagnostics);
    for (const core::Diagnostic& d : diagnostics)
        print(d);
    return schema;
}

ReadSummary read_documents(const InputOptions& input,
                           const std::function<void(core::Document&&)>& visit, Progress* progress) {
    ReadSummary summary;
    std::string source = input.path == "-" ? "<stdin>" : input.path;
    auto report = [&](const core::Diagnostics& diagnostics) {
        for (const core::Diagnostic& d : diagnostics) {
            print(d);
            if (d.severity == core::Severity::Error)
                ++summary.errors;
            else if (d.severity == core::Severity::Warning)
                ++summary.warnings;
        }
    };
    if (is_line_format(input.format) && !is_directory(input.path)) {
        LineSource lines(input.path, kMaxLineBytes);
        if (!lines.ok()) {
            summary.readable = false;
            return summary;
        }
        std::string name(input.format->name);
        io::JsonlReadOptions jsonl;
        jsonl.source = source;
        jsonl.schema = input.schema;
        io::DoccanoReadOptions doccano;
        doccano.source = source;
        doccano.schema = input.schema;
        doccano.offset_unit = input.offset_unit.value_or(io::OffsetUnit::Utf16);
        io::SageMakerReadOptions sagemaker;
        sagemaker.source = source;
        sagemaker.schema = input.schema;
        sagemaker.offset_unit = input.offset_unit.value_or(io::OffsetUnit::Utf16);
        io::ReadOptions generic;
        generic.source = source;
        generic.schema = input.schema;
        generic.offset_unit = input.offset_unit;
        std::string line;
        std::uint64_t number = 0;
        std::size_t too_long = 0;
        core::Diagnostics diagnostics;
        while (lines.next(line, number, too_long)) {
            diagnostics.clear();
            std::optional<core::Document> doc;
            if (too_long) {
                core::Place place;
                place.source = source;
                place.line = number;
                diagnostics.push_back(core::make_diagnostic(
                    core::DiagnosticCode::LineTooLong,
                    {std::to_string(too_long), std::to_string(kMaxLineBytes)}, place));
            } else if (io::is_blank(line)) {
                continue;
            } else if (name == "jsonl") {
                doc = io::read_gloss_jsonl_line(line, number, jsonl, diagnostics);
            } else if (name == "doccano" || name == "doccano-rel") {
                doc = io::read_doccano_line(line, number, doccano, diagnostics);
            } else if (name == "sagemaker") {
                doc = io::read_sagemaker_line(line, number, sagemaker, diagnostics);
            } else {
                // Other line formats: the registry reader on one line, renumbered.
                io::ImportResult one = input.format->read({{source, line + "\n"}}, generic);
                for (core::Diagnostic& d : one.diagnostics)
                    if (d.place.line != core::Place::kUnknown) d.place.line = number;
                diagnostics = std::move(one.diagnostics);
                if (!one.documents.empty()) doc = std::move(one.documents.front());
            }
            report(diagnostics);
            if (doc && !core::has_errors(diagnostics)) {
                ++summary.documents;
                visit(std::move(*doc));
            } else {
                ++summary.skipped;
            }
            if (progress) progress->update(summary.documents, lines.bytes_read());
        }
        return summary;
    }
    auto files = read_inputs(input.path);
    if (!files) {
        summary.readable = false;
        return summary;
    }
    io::ReadOptions options;
    options.source = source;
    options.schema = input.schema;
    options.offset_unit = input.offset_unit;
    io::ImportResult result = input.format->read(*files, options);
    report(result.diagnostics);
    summary.skipped = result.skipped_records;
    for (core::Document& d : result.documents) {
        ++summary.documents;
        visit(std::move(d));
    }
    return summary;
}

} // namespace gloss::cli
