// See campaign.hpp. Layer: cli.
#include "cli/campaign/campaign.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>

namespace gloss::cli::campaign {

bool is_token(const std::string& text) {
    if (text.empty() || text.size() > 64) return false;
    for (unsigned char c : text)
        if (!std::isalnum(c) && c != '_' && c != '-') return false;
    return true;
}

std::string worker_token(const std::string& name) {
    if (is_token(name)) return name;
    std::uint64_t hash = 1469598103934665603ull; // FNV-1a
    for (unsigned char c : name)
        hash = (hash ^ c) * 1099511628211ull;
    char text[24];
    std::snprintf(text, sizeof text, "w%016llx", static_cast<unsigned long long>(hash));
    return text;
}

Names::Names(std::string name) : campaign(std::move(name)) {
    const std::string prefix = "GLOSS_" + campaign + "_";
    tasks_stream = prefix + "TASKS";
    docs_stream = prefix + "DOCS";
    gold_stream = prefix + "GOLD";
    submit_stream = prefix + "SUBMIT";
    meta_stream = prefix + "META";
    const std::string subject = "gloss." + campaign + ".";
    task_subject = subject + "task";
    doc_subject = subject + "doc";
    gold_subject = subject + "gold";
    meta_settings = subject + "meta.settings";
    meta_blocked = subject + "meta.blocked";
}

std::string Names::submit_subject(const std::string& worker) const {
    return "gloss." + campaign + ".submit." + worker;
}
std::string Names::submit_wildcard() const {
    return "gloss." + campaign + ".submit.*";
}
std::string Names::inbox_prefix(const std::string& worker) const {
    return worker.empty() ? "_INBOX_" + campaign : "_INBOX_" + campaign + "_" + worker;
}

nats::Permissions worker_permissions(const Names& names, const std::string& worker) {
    nats::Permissions p;
    p.publish = {"$JS.API.CONSUMER.MSG.NEXT." + names.tasks_stream + "." + names.consumer,
                 "$JS.ACK." + names.tasks_stream + "." + names.consumer + ".>",
                 worker.empty() ? names.submit_wildcard() : names.submit_subject(worker),
                 "$JS.API.DIRECT.GET." + names.meta_stream + "." + names.meta_blocked};
    p.subscribe = {names.inbox_prefix(worker) + ".>"};
    return p;
}

std::string Settings::to_json() const {
    return nlohmann::json{{"overlap", overlap},
                          {"lease_ms", lease_ms},
                          {"gold_rate", gold_rate},
                          {"websocket", websocket},
                          {"app", app},
                          {"closed", closed},
                          {"since_gold", since_gold},
                          {"gold_inserted", gold_inserted}}
        .dump();
}

bool Settings::from_json(const std::string& text, Settings& out) {
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) return false;
    out.overlap = json.value("overlap", 1);
    out.lease_ms = json.value("lease_ms", std::int64_t{30 * 60 * 1000});
    out.gold_rate = json.value("gold_rate", 0.0);
    out.websocket = json.value("websocket", std::string());
    out.app = json.value("app", std::string());
    out.closed = json.value("closed", false);
    out.since_gold = json.value("since_gold", std::int64_t{0});
    out.gold_inserted = json.value("gold_inserted", std::int64_t{0});
    return true;
}

std::int64_t parse_duration_ms(const std::string& text) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (...) {
        return -1;
    }
    const std::string unit = text.substr(used);
    double scale = 0;
    if (unit == "ms")
        scale = 1;
    else if (unit == "s" || unit.empty())
        scale = 1000;
    else if (unit == "m")
        scale = 60000;
    else if (unit == "h")
        scale = 3600000;
    if (scale == 0 || !(value > 0)) return -1;
    return static_cast<std::int64_t>(value * scale);
}

namespace {

std::string url_escape(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

} // namespace

std::string task_link(const Settings& settings, const std::string& campaign, const std::string& jwt,
                      const std::string& seed, const std::string& worker) {
    std::string app = settings.app.empty() ? "http://127.0.0.1:8080/" : settings.app;
    const auto hash = app.find('#');
    if (hash != std::string::npos) app.resize(hash);
    std::string link = app + (app.find('?') == std::string::npos ? "?" : "&");
    link += "campaign=" + url_escape(campaign) + "&nats=" + url_escape(settings.websocket);
    if (!worker.empty()) link += "&worker=" + url_escape(worker);
    link += "#nats-jwt=" + jwt + "&nats-seed=" + seed;
    return link;
}

} // namespace gloss::cli::campaign
