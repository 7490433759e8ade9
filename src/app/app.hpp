// App: the whole interface, one call per frame. Layer: app. The web main loop and the headless
// test loop both call frame() between ImGui::NewFrame() and ImGui::Render().
#pragma once

#include "app/article_view.hpp"
#include "app/command_palette.hpp"
#include "app/commands.hpp"
#include "app/file_opener.hpp"
#include "app/fonts.hpp"
#include "app/frame_pacer.hpp"
#include "app/host.hpp"
#include "app/inspector.hpp"
#include "app/projects_window.hpp"
#include "app/relation_picker.hpp"
#include "app/schema_editor.hpp"
#include "app/search_bar.hpp"
#include "app/session.hpp"
#include "app/task_link.hpp"
#include "io/format.hpp"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct ImRect;

namespace gloss::app {

class App {
public:
    explicit App(Host& host)
        : m_host(host), m_search(m_session, m_frames, m_article,
                                 [this](std::string text) { announce(std::move(text)); }) {
        m_fonts.set_drawer(
            [this](std::string_view text, float pixels, float ascent, GlyphImage& out) {
                return m_host.draw_glyph(text, pixels, ascent, out);
            });
        m_article.set_glyphs(&m_fonts);
        m_article.set_word_finder(
            [this](std::string_view text) { return m_host.word_starts(text); });
    }

    // Fonts from TTF bytes for the current ImGui context; false when the bytes are unusable
    // (ImGui's built-in font is used then, without curly quotes).
    bool load_fonts(const void* ttf, std::size_t size, float scale);
    // Scales the whole interface (fonts rasterised at the new size by the next update_fonts(),
    // style sizes scaled): the web platform passes devicePixelRatio so text is crisp.
    void set_ui_scale(float scale);
    // Before ImGui::NewFrame(): adds the glyphs of whatever the session holds now (documents,
    // labels, attribute values, a field being edited, messages) to the font atlas and rebuilds
    // it when some were missing or the scale changed. True when it rebuilt: the renderer must
    // upload the font texture again.
    bool update_fonts();
    const FontAtlas& fonts() const { return m_fonts; }
    float ui_scale() const { return m_scale; }
    // Schema from JSON; on error the current schema stays and the diagnostics say why.
    core::Diagnostics load_schema(std::string_view json, const std::string& source);
    // Documents from Gloss JSONL; on error the session is untouched and the error is shown.
    core::Diagnostics load_documents(std::string_view jsonl, const std::string& source);
    std::string annotations_jsonl() const { return m_session.export_jsonl(); }
    // The English lexicon for the Assist detectors (the generated asset's bytes), parsed when
    // Assist first steps (after the first frame that shows the documents, so that it does not
    // delay that frame). Bytes that are not one are reported on stderr; the detectors then work
    // with their built-in words only.
    void defer_lexicon(std::string asset);
    // Opening files (Open…, dropped files, openFile, loadDocuments without replace): their
    // reading, the questions they ask and their answers (file_opener.hpp).
    FileOpener& opener() { return m_opener; }
    const FileOpener& opener() const { return m_opener; }
    // The Labels window (schema_editor.hpp).
    bool schema_open() const { return m_schema_editor.is_open(); }
    // What the Labels window says: a refusal, or the question before removing a label.
    const std::string& schema_message() const { return m_schema_editor.message(); }
    void set_schema_open(bool open) { m_schema_editor.set_open(open); }
    // Exports every document in a format of io; nullopt (and the error shown) when the format
    // is unknown or cannot be written.
    std::optional<std::vector<io::NamedFile>> export_as(std::string_view format);
    // Offers export_as(format) as downloads.
    void download_as(std::string_view format);
    // Review mode from several annotators' Gloss JSONL texts ({annotator, jsonl}, at least two):
    // documents matched by id, in the first text's order. On any error (unreadable text, a
    // document missing from an annotator or with another text) the session is untouched and the
    // diagnostics say why.
    core::Diagnostics
    load_review_jsonl(const std::vector<std::pair<std::string, std::string>>& annotator_jsonl);
    // Selects [start, end) of document `doc_id` and scrolls to it; false when out of range.
    bool select(std::string_view doc_id, std::size_t start, std::size_t end);

