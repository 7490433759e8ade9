// RelationPicker (R, S, a span's "Add a relation"): picking a relation from a span — its type
// first when the schema allows several, then its target among the spans numbered nearest first
// (Session::relation_candidates), by digit or click — and the inspector's list of the choices.
// The picker owns its state and reads the session. Layer: app.
#pragma once

#include "app/frame_pacer.hpp"
#include "app/session.hpp"

#include <functional>
#include <string>
#include <vector>

namespace gloss::app {

class RelationPicker {
public:
    using Announce = std::function<void(std::string)>;
    RelationPicker(Session& session, FramePacer& frames, Announce announce)
        : m_session(session), m_frames(frames), m_announce(std::move(announce)) {}

    // Starts picking a relation from span `from`: its target when `types` holds one type, else
    // the type first. Announces what to press.
    void start(core::SpanId from, std::vector<core::RelationType> types);
    void cancel();
    bool active() const { return m_stage != Stage::None; }
    // The span the relation starts from (0 when not picking).
    core::SpanId from() const { return m_from; }
    // Whether the target of a `type` relation from `from` is being picked.
    bool picking_target(core::SpanId from, const std::string& type) const {
        return m_stage == Stage::Target && m_from == from && m_type == type;
    }
    // The spans the target may be, numbered 1-9 in this order (empty unless picking a target).
    std::vector<core::SpanId> candidates() const;
    // Digit 1-9: the type of that number, or the target of that number.
    void choose(int number);
    // A click on a span of the article: the target, when one is being picked (not the span the
    // relation starts from).
    void clicked(core::SpanId span);
    // The inspector's list of the choices, each a button too.
    void draw();

private:
    // Links the relation (one undo step), selects its start, announces, ends picking.
    void pick(core::SpanId target);

    Session& m_session;
    FramePacer& m_frames;
    Announce m_announce;
    enum class Stage { None, Type, Target };
    Stage m_stage = Stage::None;
    core::SpanId m_from = 0;
    std::string m_type;                      // Target: the relation type
    std::vector<core::RelationType> m_types; // Type: the choices
};

} // namespace gloss::app
