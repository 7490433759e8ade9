// GL programs from GLSL ES sources, for the web build's renderers. Layer: platform/web.
//  [X] attributes bound to fixed locations before linking
//  [X] one status query (the link's); the shaders' logs are read only when it failed
#pragma once

#include <GLES3/gl3.h>

#include <initializer_list>

namespace gloss::platform {

struct AttributeLocation {
    GLuint location;
    const char* name;
};

// Compiles and links `vertex` and `fragment`; 0 (with the compiler's log on stderr, naming
// `what`) when they do not compile or link. Statuses are synchronous round trips to the GPU
// process, so only the link's is asked for.
GLuint link_program(const char* what, const char* vertex, const char* fragment,
                    std::initializer_list<AttributeLocation> attributes);

} // namespace gloss::platform
