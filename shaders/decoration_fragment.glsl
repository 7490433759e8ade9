#version 300 es
// Wavy (style 0: errors) and dashed (style 1: pending suggestions) underlines, anti-aliased
// by distance to the line, at any scale without tessellating a polyline on the CPU.
precision highp float;
uniform float u_scale;
in vec2 v_local;
in vec4 v_color;
flat in int v_style;
out vec4 out_color;
void main() {
    float half_thickness = 0.75 * u_scale;
    float distance_to_line;
    if (v_style == 0) {
        float period = 6.0 * u_scale;
        float wave = 1.6 * u_scale * sin(v_local.x * 6.2831853 / period);
        distance_to_line = abs(v_local.y - wave);
    } else {
        float period = 6.0 * u_scale;
        if (mod(v_local.x, period) > period * 0.6) discard;
        distance_to_line = abs(v_local.y);
    }
    float alpha = 1.0 - smoothstep(half_thickness, half_thickness + 0.9, distance_to_line);
    out_color = vec4(v_color.rgb, v_color.a * alpha);
}
