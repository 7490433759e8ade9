// nkeys and JWTs for NATS campaigns (src/cli/campaign): text forms, checks, claims and the
// permissions a worker's credentials carry. That nats-server accepts them is tested for real by
// tests/web/nats_campaign.test.mjs.
#include "cli/campaign/campaign.hpp"
#include "cli/campaign/nkeys.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace gloss::cli;

TEST_CASE("nkey encodings: base32, base64url and the CRC-16 check", "[campaign]") {
    CHECK(nats::crc16("123456789") == 0x31C3); // CRC-16/XMODEM's check value
    CHECK(nats::base32_encode("foobar") == "MZXW6YTBOI");
    CHECK(nats::base32_decode("MZXW6YTBOI") == std::optional<std::string>("foobar"));
    CHECK(!nats::base32_decode("mzxw"));
    CHECK(nats::base64url_encode("\xfb\xff") == "-_8");
    CHECK(nats::base64url_decode("-_8") == std::optional<std::string>("\xfb\xff"));
}

TEST_CASE("nkey seeds and public keys carry their kind and survive a round trip", "[campaign]") {
    const auto op = nats::KeyPair::generate(nats::KeyKind::Operator);
    const auto account = nats::KeyPair::generate(nats::KeyKind::Account);
    const auto user = nats::KeyPair::generate(nats::KeyKind::User);
    CHECK(op.public_key().size() == 56);
    CHECK(op.public_key()[0] == 'O');
    CHECK(account.public_key()[0] == 'A');
    CHECK(user.public_key()[0] == 'U');
    CHECK(op.seed().substr(0, 2) == "SO");
    CHECK(account.seed().substr(0, 2) == "SA");
    CHECK(user.seed().substr(0, 2) == "SU");
    CHECK(user.seed().size() == 58);

    std::string error;
    const auto again =
        nats::KeyPair::from_seed(account.seed() + "\n", nats::KeyKind::Account, error);
    REQUIRE(again);
    CHECK(again->public_key() == account.public_key());
    CHECK(again->sign("data") == account.sign("data"));

    CHECK(!nats::KeyPair::from_seed(account.seed(), nats::KeyKind::User, error));
    CHECK(error == "not a user seed");
    std::string changed = account.seed();
    changed[10] = changed[10] == 'A' ? 'B' : 'A';
    CHECK(!nats::KeyPair::from_seed(changed, nats::KeyKind::Account, error));
    CHECK(error.find("check") != std::string::npos);
    CHECK(!nats::KeyPair::from_seed("hello", nats::KeyKind::Account, error));
}

TEST_CASE("a worker's JWT names its account and allows only the campaign's subjects",
          "[campaign]") {
    const auto account = nats::KeyPair::generate(nats::KeyKind::Account);
    const auto user = nats::KeyPair::generate(nats::KeyKind::User);
    const campaign::Names names("spring");
    const std::string jwt =
        nats::user_jwt(account, user, "worker", campaign::worker_permissions(names, "bob"));
    const auto claims_text = nats::jwt_claims(jwt);
    REQUIRE(claims_text);
    const auto claims = nlohmann::json::parse(*claims_text);
    CHECK(claims["iss"] == account.public_key());
    CHECK(claims["sub"] == user.public_key());
    CHECK(claims["nats"]["type"] == "user");
    CHECK(claims["nats"]["version"] == 2);
    const std::vector<std::string> publish = claims["nats"]["pub"]["allow"];
    CHECK(publish == std::vector<std::string>{
                         "$JS.API.CONSUMER.MSG.NEXT.GLOSS_spring_TASKS.tasks",
                         "$JS.ACK.GLOSS_spring_TASKS.tasks.>", "gloss.spring.submit.bob",
                         "$JS.API.DIRECT.GET.GLOSS_spring_META.gloss.spring.meta.blocked"});
    const std::vector<std::string> subscribe = claims["nats"]["sub"]["allow"];
    CHECK(subscribe == std::vector<std::string>{"_INBOX_spring_bob.>"});
    // Anyone's link (no worker id bound): any worker's submit subject, the campaign's inbox.
    CHECK(campaign::worker_permissions(names, "").publish[2] == "gloss.spring.submit.*");

    // The signature is the account's over the first two parts.
    const auto dot = jwt.rfind('.');
    CHECK(nats::base64url_decode(jwt.substr(dot + 1)) ==
          std::optional<std::string>(account.sign(jwt.substr(0, dot))));
    const std::string creds = nats::creds_text(jwt, user);
    CHECK(creds.find("-----BEGIN NATS USER JWT-----\n" + jwt + "\n------END NATS USER JWT------") !=
          std::string::npos);
    CHECK(creds.find("-----BEGIN USER NKEY SEED-----\n" + user.seed() +
                     "\n------END USER NKEY SEED------") != std::string::npos);
}

TEST_CASE("campaign names, worker tokens, durations and the task link", "[campaign]") {
    CHECK(campaign::is_token("spring-2026_a"));
    CHECK(!campaign::is_token("a.b"));
    CHECK(!campaign::is_token(""));
    CHECK(!campaign::is_token("a*"));
    CHECK(campaign::worker_token("bob") == "bob");
    // FNV-1a 64 of the name (web/campaign.js computes the same for names that are not tokens).
    CHECK(campaign::worker_token("Zoë Ann") == campaign::worker_token("Zoë Ann"));
    CHECK(campaign::worker_token("Zoë Ann").size() == 17);
    CHECK(campaign::worker_token("a") != campaign::worker_token("b"));
    CHECK(campaign::worker_token("Zoë Ann")[0] == 'w');
    CHECK(campaign::parse_duration_ms("30m") == 1800000);
    CHECK(campaign::parse_duration_ms("90s") == 90000);
    CHECK(campaign::parse_duration_ms("1500ms") == 1500);
    CHECK(campaign::parse_duration_ms("2h") == 7200000);
    CHECK(campaign::parse_duration_ms("soon") == -1);
    CHECK(campaign::parse_duration_ms("-5s") == -1);
    CHECK(campaign::parse_duration_ms("5d") == -1);
    campaign::Settings settings;
    settings.app = "https://example.org/gloss/";
    settings.websocket = "wss://nats.example.org:443";
    CHECK(
        campaign::task_link(settings, "spring", "J.W.T", "SUSEED", "") ==
        "https://example.org/gloss/"
        "?campaign=spring&nats=wss%3A%2F%2Fnats.example.org%3A443#nats-jwt=J.W.T&nats-seed=SUSEED");
    CHECK(campaign::task_link(settings, "spring", "J", "S", "bob").find("&worker=bob#") !=
          std::string::npos);
}
