// Dear ImGui configuration for Gloss (IMGUI_USER_CONFIG). Layer: app.
// 32-bit ImWchar so characters outside the BMP (emoji) reach the font's fallback glyph intact;
// stb_sprintf (Debian's libstb-dev) as the formatter.
#pragma once

#define IMGUI_USE_WCHAR32
#define IMGUI_USE_STB_SPRINTF
// stb_sprintf otherwise stores through misaligned pointers on purpose (undefined behaviour
// that UBSan reports); the aligned path costs nothing measurable here.
#define STB_SPRINTF_NOUNALIGNED
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS
#define IMGUI_DISABLE_OBSOLETE_KEYIO
