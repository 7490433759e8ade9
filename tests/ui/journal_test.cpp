// The edit journal (app::Journal): entries of what changed and snapshots a slice at a time,
// replayed as the browser restores them, give back exactly the project that was edited.
#include "app/journal.hpp"
#include "io/gloss_jsonl.hpp"
#include "io/schema_io.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

using namespace gloss;

namespace {

std::string read_asset(const std::string& name) {
    std::ifstream in(std::string(GLOSS_ASSETS_DIR) + "/" + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Span timestamps from a clock both sessions share, so that the same edit is the same bytes.
std::int64_t g_clock = 1700000000000;

void use_test_clock(std::vector<core::Document>& documents) {
    for (core::Document& d : documents)
        d.set_clock([] { return g_clock; });
}

std::vector<core::Document> sample_documents() {
    std::string jsonl =
        R"({"id":"a","text":"Ayşe Öztürk told Reuters on Monday that “the talks in Zürich failed” 😀 and left."})"
        "\n"
        R"({"id":"b","text":"Netanyahu and Blinken met in Tel Aviv; Blinken said “we call on all sides to stop.”"})"
        "\n"
        R"({"id":"c","text":"短い記事。 A short article about Ελλάδα and the EU, with a family 👨‍👩‍👧 in it."})"
        "\n";
    io::JsonlReadOptions options;
    options.source = "sample.jsonl";
    io::ImportResult r = io::read_gloss_jsonl(jsonl, options);
    REQUIRE(r.ok());
    use_test_clock(r.documents);
    return std::move(r.documents);
}

core::LabelSchema default_schema() {
    core::Diagnostics d;
    auto schema = io::read_schema(read_asset("schema/default.json"), "default.json", d);
    REQUIRE(schema);
    return *schema;
}

// The first place two projects differ, with some context (readable where they are long).
std::string first_difference(const std::string& a, const std::string& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    if (i == a.size() && i == b.size()) return "";
    std::size_t from = i < 300 ? 0 : i - 300;
    return "at byte " + std::to_string(i) + ":\n  " + a.substr(from, 500) + "\n  " +
           b.substr(from, 500);
}

std::string project_of(const app::Session& s) {
    io::ProjectWriteOptions options;
    options.pretty = false;
    options.skip_untouched_suggestions = true;
    options.addition = s.saved_addition();
    return io::write_gloss_project(&s.schema, {}, s.documents(), options);
}

// What IndexedDB holds: the last snapshot and the entries after it.
struct Store {
    std::string project;
    std::vector<std::string> entries;
};

// Saves what changed, as the browser's autosave does: an entry, or a snapshot when one is needed
// (written in small slices).
void save(app::Journal& journal, app::Session& session, Store& store, std::size_t slice = 3) {
    if (journal.needs_snapshot(session)) {
        journal.begin_snapshot(session);
        std::string out;
        while (!journal.step_snapshot(out, slice)) {
        }
        journal.stored(session);
        store = {out, {}};
        return;
    }
    io::JournalEntry entry = journal.take(session);
    if (!entry.documents.empty()) store.entries.push_back(io::write_journal_entry(entry));
}

void compact(app::Journal& journal, app::Session& session, Store& store) {
    journal.begin_snapshot(session);
    std::string out;
    while (!journal.step_snapshot(out, 5)) {
    }
    journal.stored(session);
    store = {out, {}};
}

// A reload: the session as App::restore builds it from the store.
void reload(app::Session& session, app::Journal& journal, const Store& store) {
    io::ProjectResult result = io::read_gloss_project(store.project, "stored");
    INFO(store.project.substr(0, 300));
    REQUIRE(result.ok());
    for (const std::string& text : store.entries) {
        core::Diagnostics d;
        auto entry = io::read_journal_entry(text, "entry", d);
        REQUIRE(entry);
        std::string problem;
        INFO(text);
        REQUIRE(app::replay(result.project.documents, *entry, problem));
    }
    app::drop_untouched_suggestions(result.project.documents);
    use_test_clock(result.project.documents);
    session.set_schema(std::move(*result.project.schema));
    session.replace_documents(std::move(result.project.documents));
    if (result.project.addition) {
        use_test_clock(result.project.addition->documents);
        REQUIRE(
            session.restore_addition(std::move(*result.project.addition), !store.entries.empty()));
    }
    journal = app::Journal();
    journal.stored(session, store.entries.size());
}

// One random user action, chosen from the session's state (both sessions are in the same state,
// so the same draw does the same thing to each).
std::string random_action(app::Session& s, std::mt19937& rng) {
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const auto& labels = s.schema.labels();
    int action = static_cast<int>(pick(100));
    if (action < 6) {
        s.open(pick(s.documents().size()));
        return "open " + std::to_string(s.current_index());
    }
    core::Document* doc = s.document();
    std::size_t length = doc->text().size();
    auto spans = doc->spans().all();
    if (action < 34) { // label a range
        std::size_t a = pick(length - 1),
                    b = a + 1 + pick(std::min<std::size_t>(12, length - a - 1));
        s.select_range({a, b});
        s.apply_label(labels[pick(labels.size())]);
    } else if (action < 44 && !spans.empty()) { // remove one
        s.select_span(spans[pick(spans.size())]->id);
        s.remove_selected();
    } else if (action < 54 && !spans.empty()) { // change an attribute
        s.set_attribute(spans[pick(spans.size())]->id, "canonical",
                        pick(4) ? "Name " + std::to_string(pick(9)) + " “Ö” 😀" : "");
    } else if (action < 60 && !spans.empty()) { // move an edge
        const core::Span* span = spans[pick(spans.size())];
        s.set_span_edge(span->id, pick(2) == 0 ? app::Edge::Start : app::Edge::End,
                        pick(2) ? span->start + 1 : span->end + 1);
    } else if (action < 66 && spans.size() > 1) { // a relation
        s.set_speaker(spans[pick(spans.size())]->id, spans[pick(spans.size())]->id);
    } else if (action < 74) {
        s.undo();
    } else if (action < 80) {
        s.redo();
    } else if (action < 84) {
        s.set_done(s.current_index(), pick(2) == 0);
    } else if (action < 86) { // a file opened: a new document, or one replacing the project's
        bool replace = pick(3) == 0;
        std::string id = replace ? s.documents()[pick(s.documents().size())].id
                                 : "added-" + std::to_string(pick(1000));
        io::JsonlReadOptions options;
        options.source = "added.jsonl";
        io::ImportResult r =
            io::read_gloss_jsonl(R"({"id":")" + id + R"(","text":"Added by “)" + id +
                                     R"(” 😀 in Zürich."})"
                                     "\n",
                                 options);
        REQUIRE(r.ok());
        use_test_clock(r.documents);
        auto added =
            s.add_documents(std::move(r.documents), replace ? app::Session::OnClash::Replace
                                                            : app::Session::OnClash::KeepBoth);
        return "add " + id + " " + std::to_string(added.added + added.replaced);
    } else if (action < 92) { // a suggestion appears (Assist), untouched for now
        core::Span sug;
        sug.start = static_cast<std::uint32_t>(pick(length - 1));
        sug.end = sug.start + 1;
        sug.label = "ERROR";
        sug.origin = core::Origin::Suggested;
        sug.status = core::Status::Pending;
        doc->add_suggestion(sug);
    } else if (s.assist().select_adjacent(
                   pick(2) == 0 ? app::Direction::Forward
                                : app::Direction::Backward)) { // touched: accepted or rejected
        return std::string(pick(2) ? "accept " : "reject ") + std::to_string(s.selected_span()) +
               " " +
               std::to_string(pick(2) ? s.assist().accept_selected()
                                      : s.assist().reject_selected());
    }
    return "action " + std::to_string(action);
}

