// NATS nkeys: Ed25519 key pairs in the text form NATS servers and clients exchange (a kind
// prefix, base32, a CRC-16 check), and the JWTs that carry an operator's, an account's or a
// user's claims, signed with those keys. Enough to run a campaign's own trust chain: the
// campaign owner holds the operator and account seeds, and mints worker credentials that the
// server checks without being told of them. Layer: cli (OpenSSL for Ed25519 and SHA-256).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::cli::nats {

enum class KeyKind { Operator, Account, User };

class KeyPair {
public:
    // A fresh key pair from the system's random source.
    static KeyPair generate(KeyKind kind);
    // A key pair from its seed text ("SO…", "SA…", "SU…"); nullopt with `error` set when the
    // text is not a seed of that kind or its check fails.
    static std::optional<KeyPair> from_seed(std::string_view text, KeyKind kind,
                                            std::string& error);

    KeyKind kind() const { return m_kind; }
    // "O…", "A…" or "U…": 56 characters.
    std::string public_key() const;
    // "SO…", "SA…" or "SU…": 58 characters. Secret.
    std::string seed() const;
    // The Ed25519 signature of `data` (64 bytes).
    std::string sign(std::string_view data) const;

private:
    KeyPair(KeyKind kind, const std::array<std::uint8_t, 32>& seed);
    KeyKind m_kind;
    std::array<std::uint8_t, 32> m_seed{};
    std::array<std::uint8_t, 32> m_public{};
};

// The base32 (RFC 4648, no padding) and CRC-16 (XMODEM) the nkey text forms use; exposed for
// tests.
std::string base32_encode(std::string_view bytes);
std::optional<std::string> base32_decode(std::string_view text);
std::uint16_t crc16(std::string_view bytes);
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// What a user may publish and subscribe to (NATS subjects, `*` and `>` wildcards).
struct Permissions {
    std::vector<std::string> publish;
    std::vector<std::string> subscribe;
};

// JWTs signed the way nats-server (v2 claims) checks them.
std::string operator_jwt(const KeyPair& op, std::string_view name, std::string_view system_account);
// An account of `op`; JetStream enabled (no limits) when `jetstream`.
std::string account_jwt(const KeyPair& op, const KeyPair& account, std::string_view name,
                        bool jetstream);
// A user of `account`, allowed exactly `permissions` (everything when both lists are empty).
std::string user_jwt(const KeyPair& account, const KeyPair& user, std::string_view name,
                     const Permissions& permissions);
// A `.creds` file: the user's JWT and seed in the blocks NATS clients read.
std::string creds_text(std::string_view jwt, const KeyPair& user);
// The claims (JSON text) of a JWT, without checking its signature; nullopt when malformed.
std::optional<std::string> jwt_claims(std::string_view jwt);

} // namespace gloss::cli::nats
