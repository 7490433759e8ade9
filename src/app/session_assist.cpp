// Session: the Assist workflow — detectors run on the open document when what they read
// changed, suggestions walked, accepted and rejected, all of a kind accepted at once. Layer: app.
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

DocumentTally& Session::tally(std::size_t index) const {
    while (m_tallies.size() < m_documents.size())
        m_tallies.push_back(std::make_unique<DocumentTally>());
    DocumentTally& t = *m_tallies[index];
    // Counts the document afresh when it is new or replaced, or the schema changed.
    t.attach(m_documents[index], TallySchema::of(schema));
    return t;
}

// What the detectors read besides the text: the accepted entity names of the project (each
// document's tally keeps a fingerprint of its own), the settings and the schema's labels. Any
// change gives another value; O(documents).
std::uint64_t Session::names_fingerprint() const {
    std::uint64_t h = 1469598103934665603ull;
    auto mix = [&h](std::uint64_t value) {
        for (int i = 0; i < 8; ++i)
            h = (h ^ ((value >> (8 * i)) & 0xFF)) * 1099511628211ull;
    };
    for (bool on : m_assist.enabled)
        mix(on ? 1 : 0);
    for (const core::Label& label : schema.labels()) // the labels suggestions may carry
        for (char c : label.name + '\n' + std::string(core::to_string(label.kind)))
            mix(static_cast<unsigned char>(c));
    for (std::size_t i = 0; i < m_documents.size(); ++i)
        mix(tally(i).names_fingerprint());
    return h | 1; // never 0
}

bool Session::set_lexicon(std::string_view asset) {
    m_lexicon = core::Lexicon::parse(asset);
    m_text_names_of.clear(); // the texts are read with the lexicon: counted again
    m_assist_state.assign(m_documents.size(), 0);
    m_assist_document = ~std::size_t{0};
    return m_lexicon.has_value();
}