// A reload loses the suggestions nobody touched (Assist finds them again): the model forgets
// them too, so that both hold the same.
void forget_untouched_suggestions(app::Session& s) {
    for (std::size_t i = 0; i < s.documents().size(); ++i) {
        s.open(i);
        std::vector<core::SpanId> pending;
        for (const core::Span* span : s.document()->spans().all())
            if (span->origin == core::Origin::Suggested && span->status == core::Status::Pending)
                pending.push_back(span->id);
        s.document()->withdraw_suggestions(pending);
    }
}

} // namespace

TEST_CASE("thousands of random edits, saved as the journal saves them, with reloads and "
          "compactions between, end in the project that was edited",
          "[journal][property]") {
    for (std::uint32_t seed : {1u, 2u, 3u, 4u}) {
        INFO("seed " << seed);
        std::mt19937 rng(seed);
        app::Session model, live;
        model.set_schema(default_schema());
        live.set_schema(default_schema());
        model.replace_documents(sample_documents());
        live.replace_documents(sample_documents());
        app::Journal journal;
        Store store;
        save(journal, live, store);
        int reloads = 0, compactions = 0;
        for (int step = 0; step < 1500; ++step) {
            ++g_clock;
            std::mt19937 twin = rng;
            auto ids = [](app::Session& x) {
                std::string out = std::to_string(x.current_index()) + ":";
                for (const core::Span* sp : x.document()->spans().all())
                    out += " " + std::to_string(sp->id) +
                           std::string(core::to_string(sp->status)).substr(0, 1);
                return out;
            };
            INFO("model " << ids(model) << "\nlive  " << ids(live));
            std::string what = random_action(model, rng);
            INFO("step " << step << ": " << what << " / " << random_action(live, twin));
            REQUIRE(first_difference(project_of(model), project_of(live)) == "");
            // Not every change is saved before the next (a burst of edits is one entry).
            if (rng() % 3) save(journal, live, store);
            switch (rng() % 40) {
            case 0: // compaction
                save(journal, live, store);
                compact(journal, live, store);
                ++compactions;
                break;
            case 1: { // a reload (after the last save: what the user saw as saved)
                save(journal, live, store);
                std::size_t current = live.current_index();
                forget_untouched_suggestions(model);
                forget_untouched_suggestions(live);
                reload(live, journal, store);
                // What a reload resets (the place is saved apart, tested in the browser).
                for (app::Session* s : {&model, &live}) {
                    s->open(current);
                    s->place_caret(0);
                }
                REQUIRE(first_difference(project_of(model), project_of(live)) == "");
                ++reloads;
                break;
            }
            default:
                break;
            }
        }
        save(journal, live, store);
        forget_untouched_suggestions(model);
        reload(live, journal, store);
        CHECK(first_difference(project_of(model), project_of(live)) == "");
        CHECK(reloads > 10);
        CHECK(compactions > 10);
    }
}

