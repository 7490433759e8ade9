// Annotators' files for agree, merge and score: each file read whole into documents by id, the
// annotator named after its spans or the file, and documents lined up by id across files.
// Layer: cli.
#include "cli/commands.hpp"

#include "io/record_reader.hpp"

#include <iostream>
#include <map>
#include <set>

namespace gloss::cli {

int read_annotator_file(const std::string& path, const std::string& from,
                        const core::LabelSchema* schema, const char* command, AnnotatorFile& out) {
    out.path = path;
    InputOptions input;
    input.path = path;
    input.format = resolve_input_format(path, from, command);
    input.schema = schema;
    if (!input.format) return 2;
    std::map<std::string, std::uint64_t> names;
    out.summary = read_documents(input, [&](core::Document&& d) {
        d.spans().for_each([&](const core::Span& s) {
            if (!s.annotator.empty()) ++names[s.annotator];
        });
        if (out.by_id.count(d.id)) {
            std::cerr << "gloss " << command << ": " << path << ": document \"" << d.id
                      << "\" appears more than once; the first is used\n";
            ++out.duplicates;
            return;
        }
        out.by_id[d.id] = out.documents.size();
        out.documents.push_back(std::move(d));
    });
    if (!out.summary.readable) return 1;
    // The most common annotator of the file's spans; the file's stem when none has one.
    out.annotator = path == "-" ? std::string("stdin") : io::stem_of(path);
    std::uint64_t best = 0;
    for (const auto& [name, count] : names)
        if (count > best) {
            out.annotator = name;
            best = count;
        }
    return 0;
}

void name_annotators(std::vector<AnnotatorFile>& files) {
    auto clashes = [&](std::size_t i) {
        for (std::size_t j = 0; j < files.size(); ++j)
            if (j != i && files[j].annotator == files[i].annotator) return true;
        return false;
    };
    std::vector<bool> clash(files.size());
    for (std::size_t i = 0; i < files.size(); ++i)
        clash[i] = clashes(i);
    for (std::size_t i = 0; i < files.size(); ++i)
        if (clash[i] && files[i].path != "-") files[i].annotator = io::stem_of(files[i].path);
    std::set<std::string> used;
    for (AnnotatorFile& f : files) {
        std::string name = f.annotator;
        for (int n = 2; used.count(name); ++n)
            name = f.annotator + "-" + std::to_string(n);
        f.annotator = name;
        used.insert(name);
    }
}

std::vector<DocumentVersions> line_up(const std::vector<AnnotatorFile>& files, const char* command,
                                      std::uint64_t& missing) {
    std::vector<DocumentVersions> out;
    std::map<std::string, std::size_t> seen;
    for (std::size_t f = 0; f < files.size(); ++f)
        for (const core::Document& d : files[f].documents)
            if (seen.emplace(d.id, out.size()).second) out.push_back({d.id, {}});
    missing = 0;
    for (DocumentVersions& v : out) {
        const core::Document* first = nullptr;
        std::vector<std::string> absent;
        for (std::size_t f = 0; f < files.size(); ++f) {
            auto it = files[f].by_id.find(v.id);
            if (it == files[f].by_id.end()) {
                absent.push_back(files[f].path);
                continue;
            }
            const core::Document& d = files[f].documents[it->second];
            if (first && d.text().utf8() != first->text().utf8()) {
                std::cerr << "gloss " << command << ": document \"" << v.id << "\" in "
                          << files[f].path << " has another text than in "
                          << files[v.files.front()].path << "; left out of that file\n";
                absent.push_back(files[f].path);
                continue;
            }
            if (!first) first = &d;
            v.files.push_back(f);
        }
        if (!absent.empty()) {
            ++missing;
            std::cerr << "gloss " << command << ": document \"" << v.id << "\" is missing from ";
            for (std::size_t i = 0; i < absent.size(); ++i)
                std::cerr << (i ? ", " : "") << absent[i];
            std::cerr << "\n";
        }
    }
    return out;
}

const core::Document& version_of(const std::vector<AnnotatorFile>& files, const DocumentVersions& v,
                                 std::size_t i) {
    const AnnotatorFile& f = files[v.files[i]];
    return f.documents[f.by_id.at(v.id)];
}

} // namespace gloss::cli
