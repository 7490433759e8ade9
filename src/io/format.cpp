// Format registry. Layer: io. Each format registers its reader and writer here; options that
// only one format has (CoNLL's tag scheme, doccano's variant) are reached through the
// format's own header.
#include "io/format.hpp"

#include "io/brat.hpp"
#include "io/conll.hpp"
#include "io/corrections.hpp"
#include "io/doccano.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/gloss_project.hpp"
#include "io/label_studio.hpp"
#include "io/plain_text.hpp"
#include "io/prodigy.hpp"
#include "io/record_reader.hpp"
#include "io/sagemaker.hpp"
#include "io/w3c.hpp"
#include "io/webanno.hpp"

#include <algorithm>

namespace gloss::io {
namespace {

std::string source_of(const NamedFile& f, const ReadOptions& options) {
    return f.name.empty() ? options.source : f.name;
}

// [SECTION] Gloss formats

ImportResult read_txt(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        std::string source = source_of(f, options);
        append(all, read_plain_text(f.bytes, stem_of(source.empty() ? "text" : source), source));
    }
    return all;
}

ImportResult read_jsonl(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        JsonlReadOptions o;
        o.source = source_of(f, options);
        o.schema = options.schema;
        append(all, read_gloss_jsonl(f.bytes, o));
    }
    return all;
}

ExportResult write_jsonl(const std::vector<core::Document>& documents, const WriteOptions&) {
    ExportResult out;
    out.files.push_back({"annotations.jsonl", write_gloss_jsonl(documents)});
    return out;
}

ImportResult read_project(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        ProjectResult one = read_gloss_project(f.bytes, source_of(f, options));
        ImportResult r;
        r.documents = std::move(one.project.documents);
        r.diagnostics = std::move(one.diagnostics);
        r.skipped_records = one.skipped_records;
        if (!r.documents.empty() || core::has_errors(r.diagnostics)) append(all, std::move(r));
    }
    return all;
}

ExportResult write_project(const std::vector<core::Document>& documents,
                           const WriteOptions& options) {
    Project project;
    if (options.schema) project.schema = *options.schema;
    project.documents = documents;
    ExportResult out;
    out.files.push_back({"project.gloss.json", write_gloss_project(project)});
    return out;
}

// [SECTION] Other tools' formats

ImportResult read_ls(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        if (f.name.size() >= 4 && f.name.compare(f.name.size() - 4, 4, ".xml") == 0) continue;
        LabelStudioReadOptions o;
        o.source = source_of(f, options);
        o.schema = options.schema;
        o.offset_unit = options.offset_unit.value_or(OffsetUnit::CodePoint);
        append(all, read_label_studio(f.bytes, o));
    }
    return all;
}

ExportResult write_ls(const std::vector<core::Document>& documents, const WriteOptions& options) {
    LabelStudioWriteOptions o;
    o.schema = options.schema;
    o.offset_unit = options.offset_unit.value_or(OffsetUnit::CodePoint);
    LabelStudioExport e = write_label_studio(documents, o);
    ExportResult out;
    out.files.push_back({"tasks.json", std::move(e.tasks_json)});
    out.files.push_back({"config.xml", std::move(e.config_xml)});
    out.diagnostics = std::move(e.diagnostics);
    return out;
}

ImportResult read_doccano_files(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        DoccanoReadOptions o;
        o.source = source_of(f, options);
        o.schema = options.schema;
        o.offset_unit = options.offset_unit.value_or(OffsetUnit::Utf16);
        append(all, read_doccano(f.bytes, o));
    }
    return all;
}

ExportResult write_doccano_variant(const std::vector<core::Document>& documents,
                                   const WriteOptions& options, DoccanoVariant variant) {
    DoccanoWriteOptions o;
    o.variant = variant;
    o.offset_unit = options.offset_unit.value_or(OffsetUnit::Utf16);
    ExportResult out;
    out.files.push_back({"doccano.jsonl", write_doccano(documents, o, out.diagnostics)});
    return out;
}

