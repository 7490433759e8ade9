# Header-only dependencies from Debian (nlohmann_json, stb), exposed through a dedicated
# include folder of symlinks: em++ must never see /usr/include itself.
set(GLOSS_DEPS_INCLUDE "${CMAKE_BINARY_DIR}/deps/include")
file(MAKE_DIRECTORY "${GLOSS_DEPS_INCLUDE}")
foreach(dep nlohmann stb)
  if(NOT EXISTS "/usr/include/${dep}")
    message(FATAL_ERROR "/usr/include/${dep} is missing: run scripts/setup")
  endif()
  if(NOT EXISTS "${GLOSS_DEPS_INCLUDE}/${dep}")
    file(CREATE_LINK "/usr/include/${dep}" "${GLOSS_DEPS_INCLUDE}/${dep}" SYMBOLIC)
  endif()
endforeach()

add_library(gloss_json INTERFACE)
target_include_directories(gloss_json SYSTEM INTERFACE "${GLOSS_DEPS_INCLUDE}")
add_library(gloss_stb INTERFACE)
target_include_directories(gloss_stb SYSTEM INTERFACE "${GLOSS_DEPS_INCLUDE}/stb")
