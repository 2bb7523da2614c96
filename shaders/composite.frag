#version 330 core
// Photo + dots: out = skin * (1 - (1 - T) * (1 - pigment)) in linear light
// (docs/pigment.md), T the dots' transmittance at this screen pixel.
precision highp float;

uniform sampler2D u_photo;         // sRGB texture: sampled in linear light
uniform highp sampler2D u_trans;   // screen-sized transmittance
uniform vec3 u_ink;                // 1 - pigment colour (linear)
uniform float u_split_x;           // left of this screen x shows the photo alone

in vec2 v_uv;
out vec4 o_color;

vec3 linear_to_srgb(vec3 c)
{
    c = clamp(c, 0.0, 1.0);
    vec3 lo = c * 12.92;
    vec3 hi = 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055;
    return mix(lo, hi, step(vec3(0.0031308), c));
}

void main()
{
    vec3 skin = texture(u_photo, v_uv).rgb;
    float t = texelFetch(u_trans, ivec2(gl_FragCoord.xy), 0).r;
    if (gl_FragCoord.x < u_split_x)
        t = 1.0;
    vec3 lin = skin * (1.0 - (1.0 - t) * u_ink);
    o_color = vec4(linear_to_srgb(lin), 1.0);
}