ExportResult write_doccano_labels(const std::vector<core::Document>& documents,
                                  const WriteOptions& options) {
    return write_doccano_variant(documents, options, DoccanoVariant::Labels);
}

ExportResult write_doccano_relations(const std::vector<core::Document>& documents,
                                     const WriteOptions& options) {
    return write_doccano_variant(documents, options, DoccanoVariant::Relations);
}

ImportResult read_sagemaker_files(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        SageMakerReadOptions o;
        o.source = source_of(f, options);
        o.schema = options.schema;
        o.offset_unit = options.offset_unit.value_or(OffsetUnit::Utf16);
        append(all, read_sagemaker(f.bytes, o));
    }
    return all;
}

ExportResult write_sagemaker_files(const std::vector<core::Document>& documents,
                                   const WriteOptions& options) {
    SageMakerWriteOptions o;
    o.offset_unit = options.offset_unit.value_or(OffsetUnit::Utf16);
    ExportResult out;
    out.files.push_back({"output.manifest", write_sagemaker(documents, o, out.diagnostics)});
    return out;
}

ImportResult read_brat_files(const std::vector<NamedFile>& files, const ReadOptions& options) {
    BratReadOptions o;
    o.schema = options.schema;
    o.offset_unit = options.offset_unit;
    return read_brat(files, o);
}

ExportResult write_brat_files(const std::vector<core::Document>& documents,
                              const WriteOptions& options) {
    BratExport e = write_brat(documents, options.schema);
    ExportResult out;
    out.files = std::move(e.files);
    out.diagnostics = std::move(e.diagnostics);
    return out;
}

ImportResult read_conll_files(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        ConllReadOptions o;
        o.source = source_of(f, options);
        o.schema = options.schema;
        append(all, read_conll(f.bytes, o));
    }
    return all;
}

ExportResult write_conll_files(const std::vector<core::Document>& documents,
                               const WriteOptions& options) {
    ConllWriteOptions o;
    o.schema = options.schema;
    ExportResult out;
    out.files.push_back({"annotations.conll", write_conll(documents, o, out.diagnostics)});
    return out;
}

ImportResult read_prodigy_files(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files) {
        ProdigyReadOptions o;
        o.source = source_of(f, options);
        o.schema = options.schema;
        append(all, read_prodigy(f.bytes, o));
    }
    return all;
}

ExportResult write_prodigy_files(const std::vector<core::Document>& documents,
                                 const WriteOptions&) {
    ExportResult out;
    out.files.push_back({"prodigy.jsonl", write_prodigy(documents, out.diagnostics)});
    return out;
}

ExportResult write_corrections_files(const std::vector<core::Document>& documents,
                                     const WriteOptions& options) {
    ExportResult out;
    out.files.push_back(
        {"corrections.jsonl", write_corrections(documents, options.schema, out.diagnostics)});
    return out;
}

ExportResult write_m2_files(const std::vector<core::Document>& documents,
                            const WriteOptions& options) {
    ExportResult out;
    out.files.push_back({"corrections.m2", write_m2(documents, options.schema, out.diagnostics)});
    return out;
}

ImportResult read_w3c_files(const std::vector<NamedFile>& files, const ReadOptions& options) {
    W3cReadOptions o;
    o.schema = options.schema;
    o.offset_unit = options.offset_unit.value_or(OffsetUnit::Utf16);
    std::vector<NamedFile> named = files;
    for (NamedFile& f : named)
        if (f.name.empty())
            f.name = options.source.empty() ? "annotations.w3c.jsonld" : options.source;
    return read_w3c(named, o);
}

ExportResult write_w3c_files(const std::vector<core::Document>& documents,
                             const WriteOptions& options) {
    W3cExport e = write_w3c(documents, options.offset_unit.value_or(OffsetUnit::Utf16));
    ExportResult out;
    out.files = std::move(e.files);
    out.diagnostics = std::move(e.diagnostics);
    return out;
}

ImportResult read_webanno_files(const std::vector<NamedFile>& files, const ReadOptions& options) {
    ImportResult all;
    for (const NamedFile& f : files)
        append(all, read_webanno(f.bytes, source_of(f, options), options.schema));
    return all;
}

