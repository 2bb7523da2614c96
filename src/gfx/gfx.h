/* gfx.h - draws an AppFrame with OpenGL 3.3 core (or GLES 3.0): the photo as
 * mipmapped sRGB texture tiles, the dots as instanced elliptical quads into a
 * transmittance target (or, zoomed out, a CPU-accumulated grid: lod.h),
 * composited in linear light like the CPU renderer, then the UI draw list.
 *
 * Needs a current GL context for every call. GL objects are created when
 * needed and reused; a frame uploads only what changed (photo, dots, font
 * atlas, by their generation counters). A new photo is uploaded a few tiles
 * per frame (~8 ms), each from the mip level the view needs (photo_tiles.h);
 * gfx_stats says when it is whole, and sharp. Errors (shader compile, FBO)
 * are reported once by gfx_create.
 */
#ifndef SMP_GFX_H
#define SMP_GFX_H

#include "../app/app.h"
#include "../core/error.h"

typedef struct Gfx Gfx;

/* What the dot layer is drawn into (checked framebuffers, see fbo_ensure). */
typedef enum GfxDotTarget {
    GFX_DOTS_UNKNOWN = 0, /* no frame drawn yet */
    GFX_DOTS_HALF,        /* half float: exact */
    GFX_DOTS_8BIT,        /* 8-bit fallback: the same dots, faint ones banded */
    GFX_DOTS_NONE,        /* nothing drawable: the view shows no dots (say so) */
} GfxDotTarget;

typedef struct GfxStats {
    bool lod;      /* the last frame used the zoomed-out path */
    int instances; /* dots drawn as quads in the last frame */
    unsigned photo_gen;   /* AppFrame.photo_gen of the photo drawn whole; 0 while it uploads */
    float photo_progress; /* share of the photo uploaded (0..1) */
    bool photo_sharp;     /* the photo's tiles in view have the detail the zoom needs (photo_tiles.h) */
    size_t photo_bytes;   /* of the photo sent to the GPU, all mip levels */
    GfxDotTarget dot_target;
    unsigned frames_drawn; /* frames that reached the surface (see gfx_set_keep_unchanged) */
} GfxStats;

bool gfx_create(Gfx **out, SmpError *err);
void gfx_destroy(Gfx *gfx);
void gfx_draw(Gfx *gfx, const AppFrame *frame);
/* Frames go to an app-owned framebuffer, sized to each frame (reallocated
 * only when the size changes), instead of the window's: for windows that are
 * never shown and whose framebuffer keeps its first size (SDL's offscreen
 * driver). Off by default: a shown window's framebuffer follows its size. */
void gfx_set_own_target(Gfx *gfx, bool on);
/* For a surface that keeps what was drawn on it until drawn again (the web
 * page's canvas, preserveDrawingBuffer): a frame that would look the same as
 * the last one drawn is not drawn at all, so an idle view costs the GPU (and
 * a tablet's battery) nothing. Off by default: a window's swapped buffers do
 * not keep their frame. */
void gfx_set_keep_unchanged(Gfx *gfx, bool on);
/* How long a frame may spend sending the photo to the GPU (8 ms unless set);
 * at least one tile goes each frame, so 0 sends one tile a frame. */
void gfx_set_upload_budget(Gfx *gfx, double ms);
/* Waits for the GPU (glFinish), for honest frame timing. */
void gfx_finish(Gfx *gfx);
/* The last frame drawn, at its size, as an upright RGBA image (out is
 * created here). */
bool gfx_read_pixels(Gfx *gfx, SmpImage *out, SmpError *err);
GfxStats gfx_stats(const Gfx *gfx);

#endif
