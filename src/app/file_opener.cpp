// FileOpener (file_opener.hpp): reading opened files, and adding their documents once the
// questions they ask are answered. Layer: app.
#include "app/file_opener.hpp"

#include "app/commands.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/gloss_project.hpp"
#include "io/json_value.hpp"
#include "io/record_reader.hpp"
#include "io/schema_io.hpp"
#include "io/zip.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

namespace gloss::app {

std::vector<core::Label> labels_for(const core::LabelSchema& schema,
                                    const std::vector<core::Label>& wanted) {
    static const std::uint32_t kColors[] = {0x59A14FFF, 0xEDC948FF, 0xB07AA1FF, 0xFF9DA7FF,
                                            0x9C755FFF, 0x76B7B2FF, 0xF28E2BFF, 0xE15759FF};
    std::vector<char32_t> reserved = reserved_letters();
    std::set<char32_t> taken(reserved.begin(), reserved.end());
    for (const core::Label& l : schema.labels())
        if (l.hotkey) taken.insert(l.hotkey);
    std::vector<core::Label> out;
    for (core::Label label : wanted) {
        if (label.color == 0)
            label.color = kColors[(schema.labels().size() + out.size()) % std::size(kColors)];
        if (label.hotkey && !taken.count(label.hotkey)) {
            taken.insert(label.hotkey);
            out.push_back(std::move(label));
            continue;
        }
        label.hotkey = 0;
        std::string candidates = label.name + "abcdefghijklmnopqrstuvwxyz";
        for (char c : candidates) {
            char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lower >= 'a' && lower <= 'z' && !taken.count(static_cast<char32_t>(lower))) {
                label.hotkey = static_cast<char32_t>(lower);
                taken.insert(label.hotkey);
                break;
            }
        }
        out.push_back(std::move(label));
    }
    return out;
}

namespace {

// The schema JSON the CLI reads ({"labels": [...]}, no documents), not a dataset.
bool is_schema_json(std::string_view bytes) {
    std::size_t first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first == std::string_view::npos || bytes[first] != '{' || bytes.size() > (8u << 20))
        return false;
    io::Json j = io::Json::parse(bytes.begin(), bytes.end(), nullptr, false);
    return j.is_object() && j.contains("labels") && j["labels"].is_array() &&
           !j.contains("documents") && !j.contains("text");
}

bool has_extension(const std::string& name, std::string_view ext) {
    return name.size() >= ext.size() &&
           name.compare(name.size() - ext.size(), ext.size(), ext) == 0;
}

std::string without_extension(const std::string& name) {
    return name.substr(0, name.rfind('.'));
}

} // namespace

FileOpener::OpenedFile FileOpener::read_file(std::string name,
                                             const std::vector<io::NamedFile>& files,
                                             const io::Format& format) {
    OpenedFile out;
    out.name = std::move(name);
    io::ReadOptions options;
    options.source = out.name;
    options.schema = m_session.schema.empty() ? nullptr : &m_session.schema;
    out.result = format.read(files, options);
    // A project file's schema: the labels it defines that this one lacks, as it defines them.
    if (format.name == "project" && files.size() == 1) {
        io::ProjectResult project = io::read_gloss_project(files[0].bytes, out.name);
        if (project.project.schema)
            for (const core::Label& l : project.project.schema->labels())
                if (!m_session.schema.find(l.name)) out.new_labels.push_back(l);
    }
    // Only labels the schema lacks: read again without it, and offer to add them.
    auto unknown_labels_only = [](const core::Diagnostics& d) {
        return core::has_errors(d) &&
               std::all_of(d.begin(), d.end(), [](const core::Diagnostic& x) {
                   return x.severity != core::Severity::Error ||
                          x.code == core::DiagnosticCode::UnknownLabel;
               });
    };
    if (options.schema && unknown_labels_only(out.result.diagnostics)) {
        options.schema = nullptr;
        io::ImportResult again = format.read(files, options);
        if (again.ok()) {
            std::set<std::string> seen;
            for (const core::Label& l : out.new_labels)
                seen.insert(l.name);
            for (const core::Document& d : again.documents)
                d.spans().for_each([&](const core::Span& s) {
                    if (m_session.schema.find(s.label) || !seen.insert(s.label).second) return;
                    core::Label label;
                    label.name = s.label;
                    label.kind = io::kind_of(nullptr, s.label);
                    label.color = 0;
                    out.new_labels.push_back(std::move(label));
                });
            out.result = std::move(again);
        }
    }
    if (out.result.ok() && out.result.documents.empty())
        out.result.diagnostics.push_back(core::make_diagnostic(
            core::DiagnosticCode::Other, {out.name + ": no documents in the file"}));
    std::size_t spans = 0;
    for (const core::Document& d : out.result.documents)
        spans += d.spans().size();
    std::string unread;
    if (spans == 0 && files.size() == 1)
        for (const std::string& member : io::unread_annotation_members(format, files[0].bytes))
            unread += (unread.empty() ? "" : ", ") + member;
    if (!unread.empty()) {
        out.note = out.name + ": opened as " + std::string(format.name) +
                   " with no spans, but its records have " + unread +
                   ", which Gloss does not read as annotations in this format; if the file is "
                   "another tool's, give it that format's own extension (such as .doccano.jsonl)";
        out.result.diagnostics.push_back(
            core::make_diagnostic(core::DiagnosticCode::Other, {out.note}));
        out.result.diagnostics.back().severity = core::Severity::Warning;
    }
    return out;
}

