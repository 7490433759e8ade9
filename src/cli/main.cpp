// gloss: the native command-line tool over the engine and formats. Layer: cli.
#include "cli/commands.hpp"

#include <iostream>
#include <string>

namespace {

const char* const kHelp =
    "usage: gloss [--help] [--version] COMMAND [ARGS]\n"
    "\n"
    "Gloss annotates news articles (entities, quotes with speakers, errors) and turns the\n"
    "annotations into datasets. This tool converts, validates, counts, compares and merges\n"
    "them in bulk.\n"
    "\n"
    "commands:\n"
    "  convert IN OUT   convert between formats (Gloss JSONL and project, Label Studio,\n"
    "                   doccano, SageMaker, brat, CoNLL, Prodigy, W3C, WebAnno TSV,\n"
    "                   corrections, M2)\n"
    "  validate FILE    report every problem in a file as FILE:LINE:COLUMN: message\n"
    "  stats FILE       count documents, labels, error types, relations; --png draws them\n"
    "  suggest IN       find garbles, entities and quotes; write them as pending suggestions\n"
    "  eval GOLD PRED   precision, recall and F1 of suggestions against gold, misses listed\n"
    "  agree A B [C...] agreement between annotators: span F1, Cohen's and Fleiss' kappa,\n"
    "                   Krippendorff's alpha, label confusion\n"
    "  merge A B [C...] merge annotators' versions into one adjudicated set (-o OUT)\n"
    "  score --gold GOLD RESULTS...\n"
    "                   each worker's span F1 on gold documents; flags the weak ones\n"
    "  campaign SUB     crowd campaigns on NATS JetStream: server, create, add, status,\n"
    "                   collect, link, block, close\n"
    "\n"
    "Run 'gloss COMMAND --help' for a command's options and examples.\n"
    "\n"
    "examples:\n"
    "  gloss convert article.txt article.jsonl\n"
    "  gloss validate tasks.jsonl --schema schema.json\n"
    "  gloss stats tasks.jsonl --png labels.png\n"
    "  gloss suggest articles.jsonl -o suggested.jsonl\n"
    "  gloss agree ann.jsonl bob.jsonl cyd.jsonl\n"
    "  gloss merge ann.jsonl bob.jsonl cyd.jsonl -o merged.jsonl --strategy majority\n"
    "  gloss score --gold gold.jsonl results.jsonl --threshold 0.7\n"
    "  cat tasks.jsonl | gloss convert - -\n";

} // namespace

int main(int argc, char** argv) {
    gloss::cli::Args args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << kHelp;
        return 2;
    }
    const std::string command = args.front();
    gloss::cli::Args rest(args.begin() + 1, args.end());
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << kHelp;
        return 0;
    }
    if (command == "--version" || command == "version") {
        std::cout << "gloss " << GLOSS_VERSION << "\n";
        return 0;
    }
    if (command == "convert") return gloss::cli::cmd_convert(rest);
    if (command == "validate") return gloss::cli::cmd_validate(rest);
    if (command == "stats") return gloss::cli::cmd_stats(rest);
    if (command == "suggest") return gloss::cli::cmd_suggest(rest);
    if (command == "eval") return gloss::cli::cmd_eval(rest);
    if (command == "agree") return gloss::cli::cmd_agree(rest);
    if (command == "merge") return gloss::cli::cmd_merge(rest);
    if (command == "score") return gloss::cli::cmd_score(rest);
    if (command == "campaign") return gloss::cli::cmd_campaign(rest);
    std::cerr << "gloss: unknown command \"" << command << "\"\n\n" << kHelp;
    return 2;
}
