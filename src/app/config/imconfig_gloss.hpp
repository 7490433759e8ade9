// Dear ImGui configuration for Gloss (IMGUI_USER_CONFIG). Layer: app.
// 32-bit ImWchar so characters outside the BMP (emoji) reach the font's fallback glyph intact;
// stb_sprintf (Debian's libstb-dev) as the formatter.
#pragma once

#define IMGUI_USE_WCHAR32
#define IMGUI_USE_STB_SPRINTF
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
