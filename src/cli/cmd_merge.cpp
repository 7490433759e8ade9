// gloss merge: several annotators' exports of the same documents merged into one adjudicated
// Gloss JSONL by majority, union or intersection, disagreements marked for review. Layer: cli.
#include "cli/commands.hpp"

#include "core/agree/merge.hpp"
#include "io/gloss_jsonl.hpp"

#include <iostream>

namespace gloss::cli {

const char* const kMergeHelp =
    "usage: gloss merge A B [C...] -o OUT [--strategy majority|union|intersection]\n"
    "                   [--from FORMAT] [--schema SCHEMA]\n"
    "\n"
    "Merges annotators' versions of the same documents (matched by id; one file per annotator,\n"
    "in any format gloss reads) into one adjudicated Gloss JSONL file. Spans of different\n"
    "annotators are the same annotation when they have the same label and their ranges\n"
    "intersect (matched one to one, largest overlap first). Rejected spans and pending\n"
    "suggestions do not take part.\n"
    "\n"
    "  --strategy S   majority (default): keep a span more than half of the annotators have;\n"
    "                 union: keep every span; intersection: keep what every annotator has\n"
    "  -o, --output   where to write the merged documents (\"-\" for stdout)\n"
    "  --from FORMAT  the format of every input (default: from each name)\n"
    "  --schema FILE  a label schema: unknown labels are errors\n"
    "\n"
    "A kept span takes the range most of its annotators gave (a tie goes to the annotator\n"
    "named first), and each attribute the value most of them gave. Each disagreement (a span\n"
    "some annotator lacks, one given different ranges, or different attributes or relations)\n"
    "is marked for review: attributes review=disagreement, annotators=a,b (who has it) and\n"
    "disagree_on=correction,speaker (what else differs), and status pending when some\n"
    "annotator lacks it. Relations are kept as spans are, among the annotators of their span;\n"
    "by majority with no target most agree on, the most given (a tie: the annotator named\n"
    "first), so a quote keeps one speaker. A document missing from some files is merged\n"
    "from the versions there are, and reported. Annotators are named as by gloss agree.\n"
    "A summary (kept, dropped, marked for review) goes to stdout, or stderr with -o -.\n"
    "\n"
    "Exit status: 0; 1 when an input cannot be read, holds invalid records, no document is in\n"
    "two files, or the output cannot be written; 2 on a usage error.\n"
    "\n"
    "examples:\n"
    "  gloss merge ann.jsonl bob.jsonl cyd.jsonl -o merged.jsonl\n"
    "  gloss merge ann.jsonl bob.jsonl -o all.jsonl --strategy union\n"
    "  gloss merge a.jsonl b.jsonl c.jsonl -o - | gloss stats -\n";

int cmd_merge(const Args& args) {
    std::vector<std::string> paths;
    std::string from, schema_path, output, strategy_name = "majority";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kMergeHelp;
            return 0;
        }
        if ((a == "--from" || a == "--schema" || a == "--strategy" || a == "-o" ||
             a == "--output") &&
            i + 1 < args.size()) {
            const std::string& v = args[++i];
            if (a == "--from")
                from = v;
            else if (a == "--schema")
                schema_path = v;
            else if (a == "--strategy")
                strategy_name = v;
            else
                output = v;
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "gloss merge: unknown option " << a << "\n\n" << kMergeHelp;
            return 2;
        } else {
            paths.push_back(a);
        }
    }
    if (paths.size() < 2) {
        std::cerr << "gloss merge: expected two or more files, one per annotator\n\n" << kMergeHelp;
        return 2;
    }
    if (output.empty()) {
        std::cerr << "gloss merge: say where to write the merged documents with -o OUT\n\n"
                  << kMergeHelp;
        return 2;
    }
    std::optional<core::MergeStrategy> strategy = core::parse_merge_strategy(strategy_name);
    if (!strategy) {
        std::cerr << "gloss merge: unknown strategy \"" << strategy_name
                  << "\" (majority, union or intersection)\n";
        return 2;
    }
    std::optional<core::LabelSchema> schema;
    if (!schema_path.empty()) {
        schema = load_schema(schema_path);
        if (!schema) return 1;
    }

    std::vector<AnnotatorFile> files(paths.size());
    bool bad_records = false;
    for (std::size_t f = 0; f < paths.size(); ++f) {
        if (int code =
                read_annotator_file(paths[f], from, schema ? &*schema : nullptr, "merge", files[f]))
            return code;
        bad_records = bad_records || files[f].summary.errors > 0;
    }
    name_annotators(files);
    std::uint64_t missing = 0;
    std::vector<DocumentVersions> documents = line_up(files, "merge", missing);
    bool common = false;
    for (const DocumentVersions& v : documents)
        common = common || v.files.size() >= 2;
    if (!common) {
        std::cerr << "gloss merge: no document is in two or more of the files (documents are "
                     "matched by id)\n";
        return 1;
    }

    std::string out;
    core::MergeSummary summary;
    for (const DocumentVersions& v : documents) {
        std::vector<core::MergeVersion> versions;
        for (std::size_t i = 0; i < v.files.size(); ++i)
            versions.push_back({files[v.files[i]].annotator, &version_of(files, v, i)});
        core::MergeResult merged = core::merge_versions(versions, *strategy);
        summary += merged.summary;
        out += io::write_gloss_jsonl_line(merged.document);
    }
    if (!write_output(output, out)) return 1;

    std::ostream& report = output == "-" ? std::cerr : std::cout;
    report << "merged " << documents.size() << " document(s) of " << files.size()
           << " annotator(s) by " << core::to_string(*strategy) << ": " << summary.kept
           << " span(s) kept, " << summary.dropped << " dropped, " << summary.review
           << " marked for review, " << summary.relations << " relation(s)";
    if (missing) report << "; " << missing << " document(s) missing from some files";
    report << "\n";
    if (output != "-") report << "wrote " << output << "\n";
    return bad_records ? 1 : 0;
}

} // namespace gloss::cli
