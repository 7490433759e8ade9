# Dear ImGui 1.90.1 from Debian's source package (fetched by scripts/setup into .cache/),
# compiled with the project's flags and our imconfig. SYSTEM includes keep its warnings out.
if(NOT EXISTS "${GLOSS_IMGUI_DIR}/imgui.cpp")
  message(FATAL_ERROR "Dear ImGui sources not found in ${GLOSS_IMGUI_DIR}: run scripts/setup")
endif()
add_library(gloss_imgui STATIC
  "${GLOSS_IMGUI_DIR}/imgui.cpp"
  "${GLOSS_IMGUI_DIR}/imgui_draw.cpp"
  "${GLOSS_IMGUI_DIR}/imgui_tables.cpp"
  "${GLOSS_IMGUI_DIR}/imgui_widgets.cpp")
target_include_directories(gloss_imgui SYSTEM PUBLIC "${GLOSS_IMGUI_DIR}")
target_include_directories(gloss_imgui PUBLIC "${CMAKE_SOURCE_DIR}/src/app/config")
target_compile_definitions(gloss_imgui PUBLIC IMGUI_USER_CONFIG="imconfig_gloss.hpp")
target_link_libraries(gloss_imgui PUBLIC gloss_stb)
