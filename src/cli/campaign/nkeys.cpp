// NATS nkeys and JWTs (see nkeys.hpp). The text forms follow nats-io/nkeys (strkey.go) and the
// claims nats-io/jwt v2: a JWT is base64url(header) "." base64url(claims) "." base64url(sig),
// the signature Ed25519 over the first two parts. Layer: cli.
#include "cli/campaign/nkeys.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <chrono>
#include <memory>
#include <stdexcept>

namespace gloss::cli::nats {
namespace {

// strkey.go's prefix bytes (the first base32 character of the text form).
constexpr std::uint8_t kPrefixSeed = 18 << 3;     // 'S'
constexpr std::uint8_t kPrefixOperator = 14 << 3; // 'O'
constexpr std::uint8_t kPrefixAccount = 0;        // 'A'
constexpr std::uint8_t kPrefixUser = 20 << 3;     // 'U'

std::uint8_t prefix_of(KeyKind kind) {
    switch (kind) {
    case KeyKind::Operator:
        return kPrefixOperator;
    case KeyKind::Account:
        return kPrefixAccount;
    case KeyKind::User:
        return kPrefixUser;
    }
    return kPrefixUser;
}

const char* kind_name(KeyKind kind) {
    switch (kind) {
    case KeyKind::Operator:
        return "an operator";
    case KeyKind::Account:
        return "an account";
    case KeyKind::User:
        return "a user";
    }
    return "a";
}

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

PKey private_key(const std::array<std::uint8_t, 32>& seed) {
    PKey key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()),
             EVP_PKEY_free);
    if (!key) throw std::runtime_error("OpenSSL cannot make an Ed25519 key");
    return key;
}

std::string with_check(std::string raw) {
    const std::uint16_t crc = crc16(raw);
    raw.push_back(static_cast<char>(crc & 0xff));
    raw.push_back(static_cast<char>(crc >> 8));
    return base32_encode(raw);
}

std::string sha256(std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Claims common to every JWT, then the kind's own under "nats"; signed by `issuer`.
std::string sign_claims(const KeyPair& issuer, const std::string& subject, std::string_view name,
                        nlohmann::json nats) {
    nlohmann::json claims = {{"iat", now_seconds()},
                             {"iss", issuer.public_key()},
                             {"name", std::string(name)},
                             {"sub", subject},
                             {"nats", std::move(nats)}};
    // jti: a hash of the claims, as the jwt library writes it (the server does not check it).
    claims["jti"] = base32_encode(sha256(claims.dump()));
    const std::string header = base64url_encode(R"({"typ":"JWT","alg":"ed25519-nkey"})");
    const std::string body = header + "." + base64url_encode(claims.dump());
    return body + "." + base64url_encode(issuer.sign(body));
}

} // namespace

// [SECTION] Encodings

std::uint16_t crc16(std::string_view bytes) {
    std::uint16_t crc = 0;
    for (unsigned char byte : bytes) {
        crc ^= static_cast<std::uint16_t>(byte << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? static_cast<std::uint16_t>((crc << 1) ^ 0x1021)
                                 : static_cast<std::uint16_t>(crc << 1);
    }
    return crc;
}

namespace {

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view kBase64Url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Bytes as characters of `alphabet`, `width` bits each (no padding).
std::string encode_bits(std::string_view bytes, int width, std::string_view alphabet) {
    const std::uint32_t mask = (1u << width) - 1;
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= width) {
            out.push_back(alphabet[(buffer >> (bits - width)) & mask]);
            bits -= width;
        }
    }
    if (bits > 0) out.push_back(alphabet[(buffer << (width - bits)) & mask]);
    return out;
}

// The other way; nullopt at a character outside `alphabet`.
std::optional<std::string> decode_bits(std::string_view text, int width,
                                       std::string_view alphabet) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const auto value = alphabet.find(c);
        if (value == std::string_view::npos) return std::nullopt;
        buffer = (buffer << width) | static_cast<std::uint32_t>(value);
        bits += width;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    return out;
}

} // namespace

std::string base32_encode(std::string_view bytes) {
    return encode_bits(bytes, 5, kBase32);
}

std::optional<std::string> base32_decode(std::string_view text) {
    return decode_bits(text, 5, kBase32);
}

std::string base64url_encode(std::string_view bytes) {
    return encode_bits(bytes, 6, kBase64Url);
}

std::optional<std::string> base64url_decode(std::string_view text) {
    // Also the standard alphabet's + and /, and padding (which ends the data).
    std::string url(text.substr(0, text.find('=')));
    for (char& c : url) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return decode_bits(url, 6, kBase64Url);
}

// [SECTION] Key pairs

KeyPair::KeyPair(KeyKind kind, const std::array<std::uint8_t, 32>& seed)
    : m_kind(kind), m_seed(seed) {
    PKey key = private_key(m_seed);
    std::size_t length = m_public.size();
    if (EVP_PKEY_get_raw_public_key(key.get(), m_public.data(), &length) != 1 ||
        length != m_public.size())
        throw std::runtime_error("OpenSSL cannot derive an Ed25519 public key");
}

