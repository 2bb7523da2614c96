/* photo_tiles.c - the photo as mipmapped sRGB tiles, sent by the levels the
 * view needs (see photo_tiles.h). */
#include "photo_tiles.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

/* Trilinear filtering at a zoom reads the levels from log2(1 / zoom) down;
 * the GPU rounds that level a little, so a tile is sent from a little finer. */
#define LEVEL_MARGIN 0.1

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* sRGB <-> linear lookup tables for the mip levels made on the CPU. */
void photo_tiles_init(PhotoTiles *p)
{
    for (int i = 0; i < 256; i++) {
        double c = i / 255.0;
        p->srgb_to_linear[i] = (float)(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4));
    }
    for (int i = 0; i < 4096; i++) {
        double l = i / 4095.0, c = l <= 0.0031308 ? l * 12.92 : 1.055 * pow(l, 1 / 2.4) - 0.055;
        p->linear_to_srgb[i] = (uint8_t)lround(c * 255);
    }
}

void photo_tiles_release(PhotoTiles *p)
{
    for (int i = 0; i < p->sent; i++)
        glDeleteTextures(1, &p->tile[i].tex);
    p->count = p->sent = 0;
}

void photo_tiles_free(PhotoTiles *p)
{
    photo_tiles_release(p);
    free(p->mip[0]);
    free(p->mip[1]);
}

/* Plans the photo's tiles: small enough to send one in a few ms, no larger
 * than the GPU allows, and no more than MAX_TILES (a 20000-pixel-wide photo
 * gets bigger tiles). */
void photo_tiles_begin(PhotoTiles *p, const SmpImage *img)
{
    photo_tiles_release(p);
    p->bytes = 0;
    GLint max = 4096;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max);
    int side = max < TILE_SIZE ? max : TILE_SIZE;
    while ((long)((img->width + side - 1) / side) * ((img->height + side - 1) / side) > MAX_TILES)
        side *= 2;
    for (int y = 0; y < img->height; y += side)
        for (int x = 0; x < img->width; x += side) {
            PhotoTile *t = &p->tile[p->count++];
            t->tex = 0;
            t->x = x, t->y = y;
            t->w = img->width - x < side ? img->width - x : side;
            t->h = img->height - y < side ? img->height - y : side;
            t->base = 0;
        }
    /* Scratch for levels 1 and 2 of a tile (then reused); without it the
     * driver makes the mipmaps from level 0. Once per photo, not per frame. */
    for (int i = 0; i < 2; i++) {
        size_t s = (size_t)(side >> (i + 1)), need = s * s * 4;
        if (need > p->mip_capacity[i]) {
            free(p->mip[i]);
            p->mip[i] = malloc(need);
            p->mip_capacity[i] = p->mip[i] ? need : 0;
        }
    }
}

/* The finest level f's zoom reads from tile t (its last level at most). */
static int view_level(const AppFrame *f, const PhotoTile *t)
{
    double lod = f->zoom > 0 ? log2(1.0 / f->zoom) - LEVEL_MARGIN : 0;
    int level = lod > 0 ? (int)lod : 0, top = 0;
    for (int side = t->w > t->h ? t->w : t->h; side > 1; side /= 2)
        top++;
    return level < top ? level : top;
}

void photo_tile_box(const AppFrame *f, const PhotoTile *t, double box[4])
{
    box[0] = f->origin_x + t->x * f->zoom, box[1] = f->origin_y + t->y * f->zoom;
    box[2] = f->origin_x + (t->x + t->w) * f->zoom, box[3] = f->origin_y + (t->y + t->h) * f->zoom;
}

/* Whether tile t is drawn in f's view (or its side-by-side twin). */
static bool in_view(const AppFrame *f, const PhotoTile *t)
{
    double b[4];
    photo_tile_box(f, t, b);
    return b[2] > f->view_x - f->twin_dx && b[0] < f->view_x + f->view_w && b[3] > f->view_y &&
           b[1] < f->view_y + f->view_h;
}

bool photo_tiles_sharp(const PhotoTiles *p, const AppFrame *f)
{
    if (p->sent < p->count)
        return false;
    for (int i = 0; i < p->count; i++)
        if (p->tile[i].base > view_level(f, &p->tile[i]) && in_view(f, &p->tile[i]))
            return false;
    return true;
}

/* One mip level from the one above: 2x2 boxes averaged in linear light, as
 * an sRGB texture's mipmaps should be (an odd last row or column is dropped). */
