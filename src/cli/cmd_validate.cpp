// gloss validate: reads a file and reports every problem with its place. Layer: cli.
#include "cli/commands.hpp"

#include "io/record_reader.hpp"
#include "io/schema_io.hpp"

#include <iostream>
#include <map>

namespace gloss::cli {

const char* const kValidateHelp =
    "usage: gloss validate FILE [--schema SCHEMA] [--from FORMAT] [--offset-unit UNIT]\n"
    "\n"
    "Reads FILE (or a folder, with --from brat or txt) and reports every problem on stderr,\n"
    "one per line, as FILE:LINE:COLUMN: message (or FILE[doc-id]:offset N: message for\n"
    "whole-file JSON formats): malformed JSON, offsets past the text or inside a character,\n"
    "end before start, a span whose text differs from its slice, invalid UTF-8, relations to\n"
    "missing spans, unknown labels (with --schema), lines over 64 MB. Warnings (e.g. brat\n"
    "offsets that only fit as UTF-16) are printed but do not fail validation. Without\n"
    "--schema, each label the default schema lacks is a warning naming it, with its count\n"
    "and first place (a typo such as PERSNO does not pass unseen).\n"
    "\n"
    "Exit status: 0 when valid, 1 when any error was found, 2 on wrong usage.\n"
    "\n"
    "examples:\n"
    "  gloss validate tasks.jsonl --schema assets/schema/default.json\n"
    "  gloss validate export.doccano.jsonl --offset-unit codepoint\n"
    "  gloss validate brat_folder --from brat\n";

namespace {

const char kDefaultSchemaJson[] =
#include "default_schema.inc"
    ;

struct LabelSeen {
    std::uint64_t spans = 0;
    std::string document;
    std::uint32_t offset = 0;
};

} // namespace

int cmd_validate(const Args& args) {
    std::vector<std::string> positional;
    std::string from, schema_path;
    std::optional<io::OffsetUnit> unit;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kValidateHelp;
            return 0;
        }
        if ((a == "--from" || a == "--schema" || a == "--offset-unit") && i + 1 < args.size()) {
            const std::string& v = args[++i];
            if (a == "--from")
                from = v;
            else if (a == "--schema")
                schema_path = v;
            else if (!(unit = io::parse_offset_unit(v))) {
                std::cerr << "gloss validate: unknown offset unit \"" << v << "\"\n";
                return 2;
            }
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            std::cerr << "gloss validate: unknown option " << a << "\n\n" << kValidateHelp;
            return 2;
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 1) {
        std::cerr << "gloss validate: expected one FILE\n\n" << kValidateHelp;
        return 2;
    }
    InputOptions input;
    std::optional<core::LabelSchema> schema;
    if (int code = prepare_input(input, positional[0], from, schema_path, schema, "validate"))
        return code;
    input.offset_unit = unit;
    core::Diagnostics schema_problems;
    std::optional<core::LabelSchema> default_schema;
    if (!schema)
        default_schema = io::read_schema(kDefaultSchemaJson, "default schema", schema_problems);
    std::map<std::string, LabelSeen> not_in_default; // label -> where
    std::uint64_t spans = 0;
    Progress progress("gloss validate");
    ReadSummary s = read_documents(
        input,
        [&](core::Document&& d) {
            spans += d.spans().size();
            if (!default_schema) return;
            d.spans().for_each([&](const core::Span& span) {
                if (default_schema->find(span.label)) return;
                LabelSeen& seen = not_in_default[span.label];
                if (seen.spans++ == 0) {
                    seen.document = d.id;
                    seen.offset = span.start;
                }
            });
        },
        &progress);
    progress.done();
    if (!s.readable) return 1;
    std::string name = input.path == "-" ? "<stdin>" : input.path;
    core::Place place;
    place.source = name;
    for (const auto& [label, seen] : not_in_default) {
        print(core::make_diagnostic(
            core::DiagnosticCode::LabelNotInDefaultSchema,
            {label, std::to_string(seen.spans), std::to_string(seen.offset), seen.document},
            place));
        ++s.warnings;
    }
    std::cout << name << ": " << s.documents << " valid document(s), " << spans << " span(s)";
    if (s.errors) std::cout << "; " << s.errors << " error(s) in " << s.skipped << " record(s)";
    if (s.warnings) std::cout << "; " << s.warnings << " warning(s)";
    std::cout << "\n";
    return s.errors ? 1 : 0;
}

} // namespace gloss::cli
