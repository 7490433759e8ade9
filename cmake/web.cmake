# The web app: gloss.js + gloss.wasm + gloss.data, assembled with web/ into dist/.
set(GLOSS_DIST_DIR "${CMAKE_SOURCE_DIR}/dist" CACHE PATH "Where the static web app is assembled")
set(GLOSS_PRELOAD_DIR "${CMAKE_BINARY_DIR}/preload")

# ImGui's GLFW backend for input; drawing is src/platform/web/draw_data_renderer.cpp.
add_library(gloss_imgui_backends STATIC
  "${GLOSS_IMGUI_DIR}/backends/imgui_impl_glfw.cpp")
target_include_directories(gloss_imgui_backends SYSTEM PUBLIC "${GLOSS_IMGUI_DIR}/backends")
target_link_libraries(gloss_imgui_backends PUBLIC gloss_imgui)

# Files the page preloads into /assets: the schema, the samples and the font from Debian.
file(GLOB GLOSS_SAMPLE_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/assets/samples/*.jsonl")
set(GLOSS_PRELOAD_STAMP "${CMAKE_BINARY_DIR}/preload.stamp")
add_custom_command(
  OUTPUT "${GLOSS_PRELOAD_STAMP}"
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${GLOSS_PRELOAD_DIR}"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${GLOSS_PRELOAD_DIR}/fonts" "${GLOSS_PRELOAD_DIR}/schema" "${GLOSS_PRELOAD_DIR}/samples"
  COMMAND ${CMAKE_COMMAND} -E copy "${GLOSS_FONT}" "${GLOSS_PRELOAD_DIR}/fonts/DejaVuSans.ttf"
  COMMAND ${CMAKE_COMMAND} -E copy "${CMAKE_SOURCE_DIR}/assets/schema/default.json" "${GLOSS_PRELOAD_DIR}/schema/default.json"
  COMMAND ${CMAKE_COMMAND} -E copy ${GLOSS_SAMPLE_FILES} "${GLOSS_PRELOAD_DIR}/samples/"
  COMMAND ${CMAKE_COMMAND} -E copy "${GLOSS_LEXICON}" "${GLOSS_PRELOAD_DIR}/lexicon.txt"
  COMMAND ${CMAKE_COMMAND} -E touch "${GLOSS_PRELOAD_STAMP}"
  DEPENDS "${GLOSS_FONT}" "${CMAKE_SOURCE_DIR}/assets/schema/default.json" ${GLOSS_SAMPLE_FILES}
          "${GLOSS_LEXICON}"
  COMMENT "Staging preloaded assets")
add_custom_target(gloss_preload DEPENDS "${GLOSS_PRELOAD_STAMP}")

file(GLOB GLOSS_WEB_PLATFORM_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/src/platform/web/*.cpp")
add_executable(gloss_web ${GLOSS_WEB_PLATFORM_SOURCES})
set_target_properties(gloss_web PROPERTIES OUTPUT_NAME gloss SUFFIX ".js")
target_link_libraries(gloss_web PRIVATE gloss_app gloss_imgui_backends)
gloss_warnings(gloss_web)
add_dependencies(gloss_web gloss_preload)
target_link_options(gloss_web PRIVATE
  -sUSE_GLFW=3
  -sMIN_WEBGL_VERSION=2
  -sMAX_WEBGL_VERSION=2
  # No WebGL extension is used: enabling every one the browser offers cost 50-70 ms of
  # getExtension calls at start-up (docs/PERFORMANCE.md).
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
  -sALLOW_MEMORY_GROWTH=1
  -sINITIAL_MEMORY=67108864
  -sENVIRONMENT=web
  -sEXIT_RUNTIME=0
  -sEXPORTED_FUNCTIONS=_main,_malloc,_free
  -sEXPORTED_RUNTIME_METHODS=ccall,cwrap,UTF8ToString,HEAPU8
  -lidbfs.js
  "SHELL:--preload-file ${GLOSS_PRELOAD_DIR}@/assets")
set_property(TARGET gloss_web APPEND PROPERTY LINK_DEPENDS "${GLOSS_PRELOAD_STAMP}")

# dist/: our page and the build outputs with content-hashed names (scripts/make_dist.py).
file(GLOB GLOSS_WEB_PAGE_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/*")
set(GLOSS_DIST_STAMP "${CMAKE_BINARY_DIR}/dist.stamp")
add_custom_command(
  OUTPUT "${GLOSS_DIST_STAMP}" "${GLOSS_DIST_DIR}/index.html"
  COMMAND "${GLOSS_PYTHON3}" "${CMAKE_SOURCE_DIR}/scripts/make_dist.py" "${CMAKE_SOURCE_DIR}/web"
          "$<TARGET_FILE_DIR:gloss_web>" "${GLOSS_DIST_DIR}"
  COMMAND ${CMAKE_COMMAND} -E touch "${GLOSS_DIST_STAMP}"
  DEPENDS gloss_web ${GLOSS_WEB_PAGE_FILES} "${CMAKE_SOURCE_DIR}/scripts/make_dist.py"
  COMMENT "Assembling dist/")
add_custom_target(gloss_dist ALL DEPENDS "${GLOSS_DIST_STAMP}")
