// Zip: round trips of our writer through our reader, inflate on deflate streams made by
// Python's zlib (fixed, dynamic and stored blocks; the bytes embedded below), every refused or
// corrupt archive reported by member with no crash, and the limits against zip bombs.
#include "io/zip.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace gloss;

namespace {

std::string from_hex(std::string_view hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
    return out;
}

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}

void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

void set16(std::string& bytes, std::size_t at, std::uint32_t v) {
    bytes[at] = static_cast<char>(v & 0xFF);
    bytes[at + 1] = static_cast<char>((v >> 8) & 0xFF);
}

void set32(std::string& bytes, std::size_t at, std::uint32_t v) {
    set16(bytes, at, v & 0xFFFF);
    set16(bytes, at + 2, v >> 16);
}

struct HandEntry {
    std::string name;
    std::string packed; // the data as stored in the archive
    std::uint32_t crc = 0;
    std::uint32_t size = 0; // uncompressed
    std::uint16_t method = 0;
    std::uint16_t flags = 0;
};

HandEntry stored(std::string name, std::string content) {
    HandEntry e{std::move(name), content, io::crc32(content),
                static_cast<std::uint32_t>(content.size())};
    return e;
}

// An archive laid out as zip tools lay it out, with every field chosen by the test.
std::string hand_zip(const std::vector<HandEntry>& entries, std::string_view comment = {}) {
    std::string out, central;
    for (const HandEntry& e : entries) {
        auto offset = static_cast<std::uint32_t>(out.size());
        auto common = [&](std::string& s) {
            put16(s, 20);
            put16(s, e.flags);
            put16(s, e.method);
            put16(s, 0);
            put16(s, 0x21);
            put32(s, e.crc);
            put32(s, static_cast<std::uint32_t>(e.packed.size()));
            put32(s, e.size);
            put16(s, static_cast<std::uint32_t>(e.name.size()));
            put16(s, 0);
        };
        put32(out, 0x04034b50);
        common(out);
        out += e.name + e.packed;
        put32(central, 0x02014b50);
        put16(central, 20);
        common(central);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put32(central, 0);
        put32(central, offset);
        central += e.name;
    }
    auto central_offset = static_cast<std::uint32_t>(out.size());
    out += central;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put16(out, static_cast<std::uint32_t>(entries.size()));
    put32(out, static_cast<std::uint32_t>(central.size()));
    put32(out, central_offset);
    put16(out, static_cast<std::uint32_t>(comment.size()));
    out += comment;
    return out;
}

std::string messages(const core::Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics)
        out += d.to_string() + "\n";
    return out;
}

// The archive refused, with `expected` among its diagnostics, all of them errors.
void check_refused(std::string_view zip, const std::string& expected,
                   const io::ZipLimits& limits = {}) {
    core::Diagnostics d;
    auto files = io::read_zip(zip, "export.zip", d, limits);
    INFO(messages(d));
    CHECK_FALSE(files.has_value());
    CHECK_THAT(messages(d), Catch::Contains(expected));
    CHECK(core::has_errors(d));
}

// Python: zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_FIXED) of kFixedText: one fixed
// Huffman block (BTYPE 01) with back-references.
const std::string kFixedText = "Élan, naïve café ☕ — 😀 Élan, naïve café ☕ — 😀 Élan";
const std::string kFixedDeflate = from_hex("3bdc999398a7a3909778787d59aa427262dae1950a8f664c557"
                                           "8d43045e1c3fc190d0a8789520000");

// Python: zlib.compressobj(9, zlib.DEFLATED, -15) of kDynamicText: one dynamic Huffman block
// (BTYPE 10).
const std::string kDynamicText =
    "teoeateaeteetseeo at eseeeeseaotaeeeottatenieaaéie etneteona 😀 café";
const std::string kDynamicDeflate =
    from_hex("0dca310dc0300c05512aa6f6555da42cf6d00fa030b2750e8e102a847a39bde14c21230cbea1420e1a74"
             "5456a3ec5e72229d3d099cbd572abe773d71699cfd03");

// Python: level 0 of "stored, not compressed": one stored block (BTYPE 00).
const std::string kStoredDeflate =
    from_hex("011600e9ff73746f7265642c206e6f7420636f6d70726573736564");