core::Diagnostics FileOpener::open_files(std::vector<io::NamedFile> files) {
    m_frames.request();
    const std::size_t count = files.size();
    const std::string first_name = files.empty() ? std::string() : files[0].name;
    // A .zip opens as the files in it (folders and macOS's __MACOSX/ copies left out).
    core::Diagnostics all;
    std::vector<io::NamedFile> unpacked;
    for (io::NamedFile& f : files) {
        if (!has_extension(f.name, ".zip") && !io::looks_like_zip(f.bytes)) {
            unpacked.push_back(std::move(f));
            continue;
        }
        auto members = io::read_zip(f.bytes, f.name, all);
        if (!members) continue;
        if (members->empty())
            all.push_back(core::make_diagnostic(core::DiagnosticCode::Other,
                                                {f.name + ": the zip holds no files"}));
        for (io::NamedFile& m : *members)
            if (m.name.rfind("__MACOSX/", 0) != 0 && !m.name.ends_with("/.DS_Store") &&
                m.name != ".DS_Store")
                unpacked.push_back(std::move(m));
    }
    files = std::move(unpacked);
    // brat: every .ann with the .txt of the same name (and annotation.conf) read together.
    std::vector<io::NamedFile> brat, rest;
    std::set<std::string> ann_stems;
    for (const io::NamedFile& f : files)
        if (has_extension(f.name, ".ann")) ann_stems.insert(without_extension(f.name));
    for (io::NamedFile& f : files) {
        bool part_of_brat =
            !ann_stems.empty() &&
            (has_extension(f.name, ".ann") || has_extension(f.name, ".conf") ||
             (has_extension(f.name, ".txt") && ann_stems.count(without_extension(f.name))));
        (part_of_brat ? brat : rest).push_back(std::move(f));
    }
    // Everything is read first: when any file fails, nothing of them is added.
    std::vector<OpenedFile> opened;
    std::vector<PendingOpen> questions;
    if (!brat.empty()) {
        std::string name =
            brat.size() == 1 ? brat[0].name : std::to_string(ann_stems.size()) + " brat file(s)";
        opened.push_back(read_file(name, brat, *io::find_format("brat")));
    }
    // W3C annotations with the texts they point at (texts.jsonl, as the export writes them).
    auto is_w3c = [](const io::NamedFile& f) {
        return has_extension(f.name, ".w3c.jsonld") || has_extension(f.name, ".annotations.json");
    };
    if (std::any_of(rest.begin(), rest.end(), is_w3c)) {
        std::vector<io::NamedFile> w3c, others;
        for (io::NamedFile& f : rest)
            (is_w3c(f) || has_extension(f.name, "texts.jsonl") ? w3c : others)
                .push_back(std::move(f));
        opened.push_back(read_file(w3c.front().name, w3c, *io::find_format("w3c")));
        rest = std::move(others);
    }
    std::vector<core::LabelSchema> schemas; // schema JSON files opened: merged in below
    for (io::NamedFile& f : rest) {
        if (is_schema_json(f.bytes)) {
            if (auto schema = io::read_schema(f.bytes, f.name, all)) schemas.push_back(*schema);
            continue;
        }
        io::DetectedFormat detected = io::detect_format(f.name, f.bytes);
        if (!detected.candidates.empty()) {
            questions.push_back({f.name,
                                 {},
                                 {},
                                 std::move(detected.candidates),
                                 std::move(f.bytes),
                                 std::move(detected.reason)});
            continue;
        }
        if (!detected.format || !detected.format->read) {
            std::string known;
            for (const io::Format& format : io::formats())
                if (format.read)
                    for (std::string_view ext : format.extensions)
                        known += (known.empty() ? "" : ", ") + std::string(ext);
            all.push_back(core::make_diagnostic(
                core::DiagnosticCode::Other,
                {f.name + ": cannot tell the format from the name or the content (Gloss opens " +
                 known + ", and a brat .ann with its .txt)"}));
            continue;
        }
        opened.push_back(read_file(f.name, {f}, *detected.format));
    }
    for (const OpenedFile& o : opened)
        all.insert(all.end(), o.result.diagnostics.begin(), o.result.diagnostics.end());
    if (core::has_errors(all)) {
        std::string what = count == 1 ? first_name : std::to_string(count) + " files";
        m_report("Could not open " + what + " (your work is unchanged):\n" +
                 core::summarize_errors(all));
        return all;
    }
    // A schema opened: its labels replace those of the same name and join the others.
    if (!schemas.empty()) {
        core::LabelSchema merged = m_session.schema;
        for (const core::LabelSchema& s : schemas)
            for (const core::Label& l : s.labels())
                if (!merged.replace(l.name, l)) merged.add(l);
        m_session.set_schema(std::move(merged));
    }
    std::vector<core::Label> new_labels;
    for (const OpenedFile& o : opened)
        for (const core::Label& l : o.new_labels)
            if (std::none_of(new_labels.begin(), new_labels.end(),
                             [&](const core::Label& x) { return x.name == l.name; }))
                new_labels.push_back(l);
    if (!new_labels.empty())
        wait_for_new_labels(std::move(opened), new_labels);
    else
        add_opened_files(std::move(opened), Queue::Back);
    for (PendingOpen& q : questions)
        m_pending_opens.push_back(std::move(q));
    return all;
}

