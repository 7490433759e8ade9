// gloss campaign: crowd campaigns on NATS JetStream (docs/CROWDSOURCING.md, "Campaigns on
// NATS"). The server's keys, a campaign's streams and worker credentials, documents handed
// out N times each, status with gold scores, and collection into one file per worker.
// Layer: cli.
#include "cli/commands.hpp"

#include "cli/campaign/campaign.hpp"
#include "cli/campaign/jetstream.hpp"
#include "cli/campaign/nkeys.hpp"
#include "core/agree/gold_score.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace gloss::cli {

const char* const kCampaignHelp =
    "usage: gloss campaign server DIR [--listen HOST:PORT] [--websocket HOST:PORT] [--store DIR]\n"
    "       gloss campaign create NAME [--server URL] [--keys DIR] [--app URL] [--websocket URL]\n"
    "                                  [--overlap N] [--lease DURATION] [--gold GOLD --gold-rate "
    "R]\n"
    "                                  [--replicas N]\n"
    "       gloss campaign add NAME TASKS\n"
    "       gloss campaign status NAME [--json]\n"
    "       gloss campaign collect NAME OUTDIR [--min-gold F] [--include-blocked]\n"
    "       gloss campaign link NAME [--worker ID]\n"
    "       gloss campaign block NAME WORKER [--unblock]\n"
    "       gloss campaign close NAME\n"
    "\n"
    "Runs a crowd campaign on NATS JetStream: documents handed out to workers in the browser,\n"
    "each to N different workers, a document a worker abandons returned to the pool after its\n"
    "lease, every submission stored by JetStream. Gloss stays a folder of static files.\n"
    "\n"
    "  server DIR       writes a NATS server's keys and configuration into DIR (nats.conf,\n"
    "                   owner.creds, the operator's and account's seeds); run the server with\n"
    "                   'nats-server -c DIR/nats.conf'. Run again: keeps the keys, rewrites\n"
    "                   nats.conf. --listen (default 127.0.0.1:4222) is where clients connect,\n"
    "                   --websocket (default 127.0.0.1:9222) where browsers do, --store (default\n"
    "                   DIR/jetstream) where JetStream keeps its data\n"
    "  create NAME      the campaign's streams and consumer; prints the task link. --overlap N\n"
    "                   workers per document (default 1), --lease how long a worker may hold a\n"
    "                   document (default 30m; 90s, 2h, 1500ms), --gold gold documents mixed in\n"
    "                   at --gold-rate R (0 to 1, of the documents added), --app where dist/ is\n"
    "                   served, --websocket the server's address for browsers (default: the one\n"
    "                   'server' wrote), --replicas the copies of each stream in a JetStream\n"
    "                   cluster (default 1; 3 on a three-node cluster)\n"
    "  add NAME TASKS   adds Gloss JSONL documents, validated first (nothing is added when one\n"
    "                   is invalid); documents already in the campaign are skipped\n"
    "  status NAME      documents open, in progress and done; tasks waiting and leased;\n"
    "                   submissions and gold F1 per worker\n"
    "  collect NAME OUTDIR\n"
    "                   one Gloss JSONL per worker (OUTDIR/WORKER.jsonl), each document once\n"
    "                   (the worker's latest submission of it); rewrites the files, so it can be\n"
    "                   run again as submissions come in. --min-gold F leaves out workers whose\n"
    "                   gold F1 is below F; blocked workers are left out unless\n"
    "                   --include-blocked\n"
    "  link NAME        prints the task link again; --worker ID: a link whose credentials can\n"
    "                   submit only as ID\n"
    "  block NAME WORKER\n"
    "                   stops a worker from taking more documents (--unblock undoes it)\n"
    "  close NAME       no more documents are handed out; submissions stay stored\n"
    "\n"
    "  --server URL     the NATS server (default: $GLOSS_NATS_SERVER, else nats://127.0.0.1:4222)\n"
    "  --keys DIR       the folder 'server' wrote (default: $GLOSS_CAMPAIGN_KEYS, else "
    "gloss-nats)\n"
    "\n"
    "Exit status: 0; 1 when the server cannot be reached, refuses the keys, the campaign does\n"
    "not exist, or a file is invalid; 2 on a usage error.\n"
    "\n"
    "examples:\n"
    "  gloss campaign server nats && nats-server -c nats/nats.conf &\n"
    "  gloss campaign create spring --keys nats --overlap 2 --lease 20m --app "
    "https://example.org/gloss/\n"
    "  gloss campaign add spring tasks.jsonl --keys nats\n"
    "  gloss campaign status spring --keys nats\n"
    "  gloss campaign collect spring results --keys nats && gloss agree results/*.jsonl\n";

