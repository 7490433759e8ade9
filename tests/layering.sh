#!/bin/sh
# The dependency rule of DESIGN.md, checked on every #include line:
# core names no imgui, GL, GLFW, emscripten, nlohmann or file headers; io names no imgui, GL or
# emscripten; app names no emscripten or html5.h. Usage: layering.sh SRC_DIR
src=${1:?usage: layering.sh SRC_DIR}
status=0
check() {
    layer=$1 pattern=$2
    hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($pattern)" "$src/$layer" 2>/dev/null)
    if [ -n "$hits" ]; then
        echo "layering: src/$layer includes what its layer must not:"
        echo "$hits"
        status=1
    fi
}
check core 'imgui|GL/|GLES|GLFW|emscripten|nlohmann|fstream|filesystem|html5.h'
check io 'imgui|GL/|GLES|GLFW|emscripten|html5.h|app/|platform/'
check app 'emscripten|html5.h|platform/|GLFW'
check cli 'imgui|GL/|GLES|GLFW|emscripten|app/|platform/'
check core '(io|app|platform|cli)/'
[ $status -eq 0 ] && echo "layering: ok (core, io, app, cli)"
exit $status