TEST_CASE("an entry is only what changed: its size follows the edit, not the project",
          "[journal]") {
    app::Session s;
    s.set_schema(default_schema());
    std::vector<core::Document> documents = sample_documents();
    std::string text;
    for (int i = 0; i < 5000; ++i)
        text += "A long article, sentence after sentence. ";
    documents.emplace_back("long", core::Text(text));
    s.replace_documents(std::move(documents));
    s.open(3);
    for (std::uint32_t i = 0; i < 2000; ++i) {
        s.select_range({i * 40, i * 40 + 4});
        s.apply_label(s.schema.labels()[0]);
    }
    app::Journal journal;
    Store store;
    CHECK(journal.needs_snapshot(s));
    save(journal, s, store, 500);
    CHECK(store.project.size() > 200000);
    CHECK_FALSE(journal.needs_snapshot(s));
    s.select_range({5, 9});
    s.apply_label(s.schema.labels()[1]);
    save(journal, s, store);
    REQUIRE(store.entries.size() == 1);
    CHECK(store.entries[0].size() < 1500);
    s.undo();
    save(journal, s, store);
    REQUIRE(store.entries.size() == 2);
    CHECK(store.entries[1].size() < 1000); // the position moved; no step is written again
    CHECK(store.entries[1].find("\"groups\":[]") != std::string::npos);
    // Nothing changed: nothing to write.
    CHECK(journal.take(s).documents.empty());
    // Another schema or other documents: the next save is the whole project.
    s.set_done(0, true);
    CHECK_FALSE(journal.needs_snapshot(s));
    core::LabelSchema other = s.schema;
    core::Label extra;
    extra.name = "EXTRA";
    other.add(extra);
    s.set_schema(other);
    CHECK(journal.needs_snapshot(s));
    save(journal, s, store);
    CHECK_FALSE(journal.needs_snapshot(s));
    s.replace_documents(sample_documents());
    CHECK(journal.needs_snapshot(s));
    journal.lost();
    save(journal, s, store);
    CHECK_FALSE(journal.needs_snapshot(s));
}

TEST_CASE("a snapshot under way notices a change (the autosave then starts again)", "[journal]") {
    app::Session s;
    s.set_schema(default_schema());
    s.replace_documents(sample_documents());
    app::Journal journal;
    journal.begin_snapshot(s);
    std::string out;
    CHECK_FALSE(journal.step_snapshot(out, 2));
    CHECK(journal.snapshot_running());
    CHECK(journal.snapshot_revision() == s.revision());
    s.select_range({0, 4});
    s.apply_label(s.schema.labels()[0]);
    CHECK(journal.snapshot_revision() != s.revision());
    journal.abort_snapshot();
    CHECK_FALSE(journal.snapshot_running());
}

TEST_CASE("an entry that does not fit the stored project is refused with the reason", "[journal]") {
    std::vector<core::Document> documents = sample_documents();
    io::JournalEntry entry;
    io::DocumentChange change;
    change.index = 1;
    change.id = "not-b";
    entry.documents.push_back(change);
    std::string problem;
    CHECK_FALSE(app::replay(documents, entry, problem));
    CHECK(problem.find("not-b") != std::string::npos);
    entry.documents[0].id = "b";
    entry.documents[0].keep = 5; // b has no history
    CHECK_FALSE(app::replay(documents, entry, problem));
    CHECK(problem.find("history") != std::string::npos);
}