    // [SECTION] Persistence: the whole session as two texts, the project (Gloss project JSON:
    // schema, documents, spans, relations, undo history and its position) and the view (current
    // document, caret, scroll, annotator, theme). restore() leaves the session untouched on error.
    struct Snapshot {
        std::string project;
        std::string view;
    };
    Snapshot snapshot() const;
    // The view alone (small: saved on its own when only the place changed).
    std::string view_json() const;
    // Where the user is, to tell whether it changed: document, caret, scroll (whole pixels),
    // theme, corrections shown, annotator. Not the time spent, which changes all the time.
    std::string place() const;
    // The project as stored, then its journal entries (Journal) replayed in order, then the view.
    core::Diagnostics restore(std::string_view project, std::string_view view,
                              const std::vector<std::string>& journal = {});

    // A session opened from a task link (task_link.hpp): its campaign bar, instructions,
    // submission and time spent. A preview or a submission makes the session read-only.
    TaskLink& task() { return m_task; }
    const TaskLink& task() const { return m_task; }
    // Read-only whatever else happens (another tab of the browser edits this project).
    void set_view_only(bool view_only);

    // [SECTION] Projects (projects_window.hpp): the status line names the current one; the
    // Projects window lists them and asks the host to create, open, rename, delete or download.
    void set_projects(std::vector<ProjectInfo> projects) {
        for (const ProjectInfo& p : projects) {
            m_fonts.want(p.name);
            m_fonts.want(p.problem);
        }
        m_projects.set_projects(std::move(projects));
    }
    const std::vector<ProjectInfo>& projects() const { return m_projects.projects(); }
    // The project open now, or null when the host keeps none.
    const ProjectInfo* current_project() const { return m_projects.current(); }
    bool projects_open() const { return m_projects.is_open(); }
    void set_projects_open(bool open) { m_projects.set_open(open); }

    // Shows a message in the interface's error bar (until dismissed).
    void show_error(std::string message) {
        m_error = std::move(message);
        m_frames.request();
    }
    const std::string& error() const { return m_error; }

    void frame();
    // After ImGui::Render(): whether this frame must be rendered (its picture differs from the
    // one on screen); the pacer then knows when the next frame is needed (frames()).
    bool end_frame(const ImDrawData* data);
    // The colour the platform clears the screen to before rendering (the panels' paper).
    ImU32 clear_color() const;
    // Frames on demand: every method of App that changes what is shown asks it for a frame; the
    // platform schedules frames from its wake callback and next_delay().
    FramePacer& frames() { return m_frames; }
    const FramePacer& frames() const { return m_frames; }

    Session& session() { return m_session; }
    const Session& session() const { return m_session; }
    const ArticleView& article_view() const { return m_article; }
    void set_dark(bool dark);
    bool dark() const { return m_dark; }
    // Offers every document as a Gloss JSONL download (also Ctrl+E).
    void export_jsonl();

    // State shown by the interface that tests and the platform read.
    // Picking a relation (after S or R): its type or its target, by number or a click.
    bool picking_relation() const { return m_picker.active(); }
    bool show_all_relations() const { return m_show_all_relations; }
    bool search_open() const { return m_search.is_open(); }
    // The search's hits (every document's, or the shown one's).
    const Session::Found& search_found() const { return m_search.found(); }
    bool show_corrections() const { return m_show_corrections; }
    bool palette_open() const { return m_palette.is_open(); }
    bool shortcuts_open() const { return m_show_shortcuts; }

