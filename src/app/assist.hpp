// Assist in a session: the detectors run on the open document when what they read changed
// (in slices of a frame's budget), and the pending suggestions they leave walked, accepted and
// rejected. Part of a Session, which owns it. Layer: app (no ImGui here).
#pragma once

#include "app/document_tally.hpp"
#include "app/text_navigation.hpp"
#include "core/detect/assist.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gloss::app {

class Session;

class Assist {
public:
    explicit Assist(Session& session) : m_session(session) {}

    // The English lexicon (the generated asset's bytes); false when they are not one.
    bool set_lexicon(std::string_view asset);
    bool has_lexicon() const { return m_lexicon.has_value(); }
    const core::AssistSettings& settings() const { return m_settings; }
    // Whether the detectors run at all (on by default; a campaign may turn them off so that
    // workers' answers are their own, and tests of other features do).
    bool enabled() const { return m_enabled; }
    void set_enabled(bool on);
    // Turns a detector on (its suggestions are computed again) or off (its suggestions the
    // user has not touched are withdrawn).
    void set_detector(core::Detector detector, bool on);
    // Runs the detectors on the current document when what they read changed since the last
    // run (another document, the project's labelled names, the settings) and adds the new
    // suggestions as pending spans; rejected ones never come back. Returns how many were added.
    std::size_t refresh();
    // The same in steps of at most about `budget` of time, so a long article never stalls a
    // frame: first the project's names are learned (a slice of them per step), then the text
    // is searched a window at a time (about 2,000 code points, a paragraph at least). Returns
    // how many suggestions it added. busy() is true while windows remain.
    std::size_t step(std::chrono::microseconds budget);
    bool busy() const { return m_next < m_windows.size(); }
    // How far the current run is, 0..1 (1 when idle).
    float progress() const;
    // Forgets the runs (the session's documents were replaced): every document is searched
    // again when opened.
    void forget();

    // Pending suggestions of the current document, in text order (valid until the next change);
    // kept up to date change by change, so asking costs nothing.
    PendingSuggestions pending() const;
    // How many of them are of a kind (core::suggestion_kind).
    std::size_t pending_of_kind(const std::string& kind) const;
    // Selects the next (or previous) pending suggestion, wrapping; false when there is none.
    bool select_adjacent(Direction direction);
    // Accepts or rejects the selected suggestion (one undo step each); a rejection selects the
    // next suggestion.
    bool accept_selected();
    bool reject_selected();
    // Accepts every pending suggestion of `kind` (core::suggestion_kind) in the current document
    // as one undo step; returns how many.
    std::size_t accept_all_of_kind(const std::string& kind);

private:
    Session& m_session;
    std::optional<core::Lexicon> m_lexicon;
    core::AssistSettings m_settings;
    bool m_enabled = true;
    // What the last run of the detectors read, per document: a fingerprint of the project's
    // names and the settings (0: never run).
    std::vector<std::uint64_t> m_state;
    // The run in progress: its windows of the current document, the next one, its names.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> m_windows;
    std::size_t m_next = 0;
    std::size_t m_document = ~std::size_t{0};
    core::NameBook m_names;
    // The names the run learns before its first window, (document, span), and how many it has.
    std::vector<std::pair<std::size_t, core::SpanId>> m_to_learn;
    std::size_t m_learned = 0;
    // The names every document's text writes (core::count_names), the parent of the run's
    // names: counted a window per step when the documents change, not on every run.
    core::NameBook m_text_names;
    std::vector<const std::string*> m_text_names_of; // the texts counted, by identity
    struct TextWindow {
        std::size_t document;
        std::uint32_t from, to;
    };
    std::vector<TextWindow> m_text_windows;
    std::size_t m_text_next = 0;

    std::uint64_t fingerprint() const; // of the project's names, the schema and the settings
    bool start(); // begins a run when the inputs changed; false when up to date
};

} // namespace gloss::app
