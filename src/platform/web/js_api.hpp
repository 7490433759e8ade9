// The C functions behind window.gloss (web/boot.js calls them with ccall). Layer: platform/web.
#pragma once

#include "app/app.hpp"

namespace gloss::platform {

// The app the exported functions act on; set once by main before the first frame.
void set_api_app(app::App* app);

} // namespace gloss::platform
