/* pics.h - small pictures in the UI (the Clients tab's thumbnails): one RGBA
 * atlas of PIC_SLOTS cells of PIC_W x PIC_H px, drawn through the draw list
 * (draw_picture) and uploaded by src/gfx when `generation` changes. A slot
 * belongs to the key that last put its picture there; when all are taken the
 * least recently drawn one is reused. UI thread only. */
#ifndef SMP_PICS_H
#define SMP_PICS_H

#include "draw.h"

#include <stdbool.h>
#include <stdint.h>

enum { PIC_W = 64, PIC_H = 48, PIC_COLS = 8, PIC_ROWS = 10, PIC_SLOTS = PIC_COLS * PIC_ROWS };
enum { PIC_ATLAS_W = PIC_W * PIC_COLS, PIC_ATLAS_H = PIC_H * PIC_ROWS };

typedef struct PicAtlas {
    uint8_t *rgba;       /* PIC_ATLAS_W x PIC_ATLAS_H x 4, sRGB */
    unsigned generation; /* changes with every picture put */
    uint64_t key[PIC_SLOTS];
    uint64_t last_drawn[PIC_SLOTS]; /* 0: free */
    uint64_t clock;
} PicAtlas;

bool pics_init(PicAtlas *a);
void pics_free(PicAtlas *a);
/* Draws key's picture into the rectangle; false when the atlas does not hold
 * it (then pics_put it first). */
bool pics_draw(PicAtlas *a, DrawList *dl, uint64_t key, float x, float y, float w, float h);
/* Puts key's PIC_W x PIC_H picture (RGBA words, R in the low byte) in a slot. */
void pics_put(PicAtlas *a, uint64_t key, const uint32_t *px);

#endif
