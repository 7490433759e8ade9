// SearchBar (Ctrl+F): the query, its options and its hits in the document shown or in every
// document (core/text/search.hpp through Session::find), recomputed whenever the query, an
// option, the documents or the document shown change; Enter walks the hits, "label all"
// labels them as one undo step. The bar owns its state and reads the session. Layer: app.
#pragma once

#include "app/article_view.hpp"
#include "app/frame_pacer.hpp"
#include "app/session.hpp"

#include <functional>
#include <string>
#include <vector>

namespace gloss::app {

class SearchBar {
public:
    using Announce = std::function<void(std::string)>;
    SearchBar(Session& session, FramePacer& frames, ArticleView& article, Announce announce)
        : m_session(session), m_frames(frames), m_article(article),
          m_announce(std::move(announce)) {}

    bool is_open() const { return m_open; }
    // The query field has the keys (typing goes into it).
    bool has_keys() const { return m_field_active; }
    const char* query() const { return m_query; }
    // Every document's hits, or the shown one's, and what went wrong with the query.
    const Session::Found& found() const { return m_found; }

    void open();  // and give the field the keys
    void close(); // and forget the hits
    void toggle_match_case();
    void toggle_whole_word();
    void toggle_regular_expression();
    void toggle_all_documents();
    // The hits in the document shown, for the article view to mark.
    std::vector<Selection> matches_shown() const;
    // Selects the next (previous) hit, from the caret at first; shows its document.
    void go_to_match(Direction direction);
    // Labels every hit as `label_name`: one undo step over every document it changes.
    void label_all(const std::string& label_name);
    // The bar's row; `scale` is the interface's.
    void draw(float scale);

private:
    void update();

    Session& m_session;
    FramePacer& m_frames;
    ArticleView& m_article;
    Announce m_announce;
    bool m_open = false;
    bool m_focus = false;        // the field takes the keys in the next frame
    bool m_field_active = false; // the field has the keys
    char m_query[256] = {};
    core::SearchOptions m_options;
    bool m_all_documents = false;
    Session::Found m_found;
    std::size_t m_current = ~std::size_t{0}; // the hit last gone to (none yet)
    std::string m_computed_for;              // what m_found was computed for
};

} // namespace gloss::app
