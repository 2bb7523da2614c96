/* compose.c - crops exports to the full / 1:1 / 4:5 / 9:16 presets around the head. */
#include "compose.h"

#include <string.h>

bool compose_parse_preset(const char *name, ComposePreset *out, SmpError *err)
{
    static const struct {
        const char *name;
        ComposePreset preset;
    } names[] = {{"full", PRESET_FULL}, {"1:1", PRESET_1_1}, {"4:5", PRESET_4_5}, {"9:16", PRESET_9_16}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (name && strcmp(name, names[i].name) == 0) {
            *out = names[i].preset;
            return true;
        }
    }
    return smp_fail(err, "--preset %s: expected full, 1:1, 4:5 or 9:16", name ? name : "(none)");
}

bool compose_preset_is_social(ComposePreset preset)
{
    return preset != PRESET_FULL;
}

/* Aspect as an exact fraction aw:ah (width:height). */
static void preset_aspect(ComposePreset preset, int *aw, int *ah)
{
    switch (preset) {
    case PRESET_1_1: *aw = 1; *ah = 1; break;
    case PRESET_4_5: *aw = 4; *ah = 5; break;
    case PRESET_9_16: *aw = 9; *ah = 16; break;
    default: *aw = 0; *ah = 0; break;
    }
}

/* Starts a span of length len centred on c, kept inside [0, total). */
static int centred_start(int c, int len, int total)
{
    int start = c - len / 2;
    if (start + len > total)
        start = total - len;
    return start < 0 ? 0 : start;
}

ComposeRect compose_preset_rect(int width, int height, ComposePreset preset, ComposeBox head)
{
    ComposeRect r = {0, 0, width, height};
    int aw, ah;
    preset_aspect(preset, &aw, &ah);
    if (aw == 0 || width <= 0 || height <= 0)
        return r;
    /* Whole multiples of the aspect keep the ratio exact, not merely close. */
    long k = (long)width / aw < (long)height / ah ? (long)width / aw : (long)height / ah;
    if (k < 1)
        k = 1;
    r.w = (int)(k * aw);
    r.h = (int)(k * ah);
    bool known = head.w > 0 && head.h > 0;
    int cx = known ? head.x + head.w / 2 : width / 2;
    int cy = known ? head.y + head.h / 2 : height / 2;
    r.x = centred_start(cx, r.w, width);
    r.y = centred_start(cy, r.h, height);
    return r;
}

bool compose_apply_preset(const SmpImage *src, ComposePreset preset, ComposeBox head, SmpImage *out,
                          SmpError *err)
{
    ComposeRect r = compose_preset_rect(src->width, src->height, preset, head);
    if (r.w > src->width || r.h > src->height)
        return smp_fail(err, "image %dx%d is too small for the preset", src->width, src->height);
    if (!image_alloc(r.w, r.h, out, err))
        return false;
    for (int y = 0; y < r.h; y++)
        memcpy(image_pixel(out, 0, y), image_pixel(src, r.x, r.y + y), (size_t)r.w * 4);
    return true;
}
