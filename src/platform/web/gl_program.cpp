// GL programs from GLSL ES sources. Layer: platform/web.
#include "platform/web/gl_program.hpp"

#include <cstdio>

namespace gloss::platform {
namespace {

GLuint compile(GLenum type, const char* source) {
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

void print_log(const char* what, const char* part, GLuint shader) {
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok) return;
    char log[1024] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    std::fprintf(stderr, "gloss: %s %s shader: %s\n", what, part, log);
}

} // namespace

GLuint link_program(const char* what, const char* vertex, const char* fragment,
                    std::initializer_list<AttributeLocation> attributes) {
    GLuint vs = compile(GL_VERTEX_SHADER, vertex);
    GLuint fs = compile(GL_FRAGMENT_SHADER, fragment);
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    for (const AttributeLocation& a : attributes)
        glBindAttribLocation(program, a.location, a.name);
    glLinkProgram(program);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        print_log(what, "vertex", vs);
        print_log(what, "fragment", fs);
        char log[1024] = {};
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        std::fprintf(stderr, "gloss: %s program: %s\n", what, log);
        glDeleteProgram(program);
        program = 0;
    }
    glDeleteShader(vs);
    glDeleteShader(fs);
    return program;
}

} // namespace gloss::platform
