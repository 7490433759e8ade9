// gloss eval: precision, recall and F1 of predicted spans (suggestions) against gold, per label
// and per error type, with exact and overlap matching, and the list of misses and false
// alarms. Layer: cli.
#include "cli/commands.hpp"

#include "core/agree/span_agreement.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include <cstdio>
#include <iostream>
#include <set>
#include <tuple>

namespace gloss::cli {

const char* const kEvalHelp =
    "usage: gloss eval GOLD PRED [--json] [--exclude SEED] [--from FORMAT]\n"
    "\n"
    "Scores PRED (for example the output of gloss suggest) against GOLD, documents matched\n"
    "by id. Every span that is not rejected counts, pending suggestions included. Reports\n"
    "precision, recall and F1 per label and overall, and per error type (ERROR spans\n"
    "compared with their \"type\"), with exact matching (same start, end and label) and\n"
    "overlap matching (same label, intersecting ranges, one to one); then every miss (in\n"
    "GOLD only) and false alarm (in PRED only) under overlap matching.\n"
    "\n"
    "  --json          print everything as one JSON object\n"
    "  --exclude SEED  leave out spans that SEED already held (same range and label), so\n"
    "                  what the annotator labelled by hand before suggesting is not scored\n"
    "\n"
    "examples:\n"
    "  gloss suggest tests/fixtures/assist/dev/seeded.jsonl -o pred.jsonl\n"
    "  gloss eval tests/fixtures/assist/dev/gold.jsonl pred.jsonl \\\n"
    "      --exclude tests/fixtures/assist/dev/seeded.jsonl\n";

namespace {

using Key = std::tuple<std::string, std::uint32_t, std::uint32_t, std::string>;

std::vector<core::Span> scored_spans(const core::Document& d, const std::set<Key>& excluded) {
    std::vector<core::Span> out;
    d.spans().for_each([&](const core::Span& s) {
        if (s.status == core::Status::Rejected) return;
        if (excluded.count({d.id, s.start, s.end, s.label})) return;
        out.push_back(s);
    });
    return out;
}

std::vector<core::Span> by_error_type(const std::vector<core::Span>& spans) {
    std::vector<core::Span> out;
    for (const core::Span& s : spans) {
        if (s.label != "ERROR") continue;
        core::Span t = s;
        const std::string* type = s.attrs.get("type");
        t.label = "ERROR/" + (type && !type->empty() ? *type : std::string("(none)"));
        out.push_back(std::move(t));
    }
    return out;
}

struct Listed {
    std::string document, label, text, detail;
    std::uint32_t start = 0, end = 0;
};

io::Json prf_json(const core::PrfCounts& c) {
    return {{"tp", c.tp},           {"fp", c.fp},  {"fn", c.fn}, {"precision", c.precision()},
            {"recall", c.recall()}, {"f1", c.f1()}};
}

void print_table(const char* title, const core::SpanAgreement& exact,
                 const core::SpanAgreement& overlap) {
    std::printf("%s\n  %-26s %6s %6s %6s   %6s %6s %6s   %5s %5s %5s\n", title, "", "exact:", "P",
                "R", "overlap:", "P", "R", "F1", "gold", "pred");
    auto row = [](const std::string& name, const core::PrfCounts& e, const core::PrfCounts& o) {
        std::printf("  %-26s %6s %6.3f %6.3f   %6.3f %6.3f %6.3f   %5.3f %5llu %5llu\n",
                    name.c_str(), "", e.precision(), e.recall(), e.f1(), o.precision(), o.recall(),
                    o.f1(), static_cast<unsigned long long>(o.tp + o.fn),
                    static_cast<unsigned long long>(o.tp + o.fp));
    };
    for (const auto& [label, o] : overlap.per_label) {
        auto it = exact.per_label.find(label);
        row(label, it == exact.per_label.end() ? core::PrfCounts{} : it->second, o);
    }
    row("(all)", exact.overall(), overlap.overall());
}

} // namespace

int cmd_eval(const Args& args) {
    std::vector<std::string> positional;
    std::string from, exclude_path;
    bool json = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kEvalHelp;
            return 0;
        }
        if ((a == "--from" || a == "--exclude") && i + 1 < args.size()) {
            (a == "--from" ? from : exclude_path) = args[++i];
        } else if (a == "--json") {
            json = true;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            std::cerr << "gloss eval: unknown option " << a << "\n\n" << kEvalHelp;
            return 2;
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 2) {
        std::cerr << "gloss eval: expected GOLD and PRED\n\n" << kEvalHelp;
        return 2;
    }
    AnnotatorFile gold, pred, seed;
    if (int code = read_annotator_file(positional[0], from, nullptr, "eval", gold)) return code;
    if (int code = read_annotator_file(positional[1], from, nullptr, "eval", pred)) return code;
    std::set<Key> excluded;
    if (!exclude_path.empty()) {
        if (int code = read_annotator_file(exclude_path, from, nullptr, "eval", seed)) return code;
        for (const core::Document& d : seed.documents)
            d.spans().for_each([&](const core::Span& s) {
                excluded.insert({d.id, s.start, s.end, s.label});
            });
    }
    if (gold.documents.empty()) {
        std::cerr << "gloss eval: " << gold.path << ": no documents\n";
        return 1;
    }

