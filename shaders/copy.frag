#version 330 core
// The kept scene onto the screen, texel for texel (drawn as a quad: on the
// web build's software GL a full-canvas blit cost twice the time of a quad).
precision highp float;

uniform highp sampler2D u_src;

out vec4 o_color;

void main()
{
    o_color = texelFetch(u_src, ivec2(gl_FragCoord.xy), 0);
}
