#version 330 core
// One dot's transmittance: the target blends multiplicatively (dst *= src), so
// overlapping dots combine like the CPU renderer's (1 - alpha) products.
precision highp float;

in vec2 v_local;
flat in vec4 v_shape;
out vec4 o_color;

void main()
{
    float a = v_shape.x, b = v_shape.y, edge = v_shape.z, k = v_shape.w;
    float q = length(v_local);
    float rho = length(v_local / vec2(a, b));
    // Distance to the ellipse boundary along the ray from the centre.
    float d = rho > 1e-6 ? q - q / rho : -b;
    float c = clamp(0.5 - d / edge, 0.0, 1.0);
    float alpha = min(k * c, 1.0);
    o_color = vec4(1.0 - alpha, 1.0 - alpha, 1.0 - alpha, 1.0);
}
