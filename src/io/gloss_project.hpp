// Gloss project JSON: the lossless format. One JSON object with a "format" version, the label
// schema, the annotators, and every document with its metadata, its own tokens (when a dataset
// supplied them), spans (every field), relations and edit history with its position. Offsets
// are code points. Layer: io.
#pragma once

#include "core/model/label_schema.hpp"
#include "io/import_result.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace gloss::io {

// The version this Gloss writes; files with a larger "format" are refused (FormatTooNew).
inline constexpr std::uint64_t kProjectFormatVersion = 1;

// The last addition of documents to a project, kept so that it can still be taken back after a
// reload: an app's undo step, not data (other readers ignore the member). Written as
// "addition": {"name", "undone", "latest", "current", "put": [{"id", "groups", "position"}],
// "documents"}.
struct ProjectAddition {
    struct Put {
        std::string id; // a document it put in, with its history's length and position then
        std::size_t groups = 0, position = 0;
    };
    std::string name;              // "add 3 documents"
    bool undone = false;           // taken back (and can be brought back)
    bool latest = false;           // nothing has changed since its last step
    std::size_t other_current = 0; // the document open before it (or before its undo)
    std::vector<Put> put;
    // Done: the versions of documents it replaced; undone: the documents it put in.
    std::vector<core::Document> documents;
};

struct Project {
    std::optional<core::LabelSchema> schema;
    std::vector<std::string> annotators; // sorted, unique; the writer adds every span's annotator
    std::vector<core::Document> documents;
    std::optional<ProjectAddition> addition;
};

struct ProjectResult {
    Project project;
    core::Diagnostics diagnostics;
    std::size_t skipped_records = 0; // documents left out because of errors
    bool ok() const { return !core::has_errors(diagnostics); }
};

// Reads a project; a bad document is reported (source "FILE", its id and offset) and left out,
// the others are kept. A missing or newer "format" refuses the whole file. An "addition" that
// cannot be read is left out with a warning (the documents are what matters).
ProjectResult read_gloss_project(std::string_view bytes, const std::string& source);
// Writes a project, pretty-printed with two-space indentation.
std::string write_gloss_project(const Project& project);

struct ProjectWriteOptions {
    bool pretty = true; // two-space indentation; false: one line
    // Leaves out pending suggestions that no recorded edit refers to, with their relations:
    // the detectors find them again, and an autosave of an article full of suggestions stays
    // the size of what the user did. (Accepted, rejected and touched ones are always written.)
    bool skip_untouched_suggestions = false;
    const ProjectAddition* addition = nullptr; // written after the documents when given
};
// The same from documents the caller keeps (no copy), e.g. a session's for its autosave.
std::string write_gloss_project(const core::LabelSchema* schema,
                                const std::vector<std::string>& annotators,
                                const std::vector<core::Document>& documents,
                                const ProjectWriteOptions& options);

// [SECTION] Journal entries: what changed in a project since the previous entry (or the saved
// project), so that a browser stores each change at a cost proportional to it. Replayed in
// order onto the saved project, they give the project as it was after the last one.

// One document's change: its metadata now, and its history: the first `keep` groups are the
// ones it had, `groups` follow them, and `position` of them are applied.
struct DocumentChange {
    std::size_t index = 0; // in the project's documents
    std::string id;        // checked when replaying: the document must be the same one
    core::Metadata meta;
    std::size_t keep = 0;
    std::vector<core::EditGroup> groups;
    std::size_t position = 0;
    std::uint64_t next_span_id = 0, next_relation_id = 0; // Document::reserve_ids
    // Pending suggestions that relations in `groups` link (the saved project may lack them:
    // suggestions nobody touched are not saved).
    std::vector<core::Span> suggestions;
};
struct JournalEntry {
    std::vector<DocumentChange> documents;
};
std::string write_journal_entry(const JournalEntry& entry);
// Null, with diagnostics naming the place, when the bytes are not an entry this version reads.
std::optional<JournalEntry> read_journal_entry(std::string_view bytes, const std::string& source,
                                               core::Diagnostics& diagnostics);

// The one-line form of write_gloss_project, written a slice at a time, so that a large project
// is saved in idle moments without a long frame. The documents must not change between steps
// (the caller starts again if they do): the writer keeps its place in them.
class ProjectWriter {
public:
    ProjectWriter(const core::LabelSchema* schema, std::vector<std::string> known_annotators,
                  const std::vector<core::Document>& documents, bool skip_untouched_suggestions,
                  const ProjectAddition* addition = nullptr);
    // Appends the next part, about `budget` units of work (a span, a relation or an edit each
    // count one, a document's text 4 per 16 KB); true once the whole project is written.
    bool step(std::string& out, std::size_t budget);

private:
    enum class Phase { Annotators, Header, DocumentHead, Text, Spans, Relations, History, Done };
    const core::LabelSchema* m_schema;
    const std::vector<core::Document>& m_documents;
    const ProjectAddition* m_addition;
    bool m_in_addition = false; // walking the addition's documents
    const std::vector<core::Document>& list() const {
        return m_in_addition ? m_addition->documents : m_documents;
    }
    bool m_skip_untouched;
    std::set<std::string> m_annotators;
    Phase m_phase = Phase::Annotators;
    std::size_t m_document = 0;
    std::size_t m_text_at = 0; // bytes of the document's text written
    const core::Span* m_span = nullptr;
    core::RelationId m_relation = 0;
    std::size_t m_group = 0;
    bool m_first = true;
    std::unordered_set<core::SpanId> m_touched, m_skipped;
};

} // namespace gloss::io
