// gloss eval: precision, recall and F1 of predicted spans (suggestions) against gold, per label
// and per error type, with exact and overlap matching, and the list of misses and false
// alarms. Layer: cli.
#include "cli/commands.hpp"

#include "core/agree/span_agreement.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
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
    "overlap matching (same label, intersecting ranges, one to one). Then, for errors: how\n"
    "many of each gold type an ERROR of any type found (overlap), and how many corrections\n"
    "are exact (applying PRED's correction gives the text GOLD's gives; an error without a\n"
    "correction is not); for quotes: the speaker accuracy over GOLD's quotes that have a\n"
    "speaker (right when PRED's quote has a speaker mention of the same person: overlapping\n"
    "GOLD's, or a GOLD mention with its canonical name). Last, every miss (in GOLD only),\n"
    "false alarm (in PRED only), wrong correction and wrong speaker, each with its context.\n"
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
    std::string document, label, text, detail, context;
    std::uint32_t start = 0, end = 0;
};

// The span in its sentence: up to 40 code points either side, the span in [brackets].
std::string context_of(const core::Document& d, std::uint32_t start, std::uint32_t end) {
    const std::size_t size = d.text().size();
    std::size_t from = start > 40 ? start - 40 : 0, to = std::min<std::size_t>(size, end + 40);
    return io::escape_line(std::string(d.text().slice(from, start)) + "[" +
                           std::string(d.text().slice(start, end)) + "]" +
                           std::string(d.text().slice(end, to)));
}

// What the text reads over [from, to) once `s`'s correction is applied; nullopt without one.
std::optional<std::string> corrected(const core::Document& d, const core::Span& s,
                                     std::uint32_t from, std::uint32_t to) {
    const std::string* correction = s.attrs.get("correction");
    if (!correction) return std::nullopt;
    return std::string(d.text().slice(from, s.start)) + *correction +
           std::string(d.text().slice(s.end, to));
}

// The span a quote's speaker relation points at, or null.
const core::Span* speaker_of(const core::Document& d, core::SpanId quote) {
    for (const auto& [id, r] : d.relations())
        if (r.type == "speaker" && r.from == quote) return d.spans().find(r.to);
    return nullptr;
}

std::string canonical_of(const core::Document& d, const core::Span& s) {
    const std::string* c = s.attrs.get("canonical");
    return c ? *c : std::string(d.text().slice(s.start, s.end));
}

