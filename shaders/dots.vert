#version 330 core
// Dots as instanced quads: each dot's dermal footprint (src/core/footprint.h),
// shaped and ink-normalised on the CPU by the same code as the export, in
// photo pixels with the photo's blur and a one-photo-pixel filter folded in;
// evaluated here at screen pixel centres mapped back to photo pixels, so the
// dots are magnified with the photo, never sharper than it.
precision highp float;

layout(location = 0) in vec2 a_corner; // quad corner in {-1, 1}^2
layout(location = 1) in vec4 a_dot;    // centre x, y; support semi-axes (photo px)
layout(location = 2) in vec4 a_axis;   // major axis cos, sin; core semi-axes a, b
layout(location = 3) in vec4 a_core;   // edge width, core darkness; halo semi-axes
layout(location = 4) in vec4 a_halo;   // halo darkness; outline m2c, m2s, m3c
layout(location = 5) in vec4 a_more;   // outline m3s; unused

uniform vec2 u_screen; // drawable size in px
uniform vec2 u_origin; // screen px of the photo's top-left corner
uniform float u_zoom;  // screen px per photo px

out vec2 v_local;         // offset from the centre along (major, minor), photo px
flat out vec4 v_core;     // a, b, edge, core darkness
flat out vec3 v_halo;     // halo semi-axes, halo darkness
flat out vec4 v_outline;  // m2c, m2s, m3c, m3s

void main()
{
    // At least one screen pixel beyond the support, so no sample is lost.
    vec2 half_size = a_dot.zw + vec2(1.0 / u_zoom);
    v_local = a_corner * half_size;
    v_core = vec4(a_axis.zw, a_core.xy);
    v_halo = vec3(a_core.zw, a_halo.x);
    v_outline = vec4(a_halo.yzw, a_more.x);
    vec2 axis_u = a_axis.xy, axis_v = vec2(-a_axis.y, a_axis.x);
    vec2 p = u_origin + (a_dot.xy + v_local.x * axis_u + v_local.y * axis_v) * u_zoom;
    gl_Position = vec4(p.x / u_screen.x * 2.0 - 1.0, 1.0 - p.y / u_screen.y * 2.0, 0.0, 1.0);
}
