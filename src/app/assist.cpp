// Assist in a session: detectors run on the open document when what they read changed,
// suggestions walked, accepted and rejected, all of a kind accepted at once. Layer: app.
#include "app/assist.hpp"

#include "app/session.hpp"

#include <algorithm>
#include <functional>
#include <iterator>
#include <set>

namespace gloss::app {
namespace {

// Code points searched at a time (a window ends at a paragraph's end): about 2 ms of detection
// on the slowest text we know, news in which one word in eight is a garble.
constexpr std::size_t kAssistWindow = 2048;

} // namespace

std::uint64_t Assist::fingerprint() const {
    std::uint64_t h = m_session.names_fingerprint();
    for (bool on : m_settings.enabled)
        h = (h ^ (on ? 1u : 0u)) * 1099511628211ull;
    return h | 1; // never 0
}

bool Assist::set_lexicon(std::string_view asset) {
    m_lexicon = core::Lexicon::parse(asset);
    m_text_names_of.clear(); // the texts are read with the lexicon: counted again
    m_state.clear();
    m_document = ~std::size_t{0};
    return m_lexicon.has_value();
}

void Assist::set_detector(core::Detector detector, bool on) {
    if (m_settings.on(detector) == on) return;
    m_settings.set(detector, on);
    if (!on) {
        std::string name(core::to_string(detector));
        for (std::size_t i = 0; i < m_session.m_documents.size(); ++i) {
            core::Document& d = m_session.m_documents[i];
            std::vector<core::SpanId> withdrawn;
            for (const core::Span* s :
                 PendingSuggestions(&m_session.tally(i).pending(), &d.spans()))
                if (const std::string* from = s->attrs.get("detector"); from && *from == name)
                    withdrawn.push_back(s->id);
            d.withdraw_suggestions(withdrawn);
        }
        const core::Document* doc = m_session.document();
        if (!doc || !doc->spans().contains(m_session.selected_span())) m_session.select_nothing();
    }
    m_session.mark_changed();
}

void Assist::set_enabled(bool on) {
    m_enabled = on;
    forget();
}

void Assist::forget() {
    m_state.clear();
    m_windows.clear();
    m_next = 0;
}

bool Assist::start() {
    const std::vector<core::Document>& documents = m_session.documents();
    const core::Document* doc = m_session.document();
    const std::size_t current = m_session.current_index();
    if (!doc || !m_enabled) {
        m_windows.clear();
        m_next = 0;
        return false;
    }
    if (m_state.size() != documents.size()) m_state.assign(documents.size(), 0);
    // A run cut short by opening another document is done again when that one is reopened.
    if (busy() && m_document != current) {
        if (m_document < m_state.size()) m_state[m_document] = 0;
        m_windows.clear();
        m_next = 0;
    }
    std::uint64_t now = fingerprint();
    if (m_state[current] == now) return false; // up to date, or running
    m_state[current] = now;
    m_document = current;
    // The documents' texts, counted again only when the documents changed.
    std::vector<const std::string*> texts;
    for (const core::Document& d : documents)
        texts.push_back(&d.text().utf8());
    if (texts != m_text_names_of) {
        m_text_names_of = std::move(texts);
        m_text_names = core::NameBook{};
        m_text_windows.clear();
        m_text_next = 0;
        for (std::size_t i = 0; i < documents.size(); ++i)
            for (auto [from, to] : core::detection_windows(documents[i].text(), kAssistWindow))
                m_text_windows.push_back({i, from, to});
    }
    m_names = core::NameBook{};
    m_names.set_parent(&m_text_names);
    m_names.add_builtin();
    // The accepted names of every document in text order, as NameBook::learn(document) reads
    // them, without a walk over the (mostly pending) other spans; learned a slice per step.
    m_to_learn.clear();
    m_learned = 0;
    for (std::size_t i = 0; i < documents.size(); ++i)
        for (const SpanKey& key : m_session.tally(i).names())
            m_to_learn.emplace_back(i, key.id);
    m_windows = core::detection_windows(doc->text(), kAssistWindow);
    m_next = 0;
    return true;
}

std::size_t Assist::step(std::chrono::microseconds budget) {
    start();
    core::Document* doc = m_session.document();
    if (!doc || m_document != m_session.current_index()) return 0;
    const std::vector<core::Document>& documents = m_session.documents();
    auto began = std::chrono::steady_clock::now();
    auto over_budget = [&] { return std::chrono::steady_clock::now() - began >= budget; };
    m_names.set_parent(&m_text_names); // where this session is now
    // What the texts write first (once per set of documents), then the labelled names: a span
    // gone since the run began is skipped (its change began another run).
    while (busy() && m_text_next < m_text_windows.size()) {
        const TextWindow& w = m_text_windows[m_text_next++];
        if (w.document < documents.size())
            core::count_names(documents[w.document].text(), m_lexicon ? &*m_lexicon : nullptr,
                              m_text_names, w.from, w.to);
        if (over_budget()) return 0;
    }
    while (busy() && m_learned < m_to_learn.size()) {
        auto [index, id] = m_to_learn[m_learned++];
        if (index >= documents.size()) continue;
        if (const core::Span* s = documents[index].spans().find(id))
            m_names.learn(documents[index].text(), *s);
        if (m_learned % 256 == 0 && over_budget()) return 0;
    }
    std::size_t added = 0;
    while (busy()) {
        auto [from, to] = m_windows[m_next++];
        std::vector<core::Suggestion> found =
            core::detect(*doc, m_names, m_lexicon ? &*m_lexicon : nullptr, m_settings, from, to);
        core::fit_to_schema(found, m_session.schema); // only labels the schema has
        added += core::add_suggestions(*doc, found);
        if (over_budget()) break;
    }
    // No mark_changed(): untouched suggestions are not saved (App::snapshot leaves them out),
    // so adding them leaves nothing new to save, and an autosave need not wait for a long run.
    return added;
}

std::size_t Assist::refresh() {
    return step(std::chrono::hours(1));
}

float Assist::progress() const {
    if (!busy() || m_windows.empty()) return 1.0f;
    return static_cast<float>(m_next) / static_cast<float>(m_windows.size());
}

PendingSuggestions Assist::pending() const {
    const core::Document* doc = m_session.document();
    if (!doc) return {};
    return PendingSuggestions(&m_session.tally(m_session.current_index()).pending(), &doc->spans());
}

std::size_t Assist::pending_of_kind(const std::string& kind) const {
    return m_session.document() ? m_session.tally(m_session.current_index()).pending_of_kind(kind)
                                : 0;
}

bool Assist::select_adjacent(Direction direction) {
    const bool forward = direction == Direction::Forward;
    const core::Document* doc = m_session.document();
    if (!doc) return false;
    const std::set<SpanKey>& pending = m_session.tally(m_session.current_index()).pending();
    if (pending.empty()) return false;
    // After (or before) the selected span in text order, or from the caret; wrapping.
    auto from = pending.end();
    if (const core::Span* current = doc->spans().find(m_session.selected_span()))
        from = forward ? pending.upper_bound(SpanKey::of(*current))
                       : pending.lower_bound(SpanKey::of(*current));
    else
        from = pending.lower_bound({static_cast<std::uint32_t>(std::min<std::size_t>(
                                        m_session.caret(), ~std::uint32_t{0})),
                                    0, 0});
    auto pick = forward ? (from == pending.end() ? pending.begin() : from)
                        : std::prev(from == pending.begin() ? pending.end() : from);
    m_session.select_span(pick->id);
    return true;
}

// Accepts or rejects the selected suggestion as the session's annotator: one undo step.
static bool decide_selected(Session& session, core::Status status) {
    core::Document* doc = session.document();
    const core::Span* s = doc ? doc->spans().find(session.selected_span()) : nullptr;
    if (!s || s->status != core::Status::Pending) return false;
    core::Span decided = *s;
    decided.status = status;
    decided.annotator = session.annotator;
    return doc->update_span(decided).ok();
}

bool Assist::accept_selected() {
    if (!decide_selected(m_session, core::Status::Accepted)) return false;
    m_session.mark_changed();
    return true;
}

bool Assist::reject_selected() {
    if (!decide_selected(m_session, core::Status::Rejected)) return false;
    m_session.mark_changed();
    if (!select_adjacent(Direction::Forward)) m_session.select_nothing();
    return true;
}

std::size_t Assist::accept_all_of_kind(const std::string& kind) {
    core::Document* doc = m_session.document();
    if (!doc) return 0;
    std::vector<core::Span> chosen;
    if (pending_of_kind(kind) == 0) return 0;
    for (const core::Span* s : pending())
        if (core::suggestion_kind(*s) == kind) chosen.push_back(*s);
    if (chosen.empty()) return 0;
    doc->begin_group("accept " + std::to_string(chosen.size()) + " " + kind);
    std::size_t accepted = 0;
    for (core::Span& s : chosen) {
        s.status = core::Status::Accepted;
        s.annotator = m_session.annotator;
        if (doc->update_span(s).ok()) ++accepted;
    }
    doc->end_group();
    m_session.mark_changed();
    return accepted;
}

} // namespace gloss::app
