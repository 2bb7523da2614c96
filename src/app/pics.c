/* The UI's picture atlas (pics.h). */
#include "pics.h"

#include <stdlib.h>
#include <string.h>

bool pics_init(PicAtlas *a)
{
    memset(a, 0, sizeof *a);
    a->rgba = calloc((size_t)PIC_ATLAS_W * PIC_ATLAS_H, 4);
    return a->rgba != NULL;
}

void pics_free(PicAtlas *a)
{
    free(a->rgba);
    memset(a, 0, sizeof *a);
}

static int find(const PicAtlas *a, uint64_t key)
{
    for (int i = 0; i < PIC_SLOTS; i++)
        if (a->last_drawn[i] && a->key[i] == key)
            return i;
    return -1;
}

bool pics_draw(PicAtlas *a, DrawList *dl, uint64_t key, float x, float y, float w, float h)
{
    int i = find(a, key);
    if (i < 0)
        return false;
    a->last_drawn[i] = ++a->clock;
    float u0 = (float)(i % PIC_COLS) / PIC_COLS, v0 = (float)(i / PIC_COLS) / PIC_ROWS;
    draw_picture(dl, x, y, w, h, u0, v0, u0 + 1.0f / PIC_COLS, v0 + 1.0f / PIC_ROWS);
    return true;
}

void pics_put(PicAtlas *a, uint64_t key, const uint32_t *px)
{
    int slot = find(a, key);
    if (slot < 0) { /* the least recently drawn; a free one (0) first */
        slot = 0;
        for (int i = 1; i < PIC_SLOTS; i++)
            if (a->last_drawn[i] < a->last_drawn[slot])
                slot = i;
    }
    a->key[slot] = key;
    a->last_drawn[slot] = ++a->clock;
    int x0 = slot % PIC_COLS * PIC_W, y0 = slot / PIC_COLS * PIC_H;
    for (int y = 0; y < PIC_H; y++)
        memcpy(a->rgba + ((size_t)(y0 + y) * PIC_ATLAS_W + x0) * 4, px + (size_t)y * PIC_W, PIC_W * 4);
    a->generation++;
}
