// gloss agree: agreement between annotators' exports of the same documents: span F1 per pair
// (exact and overlap), Cohen's kappa per pair, Fleiss' kappa and Krippendorff's alpha on
// token-level IOB2 tags, and the confusion between labels; as tables or JSON. Layer: cli.
#include "cli/commands.hpp"

#include "core/agree/detail_agreement.hpp"
#include "core/agree/reliability.hpp"
#include "core/agree/span_agreement.hpp"
#include "core/agree/token_tags.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <set>

namespace gloss::cli {

const char* const kAgreeHelp =
    "usage: gloss agree A B [C...] [--json] [--labels L1,L2] [--from FORMAT] [--schema SCHEMA]\n"
    "\n"
    "Measures how far annotators agree. Each file is one annotator's export of the same\n"
    "documents (any format gloss reads; typically Gloss JSONL), matched by document id. The\n"
    "annotator is named after the spans' \"annotator\" field (the most common one in the\n"
    "file), else the file's stem. Rejected spans and pending suggestions do not count.\n"
    "\n"
    "Reported per label and overall:\n"
    "  span F1         for each pair of annotators, exact (same start, end and label) and\n"
    "                  overlap (same label, ranges intersect; matched one to one, largest\n"
    "                  overlap first), micro-averaged over the documents both hold\n"
    "  Cohen's kappa   for each pair, on token-level IOB2 tags (the core tokenizer's tokens;\n"
    "                  where spans overlap the longest wins, then the earliest); per label on\n"
    "                  \"this label or not\"\n"
    "  Fleiss' kappa   with three or more annotators, on the tokens every one of them has\n"
    "  Krippendorff's  alpha (nominal) on the same tags; a document missing from a file is a\n"
    "    alpha         missing rating\n"
    "  confusion       token labels (B-/I- dropped, O for none) of each pair\n"
    "  attributes and  on the spans both of a pair marked (matched by overlap): how often they\n"
    "    relations     give them the same attributes (a correction, a canonical name, a type)\n"
    "                  and the same relations (a quote's speaker, located_in): same targets\n"
    "With no units, or when everyone used one and the same tag, a coefficient is 1.\n"
    "Documents missing from some files are reported on stderr and counted; documents in\n"
    "fewer than two files are not compared.\n"
    "\n"
    "  --labels L1,L2  compare only these labels (span F1 and tags); the tags default to the\n"
    "                  entity labels (not QUOTE or ERROR, or as --schema's kinds say)\n"
    "  --json          print the figures as one JSON object\n"
    "  --from FORMAT   the format of every file (default: from each name)\n"
    "  --schema FILE   a label schema: unknown labels are errors, kinds pick the entity labels\n"
    "\n"
    "Exit status: 0; 1 when a file cannot be read, holds invalid records, or no document is in\n"
    "two files; 2 on a usage error.\n"
    "\n"
    "examples:\n"
    "  gloss agree ann.jsonl bob.jsonl\n"
    "  gloss agree ann.jsonl bob.jsonl cyd.jsonl --labels PERSON,ORG\n"
    "  gloss agree batch/*.jsonl --json | jq .krippendorff_alpha.overall\n";

namespace {

struct Pair {
    std::size_t a, b; // indices into the files
    core::SpanAgreement exact, overlap;
    core::ConfusionMatrix confusion;
    std::uint64_t documents = 0;
    core::DetailAgreement details; // attributes and relations of the spans both marked
};

std::vector<std::string> split_labels(const std::string& list) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at <= list.size()) {
        std::size_t comma = list.find(',', at);
        if (comma == std::string::npos) comma = list.size();
        if (comma > at) out.push_back(list.substr(at, comma - at));
        at = comma + 1;
    }
    return out;
}

std::string fixed(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text;
}

io::Json prf_json(const core::PrfCounts& c) {
    io::Json j;
    j["precision"] = c.precision();
    j["recall"] = c.recall();
    j["f1"] = c.f1();
    j["tp"] = c.tp;
    j["fp"] = c.fp;
    j["fn"] = c.fn;
    return j;
}

io::Json span_json(const core::SpanAgreement& s) {
    io::Json j;
    j["overall"] = prf_json(s.overall());
    io::Json per = io::Json::object();
    for (const auto& [label, counts] : s.per_label)
        per[label] = prf_json(counts);
    j["per_label"] = per;
    return j;
}