KeyPair KeyPair::generate(KeyKind kind) {
    std::array<std::uint8_t, 32> seed{};
    if (RAND_bytes(seed.data(), static_cast<int>(seed.size())) != 1)
        throw std::runtime_error("the system's random source failed");
    return KeyPair(kind, seed);
}

std::optional<KeyPair> KeyPair::from_seed(std::string_view text, KeyKind kind, std::string& error) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.remove_suffix(1);
    const auto raw = base32_decode(text);
    if (!raw || raw->size() != 36) {
        error = std::string("not an nkey seed (expected ") + kind_name(kind) +
                " seed of 58 characters)";
        return std::nullopt;
    }
    const std::string_view body(raw->data(), 34);
    const std::uint16_t check = static_cast<std::uint16_t>(
        static_cast<unsigned char>((*raw)[34]) | (static_cast<unsigned char>((*raw)[35]) << 8));
    if (crc16(body) != check) {
        error = "the seed's check digits are wrong (a character was changed or lost)";
        return std::nullopt;
    }
    const auto b1 = static_cast<std::uint8_t>(body[0]), b2 = static_cast<std::uint8_t>(body[1]);
    const std::uint8_t prefix = static_cast<std::uint8_t>(((b1 & 7) << 5) | ((b2 & 0xf8) >> 3));
    if ((b1 & 0xf8) != kPrefixSeed || prefix != prefix_of(kind)) {
        error = std::string("not ") + kind_name(kind) + " seed";
        return std::nullopt;
    }
    std::array<std::uint8_t, 32> seed{};
    for (std::size_t i = 0; i < seed.size(); ++i)
        seed[i] = static_cast<std::uint8_t>(body[2 + i]);
    return KeyPair(kind, seed);
}

std::string KeyPair::public_key() const {
    std::string raw(1, static_cast<char>(prefix_of(m_kind)));
    raw.append(reinterpret_cast<const char*>(m_public.data()), m_public.size());
    return with_check(std::move(raw));
}

std::string KeyPair::seed() const {
    const std::uint8_t prefix = prefix_of(m_kind);
    std::string raw;
    raw.push_back(static_cast<char>(kPrefixSeed | (prefix >> 5)));
    raw.push_back(static_cast<char>((prefix & 31) << 3));
    raw.append(reinterpret_cast<const char*>(m_seed.data()), m_seed.size());
    return with_check(std::move(raw));
}

std::string KeyPair::sign(std::string_view data) const {
    PKey key = private_key(m_seed);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
    std::string signature(64, '\0');
    std::size_t length = signature.size();
    if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1)
        throw std::runtime_error("OpenSSL cannot sign with Ed25519");
    signature.resize(length);
    return signature;
}

// [SECTION] JWTs

std::string operator_jwt(const KeyPair& op, std::string_view name,
                         std::string_view system_account) {
    return sign_claims(
        op, op.public_key(), name,
        {{"type", "operator"}, {"version", 2}, {"system_account", std::string(system_account)}});
}

std::string account_jwt(const KeyPair& op, const KeyPair& account, std::string_view name,
                        bool jetstream) {
    nlohmann::json limits = {{"subs", -1},    {"data", -1}, {"payload", -1}, {"imports", -1},
                             {"exports", -1}, {"conn", -1}, {"leaf", -1},    {"wildcards", true}};
    if (jetstream) {
        limits["mem_storage"] = -1;
        limits["disk_storage"] = -1;
        limits["streams"] = -1;
        limits["consumer"] = -1;
    }
    return sign_claims(op, account.public_key(), name,
                       {{"type", "account"}, {"version", 2}, {"limits", limits}});
}

std::string user_jwt(const KeyPair& account, const KeyPair& user, std::string_view name,
                     const Permissions& permissions) {
    nlohmann::json nats = {
        {"type", "user"}, {"version", 2}, {"subs", -1}, {"data", -1}, {"payload", -1}};
    if (!permissions.publish.empty() || !permissions.subscribe.empty()) {
        nats["pub"] = {{"allow", permissions.publish}};
        nats["sub"] = {{"allow", permissions.subscribe}};
    }
    return sign_claims(account, user.public_key(), name, std::move(nats));
}

std::string creds_text(std::string_view jwt, const KeyPair& user) {
    std::string out = "-----BEGIN NATS USER JWT-----\n";
    out += jwt;
    out += "\n------END NATS USER JWT------\n\n"
           "************************* IMPORTANT *************************\n"
           "NKEY Seed printed below can be used to sign and prove identity.\n"
           "NKEYs are sensitive and should be treated as secrets.\n\n"
           "-----BEGIN USER NKEY SEED-----\n";
    out += user.seed();
    out += "\n------END USER NKEY "
           "SEED------\n\n*************************************************************\n";
    return out;
}

std::optional<std::string> jwt_claims(std::string_view jwt) {
    const auto first = jwt.find('.');
    const auto second = first == std::string_view::npos ? first : jwt.find('.', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    return base64url_decode(jwt.substr(first + 1, second - first - 1));
}

} // namespace gloss::cli::nats
