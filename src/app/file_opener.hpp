// FileOpener (Open…, a dropped file, openFile, loadDocuments without replace): files read into
// documents in whatever format they are (a .zip as the files in it, brat's .ann with its .txt,
// W3C annotations with their texts, a schema's labels merged in), and the questions they ask
// before anything is added — which format, when the content fits two; what to do with ids the
// project has already; whether to add labels the schema lacks. Every file is read first: when
// one fails, nothing of them is added and the work is unchanged. The opener owns its queue of
// questions and adds to the session. Layer: app.
#pragma once

#include "app/frame_pacer.hpp"
#include "app/session.hpp"
#include "io/format.hpp"

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::app {

// Labels to add to `schema`: as a file defined them (a project's schema), else by name alone
// (colour 0, no key), which then get a colour of their own. A label keeps its own key when no
// label and no command (reserved_letters) has it; otherwise it gets the first such free letter of
// its name, else any free letter, else none.
std::vector<core::Label> labels_for(const core::LabelSchema& schema,
                                    const std::vector<core::Label>& wanted);

class FileOpener {
public:
    // Shows a message in the error bar ("" clears it).
    using Report = std::function<void(std::string)>;
    FileOpener(Session& session, FramePacer& frames, Report report)
        : m_session(session), m_frames(frames), m_report(std::move(report)) {}

    // Opens files chosen or dropped together: each .ann with its .txt (a brat folder), every
    // other file alone, its format told by its name or content; a .zip as the files in it. Each
    // file's documents are added as one undoable step; when some ids are in the project already,
    // or the content fits two formats, or labels are not in the schema, the user is asked first
    // and nothing changes until then. When any file fails, nothing of them is added and every
    // problem is shown with its place.
    core::Diagnostics open_files(std::vector<io::NamedFile> files);
    core::Diagnostics open_file(const std::string& name, std::string_view bytes) {
        return open_files({{name, std::string(bytes)}});
    }
    // Adds the documents of a Gloss JSONL text as one undoable step; ids the project has
    // already are handled as `on_clash` says, or, without it, refused with an error naming them
    // (window.gloss.loadDocuments: it cannot ask).
    core::Diagnostics add_documents_jsonl(std::string_view jsonl, const std::string& source,
                                          std::optional<Session::OnClash> on_clash);

    // Whether a question waits for an answer (it then has the keys).
    bool asking() const { return !m_pending_opens.empty() || m_pending_labels.has_value(); }
    // Files waiting for an answer about their format or their ids.
    std::size_t opens_waiting() const { return m_pending_opens.size(); }
    // The formats the first waiting file may be read as (empty unless that is the question).
    std::vector<std::string_view> open_format_choices() const;
    // The answers for the first waiting file: the format by its index among the choices, what
    // to do with the ids; whether to add the labels (each with a colour and a free key) and open
    // the files. Nothing (std::nullopt, false) cancels (nothing added).
    void answer_format(std::optional<std::size_t> index);
    void answer_clash(std::optional<Session::OnClash> on_clash);
    void answer_new_labels(bool add);
    // The labels the files wait to add (empty unless that is the question).
    std::vector<std::string> labels_to_add() const;

    // The question asked now, if any, as a window in the middle; `scale` is the interface's.
    void draw(float scale);

private:
    // A file (or a brat group of files) read, not yet added; `note` says why no spans came;
    // `new_labels`: labels it uses (then it was read without the schema) or its project schema
    // defines that the schema lacks, as the file defines them (else by name, colour 0).
    struct OpenedFile {
        std::string name;
        io::ImportResult result;
        std::string note;
        std::vector<core::Label> new_labels;
    };
    OpenedFile read_file(std::string name, const std::vector<io::NamedFile>& files,
                         const io::Format& format);
    // Adds what was read, or asks about clashing ids (the question goes to the front when it
    // answers one about the same file).
    enum class Queue { Front, Back };
    void add_opened_files(std::vector<OpenedFile> opened, Queue queue);
    void add_opened(std::vector<core::Document> documents, Session::OnClash on_clash);
    // Asks about `labels` for `files` (joining a question already asked).
    void wait_for_new_labels(std::vector<OpenedFile> files, std::vector<core::Label> labels);
    // A question's window: centred, up to 560 px wide, focused, as tall as its content; false
    // (and ended) when it is not shown. The caller ends it otherwise.
    bool begin_question(const char* title, float scale);
    void draw_format_question(float scale);
    void draw_clash_question(float scale);
    void draw_new_labels_question(float scale);

    Session& m_session;
    FramePacer& m_frames;
    Report m_report;
    // A file waiting for an answer: which format (`formats`, with its bytes) or, read, what to do
    // with its documents whose ids the project has (`clashes`).
    struct PendingOpen {
        std::string name;
        std::vector<core::Document> documents;
        std::vector<std::string> clashes;
        std::vector<const io::Format*> formats;
        std::string bytes;
        std::string why; // what made the formats fit
    };
    std::deque<PendingOpen> m_pending_opens;
    // Files waiting for labels to be added to the schema.
    struct PendingLabels {
        std::vector<OpenedFile> files;
        std::vector<core::Label> labels; // as they would be added: colour and a free key
    };
    std::optional<PendingLabels> m_pending_labels;
};

} // namespace gloss::app