io::Json kappa_json(const core::KappaResult& k) {
    io::Json j;
    j["kappa"] = k.kappa;
    j["observed"] = k.observed;
    j["expected"] = k.expected;
    j["units"] = k.units;
    return j;
}

io::Json alpha_json(const core::AlphaResult& a) {
    io::Json j;
    j["alpha"] = a.alpha;
    j["observed_disagreement"] = a.observed_disagreement;
    j["expected_disagreement"] = a.expected_disagreement;
    j["units"] = a.units;
    j["values"] = a.values;
    return j;
}

// 1 where the tag's label part is `label`, 0 elsewhere, kMissing kept.
std::vector<core::Category> binary(const std::vector<core::Category>& tags,
                                   const std::vector<char>& is_label) {
    std::vector<core::Category> out(tags.size());
    for (std::size_t i = 0; i < tags.size(); ++i)
        out[i] = tags[i] == core::kMissing ? core::kMissing
                                           : is_label[static_cast<std::size_t>(tags[i])];
    return out;
}

} // namespace

int cmd_agree(const Args& args) {
    std::vector<std::string> paths;
    std::string from, schema_path, labels_list;
    bool json = false, have_labels = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kAgreeHelp;
            return 0;
        }
        if ((a == "--from" || a == "--schema" || a == "--labels") && i + 1 < args.size()) {
            const std::string& v = args[++i];
            if (a == "--from")
                from = v;
            else if (a == "--schema")
                schema_path = v;
            else {
                labels_list = v;
                have_labels = true;
            }
        } else if (a == "--json") {
            json = true;
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "gloss agree: unknown option " << a << "\n\n" << kAgreeHelp;
            return 2;
        } else {
            paths.push_back(a);
        }
    }
    if (paths.size() < 2) {
        std::cerr << "gloss agree: expected two or more files, one per annotator\n\n" << kAgreeHelp;
        return 2;
    }
    std::vector<std::string> only = split_labels(labels_list);
    if (have_labels && only.empty()) {
        std::cerr << "gloss agree: --labels needs at least one label\n";
        return 2;
    }
    std::set<std::string> chosen(only.begin(), only.end());
    std::optional<core::LabelSchema> schema;
    if (!schema_path.empty()) {
        schema = load_schema(schema_path);
        if (!schema) return 1;
    }
    const core::LabelSchema* schema_ptr = schema ? &*schema : nullptr;

    // [SECTION] Reading and lining up
    std::vector<AnnotatorFile> files(paths.size());
    bool bad_records = false;
    for (std::size_t f = 0; f < paths.size(); ++f) {
        if (int code = read_annotator_file(paths[f], from, schema_ptr, "agree", files[f]))
            return code;
        bad_records = bad_records || files[f].summary.errors > 0;
    }
    name_annotators(files);
    std::uint64_t missing = 0;
    std::vector<DocumentVersions> documents = line_up(files, "agree", missing);
    std::uint64_t compared = 0;
    for (const DocumentVersions& v : documents)
        if (v.files.size() >= 2) ++compared;
    if (compared == 0) {
        std::cerr << "gloss agree: no document is in two or more of the files (documents are "
                     "matched by id)\n";
        return 1;
    }

    auto counted = [&](const core::Span& s) { return chosen.empty() || chosen.count(s.label); };
    auto tagged = [&](const core::Span& s) {
        return have_labels ? chosen.count(s.label) != 0
                           : io::kind_of(schema_ptr, s.label) == core::LabelKind::Entity;
    };

    // [SECTION] Spans and tags of every document
    std::vector<Pair> pairs;
    for (std::size_t a = 0; a < files.size(); ++a)
        for (std::size_t b = a + 1; b < files.size(); ++b)
            pairs.push_back({a, b, {}, {}, {}, 0, {}});
    auto pair_index = [&](std::size_t a, std::size_t b) {
        // Pairs are listed (0,1), (0,2), ..., (1,2), ...
        std::size_t n = files.size(), index = 0;
        for (std::size_t i = 0; i < a; ++i)
            index += n - i - 1;
        return index + (b - a - 1);
    };
    core::CategoryCodes codes;
    std::vector<std::vector<core::Category>> ratings(files.size()); // [file][token]
    std::uint64_t tokens_total = 0;
    for (const DocumentVersions& v : documents) {
        if (v.files.size() < 2) continue;
        const core::Document& first = version_of(files, v, 0);
        std::vector<core::Token> tokens =
            core::tokenize(first.text().decode(0, first.text().size()));
        std::vector<std::vector<core::Span>> spans(files.size());
        std::vector<std::vector<std::string>> tags(files.size());
        std::vector<bool> has(files.size());
        for (std::size_t i = 0; i < v.files.size(); ++i) {
            std::size_t f = v.files[i];
            has[f] = true;
            std::vector<core::Span> layer;
            for (core::Span& s : core::annotated_spans(version_of(files, v, i))) {
                if (tagged(s)) layer.push_back(s);
                if (counted(s)) spans[f].push_back(std::move(s));
            }
            tags[f] = core::iob2_tags(tokens, layer);
        }
        for (std::size_t f = 0; f < files.size(); ++f)
            for (std::size_t t = 0; t < tokens.size(); ++t)
                ratings[f].push_back(has[f] ? codes.code(tags[f][t]) : core::kMissing);
        tokens_total += tokens.size();
        for (std::size_t x = 0; x < v.files.size(); ++x)
            for (std::size_t y = x + 1; y < v.files.size(); ++y) {
                std::size_t a = v.files[x], b = v.files[y];
                Pair& p = pairs[pair_index(a, b)];
                ++p.documents;
                core::add_span_agreement(p.exact, spans[a], spans[b], core::MatchMode::Exact);
                core::add_span_agreement(p.overlap, spans[a], spans[b], core::MatchMode::Overlap);
                core::add_detail_agreement(p.details, version_of(files, v, x), spans[a],
                                           version_of(files, v, y), spans[b]);
                p.confusion.add(tags[a], tags[b]);
            }
    }

    // [SECTION] Coefficients, overall and per label
    std::vector<std::string> tag_labels; // label parts of the tags, "O" left out
    {
        std::set<std::string> seen;
        for (const std::string& name : codes.names())
            if (name != "O") seen.insert(std::string(core::tag_label(name)));
        tag_labels.assign(seen.begin(), seen.end());
    }
    std::vector<std::vector<char>> is_label(tag_labels.size()); // [label][category]
    for (std::size_t l = 0; l < tag_labels.size(); ++l)
        for (const std::string& name : codes.names())
            is_label[l].push_back(core::tag_label(name) == tag_labels[l] ? 1 : 0);

    struct Coefficients {
        core::KappaResult overall;
        std::vector<core::KappaResult> per_label;
    };
    std::vector<Coefficients> cohen(pairs.size());
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        const auto& a = ratings[pairs[p].a];
        const auto& b = ratings[pairs[p].b];
        cohen[p].overall = core::cohen_kappa(a, b);
        for (const auto& l : is_label)
            cohen[p].per_label.push_back(core::cohen_kappa(binary(a, l), binary(b, l)));
    }
    bool with_fleiss = files.size() >= 3;
    Coefficients fleiss;
    std::vector<core::AlphaResult> alpha_per_label;
    core::AlphaResult alpha = core::krippendorff_alpha(ratings);
    std::vector<std::vector<std::vector<core::Category>>> binary_ratings(tag_labels.size());
    for (std::size_t l = 0; l < tag_labels.size(); ++l) {
        for (const auto& r : ratings)
            binary_ratings[l].push_back(binary(r, is_label[l]));
        alpha_per_label.push_back(core::krippendorff_alpha(binary_ratings[l]));
    }
    if (with_fleiss) {
        fleiss.overall = core::fleiss_kappa(ratings);
        for (const auto& r : binary_ratings)
            fleiss.per_label.push_back(core::fleiss_kappa(r));
    }
    // Per-label kappas of a pair are left out (JSON) or shown as "-" for labels neither of the
    // two put on any token.
    std::vector<std::vector<std::string>> pair_labels;
    for (const Pair& p : pairs)
        pair_labels.push_back(p.confusion.labels());
    auto pair_uses = [&](std::size_t p, const std::string& label) {
        const auto& used = pair_labels[p];
        return std::find(used.begin(), used.end(), label) != used.end();
    };
    auto pair_name = [&](const Pair& p) {
        return files[p.a].annotator + "-" + files[p.b].annotator;
    };
    std::set<std::string> span_label_set;
    for (const Pair& p : pairs)
        for (const auto* s : {&p.exact, &p.overlap})
            for (const auto& [label, counts] : s->per_label)
                span_label_set.insert(label);

    // [SECTION] Output
    if (json) {
        io::Json out;
        io::Json annotators = io::Json::array();
        for (const AnnotatorFile& f : files)
            annotators.push_back(
                {{"name", f.annotator}, {"file", f.path}, {"documents", f.documents.size()}});
        out["annotators"] = annotators;
        out["documents"] = {{"compared", compared},
                            {"missing_from_some_files", missing},
                            {"total", documents.size()}};
        out["tokens"] = tokens_total;
        out["tag_labels"] = tag_labels;
        io::Json pj = io::Json::array();
        for (std::size_t p = 0; p < pairs.size(); ++p) {
            const Pair& pair = pairs[p];
            io::Json j;
            j["a"] = files[pair.a].annotator;
            j["b"] = files[pair.b].annotator;
            j["documents"] = pair.documents;
            j["span_f1"] = {{"exact", span_json(pair.exact)}, {"overlap", span_json(pair.overlap)}};
            io::Json per = io::Json::object();
            for (std::size_t l = 0; l < tag_labels.size(); ++l)
                if (pair_uses(p, tag_labels[l]))
                    per[tag_labels[l]] = kappa_json(cohen[p].per_label[l]);
            j["cohen_kappa"] = {{"overall", kappa_json(cohen[p].overall)}, {"per_label", per}};
            io::Json confusion = io::Json::object();
            for (const std::string& row : pair.confusion.labels()) {
                io::Json cells = io::Json::object();
                for (const std::string& column : pair.confusion.labels())
                    cells[column] = pair.confusion.at(row, column);
                confusion[row] = cells;
            }
            j["confusion"] = confusion;
            for (const auto& [what, counts] : {std::pair{"attributes", &pair.details.attributes},
                                               std::pair{"relations", &pair.details.relations}}) {
                io::Json d = io::Json::object();
                for (const auto& [name, c] : *counts)
                    d[name] = {
                        {"compared", c.compared}, {"agreed", c.agreed}, {"agreement", c.rate()}};
                j[what] = d;
            }
            pj.push_back(j);
        }
        out["pairs"] = pj;
        if (with_fleiss) {
            io::Json per = io::Json::object();
            for (std::size_t l = 0; l < tag_labels.size(); ++l)
                per[tag_labels[l]] = kappa_json(fleiss.per_label[l]);
            out["fleiss_kappa"] = {{"overall", kappa_json(fleiss.overall)}, {"per_label", per}};
        }
        io::Json per = io::Json::object();
        for (std::size_t l = 0; l < tag_labels.size(); ++l)
            per[tag_labels[l]] = alpha_json(alpha_per_label[l]);
        out["krippendorff_alpha"] = {{"overall", alpha_json(alpha)}, {"per_label", per}};
        std::cout << io::dump_json(out, 2) << "\n";
        return bad_records ? 1 : 0;
    }

    // Each row is built whole and printed without trailing blanks.
    auto emit = [](std::string row) {
        while (!row.empty() && row.back() == ' ')
            row.pop_back();
        std::cout << row << "\n";
    };
    std::string row = "annotators  ";
    for (std::size_t f = 0; f < files.size(); ++f)
        row += (f ? ", " : "") + files[f].annotator + " (" + files[f].path + ")";
    emit(row);
    row = "documents   " + std::to_string(compared) + " compared";
    if (missing) row += ", " + std::to_string(missing) + " missing from some files";
    emit(row);
    emit("tokens      " + std::to_string(tokens_total) + " (IOB2 tags of " +
         (have_labels ? "the chosen labels" : "the entity labels") + ")");

    std::size_t width = 15;
    for (const Pair& p : pairs)
        width = std::max(width, pair_name(p).size() + 2);
    std::size_t label_width = 10;
    for (const std::string& l : span_label_set)
        label_width = std::max(label_width, l.size() + 2);
    for (const std::string& l : tag_labels)
        label_width = std::max(label_width, l.size() + 2);
    auto header = [&](const std::string& title) {
        emit("");
        emit(title);
        std::string h = "  " + padded("label", label_width);
        for (const Pair& p : pairs)
            h += padded(pair_name(p), width);
        emit(h);
    };

    header("span F1 (exact / overlap)");
    // A pair where neither annotator used a label shows "-" rather than the 1 of "nothing to
    // disagree on".
    auto span_cell = [&](const core::PrfCounts& e, const core::PrfCounts& o) {
        if (e.tp + e.fp + e.fn == 0 && o.tp + o.fp + o.fn == 0) return std::string("-");
        return fixed(e.f1()) + " / " + fixed(o.f1());
    };
    for (const std::string& label : span_label_set) {
        std::string r = "  " + padded(label, label_width);
        for (const Pair& p : pairs) {
            auto get = [&](const core::SpanAgreement& a) {
                auto it = a.per_label.find(label);
                return it == a.per_label.end() ? core::PrfCounts{} : it->second;
            };
            r += padded(span_cell(get(p.exact), get(p.overlap)), width);
        }
        emit(r);
    }
    std::string overall_row = "  " + padded("overall", label_width);
    for (const Pair& p : pairs)
        overall_row +=
            padded(fixed(p.exact.overall().f1()) + " / " + fixed(p.overlap.overall().f1()), width);
    emit(overall_row);

    header("Cohen's kappa (token tags)");
    for (std::size_t l = 0; l <= tag_labels.size(); ++l) {
        bool overall = l == tag_labels.size();
        std::string r = "  " + padded(overall ? "overall" : tag_labels[l], label_width);
        for (std::size_t p = 0; p < pairs.size(); ++p)
            r += padded(overall                       ? fixed(cohen[p].overall.kappa)
                        : pair_uses(p, tag_labels[l]) ? fixed(cohen[p].per_label[l].kappa)
                                                      : "-",
                        width);
        emit(r);
    }

    emit("");
    emit(std::string(with_fleiss ? "Fleiss' kappa and " : "") +
         "Krippendorff's alpha (token tags, all annotators)");
    emit("  " + padded("label", label_width) + (with_fleiss ? padded("Fleiss", 10) : "") + "alpha");
    for (std::size_t l = 0; l <= tag_labels.size(); ++l) {
        bool overall = l == tag_labels.size();
        std::string r = "  " + padded(overall ? "overall" : tag_labels[l], label_width);
        if (with_fleiss)
            r += padded(fixed(overall ? fleiss.overall.kappa : fleiss.per_label[l].kappa), 10);
        emit(r + fixed(overall ? alpha.alpha : alpha_per_label[l].alpha));
    }

    // Attributes and relations of the spans both annotators marked.
    std::set<std::string> attribute_names, relation_types;
    for (const Pair& p : pairs) {
        for (const auto& [name, c] : p.details.attributes)
            attribute_names.insert(name);
        for (const auto& [type, c] : p.details.relations)
            relation_types.insert(type);
    }
    if (!attribute_names.empty() || !relation_types.empty()) {
        for (const auto& n : attribute_names)
            label_width = std::max(label_width, n.size() + 2);
        for (const auto& n : relation_types)
            label_width = std::max(label_width, n.size() + 2);
        header("attributes and relations of spans both marked (agreeing / compared)");
        auto rows = [&](const std::set<std::string>& names, bool relations) {
            for (const std::string& name : names) {
                std::string r = "  " + padded(name, label_width);
                for (const Pair& p : pairs) {
                    const auto& counts = relations ? p.details.relations : p.details.attributes;
                    auto it = counts.find(name);
                    r += padded(it == counts.end() ? std::string("-")
                                                   : std::to_string(it->second.agreed) + "/" +
                                                         std::to_string(it->second.compared) + " " +
                                                         fixed(it->second.rate()),
                                width);
                }
                emit(r);
            }
        };
        rows(attribute_names, false);
        if (!relation_types.empty()) emit("  relations:");
        rows(relation_types, true);
    }

    for (const Pair& p : pairs) {
        std::vector<std::string> labels = p.confusion.labels();
        if (labels.empty()) continue;
        emit("");
        emit("confusion of token labels: " + files[p.a].annotator + " (rows) x " +
             files[p.b].annotator + " (columns)");
        std::size_t cell = 8;
        for (const std::string& l : labels)
            cell = std::max(cell, l.size() + 2);
        std::string h = "  " + padded("", label_width);
        for (const std::string& l : labels)
            h += padded(l, cell);
        emit(h);
        for (const std::string& r : labels) {
            std::string line = "  " + padded(r, label_width);
            for (const std::string& column : labels)
                line += padded(std::to_string(p.confusion.at(r, column)), cell);
            emit(line);
        }
    }
    return bad_records ? 1 : 0;
}

} // namespace gloss::cli
