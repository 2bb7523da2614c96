#version 330 core
// Zoomed-out views: the dots' transmittance was accumulated on the CPU into a
// grid about one screen pixel per cell; this copies it into the screen target.
precision highp float;

uniform highp sampler2D u_grid;

in vec2 v_uv;
out vec4 o_color;

void main()
{
    float t = texture(u_grid, v_uv).r;
    o_color = vec4(t, t, t, 1.0);
}
