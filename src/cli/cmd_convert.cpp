// gloss convert: reads documents in one format and writes them in another. Layer: cli.
#include "cli/commands.hpp"

#include "io/gloss_jsonl.hpp"
#include "io/plain_text.hpp"

#include <filesystem>
#include <iostream>

namespace gloss::cli {

const char* const kConvertHelp =
    "usage: gloss convert IN OUT [--from FORMAT] [--to FORMAT] [--skip-invalid]\n"
    "\n"
    "Reads documents from IN and writes them to OUT. '-' is stdin or stdout.\n"
    "Formats are inferred from the file names (.txt, .jsonl) unless given:\n"
    "  txt    plain UTF-8 text, one document (input only)\n"
    "  jsonl  Gloss JSONL, one document per line, code-point offsets\n"
    "\n"
    "Every problem is reported as FILE:LINE:COLUMN: message and nothing is written,\n"
    "unless --skip-invalid is given: then the valid documents are written and the\n"
    "skipped ones listed. The output is written to a temporary file and renamed.\n"
    "\n"
    "examples:\n"
    "  gloss convert article.txt article.jsonl\n"
    "  gloss convert tasks.jsonl - --skip-invalid\n";

namespace {

std::string infer_format(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".txt") return "txt";
    if (ext == ".jsonl" || ext == ".ndjson") return "jsonl";
    return "";
}

} // namespace

int cmd_convert(const Args& args) {
    std::vector<std::string> positional;
    std::string from, to;
    bool skip_invalid = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kConvertHelp;
            return 0;
        }
        if ((a == "--from" || a == "--to") && i + 1 < args.size()) {
            (a == "--from" ? from : to) = args[++i];
        } else if (a == "--skip-invalid") {
            skip_invalid = true;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            std::cerr << "gloss convert: unknown option " << a << "\n" << kConvertHelp;
            return 2;
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 2) {
        std::cerr << "gloss convert: expected IN and OUT\n" << kConvertHelp;
        return 2;
    }
    const std::string& in = positional[0];
    const std::string& out = positional[1];
    if (from.empty()) from = in == "-" ? "jsonl" : infer_format(in);
    if (to.empty()) to = out == "-" ? "jsonl" : infer_format(out);
    if (from != "txt" && from != "jsonl") {
        std::cerr << "gloss convert: cannot tell the format of " << in << "; use --from txt|jsonl\n";
        return 2;
    }
    if (to != "jsonl") {
        std::cerr << "gloss convert: cannot write format \"" << (to.empty() ? out : to)
                  << "\"; use --to jsonl\n";
        return 2;
    }

    auto bytes = read_input(in);
    if (!bytes) return 1;
    std::string source = in == "-" ? "<stdin>" : in;
    io::ImportResult result;
    if (from == "txt") {
        std::string id = in == "-" ? "stdin" : std::filesystem::path(in).stem().string();
        result = io::read_plain_text(*bytes, id, source);
    } else {
        io::JsonlReadOptions options;
        options.source = source;
        result = io::read_gloss_jsonl(*bytes, options);
    }
    for (const core::Diagnostic& d : result.diagnostics) std::cerr << d.to_string() << "\n";
    if (!result.ok()) {
        if (!skip_invalid) {
            std::cerr << "gloss convert: " << result.skipped_records
                      << " invalid record(s); nothing written (use --skip-invalid to write the rest)\n";
            return 1;
        }
        std::cerr << "gloss convert: skipped " << result.skipped_records << " invalid record(s)\n";
    }
    if (!write_output(out, io::write_gloss_jsonl(result.documents))) return 1;
    return 0;
}

} // namespace gloss::cli