namespace {

using campaign::Names;
using campaign::Settings;

constexpr std::int64_t kSecondNs = 1000000000;

struct Options {
    std::vector<std::string> positional;
    std::string server, keys, app, websocket, listen = "127.0.0.1:4222",
                                              ws_listen = "127.0.0.1:9222", store;
    std::string overlap = "1", lease = "30m", gold, gold_rate, min_gold, worker, replicas = "1";
    bool json = false, include_blocked = false, unblock = false;
};

int usage(const std::string& message) {
    std::cerr << "gloss campaign: " << message << "\n\n" << kCampaignHelp;
    return 2;
}

std::string env_or(const char* name, const std::string& fallback) {
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}

bool file_exists(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0;
}

std::optional<std::string> read_small(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool write_secret(const std::string& path, const std::string& data) {
    if (!write_output(path, data)) return false;
    ::chmod(path.c_str(), 0600);
    return true;
}

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
        text.pop_back();
    return text;
}

// The keys folder 'server' wrote.
struct Keys {
    std::string dir;
    std::string creds_path;
    nats::KeyPair account;
    std::string websocket;
};

std::optional<Keys> load_keys(const std::string& dir) {
    const auto seed = read_small(dir + "/account.seed");
    if (!seed || !file_exists(dir + "/owner.creds")) {
        std::cerr << "gloss campaign: " << dir
                  << " holds no campaign keys (account.seed, owner.creds); "
                  << "write them with 'gloss campaign server " << dir
                  << "', or say where they are with --keys\n";
        return std::nullopt;
    }
    std::string error;
    auto account = nats::KeyPair::from_seed(*seed, nats::KeyKind::Account, error);
    if (!account) {
        std::cerr << "gloss campaign: " << dir << "/account.seed: " << error << "\n";
        return std::nullopt;
    }
    return Keys{dir, dir + "/owner.creds", *account,
                trimmed(read_small(dir + "/websocket.url").value_or(""))};
}

// The campaign's settings, or nullopt (reported) when it does not exist.
std::optional<Settings> load_settings(nats::Connection& nc, const Names& names) {
    if (!nc.stream_exists(names.meta_stream)) {
        std::cerr << "gloss campaign: there is no campaign \"" << names.campaign
                  << "\" on this server ('gloss campaign create " << names.campaign
                  << "' makes it)\n";
        return std::nullopt;
    }
    Settings settings;
    const auto text = nc.last(names.meta_stream, names.meta_settings);
    if (!text || !Settings::from_json(*text, settings)) {
        std::cerr << "gloss campaign: the settings of campaign \"" << names.campaign
                  << "\" cannot be read\n";
        return std::nullopt;
    }
    return settings;
}

// What workers may read of the campaign's state (the one record their credentials reach): who
// is blocked, and whether it is closed.
void publish_access(nats::Connection& nc, const Names& names, const std::set<std::string>& blocked,
                    bool closed) {
    nc.publish(names.meta_blocked, nlohmann::json{{"workers", blocked}, {"closed", closed}}.dump());
}

std::set<std::string> blocked_workers(nats::Connection& nc, const Names& names) {
    std::set<std::string> out;
    const auto text = nc.last(names.meta_stream, names.meta_blocked);
    if (!text) return out;
    const auto json = nlohmann::json::parse(*text, nullptr, false);
    if (json.is_object() && json.contains("workers") && json["workers"].is_array())
        for (const auto& w : json["workers"])
            if (w.is_string()) out.insert(w.get<std::string>());
    return out;
}

std::string mint_link(const Keys& keys, const Settings& settings, const Names& names,
                      const std::string& worker) {
    const auto user = nats::KeyPair::generate(nats::KeyKind::User);
    const std::string jwt = nats::user_jwt(
        keys.account, user, "gloss " + names.campaign + (worker.empty() ? "" : " " + worker),
        campaign::worker_permissions(names, worker));
    return campaign::task_link(settings, names.campaign, jwt, user.seed(), worker);
}

// Reads a Gloss JSONL file whole, every problem reported with its place; nullopt when any.
std::optional<std::vector<core::Document>> read_valid(const std::string& path) {
    const auto bytes = read_input(path);
    if (!bytes) return std::nullopt;
    io::JsonlReadOptions options;
    options.source = path;
    io::ImportResult result = io::read_gloss_jsonl(*bytes, options);
    bool bad = false;
    for (const auto& d : result.diagnostics) {
        print(d);
        bad = bad || d.severity == core::Severity::Error;
    }
    if (bad) {
        std::cerr << "gloss campaign: " << path << " has errors; nothing was added\n";
        return std::nullopt;
    }
    std::set<std::string> ids;
    for (const auto& d : result.documents)
        if (!ids.insert(d.id).second) {
            std::cerr << "gloss campaign: " << path << ": the id \"" << d.id
                      << "\" is used twice; nothing was added\n";
            return std::nullopt;
        }
    return std::move(result.documents);
}

// A document as a worker receives it: for gold, the text alone (the answers stay with the owner).
std::string task_body(const core::Document& document, int slot, bool strip, std::int64_t lease_ms) {
    core::Document shown = document;
    if (strip) {
        shown = core::Document(document.id, core::Text(document.text().utf8()));
        shown.meta = document.meta;
    }
    auto record = nlohmann::json::parse(io::write_gloss_jsonl_line(shown));
    return nlohmann::json{{"document", record}, {"slot", slot}, {"lease_ms", lease_ms}}.dump();
}

// The ids of the documents added so far, in order.
std::vector<std::string> document_ids(nats::Connection& nc, const Names& names) {
    std::vector<std::string> ids;
    nc.for_each(names.docs_stream, names.doc_subject, [&](const nats::StoredMessage& m) {
        const auto json = nlohmann::json::parse(m.data, nullptr, false);
        if (json.is_object() && json.contains("id"))
            ids.push_back(json["id"].is_string() ? json["id"].get<std::string>()
                                                 : json["id"].dump());
    });
    return ids;
}

// The gold documents with their answers, in the order given to create.
std::vector<core::Document> gold_documents(nats::Connection& nc, const Names& names) {
    std::vector<core::Document> gold;
    nc.for_each(names.gold_stream, names.gold_subject, [&](const nats::StoredMessage& m) {
        io::JsonlReadOptions options;
        core::Diagnostics diagnostics;
        if (auto d = io::read_gloss_jsonl_line(m.data, 1, options, diagnostics))
            gold.push_back(std::move(*d));
    });
    return gold;
}

// [SECTION] Subcommands

int run_server(const Options& o) {
    if (o.positional.size() != 1) return usage("server takes one folder");
    const std::string dir = o.positional[0];
    ::mkdir(dir.c_str(), 0700);
    if (!is_directory(dir)) {
        std::cerr << "gloss campaign: cannot make the folder " << dir << "\n";
        return 1;
    }
    auto keep_or_make = [&](const std::string& file,
                            nats::KeyKind kind) -> std::optional<nats::KeyPair> {
        const std::string path = dir + "/" + file;
        if (const auto text = read_small(path)) {
            std::string error;
            auto pair = nats::KeyPair::from_seed(*text, kind, error);
            if (!pair) std::cerr << "gloss campaign: " << path << ": " << error << "\n";
            return pair;
        }
        auto pair = nats::KeyPair::generate(kind);
        if (!write_secret(path, pair.seed() + "\n")) return std::nullopt;
        return pair;
    };
    const auto op = keep_or_make("operator.seed", nats::KeyKind::Operator);
    const auto system = op ? keep_or_make("system.seed", nats::KeyKind::Account) : std::nullopt;
    const auto account =
        system ? keep_or_make("account.seed", nats::KeyKind::Account) : std::nullopt;
    if (!account) return 1;
    const auto owner = nats::KeyPair::generate(nats::KeyKind::User);
    const std::string owner_jwt = nats::user_jwt(*account, owner, "gloss campaign owner", {});
    const std::string store = o.store.empty() ? dir + "/jetstream" : o.store;
    std::string conf =
        "# Written by 'gloss campaign server': a NATS server with JetStream for Gloss campaigns.\n"
        "# Run it with: nats-server -c " +
        dir +
        "/nats.conf\n"
        "# The operator's and accounts' keys are in this folder; keep it private.\n";
    conf += "listen: \"" + o.listen + "\"\n";
    conf += "server_name: gloss\n";
    conf += "jetstream {\n  store_dir: \"" + store + "\"\n}\n";
    conf += "websocket {\n  listen: \"" + o.ws_listen +
            "\"\n  # Put TLS here (tls { cert_file, key_file }) for wss:// on a public address.\n  "
            "no_tls: true\n}\n";
    conf += "operator: \"" + nats::operator_jwt(*op, "gloss", system->public_key()) + "\"\n";
    conf += "system_account: \"" + system->public_key() + "\"\n";
    conf += "resolver: MEMORY\n";
    conf += "resolver_preload: {\n";
    conf += "  " + account->public_key() + ": \"" +
            nats::account_jwt(*op, *account, "gloss", true) + "\"\n";
    conf += "  " + system->public_key() + ": \"" +
            nats::account_jwt(*op, *system, "system", false) + "\"\n";
    conf += "}\n";
    if (!write_secret(dir + "/nats.conf", conf) ||
        !write_secret(dir + "/owner.creds", nats::creds_text(owner_jwt, owner)) ||
        !write_output(dir + "/websocket.url", "ws://" + o.ws_listen + "\n"))
        return 1;
    std::cout << "wrote " << dir << "/nats.conf and the keys beside it\n"
              << "start the server:  nats-server -c " << dir << "/nats.conf\n"
              << "then:              gloss campaign create NAME --keys " << dir << "\n";
    return 0;
}

int run_create(nats::Connection& nc, const Keys& keys, const Names& names, const Options& o) {
    Settings settings;
    char* end = nullptr;
    const long overlap = std::strtol(o.overlap.c_str(), &end, 10);
    if (o.overlap.empty() || *end || overlap < 1 || overlap > 100)
        return usage("--overlap must be a whole number from 1 to 100");
    settings.overlap = static_cast<int>(overlap);
    settings.lease_ms = campaign::parse_duration_ms(o.lease);
    if (settings.lease_ms < 1000)
        return usage("--lease must be a duration of a second or more (90s, 20m, 2h), not \"" +
                     o.lease + "\"");
    settings.websocket = o.websocket.empty() ? keys.websocket : o.websocket;
    if (settings.websocket.rfind("ws://", 0) != 0 && settings.websocket.rfind("wss://", 0) != 0)
        return usage("--websocket must be a ws:// or wss:// address, not \"" + settings.websocket +
                     "\"");
    settings.app = o.app;
    const long replicas = std::strtol(o.replicas.c_str(), &end, 10);
    if (o.replicas.empty() || *end || replicas < 1 || replicas > 5)
        return usage("--replicas must be a whole number from 1 to 5");
    const int r = static_cast<int>(replicas);
    std::vector<core::Document> gold;
    if (!o.gold.empty() || !o.gold_rate.empty()) {
        if (o.gold.empty() || o.gold_rate.empty())
            return usage("--gold and --gold-rate go together");
        settings.gold_rate = std::strtod(o.gold_rate.c_str(), &end);
        if (*end || !(settings.gold_rate > 0 && settings.gold_rate <= 1))
            return usage("--gold-rate must be a number above 0 and at most 1");
        auto read = read_valid(o.gold);
        if (!read) return 1;
        if (read->empty()) {
            std::cerr << "gloss campaign: " << o.gold << " holds no document\n";
            return 1;
        }
        gold = std::move(*read);
    }
    if (nc.stream_exists(names.meta_stream)) {
        std::cerr << "gloss campaign: campaign \"" << names.campaign
                  << "\" already exists ('gloss campaign link " << names.campaign
                  << "' prints its link)\n";
        return 1;
    }
    const std::int64_t day = 24 * 3600 * kSecondNs;
    nc.ensure_stream({names.tasks_stream, {names.task_subject}, true, day, 0, false, r});
    nc.ensure_stream({names.docs_stream, {names.doc_subject}, false, day, 0, false, r});
    nc.ensure_stream({names.gold_stream, {names.gold_subject}, false, day, 0, false, r});
    nc.ensure_stream({names.submit_stream, {names.submit_wildcard()}, false, day, 0, false, r});
    nc.ensure_pull_consumer(names.tasks_stream, names.consumer, settings.lease_ms * 1000000, r);
    for (const auto& g : gold)
        nc.publish(names.gold_subject, io::write_gloss_jsonl_line(g), g.id);
    // The settings stream last: its existence is what makes the campaign exist.
    nc.ensure_stream(
        {names.meta_stream, {names.meta_settings, names.meta_blocked}, false, 0, 1, true, r});
    nc.publish(names.meta_settings, settings.to_json());
    std::cout << "campaign \"" << names.campaign << "\": " << settings.overlap
              << " worker(s) per document, lease " << settings.lease_ms / 1000 << " s"
              << (gold.empty() ? "" : ", " + std::to_string(gold.size()) + " gold document(s)")
              << "\nadd documents:  gloss campaign add " << names.campaign << " tasks.jsonl\n"
              << "task link (every worker; add &annotator=NAME or Prolific's/MTurk's worker id):\n"
              << mint_link(keys, settings, names, "") << "\n";
    return 0;
}

int run_add(nats::Connection& nc, const Names& names, Settings settings, const Options& o) {
    if (o.positional.size() != 2) return usage("add takes NAME and a Gloss JSONL file");
    if (settings.closed) {
        std::cerr << "gloss campaign: campaign \"" << names.campaign << "\" is closed\n";
        return 1;
    }
    auto documents = read_valid(o.positional[1]);
    if (!documents) return 1;
    const auto ids = document_ids(nc, names);
    const std::set<std::string> known(ids.begin(), ids.end());
    const std::vector<core::Document> gold = gold_documents(nc, names);
    // The order workers meet them in: the new documents with a gold document after every
    // 1/rate of them; then every slot of that order, slot by slot (all documents get their
    // first worker before any gets a second).
    struct Entry {
        const core::Document* document;
        bool gold;
        std::int64_t occurrence;
    };
    std::vector<Entry> order;
    std::uint64_t skipped = 0, added = 0, gold_added = 0;
    const std::int64_t every =
        settings.gold_rate > 0 ? std::max<std::int64_t>(1, std::llround(1.0 / settings.gold_rate))
                               : 0;
    for (const auto& d : *documents) {
        if (known.count(d.id)) {
            ++skipped;
            continue;
        }
        order.push_back({&d, false, 0});
        ++added;
        if (every && !gold.empty() && ++settings.since_gold >= every) {
            settings.since_gold = 0;
            const auto& g = gold[static_cast<std::size_t>(settings.gold_inserted %
                                                          static_cast<std::int64_t>(gold.size()))];
            order.push_back({&g, true, ++settings.gold_inserted});
            ++gold_added;
        }
    }
    // Tasks first, then the documents' record, then the settings: an `add` cut short is run
    // again whole (the documents not recorded are not skipped), and a task stored already has
    // the same message id again, which JetStream drops.
    std::uint64_t tasks = 0;
    for (int slot = 0; slot < settings.overlap; ++slot)
        for (const auto& e : order) {
            const std::string id =
                e.document->id + "#" + std::to_string(e.occurrence) + "#" + std::to_string(slot);
            if (nc.publish(names.task_subject,
                           task_body(*e.document, slot, e.gold, settings.lease_ms), id))
                ++tasks;
        }
    for (const auto& e : order)
        if (!e.gold)
            nc.publish(names.doc_subject, io::write_gloss_jsonl_line(*e.document), e.document->id);
    nc.publish(names.meta_settings, settings.to_json());
    std::cout << "added " << added << " document(s)"
              << (skipped ? ", skipped " + std::to_string(skipped) + " already in the campaign"
                          : "")
              << ": " << tasks << " task(s) of " << settings.overlap << " per document"
              << (gold_added ? ", " + std::to_string(gold_added) + " gold task(s) mixed in" : "")
              << "\n";
    return 0;
}

// Every stored submission, once each (by submission id), in the order stored.
struct Submission {
    std::uint64_t sequence;
    std::string worker;    // the subject's token
    std::string annotator; // the name the worker gave
    std::vector<core::Document> documents;
};

std::vector<Submission> read_submissions(nats::Connection& nc, const Names& names,
                                         std::uint64_t& duplicates) {
    std::vector<Submission> out;
    std::set<std::string> seen;
    const std::string prefix = "gloss." + names.campaign + ".submit.";
    nc.for_each(names.submit_stream, names.submit_wildcard(), [&](const nats::StoredMessage& m) {
        const auto json = nlohmann::json::parse(m.data, nullptr, false);
        if (!json.is_object()) return;
        const std::string id = json.value("submission_id", std::string());
        if (!id.empty() && !seen.insert(id).second) {
            ++duplicates;
            return;
        }
        Submission s{m.sequence,
                     m.subject.substr(prefix.size()),
                     json.value("annotator", std::string()),
                     {}};
        if (json.contains("documents") && json["documents"].is_array())
            for (const auto& d : json["documents"]) {
                io::JsonlReadOptions options;
                options.source = "submission " + std::to_string(m.sequence);
                core::Diagnostics diagnostics;
                if (auto doc = io::read_gloss_jsonl_line(d.dump(), 1, options, diagnostics)) {
                    // The worker's spans, all of them: pre-annotations they kept are their answer
                    // too.
                    std::vector<core::Span> spans;
                    for (const core::Span* span : doc->spans().all()) {
                        spans.push_back(*span);
                        spans.back().annotator = s.worker;
                    }
                    std::vector<core::Relation> relations;
                    for (const auto& [rid, relation] : doc->relations())
                        relations.push_back(relation);
                    doc->load(std::move(spans), std::move(relations));
                    doc->meta.extra["annotator"] = s.worker;
                    s.documents.push_back(std::move(*doc));
                }
            }
        out.push_back(std::move(s));
    });
    return out;
}

core::GoldScore gold_scores(nats::Connection& nc, const Names& names,
                            const std::vector<Submission>& submissions) {
    std::map<std::string, core::Document> gold;
    for (core::Document& d : gold_documents(nc, names))
        gold.emplace(d.id, std::move(d));
    core::GoldScore score;
    for (const auto& s : submissions)
        for (const auto& d : s.documents) {
            const auto it = gold.find(d.id);
            if (it == gold.end()) continue;
            const auto spans = core::spans_by_annotator(d, s.worker);
            const auto mine = spans.find(s.worker);
            score.add(s.worker, d.id, core::annotated_spans(it->second),
                      mine == spans.end() ? std::vector<core::Span>{} : mine->second);
        }
    return score;
}

int run_status(nats::Connection& nc, const Names& names, const Settings& settings,
               const Options& o) {
    const std::vector<std::string> documents = document_ids(nc, names);
    std::uint64_t duplicates = 0;
    const auto submissions = read_submissions(nc, names, duplicates);
    std::map<std::string, std::set<std::string>> workers_of; // document -> workers
    std::map<std::string, std::uint64_t> per_worker;
    for (const auto& s : submissions) {
        per_worker[s.worker] += s.documents.size();
        for (const auto& d : s.documents)
            workers_of[d.id].insert(s.worker);
    }
    std::uint64_t done = 0, started = 0;
    for (const auto& id : documents) {
        const std::size_t n = workers_of.count(id) ? workers_of[id].size() : 0;
        if (n >= static_cast<std::size_t>(settings.overlap))
            ++done;
        else if (n > 0)
            ++started;
    }
    const std::uint64_t open = documents.size() - done - started;
    const auto state = nc.consumer_state(names.tasks_stream, names.consumer);
    const auto score = gold_scores(nc, names, submissions);
    const auto blocked = blocked_workers(nc, names);
    if (o.json) {
        io::Json out;
        out["campaign"] = names.campaign;
        out["closed"] = settings.closed;
        out["overlap"] = settings.overlap;
        out["lease_ms"] = settings.lease_ms;
        out["documents"] = {
            {"total", documents.size()}, {"open", open}, {"in_progress", started}, {"done", done}};
        out["tasks"] = {{"waiting", state ? state->pending : 0},
                        {"leased", state ? state->ack_pending : 0}};
        out["submissions"] = submissions.size();
        out["duplicates_dropped"] = duplicates;
        io::Json workers = io::Json::array();
        for (const auto& [worker, count] : per_worker) {
            io::Json w = {
                {"worker", worker}, {"documents", count}, {"blocked", blocked.count(worker) != 0}};
            const auto it = score.workers().find(worker);
            if (it != score.workers().end()) {
                w["gold_documents"] = it->second.documents.size();
                w["gold_f1"] = it->second.spans.overall().f1();
            }
            workers.push_back(w);
        }
        out["workers"] = workers;
        std::cout << io::dump_json(out, 2) << "\n";
        return 0;
    }
    std::cout << "campaign " << names.campaign << (settings.closed ? " (closed)" : "") << ": "
              << settings.overlap << " worker(s) per document, lease " << settings.lease_ms / 1000
              << " s\n"
              << "documents  " << documents.size() << ": " << open << " open, " << started
              << " in progress, " << done << " done\n"
              << "tasks      " << (state ? state->pending : 0) << " waiting, "
              << (state ? state->ack_pending : 0) << " leased"
              << (state ? "" : " (no more handed out: closed)") << "\n"
              << "submitted  " << submissions.size() << " submission(s)"
              << (duplicates ? ", " + std::to_string(duplicates) + " repeated one(s) dropped" : "")
              << "\n";
    if (!per_worker.empty()) {
        std::cout << "\n  worker                documents  gold docs  gold F1\n";
        for (const auto& [worker, count] : per_worker) {
            char row[200];
            const auto it = score.workers().find(worker);
            std::string gold_docs = "-", f1 = "-";
            if (it != score.workers().end()) {
                gold_docs = std::to_string(it->second.documents.size());
                char text[16];
                std::snprintf(text, sizeof text, "%.3f", it->second.spans.overall().f1());
                f1 = text;
            }
            std::snprintf(row, sizeof row, "  %-20s  %9llu  %9s  %7s%s", worker.c_str(),
                          static_cast<unsigned long long>(count), gold_docs.c_str(), f1.c_str(),
                          blocked.count(worker) ? "  BLOCKED" : "");
            std::cout << row << "\n";
        }
    }
    return 0;
}

int run_collect(nats::Connection& nc, const Names& names, const Options& o) {
    if (o.positional.size() != 2) return usage("collect takes NAME and an output folder");
    const std::string out_dir = o.positional[1];
    double min_gold = -1;
    if (!o.min_gold.empty()) {
        char* end = nullptr;
        min_gold = std::strtod(o.min_gold.c_str(), &end);
        if (*end || !(min_gold >= 0 && min_gold <= 1))
            return usage("--min-gold must be a number from 0 to 1");
    }
    ::mkdir(out_dir.c_str(), 0755);
    if (!is_directory(out_dir)) {
        std::cerr << "gloss campaign: cannot make the folder " << out_dir << "\n";
        return 1;
    }
    std::uint64_t duplicates = 0;
    const auto submissions = read_submissions(nc, names, duplicates);
    const auto score = gold_scores(nc, names, submissions);
    const auto blocked = blocked_workers(nc, names);
    // Per worker, each document's latest submission, in the order first submitted.
    std::map<std::string, std::vector<core::Document>> by_worker;
    for (const auto& s : submissions)
        for (const auto& d : s.documents) {
            auto& docs = by_worker[s.worker];
            auto same = std::find_if(docs.begin(), docs.end(),
                                     [&](const core::Document& x) { return x.id == d.id; });
            if (same != docs.end())
                *same = d;
            else
                docs.push_back(d);
        }
    std::uint64_t files = 0, left_out = 0;
    for (const auto& [worker, docs] : by_worker) {
        const auto it = score.workers().find(worker);
        const bool low = min_gold >= 0 && it != score.workers().end() &&
                         it->second.spans.overall().f1() < min_gold;
        if ((blocked.count(worker) && !o.include_blocked) || low) {
            std::cerr << "gloss campaign: left out " << worker
                      << (low ? " (gold F1 below --min-gold)" : " (blocked)") << "\n";
            ++left_out;
            continue;
        }
        if (!write_output(out_dir + "/" + worker + ".jsonl", io::write_gloss_jsonl(docs))) return 1;
        ++files;
    }
    std::cout << "collected " << submissions.size() << " submission(s) into " << files
              << " file(s) in " << out_dir
              << (left_out ? ", " + std::to_string(left_out) + " worker(s) left out" : "")
              << (duplicates ? ", " + std::to_string(duplicates) + " repeated submission(s) dropped"
                             : "")
              << "\n";
    return 0;
}

int run_block(nats::Connection& nc, const Names& names, const Settings& settings,
              const Options& o) {
    if (o.positional.size() != 2) return usage("block takes NAME and a worker id");
    auto blocked = blocked_workers(nc, names);
    const std::string worker = campaign::worker_token(o.positional[1]);
    if (o.unblock)
        blocked.erase(worker);
    else
        blocked.insert(worker);
    publish_access(nc, names, blocked, settings.closed);
    std::cout << o.positional[1] << (worker == o.positional[1] ? "" : " (" + worker + ")")
              << (o.unblock ? " may take documents again\n" : " takes no more documents\n");
    return 0;
}

int run_close(nats::Connection& nc, const Names& names, Settings settings) {
    settings.closed = true;
    nc.publish(names.meta_settings, settings.to_json());
    publish_access(nc, names, blocked_workers(nc, names), true);
    nc.delete_consumer(names.tasks_stream, names.consumer);
    std::cout << "campaign \"" << names.campaign
              << "\" is closed: no more documents are handed out; "
              << "'gloss campaign collect' still reads the submissions\n";
    return 0;
}

} // namespace

