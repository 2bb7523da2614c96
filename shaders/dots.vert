#version 330 core
// Dots as instanced quads: one elliptical, soft-edged footprint per dot, with
// the same coverage function and ink normalisation as the CPU reference
// renderer (src/core/raster.c), evaluated at screen pixel centres.
precision highp float;

layout(location = 0) in vec2 a_corner; // quad corner in {-1, 1}^2
layout(location = 1) in vec4 a_dot;    // centre x, y; half major a; half minor b (photo px)
layout(location = 2) in vec4 a_look;   // angle cos, sin; darkness; softness (photo px)

uniform vec2 u_screen; // drawable size in px
uniform vec2 u_origin; // screen px of the photo's top-left corner
uniform float u_zoom;  // screen px per photo px

out vec2 v_local;      // offset from the centre along (major, minor), screen px
flat out vec4 v_shape; // a, b, edge width, ink k

// Integral of the edge ramp clamp(0.5 - (q - R) / e, 0, 1) * q dq along one ray
// whose boundary is at distance R.
float ray_ink(float R, float e)
{
    if (R >= 0.5 * e)
        return 0.5 * R * R + e * e / 24.0;
    float L = R + 0.5 * e;
    return L * L * L / (6.0 * e);
}

void main()
{
    float a = max(a_dot.z * u_zoom, 1e-3);
    float b = max(a_dot.w * u_zoom, 1e-3);
    float soft = a_look.w * u_zoom;
    // Pixel-sized filter plus the pigment blur, widened for dots under ~3 px so
    // every dot reaches several pixel centres (no vanishing, no shimmer).
    float edge = sqrt(soft * soft + 1.0) + max(1.5 - b, 0.0);

    // Total coverage over the plane, so that the ink equals area x darkness
    // whatever the dot's size on screen (the CPU renderer sums pixel centres,
    // whose mean over sub-pixel positions is this integral).
    float total = 0.0;
    for (int i = 0; i < 12; i++) {
        float t = (float(i) + 0.5) * (1.5707963 / 12.0);
        float c = cos(t), s = sin(t);
        float R = a * b / sqrt((b * c) * (b * c) + (a * s) * (a * s));
        total += ray_ink(R, edge);
    }
    total *= 4.0 * 1.5707963 / 12.0;
    float area = 3.14159265 * a * b;
    float k = a_look.z * min(area / max(total, 1e-12), 1.0);

    vec2 half_size = vec2(a + edge, b + edge);
    v_local = a_corner * half_size;
    v_shape = vec4(a, b, edge, k);
    vec2 axis_u = vec2(a_look.x, a_look.y), axis_v = vec2(-a_look.y, a_look.x);
    vec2 p = u_origin + a_dot.xy * u_zoom + v_local.x * axis_u + v_local.y * axis_v;
    gl_Position = vec4(p.x / u_screen.x * 2.0 - 1.0, 1.0 - p.y / u_screen.y * 2.0, 0.0, 1.0);
}
