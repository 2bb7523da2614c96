/* font.h - the UI font: DejaVu Sans (embedded at build time) baked by
 * stb_truetype into one 8-bit atlas, at two sizes, for Latin-1 text.
 *
 * font_bake allocates the atlas once (about 1 MB); font_free releases it.
 * Measuring and quad lookup are pure reads. Text is UTF-8; code points outside
 * Latin-1 draw as '?'. `scale` is the HiDPI factor (1 = 96 dpi).
 */
#ifndef SMP_FONT_H
#define SMP_FONT_H

#include "../core/error.h"
#include "../core/utf8.h" /* utf8_next: text is drawn a code point at a time */

#include <stdint.h>

enum { FONT_SMALL = 0, FONT_LARGE = 1, FONT_SIZES = 2, FONT_FIRST_CHAR = 32, FONT_CHAR_COUNT = 224 };

typedef struct FontGlyph {
    float x0, y0, x1, y1; /* quad relative to the pen at the baseline */
    float u0, v0, u1, v1;
    float advance;
} FontGlyph;

typedef struct FontAtlas {
    int atlas_w, atlas_h;
    uint8_t *atlas;       /* R8 coverage */
    unsigned generation;  /* changes when the atlas is rebaked */
    float px[FONT_SIZES]; /* pixel height of each size */
    float ascent[FONT_SIZES], line_h[FONT_SIZES];
    FontGlyph glyphs[FONT_SIZES][FONT_CHAR_COUNT];
    float white_u, white_v;
} FontAtlas;

bool font_bake(FontAtlas *font, float scale, SmpError *err);
void font_free(FontAtlas *font);

const FontGlyph *font_glyph(const FontAtlas *font, int size, uint32_t cp);
float font_text_width(const FontAtlas *font, int size, const char *text);

#endif
