// Session: the Assist workflow — detectors run on the open document when what they read
// changed, suggestions walked, accepted and rejected, all of a kind accepted at once. Layer: app.
#include "app/session.hpp"

#include <functional>
#include <tuple>

namespace gloss::app {

namespace {

// What the detectors read besides the text: the accepted entity names of the project and the
// settings. Any change gives another value.
std::uint64_t names_fingerprint(const std::vector<core::Document>& documents,
                                const core::AssistSettings& settings) {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](std::string_view bytes) {
        for (unsigned char c : bytes)
            h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0xFF) * 1099511628211ull;
    };
    for (bool on : settings.enabled)
        mix(on ? "1" : "0");
    for (const core::Document& d : documents)
        d.spans().for_each([&](const core::Span& s) {
            if (s.status != core::Status::Accepted || s.label == "QUOTE" || s.label == "ERROR")
                return;
            mix(d.text().slice(s.start, s.end));
            mix(s.label);
            if (const std::string* c = s.attrs.get("canonical")) mix(*c);
        });
    return h | 1; // never 0
}

} // namespace

bool Session::set_lexicon(std::string_view asset) {
    m_lexicon = core::Lexicon::parse(asset);
    m_assist_state.assign(m_documents.size(), 0);
    m_assist_document = ~std::size_t{0};
    return m_lexicon.has_value();
}

void Session::set_detector(core::Detector detector, bool on) {
    if (m_assist.on(detector) == on) return;
    m_assist.set(detector, on);
    m_fingerprint_revision = ~std::uint64_t{0}; // the settings are part of the fingerprint
    if (!on) {
        std::string name(core::to_string(detector));
        for (core::Document& d : m_documents) {
            std::vector<core::SpanId> withdrawn;
            d.spans().for_each([&](const core::Span& s) {
                const std::string* from = s.attrs.get("detector");
                if (from && *from == name) withdrawn.push_back(s.id);
            });
            for (core::SpanId id : withdrawn)
                d.withdraw_suggestion(id);
        }
        if (!document() || !document()->spans().contains(selected_span)) selected_span = 0;
    }
    mark_changed();
}

void Session::set_assist_enabled(bool on) {
    m_assist_enabled = on;
    m_assist_state.assign(m_documents.size(), 0);
    m_assist_windows.clear();
    m_assist_next = 0;
}

bool Session::start_suggestions() {
    core::Document* doc = document();
    if (!doc || !m_assist_enabled) {
        m_assist_windows.clear();
        m_assist_next = 0;
        return false;
    }
    if (m_assist_state.size() != m_documents.size()) m_assist_state.assign(m_documents.size(), 0);
    // A run cut short by opening another document is done again when that one is reopened.
    if (assist_busy() && m_assist_document != m_current) {
        if (m_assist_document < m_assist_state.size()) m_assist_state[m_assist_document] = 0;
        m_assist_windows.clear();
        m_assist_next = 0;
    }
    // The fingerprint only changes with the annotations, so it is computed again only then.
    if (m_fingerprint_revision != m_revision || m_fingerprint_document != m_current) {
        m_fingerprint = names_fingerprint(m_documents, m_assist);
        m_fingerprint_revision = m_revision;
        m_fingerprint_document = m_current;
    }
    if (m_assist_state[m_current] == m_fingerprint) return false; // up to date, or running
    m_assist_state[m_current] = m_fingerprint;
    m_assist_document = m_current;
    m_assist_names = core::NameBook{};
    m_assist_names.add_builtin();
    for (const core::Document& d : m_documents)
        m_assist_names.learn(d);
    m_assist_windows = core::detection_windows(doc->text());
    m_assist_next = 0;
    return true;
}

std::size_t Session::step_suggestions(std::chrono::microseconds budget) {
    start_suggestions();
    core::Document* doc = document();
    if (!doc || m_assist_document != m_current) return 0;
    auto start = std::chrono::steady_clock::now();
    std::size_t added = 0;
    while (assist_busy()) {
        auto [from, to] = m_assist_windows[m_assist_next++];
        added += core::add_suggestions(*doc, core::detect(*doc, m_assist_names,
                                                          m_lexicon ? &*m_lexicon : nullptr,
                                                          m_assist, from, to));
        if (std::chrono::steady_clock::now() - start >= budget) break;
    }
    if (added) {
        mark_changed();
        // Pending suggestions do not change what the detectors read: no new fingerprint needed.
        if (m_fingerprint_revision + 1 == m_revision) m_fingerprint_revision = m_revision;
    }
    return added;
}