    // [SECTION] Announcements: what a screen reader says after a command (the platform puts it
    // in an ARIA live region). The count tells a new announcement of the same text apart.
    void announce(std::string text) {
        m_announcement = std::move(text);
        ++m_announcements;
        m_frames.request();
    }
    const std::string& announcement() const { return m_announcement; }
    std::uint64_t announcements() const { return m_announcements; }
    // One line on what is selected (label, text, attributes) or where the caret is (its
    // sentence), for the live region.
    std::string describe_selection();
    // Runs the command of the table with this id (commands.hpp) as the palette would; false
    // (and an announcement saying why) when it does not apply now or there is no such command.
    bool run_command(std::string_view id);

private:
    friend std::vector<Command> make_command_table();
    // [SECTION] Commands (keyboard.cpp): the actions of the command table (commands.cpp).
    enum class Gate { Now, AsIfKeysFree }; // AsIfKeysFree: as the palette asks, over itself
    bool keys_free() const;                // no text field, window or question takes the keys
    bool applies(Context context, Gate gate) const;
    // A digit pressed: a relation's type or target, a version under review, or a value of the
    // selected span's first enumeration (Shift: its second).
    enum class Enumeration { First, Second };
    void handle_digit(int digit, Enumeration enumeration);
    void walk_spans(Direction direction);
    void scroll_to_selected();
    void move_edge(Edge edge, EdgeMove move);
    void command_palette();
    void command_find();
    void command_labels();
    void command_export_jsonl();
    void command_instructions();
    void command_label_all();
    void command_close_search();
    void command_match_case();
    void command_whole_word();
    void command_regular_expression();
    void command_all_documents();
    void command_next_disagreement();
    void command_previous_disagreement();
    void command_cancel();
    void command_next_span();
    void command_previous_span();
    void command_next_suggestion();
    void command_previous_suggestion();
    void command_accept();
    void command_accept_all();
    void command_reject();
    void command_remove();
    void command_grow_end();
    void command_shrink_end();
    void command_grow_start();
    void command_shrink_start();
    void command_pick_speaker();
    void command_relate();
    void command_show_relations();
    void command_corrections();
    void command_undo();
    void command_redo();
    void command_done();
    void command_next_document();
    void command_previous_document();
    void command_submit();
    void command_open();
    void command_export_as();
    void command_review();
    void command_projects();
    void command_detectors();
    void command_theme();
    void command_dismiss();
    void command_shortcuts();
    // The command palette: its entries now (palette_entries.cpp); opened with a query typed.
    std::vector<CommandPalette::Entry> palette_entries();
    void open_palette(const std::string& query);
    void draw_command_palette();
    CommandPalette m_palette;
    std::string m_announcement;
    std::uint64_t m_announcements = 0;
    std::string m_followed; // what the last announcement of the selection was about
    std::uint64_t m_announcements_followed = 0; // announcements as of the last follow_selection
    std::string m_followed_sentence;            // "document:start" of the sentence announced
    void follow_selection();
    // Panels (app.cpp, panels.cpp, inspector.cpp).
    void draw_palette();
    void draw_queue();
    void step_assist();
    std::size_t m_assist_added = 0; // suggestions added by the run in progress
    void draw_status();
    void draw_shortcut_sheet();
    void paint_window_background(const ImRect* panels, int count);
    // Review mode (review_panel.cpp): the inspector's legend and alternatives, and its keys.
    // Keyboard (keyboard.cpp).
    void handle_shortcuts();
    void handle_caret_keys();

    Host& m_host;
    FramePacer m_frames;
    bool m_view_only = false;
    void update_read_only();               // view-only, or the task link's answers frozen
    std::string m_lexicon_asset;           // waiting for Assist's first step (defer_lexicon)
    std::uint64_t m_revision_drawn = 0;    // the session's revision after the last frame
    std::uint64_t m_revision_reported = 0; // the revision the host last heard of
    bool m_assist_deferred = false;        // Assist skipped this frame, to step in the next
    Session m_session;
    ArticleView m_article;
    FontAtlas m_fonts;
    TaskLink m_task{m_session, m_frames, m_host, m_fonts, [this] { update_read_only(); }};
    // What update_fonts() has asked the atlas for: the texts of these documents (their bytes'
    // addresses), and the spans and schema as of this revision.
    std::vector<const void*> m_glyph_texts;
    std::uint64_t m_glyph_revision = ~std::uint64_t{0};
    std::size_t m_glyph_document = ~std::size_t{0};
    void want_session_glyphs();
    void want_typed_glyphs();
    float m_scale = 1.0f;
    float m_panel_height = 0; // height of the three panels this frame
    std::string m_error;
    bool m_dark = false;
    bool m_show_shortcuts = false;
    bool m_show_corrections = false;
    // Picking a relation (S for a quote's speaker, R for any kind): first its type by number when
    // several apply, then its target among the numbered nearby spans (or a click).
    RelationPicker m_picker{m_session, m_frames,
                            [this](std::string text) { announce(std::move(text)); }};
    bool m_show_all_relations = false; // else only the selected span's are drawn
    Inspector m_inspector{m_session, m_frames, m_article, m_picker,
                          [this](std::string text) { announce(std::move(text)); }};
    ProjectsWindow m_projects{m_host, m_frames};
    FileOpener m_opener{m_session, m_frames, [this](std::string message) {
                            m_error = std::move(message);
                            m_frames.request();
                        }};
    SchemaEditor m_schema_editor{m_session, m_frames, m_host};
    SearchBar m_search; // after the session, the pacer and the article view it uses
};

} // namespace gloss::app
