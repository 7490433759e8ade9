// gloss score: each worker's span F1 (overlap) on the gold documents mixed into a campaign,
// with the workers below a threshold flagged. Layer: cli.
#include "cli/commands.hpp"

#include "core/agree/gold_score.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <set>

namespace gloss::cli {

const char* const kScoreHelp =
    "usage: gloss score --gold GOLD RESULTS... [--threshold 0.7] [--json] [--from FORMAT]\n"
    "                   [--schema SCHEMA]\n"
    "\n"
    "Scores workers on gold (known-answer) documents. GOLD holds the right answers; RESULTS\n"
    "files hold what workers submitted (any format gloss reads, typically Gloss JSONL), any\n"
    "number of workers per file. Documents are matched by id; only documents in GOLD count.\n"
    "A span belongs to the worker its \"annotator\" field names; spans without one belong to\n"
    "the document's \"annotator\" metadata, else to the file's stem. Spans match gold by\n"
    "overlap (same label, ranges intersect, one to one, largest overlap first); rejected\n"
    "spans and pending suggestions do not count. Each submission of a gold document is\n"
    "scored, and workers who saw no gold document are not listed.\n"
    "\n"
    "  --gold FILE       the gold documents\n"
    "  --threshold F     flag workers whose overall F1 is below F (0 to 1; default 0.7)\n"
    "  --json            print the scores as one JSON object\n"
    "  --from FORMAT     the format of the RESULTS files (default: from each name)\n"
    "  --schema FILE     a label schema: unknown labels are errors\n"
    "\n"
    "Prints per worker the gold documents seen, precision, recall and F1 overall and F1 per\n"
    "label, and FLAGGED beside those below the threshold. Flagged workers do not change the\n"
    "exit status: 0; 1 when a file cannot be read, holds invalid records, or no result is on\n"
    "a gold document; 2 on a usage error.\n"
    "\n"
    "examples:\n"
    "  gloss score --gold gold.jsonl results.jsonl\n"
    "  gloss score --gold gold.jsonl batch1.jsonl batch2.jsonl --threshold 0.8\n"
    "  gloss score --gold gold.jsonl results.jsonl --json | jq '.flagged'\n";

namespace {

std::string fixed(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

std::string padded(std::string text, std::size_t width) {
    if (text.size() < width) text.resize(width, ' ');
    return text;
}

void emit(std::string row) {
    while (!row.empty() && row.back() == ' ')
        row.pop_back();
    std::cout << row << "\n";
}

} // namespace

int cmd_score(const Args& args) {
    std::vector<std::string> results;
    std::string gold_path, from, schema_path, threshold_text = "0.7";
    bool json = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kScoreHelp;
            return 0;
        }
        if ((a == "--gold" || a == "--threshold" || a == "--from" || a == "--schema") &&
            i + 1 < args.size()) {
            const std::string& v = args[++i];
            if (a == "--gold")
                gold_path = v;
            else if (a == "--threshold")
                threshold_text = v;
            else if (a == "--from")
                from = v;
            else
                schema_path = v;
        } else if (a == "--json") {
            json = true;
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "gloss score: unknown option " << a << "\n\n" << kScoreHelp;
            return 2;
        } else {
            results.push_back(a);
        }
    }
    if (gold_path.empty() || results.empty()) {
        std::cerr << "gloss score: expected --gold GOLD and one or more RESULTS files\n\n"
                  << kScoreHelp;
        return 2;
    }
    char* end = nullptr;
    double threshold = std::strtod(threshold_text.c_str(), &end);
    if (threshold_text.empty() || *end != '\0' || !(threshold >= 0.0 && threshold <= 1.0)) {
        std::cerr << "gloss score: --threshold must be a number from 0 to 1, not \""
                  << threshold_text << "\"\n";
        return 2;
    }
    std::optional<core::LabelSchema> schema;
    if (!schema_path.empty()) {
        schema = load_schema(schema_path);
        if (!schema) return 1;
    }
    const core::LabelSchema* schema_ptr = schema ? &*schema : nullptr;

    AnnotatorFile gold;
    if (int code = read_annotator_file(gold_path, "", schema_ptr, "score", gold)) return code;
    bool bad_records = gold.summary.errors > 0;
    if (gold.documents.empty()) {
        std::cerr << "gloss score: " << gold_path << " holds no document\n";
        return 1;
    }
    std::vector<std::vector<core::Span>> gold_spans;
    for (const core::Document& d : gold.documents)
        gold_spans.push_back(core::annotated_spans(d));

