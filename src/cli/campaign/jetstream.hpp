// A small C++ face on the NATS C client (Debian's libnats) for what `gloss campaign` does with
// JetStream: connect with a creds file, make streams and a pull consumer, publish with a
// message id and wait for the store's acknowledgement, read a stream back. Every failure is
// an exception whose message names what was being done and what the server said. Layer: cli.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct __natsConnection;
struct __jsCtx;

namespace gloss::cli::nats {

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct StreamSpec {
    std::string name;
    std::vector<std::string> subjects;
    bool work_queue = false;        // a message is removed once a consumer acknowledged it
    std::int64_t duplicates_ns = 0; // the window in which a repeated message id is dropped
    std::int64_t max_per_subject = 0;
    bool allow_direct = false; // readable by subject with $JS.API.DIRECT.GET
    int replicas = 1;          // copies on as many servers of a JetStream cluster
};

struct ConsumerState {
    std::uint64_t pending = 0;    // not yet handed out
    std::int64_t ack_pending = 0; // handed out, neither acknowledged nor expired
    std::int64_t redelivered = 0;
};

struct StoredMessage {
    std::uint64_t sequence = 0;
    std::string subject;
    std::string data;
};

// Frees the NATS library's global state (its threads and caches) once no connection is left;
// after it, a new connection starts the library again.
void release_library();

class Connection {
public:
    // Connects to `url` with the user credentials in `creds_path`; throws a Failure saying
    // whether the server could not be reached or refused the credentials.
    Connection(const std::string& url, const std::string& creds_path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Creates the stream, or leaves an existing one of that name as it is.
    void ensure_stream(const StreamSpec& spec);
    bool stream_exists(const std::string& name);
    void delete_stream(const std::string& name);
    // A durable pull consumer acknowledging each message explicitly within `ack_wait_ns`.
    void ensure_pull_consumer(const std::string& stream, const std::string& name,
                              std::int64_t ack_wait_ns, int replicas);
    std::optional<ConsumerState> consumer_state(const std::string& stream, const std::string& name);
    void delete_consumer(const std::string& stream, const std::string& name);
    // Publishes and waits until JetStream stored it; returns false when the id was a duplicate.
    bool publish(const std::string& subject, const std::string& data,
                 const std::string& message_id = {});
    // The last message on `subject`, if any.
    std::optional<std::string> last(const std::string& stream, const std::string& subject);
    // Every message of the stream on `subject` (wildcards allowed) in order, up to the last one
    // stored when it is called.
    void for_each(const std::string& stream, const std::string& subject,
                  const std::function<void(const StoredMessage&)>& visit);

private:
    __natsConnection* m_connection = nullptr;
    __jsCtx* m_js = nullptr;
};

} // namespace gloss::cli::nats
