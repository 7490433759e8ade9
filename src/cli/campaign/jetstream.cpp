// See jetstream.hpp. Layer: cli.
#include "cli/campaign/jetstream.hpp"

#include <nats/nats.h>

#include <memory>

namespace gloss::cli::nats {
namespace {

std::string said(natsStatus status, jsErrCode code = static_cast<jsErrCode>(0)) {
    std::string text = natsStatus_GetText(status);
    const char* last = nats_GetLastError(nullptr);
    if (last && *last && text != last) text += std::string(": ") + last;
    if (code != 0) text += " (JetStream error " + std::to_string(static_cast<int>(code)) + ")";
    return text;
}

void check(natsStatus status, const std::string& doing,
           jsErrCode code = static_cast<jsErrCode>(0)) {
    if (status != NATS_OK) throw Failure(doing + ": " + said(status, code));
}

} // namespace

void release_library() {
    nats_CloseAndWait(2000);
}

Connection::Connection(const std::string& url, const std::string& creds_path) {
    natsOptions* options = nullptr;
    check(natsOptions_Create(&options), "NATS options");
    std::unique_ptr<natsOptions, decltype(&natsOptions_Destroy)> owned(options,
                                                                       natsOptions_Destroy);
    natsOptions_SetURL(options, url.c_str());
    natsOptions_SetTimeout(options, 5000);
    natsOptions_SetAllowReconnect(options, false);
    natsOptions_SetName(options, "gloss campaign");
    check(natsOptions_SetUserCredentialsFromFiles(options, creds_path.c_str(), nullptr),
          "the credentials " + creds_path + " cannot be used");
    const natsStatus status = natsConnection_Connect(&m_connection, options);
    if (status == NATS_NO_SERVER || status == NATS_TIMEOUT)
        throw Failure("the NATS server " + url +
                      " cannot be reached (is it running, and is the address right?)");
    if (status == NATS_CONNECTION_AUTH_FAILED || status == NATS_NOT_PERMITTED)
        throw Failure("the NATS server " + url + " refused the credentials " + creds_path +
                      " (are they this server's? 'gloss campaign server' wrote the server's keys)");
    check(status, "connecting to " + url);
    jsOptions js_options;
    jsOptions_Init(&js_options);
    js_options.Wait = 10000;
    check(natsConnection_JetStream(&m_js, m_connection, &js_options), "JetStream on " + url);
}

Connection::~Connection() {
    if (m_js) jsCtx_Destroy(m_js);
    if (m_connection) {
        natsConnection_Close(m_connection);
        natsConnection_Destroy(m_connection);
    }
}

void Connection::ensure_stream(const StreamSpec& spec) {
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    config.Name = spec.name.c_str();
    std::vector<const char*> subjects;
    for (const auto& subject : spec.subjects)
        subjects.push_back(subject.c_str());
    config.Subjects = subjects.data();
    config.SubjectsLen = static_cast<int>(subjects.size());
    config.Retention = spec.work_queue ? js_WorkQueuePolicy : js_LimitsPolicy;
    config.Storage = js_FileStorage;
    if (spec.duplicates_ns > 0) config.Duplicates = spec.duplicates_ns;
    if (spec.max_per_subject > 0) config.MaxMsgsPerSubject = spec.max_per_subject;
    config.AllowDirect = spec.allow_direct;
    config.Replicas = spec.replicas;
    jsStreamInfo* info = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus status = js_AddStream(&info, m_js, &config, nullptr, &code);
    if (info) jsStreamInfo_Destroy(info);
    if (status != NATS_OK && code != JSStreamNameExistErr)
        check(status, "creating the stream " + spec.name, code);
}

bool Connection::stream_exists(const std::string& name) {
    jsStreamInfo* info = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus status = js_GetStreamInfo(&info, m_js, name.c_str(), nullptr, &code);
    if (info) jsStreamInfo_Destroy(info);
    if (status == NATS_NOT_FOUND || code == JSStreamNotFoundErr) return false;
    check(status, "reading the stream " + name, code);
    return true;
}

void Connection::delete_stream(const std::string& name) {
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus status = js_DeleteStream(m_js, name.c_str(), nullptr, &code);
    if (status != NATS_OK && status != NATS_NOT_FOUND && code != JSStreamNotFoundErr)
        check(status, "deleting the stream " + name, code);
}

void Connection::ensure_pull_consumer(const std::string& stream, const std::string& name,
                                      std::int64_t ack_wait_ns, int replicas) {
    jsConsumerConfig config;
    jsConsumerConfig_Init(&config);
    config.Durable = name.c_str();
    config.AckPolicy = js_AckExplicit;
    config.AckWait = ack_wait_ns;
    config.DeliverPolicy = js_DeliverAll;
    config.MaxAckPending = 1000000; // leases out at once (the server's default is 1,000)
    config.MaxDeliver = -1;
    config.MaxWaiting = 100000;
    config.Replicas = replicas;
    jsConsumerInfo* info = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus status = js_AddConsumer(&info, m_js, stream.c_str(), &config, nullptr, &code);
    if (info) jsConsumerInfo_Destroy(info);
    if (status != NATS_OK && code != JSConsumerNameExistErr)
        check(status, "creating the consumer " + name, code);
}

std::optional<ConsumerState> Connection::consumer_state(const std::string& stream,
                                                        const std::string& name) {
    jsConsumerInfo* info = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus status =
        js_GetConsumerInfo(&info, m_js, stream.c_str(), name.c_str(), nullptr, &code);
    if (status == NATS_NOT_FOUND || code == JSConsumerNotFoundErr || code == JSStreamNotFoundErr)
        return std::nullopt;
    check(status, "reading the consumer " + name, code);
    ConsumerState state{info->NumPending, info->NumAckPending, info->NumRedelivered};
    jsConsumerInfo_Destroy(info);
    return state;
}

void Connection::delete_consumer(const std::string& stream, const std::string& name) {
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus status = js_DeleteConsumer(m_js, stream.c_str(), name.c_str(), nullptr, &code);
    if (status != NATS_OK && status != NATS_NOT_FOUND && code != JSConsumerNotFoundErr)
        check(status, "deleting the consumer " + name, code);
}

bool Connection::publish(const std::string& subject, const std::string& data,
                         const std::string& message_id) {
    natsMsg* message = nullptr;
    check(natsMsg_Create(&message, subject.c_str(), nullptr, data.data(),
                         static_cast<int>(data.size())),
          "a message for " + subject);
    std::unique_ptr<natsMsg, decltype(&natsMsg_Destroy)> owned(message, natsMsg_Destroy);
    if (!message_id.empty()) natsMsgHeader_Set(message, "Nats-Msg-Id", message_id.c_str());
    jsPubAck* ack = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    check(js_PublishMsg(&ack, m_js, message, nullptr, &code), "storing a message on " + subject,
          code);
    const bool duplicate = ack && ack->Duplicate;
    if (ack) jsPubAck_Destroy(ack);
    return !duplicate;
}

std::optional<std::string> Connection::last(const std::string& stream, const std::string& subject) {
    natsMsg* message = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus status =
        js_GetLastMsg(&message, m_js, stream.c_str(), subject.c_str(), nullptr, &code);
    if (status == NATS_NOT_FOUND || code == JSNoMessageFoundErr) return std::nullopt;
    check(status, "reading " + subject, code);
    std::string data(natsMsg_GetData(message),
                     static_cast<std::size_t>(natsMsg_GetDataLength(message)));
    natsMsg_Destroy(message);
    return data;
}

void Connection::for_each(const std::string& stream, const std::string& subject,
                          const std::function<void(const StoredMessage&)>& visit) {
    jsStreamInfo* info = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    check(js_GetStreamInfo(&info, m_js, stream.c_str(), nullptr, &code),
          "reading the stream " + stream, code);
    const std::uint64_t last_seq = info->State.LastSeq, count = info->State.Msgs;
    jsStreamInfo_Destroy(info);
    if (count == 0) return;
    // An ordered consumer: the server pushes the stream in order with flow control, instead of a
    // round trip per message; it goes when the subscription does.
    jsSubOptions options;
    jsSubOptions_Init(&options);
    options.Stream = stream.c_str();
    options.Ordered = true;
    options.Config.DeliverPolicy = js_DeliverAll;
    natsSubscription* subscription = nullptr;
    check(js_SubscribeSync(&subscription, m_js, subject.c_str(), nullptr, &options, &code),
          "reading the stream " + stream, code);
    std::unique_ptr<natsSubscription, decltype(&natsSubscription_Destroy)> owned(
        subscription, natsSubscription_Destroy);
    for (std::uint64_t seen = 0; seen < last_seq;) {
        natsMsg* message = nullptr;
        check(natsSubscription_NextMsg(&message, subscription, 10000),
              "reading the stream " + stream);
        std::unique_ptr<natsMsg, decltype(&natsMsg_Destroy)> held(message, natsMsg_Destroy);
        jsMsgMetaData* meta = nullptr;
        if (natsMsg_GetMetaData(&meta, message) != NATS_OK) continue; // heartbeats, flow control
        seen = meta->Sequence.Stream;
        jsMsgMetaData_Destroy(meta);
        visit(StoredMessage{seen, natsMsg_GetSubject(message),
                            std::string(natsMsg_GetData(message),
                                        static_cast<std::size_t>(natsMsg_GetDataLength(message)))});
    }
    natsSubscription_Unsubscribe(subscription);
}

} // namespace gloss::cli::nats