    core::GoldScore score;
    std::uint64_t read = 0, on_gold = 0;
    for (const std::string& path : results) {
        InputOptions input;
        input.path = path;
        input.format = resolve_input_format(path, from, "score");
        input.schema = schema_ptr;
        if (!input.format) return 2;
        std::string stem = path == "-" ? std::string("stdin") : io::stem_of(path);
        ReadSummary s = read_documents(input, [&](core::Document&& d) {
            ++read;
            auto it = gold.by_id.find(d.id);
            if (it == gold.by_id.end()) return;
            const core::Document& g = gold.documents[it->second];
            if (g.text().utf8() != d.text().utf8()) {
                std::cerr << "gloss score: document \"" << d.id << "\" in " << path
                          << " has another text than in " << gold_path << "; not scored\n";
                return;
            }
            ++on_gold;
            auto meta = d.meta.extra.find("annotator");
            const std::string& fallback =
                meta != d.meta.extra.end() && !meta->second.empty() ? meta->second : stem;
            for (const auto& [worker, spans] : core::spans_by_annotator(d, fallback))
                score.add(worker, d.id, gold_spans[it->second], spans);
        });
        if (!s.readable) return 1;
        bad_records = bad_records || s.errors > 0;
    }
    if (score.workers().empty()) {
        std::cerr << "gloss score: no document of the results is in " << gold_path
                  << " (documents are matched by id)\n";
        return 1;
    }
    std::vector<std::string> flagged = score.flagged(threshold);
    std::set<std::string> is_flagged(flagged.begin(), flagged.end());
    std::set<std::string> labels;
    for (const auto& [worker, w] : score.workers())
        for (const auto& [label, counts] : w.spans.per_label)
            labels.insert(label);

    if (json) {
        io::Json out;
        out["gold"] = gold_path;
        out["gold_documents"] = gold.documents.size();
        out["result_documents"] = read;
        out["result_documents_on_gold"] = on_gold;
        out["threshold"] = threshold;
        io::Json workers = io::Json::array();
        for (const auto& [name, w] : score.workers()) {
            core::PrfCounts all = w.spans.overall();
            io::Json j;
            j["worker"] = name;
            j["gold_documents"] = w.documents.size();
            j["precision"] = all.precision();
            j["recall"] = all.recall();
            j["f1"] = all.f1();
            j["tp"] = all.tp;
            j["fp"] = all.fp;
            j["fn"] = all.fn;
            j["flagged"] = is_flagged.count(name) != 0;
            io::Json per = io::Json::object();
            for (const auto& [label, c] : w.spans.per_label)
                per[label] = {{"precision", c.precision()},
                              {"recall", c.recall()},
                              {"f1", c.f1()},
                              {"tp", c.tp},
                              {"fp", c.fp},
                              {"fn", c.fn}};
            j["per_label"] = per;
            workers.push_back(j);
        }
        out["workers"] = workers;
        out["flagged"] = flagged;
        std::cout << io::dump_json(out, 2) << "\n";
        return bad_records ? 1 : 0;
    }

    emit("gold     " + std::to_string(gold.documents.size()) + " document(s) in " + gold_path);
    emit("results  " + std::to_string(read) + " document(s) read, " + std::to_string(on_gold) +
         " on gold documents");
    std::size_t width = 10;
    for (const auto& [name, w] : score.workers())
        width = std::max(width, name.size() + 2);
    emit("");
    emit("  " + padded("worker", width) + "gold docs  precision  recall  F1");
    for (const auto& [name, w] : score.workers()) {
        core::PrfCounts all = w.spans.overall();
        emit("  " + padded(name, width) + padded(std::to_string(w.documents.size()), 11) +
             padded(fixed(all.precision()), 11) + padded(fixed(all.recall()), 8) +
             padded(fixed(all.f1()), 7) + (is_flagged.count(name) ? "FLAGGED" : ""));
    }
    if (!labels.empty()) {
        std::size_t cell = 9;
        for (const std::string& l : labels)
            cell = std::max(cell, l.size() + 2);
        emit("");
        emit("F1 per label");
        std::string h = "  " + padded("worker", width);
        for (const std::string& l : labels)
            h += padded(l, cell);
        emit(h);
        for (const auto& [name, w] : score.workers()) {
            std::string r = "  " + padded(name, width);
            for (const std::string& l : labels) {
                auto it = w.spans.per_label.find(l);
                r += padded(it == w.spans.per_label.end() ? "-" : fixed(it->second.f1()), cell);
            }
            emit(r);
        }
    }
    emit("");
    char threshold_shown[32];
    std::snprintf(threshold_shown, sizeof threshold_shown, "%.2f", threshold);
    emit(std::to_string(flagged.size()) + " of " + std::to_string(score.workers().size()) +
         " worker(s) flagged (overall F1 below " + threshold_shown + ")");
    return bad_records ? 1 : 0;
}

} // namespace gloss::cli
