/* photo_tiles.h - the photo on the GPU: mipmapped sRGB texture tiles, sent a
 * few a frame, and only the mip levels the view needs.
 *
 * At fit size a big photo is drawn from its coarse levels only: a 24 MP photo
 * on a 1280 px view reads level 2 and below, 1/16 of its bytes. So each tile
 * is sent first from the level the view needs (GL_TEXTURE_BASE_LEVEL), and
 * its finer levels follow when the view zooms in on it. The view is then the
 * same, pixel for pixel, as with every level sent: trilinear filtering at that
 * zoom reads no finer level. A 24 MP photo opens in a fraction of the uploads
 * and of the GPU memory (the page's software GL, a tablet's shared memory).
 *
 * Needs a current GL context for every call but photo_tiles_init.
 */
#ifndef SMP_PHOTO_TILES_H
#define SMP_PHOTO_TILES_H

#include "../app/app.h"
#include "gl.h"

#include <stdbool.h>
#include <stdint.h>

enum { MAX_TILES = 256, TILE_SIZE = 1024 };

typedef struct PhotoTile {
    GLuint tex;
    int x, y, w, h; /* photo px */
    int base;       /* the finest mip level sent (GL_TEXTURE_BASE_LEVEL) */
    unsigned sent_at; /* PhotoTiles.sends after it was last sent */
} PhotoTile;

typedef struct PhotoTiles {
    PhotoTile tile[MAX_TILES];
    int count;
    /* Tiles sent so far: the first `sent`, as they go in order. Each is drawn
     * as it arrives, not all at the end: a software rasteriser's first draw
     * of a texture is slow, and a 24 MP photo's 24 tiles drawn first all at
     * once stopped the page for 0.8-0.9 s. */
    int sent;
    unsigned sends; /* tile uploads so far, finer levels included: what is drawn changed */
    size_t bytes;   /* sent so far, all levels */
    uint8_t *mip[2]; /* a tile's mip levels, ping-pong (sized per photo) */
    size_t mip_capacity[2];
    float srgb_to_linear[256];
    uint8_t linear_to_srgb[4096];
} PhotoTiles;

void photo_tiles_init(PhotoTiles *p);
/* Plans img's tiles; nothing is sent yet (photo_tiles_step). */
void photo_tiles_begin(PhotoTiles *p, const SmpImage *img);
/* True when every tile is sent and the tiles in f's view have the levels its
 * zoom reads. */
bool photo_tiles_sharp(const PhotoTiles *p, const AppFrame *f);
/* Where f draws tile t: screen px (y down) x0, y0, x1, y1 (side by side, its
 * twin twin_dx px to the left too). */
void photo_tile_box(const AppFrame *f, const PhotoTile *t, double box[4]);
/* Sends tiles of f->photo for about budget_ms (at least one): first every
 * tile from the level the view needs, then finer levels of the tiles in view. */
void photo_tiles_step(PhotoTiles *p, const AppFrame *f, double budget_ms);
/* Frees the tiles' textures (a new photo, or the end). */
void photo_tiles_release(PhotoTiles *p);
void photo_tiles_free(PhotoTiles *p);

#endif
