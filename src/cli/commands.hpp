// The gloss CLI's subcommands and shared file helpers. Layer: cli (core + io, files here).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace gloss::cli {

using Args = std::vector<std::string>;

int cmd_convert(const Args& args);

extern const char* const kConvertHelp;

// Reads a whole file ("-" = stdin); nullopt with a message on stderr when it cannot be read.
std::optional<std::string> read_input(const std::string& path);
// Writes through a temporary file renamed into place ("-" = stdout), so a failed run never
// leaves a file that looks complete. Returns false with a message on stderr.
bool write_output(const std::string& path, const std::string& data);

} // namespace gloss::cli
