# gloss_embed_shaders(target dir): turns dir/*.glsl into a generated header of string
# constants (kShader_<name>) so the renderer needs no files at run time.
function(gloss_embed_shaders target dir)
  file(GLOB shaders CONFIGURE_DEPENDS "${dir}/*.glsl")
  set(out_dir "${CMAKE_BINARY_DIR}/generated")
  set(out "${out_dir}/gloss_shaders.hpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DDIR=${dir} -P "${CMAKE_SOURCE_DIR}/cmake/embed_shaders.cmake"
    DEPENDS ${shaders} "${CMAKE_SOURCE_DIR}/cmake/embed_shaders.cmake"
    COMMENT "Embedding shaders")
  add_custom_target(${target}_gen DEPENDS "${out}")
  add_library(${target} INTERFACE)
  add_dependencies(${target} ${target}_gen)
  target_include_directories(${target} INTERFACE "${out_dir}")
endfunction()
