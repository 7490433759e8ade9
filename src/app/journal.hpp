// Journal: what a save must store after a change. Usually an entry with only what changed
// (io::JournalEntry: each changed document's metadata and new history steps), at a cost
// proportional to the change; when more changed than histories can say (documents added,
// replaced or reviewed, the schema, the step that added documents) or a write failed, the whole
// project, written a slice at a time (a snapshot) so that a large project never makes a long frame.
// A snapshot also compacts: it replaces the stored project and every entry before it. Layer: app,
// free of ImGui and of the browser, so native tests replay it exactly as the browser does.
#pragma once

#include "app/session.hpp"
#include "io/gloss_project.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gloss::app {

class Journal {
public:
    // The session is stored as it is now (restored from storage, or a snapshot of it written),
    // as a project followed by `entries` journal entries.
    void stored(const Session& session, std::size_t entries = 0);
    // Whether the next save must be a snapshot.
    bool needs_snapshot(const Session& session) const;
    // What changed since stored() or the last take(); empty when nothing a save keeps did.
    // Only when !needs_snapshot().
    io::JournalEntry take(const Session& session);
    // A write failed: the next save is a snapshot (which covers whatever the failed one held).
    void lost() { m_snapshot_needed = true; }
    // How many entries were taken since the last snapshot, and their bytes (the caller adds).
    std::size_t entries_since_snapshot() const { return m_entries; }

    // [SECTION] Snapshots, a slice at a time. The session must not change while one runs:
    // the caller aborts it when its revision moves (snapshot_revision()).
    void begin_snapshot(const Session& session);
    bool snapshot_running() const { return m_writer != nullptr; }
    std::uint64_t snapshot_revision() const { return m_snapshot_revision; }
    // Appends the next part to `out`, about `budget` units of work (io::ProjectWriter::step);
    // true when the snapshot is complete, after which the caller stores it and calls stored().
    bool step_snapshot(std::string& out, std::size_t budget);
    void abort_snapshot() { m_writer.reset(); }

private:
    struct StoredDocument {
        std::string id;
        std::size_t groups = 0, position = 0;
        core::Metadata meta;
        core::SpanId next_span_id = 0;
        core::RelationId next_relation_id = 0;
    };
    bool m_snapshot_needed = true; // nothing is stored yet
    std::uint64_t m_documents_generation = 0, m_addition_generation = 0;
    std::string m_schema; // as last stored (io::write_schema)
    std::vector<StoredDocument> m_documents;
    std::size_t m_entries = 0;
    std::unique_ptr<io::ProjectWriter> m_writer;
    std::uint64_t m_snapshot_revision = 0;
};

// Replays an entry onto stored documents (restoring a project): each changed document's
// metadata and history as the entry says. False, with `problem` saying why, when a document is
// not the one the entry names or its history cannot take the entry.
bool replay(std::vector<core::Document>& documents, const io::JournalEntry& entry,
            std::string& problem);
// After the last entry: drops the suggestions entries put back that no step refers to any more
// (a snapshot would not have them either; Assist finds them again).
void drop_untouched_suggestions(std::vector<core::Document>& documents);

} // namespace gloss::app
