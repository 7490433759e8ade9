// The decoration renderer hook. Layer: app.
#include "app/decorations.hpp"

namespace gloss::app {
namespace {
ImDrawCallback s_renderer = nullptr;
}

void set_decoration_renderer(ImDrawCallback callback) {
    s_renderer = callback;
}
ImDrawCallback decoration_renderer() {
    return s_renderer;
}

} // namespace gloss::app
