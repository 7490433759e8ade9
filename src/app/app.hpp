// App: the whole interface, one call per frame. Layer: app. The web main loop and the headless
// test loop both call frame() between ImGui::NewFrame() and ImGui::Render().
#pragma once

#include "app/article_view.hpp"
#include "app/fonts.hpp"
#include "app/host.hpp"
#include "app/session.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gloss::app {

class App {
public:
    explicit App(Host& host) : m_host(host) {}

    // Fonts from TTF bytes for the current ImGui context; false when the bytes are unusable
    // (ImGui's built-in font is used then, without curly quotes).
    bool load_fonts(const void* ttf, std::size_t size, float scale);
    // Schema from JSON; on error the current schema stays and the diagnostics say why.
    core::Diagnostics load_schema(std::string_view json, const std::string& source);
    // Documents from Gloss JSONL; on error the session is untouched and the error is shown.
    core::Diagnostics load_documents(std::string_view jsonl, const std::string& source);
    std::string annotations_jsonl() const { return m_session.export_jsonl(); }
    // Selects [start, end) of document `doc_id` and scrolls to it; false when out of range.
    bool select(std::string_view doc_id, std::size_t start, std::size_t end);

    // Shows a message in the interface's error bar (until dismissed).
    void show_error(std::string message) { m_error = std::move(message); }
    const std::string& error() const { return m_error; }

    void frame();

    Session& session() { return m_session; }
    const Session& session() const { return m_session; }
    const ArticleView& article_view() const { return m_article; }
    void set_dark(bool dark);
    // Offers every document as a Gloss JSONL download (also Ctrl+E).
    void export_jsonl();

private:
    void draw_palette();
    void draw_queue();
    void draw_inspector();
    void draw_status();
    void handle_shortcuts();
    void changed();

    Host& m_host;
    Session m_session;
    ArticleView m_article;
    Fonts m_fonts;
    std::string m_error;
    bool m_dark = false;
    bool m_show_shortcuts = false;
};

} // namespace gloss::app