// Bits LSB first, as deflate packs them; Huffman codes are given already reversed.
struct BitWriter {
    std::string out;
    std::uint32_t buf = 0;
    int count = 0;
    void put(std::uint32_t value, int bits) {
        buf |= value << count;
        count += bits;
        while (count >= 8) {
            out += static_cast<char>(buf & 0xFF);
            buf >>= 8;
            count -= 8;
        }
    }
    std::string finish() {
        if (count > 0) out += static_cast<char>(buf & 0xFF);
        return out;
    }
};

std::uint32_t reversed(std::uint32_t code, int bits) {
    std::uint32_t r = 0;
    for (int i = 0; i < bits; ++i)
        r |= ((code >> i) & 1u) << (bits - 1 - i);
    return r;
}

} // namespace

TEST_CASE("CRC-32 of the check string", "[io][zip]") {
    CHECK(io::crc32("123456789") == 0xCBF43926u);
    CHECK(io::crc32("") == 0u);
    CHECK(io::crc32("6789", io::crc32("12345")) == 0xCBF43926u);
}

TEST_CASE("inflate reads fixed, dynamic and stored blocks made by zlib", "[io][zip][inflate]") {
    std::string error;
    CHECK(((static_cast<unsigned char>(kFixedDeflate[0]) >> 1) & 3) == 1);
    CHECK(((static_cast<unsigned char>(kDynamicDeflate[0]) >> 1) & 3) == 2);
    auto fixed = io::inflate(kFixedDeflate, 1000, error);
    INFO(error);
    REQUIRE(fixed);
    CHECK(*fixed == kFixedText);
    auto dynamic = io::inflate(kDynamicDeflate, 1000, error);
    REQUIRE(dynamic);
    CHECK(*dynamic == kDynamicText);
    auto plain = io::inflate(kStoredDeflate, 1000, error);
    REQUIRE(plain);
    CHECK(*plain == "stored, not compressed");

    // A stored block that is not the last, then a fixed one: blocks follow on.
    std::string two("\x00\x03\x00\xfc\xff"
                    "ab ",
                    8);
    auto both = io::inflate(two + kFixedDeflate, 1000, error);
    REQUIRE(both);
    CHECK(*both == "ab " + kFixedText);
}

TEST_CASE("inflate refuses corrupt streams with a reason", "[io][zip][inflate]") {
    std::string error;
    auto refused = [&](std::string_view data, std::size_t max, const std::string& reason) {
        error.clear();
        CHECK_FALSE(io::inflate(data, max, error));
        CHECK(error == reason);
    };
    refused("", 100, "truncated data");
    refused("\x07", 100, "invalid block type");
    refused(std::string("\x01\x05\x00\x00\x00", 5), 100, "stored block length mismatch");
    refused(kFixedDeflate.substr(0, 10), 1000, "truncated data");
    refused(kDynamicDeflate.substr(0, 20), 1000, "truncated data");
    refused(kFixedDeflate, kFixedText.size() - 1, "more data than the entry's size");
    refused(kDynamicDeflate, 10, "more data than the entry's size");

    // Fixed block: length 3 (code 257) at distance 1 with nothing written yet.
    BitWriter w;
    w.put(1, 1); // last block
    w.put(1, 2); // fixed
    w.put(reversed(0b0000001, 7), 7);
    w.put(reversed(0, 5), 5);
    refused(w.finish(), 100, "distance too far back");

    // Fixed block: distance code 30, which the fixed code defines but deflate does not allow.
    BitWriter v;
    v.put(1, 1);
    v.put(1, 2);
    v.put(reversed(0b00110000 + 'a', 8), 8); // literal 'a'
    v.put(reversed(0b0000001, 7), 7);
    v.put(reversed(30, 5), 5);
    refused(v.finish(), 100, "invalid distance code");

    // Dynamic block whose code length code is over-subscribed (every length 1).
    BitWriter u;
    u.put(1, 1);
    u.put(2, 2);
    u.put(0, 5);  // 257 literal/length codes
    u.put(0, 5);  // 1 distance code
    u.put(15, 4); // 19 code length codes
    for (int i = 0; i < 19; ++i)
        u.put(1, 3);
    refused(u.finish(), 100, "invalid code length code");
}

