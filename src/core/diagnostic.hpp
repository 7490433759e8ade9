// Diagnostics: every error and warning the engine and the formats report, with its place.
// Layer: core. Pure C++20 and std; no UI, GL, browser, JSON or file headers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::core {

// X-macro list of every diagnostic: code, severity, message template. Templates use {0}, {1},
// ... for arguments; messages are stable and asserted verbatim by tests.
#define GLOSS_DIAGNOSTICS(X)                                                                       \
    /* A byte sequence that is not valid UTF-8 (rejected under Utf8Policy::Reject). */             \
    X(InvalidUtf8, Error, "invalid UTF-8 at byte {0}")                                             \
    /* An invalid UTF-8 sequence replaced by U+FFFD under Utf8Policy::Repair. */                   \
    X(RepairedUtf8, Warning, "invalid UTF-8 at byte {0} replaced by U+FFFD")                       \
    /* A span or selection whose start is after its end. */                                        \
    X(EndBeforeStart, Error, "span end {1} is before its start {0}")                               \
    /* A span end past the end of the text. */                                                     \
    X(EndPastText, Error, "span end {0} is past the end of the text ({1} code points)")            \
    /* A span that covers no text. */                                                              \
    X(EmptySpan, Error, "span {0}..{1} is empty")                                                  \
    /* A span whose label the schema does not define. */                                           \
    X(UnknownLabel, Error, "unknown label \"{0}\"")                                                \
    /* Labels checked against the default schema (no schema given): one per label. */              \
    X(LabelNotInDefaultSchema, Warning,                                                            \
      "label \"{0}\" is not in the default schema ({1} span(s), the first at offset {2} of "       \
      "{3}); give --schema to check against your own")                                             \
    /* A span id that is not in the document. */                                                   \
    X(UnknownSpan, Error, "no span with id {0}")                                                   \
    /* An edit of a document that is read-only (a task shown as a preview). */                     \
    X(ReadOnly, Error, "document {0} is read-only")                                                \
    /* A span id used twice in one document. */                                                    \
    X(DuplicateSpanId, Error, "span id {0} is used twice")                                         \
    /* A relation id that is not in the document. */                                               \
    X(UnknownRelation, Error, "no relation with id {0}")                                           \
    /* A relation whose endpoint does not exist. */                                                \
    X(DanglingRelation, Error, "relation {0} points at missing span {1}")                          \
    /* A span removed together with the relations that pointed at it. */                           \
    X(RelationsRemoved, Info, "removing span {0} also removed {1} relation(s)")                    \
    /* A field of the label schema with a bad value. */                                            \
    X(SchemaInvalid, Error, "schema: {0}: {1}")                                                    \
    /* A field of the label schema with the wrong type. */                                         \
    X(SchemaWrongType, Error, "schema: {0}: expected {1}")                                         \
    /* Nothing to undo or redo. */                                                                 \
    X(NothingToUndo, Info, "nothing to undo")                                                      \
    X(NothingToRedo, Info, "nothing to redo")                                                      \
    /* Input that is not valid JSON. */                                                            \
    X(JsonSyntax, Error, "malformed JSON: {0}")                                                    \
    /* A JSON field with the wrong type or missing. */                                             \
    X(FieldMissing, Error, "missing field \"{0}\"")                                                \
    X(FieldWrongType, Error, "field \"{0}\" must be {1}")                                          \
    /* A span whose stored text disagrees with the document text at its offsets. */                \
    X(SpanTextMismatch, Error, "span {0}..{1} text \"{2}\" differs from the document's \"{3}\"")   \
    /* An offset that cannot be converted (inside a UTF-16 pair or a UTF-8 sequence). */           \
    X(OffsetInsideCharacter, Error, "offset {0} ({1}) falls inside a character")                   \
    /* An offset unit the reader does not know. */                                                 \
    X(UnknownOffsetUnit, Error, "unknown offset_unit \"{0}\" (codepoint, utf16 or utf8)")          \
    /* A line longer than the reader accepts. */                                                   \
    X(LineTooLong, Error, "line is {0} bytes, more than the limit of {1}")                         \
    /* A file written by a newer Gloss. */                                                         \
    X(FormatTooNew, Error, "format version {0} is newer than this Gloss reads ({1})")              \
    /* A format name nobody knows. */                                                              \
    X(UnknownFormat, Error, "unknown format \"{0}\"")                                              \
    /* A line of a line-based format (brat, CoNLL, M2) that does not parse. */                     \
    X(MalformedLine, Error, "malformed {0} line: {1}")                                             \
    /* A file a multi-file format needs that is not there (brat .ann without its .txt). */         \
    X(MissingFile, Error, "{0} has no matching {1}")                                               \
    /* Offsets that fit the text only when read as UTF-16 code units (INCEpTION's brat). */        \
    X(Utf16Offsets, Warning, "offsets only make sense as UTF-16 code units; read them as UTF-16")  \
    /* An export that had to leave a span out (overlap in a column, format limits). */             \
    X(SpanNotWritten, Warning, "span {0} {1} {2}..{3} not written: {4}")                           \
    /* A span whose ends do not fall on token boundaries (CoNLL, M2, Prodigy tokens). */           \
    X(SpanNotAligned, Warning, "span {0} {1} {2}..{3} does not start and end on token boundaries") \
    /* Something a format cannot hold, counted per export. */                                      \
    X(NotExported, Warning, "{0} cannot hold {1}: {2} not written")                                \
    /* A saved history whose position does not reproduce the saved spans. */                       \
    X(HistoryMismatch, Error, "history at position {0} does not reproduce the saved spans")        \
    /* A stored journal entry that does not fit the project it follows. */                         \
    X(JournalMismatch, Error, "journal entry cannot be replayed: {0}")                             \
    /* A Gloss project file that is not one (wrong or missing "format"). */                        \
    X(NotAProject, Error, "not a Gloss project file: {0}")                                         \
    /* An offset in another unit past the end of the text; {1} names the length and unit. */       \
    X(EndPastTextIn, Error, "span end {0} is past the end of the text ({1})")                      \
    /* Input a reader understood but does not import (a Label Studio rating, a brat event). */     \
    X(Ignored, Warning, "{0} ignored: {1}")                                                        \
    /* A token of a dataset's own tokenization that cannot be kept: {0} names it (tokens[3]), */   \
    /* {1}..{2} are its offsets as given, {3} says what is wrong. */                               \
    X(BadToken, Error, "{0} {1}..{2} {3}")                                                         \
    /* A W3C annotation's TextPositionSelector did not select its TextQuoteSelector's exact        \
       text; the quote was found (with its prefix and suffix) elsewhere and used. */               \
    X(SelectorRepaired, Warning,                                                                   \
      "{0}: TextPositionSelector {1}..{2} does not select \"{3}\"; found at {4}..{5} and used")    \
    /* Neither selector of a W3C annotation fits the document text. */                             \
    X(SelectorMismatch, Error,                                                                     \
      "{0}: no place in the text fits TextPositionSelector {1}..{2} "                              \
      "and TextQuoteSelector \"{3}\"")                                                             \
    /* Anything else, with its text as the only argument. */                                       \
    X(Other, Error, "{0}")