std::size_t Session::refresh_suggestions() {
    return step_suggestions(std::chrono::hours(1));
}

float Session::assist_progress() const {
    if (!assist_busy() || m_assist_windows.empty()) return 1.0f;
    return static_cast<float>(m_assist_next) / static_cast<float>(m_assist_windows.size());
}

const std::vector<const core::Span*>& Session::pending_suggestions() const {
    // Cached per revision and document (and the span count and history, so that a change made
    // without mark_changed is still seen): the panel asks every frame.
    const core::Document* current = document();
    std::uint64_t shape = current ? (current->spans().size() * 1000003ull) ^
                                        (current->history().position() * 7919ull) ^
                                        current->history().groups().size()
                                  : 0;
    if (m_pending_revision != m_revision || m_pending_document != m_current ||
        m_pending_shape != shape) {
        m_pending_shape = shape;
        m_pending.clear();
        if (const core::Document* doc = document())
            doc->spans().for_each([&](const core::Span& s) {
                if (s.status == core::Status::Pending) m_pending.push_back(&s);
            });
        m_pending_revision = m_revision;
        m_pending_document = m_current;
    }
    return m_pending;
}

bool Session::select_adjacent_suggestion(bool forward) {
    std::vector<const core::Span*> pending = pending_suggestions();
    if (pending.empty()) return false;
    const core::Document* doc = document();
    const core::Span* current = doc->spans().find(selected_span);
    std::size_t pick = forward ? 0 : pending.size() - 1;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        const core::Span* s = pending[forward ? i : pending.size() - 1 - i];
        bool after = current ? std::tie(s->start, s->end, s->id) >
                                   std::tie(current->start, current->end, current->id)
                             : s->start >= caret;
        bool before = current ? std::tie(s->start, s->end, s->id) <
                                    std::tie(current->start, current->end, current->id)
                              : s->start < caret;
        if (forward ? after : before) {
            pick = forward ? i : pending.size() - 1 - i;
            break;
        }
    }
    selected_span = pending[pick]->id;
    selection = {};
    caret = anchor = pending[pick]->start;
    return true;
}

bool Session::accept_selected() {
    core::Document* doc = document();
    const core::Span* s = doc ? doc->spans().find(selected_span) : nullptr;
    if (!s || s->status != core::Status::Pending) return false;
    core::Span accepted = *s;
    accepted.status = core::Status::Accepted;
    accepted.annotator = annotator;
    if (!doc->update_span(accepted).ok()) return false;
    mark_changed();
    return true;
}

bool Session::reject_selected() {
    core::Document* doc = document();
    const core::Span* s = doc ? doc->spans().find(selected_span) : nullptr;
    if (!s || s->status != core::Status::Pending) return false;
    core::Span rejected = *s;
    rejected.status = core::Status::Rejected;
    rejected.annotator = annotator;
    if (!doc->update_span(rejected).ok()) return false;
    mark_changed();
    if (!select_adjacent_suggestion(true)) selected_span = 0;
    return true;
}

std::size_t Session::accept_all_of_kind(const std::string& kind) {
    core::Document* doc = document();
    if (!doc) return 0;
    std::vector<core::Span> chosen;
    for (const core::Span* s : pending_suggestions())
        if (core::suggestion_kind(*s) == kind) chosen.push_back(*s);
    if (chosen.empty()) return 0;
    doc->begin_group("accept " + std::to_string(chosen.size()) + " " + kind);
    std::size_t accepted = 0;
    for (core::Span& s : chosen) {
        s.status = core::Status::Accepted;
        s.annotator = annotator;
        if (doc->update_span(s).ok()) ++accepted;
    }
    doc->end_group();
    mark_changed();
    return accepted;
}

} // namespace gloss::app
