#version 300 es
// Decorations of the article view (wavy and dashed underlines): one quad per decoration.
// a_position is in framebuffer pixels; a_local is the pixel offset along the decoration (x)
// and from its centre line (y).
precision highp float;
uniform vec2 u_display_size;
in vec2 a_position;
in vec2 a_local;
in vec4 a_color;
in float a_style;
out vec2 v_local;
out vec4 v_color;
flat out int v_style;
void main() {
    v_local = a_local;
    v_color = a_color;
    v_style = int(a_style + 0.5);
    vec2 clip = a_position / u_display_size * 2.0 - 1.0;
    gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
}
