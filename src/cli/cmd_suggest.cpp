// gloss suggest: runs the Assist detectors over documents and writes them with their
// suggestions as pending spans (Gloss JSONL). Layer: cli.
#include "cli/commands.hpp"

#include "core/detect/assist.hpp"
#include "io/gloss_jsonl.hpp"

#include <cstdlib>
#include <iostream>

namespace gloss::cli {

const char* const kSuggestHelp =
    "usage: gloss suggest IN [-o OUT] [--from FORMAT] [--off DETECTOR[,DETECTOR...]]\n"
    "                        [--lexicon FILE] [--schema FILE]\n"
    "\n"
    "Finds what an annotator would otherwise have to find by hand and writes every document\n"
    "of IN with its suggestions as Gloss JSONL (to OUT, or stdout): pending spans with\n"
    "\"status\": \"pending\" and \"origin\": \"suggested\", a \"reason\" attribute, \"type\" and\n"
    "\"correction\" for errors (none when it is not known: a self-pairing whose partner the\n"
    "document never names; an empty one deletes), \"canonical\" for entities, and a\n"
    "\"speaker\" relation from a quote to the mention of who said it, where one is found.\n"
    "Spans already in IN are kept; a suggestion with the range and label of an existing\n"
    "span (accepted, pending or rejected) is not added again.\n"
    "\n"
    "Names the documents' accepted entity spans carry (with their \"canonical\" attribute) are\n"
    "learned first, over the whole input, so one labelled mention of a name finds the others;\n"
    "so are the words every document writes capitalised or as acronyms.\n"
    "\n"
    "detectors (all on by default):\n"
    "  merged_tokens    words glued together (blinkenbut, ArabWhere)\n"
    "  broken_sentence  sentences run together (civiliansFree) or with no end mark\n"
    "  wrong_case       names in lower case (cairo, anthony blinken)\n"
    "  duplication      a phrase repeated (two words only with a name or a number in them)\n"
    "  self_pairing     the same name on both sides of 'and' (between Israel and Israel)\n"
    "  misspelling      a name close to one used elsewhere (Refa for Rafah)\n"
    "  entities         mentions of known names; names after titles; organisations\n"
    "  quotes           text between quote marks, with the speaker\n"
    "\n"
    "  -o OUT          write to OUT (through a temporary file) instead of stdout\n"
    "  --off LIST      turn detectors off, e.g. --off entities,quotes\n"
    "  --schema FILE   suggest only labels this schema has: PERSON, ORG, GPE, LOC, NORP,\n"
    "                  QUOTE and ERROR by name, else by a usual other name (PER, PERS;\n"
    "                  ORGANIZATION; LOC, LOCATION for GPE; MISC for NORP), else QUOTE and\n"
    "                  ERROR as the schema's first label of that kind; nothing of a kind\n"
    "                  it has no label for (default: the built-in schema)\n"
    "  --lexicon FILE  the English lexicon (default: $GLOSS_LEXICON, else the one the build\n"
    "                  generated from Debian's wamerican)\n"
    "\n"
    "examples:\n"
    "  gloss suggest articles.jsonl -o suggested.jsonl\n"
    "  gloss suggest article.txt --off quotes | gloss stats -\n";

namespace {

std::optional<core::Lexicon> load_lexicon(std::string path) {
    if (path.empty())
        if (const char* env = std::getenv("GLOSS_LEXICON")) path = env;
#ifdef GLOSS_LEXICON_PATH
    if (path.empty()) path = GLOSS_LEXICON_PATH;
#endif
    if (path.empty()) return std::nullopt;
    std::optional<std::string> bytes = read_input(path);
    if (!bytes) return std::nullopt;
    auto lexicon = core::Lexicon::parse(*bytes);
    if (!lexicon) std::cerr << "gloss suggest: " << path << ": not a Gloss lexicon\n";
    return lexicon;
}

} // namespace

int cmd_suggest(const Args& args) {
    std::vector<std::string> positional;
    std::string from, out_path = "-", lexicon_path, off, schema_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kSuggestHelp;
            return 0;
        }
        if ((a == "--from" || a == "-o" || a == "--lexicon" || a == "--off" || a == "--schema") &&
            i + 1 < args.size()) {
            const std::string& v = args[++i];
            if (a == "--from")
                from = v;
            else if (a == "-o")
                out_path = v;
            else if (a == "--lexicon")
                lexicon_path = v;
            else if (a == "--schema")
                schema_path = v;
            else
                off = v;
        } else if (a.size() > 1 && a[0] == '-' && a != "-") {
            std::cerr << "gloss suggest: unknown option " << a << "\n\n" << kSuggestHelp;
            return 2;
        } else {
            positional.push_back(a);
        }
    }
    if (positional.size() != 1) {
        std::cerr << "gloss suggest: expected one input file\n\n" << kSuggestHelp;
        return 2;
    }
    core::AssistSettings settings;
    for (std::size_t pos = 0; !off.empty() && pos <= off.size();) {
        std::size_t comma = std::min(off.find(',', pos), off.size());
        std::string name = off.substr(pos, comma - pos);
        pos = comma + 1;
        if (name.empty()) continue;
        auto d = core::parse_detector(name);
        if (!d) {
            std::cerr << "gloss suggest: unknown detector \"" << name << "\" (see --help)\n";
            return 2;
        }
        settings.set(*d, false);
    }
    InputOptions input;
    std::optional<core::LabelSchema> schema;
    if (int code = prepare_input(input, positional[0], from, schema_path, schema, "suggest"))
        return code;
    std::optional<core::Lexicon> lexicon = load_lexicon(lexicon_path);
    if (!lexicon)
        std::cerr << "gloss suggest: warning: no lexicon; glued words and names are found "
                     "less well (--lexicon FILE)\n";

    std::vector<core::Document> documents;
    Progress progress("gloss suggest");
    ReadSummary s = read_documents(
        input, [&](core::Document&& d) { documents.push_back(std::move(d)); }, &progress);
    if (!s.readable) return 1;
    // What the whole input writes as names, then the built-in and labelled ones over it.
    core::NameBook written;
    for (const core::Document& d : documents)
        core::count_names(d.text(), lexicon ? &*lexicon : nullptr, written, 0,
                          static_cast<std::uint32_t>(d.text().size()));
    core::NameBook names;
    names.set_parent(&written);
    names.add_builtin();
    for (const core::Document& d : documents)
        names.learn(d);
    std::string out;
    std::uint64_t added = 0, done = 0;
    for (core::Document& d : documents) {
        std::vector<core::Suggestion> found =
            core::detect(d, names, lexicon ? &*lexicon : nullptr, settings);
        if (schema) core::fit_to_schema(found, *schema);
        added += core::add_suggestions(d, found);
        io::append_gloss_jsonl_line(out, d);
        progress.update(++done, out.size());
    }
    progress.done();
    if (!write_output(out_path, out)) return 1;
    std::cerr << "gloss suggest: " << documents.size() << " documents, " << added
              << " suggestions\n";
    return s.errors ? 1 : 0;
}

} // namespace gloss::cli