static void mip_down(const PhotoTiles *p, const uint8_t *src, int sw, int sh, int stride, uint8_t *dst, int dw,
                     int dh)
{
    for (int y = 0; y < dh; y++) {
        const uint8_t *r0 = src + (size_t)(2 * y) * stride * 4;
        const uint8_t *r1 = src + (size_t)(2 * y + 1 < sh ? 2 * y + 1 : 2 * y) * stride * 4;
        uint8_t *o = dst + (size_t)y * dw * 4;
        for (int x = 0; x < dw; x++, o += 4) {
            int a = 8 * x, b = 2 * x + 1 < sw ? a + 4 : a;
            for (int c = 0; c < 3; c++) {
                float l = p->srgb_to_linear[r0[a + c]] + p->srgb_to_linear[r0[b + c]] +
                          p->srgb_to_linear[r1[a + c]] + p->srgb_to_linear[r1[b + c]];
                o[c] = p->linear_to_srgb[(int)(l * (4095 / 4.0f) + 0.5f)];
            }
            o[3] = (uint8_t)((r0[a + 3] + r0[b + 3] + r1[a + 3] + r1[b + 3] + 2) / 4);
        }
    }
}

/* Levels 1..n of tile t, made from the photo, and those in [from, to) sent.
 * On llvmpipe glGenerateMipmap compiles a new blit for each new tile shape (a
 * ~55 ms stall), so the levels are made here. */
static void tile_mipmaps(PhotoTiles *p, const SmpImage *img, const PhotoTile *t, int from, int to)
{
    const uint8_t *src = img->pixels + ((size_t)t->y * img->width + t->x) * 4;
    int w = t->w, h = t->h, stride = img->width;
    for (int level = 1; (w > 1 || h > 1) && level < to; level++) {
        int dw = w > 1 ? w / 2 : 1, dh = h > 1 ? h / 2 : 1;
        uint8_t *dst = p->mip[(level - 1) & 1];
        mip_down(p, src, w, h, stride, dst, dw, dh);
        if (level >= from) {
            glTexImage2D(GL_TEXTURE_2D, level, GL_SRGB8_ALPHA8, dw, dh, 0, GL_RGBA, GL_UNSIGNED_BYTE, dst);
            p->bytes += (size_t)dw * dh * 4;
        }
        src = dst, w = dw, h = dh, stride = dw;
    }
}

/* Sends tile t's levels from `base` on: a new tile all of them, a tile sent
 * before only the finer ones it lacks. */
static void tile_send(PhotoTiles *p, const SmpImage *img, PhotoTile *t, int base)
{
    bool own_mips = p->mip[0] && p->mip[1];
    int had = t->tex ? t->base : 1 << 30;
    if (!own_mips)
        base = 0; /* the driver's mipmaps are made from level 0 */
    if (!t->tex)
        glGenTextures(1, &t->tex);
    glBindTexture(GL_TEXTURE_2D, t->tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    if (base == 0) {
        glPixelStorei(GL_UNPACK_ROW_LENGTH, img->width);
        glPixelStorei(GL_UNPACK_SKIP_PIXELS, t->x);
        glPixelStorei(GL_UNPACK_SKIP_ROWS, t->y);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_SRGB8_ALPHA8, t->w, t->h, 0, GL_RGBA, GL_UNSIGNED_BYTE, img->pixels);
        p->bytes += (size_t)t->w * t->h * 4;
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        glPixelStorei(GL_UNPACK_SKIP_PIXELS, 0);
        glPixelStorei(GL_UNPACK_SKIP_ROWS, 0);
    }
    if (own_mips)
        tile_mipmaps(p, img, t, base, had);
    else
        glGenerateMipmap(GL_TEXTURE_2D);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, base);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glFlush(); /* let the driver do the work now, inside the budget */
    t->base = base;
}

void photo_tiles_step(PhotoTiles *p, const AppFrame *f, double budget_ms)
{
    double t0 = now_ms();
    for (int i = 0, done = 0; i < p->count; i++) {
        PhotoTile *t = &p->tile[i];
        int want = view_level(f, t);
        bool fresh = i >= p->sent;
        if (!fresh && (t->base <= want || !in_view(f, t)))
            continue;
        if (done > 0 && now_ms() - t0 >= budget_ms)
            break;
        tile_send(p, f->photo, t, want);
        p->sent += fresh;
        t->sent_at = ++p->sends;
        done++;
    }
}
