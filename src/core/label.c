/* label.c - text labels burnt into exports (SIMULATION, BEFORE / AFTER). */
#include "label.h"

#include "embedded.h"
#include "utf8.h"

#include <stb_truetype.h>
#include <stdlib.h>
#include <string.h>

/* White glyphs on a translucent dark band: readable on skin of any tone. */
static void blend(uint8_t *p, uint8_t value, float alpha)
{
    for (int c = 0; c < 3; c++)
        p[c] = (uint8_t)(p[c] + (value - p[c]) * alpha + 0.5f);
}

bool label_text_check(const char *text, SmpError *err)
{
    if (strlen(text) > LABEL_TEXT_MAX)
        return smp_fail(err, "longer than %d bytes", LABEL_TEXT_MAX);
    for (const char *s = text; *s;) {
        const char *at = s;
        uint32_t cp = utf8_next(&s);
        if (cp == 0xFFFD && strncmp(at, "\xEF\xBF\xBD", 3) != 0)
            return smp_fail(err, "not valid UTF-8 text");
        if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
            return smp_fail(err, "control characters are not allowed");
    }
    return true;
}

bool label_draw(SmpImage *img, const char *text, SmpError *err)
{
    return label_draw_at(img, text, LABEL_BOTTOM_RIGHT, err);
}

bool label_draw_at(SmpImage *img, const char *text, LabelCorner corner, SmpError *err)
{
    if (!text || !*text)
        return true;
    const EmbeddedFile *font_file = &font_data_files[0];
    stbtt_fontinfo font;
    if (!font_file->data || !stbtt_InitFont(&font, font_file->data, stbtt_GetFontOffsetForIndex(font_file->data, 0)))
        return smp_fail(err, "the label font could not be loaded");
    /* ~3.5% of the shorter side: legible on a phone, discreet on a print. */
    int short_side = img->width < img->height ? img->width : img->height;
    float px = short_side * 0.035f;
    if (px < 11)
        px = 11;
    float scale = stbtt_ScaleForPixelHeight(&font, px);
    int ascent, descent, gap;
    stbtt_GetFontVMetrics(&font, &ascent, &descent, &gap);
    int text_w = 0;
    for (const char *s = text; *s;) {
        int adv, lsb;
        stbtt_GetCodepointHMetrics(&font, (int)utf8_next(&s), &adv, &lsb);
        text_w += (int)(adv * scale + 0.5f);
    }
    int pad = (int)(px * 0.45f), margin = (int)(px * 0.6f);
    int box_w = text_w + 2 * pad, box_h = (int)((ascent - descent) * scale) + 2 * pad;
    int bx = img->width - margin - box_w, by = img->height - margin - box_h;
    if (corner != LABEL_BOTTOM_RIGHT)
        by = margin;
    if (corner == LABEL_TOP_LEFT)
        bx = margin;
    if (bx < 0) bx = 0;
    if (by < 0) by = 0;
    for (int y = by; y < by + box_h && y < img->height; y++)
        for (int x = bx; x < bx + box_w && x < img->width; x++)
            blend(image_pixel(img, x, y), 0, 0.45f);
    int pen_x = bx + pad, baseline = by + pad + (int)(ascent * scale);
    for (const char *s = text; *s;) {
        int cp = (int)utf8_next(&s);
        int gw, gh, xoff, yoff;
        unsigned char *glyph = stbtt_GetCodepointBitmap(&font, 0, scale, cp, &gw, &gh, &xoff, &yoff);
        for (int y = 0; glyph && y < gh; y++)
            for (int x = 0; x < gw; x++) {
                int ix = pen_x + xoff + x, iy = baseline + yoff + y;
                if (ix >= 0 && iy >= 0 && ix < img->width && iy < img->height && glyph[y * gw + x])
                    blend(image_pixel(img, ix, iy), 255, glyph[y * gw + x] / 255.0f);
            }
        stbtt_FreeBitmap(glyph, NULL);
        int adv, lsb;
        stbtt_GetCodepointHMetrics(&font, cp, &adv, &lsb);
        pen_x += (int)(adv * scale + 0.5f);
    }
    return true;
}
