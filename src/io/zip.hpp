// Zip archives: a writer of stored entries and a reader of stored and deflated entries, with
// our own inflate (RFC 1951). Layer: io (bytes in, bytes out; no file, OS or zlib headers).
//
// Why our own code instead of zlib or miniz: the web build cannot use Debian's zlib, and
// Emscripten's zlib port downloads its sources at build time, which the build must not do. The
// writer stores entries uncompressed (method 0), which keeps it a few dozen lines; the text
// we export compresses in transport anyway (HTTP gzip), and a stored zip is read by every
// consumer (Python's zipfile, unzip, browsers' and desktops' archive tools). Reading must also
// take what other tools write, which is nearly always deflate, so the reader carries a small
// inflater in the spirit of zlib's puff.c (written fresh): stored, fixed and dynamic Huffman
// blocks, every length and distance checked, never reading or writing out of bounds.
//
// Not supported, and refused by the reader with a diagnostic: zip64 (entries or archives of
// 4 GiB or more, more than 65535 entries), archives split over several disks, encryption, and
// methods other than 0 (stored) and 8 (deflate).
#pragma once

#include "core/diagnostic.hpp"
#include "io/format.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::io {

// A zip of `files`, in their order, every entry stored (method 0) with its CRC-32, UTF-8 names
// (general purpose flag bit 11) and the fixed DOS time 1980-01-01 00:00, so the same files
// always give the same bytes. Names are made safe, not refused: backslashes become '/', and
// empty, "." and ".." path components, leading slashes and a drive letter ("C:") are dropped; a
// name left empty becomes "file". Two names that end up equal are both written (the caller
// names its files). Precondition: every file and the whole archive under 4 GiB and names under
// 64 KiB (no zip64); checked by assert only, as the callers write text exports.
std::string write_zip(const std::vector<NamedFile>& files);

// Limits against zip bombs and runaway archives; an archive over one is refused as a whole.
struct ZipLimits {
    std::uint64_t max_total_bytes = 512ull << 20; // sum of the members' uncompressed sizes
    std::size_t max_entries = 20000;              // entries in the central directory
};

// The files of the zip `bytes`, in central directory order, directory entries left out. Members
// are found through the central directory (a trailing zip comment is fine); names are UTF-8
// (names without flag bit 11 that are not valid UTF-8 are read as code page 437, as zip
// specifies). Every CRC-32 is checked. On any problem the result is nullopt and `diagnostics`
// lists every problem found, each an Error placed at "SOURCE" or "SOURCE[member]", e.g.
// "export.zip[doc-1.ann]: CRC mismatch". `source` names the zip in those places.
std::optional<std::vector<NamedFile>> read_zip(std::string_view bytes, const std::string& source,
                                               core::Diagnostics& diagnostics,
                                               const ZipLimits& limits = {});

// True when `bytes` starts as a zip archive does (a local file header, or the end record of
// an empty archive).
bool looks_like_zip(std::string_view bytes);

// CRC-32 as zip, gzip and PNG use it (reflected polynomial 0xEDB88320).
std::uint32_t crc32(std::string_view bytes, std::uint32_t crc = 0);

// Raw deflate data (RFC 1951, no zlib or gzip wrapper) inflated. Output past `max_bytes` is an
// error, so a caller that knows the size passes it. On failure returns nullopt and sets `error`
// ("invalid block type", "distance too far back", "truncated data", ...). Bytes after the last
// block are ignored.
std::optional<std::string> inflate(std::string_view deflated, std::size_t max_bytes,
                                   std::string& error);

} // namespace gloss::io