TEST_CASE("zip round trip: non-ASCII names and contents, an empty file, 1 MB", "[io][zip]") {
    std::string big;
    for (std::uint32_t i = 0; big.size() < (1u << 20); ++i)
        big += static_cast<char>((i * 2654435761u) >> 24);
    std::vector<io::NamedFile> files = {
        {"doc-1.ann", "T1\tPERSON 0 4\tZoë\n"},
        {"données/Zoë 😀.txt", "Zoë café — 😀 👩‍👩‍👧\n"},
        {"empty.txt", ""},
        {"big.bin", big},
    };
    std::string zip = io::write_zip(files);
    CHECK(zip.substr(0, 4) == "PK\x03\x04");
    CHECK(io::looks_like_zip(zip));
    CHECK(io::write_zip(files) == zip); // deterministic
    core::Diagnostics d;
    auto back = io::read_zip(zip, "export.zip", d);
    INFO(messages(d));
    REQUIRE(back);
    CHECK(d.empty());
    REQUIRE(back->size() == files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        CHECK((*back)[i].name == files[i].name);
        CHECK((*back)[i].bytes == files[i].bytes);
    }

    // Flag bit 11 (UTF-8 names), method 0 and the date 1980-01-01 in the first local header.
    CHECK((static_cast<unsigned char>(zip[7]) & 0x08) == 0x08);
    CHECK(zip[8] == 0);
    CHECK(zip[12] == 0x21);
    CHECK(zip[13] == 0);

    core::Diagnostics empty_d;
    auto none = io::read_zip(io::write_zip({}), "empty.zip", empty_d);
    REQUIRE(none);
    CHECK(none->empty());
}

TEST_CASE("zip writer makes names safe", "[io][zip]") {
    std::string zip = io::write_zip({{"../../etc/passwd", "a"},
                                     {"/abs/x.txt", "b"},
                                     {"C:\\Users\\me\\y.txt", "c"},
                                     {"./a//b/./c.txt", "d"},
                                     {"..", "e"}});
    core::Diagnostics d;
    auto back = io::read_zip(zip, "x.zip", d);
    INFO(messages(d));
    REQUIRE(back);
    REQUIRE(back->size() == 5);
    CHECK((*back)[0].name == "etc/passwd");
    CHECK((*back)[1].name == "abs/x.txt");
    CHECK((*back)[2].name == "Users/me/y.txt");
    CHECK((*back)[3].name == "a/b/c.txt");
    CHECK((*back)[4].name == "file");
}

TEST_CASE("zip reader: deflated entries, directories, a comment, code page 437 names",
          "[io][zip]") {
    HandEntry fixed{"fixed.txt",
                    kFixedDeflate,
                    io::crc32(kFixedText),
                    static_cast<std::uint32_t>(kFixedText.size()),
                    8,
                    0x0800};
    HandEntry dynamic{"dynamic.txt",
                      kDynamicDeflate,
                      io::crc32(kDynamicText),
                      static_cast<std::uint32_t>(kDynamicText.size()),
                      8,
                      0};
    HandEntry dir = stored("folder/", "");
    HandEntry cp437 = stored("caf\x82.txt", "x"); // é in code page 437, no UTF-8 flag
    std::string zip = hand_zip({dir, fixed, dynamic, cp437},
                               "PK\x05\x06, a false end record, then more than 18 bytes");
    core::Diagnostics d;
    auto back = io::read_zip(zip, "in.zip", d);
    INFO(messages(d));
    REQUIRE(back);
    REQUIRE(back->size() == 3);
    CHECK((*back)[0].name == "fixed.txt");
    CHECK((*back)[0].bytes == kFixedText);
    CHECK((*back)[1].bytes == kDynamicText);
    CHECK((*back)[2].name == "café.txt");
}