ExportResult write_webanno_files(const std::vector<core::Document>& documents,
                                 const WriteOptions& options) {
    WebannoExport e = write_webanno(documents, options.schema);
    ExportResult out;
    out.files = std::move(e.files);
    out.diagnostics = std::move(e.diagnostics);
    return out;
}

} // namespace

const std::vector<Format>& formats() {
    static const std::vector<Format> s_formats = {
        {"jsonl",
         "Gloss JSONL: one document per line, code-point offsets",
         {".jsonl", ".ndjson"},
         read_jsonl,
         write_jsonl},
        {"project",
         "Gloss project JSON: lossless (schema, spans, relations, history)",
         {".gloss.json", ".gloss"},
         read_project,
         write_project},
        {"txt",
         "plain UTF-8 text, one document per file (import only)",
         {".txt"},
         read_txt,
         nullptr},
        {"labelstudio",
         "Label Studio tasks JSON (+ labeling config XML), code points",
         {".ls.json"},
         read_ls,
         write_ls},
        {"doccano",
         "doccano JSONL {\"text\",\"label\":[[s,e,L]]}, UTF-16 offsets",
         {".doccano.jsonl"},
         read_doccano_files,
         write_doccano_labels},
        {"doccano-rel",
         "doccano JSONL with entities and relations, UTF-16 offsets",
         {".doccano-rel.jsonl"},
         read_doccano_files,
         write_doccano_relations},
        {"sagemaker",
         "SageMaker Ground Truth / MTurk NER output manifest, UTF-16 offsets",
         {".manifest"},
         read_sagemaker_files,
         write_sagemaker_files},
        {"brat",
         "brat standoff: folder of .txt + .ann and annotation.conf, code points",
         {".ann"},
         read_brat_files,
         write_brat_files},
        {"conll",
         "CoNLL/IOB: token and one tag column per layer (IOB2, IOB1, BIOES)",
         {".conll", ".iob", ".bio"},
         read_conll_files,
         write_conll_files},
        {"prodigy",
         "Prodigy / spaCy JSONL: tokens, spans with token indices, relations; code points",
         {".prodigy.jsonl", ".spacy.jsonl"},
         read_prodigy_files,
         write_prodigy_files},
        {"w3c",
         "W3C Web Annotation JSON-LD (Recogito, Hypothesis) + texts.jsonl, UTF-16 offsets",
         {".w3c.jsonld", ".annotations.json"},
         read_w3c_files,
         write_w3c_files},
        {"webanno",
         "WebAnno TSV 3.3 (INCEpTION), one document per file, UTF-16 offsets",
         {".tsv"},
         read_webanno_files,
         write_webanno_files},
        {"corrections",
         "error corrections JSONL: original and corrected text with the edits (export only)",
         {".corrections.jsonl"},
         nullptr,
         write_corrections_files},
        {"m2",
         "M2 (CoNLL-2014 error correction) per sentence, with Gloss's error types (export only)",
         {".m2"},
         nullptr,
         write_m2_files},
    };
    return s_formats;
}

const Format* find_format(std::string_view name) {
    for (const Format& f : formats())
        if (f.name == name) return &f;
    return nullptr;
}

const Format* format_for_file(std::string_view file_name) {
    // The longest matching extension wins: "x.doccano.jsonl" is doccano, not Gloss JSONL.
    const Format* found = nullptr;
    std::size_t found_length = 0;
    bool ambiguous = false;
    for (const Format& f : formats())
        for (std::string_view ext : f.extensions)
            if (file_name.size() >= ext.size() &&
                file_name.substr(file_name.size() - ext.size()) == ext) {
                if (ext.size() > found_length) {
                    found = &f;
                    found_length = ext.size();
                    ambiguous = false;
                } else if (ext.size() == found_length && found != &f) {
                    ambiguous = true;
                }
            }
    return ambiguous ? nullptr : found;
}

} // namespace gloss::io
