// gloss stats: counts of documents, spans per label, error types, relations, density and
// quotes without a speaker; as text, JSON or a PNG bar chart. Layer: cli.
#include "cli/commands.hpp"

#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include <cstdio>
#include <iostream>
#include <map>
#include <set>

namespace gloss::cli {

const char* const kStatsHelp =
    "usage: gloss stats FILE [--json] [--png CHART.png] [--from FORMAT] [--schema SCHEMA]\n"
    "\n"
    "Counts what FILE holds: documents, characters (code points), spans per label, error\n"
    "types (the \"type\" of ERROR spans), relations per type, spans per 1,000 characters,\n"
    "quotes without a speaker (a quote with neither the relation nor the attribute its\n"
    "label's span attribute names: \"speaker\" in the default schema), span status and\n"
    "annotators. Invalid records are reported on stderr and left out of the counts (exit\n"
    "status 1). Line formats are streamed.\n"
    "\n"
    "  --json      print the counts as one JSON object\n"
    "  --png FILE  draw bar charts of the label and error-type distributions\n"
    "\n"
    "examples:\n"
    "  gloss stats assets/samples/sample.jsonl\n"
    "  gloss stats corpus.jsonl --json | jq .labels\n"
    "  gloss stats corpus.jsonl --png labels.png\n";

namespace {

struct Counts {
    std::uint64_t documents = 0, characters = 0, spans = 0, relations = 0;
    std::uint64_t quotes = 0, quotes_without_speaker = 0;
    std::map<std::string, std::uint64_t> labels, error_types, relation_types, status, annotators;
};

void count(Counts& c, const core::Document& d, const core::LabelSchema* schema) {
    ++c.documents;
    c.characters += d.text().size();
    c.relations += d.relations().size();
    for (const auto& [id, r] : d.relations())
        ++c.relation_types[r.type];
    // A quote's speaker: its label's span attribute, as an attribute or a relation ("speaker"
    // when the schema does not have the label).
    auto speaker_of = [&](const std::string& label) -> std::string {
        const core::Label* l = schema ? schema->find(label) : nullptr;
        if (!l) return "speaker";
        const core::AttributeDef* a = l->span_reference();
        return a ? a->name : std::string();
    };
    std::set<std::pair<core::SpanId, std::string>> with_relation;
    for (const auto& [id, r] : d.relations())
        with_relation.insert({r.from, r.type});
    d.spans().for_each([&](const core::Span& s) {
        ++c.spans;
        ++c.labels[s.label];
        ++c.status[std::string(core::to_string(s.status))];
        if (!s.annotator.empty()) ++c.annotators[s.annotator];
        core::LabelKind kind = io::kind_of(schema, s.label);
        if (kind == core::LabelKind::Error) {
            const std::string* type = s.attrs.get("type");
            ++c.error_types[type && !type->empty() ? *type : "(none)"];
        } else if (kind == core::LabelKind::Quote) {
            ++c.quotes;
            std::string wanted = speaker_of(s.label);
            const std::string* speaker = wanted.empty() ? nullptr : s.attrs.get(wanted);
            if (!wanted.empty() && !with_relation.count({s.id, wanted}) &&
                (!speaker || speaker->empty()))
                ++c.quotes_without_speaker;
        }
    });
}

double per_thousand(const Counts& c) {
    return c.characters ? 1000.0 * static_cast<double>(c.spans) / static_cast<double>(c.characters)
                        : 0.0;
}

std::vector<Bar> bars(const std::map<std::string, std::uint64_t>& m) {
    std::vector<Bar> out;
    for (const auto& [k, v] : m)
        out.push_back({k, static_cast<double>(v)});
    std::stable_sort(out.begin(), out.end(),
                     [](const Bar& a, const Bar& b) { return a.value > b.value; });
    return out;
}

void print_table(const char* title, const std::map<std::string, std::uint64_t>& m) {
    if (m.empty()) return;
    std::cout << title << ":\n";
    for (const Bar& b : bars(m)) {
        std::string name = b.label;
        if (name.size() < 18) name.resize(18, ' ');
        std::cout << "  " << name << " " << static_cast<std::uint64_t>(b.value) << "\n";
    }
}

} // namespace

int cmd_stats(const Args& args) {
    std::vector<std::string> positional;
    std::string from, schema_path, png;
    bool json = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kStatsHelp;
            return 0;
        }
        if ((a == "--from" || a == "--schema" || a == "--png") && i + 1 < args.size()) {
            const std::string& v = args[++i];
            if (a == "--from")
                from = v;
            else if (a == "--schema")
                schema_path = v;
            else
                png = v;
        } else if (a == "--json") {
            json = true;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            std::cerr << "gloss stats: unknown option " << a << "\n\n" << kStatsHelp;
            return 2;
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 1) {
        std::cerr << "gloss stats: expected one FILE\n\n" << kStatsHelp;
        return 2;
    }
    InputOptions input;
    std::optional<core::LabelSchema> schema;
    if (int code = prepare_input(input, positional[0], from, schema_path, schema, "stats"))
        return code;
    Counts c;
    Progress progress("gloss stats");
    ReadSummary s = read_documents(
        input, [&](core::Document&& d) { count(c, d, input.schema); }, &progress);
    progress.done();
    if (!s.readable) return 1;
    if (json) {
        io::Json out;
        out["documents"] = c.documents;
        out["skipped_records"] = s.skipped;
        out["characters"] = c.characters;
        out["spans"] = c.spans;
        char density[32];
        std::snprintf(density, sizeof density, "%.2f", per_thousand(c));
        out["spans_per_1000_characters"] = std::stod(density);
        out["relations"] = c.relations;
        out["quotes"] = c.quotes;
        out["quotes_without_speaker"] = c.quotes_without_speaker;
        out["labels"] = c.labels;
        out["error_types"] = c.error_types;
        out["relation_types"] = c.relation_types;
        out["status"] = c.status;
        out["annotators"] = c.annotators;
        std::cout << io::dump_json(out, 2) << "\n";
    } else {
        std::printf("documents                 %llu\n",
                    static_cast<unsigned long long>(c.documents));
        std::printf("characters                %llu\n",
                    static_cast<unsigned long long>(c.characters));
        std::printf("spans                     %llu (%.2f per 1,000 characters)\n",
                    static_cast<unsigned long long>(c.spans), per_thousand(c));
        std::printf("relations                 %llu\n",
                    static_cast<unsigned long long>(c.relations));
        std::printf("quotes                    %llu\n", static_cast<unsigned long long>(c.quotes));
        std::printf("quotes without a speaker  %llu\n",
                    static_cast<unsigned long long>(c.quotes_without_speaker));
        std::fflush(stdout);
        print_table("spans per label", c.labels);
        print_table("error types", c.error_types);
        print_table("relation types", c.relation_types);
        print_table("span status", c.status);
        print_table("annotators", c.annotators);
    }
    if (!png.empty()) {
        std::string title = (input.path == "-" ? std::string("stdin") : io::base_name(input.path)) +
                            ": " + std::to_string(c.documents) + " documents, " +
                            std::to_string(c.spans) + " spans";
        if (!write_bar_chart_png(
                png, title,
                {{"spans per label", bars(c.labels)}, {"error types", bars(c.error_types)}})) {
            std::cerr << "gloss stats: cannot write " << png << "\n";
            return 1;
        }
    }
    return s.errors ? 1 : 0;
}

} // namespace gloss::cli
