// A line of text as a widget that draws code points left to right should show it: Arabic in its
// joining forms, then every character in visual order (UAX #9), mirrored where it runs right to
// left. Layer: core (std only). For labels and excerpts in the interface; the article view lays
// out its own lines (app/article_layout.hpp). Text without right-to-left characters is returned
// as it is.
#pragma once

#include <string>
#include <string_view>

namespace gloss::core {

std::string visual_line(std::string_view utf8);

} // namespace gloss::core
