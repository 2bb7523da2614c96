#version 330 core
// Glyph coverage from the font atlas (a white cell serves solid shapes).
precision highp float;

uniform sampler2D u_atlas;

in vec2 v_uv;
in vec4 v_color;
out vec4 o_color;

void main()
{
    o_color = vec4(v_color.rgb, v_color.a * texture(u_atlas, v_uv).r);
}
