#version 330 core
// Glyph coverage from the font atlas (a white cell serves solid shapes);
// texture coordinates u >= 2 are pictures from the picture atlas (src/app/pics.h).
precision highp float;

uniform sampler2D u_atlas;
uniform sampler2D u_pics;

in vec2 v_uv;
in vec4 v_color;
out vec4 o_color;

void main()
{
    if (v_uv.x >= 2.0)
        o_color = v_color * texture(u_pics, vec2(v_uv.x - 2.0, v_uv.y));
    else
        o_color = vec4(v_color.rgb, v_color.a * texture(u_atlas, v_uv).r);
}
