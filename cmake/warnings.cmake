# gloss_warnings(target): the project's warning set, errors when GLOSS_WERROR is on.
function(gloss_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wshadow=local)
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports false -Wrestrict positives inside std::string concatenation (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(GLOSS_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # Sanitizer instrumentation makes GCC report -Wmaybe-uninitialized inside libstdc++
    # (std::function in std::regex, used by Catch2): false positives the Release build does not show.
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(GLOSS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
