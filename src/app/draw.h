/* draw.h - the UI draw list: coloured, optionally textured triangles in screen
 * pixels (y down), built by the widgets and overlays each frame and drawn by
 * src/gfx in one call.
 *
 * Memory is reserved once (draw_init) and reused every frame (draw_clear):
 * nothing allocates per frame. When the list is full, further shapes are
 * dropped (and `overflowed` is set) rather than growing.
 * Texture coordinates index the font atlas (font.h); solid shapes use its white
 * cell. Pictures (pics.h) have u >= 2: they index the picture atlas at (u - 2, v). Colours are sRGB bytes packed as R | G << 8 | B << 16 | A << 24.
 */
#ifndef SMP_DRAW_H
#define SMP_DRAW_H

#include "font.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct DrawVertex {
    float x, y, u, v;
    uint32_t rgba;
} DrawVertex;

/* From vertex `start` on (to the next clip), only pixels inside the rectangle
 * are drawn; w < 0 means unclipped. */
typedef struct DrawClip {
    int start;
    float x, y, w, h;
} DrawClip;

enum { DRAW_MAX_CLIPS = 16 };

typedef struct DrawList {
    DrawVertex *verts;
    int count, capacity;
    bool overflowed;
    DrawClip clips[DRAW_MAX_CLIPS]; /* none: nothing is clipped */
    int clip_count;
    const FontAtlas *font;
    float white_u, white_v; /* the atlas' white cell */
} DrawList;

#define RGBA(r, g, b, a) ((uint32_t)(r) | (uint32_t)(g) << 8 | (uint32_t)(b) << 16 | (uint32_t)(a) << 24)

bool draw_init(DrawList *dl, int capacity, const FontAtlas *font);
void draw_free(DrawList *dl);
void draw_clear(DrawList *dl);
/* Clips what is drawn next to a rectangle (the photo view, so overlays never
 * cover the panels), or stops clipping. */
void draw_clip(DrawList *dl, float x, float y, float w, float h);
void draw_clip_off(DrawList *dl);

void draw_rect(DrawList *dl, float x, float y, float w, float h, uint32_t rgba);
/* The picture atlas' [u0, u1] x [v0, v1] (0..1) into the rectangle, as is. */
void draw_picture(DrawList *dl, float x, float y, float w, float h, float u0, float v0, float u1, float v1);
void draw_rect_outline(DrawList *dl, float x, float y, float w, float h, float t, uint32_t rgba);
void draw_line(DrawList *dl, float x0, float y0, float x1, float y1, float width, uint32_t rgba);
void draw_circle(DrawList *dl, float cx, float cy, float r, uint32_t rgba);
void draw_ring(DrawList *dl, float cx, float cy, float r, float width, uint32_t rgba);
/* UTF-8 text with its top-left at (x, y); size is FONT_SMALL or FONT_LARGE.
 * Returns the advance width. */
float draw_text(DrawList *dl, float x, float y, int size, const char *text, uint32_t rgba);

#endif