void FileOpener::wait_for_new_labels(std::vector<OpenedFile> files,
                                     std::vector<core::Label> labels) {
    // Files opened while the question is asked join it: none is dropped.
    if (m_pending_labels) {
        std::vector<OpenedFile> waiting = std::move(m_pending_labels->files);
        std::move(files.begin(), files.end(), std::back_inserter(waiting));
        files = std::move(waiting);
        std::vector<core::Label> asked = m_pending_labels->labels;
        for (core::Label& l : labels)
            if (std::none_of(asked.begin(), asked.end(),
                             [&](const core::Label& x) { return x.name == l.name; }))
                asked.push_back(std::move(l));
        labels = std::move(asked);
    }
    m_frames.request();
    m_pending_labels = PendingLabels{std::move(files), labels_for(m_session.schema, labels)};
}

std::vector<std::string> FileOpener::labels_to_add() const {
    std::vector<std::string> out;
    if (m_pending_labels)
        for (const core::Label& l : m_pending_labels->labels)
            out.push_back(l.name);
    return out;
}

void FileOpener::answer_new_labels(bool add) {
    if (!m_pending_labels) return;
    PendingLabels pending = std::move(*m_pending_labels);
    m_pending_labels.reset();
    m_frames.request();
    if (!add) return;
    core::LabelSchema schema = m_session.schema;
    for (core::Label& l : pending.labels)
        schema.add(std::move(l));
    m_session.set_schema(std::move(schema));
    add_opened_files(std::move(pending.files), Queue::Back);
}