void Session::set_detector(core::Detector detector, bool on) {
    if (m_assist.on(detector) == on) return;
    m_assist.set(detector, on);
    if (!on) {
        std::string name(core::to_string(detector));
        for (std::size_t i = 0; i < m_documents.size(); ++i) {
            core::Document& d = m_documents[i];
            std::vector<core::SpanId> withdrawn;
            for (const core::Span* s : PendingSuggestions(&tally(i).pending(), &d.spans()))
                if (const std::string* from = s->attrs.get("detector"); from && *from == name)
                    withdrawn.push_back(s->id);
            d.withdraw_suggestions(withdrawn);
        }
        if (!document() || !document()->spans().contains(m_selected_span)) m_selected_span = 0;
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
    std::uint64_t fingerprint = names_fingerprint();
    if (m_assist_state[m_current] == fingerprint) return false; // up to date, or running
    m_assist_state[m_current] = fingerprint;
    m_assist_document = m_current;
    // The documents' texts, counted again only when the documents changed.
    std::vector<const std::string*> texts;
    for (const core::Document& d : m_documents)
        texts.push_back(&d.text().utf8());
    if (texts != m_text_names_of) {
        m_text_names_of = std::move(texts);
        m_text_names = core::NameBook{};
        m_text_windows.clear();
        m_text_next = 0;
        for (std::size_t i = 0; i < m_documents.size(); ++i)
            for (auto [from, to] : core::detection_windows(m_documents[i].text(), kAssistWindow))
                m_text_windows.push_back({i, from, to});
    }
    m_assist_names = core::NameBook{};
    m_assist_names.set_parent(&m_text_names);
    m_assist_names.add_builtin();
    // The accepted names of every document in text order, as NameBook::learn(document) reads
    // them, without a walk over the (mostly pending) other spans; learned a slice per step.
    m_assist_to_learn.clear();
    m_assist_learned = 0;
    for (std::size_t i = 0; i < m_documents.size(); ++i)
        for (const SpanKey& key : tally(i).names())
            m_assist_to_learn.emplace_back(i, key.id);
    m_assist_windows = core::detection_windows(doc->text(), kAssistWindow);
    m_assist_next = 0;
    return true;
}

std::size_t Session::step_suggestions(std::chrono::microseconds budget) {
    start_suggestions();
    core::Document* doc = document();
    if (!doc || m_assist_document != m_current) return 0;
    auto start = std::chrono::steady_clock::now();
    auto over_budget = [&] { return std::chrono::steady_clock::now() - start >= budget; };
    m_assist_names.set_parent(&m_text_names); // where this session is now
    // What the texts write first (once per set of documents), then the labelled names: a span
    // gone since the run began is skipped (its change began another run).
    while (assist_busy() && m_text_next < m_text_windows.size()) {
        const TextWindow& w = m_text_windows[m_text_next++];
        if (w.document < m_documents.size())
            core::count_names(m_documents[w.document].text(), m_lexicon ? &*m_lexicon : nullptr,
                              m_text_names, w.from, w.to);
        if (over_budget()) return 0;
    }
    while (assist_busy() && m_assist_learned < m_assist_to_learn.size()) {
        auto [index, id] = m_assist_to_learn[m_assist_learned++];
        if (index >= m_documents.size()) continue;
        if (const core::Span* s = m_documents[index].spans().find(id))
            m_assist_names.learn(m_documents[index].text(), *s);
        if (m_assist_learned % 256 == 0 && over_budget()) return 0;
    }
    std::size_t added = 0;
    while (assist_busy()) {
        auto [from, to] = m_assist_windows[m_assist_next++];
        std::vector<core::Suggestion> found = core::detect(
            *doc, m_assist_names, m_lexicon ? &*m_lexicon : nullptr, m_assist, from, to);
        core::fit_to_schema(found, schema); // only labels the schema has
        added += core::add_suggestions(*doc, found);
        if (over_budget()) break;
    }
    // No mark_changed(): untouched suggestions are not saved (App::snapshot leaves them out),
    // so adding them leaves nothing new to save, and an autosave need not wait for a long run.
    return added;
}

std::size_t Session::refresh_suggestions() {
    return step_suggestions(std::chrono::hours(1));
}

float Session::assist_progress() const {
    if (!assist_busy() || m_assist_windows.empty()) return 1.0f;
    return static_cast<float>(m_assist_next) / static_cast<float>(m_assist_windows.size());
}

PendingSuggestions Session::pending_suggestions() const {
    const core::Document* doc = document();
    if (!doc) return {};
    return PendingSuggestions(&tally(m_current).pending(), &doc->spans());
}

std::size_t Session::pending_of_kind(const std::string& kind) const {
    return document() ? tally(m_current).pending_of_kind(kind) : 0;
}

std::size_t Session::quotes_without_speaker(std::size_t index) const {
    if (index >= m_documents.size()) return 0;
    std::size_t n = 0;
    for (const core::Label& label : schema.labels())
        if (label.kind == core::LabelKind::Quote)
            n += tally(index).without_wanted_relation(label.name);
    return n;
}

bool Session::select_adjacent_suggestion(Direction direction) {
    const bool forward = direction == Direction::Forward;
    const core::Document* doc = document();
    if (!doc) return false;
    const std::set<SpanKey>& pending = tally(m_current).pending();
    if (pending.empty()) return false;
    // After (or before) the selected span in text order, or from the caret; wrapping.
    auto from = pending.end();
    if (const core::Span* current = doc->spans().find(m_selected_span))
        from = forward ? pending.upper_bound(SpanKey::of(*current))
                       : pending.lower_bound(SpanKey::of(*current));
    else
        from = pending.lower_bound(
            {static_cast<std::uint32_t>(std::min<std::size_t>(m_caret, ~std::uint32_t{0})), 0, 0});
    auto pick = forward ? (from == pending.end() ? pending.begin() : from)
                        : std::prev(from == pending.begin() ? pending.end() : from);
    m_selected_span = pick->id;
    m_selection = {};
    m_caret = m_anchor = pick->start;
    return true;
}

bool Session::accept_selected() {
    core::Document* doc = document();
    const core::Span* s = doc ? doc->spans().find(m_selected_span) : nullptr;
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
    const core::Span* s = doc ? doc->spans().find(m_selected_span) : nullptr;
    if (!s || s->status != core::Status::Pending) return false;
    core::Span rejected = *s;
    rejected.status = core::Status::Rejected;
    rejected.annotator = annotator;
    if (!doc->update_span(rejected).ok()) return false;
    mark_changed();
    if (!select_adjacent_suggestion(Direction::Forward)) m_selected_span = 0;
    return true;
}

std::size_t Session::accept_all_of_kind(const std::string& kind) {
    core::Document* doc = document();
    if (!doc) return 0;
    std::vector<core::Span> chosen;
    if (pending_of_kind(kind) == 0) return 0;
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