int cmd_campaign(const Args& args) {
    if (args.empty()) return usage("expected a subcommand");
    Options o;
    const std::string sub = args[0];
    if (sub == "-h" || sub == "--help") {
        std::cout << kCampaignHelp;
        return 0;
    }
    const std::map<std::string, std::string Options::*> valued = {
        {"--server", &Options::server},     {"--keys", &Options::keys},
        {"--app", &Options::app},           {"--websocket", &Options::websocket},
        {"--listen", &Options::listen},     {"--store", &Options::store},
        {"--overlap", &Options::overlap},   {"--lease", &Options::lease},
        {"--gold", &Options::gold},         {"--gold-rate", &Options::gold_rate},
        {"--min-gold", &Options::min_gold}, {"--worker", &Options::worker},
        {"--replicas", &Options::replicas}};
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kCampaignHelp;
            return 0;
        }
        const auto v = valued.find(a);
        if (v != valued.end()) {
            if (i + 1 >= args.size()) return usage(a + " needs a value");
            o.*(v->second) = args[++i];
            if (a == "--websocket" && sub == "server") o.ws_listen = o.websocket;
        } else if (a == "--json") {
            o.json = true;
        } else if (a == "--include-blocked") {
            o.include_blocked = true;
        } else if (a == "--unblock") {
            o.unblock = true;
        } else if (a.size() > 1 && a[0] == '-') {
            return usage("unknown option " + a);
        } else {
            o.positional.push_back(a);
        }
    }
    if (sub == "server") return run_server(o);
    static const std::set<std::string> known = {"create", "add",   "status", "collect",
                                                "link",   "block", "close"};
    if (!known.count(sub)) return usage("unknown subcommand \"" + sub + "\"");
    if (o.positional.empty()) return usage(sub + " needs the campaign's NAME");
    if (!campaign::is_token(o.positional[0]))
        return usage("a campaign NAME is 1 to 64 letters, digits, _ or -, not \"" +
                     o.positional[0] + "\"");
    if (!o.worker.empty() && !campaign::is_token(o.worker))
        return usage("a worker ID is 1 to 64 letters, digits, _ or -, not \"" + o.worker + "\"");
    const auto keys =
        load_keys(o.keys.empty() ? env_or("GLOSS_CAMPAIGN_KEYS", "gloss-nats") : o.keys);
    if (!keys) return 1;
    const std::string server =
        o.server.empty() ? env_or("GLOSS_NATS_SERVER", "nats://127.0.0.1:4222") : o.server;
    const Names names(o.positional[0]);
    // The library's threads and memory go before the process does (LeakSanitizer looks).
    struct Release {
        ~Release() { nats::release_library(); }
    } release;
    try {
        nats::Connection nc(server, keys->creds_path);
        if (sub == "create") {
            if (o.positional.size() != 1) return usage("create takes only NAME");
            return run_create(nc, *keys, names, o);
        }
        const auto settings = load_settings(nc, names);
        if (!settings) return 1;
        if (sub == "add") return run_add(nc, names, *settings, o);
        if (sub == "status") return run_status(nc, names, *settings, o);
        if (sub == "collect") return run_collect(nc, names, o);
        if (sub == "block") return run_block(nc, names, *settings, o);
        if (sub == "close") return run_close(nc, names, *settings);
        std::cout << mint_link(*keys, *settings, names, o.worker) << "\n";
        return 0;
    } catch (const nats::Failure& failure) {
        std::cerr << "gloss campaign: " << failure.what() << "\n";
        return 1;
    }
}

} // namespace gloss::cli