TEST_CASE("zip reader refuses bad archives, naming the zip and the member", "[io][zip]") {
    std::string good = hand_zip({stored("doc-1.ann", "T1\tPERSON 0 3\tAda\n")});
    const std::size_t central = good.size() - 22 - 46 - 9; // the only central header

    SECTION("not a zip") {
        check_refused("", "export.zip: not a zip archive (no end of central directory record)");
        check_refused("hello, world; not an archive at all", "export.zip: not a zip archive");
        check_refused(good.substr(0, good.size() / 2), "export.zip: not a zip archive");
    }
    SECTION("CRC mismatch") {
        std::string bad = good;
        bad[30 + 9] ^= 1; // first byte of the data
        check_refused(bad, "export.zip[doc-1.ann]: CRC mismatch");
    }
    SECTION("encrypted") {
        std::string bad = good;
        set16(bad, central + 8, 1);
        check_refused(bad, "export.zip[doc-1.ann]: encrypted entries are not supported");
    }
    SECTION("zip64") {
        std::string bad = good;
        set32(bad, central + 24, 0xFFFFFFFFu);
        check_refused(bad, "export.zip[doc-1.ann]: zip64 entries are not supported");
        std::string bad_end = good;
        set16(bad_end, good.size() - 22 + 10, 0xFFFF);
        check_refused(bad_end, "export.zip: zip64 archives are not supported");
    }
    SECTION("unsupported method") {
        std::string bad = good;
        set16(bad, central + 10, 12); // bzip2
        check_refused(bad, "export.zip[doc-1.ann]: unsupported compression method 12 (only "
                           "stored and deflate are read)");
    }
    SECTION("truncated data") {
        std::string bad = good;
        set32(bad, central + 42, 5000);
        check_refused(bad, "export.zip[doc-1.ann]: truncated or corrupt data (no local header at "
                           "offset 5000)");
        std::string short_data = good;
        set32(short_data, central + 20, 5000);
        set32(short_data, central + 24, 5000);
        check_refused(short_data, "export.zip[doc-1.ann]: truncated data");
        std::string cut = good.substr(0, 30 + 5) + good.substr(central);
        check_refused(cut, "export.zip: truncated or corrupt archive (central directory out of "
                           "bounds)");
    }
    SECTION("corrupt deflate data") {
        HandEntry e{"d.txt",
                    kDynamicDeflate.substr(0, 30),
                    io::crc32(kDynamicText),
                    static_cast<std::uint32_t>(kDynamicText.size()),
                    8,
                    0};
        check_refused(hand_zip({e}), "export.zip[d.txt]: corrupt deflate data: truncated data");
        e.packed = kDynamicDeflate;
        e.size -= 1;
        check_refused(hand_zip({e}), "export.zip[d.txt]: corrupt deflate data: more data than the "
                                     "entry's size");
        e.size += 2;
        check_refused(hand_zip({e}), "export.zip[d.txt]: size mismatch: 72 bytes inflated, 73 "
                                     "expected");
    }
    SECTION("unsafe names, every one listed") {
        std::string zip = hand_zip({stored("../evil.txt", "x"), stored("/etc/passwd", "x"),
                                    stored("a/../../b", "x"), stored("C:\\win.ini", "x"),
                                    stored("ok.txt", "fine")});
        core::Diagnostics d;
        CHECK_FALSE(io::read_zip(zip, "export.zip", d));
        CHECK(messages(d) == "export.zip[../evil.txt]: refused: path with \"..\"\n"
                             "export.zip[/etc/passwd]: refused: absolute path\n"
                             "export.zip[a/../../b]: refused: path with \"..\"\n"
                             "export.zip[C:\\win.ini]: refused: absolute path\n");
    }
    SECTION("invalid UTF-8 name under the UTF-8 flag") {
        HandEntry e = stored("bad\xff.txt", "x");
        e.flags = 0x0800;
        check_refused(hand_zip({e}), "]: name is not valid UTF-8");
    }
    SECTION("zip bomb limits") {
        io::ZipLimits limits;
        limits.max_total_bytes = 30;
        check_refused(
            hand_zip({stored("a", std::string(20, 'a')), stored("b", std::string(20, 'b'))}),
            "export.zip[b]: refused: uncompressed size over the limit of 30 bytes for "
            "the archive",
            limits);
        limits = {};
        limits.max_entries = 2;
        check_refused(hand_zip({stored("a", ""), stored("b", ""), stored("c", "")}),
                      "export.zip: 3 entries, more than the limit of 2", limits);
        // A declared size is a bound: inflate stops there even if the data goes on.
        HandEntry e{"d.txt", kDynamicDeflate, 0, 4, 8, 0};
        check_refused(hand_zip({e}), "more data than the entry's size");
    }
}

TEST_CASE("zip reader never crashes on cut or flipped archives", "[io][zip]") {
    HandEntry dynamic{"dynamic.txt",
                      kDynamicDeflate,
                      io::crc32(kDynamicText),
                      static_cast<std::uint32_t>(kDynamicText.size()),
                      8,
                      0};
    std::string zip = hand_zip({dynamic, stored("s.txt", "stored")}, "comment");
    for (std::size_t n = 0; n < zip.size(); ++n) {
        core::Diagnostics d;
        auto files = io::read_zip(zip.substr(0, n), "cut.zip", d);
        CHECK(files.has_value() != core::has_errors(d));
    }
    for (std::size_t i = 0; i < zip.size(); ++i)
        for (int bit = 0; bit < 8; ++bit) {
            std::string bad = zip;
            bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
            core::Diagnostics d;
            auto files = io::read_zip(bad, "flip.zip", d);
            CHECK(files.has_value() != core::has_errors(d));
        }
}