    core::SpanAgreement exact, overlap, types_exact, types_overlap;
    std::vector<Listed> misses, false_alarms;
    std::uint64_t missing = 0;
    for (const core::Document& g : gold.documents) {
        auto it = pred.by_id.find(g.id);
        std::vector<core::Span> gs = scored_spans(g, excluded), ps;
        const core::Document* p = nullptr;
        if (it == pred.by_id.end()) {
            std::cerr << "gloss eval: " << pred.path << ": no document \"" << g.id
                      << "\" (its gold spans count as misses)\n";
            ++missing;
        } else {
            p = &pred.documents[it->second];
            if (p->text().utf8() != g.text().utf8()) {
                std::cerr << "gloss eval: document \"" << g.id
                          << "\" has another text in PRED; skipped\n";
                ++missing;
                continue;
            }
            ps = scored_spans(*p, excluded);
        }
        core::add_span_agreement(exact, gs, ps, core::MatchMode::Exact);
        core::add_span_agreement(overlap, gs, ps, core::MatchMode::Overlap);
        core::add_span_agreement(types_exact, by_error_type(gs), by_error_type(ps),
                                 core::MatchMode::Exact);
        core::add_span_agreement(types_overlap, by_error_type(gs), by_error_type(ps),
                                 core::MatchMode::Overlap);
        core::SpanMatching m = core::match_spans(gs, ps, core::MatchMode::Overlap);
        auto listed = [&](const core::Span& s) {
            Listed l{g.id, s.label, std::string(g.text().slice(s.start, s.end)),
                     "",   s.start, s.end};
            for (const char* attr : {"type", "correction", "canonical"})
                if (const std::string* v = s.attrs.get(attr))
                    l.detail += std::string(l.detail.empty() ? "" : ", ") + attr + "=" + *v;
            return l;
        };
        for (std::size_t i : m.only_a)
            misses.push_back(listed(gs[i]));
        for (std::size_t i : m.only_b)
            false_alarms.push_back(listed(ps[i]));
    }

    if (json) {
        io::Json out;
        auto table = [](const core::SpanAgreement& a) {
            io::Json t = io::Json::object();
            for (const auto& [label, c] : a.per_label)
                t[label] = prf_json(c);
            t["(all)"] = prf_json(a.overall());
            return t;
        };
        out["documents"] = gold.documents.size();
        out["documents_missing"] = missing;
        out["exact"] = table(exact);
        out["overlap"] = table(overlap);
        out["error_types_exact"] = table(types_exact);
        out["error_types_overlap"] = table(types_overlap);
        auto list = [](const std::vector<Listed>& v) {
            io::Json a = io::Json::array();
            for (const Listed& l : v)
                a.push_back({{"document", l.document},
                             {"start", l.start},
                             {"end", l.end},
                             {"label", l.label},
                             {"text", l.text},
                             {"detail", l.detail}});
            return a;
        };
        out["misses"] = list(misses);
        out["false_alarms"] = list(false_alarms);
        std::cout << io::dump_json(out, 2) << "\n";
        return 0;
    }
    std::printf("%zu documents (%llu missing from PRED)\n\n", gold.documents.size(),
                static_cast<unsigned long long>(missing));
    print_table("labels", exact, overlap);
    std::printf("\n");
    print_table("error types", types_exact, types_overlap);
    auto print_list = [](const char* title, const std::vector<Listed>& v) {
        std::printf("\n%s (%zu, overlap matching):\n", title, v.size());
        for (const Listed& l : v)
            std::printf("  %s %u-%u %s \"%s\"%s%s\n", l.document.c_str(), l.start, l.end,
                        l.label.c_str(), io::escape_line(l.text).c_str(),
                        l.detail.empty() ? "" : " ", l.detail.c_str());
    };
    print_list("misses", misses);
    print_list("false alarms", false_alarms);
    return 0;
}

} // namespace gloss::cli
