// Journal: entries of what changed, and snapshots a slice at a time. Layer: app.
#include "app/journal.hpp"

#include "io/schema_io.hpp"

namespace gloss::app {

void Journal::stored(const Session& session, std::size_t entries) {
    m_snapshot_needed = false;
    m_documents_generation = session.documents_generation();
    m_addition_generation = session.addition_generation();
    m_schema = io::write_schema(session.schema);
    m_documents.clear();
    for (const core::Document& doc : session.documents()) {
        doc.history().mark_journaled();
        m_documents.push_back({doc.id, doc.history().groups().size(), doc.history().position(),
                               doc.meta, doc.next_span_id(), doc.next_relation_id()});
    }
    m_entries = entries;
}

bool Journal::needs_snapshot(const Session& session) const {
    return m_snapshot_needed || session.documents_generation() != m_documents_generation ||
           session.addition_generation() != m_addition_generation ||
           session.documents().size() != m_documents.size() ||
           io::write_schema(session.schema) != m_schema;
}

io::JournalEntry Journal::take(const Session& session) {
    io::JournalEntry entry;
    const auto& documents = session.documents();
    for (std::size_t i = 0; i < documents.size() && i < m_documents.size(); ++i) {
        const core::Document& doc = documents[i];
        const core::History& history = doc.history();
        StoredDocument& saved = m_documents[i];
        std::size_t keep = std::min(history.first_changed(), history.groups().size());
        if (keep == saved.groups && keep == history.groups().size() &&
            history.position() == saved.position && doc.meta == saved.meta &&
            doc.next_span_id() == saved.next_span_id &&
            doc.next_relation_id() == saved.next_relation_id)
            continue; // unchanged
        io::DocumentChange change;
        change.index = i;
        change.id = doc.id;
        change.meta = doc.meta;
        change.keep = keep;
        change.groups.assign(history.groups().begin() + static_cast<std::ptrdiff_t>(keep),
                             history.groups().end());
        change.position = history.position();
        for (const core::EditGroup& g : change.groups)
            for (const core::Edit& e : g.edits)
                if (e.relation)
                    for (core::SpanId end : {e.relation->from, e.relation->to})
                        if (const core::Span* span = doc.spans().find(end);
                            span && span->origin == core::Origin::Suggested &&
                            span->status == core::Status::Pending)
                            change.suggestions.push_back(*span);
        change.next_span_id = doc.next_span_id();
        change.next_relation_id = doc.next_relation_id();
        entry.documents.push_back(std::move(change));
        history.mark_journaled();
        saved = {doc.id,   history.groups().size(), history.position(),
                 doc.meta, doc.next_span_id(),      doc.next_relation_id()};
    }
    if (!entry.documents.empty()) ++m_entries;
    return entry;
}

void Journal::begin_snapshot(const Session& session) {
    m_snapshot_revision = session.revision();
    m_writer =
        std::make_unique<io::ProjectWriter>(&session.schema, std::vector<std::string>{},
                                            session.documents(), true, session.saved_addition());
}

bool Journal::step_snapshot(std::string& out, std::size_t budget) {
    if (!m_writer) return false;
    bool done = m_writer->step(out, budget);
    if (done) m_writer.reset();
    return done;
}

bool replay(std::vector<core::Document>& documents, const io::JournalEntry& entry,
            std::string& problem) {
    for (const io::DocumentChange& change : entry.documents) {
        if (change.index >= documents.size() || documents[change.index].id != change.id) {
            problem = "it changes the document \u201c" + change.id +
                      "\u201d, which is not where it was in the project";
            return false;
        }
        core::Document& doc = documents[change.index];
        if (!doc.rewrite_history(change.keep, change.groups, change.position, change.suggestions)) {
            problem = "it does not fit the history of the document \u201c" + change.id + "\u201d";
            return false;
        }
        doc.meta = change.meta;
        doc.reserve_ids(change.next_span_id, change.next_relation_id);
    }
    return true;
}

void drop_untouched_suggestions(std::vector<core::Document>& documents) {
    for (core::Document& doc : documents) {
        std::vector<core::SpanId> pending;
        doc.spans().for_each([&](const core::Span& s) {
            if (s.origin == core::Origin::Suggested && s.status == core::Status::Pending)
                pending.push_back(s.id);
        });
        if (!pending.empty()) doc.withdraw_suggestions(pending);
    }
}

} // namespace gloss::app
