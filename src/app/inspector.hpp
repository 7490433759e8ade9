// Inspector: the right-hand panel — review mode's legend and numbered versions, the selected
// span's label, text and attributes (enumerations, free text with completions for canonical
// names, a quote's speaker), its relations, the relation being picked, and the pending
// suggestions with the detector switches. It owns the text fields' buffers (an edit is one undo
// step when the field is left) and reads the session. Layer: app.
#pragma once

#include "app/article_view.hpp"
#include "app/frame_pacer.hpp"
#include "app/relation_picker.hpp"
#include "app/session.hpp"

#include <functional>
#include <map>
#include <string>

namespace gloss::app {

class Inspector {
public:
    using Announce = std::function<void(std::string)>;
    Inspector(Session& session, FramePacer& frames, ArticleView& article, RelationPicker& picker,
              Announce announce)
        : m_session(session), m_frames(frames), m_article(article), m_picker(picker),
          m_announce(std::move(announce)) {}

    // The panel, `height` pixels tall.
    void draw(float height);
    // Gives the keys to span `span`'s first text attribute (a correction, a canonical name) in
    // the next frame, if it is still the selected span then and has one; otherwise the request
    // is dropped, so no other span's field takes the keys later.
    void focus_text_field(core::SpanId span) { m_focus_span = span; }

private:
    void draw_review();
    void draw_span();
    void draw_attribute(const core::Span& span, const core::AttributeDef& def);
    void draw_speaker(const core::Span& span, const core::AttributeDef& def);
    void draw_relations(const core::Span& span);
    void draw_suggestions();

    Session& m_session;
    FramePacer& m_frames;
    ArticleView& m_article;
    RelationPicker& m_picker;
    Announce m_announce;
    // The text fields being edited, by attribute name, for span m_edit_span.
    std::map<std::string, std::string> m_edit_buffers;
    core::SpanId m_edit_span = 0;
    core::SpanId m_focus_span = 0; // focus_text_field's request (0: none)
};

} // namespace gloss::app
