// Zip writer (stored entries) and reader (stored and deflated entries) with our own inflate.
// Layer: io; std only, no file, OS or zlib headers. Why not zlib: see zip.hpp.
//
// Index:
//   [SECTION] CRC-32 and little-endian fields
//   [SECTION] Inflate (RFC 1951)
//   [SECTION] Writer
//   [SECTION] Reader
#include "io/zip.hpp"

#include "core/text/utf8.hpp"

#include <array>
#include <cassert>

namespace gloss::io {

namespace {

//-----------------------------------------------------------------------------------------------
// [SECTION] CRC-32 and little-endian fields
//-----------------------------------------------------------------------------------------------

constexpr std::array<std::uint32_t, 256> make_crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}

constexpr std::array<std::uint32_t, 256> s_crc_table = make_crc_table();

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfCentral = 0x06054b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::size_t kLocalSize = 30;   // local file header without name and extra field
constexpr std::size_t kCentralSize = 46; // central directory header without its variable parts
constexpr std::size_t kEndSize = 22;     // end of central directory record without its comment
constexpr std::uint16_t kFlagEncrypted = 1u << 0;
constexpr std::uint16_t kFlagStrongEncryption = 1u << 6;
constexpr std::uint16_t kFlagUtf8 = 1u << 11;
constexpr std::uint16_t kDosDate1980 = (0 << 9) | (1 << 5) | 1; // 1980-01-01
constexpr std::uint16_t kVersion20 = 20;                        // 2.0: deflate, directories

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// Callers check that `at + 2` or `at + 4` is within `b`.
std::uint16_t get16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                      (static_cast<unsigned char>(b[at + 1]) << 8));
}

