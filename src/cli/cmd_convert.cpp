// gloss convert: reads documents in one format and writes them in another. Layer: cli.
#include "cli/commands.hpp"

#include "io/conll.hpp"
#include "io/record_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

namespace gloss::cli {

const char* const kConvertHelp =
    "usage: gloss convert IN OUT [--from FORMAT] [--to FORMAT] [--offset-unit UNIT]\n"
    "                     [--schema SCHEMA] [--skip-invalid] [CoNLL options]\n"
    "\n"
    "Reads documents from IN and writes them to OUT; '-' is stdin or stdout (Gloss JSONL\n"
    "unless --from/--to say otherwise). Formats are inferred from the names where that is\n"
    "unambiguous:\n"
    "  jsonl        .jsonl .ndjson  Gloss JSONL, code points (the reference format)\n"
    "  project      .gloss.json     Gloss project JSON, lossless (schema, history)\n"
    "  txt          .txt            plain text, one document per file or a folder (input)\n"
    "  labelstudio  .ls.json        Label Studio tasks + OUT_config.xml, code points\n"
    "  doccano      .doccano.jsonl  doccano {\"text\",\"label\"}, UTF-16 by default\n"
    "  doccano-rel  .doccano-rel.jsonl  doccano entities + relations, UTF-16 by default\n"
    "  sagemaker    .manifest       SageMaker Ground Truth / MTurk NER, UTF-16 by default\n"
    "  brat         (a folder)      brat standoff: OUT is a folder of .txt/.ann +\n"
    "                               annotation.conf; IN a folder of them\n"
    "  conll        .conll .iob     CoNLL/IOB: token, then one tag column per layer\n"
    "                               (quote, error, entity: the entity tag last, where\n"
    "                               CoNLL-2003 readers look for it)\n"
    "  prodigy      .prodigy.jsonl  Prodigy/spaCy JSONL with tokens, code points\n"
    "  w3c          (a folder)      W3C Web Annotation: annotations.w3c.jsonld (UTF-16\n"
    "                               positions + quotes) and texts.jsonl; IN a folder\n"
    "  webanno      .tsv            WebAnno TSV 3.3 (INCEpTION), UTF-16, one file per\n"
    "                               document (more beside OUT)\n"
    "  corrections  .corrections.jsonl  original and corrected text with the edits (output)\n"
    "  m2           .m2             M2 error-correction format per sentence (output)\n"
    "\n"
    "options:\n"
    "  --offset-unit U  codepoint, utf16 or utf8: the unit of offsets in IN and OUT where\n"
    "                   the format counts offsets (doccano, sagemaker, labelstudio, brat)\n"
    "  --schema S       label schema JSON: unknown labels in IN are errors; Label Studio's\n"
    "                   config and brat's annotation.conf are written from it\n"
    "  --skip-invalid   write the valid documents and list the skipped ones; without it,\n"
    "                   any error writes nothing and exits 1\n"
    "  --tag-scheme S   CoNLL: iob2 (default), iob1 or bioes\n"
    "  --layers L       CoNLL: the tag columns to write, in order, from entity, quote and\n"
    "                   error, comma-separated (default quote,error,entity); spans of a\n"
    "                   layer left out are counted, not written\n"
    "  --strict         CoNLL: one entity column only (classic NER); every span that does\n"
    "                   not fit is reported (not with --layers)\n"
    "\n"
    "Every problem is reported on stderr as FILE:LINE:COLUMN: message (or FILE[doc]:offset N\n"
    "for whole-file JSON). Line formats (jsonl, doccano, sagemaker) are streamed one\n"
    "line at a time. Output goes to a temporary file renamed into place, so a failed run\n"
    "never leaves a file that looks complete. Progress is shown when stderr is a terminal.\n"
    "\n"
    "examples:\n"
    "  gloss convert article.txt article.jsonl\n"
    "  gloss convert tasks.jsonl tasks.ls.json --schema schema.json   # + tasks_config.xml\n"
    "  gloss convert export.jsonl out.doccano.jsonl --offset-unit codepoint\n"
    "  gloss convert corpus.jsonl brat_out --to brat\n"
    "  gloss convert brat_out corpus.jsonl --from brat\n"
    "  gloss convert corpus.jsonl ner.conll --strict --tag-scheme bioes\n"
    "  gloss convert corpus.jsonl errors.conll --layers error,entity\n"
    "  cat tasks.jsonl | gloss convert - - --to doccano --skip-invalid\n";

namespace {

namespace fs = std::filesystem;

struct Options {
    std::string in, out, from, to, schema_path, tag_scheme;
    std::optional<io::OffsetUnit> offset_unit;
    std::optional<std::vector<core::LabelKind>> layers;
    bool skip_invalid = false;
    bool strict = false;
};

bool writes_folder(const io::Format* format) {
    return format->name == "brat" || format->name == "w3c";
}

// Sums "FORMAT cannot hold WHAT: N not written" warnings over streamed documents.
class ExportNotes {
public:
    void add(const core::Diagnostics& diagnostics) {
        for (const core::Diagnostic& d : diagnostics) {
            if (d.code != core::DiagnosticCode::NotExported) {
                print(d);
                continue;
            }
            std::size_t colon = d.message.rfind(": ");
            std::string key = d.message.substr(0, colon);
            m_counts[key] += std::strtoull(d.message.c_str() + colon + 2, nullptr, 10);
            if (!m_order.count(key)) m_order[key] = m_order.size();
        }
    }
    void flush() {
        std::vector<std::pair<std::size_t, std::string>> keys;
        for (const auto& [key, index] : m_order)
            keys.push_back({index, key});
        std::sort(keys.begin(), keys.end());
        for (const auto& [index, key] : keys)
            std::cerr << "warning: " << key << ": " << m_counts[key] << " not written\n";
    }

private:
    std::map<std::string, std::uint64_t> m_counts;
    std::map<std::string, std::size_t> m_order;
};

// Second and later files of a multi-file export go beside OUT: tasks.json -> tasks_config.xml.
std::string sibling(const std::string& out, const std::string& name) {
    fs::path p(out);
    std::string base = p.filename().string();
    std::size_t dot = base.find('.');
    if (dot != std::string::npos && dot > 0) base = base.substr(0, dot);
    return (p.parent_path() / (base + "_" + name)).string();
}

bool write_files(const Options& o, const io::Format* to, const std::vector<io::NamedFile>& files) {
    if (writes_folder(to)) {
        if (o.out == "-") {
            std::cerr << "gloss convert: " << to->name
                      << " writes a folder; give OUT as a folder\n";
            return false;
        }
        std::error_code ec;
        fs::create_directories(o.out, ec);
        if (ec) {
            std::cerr << "gloss: " << o.out << ": " << ec.message() << "\n";
            return false;
        }
        for (const io::NamedFile& f : files)
            if (!write_output((fs::path(o.out) / f.name).string(), f.bytes)) return false;
        return true;
    }
    if (files.empty()) return write_output(o.out, "");
    if (!write_output(o.out, files[0].bytes)) return false;
    for (std::size_t i = 1; i < files.size(); ++i) {
        if (o.out == "-") {
            std::cerr << "gloss convert: note: " << files[i].name
                      << " not written (OUT is stdout)\n";
            continue;
        }
        std::string path = sibling(o.out, files[i].name);
        if (!write_output(path, files[i].bytes)) return false;
        std::cerr << "gloss convert: wrote " << path << "\n";
    }
    return true;
}

io::ExportResult export_documents(const Options& o, const io::Format* to,
                                  const std::vector<core::Document>& documents,
                                  const core::LabelSchema* schema) {
    if (to->name == "conll") {
        io::ConllWriteOptions c;
        c.schema = schema;
        c.strict = o.strict;
        if (!o.tag_scheme.empty()) c.scheme = *io::parse_tag_scheme(o.tag_scheme);
        if (o.layers) c.layers = *o.layers;
        io::ExportResult out;
        out.files.push_back({"annotations.conll", io::write_conll(documents, c, out.diagnostics)});
        return out;
    }
    io::WriteOptions w;
    w.schema = schema;
    w.offset_unit = o.offset_unit;
    return to->write(documents, w);
}

int usage(const std::string& message) {
    std::cerr << "gloss convert: " << message << "\n\n" << kConvertHelp;
    return 2;
}

} // namespace

int cmd_convert(const Args& args) {
    Options o;
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& into) {
            if (i + 1 >= args.size()) return false;
            into = args[++i];
            return true;
        };
        if (a == "-h" || a == "--help") {
            std::cout << kConvertHelp;
            return 0;
        } else if (a == "--from" || a == "--to" || a == "--schema" || a == "--offset-unit" ||
                   a == "--tag-scheme" || a == "--layers") {
            std::string v;
            if (!value(v)) return usage(a + " needs a value");
            if (a == "--from")
                o.from = v;
            else if (a == "--to")
                o.to = v;
            else if (a == "--schema")
                o.schema_path = v;
            else if (a == "--tag-scheme") {
                if (!io::parse_tag_scheme(v))
                    return usage("unknown tag scheme \"" + v + "\" (iob2, iob1 or bioes)");
                o.tag_scheme = v;
            } else if (a == "--layers") {
                std::string why;
                o.layers = io::parse_conll_layers(v, why);
                if (!o.layers) return usage("--layers: " + why);
            } else {
                o.offset_unit = io::parse_offset_unit(v);
                if (!o.offset_unit)
                    return usage("unknown offset unit \"" + v + "\" (codepoint, utf16 or utf8)");
            }
        } else if (a == "--skip-invalid") {
            o.skip_invalid = true;
        } else if (a == "--strict") {
            o.strict = true;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            return usage("unknown option " + a);
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 2) return usage("expected IN and OUT");
    o.in = positional[0];
    o.out = positional[1];

