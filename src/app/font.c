/* font.c - bakes the embedded UI font into a glyph atlas at a HiDPI scale, and measures text. */
#include "font.h"

#include "../core/embedded.h"

#include <stb_truetype.h>
#include <stdlib.h>
#include <string.h>

enum { ATLAS_W = 1024, ATLAS_H = 1024 };

bool font_bake(FontAtlas *font, float scale, SmpError *err)
{
    memset(font, 0, sizeof *font);
    if (scale < 0.5f) scale = 0.5f;
    if (scale > 3.0f) scale = 3.0f;
    font->atlas = calloc(ATLAS_W, ATLAS_H);
    if (!font->atlas)
        return smp_fail(err, "out of memory for the UI font");
    font->atlas_w = ATLAS_W;
    font->atlas_h = ATLAS_H;
    const unsigned char *ttf = font_data_files[0].data;
    stbtt_fontinfo info;
    if (!stbtt_InitFont(&info, ttf, stbtt_GetFontOffsetForIndex(ttf, 0))) {
        font_free(font);
        return smp_fail(err, "the embedded UI font is unreadable");
    }
    const float sizes[FONT_SIZES] = {17.0f * scale, 30.0f * scale};
    /* Each size gets its own band of rows; the last rows hold the white cell. */
    const int band_y[FONT_SIZES] = {0, 320}, band_h[FONT_SIZES] = {320, 680};
    for (int s = 0; s < FONT_SIZES; s++) {
        stbtt_bakedchar baked[FONT_CHAR_COUNT];
        int rows = stbtt_BakeFontBitmap(ttf, 0, sizes[s], font->atlas + (size_t)band_y[s] * ATLAS_W, ATLAS_W,
                                        band_h[s], FONT_FIRST_CHAR, FONT_CHAR_COUNT, baked);
        if (rows <= 0) {
            font_free(font);
            return smp_fail(err, "the UI font does not fit its atlas at scale %.2f", scale);
        }
        int asc, desc, gap;
        stbtt_GetFontVMetrics(&info, &asc, &desc, &gap);
        float k = stbtt_ScaleForPixelHeight(&info, sizes[s]);
        font->px[s] = sizes[s];
        font->ascent[s] = asc * k;
        font->line_h[s] = (asc - desc + gap) * k;
        for (int i = 0; i < FONT_CHAR_COUNT; i++) {
            const stbtt_bakedchar *b = &baked[i];
            FontGlyph *g = &font->glyphs[s][i];
            g->x0 = b->xoff;
            g->y0 = b->yoff;
            g->x1 = b->xoff + (b->x1 - b->x0);
            g->y1 = b->yoff + (b->y1 - b->y0);
            g->u0 = (float)b->x0 / ATLAS_W;
            g->u1 = (float)b->x1 / ATLAS_W;
            g->v0 = (float)(b->y0 + band_y[s]) / ATLAS_H;
            g->v1 = (float)(b->y1 + band_y[s]) / ATLAS_H;
            g->advance = b->xadvance;
        }
    }
    for (int y = ATLAS_H - 4; y < ATLAS_H; y++)
        memset(font->atlas + (size_t)y * ATLAS_W + ATLAS_W - 4, 255, 4);
    font->white_u = (ATLAS_W - 2.0f) / ATLAS_W;
    font->white_v = (ATLAS_H - 2.0f) / ATLAS_H;
    font->generation++;
    return true;
}

void font_free(FontAtlas *font)
{
    free(font->atlas);
    font->atlas = NULL;
}


const FontGlyph *font_glyph(const FontAtlas *font, int size, uint32_t cp)
{
    if (cp < FONT_FIRST_CHAR || cp >= FONT_FIRST_CHAR + FONT_CHAR_COUNT || (cp >= 127 && cp < 160))
        cp = '?';
    return &font->glyphs[size][cp - FONT_FIRST_CHAR];
}

float font_text_width(const FontAtlas *font, int size, const char *text)
{
    float w = 0;
    while (*text)
        w += font_glyph(font, size, utf8_next(&text))->advance;
    return w;
}