struct Found {
    std::uint64_t gold = 0, found = 0;
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
    std::vector<Listed> misses, false_alarms, wrong_corrections, wrong_speakers;
    std::map<std::string, Found> by_gold_type;
    std::uint64_t corrections_matched = 0, corrections_exact = 0, corrections_missing = 0;
    std::uint64_t quotes_with_speaker = 0, speakers_right = 0;
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
            Listed l{g.id,
                     s.label,
                     std::string(g.text().slice(s.start, s.end)),
                     "",
                     context_of(g, s.start, s.end),
                     s.start,
                     s.end};
            for (const char* attr : {"type", "correction", "canonical"})
                if (const std::string* v = s.attrs.get(attr))
                    l.detail += std::string(l.detail.empty() ? "" : ", ") + attr + "=" + *v;
            return l;
        };
        for (std::size_t i : m.only_a)
            misses.push_back(listed(gs[i]));
        for (std::size_t i : m.only_b)
            false_alarms.push_back(listed(ps[i]));
        // Errors found whatever type was guessed, and their corrections; quotes' speakers.
        std::vector<const core::Span*> pred_for(gs.size(), nullptr);
        for (auto [a, b] : m.pairs)
            pred_for[a] = &ps[b];
        for (std::size_t i = 0; i < gs.size(); ++i) {
            const core::Span& gold_span = gs[i];
            const core::Span* found = pred_for[i];
            if (gold_span.label == "ERROR") {
                const std::string* type = gold_span.attrs.get("type");
                Found& f = by_gold_type[type ? *type : "(none)"];
                ++f.gold;
                if (!found) continue;
                ++f.found;
                std::uint32_t region_from = std::min(gold_span.start, found->start);
                std::uint32_t region_to = std::max(gold_span.end, found->end);
                std::optional<std::string> want = corrected(g, gold_span, region_from, region_to);
                if (!want) continue;
                ++corrections_matched;
                std::optional<std::string> got = corrected(g, *found, region_from, region_to);
                if (got == want) {
                    ++corrections_exact;
                    continue;
                }
                corrections_missing += got ? 0 : 1;
                Listed l = listed(*found);
                l.detail = "gives \"" + io::escape_line(got ? *got : "(no correction)") +
                           "\", gold \"" + io::escape_line(*want) + "\"";
                wrong_corrections.push_back(std::move(l));
            } else if (gold_span.label == "QUOTE") {
                const core::Span* want = speaker_of(g, gold_span.id);
                if (!want) continue;
                ++quotes_with_speaker;
                const core::Span* got = found && p ? speaker_of(*p, found->id) : nullptr;
                bool right = false;
                if (got) {
                    const std::string canonical = canonical_of(g, *want);
                    right = got->start < want->end && want->start < got->end;
                    g.spans().for_each_overlapping(got->start, got->end, [&](const core::Span& x) {
                        right =
                            right || (x.label == want->label && canonical_of(g, x) == canonical);
                    });
                }
                speakers_right += right ? 1 : 0;
                if (right) continue;
                Listed l = listed(gold_span);
                l.detail = "speaker " +
                           (got ? "\"" + std::string(g.text().slice(got->start, got->end)) + "\""
                                : std::string(found ? "none" : "none (quote not found)")) +
                           ", gold \"" + std::string(g.text().slice(want->start, want->end)) + "\"";
                wrong_speakers.push_back(std::move(l));
            }
        }
    }
    auto ratio = [](std::uint64_t a, std::uint64_t b) {
        return b ? static_cast<double>(a) / static_cast<double>(b) : 0.0;
    };

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
                             {"detail", l.detail},
                             {"context", l.context}});
            return a;
        };
        out["error_recall_by_gold_type"] = io::Json::object();
        for (const auto& [type, f] : by_gold_type)
            out["error_recall_by_gold_type"][type] = {
                {"gold", f.gold}, {"found", f.found}, {"recall", ratio(f.found, f.gold)}};
        out["corrections"] = {{"matched", corrections_matched},
                              {"exact", corrections_exact},
                              {"without_correction", corrections_missing},
                              {"exactness", ratio(corrections_exact, corrections_matched)}};
        out["speakers"] = {{"quotes_with_speaker", quotes_with_speaker},
                           {"right", speakers_right},
                           {"accuracy", ratio(speakers_right, quotes_with_speaker)}};
        out["misses"] = list(misses);
        out["false_alarms"] = list(false_alarms);
        out["wrong_corrections"] = list(wrong_corrections);
        out["wrong_speakers"] = list(wrong_speakers);
        std::cout << io::dump_json(out, 2) << "\n";
        return 0;
    }
    std::printf("%zu documents (%llu missing from PRED)\n\n", gold.documents.size(),
                static_cast<unsigned long long>(missing));
    print_table("labels", exact, overlap);
    std::printf("\n");
    print_table("error types", types_exact, types_overlap);
    std::printf("\nerrors found by gold type (overlap, any predicted type):\n");
    for (const auto& [type, f] : by_gold_type)
        std::printf("  %-26s %4llu of %4llu  %5.3f\n", type.c_str(),
                    static_cast<unsigned long long>(f.found),
                    static_cast<unsigned long long>(f.gold), ratio(f.found, f.gold));
    std::printf("\ncorrections exact: %llu of %llu errors found (%.3f); %llu without a "
                "correction\n",
                static_cast<unsigned long long>(corrections_exact),
                static_cast<unsigned long long>(corrections_matched),
                ratio(corrections_exact, corrections_matched),
                static_cast<unsigned long long>(corrections_missing));
    std::printf("speakers right: %llu of %llu quotes with a speaker (%.3f)\n",
                static_cast<unsigned long long>(speakers_right),
                static_cast<unsigned long long>(quotes_with_speaker),
                ratio(speakers_right, quotes_with_speaker));
    auto print_list = [](const char* title, const std::vector<Listed>& v) {
        std::printf("\n%s (%zu, overlap matching):\n", title, v.size());
        for (const Listed& l : v)
            std::printf("  %s %u-%u %s \"%s\"%s%s\n      %s\n", l.document.c_str(), l.start, l.end,
                        l.label.c_str(), io::escape_line(l.text).c_str(),
                        l.detail.empty() ? "" : " ", l.detail.c_str(), l.context.c_str());
    };
    print_list("misses", misses);
    print_list("false alarms", false_alarms);
    print_list("wrong corrections", wrong_corrections);
    print_list("wrong speakers", wrong_speakers);
    return 0;
}

} // namespace gloss::cli