enum class Severity : std::uint8_t { Info, Warning, Error };

enum class DiagnosticCode : std::uint16_t {
#define GLOSS_DIAGNOSTIC_ENUM(code, severity, text) code,
    GLOSS_DIAGNOSTICS(GLOSS_DIAGNOSTIC_ENUM)
#undef GLOSS_DIAGNOSTIC_ENUM
};

// Position of a diagnostic; fields not known are left at kUnknown.
struct Place {
    static constexpr std::uint64_t kUnknown = ~std::uint64_t{0};
    std::string source;              // file name, document id, or empty
    std::uint64_t line = kUnknown;   // 1-based
    std::uint64_t column = kUnknown; // 1-based, in code points
    std::uint64_t offset = kUnknown; // code point offset in the document text
};

struct Diagnostic {
    DiagnosticCode code = DiagnosticCode::Other;
    Severity severity = Severity::Error;
    Place place;
    std::string message; // the filled template, without the place

    // "source:line:column: message" with whatever parts are known.
    std::string to_string() const;
};

std::string_view diagnostic_name(DiagnosticCode code);
std::string_view diagnostic_template(DiagnosticCode code);
Severity diagnostic_severity(DiagnosticCode code);

// Builds a diagnostic from its code and arguments ({0}, {1}, ... in the template).
Diagnostic make_diagnostic(DiagnosticCode code, std::vector<std::string> args, Place place = {});

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diagnostics);
// The first errors, one per line ("… and 4 more" after `shown` of them): what an error bar shows.
std::string summarize_errors(const Diagnostics& diagnostics, std::size_t shown = 3);

} // namespace gloss::core
