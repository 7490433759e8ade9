// Diagnostics: stable messages and places.
#include "core/diagnostic.hpp"

#include <catch2/catch.hpp>

using namespace gloss::core;

TEST_CASE("diagnostic messages fill their templates and name the place", "[core]") {
    Place place;
    place.source = "tasks.jsonl";
    place.line = 12;
    place.column = 38;
    Diagnostic d = make_diagnostic(DiagnosticCode::EndPastText, {"210", "205"}, place);
    CHECK(d.severity == Severity::Error);
    CHECK(d.to_string() ==
          "tasks.jsonl:12:38: span end 210 is past the end of the text (205 code points)");
    CHECK(diagnostic_name(DiagnosticCode::EndPastText) == "EndPastText");

    Place offset_only;
    offset_only.source = "doc-1";
    offset_only.offset = 17;
    CHECK(make_diagnostic(DiagnosticCode::UnknownLabel, {"PERSN"}, offset_only).to_string() ==
          "doc-1:offset 17: unknown label \"PERSN\"");
    CHECK(make_diagnostic(DiagnosticCode::NothingToUndo, {}).to_string() == "nothing to undo");
    CHECK_FALSE(has_errors({make_diagnostic(DiagnosticCode::RepairedUtf8, {"3"})}));
    CHECK(has_errors({make_diagnostic(DiagnosticCode::InvalidUtf8, {"3"})}));
}