    const io::Format* from = resolve_input_format(o.in, o.from, "convert");
    if (!from) return 2;
    const io::Format* to = nullptr;
    if (!o.to.empty())
        to = io::find_format(o.to);
    else if (o.out == "-")
        to = io::find_format("jsonl");
    else
        to = io::format_for_file(o.out);
    if (!to) {
        if (!o.to.empty()) return usage("unknown format \"" + o.to + "\"");
        std::cerr << "gloss convert: cannot tell the format of " << o.out
                  << " from its name; use --to FORMAT\n";
        return 2;
    }
    if (!to->write) {
        std::cerr << "gloss convert: format \"" << to->name << "\" cannot be written\n";
        return 2;
    }
    if ((o.strict || !o.tag_scheme.empty() || o.layers) && to->name != "conll")
        return usage("--strict, --tag-scheme and --layers apply to --to conll only");
    if (o.strict && o.layers)
        return usage(
            "--strict writes the entity column alone; give --strict or --layers, not both");

    std::optional<core::LabelSchema> schema;
    if (!o.schema_path.empty()) {
        schema = load_schema(o.schema_path);
        if (!schema) return 1;
    }
    InputOptions input;
    input.path = o.in;
    input.format = from;
    input.schema = schema ? &*schema : nullptr;
    input.offset_unit = o.offset_unit;
    Progress progress("gloss convert");