std::uint32_t get32(std::string_view b, std::size_t at) {
    return get16(b, at) | (static_cast<std::uint32_t>(get16(b, at + 2)) << 16);
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Inflate (RFC 1951)
//-----------------------------------------------------------------------------------------------
// Canonical Huffman codes decoded a bit at a time from code-length counts, as puff.c does: slow
// next to zlib's tables (tens of MB/s) but short, and every step bounded.

constexpr int kMaxBits = 15;      // longest code
constexpr int kMaxLitLen = 286;   // literal/length codes that may appear (0..285)
constexpr int kMaxDist = 30;      // distance codes that may appear (0..29)
constexpr int kFixedLitLen = 288; // the fixed code defines 288 literal/length lengths
constexpr int kMaxCodeLens = 19;  // code length code lengths

struct Huffman {
    std::array<short, kMaxBits + 1> count{};  // codes of each length
    std::array<short, kFixedLitLen> symbol{}; // symbols ordered by code
};

// Builds `h` from `lengths`; returns 0 for a complete code, < 0 for an over-subscribed one and
// > 0 for an incomplete one (the number of missing codes, weighted).
int build_huffman(Huffman& h, const short* lengths, int n) {
    h.count.fill(0);
    for (int s = 0; s < n; ++s)
        ++h.count[static_cast<std::size_t>(lengths[s])];
    if (h.count[0] == n) return 0; // no codes: complete, and decoding any symbol fails
    int left = 1;
    for (int len = 1; len <= kMaxBits; ++len) {
        left <<= 1;
        left -= h.count[static_cast<std::size_t>(len)];
        if (left < 0) return left;
    }
    std::array<short, kMaxBits + 1> offs{};
    for (int len = 1; len < kMaxBits; ++len)
        offs[static_cast<std::size_t>(len + 1)] = static_cast<short>(
            offs[static_cast<std::size_t>(len)] + h.count[static_cast<std::size_t>(len)]);
    for (int s = 0; s < n; ++s)
        if (lengths[s] != 0)
            h.symbol[static_cast<std::size_t>(offs[static_cast<std::size_t>(lengths[s])]++)] =
                static_cast<short>(s);
    return left;
}

class Inflater {
public:
    Inflater(std::string_view in, std::size_t max_bytes) : m_in(in), m_max(max_bytes) {}

    std::optional<std::string> run(std::string& error) {
        int last = 0;
        do {
            last = static_cast<int>(bits(1));
            int type = static_cast<int>(bits(2));
            if (m_error) break;
            if (type == 0)
                stored();
            else if (type == 1)
                fixed();
            else if (type == 2)
                dynamic();
            else
                fail("invalid block type");
        } while (!last && !m_error);
        if (m_error) {
            error = m_error;
            return std::nullopt;
        }
        return std::move(m_out);
    }

private:
    std::string_view m_in;
    std::size_t m_max;
    std::size_t m_pos = 0;      // next input byte
    std::uint32_t m_bitbuf = 0; // bits not yet used, lowest first
    int m_bitcnt = 0;
    std::string m_out;
    const char* m_error = nullptr; // the first error; once set, every read gives zeros

    void fail(const char* what) {
        if (!m_error) m_error = what;
    }

    std::uint32_t bits(int need) {
        std::uint32_t val = m_bitbuf;
        while (m_bitcnt < need) {
            if (m_pos == m_in.size()) {
                fail("truncated data");
                return 0;
            }
            val |= static_cast<std::uint32_t>(static_cast<unsigned char>(m_in[m_pos++]))
                   << m_bitcnt;
            m_bitcnt += 8;
        }
        m_bitbuf = val >> need;
        m_bitcnt -= need;
        return val & ((1u << need) - 1);
    }

    bool room(std::size_t n) {
        if (n > m_max - m_out.size()) {
            fail("more data than the entry's size");
            return false;
        }
        return true;
    }

    void stored() {
        m_bitbuf = 0; // to a byte boundary
        m_bitcnt = 0;
        if (m_in.size() - m_pos < 4) return fail("truncated data");
        std::uint16_t len = get16(m_in, m_pos);
        std::uint16_t nlen = get16(m_in, m_pos + 2);
        m_pos += 4;
        if (len != static_cast<std::uint16_t>(~nlen)) return fail("stored block length mismatch");
        if (m_in.size() - m_pos < len) return fail("truncated data");
        if (!room(len)) return;
        m_out.append(m_in.substr(m_pos, len));
        m_pos += len;
    }

    // A symbol of `h`, or -1 (and an error) when the input ends or no code matches.
    int decode(const Huffman& h) {
        int code = 0;  // bits read so far, first bit highest
        int first = 0; // first code of the current length
        int index = 0; // index of that code in h.symbol
        for (int len = 1; len <= kMaxBits; ++len) {
            code |= static_cast<int>(bits(1));
            if (m_error) return -1;
            int count = h.count[static_cast<std::size_t>(len)];
            if (code - count < first)
                return h.symbol[static_cast<std::size_t>(index + (code - first))];
            index += count;
            first += count;
            first <<= 1;
            code <<= 1;
        }
        fail("invalid Huffman code");
        return -1;
    }

    void codes(const Huffman& lencode, const Huffman& distcode) {
        static constexpr std::array<short, 29> kLenBase = {
            3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
            31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
        static constexpr std::array<short, 29> kLenExtra = {
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
        static constexpr std::array<std::uint16_t, 30> kDistBase = {
            1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
            193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
        static constexpr std::array<short, 30> kDistExtra = {0, 0, 0,  0,  1,  1,  2,  2,  3,  3,
                                                             4, 4, 5,  5,  6,  6,  7,  7,  8,  8,
                                                             9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
        for (;;) {
            int symbol = decode(lencode);
            if (symbol < 0) return;
            if (symbol < 256) {
                if (!room(1)) return;
                m_out += static_cast<char>(symbol);
                continue;
            }
            if (symbol == 256) return; // end of block
            symbol -= 257;
            if (symbol >= 29) return fail("invalid literal/length code");
            std::size_t len = static_cast<std::size_t>(kLenBase[static_cast<std::size_t>(symbol)]) +
                              bits(kLenExtra[static_cast<std::size_t>(symbol)]);
            int dsym = decode(distcode);
            if (dsym < 0) return;
            if (dsym >= 30) return fail("invalid distance code");
            std::size_t dist = kDistBase[static_cast<std::size_t>(dsym)] +
                               bits(kDistExtra[static_cast<std::size_t>(dsym)]);
            if (m_error) return;
            if (dist > m_out.size()) return fail("distance too far back");
            if (!room(len)) return;
            std::size_t from = m_out.size() - dist;
            for (std::size_t i = 0; i < len; ++i) // may overlap what it writes: byte by byte
                m_out += m_out[from + i];
        }
    }

    void fixed() {
        static const std::pair<Huffman, Huffman> s_fixed = [] {
            std::pair<Huffman, Huffman> h;
            std::array<short, kFixedLitLen> lengths{};
            for (std::size_t s = 0; s < kFixedLitLen; ++s)
                lengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
            build_huffman(h.first, lengths.data(), kFixedLitLen);
            lengths.fill(5); // 32 codes, so that 30 and 31 decode and are refused by name
            build_huffman(h.second, lengths.data(), 32);
            return h;
        }();
        codes(s_fixed.first, s_fixed.second);
    }

    void dynamic() {
        static constexpr std::array<std::uint8_t, kMaxCodeLens> kOrder = {
            16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
        int nlen = static_cast<int>(bits(5)) + 257;
        int ndist = static_cast<int>(bits(5)) + 1;
        int ncode = static_cast<int>(bits(4)) + 4;
        if (m_error) return;
        if (nlen > kMaxLitLen || ndist > kMaxDist) return fail("too many length or distance codes");
        std::array<short, kMaxLitLen + kMaxDist> lengths{};
        for (int i = 0; i < ncode; ++i)
            lengths[kOrder[static_cast<std::size_t>(i)]] = static_cast<short>(bits(3));
        if (m_error) return;
        Huffman lencode, distcode;
        if (build_huffman(lencode, lengths.data(), kMaxCodeLens) != 0)
            return fail("invalid code length code");
        int index = 0;
        while (index < nlen + ndist) {
            int symbol = decode(lencode);
            if (symbol < 0) return;
            if (symbol < 16) {
                lengths[static_cast<std::size_t>(index++)] = static_cast<short>(symbol);
                continue;
            }
            short len = 0; // the length repeated
            int repeat = 0;
            if (symbol == 16) {
                if (index == 0) return fail("repeat with no first length");
                len = lengths[static_cast<std::size_t>(index - 1)];
                repeat = 3 + static_cast<int>(bits(2));
            } else if (symbol == 17) {
                repeat = 3 + static_cast<int>(bits(3));
            } else {
                repeat = 11 + static_cast<int>(bits(7));
            }
            if (m_error) return;
            if (index + repeat > nlen + ndist) return fail("too many lengths");
            while (repeat--)
                lengths[static_cast<std::size_t>(index++)] = len;
        }
        if (lengths[256] == 0) return fail("no end-of-block code");
        // Incomplete codes are allowed only for a single length-1 code, as zlib allows.
        int err = build_huffman(lencode, lengths.data(), nlen);
        if (err < 0 || (err > 0 && nlen != lencode.count[0] + lencode.count[1]))
            return fail("invalid literal/length code lengths");
        err = build_huffman(distcode, lengths.data() + nlen, ndist);
        if (err < 0 || (err > 0 && ndist != distcode.count[0] + distcode.count[1]))
            return fail("invalid distance code lengths");
        codes(lencode, distcode);
    }
};

//-----------------------------------------------------------------------------------------------
// [SECTION] Writer
//-----------------------------------------------------------------------------------------------

// "C:..." and the like.
bool has_drive_letter(std::string_view name) {
    return name.size() >= 2 && name[1] == ':' &&
           ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'));
}

std::string safe_name(std::string_view name) {
    std::string out;
    std::size_t pos = has_drive_letter(name) ? 2 : 0;
    while (pos <= name.size()) {
        std::size_t end = name.find_first_of("/\\", pos);
        if (end == std::string_view::npos) end = name.size();
        std::string_view part = name.substr(pos, end - pos);
        if (!part.empty() && part != "." && part != "..") {
            if (!out.empty()) out += '/';
            out += part;
        }
        pos = end + 1;
    }
    return out.empty() ? "file" : out;
}

// The fields a local header and a central directory header share, from "version needed" on.
void put_common(std::string& out, std::uint32_t crc, std::size_t size, std::size_t name_size) {
    put16(out, kVersion20);
    put16(out, kFlagUtf8);
    put16(out, 0); // method: stored
    put16(out, 0); // time 00:00:00
    put16(out, kDosDate1980);
    put32(out, crc);
    put32(out, static_cast<std::uint32_t>(size)); // compressed
    put32(out, static_cast<std::uint32_t>(size)); // uncompressed
    put16(out, static_cast<std::uint32_t>(name_size));
    put16(out, 0); // extra field length
}

//-----------------------------------------------------------------------------------------------
// [SECTION] Reader
//-----------------------------------------------------------------------------------------------

constexpr std::array<std::uint16_t, 128> kCp437High = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
    0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
    0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0};

std::string from_cp437(std::string_view bytes) {
    std::string out;
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        if (b < 0x80)
            out += c;
        else
            core::append_utf8(out, kCp437High[b - 0x80u]);
    }
    return out;
}

// Why a member name may not be extracted as given, or empty when it may: the reader's callers
// may write members to disk, so no absolute paths and no way out of the folder.
std::string unsafe_name_reason(std::string_view name) {
    if (name.empty()) return "empty name";
    if (name.find('\0') != std::string_view::npos) return "name contains a NUL byte";
    if (name[0] == '/' || name[0] == '\\' || has_drive_letter(name)) return "absolute path";
    std::size_t pos = 0;
    while (pos <= name.size()) {
        std::size_t end = name.find_first_of("/\\", pos);
        if (end == std::string_view::npos) end = name.size();
        if (name.substr(pos, end - pos) == "..") return "path with \"..\"";
        pos = end + 1;
    }
    return {};
}

struct Reader {
    std::string_view bytes;
    const std::string& source;
    core::Diagnostics& diagnostics;

    void error(const std::string& member, const std::string& message) {
        core::Place place;
        place.source = member.empty() ? source : source + "[" + member + "]";
        diagnostics.push_back(core::make_diagnostic(core::DiagnosticCode::Other, {message}, place));
    }

    // The end of central directory record's offset, searched backwards over a comment of up to
    // 64 KiB; the first record from the end whose comment length fits is taken.
    std::optional<std::size_t> find_end() const {
        if (bytes.size() < kEndSize) return std::nullopt;
        std::size_t lowest =
            bytes.size() > kEndSize + 0xFFFF ? bytes.size() - kEndSize - 0xFFFF : 0;
        for (std::size_t at = bytes.size() - kEndSize + 1; at-- > lowest;)
            if (get32(bytes, at) == kEndOfCentral &&
                at + kEndSize + get16(bytes, at + 20) <= bytes.size())
                return at;
        return std::nullopt;
    }
};

} // namespace

std::uint32_t crc32(std::string_view bytes, std::uint32_t crc) {
    crc = ~crc;
    for (char c : bytes)
        crc = s_crc_table[(crc ^ static_cast<unsigned char>(c)) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

std::optional<std::string> inflate(std::string_view deflated, std::size_t max_bytes,
                                   std::string& error) {
    return Inflater(deflated, max_bytes).run(error);
}

std::string write_zip(const std::vector<NamedFile>& files) {
    assert(files.size() < 0xFFFF && "write_zip: zip64 (65535 entries or more) is not written");
    std::string out, central;
    for (const NamedFile& file : files) {
        std::string name = safe_name(file.name);
        assert(name.size() <= 0xFFFF && file.bytes.size() < 0xFFFFFFFFu &&
               out.size() < 0xFFFFFFFFu && "write_zip: zip64 (4 GiB or more) is not written");
        std::uint32_t crc = crc32(file.bytes);
        auto offset = static_cast<std::uint32_t>(out.size());
        put32(out, kLocalHeader);
        put_common(out, crc, file.bytes.size(), name.size());
        out += name;
        out += file.bytes;

        put32(central, kCentralHeader);
        put16(central, kVersion20); // made by: MS-DOS attributes, version 2.0
        put_common(central, crc, file.bytes.size(), name.size());
        put16(central, 0); // comment length
        put16(central, 0); // disk number
        put16(central, 0); // internal attributes
        put32(central, 0); // external attributes
        put32(central, offset);
        central += name;
    }
    auto central_offset = static_cast<std::uint32_t>(out.size());
    out += central;
    put32(out, kEndOfCentral);
    put16(out, 0); // this disk
    put16(out, 0); // disk with the central directory
    put16(out, static_cast<std::uint32_t>(files.size()));
    put16(out, static_cast<std::uint32_t>(files.size()));
    put32(out, static_cast<std::uint32_t>(central.size()));
    put32(out, central_offset);
    put16(out, 0); // comment length
    return out;
}

bool looks_like_zip(std::string_view bytes) {
    return bytes.size() >= 4 &&
           (get32(bytes, 0) == kLocalHeader || get32(bytes, 0) == kEndOfCentral);
}

std::optional<std::vector<NamedFile>> read_zip(std::string_view bytes, const std::string& source,
                                               core::Diagnostics& diagnostics,
                                               const ZipLimits& limits) {
    Reader r{bytes, source, diagnostics};
    std::optional<std::size_t> end = r.find_end();
    if (!end) {
        r.error("", "not a zip archive (no end of central directory record)");
        return std::nullopt;
    }
    std::uint16_t disk = get16(bytes, *end + 4);
    std::uint16_t central_disk = get16(bytes, *end + 6);
    std::uint16_t disk_entries = get16(bytes, *end + 8);
    std::uint16_t entries = get16(bytes, *end + 10);
    std::uint32_t central_size = get32(bytes, *end + 12);
    std::uint32_t central_offset = get32(bytes, *end + 16);
    if ((*end >= 20 && get32(bytes, *end - 20) == kZip64Locator) || entries == 0xFFFF ||
        central_size == 0xFFFFFFFFu || central_offset == 0xFFFFFFFFu) {
        r.error("", "zip64 archives are not supported");
        return std::nullopt;
    }
    if (disk != 0 || central_disk != 0 || disk_entries != entries) {
        r.error("", "archives split over several disks are not supported");
        return std::nullopt;
    }
    if (entries > limits.max_entries) {
        r.error("", std::to_string(entries) + " entries, more than the limit of " +
                        std::to_string(limits.max_entries));
        return std::nullopt;
    }
    if (central_offset > *end || central_size > *end - central_offset) {
        r.error("", "truncated or corrupt archive (central directory out of bounds)");
        return std::nullopt;
    }

    std::vector<NamedFile> files;
    std::uint64_t total = 0;
    bool failed = false;
    std::size_t at = central_offset;
    const std::size_t central_end = std::size_t{central_offset} + central_size;
    for (std::size_t i = 0; i < entries; ++i) {
        if (central_end - at < kCentralSize || get32(bytes, at) != kCentralHeader) {
            r.error("", "corrupt central directory (entry " + std::to_string(i + 1) + " of " +
                            std::to_string(entries) + ")");
            return std::nullopt;
        }
        std::uint16_t flags = get16(bytes, at + 8);
        std::uint16_t method = get16(bytes, at + 10);
        std::uint32_t crc = get32(bytes, at + 16);
        std::uint32_t packed_size = get32(bytes, at + 20);
        std::uint32_t size = get32(bytes, at + 24);
        std::size_t name_size = get16(bytes, at + 28);
        std::size_t extra_size = get16(bytes, at + 30);
        std::size_t comment_size = get16(bytes, at + 32);
        std::uint32_t local = get32(bytes, at + 42);
        std::size_t record = kCentralSize + name_size + extra_size + comment_size;
        if (central_end - at < record) {
            r.error("", "corrupt central directory (entry " + std::to_string(i + 1) + " of " +
                            std::to_string(entries) + ")");
            return std::nullopt;
        }
        std::string_view raw_name = bytes.substr(at + kCentralSize, name_size);
        at += record;

        std::string name;
        if ((flags & kFlagUtf8) || core::find_invalid_utf8(raw_name) == std::string_view::npos)
            name = std::string(raw_name);
        else
            name = from_cp437(raw_name);
        auto member_error = [&](const std::string& message) {
            r.error(name, message);
            failed = true;
        };
        if ((flags & kFlagUtf8) && core::find_invalid_utf8(raw_name) != std::string_view::npos) {
            member_error("name is not valid UTF-8");
            continue;
        }
        if (std::string why = unsafe_name_reason(name); !why.empty()) {
            member_error("refused: " + why);
            continue;
        }
        if (flags & (kFlagEncrypted | kFlagStrongEncryption) || method == 99) {
            member_error("encrypted entries are not supported");
            continue;
        }
        if (packed_size == 0xFFFFFFFFu || size == 0xFFFFFFFFu || local == 0xFFFFFFFFu) {
            member_error("zip64 entries are not supported");
            continue;
        }
        if (name.back() == '/' || name.back() == '\\') continue; // a directory
        if (method != 0 && method != 8) {
            member_error("unsupported compression method " + std::to_string(method) +
                         " (only stored and deflate are read)");
            continue;
        }
        if (size > limits.max_total_bytes - total) {
            r.error(name, "refused: uncompressed size over the limit of " +
                              std::to_string(limits.max_total_bytes) + " bytes for the archive");
            return std::nullopt; // the rest would only add to it
        }
        total += size;
        if (local > bytes.size() || bytes.size() - local < kLocalSize ||
            get32(bytes, local) != kLocalHeader) {
            member_error("truncated or corrupt data (no local header at offset " +
                         std::to_string(local) + ")");
            continue;
        }
        std::size_t data = local + kLocalSize + get16(bytes, local + 26) + get16(bytes, local + 28);
        if (data > bytes.size() || bytes.size() - data < packed_size) {
            member_error("truncated data");
            continue;
        }
        std::string_view packed = bytes.substr(data, packed_size);
        std::string content;
        if (method == 0) {
            if (packed_size != size) {
                member_error("stored entry with different compressed and uncompressed sizes");
                continue;
            }
            content = std::string(packed);
        } else {
            std::string why;
            std::optional<std::string> inflated = inflate(packed, size, why);
            if (!inflated) {
                member_error("corrupt deflate data: " + why);
                continue;
            }
            if (inflated->size() != size) {
                member_error("size mismatch: " + std::to_string(inflated->size()) +
                             " bytes inflated, " + std::to_string(size) + " expected");
                continue;
            }
            content = std::move(*inflated);
        }
        if (crc32(content) != crc) {
            member_error("CRC mismatch");
            continue;
        }
        files.push_back({std::move(name), std::move(content)});
    }
    if (failed) return std::nullopt;
    return files;
}

} // namespace gloss::io