void FileOpener::add_opened_files(std::vector<OpenedFile> opened, Queue queue) {
    std::string notes;
    for (OpenedFile& o : opened) {
        if (!o.note.empty()) notes += (notes.empty() ? "" : "\n") + o.note + ".";
        std::vector<std::string> clashes = m_session.clashing_ids(o.result.documents);
        if (clashes.empty()) {
            add_opened(std::move(o.result.documents), Session::OnClash::KeepBoth);
            continue;
        }
        PendingOpen ask{o.name, std::move(o.result.documents), std::move(clashes), {}, {}, {}};
        if (queue == Queue::Front)
            m_pending_opens.push_front(std::move(ask));
        else
            m_pending_opens.push_back(std::move(ask));
    }
    if (!notes.empty()) m_report(notes);
}

std::vector<std::string_view> FileOpener::open_format_choices() const {
    std::vector<std::string_view> out;
    if (!m_pending_opens.empty())
        for (const io::Format* f : m_pending_opens.front().formats)
            out.push_back(f->name);
    return out;
}

void FileOpener::answer_format(std::optional<std::size_t> index) {
    if (m_pending_opens.empty() || m_pending_opens.front().formats.empty()) return;
    PendingOpen open = std::move(m_pending_opens.front());
    m_pending_opens.pop_front();
    m_frames.request();
    if (!index || *index >= open.formats.size()) return;
    OpenedFile read =
        read_file(open.name, {{open.name, std::move(open.bytes)}}, *open.formats[*index]);
    if (core::has_errors(read.result.diagnostics)) {
        m_report("Could not open " + read.name + " (your work is unchanged):\n" +
                 core::summarize_errors(read.result.diagnostics));
        return;
    }
    std::vector<OpenedFile> one;
    std::vector<core::Label> new_labels = read.new_labels;
    one.push_back(std::move(read));
    if (!new_labels.empty())
        wait_for_new_labels(std::move(one), new_labels);
    else
        add_opened_files(std::move(one), Queue::Front);
}

core::Diagnostics FileOpener::add_documents_jsonl(std::string_view jsonl, const std::string& source,
                                                  std::optional<Session::OnClash> on_clash) {
    m_frames.request();
    io::JsonlReadOptions options;
    options.source = source;
    options.schema = m_session.schema.empty() ? nullptr : &m_session.schema;
    io::ImportResult result = io::read_gloss_jsonl(jsonl, options);
    std::vector<std::string> clashes = m_session.clashing_ids(result.documents);
    if (result.ok() && !on_clash && !clashes.empty()) {
        std::string list;
        for (std::size_t i = 0; i < clashes.size() && i < 5; ++i)
            list += (i ? ", " : "") + clashes[i];
        if (clashes.size() > 5) list += ", \u2026";
        core::Place place;
        place.source = source;
        result.diagnostics.push_back(core::make_diagnostic(
            core::DiagnosticCode::Other,
            {std::to_string(clashes.size()) + " of these documents are in the project already (" +
             list + "): say what to do with them (onClash: replace, keep or skip)"},
            place));
    }
    if (core::has_errors(result.diagnostics)) {
        m_report("Could not add the documents of " + source + " (your work is unchanged):\n" +
                 core::summarize_errors(result.diagnostics));
        return result.diagnostics;
    }
    add_opened(std::move(result.documents), on_clash.value_or(Session::OnClash::KeepBoth));
    return result.diagnostics;
}

void FileOpener::add_opened(std::vector<core::Document> documents, Session::OnClash on_clash) {
    m_session.add_documents(std::move(documents), on_clash);
    m_report("");
    m_frames.request();
}

void FileOpener::answer_clash(std::optional<Session::OnClash> on_clash) {
    if (m_pending_opens.empty() || !m_pending_opens.front().formats.empty()) return;
    PendingOpen open = std::move(m_pending_opens.front());
    m_pending_opens.pop_front();
    m_frames.request();
    if (on_clash) add_opened(std::move(open.documents), *on_clash);
}

} // namespace gloss::app
