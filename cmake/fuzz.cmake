# Round-trip fuzzers, one per importer, from tests/fuzz/fuzz_format.cpp. Always built as replay
# drivers that CTest runs over tests/fixtures; with GLOSS_FUZZ=ON and clang they are libFuzzer
# targets instead (scripts/fuzz builds and runs them).
option(GLOSS_FUZZ "Build the format fuzzers with libFuzzer (clang only)" OFF)
set(GLOSS_FUZZ_FORMATS jsonl project labelstudio doccano sagemaker brat conll txt prodigy w3c webanno)
if(GLOSS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "GLOSS_FUZZ=ON needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14)")
  endif()
  # Coverage for the code under test, so libFuzzer can steer.
  foreach(lib gloss_core gloss_io)
    target_compile_options(${lib} PRIVATE -fsanitize=fuzzer-no-link,address,undefined)
  endforeach()
endif()
foreach(format ${GLOSS_FUZZ_FORMATS})
  add_executable(fuzz_${format} "${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_format.cpp")
  target_link_libraries(fuzz_${format} PRIVATE gloss_io)
  target_compile_definitions(fuzz_${format} PRIVATE GLOSS_FUZZ_FORMAT="${format}")
  gloss_warnings(fuzz_${format})
  if(GLOSS_FUZZ)
    target_compile_definitions(fuzz_${format} PRIVATE GLOSS_LIBFUZZER=1)
    target_compile_options(fuzz_${format} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(fuzz_${format} PRIVATE -fsanitize=fuzzer,address,undefined)
  else()
    add_test(NAME fuzz_replay_${format}
      COMMAND fuzz_${format} "${CMAKE_SOURCE_DIR}/tests/fixtures" "${CMAKE_SOURCE_DIR}/tests/fuzz/corpus")
  endif()
endforeach()

# The zip reader's fuzzer (tests/fuzz/fuzz_zip.cpp): read, write, read back, write again.
add_executable(fuzz_zip "${CMAKE_SOURCE_DIR}/tests/fuzz/fuzz_zip.cpp")
target_link_libraries(fuzz_zip PRIVATE gloss_io)
gloss_warnings(fuzz_zip)
if(GLOSS_FUZZ)
  target_compile_definitions(fuzz_zip PRIVATE GLOSS_LIBFUZZER=1)
  target_compile_options(fuzz_zip PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(fuzz_zip PRIVATE -fsanitize=fuzzer,address,undefined)
else()
  add_test(NAME fuzz_replay_zip
    COMMAND fuzz_zip "${CMAKE_SOURCE_DIR}/tests/fixtures" "${CMAKE_SOURCE_DIR}/tests/fuzz/corpus")
endif()