    ReadSummary summary;
    bool written = false;
    if (is_line_format(to) && !writes_folder(to)) {
        // Streamed: each document is written as soon as it is read.
        std::string temp = o.out == "-" ? "" : o.out + ".tmp-gloss";
        std::ofstream file;
        if (!temp.empty()) {
            file.open(temp, std::ios::binary | std::ios::trunc);
            if (!file) {
                std::cerr << "gloss: " << o.out << ": cannot write: " << std::strerror(errno)
                          << "\n";
                return 1;
            }
        }
        std::ostream& out = temp.empty() ? std::cout : file;
        ExportNotes notes;
        std::vector<core::Document> one(1);
        summary = read_documents(
            input,
            [&](core::Document&& doc) {
                one[0] = std::move(doc);
                io::ExportResult r = export_documents(o, to, one, input.schema);
                notes.add(r.diagnostics);
                for (const io::NamedFile& f : r.files)
                    out.write(f.bytes.data(), static_cast<std::streamsize>(f.bytes.size()));
            },
            &progress);
        progress.done();
        notes.flush();
        out.flush();
        bool failed = !out || !summary.readable || (summary.errors > 0 && !o.skip_invalid);
        if (!temp.empty()) {
            file.close();
            std::error_code ec;
            if (!failed) fs::rename(temp, o.out, ec);
            if (failed || ec) std::remove(temp.c_str());
            if (ec) {
                std::cerr << "gloss: " << o.out << ": " << ec.message() << "\n";
                return 1;
            }
        }
        written = !failed;
    } else {
        std::vector<core::Document> documents;
        summary = read_documents(
            input, [&](core::Document&& doc) { documents.push_back(std::move(doc)); }, &progress);
        progress.done();
        if (summary.readable && (summary.errors == 0 || o.skip_invalid)) {
            io::ExportResult r = export_documents(o, to, documents, input.schema);
            ExportNotes notes;
            notes.add(r.diagnostics);
            notes.flush();
            if (!r.ok()) return 1;
            written = write_files(o, to, r.files);
            if (!written) return 1;
        }
    }
    if (!summary.readable) return 1;
    if (summary.errors > 0) {
        if (!o.skip_invalid) {
            std::cerr
                << "gloss convert: " << summary.skipped
                << " invalid record(s); nothing written (use --skip-invalid to write the rest)\n";
            return 1;
        }
        std::cerr << "gloss convert: skipped " << summary.skipped << " invalid record(s); wrote "
                  << summary.documents << " document(s)\n";
    }
    return written ? 0 : 1;
}

} // namespace gloss::cli
