// A crowd campaign's layout in NATS JetStream, in one place: the names of its streams,
// subjects and consumer, what a worker's credentials may do, the campaign's settings record,
// and the task link. `gloss campaign` (cmd_campaign.cpp) and the browser (web/campaign_nats.js,
// which spells the same subjects) follow it. Layer: cli.
#pragma once

#include "cli/campaign/nkeys.hpp"

#include <cstdint>
#include <string>

namespace gloss::cli::campaign {

// A campaign name or worker id as it may appear in a subject: 1-64 of A-Z a-z 0-9 _ -.
bool is_token(const std::string& text);
// A worker name turned into a subject token: kept when it is one, else "w" + a hash of it.
std::string worker_token(const std::string& name);

struct Names {
    explicit Names(std::string campaign);
    std::string campaign;
    // Streams
    std::string tasks_stream;  // work queue: one message per (document, slot) still to hand out
    std::string docs_stream;   // every document added, as added (owner only)
    std::string gold_stream;   // the gold documents with their answers (owner only)
    std::string submit_stream; // every submission, as stored (owner reads; workers only publish)
    std::string meta_stream;   // the settings record and the blocked-worker list
    std::string consumer = "tasks";
    // Subjects
    std::string task_subject, doc_subject, gold_subject, meta_settings, meta_blocked;
    std::string submit_subject(const std::string& worker) const;
    std::string submit_wildcard() const;
    std::string inbox_prefix(const std::string& worker) const;
};

// What a worker's credentials allow: take tasks of this campaign, acknowledge them, publish
// submissions (as `worker` only, when given), read the blocked list, receive replies in the
// campaign's inbox; nothing else.
nats::Permissions worker_permissions(const Names& names, const std::string& worker);

struct Settings {
    int overlap = 1;
    std::int64_t lease_ms = 30 * 60 * 1000;
    double gold_rate = 0;
    std::string websocket; // ws(s):// address browsers reach the server at
    std::string app;       // where dist/ is served
    bool closed = false;
    std::int64_t since_gold = 0; // real documents added since the last gold insertion
    std::int64_t gold_inserted = 0;
    std::string to_json() const;
    static bool from_json(const std::string& text, Settings& out);
};

// "30m", "90s", "2h", "1500ms" -> milliseconds; -1 when malformed or not positive.
std::int64_t parse_duration_ms(const std::string& text);

// The task link: the app's address with the campaign, the server's WebSocket address and the
// worker's credentials (in the fragment, which browsers never send to the static host).
std::string task_link(const Settings& settings, const std::string& campaign, const std::string& jwt,
                      const std::string& seed, const std::string& worker);

} // namespace gloss::cli::campaign
