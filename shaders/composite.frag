#version 330 core
// Photo + dots, as the CPU renderer does it (docs/pigment.md, "Seeing the
// photo"): in linear light, the sheen S stays on top and pigment absorbs the
// diffuse rest, out = S + (skin - S) * (1 - (1 - T) * (1 - pigment)), T the
// dots' transmittance at this screen pixel; then the photo's grain, times the
// ink amount, from the same hashed pattern per photo pixel as the CPU's.
precision highp float;
precision highp int;

uniform sampler2D u_photo;         // sRGB texture: sampled in linear light
uniform highp sampler2D u_trans;   // screen-sized transmittance
uniform vec3 u_ink;                // 1 - pigment colour (linear)
uniform float u_split_x;           // left of this screen x shows the photo alone
uniform vec4 u_tile;               // this photo tile in photo px: x, y, w, h
uniform sampler2D u_sheen;         // the sheen map (R8, linear light)
uniform vec4 u_sheen_rect;         // its extent in photo px: x0, y0, w, h
uniform bool u_has_sheen;
uniform sampler2D u_keep;          // share of the dot layer the mattes keep (R8)
uniform vec2 u_keep_size;          // the photo's size in px: the mask covers it whole
uniform bool u_has_keep;
uniform bool u_show_keep;          // the M overlay: tint where the mattes keep dots off
uniform sampler2D u_redness;       // the flush of fresh work (erythema.h, R8)
uniform vec4 u_redness_rect;       // its extent in photo px: x0, y0, w, h
uniform bool u_has_redness;
uniform vec2 u_redness_tint;       // linear G and B transmittance at full redness
uniform float u_grain;             // grain sigma, 8-bit steps
uniform uint u_seed;

in vec2 v_uv;
out vec4 o_color;

vec3 linear_to_srgb(vec3 c)
{
    c = clamp(c, 0.0, 1.0);
    vec3 lo = c * 12.92;
    vec3 hi = 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055;
    return mix(lo, hi, step(vec3(0.0031308), c));
}

vec3 srgb_to_linear(vec3 c)
{
    vec3 lo = c / 12.92;
    vec3 hi = pow((c + 0.055) / 1.055, vec3(2.4));
    return mix(lo, hi, step(vec3(0.04045), c));
}

// raster.c's grain_hash, bit for bit (uint arithmetic wraps as in C)
uint grain_hash(uint x, uint y, uint seed)
{
    uint h = (x * 0x9E3779B1u) ^ ((y + 0x7F4A7C15u) * 0x85EBCA77u) ^ (seed * 0xC2B2AE3Du);
    h ^= h >> 16;
    h *= 0x7FEB352Du;
    h ^= h >> 15;
    h *= 0x846CA68Bu;
    h ^= h >> 16;
    return h;
}

// raster.c's grain pattern value at photo pixel p, in units of sigma
float grain_at(ivec2 p)
{
    uint x = uint(p.x), y = uint(p.y);
    uint shift = grain_hash(y / 256u, 0x5EEDu, u_seed) & 255u;
    uint h = grain_hash((x + shift) & 255u, y & 255u, u_seed);
    int sum = int(h & 255u) + int((h >> 8) & 255u) + int((h >> 16) & 255u) + int(h >> 24);
    float v = clamp(float(sum - 510) * (24.0 / 147.8), -127.0, 127.0);
    return trunc(v) / 24.0;
}

void main()
{
    vec3 skin = texture(u_photo, v_uv).rgb;
    float t = texelFetch(u_trans, ivec2(gl_FragCoord.xy), 0).r;
    if (gl_FragCoord.x < u_split_x)
        t = 1.0;
    vec2 photo_px = u_tile.xy + v_uv * u_tile.zw;
    float sheen = 0.0;
    if (u_has_sheen) {
        vec2 uv = (photo_px - u_sheen_rect.xy) / u_sheen_rect.zw;
        if (all(greaterThanEqual(uv, vec2(0.0))) && all(lessThanEqual(uv, vec2(1.0))))
            sheen = min(texture(u_sheen, uv).r, min(skin.r, min(skin.g, skin.b)));
    }
    float ink = 1.0 - t;
    // as matte_apply.c's mattes_blend_layer: strands in front, nothing off the head
    float keep = u_has_keep ? texture(u_keep, photo_px / u_keep_size).r : 1.0;
    ink *= keep;
    vec3 lin = sheen + (skin - sheen) * (1.0 - ink * u_ink);
    vec3 srgb = linear_to_srgb(lin);
    if (u_grain > 0.0 && ink > 0.0)
        srgb += u_grain * ink * grain_at(ivec2(floor(photo_px))) / 255.0;
    if (u_has_redness && gl_FragCoord.x >= u_split_x) {
        // as erythema_apply: the diffuse part of G and B, under the sheen, then the mattes' keep
        vec2 uv = (photo_px - u_redness_rect.xy) / u_redness_rect.zw;
        if (all(greaterThanEqual(uv, vec2(0.0))) && all(lessThanEqual(uv, vec2(1.0)))) {
            float e = texture(u_redness, uv).r * keep;
            vec2 gb = srgb_to_linear(clamp(srgb, 0.0, 1.0)).gb;
            gb = sheen + (gb - sheen) * (vec2(1.0) - e * (vec2(1.0) - u_redness_tint));
            srgb.gb = linear_to_srgb(vec3(0.0, max(gb, vec2(0.0)))).gb;
        }
    }
    if (u_show_keep)
        srgb = mix(srgb, vec3(0.85, 0.1, 0.75), 0.5 * (1.0 - keep));
    o_color = vec4(clamp(srgb, 0.0, 1.0), 1.0);
}
