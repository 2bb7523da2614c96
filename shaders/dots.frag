#version 330 core
// One dot's transmittance: the footprint of src/core/footprint.h (core with an
// irregular soft edge plus a halo; constants from the generated FP_ block).
// The target blends multiplicatively (dst *= src), so overlapping dots combine
// like the CPU renderer's (1 - alpha) products.
precision highp float;

in vec2 v_local;
flat in vec4 v_core;
flat in vec3 v_halo;
flat in vec4 v_outline;
out vec4 o_color;

void main()
{
    vec2 l = v_local;
    float a = v_core.x, b = v_core.y, edge = v_core.z;
    float q = length(l);
    vec2 dir = q > 1e-12 ? l / q : vec2(0.0);
    float c2 = dir.x * dir.x - dir.y * dir.y, s2 = 2.0 * dir.x * dir.y;
    float c3 = dir.x * (4.0 * dir.x * dir.x - 3.0), s3 = dir.y * (3.0 - 4.0 * dir.y * dir.y);
    float m = v_outline.x * c2 - v_outline.y * s2 + v_outline.z * c3 - v_outline.w * s3;
    float rho = length(l / vec2(a, b));
    // Distance to the (modulated) boundary along the ray from the centre.
    float d = rho > 1e-6 ? q - (1.0 + m) * q / rho : -b;
    float core = clamp(0.5 - d / edge, 0.0, 1.0);
    vec2 h = l / v_halo.xy;
    float halo = pow(max(1.0 - dot(h, h), 0.0), FP_HALO_POWER);
    float alpha = min(v_core.w * core + v_halo.z * halo, 1.0);
    o_color = vec4(1.0 - alpha, 1.0 - alpha, 1.0 - alpha, 1.0);
}
