// The gloss CLI's subcommands and what they share: file helpers, option parsing, reading
// documents from any format (streamed line by line for line formats). Layer: cli (core + io;
// the only layer that opens files).
#pragma once

#include "core/diagnostic.hpp"
#include "core/model/document.hpp"
#include "core/model/label_schema.hpp"
#include "io/format.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gloss::cli {

using Args = std::vector<std::string>;

int cmd_convert(const Args& args);
int cmd_validate(const Args& args);
int cmd_stats(const Args& args);
int cmd_agree(const Args& args);
int cmd_suggest(const Args& args);
int cmd_eval(const Args& args);
int cmd_merge(const Args& args);
int cmd_score(const Args& args);
int cmd_campaign(const Args& args);

extern const char* const kConvertHelp;
extern const char* const kValidateHelp;
extern const char* const kStatsHelp;
extern const char* const kSuggestHelp;
extern const char* const kEvalHelp;
extern const char* const kAgreeHelp;
extern const char* const kMergeHelp;
extern const char* const kScoreHelp;
extern const char* const kCampaignHelp;

// [SECTION] Files (file_io.cpp)

// Reads a whole file ("-" = stdin); nullopt with a message on stderr when it cannot be read.
std::optional<std::string> read_input(const std::string& path);
// The first `limit` bytes of a file (fewer when it is shorter; empty when it cannot be read).
std::string read_head(const std::string& path, std::size_t limit);
// Every regular file under a folder (recursively, sorted by path), or the one file `path`
// names; names are the paths as given. nullopt with a message on stderr on failure.
std::optional<std::vector<io::NamedFile>> read_inputs(const std::string& path);
// Writes through a temporary file renamed into place ("-" = stdout), so a failed run never
// leaves a file that looks complete. Returns false with a message on stderr.
bool write_output(const std::string& path, const std::string& data);
bool is_directory(const std::string& path);

// Reads lines of at most `max_bytes` from a file or stdin in blocks, so memory stays bounded
// whatever the input holds; a longer line is skipped and reported through `too_long`.
class LineSource {
public:
    LineSource(const std::string& path, std::size_t max_bytes);
    ~LineSource();
    LineSource(const LineSource&) = delete;
    LineSource& operator=(const LineSource&) = delete;
    bool ok() const { return m_ok; }
    // Next line without its newline (and CR); false at the end. `number` is 1-based.
    bool next(std::string& line, std::uint64_t& number, std::size_t& too_long_bytes);
    std::uint64_t bytes_read() const { return m_bytes; }

private:
    bool fill();
    std::FILE* m_file = nullptr;
    bool m_close = false;
    bool m_ok = true;
    std::size_t m_max;
    std::vector<char> m_buffer;
    std::size_t m_pos = 0, m_end = 0;
    bool m_eof = false;
    std::uint64_t m_line = 0;
    std::uint64_t m_bytes = 0;
};

// Progress on stderr, only when stderr is a terminal; at most a few updates a second.
class Progress {
public:
    explicit Progress(std::string what);
    void update(std::uint64_t documents, std::uint64_t bytes);
    void done();

private:
    std::string m_what;
    bool m_enabled = false;
    std::int64_t m_last_ms = 0;
    bool m_shown = false;
};

// [SECTION] Reading documents (documents.cpp)

struct InputOptions {
    std::string path;                          // "-" for stdin
    const io::Format* format = nullptr;        // resolved by resolve_input
    const core::LabelSchema* schema = nullptr; // unknown labels are errors when set
    std::optional<io::OffsetUnit> offset_unit;
};

// Picks the input format from --from or the name; prints a message and returns null when it
// cannot tell or the format cannot be read.
const io::Format* resolve_input_format(const std::string& path, const std::string& from,
                                       const char* command);
// Fills `input` for reading `path`: the format (from --from or the name) and, when
// `schema_path` is given, the schema (kept in `schema`). Returns 0, or the exit code after
// printing why (2: usage, 1: the schema could not be read).
int prepare_input(InputOptions& input, const std::string& path, const std::string& from,
                  const std::string& schema_path, std::optional<core::LabelSchema>& schema,
                  const char* command);
// Whether a format is read and written one line per document (and so can be streamed).
bool is_line_format(const io::Format* format);

struct ReadSummary {
    std::uint64_t documents = 0;
    std::uint64_t skipped = 0; // records left out because of errors
    std::uint64_t errors = 0;
    std::uint64_t warnings = 0;
    bool readable = true; // false when the input could not be opened at all
};

// Reads every document and hands it to `visit`; each diagnostic is printed to stderr as it is
// found. Line formats are streamed.
ReadSummary read_documents(const InputOptions& input,
                           const std::function<void(core::Document&&)>& visit,
                           Progress* progress = nullptr);

// Loads --schema; nullopt (reported) when it cannot be read.
std::optional<core::LabelSchema> load_schema(const std::string& path);
void print(const core::Diagnostic& diagnostic);

// [SECTION] Annotators' files (annotator_files.cpp), for agree, merge and score

// One annotator's export read whole: its documents in file order (the first of each id).
struct AnnotatorFile {
    std::string path;
    std::string annotator; // the most common span annotator in the file, else the file's stem
    std::vector<core::Document> documents;
    std::map<std::string, std::size_t> by_id; // id -> index into documents
    std::uint64_t duplicates = 0;             // documents left out because their id repeats
    ReadSummary summary;
};
// Reads `path` (format from --from or the name). Returns 0, or the exit code after printing why
// (2: the format cannot be told, 1: the file cannot be read). Bad records are reported and
// counted in `summary` but do not stop the reading.
int read_annotator_file(const std::string& path, const std::string& from,
                        const core::LabelSchema* schema, const char* command, AnnotatorFile& out);
// Makes annotator names distinct: files sharing a name take their stems, then "-2", "-3".
void name_annotators(std::vector<AnnotatorFile>& files);

// A document id and the files holding it (indices into the file list, in order).
struct DocumentVersions {
    std::string id;
    std::vector<std::size_t> files;
};
// Every document id in order of first appearance, with the files that hold it with the same
// text as the first file that does. Each document missing from a file (or holding another
// text there) is reported on stderr and counted in `missing`.
std::vector<DocumentVersions> line_up(const std::vector<AnnotatorFile>& files, const char* command,
                                      std::uint64_t& missing);
// The i-th version of `v` (from file v.files[i]).
const core::Document& version_of(const std::vector<AnnotatorFile>& files, const DocumentVersions& v,
                                 std::size_t i);

// [SECTION] Charts (chart.cpp)

struct Bar {
    std::string label;
    double value = 0;
};
// Draws horizontal bar charts (one panel per group) into a PNG; false on write failure.
bool write_bar_chart_png(const std::string& path, const std::string& title,
                         const std::vector<std::pair<std::string, std::vector<Bar>>>& groups);

} // namespace gloss::cli
