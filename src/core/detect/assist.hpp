// Assist: detectors that propose ERROR spans for the garbles of machine-translated news, entity
// spans with canonical names, and quotes with their speakers, as pending suggestions the
// annotator accepts or rejects. Layer: core (std only): the lexicon comes in as bytes.
#pragma once

#include "core/detect/lexicon.hpp"
#include "core/detect/names.hpp"
#include "core/model/document.hpp"
#include "core/model/label_schema.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::core {

enum class Detector : std::uint8_t {
    MergedTokens,   // `blinkenbut`, `ArabWhere`
    BrokenSentence, // `civiliansFree the hostages`, a sentence with no end mark
    WrongCase,      // `cairo`, `anthony blinken`
    Duplication,    // `CIA Director William Burns and CIA Director William Burns`
    SelfPairing,    // `between Israel and Israel`
    Misspelling,    // `Refa` for `Rafah`
    Entities,       // gazetteer matches and typed capitalised sequences
    Quotes,         // text between paired quote marks, with a speaker
};
inline constexpr std::size_t kDetectorCount = 8;
std::string_view to_string(Detector detector); // "merged_tokens", ..., "entities", "quotes"
std::string_view describe(Detector detector);  // a few words for the settings
std::optional<Detector> parse_detector(std::string_view name);

struct AssistSettings {
    std::array<bool, kDetectorCount> enabled{true, true, true, true, true, true, true, true};
    bool on(Detector d) const { return enabled[static_cast<std::size_t>(d)]; }
    void set(Detector d, bool value) { enabled[static_cast<std::size_t>(d)] = value; }
};

struct Suggestion {
    Detector detector = Detector::Entities;
    std::uint32_t start = 0; // code points, end exclusive
    std::uint32_t end = 0;
    std::string label; // ERROR, QUOTE, PERSON, GPE, ...
    Attributes attrs;  // type + correction (errors), canonical (entities), reason (all)
    // Quotes: the speaker's mention, when one was found (an existing span or another suggestion).
    std::optional<std::pair<std::uint32_t, std::uint32_t>> speaker;
    std::string speaker_label; // PERSON or ORG
};

// Runs the enabled detectors over one document. `names` holds what the project already knows
// (labelled entities with canonical names, the built-in lists); `lexicon` may be null.
std::vector<Suggestion> detect(const Document& document, const NameBook& names,
                               const Lexicon* lexicon, const AssistSettings& settings);
// The same over code points [from, to) only (the words, names and quotes of that part), for
// detecting a long article a window at a time; offsets in the result are the document's.
std::vector<Suggestion> detect(const Document& document, const NameBook& names,
                               const Lexicon* lexicon, const AssistSettings& settings,
                               std::uint32_t from, std::uint32_t to);
// Counts the names written in code points [from, to) of a text into `book`: capitalised words
// (at a sentence start too, when the lexicon does not hold them as common words) and acronyms,
// and marks the book as holding the project's text. Evidence from every document of the
// project, not only the part being searched: detect() reads it instead of counting its own
// part. `lexicon` may be null.
void count_names(const Text& text, const Lexicon* lexicon, NameBook& book, std::uint32_t from,
                 std::uint32_t to);
// Windows of about `size` code points covering the text, each ending at a line break (or at
// the end of a word when a paragraph is much longer).
std::vector<std::pair<std::uint32_t, std::uint32_t>> detection_windows(const Text& text,
                                                                       std::size_t size = 4096);

// The schema's label for one of the kinds Assist suggests (PERSON, ORG, GPE, LOC, NORP, QUOTE,
// ERROR): the label of that name; else a usual other name for it (PERSON: PER, PERS; ORG:
// ORGANIZATION, ORGANISATION; GPE: LOC, LOCATION; LOC: LOCATION; NORP: MISC); else, for QUOTE
// and ERROR, the schema's first label of that kind. Empty when the schema has none: that kind
// is not suggested. A label the schema has is its own answer (names learned from its spans).
std::string schema_label_for(std::string_view kind, const LabelSchema& schema);
// Gives suggestions (and their speakers) the schema's labels; drops those it has none for.
void fit_to_schema(std::vector<Suggestion>& suggestions, const LabelSchema& schema);

// Adds suggestions as pending spans (and `speaker` relations) unless a span with the same range
// and label exists already in any state: accepted, pending or rejected (rejected suggestions
// do not come back). Each carries attrs.detector. Outside the undo history. Returns how many
// spans were added.
std::size_t add_suggestions(Document& document, const std::vector<Suggestion>& suggestions);

// The kind of a suggestion, for "accept all of this kind": the label, and for errors the type
// ("ERROR/merged_tokens", "PERSON", "QUOTE").
std::string suggestion_kind(const Span& span);

} // namespace gloss::core
