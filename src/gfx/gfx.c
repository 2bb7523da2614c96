/* gfx.c - draws an AppFrame with OpenGL 3.3 core / GLES 3.0: photo, dots, mattes, split and UI. */
#include "gfx.h"

#include "../core/embedded.h"
#include "../core/erythema.h"
#include "gl.h"
#include "lod.h"
#include "photo_tiles.h"
#include "ui_diff.h"
#include "../core/footprint.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above this many dots in view, or below this zoom, the CPU grid is cheaper
 * than quads on a software rasteriser (60k quads ~ 50 ms on llvmpipe). */
#define LOD_MAX_INSTANCES 12000
#define LOD_MAX_ZOOM 0.5
/* Per dot instance: a FootprintShape in five vec4 attributes (see dots.vert). */
#define INST_VEC4 5
#define INST_FLOATS (4 * INST_VEC4)
/* A photo goes to the GPU a few tiles per frame, for about this long, so
 * opening a 48-megapixel photo never stalls the window (one 1024 px tile with
 * its mipmaps takes ~4 ms on llvmpipe; the whole photo ~0.3 s). */
#define UPLOAD_BUDGET_MS 8.0

/* Everything but the dots that the kept scene depends on: any change and the
 * whole scene is drawn again. */
typedef struct SceneKey {
    int width, height;
    float view[4], split_x, twin_dx, ink[3], grain, blur;
    double zoom, origin_x, origin_y, px_per_mm;
    unsigned photo_gen, mattes_gen, seed, redness_gen;
    bool show_dots, show_mattes, lod;
} SceneKey;

struct Gfx {
    GLuint prog_dots, prog_comp, prog_lod, prog_ui, prog_copy;
    GLint dots_screen, dots_origin, dots_zoom;
    GLint comp_screen, comp_photo, comp_trans, comp_ink, comp_split;
    GLint comp_tile, comp_sheen, comp_sheen_rect, comp_has_sheen, comp_grain, comp_seed;
    GLint comp_keep, comp_keep_size, comp_has_keep;
    GLint comp_redness, comp_redness_rect, comp_has_redness, comp_redness_tint, comp_show_keep;
    GLint lod_screen, lod_grid;
    GLint ui_screen, ui_atlas, ui_pics;
    GLint copy_screen, copy_src;
    GLuint vao_dots, vbo_corner, vbo_inst;
    GLuint vao_quad, vbo_quad;
    GLuint vao_ui, vbo_ui;
    GLuint fbo, fbo_tex;
    int fbo_w, fbo_h;
    /* With gfx_set_own_target: frames go here (sized to each frame) rather
     * than to the window's framebuffer. */
    bool own_target, target_ok;
    GLuint target_fbo, target_rb;
    int target_w, target_h;
    int frame_w, frame_h; /* the last frame drawn */
    GLuint atlas_tex;
    unsigned atlas_gen;
    bool has_atlas;
    GLuint pics_tex; /* the UI's pictures (src/app/pics.h) */
    unsigned pics_gen;
    PhotoTiles tiles;
    double upload_budget_ms; /* a frame's time for sending the photo (at least a tile) */
    unsigned photo_gen;
    GLuint sheen_tex;      /* the photo's sheen map (R8, linear filtering = the CPU's bilinear) */
    bool has_sheen;
    unsigned mattes_gen;   /* AppFrame.mattes_gen of keep_tex */
    bool mattes_known;
    GLuint keep_tex;       /* what the mattes keep of the dot layer (R8, see AppFrame.ink_keep) */
    bool has_keep;
    float sheen_rect[4];   /* the map's extent in photo px: x0, y0, width, height */
    GLuint redness_tex;    /* the flush of fresh work (R8, as the sheen map) */
    bool has_redness;
    float redness_rect[4];
    unsigned redness_gen;
    unsigned dots_gen;
    bool dots_valid;
    int inst_count;
    size_t inst_capacity; /* floats */
    float *inst;
    float inst_blur, inst_filter; /* the blur and pixel filter (photo px) inst was shaped for */
    size_t ui_capacity;   /* bytes of the UI buffer on the GPU */
    /* The photo with its dots, kept between frames (see scene_draw): a drag
     * redraws only the screen rectangle whose dots changed. */
    GLuint scene_fbo, scene_tex;
    int scene_w, scene_h;
    SceneKey scene_key;
    bool scene_valid;
    unsigned scene_sends; /* the photo tiles' sends the scene holds */
    unsigned scene_dots_gen; /* the dots the scene holds */
    /* With gfx_set_keep_unchanged: what the surface shows, so that the same
     * frame again is not drawn (the UI's vertices and clips as drawn). */
    bool keep_unchanged, shown_valid, shown_scene;
    ShownUi shown_ui;
    LodGrid lod;
    GLuint lod_tex;
    int lod_level, lod_w, lod_h;
    unsigned lod_gen;
    float lod_blur;
    bool lod_valid;
    GfxStats stats;
};

/* ---- shaders ---- */

static GLuint compile(GLenum type, const char *name, SmpError *err)
{
    const EmbeddedFile *f = embedded_find(shaders_files, name);
    if (!f)
        return smp_fail(err, "shader %s is not embedded", name), 0;
    /* Swap the first line for the target's version (330 core / 300 es). */
    const char *src = (const char *)f->data;
    const char *nl = strchr(src, '\n');
    /* Then the dermal dot's constants, generated from src/core/footprint_model.h. */
    const EmbeddedFile *consts = embedded_find(shaders_files, "footprint.glsl");
    const char *parts[4] = {SMP_GLSL_VERSION, "\n", consts ? (const char *)consts->data : "", nl ? nl + 1 : ""};
    GLuint s = glCreateShader(type);
    glShaderSource(s, 4, parts, NULL);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[400];
        glGetShaderInfoLog(s, sizeof log, NULL, log);
        log[strcspn(log, "\n")] = 0;
        glDeleteShader(s);
        return smp_fail(err, "shader %s: %s", name, log), 0;
    }
    return s;
}

static GLuint program(const char *vs_name, const char *fs_name, SmpError *err)
{
    GLuint vs = compile(GL_VERTEX_SHADER, vs_name, err);
    if (!vs)
        return 0;
    GLuint fs = compile(GL_FRAGMENT_SHADER, fs_name, err);
    if (!fs) {
        glDeleteShader(vs);
        return 0;
    }
    GLuint p = glCreateProgram();
    glAttachShader(p, vs);
    glAttachShader(p, fs);
    glLinkProgram(p);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[400];
        glGetProgramInfoLog(p, sizeof log, NULL, log);
        log[strcspn(log, "\n")] = 0;
        glDeleteProgram(p);
        return smp_fail(err, "linking %s + %s: %s", vs_name, fs_name, log), 0;
    }
    return p;
}

/* The composite's uniforms for the photo's look (sheen, grain). */
static void look_uniforms_find(Gfx *g)
{
    g->comp_tile = glGetUniformLocation(g->prog_comp, "u_tile");
    g->comp_sheen = glGetUniformLocation(g->prog_comp, "u_sheen");
    g->comp_sheen_rect = glGetUniformLocation(g->prog_comp, "u_sheen_rect");
    g->comp_has_sheen = glGetUniformLocation(g->prog_comp, "u_has_sheen");
    g->comp_grain = glGetUniformLocation(g->prog_comp, "u_grain");
    g->comp_seed = glGetUniformLocation(g->prog_comp, "u_seed");
    g->comp_keep = glGetUniformLocation(g->prog_comp, "u_keep");
    g->comp_keep_size = glGetUniformLocation(g->prog_comp, "u_keep_size");
    g->comp_has_keep = glGetUniformLocation(g->prog_comp, "u_has_keep");
    g->comp_redness = glGetUniformLocation(g->prog_comp, "u_redness");
    g->comp_redness_rect = glGetUniformLocation(g->prog_comp, "u_redness_rect");
    g->comp_has_redness = glGetUniformLocation(g->prog_comp, "u_has_redness");
    g->comp_redness_tint = glGetUniformLocation(g->prog_comp, "u_redness_tint");
    g->comp_show_keep = glGetUniformLocation(g->prog_comp, "u_show_keep");
}

/* The shader uniforms' locations. */
static void uniforms_find(Gfx *g)
{
    g->dots_screen = glGetUniformLocation(g->prog_dots, "u_screen");
    g->dots_origin = glGetUniformLocation(g->prog_dots, "u_origin");
    g->dots_zoom = glGetUniformLocation(g->prog_dots, "u_zoom");
    g->comp_screen = glGetUniformLocation(g->prog_comp, "u_screen");
    g->comp_photo = glGetUniformLocation(g->prog_comp, "u_photo");
    g->comp_trans = glGetUniformLocation(g->prog_comp, "u_trans");
    g->comp_ink = glGetUniformLocation(g->prog_comp, "u_ink");
    g->comp_split = glGetUniformLocation(g->prog_comp, "u_split_x");
    look_uniforms_find(g);
    g->lod_screen = glGetUniformLocation(g->prog_lod, "u_screen");
    g->lod_grid = glGetUniformLocation(g->prog_lod, "u_grid");
    g->ui_screen = glGetUniformLocation(g->prog_ui, "u_screen");
    g->ui_atlas = glGetUniformLocation(g->prog_ui, "u_atlas");
    g->ui_pics = glGetUniformLocation(g->prog_ui, "u_pics");
    g->copy_screen = glGetUniformLocation(g->prog_copy, "u_screen");
    g->copy_src = glGetUniformLocation(g->prog_copy, "u_src");
}

/* The vertex arrays: dots (a quad per instance), screen quads, the UI list. */
static void vertex_arrays_make(Gfx *g)
{
    /* Dots: a unit quad per instance (triangle strip) + per-instance data. */
    static const float corners[8] = {-1, -1, 1, -1, -1, 1, 1, 1};
    glGenVertexArrays(1, &g->vao_dots);
    glBindVertexArray(g->vao_dots);
    glGenBuffers(1, &g->vbo_corner);
    glBindBuffer(GL_ARRAY_BUFFER, g->vbo_corner);
    glBufferData(GL_ARRAY_BUFFER, sizeof corners, corners, GL_STATIC_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, (void *)0);
    glGenBuffers(1, &g->vbo_inst);
    glBindBuffer(GL_ARRAY_BUFFER, g->vbo_inst);
    for (int i = 0; i < INST_VEC4; i++) {
        glEnableVertexAttribArray(1 + i);
        glVertexAttribPointer(1 + i, 4, GL_FLOAT, GL_FALSE, INST_FLOATS * sizeof(float),
                              (void *)(i * 4 * sizeof(float)));
        glVertexAttribDivisor(1 + i, 1);
    }
    /* Screen quads: position + uv. */
    glGenVertexArrays(1, &g->vao_quad);
    glBindVertexArray(g->vao_quad);
    glGenBuffers(1, &g->vbo_quad);
    glBindBuffer(GL_ARRAY_BUFFER, g->vbo_quad);
    glBufferData(GL_ARRAY_BUFFER, 16 * sizeof(float), NULL, GL_STREAM_DRAW);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), (void *)0);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 4 * sizeof(float), (void *)(2 * sizeof(float)));
    /* UI: DrawVertex. */
    glGenVertexArrays(1, &g->vao_ui);
    glBindVertexArray(g->vao_ui);
    glGenBuffers(1, &g->vbo_ui);
    glBindBuffer(GL_ARRAY_BUFFER, g->vbo_ui);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(DrawVertex), (void *)0);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(DrawVertex), (void *)(2 * sizeof(float)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(DrawVertex), (void *)(4 * sizeof(float)));
    glBindVertexArray(0);
}

bool gfx_create(Gfx **out, SmpError *err)
{
    *out = NULL;
    Gfx *g = calloc(1, sizeof *g);
    if (!g)
        return smp_fail(err, "out of memory for the renderer");
    g->prog_dots = program("dots.vert", "dots.frag", err);
    g->prog_comp = g->prog_dots ? program("quad.vert", "composite.frag", err) : 0;
    g->prog_lod = g->prog_comp ? program("quad.vert", "lod.frag", err) : 0;
    g->prog_ui = g->prog_lod ? program("ui.vert", "ui.frag", err) : 0;
    g->prog_copy = g->prog_ui ? program("quad.vert", "copy.frag", err) : 0;
    if (!g->prog_copy) {
        gfx_destroy(g);
        return false;
    }
    uniforms_find(g);
    photo_tiles_init(&g->tiles);
    g->upload_budget_ms = UPLOAD_BUDGET_MS;
    vertex_arrays_make(g);
    glGenFramebuffers(1, &g->fbo);
    glGenFramebuffers(1, &g->target_fbo);
    glGenRenderbuffers(1, &g->target_rb);
    *out = g;
    return true;
}

void gfx_destroy(Gfx *g)
{
    if (!g)
        return;
    photo_tiles_free(&g->tiles);
    GLuint progs[5] = {g->prog_dots, g->prog_comp, g->prog_lod, g->prog_ui, g->prog_copy};
    for (int i = 0; i < 5; i++)
        if (progs[i])
            glDeleteProgram(progs[i]);
    GLuint bufs[4] = {g->vbo_corner, g->vbo_inst, g->vbo_quad, g->vbo_ui};
    glDeleteBuffers(4, bufs);
    GLuint vaos[3] = {g->vao_dots, g->vao_quad, g->vao_ui};
    glDeleteVertexArrays(3, vaos);
    /* the delete calls skip the names never created (0) */
    GLuint fbos[3] = {g->fbo, g->target_fbo, g->scene_fbo};
    glDeleteFramebuffers(3, fbos);
    glDeleteRenderbuffers(1, &g->target_rb);
    GLuint texs[8] = {g->fbo_tex, g->atlas_tex, g->lod_tex, g->scene_tex, g->sheen_tex, g->redness_tex, g->keep_tex,
                      g->pics_tex};
    glDeleteTextures(8, texs);
    lod_free(&g->lod);
    free(g->inst);
    ui_diff_free(&g->shown_ui);
    free(g);
}

/* ---- uploads ---- */

/* The bound texture: filtered linearly, clamped at its edges. */
static void linear_clamp(void)
{
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

static void atlas_upload(Gfx *g, const FontAtlas *f)
{
    if (!g->atlas_tex)
        glGenTextures(1, &g->atlas_tex);
    glBindTexture(GL_TEXTURE_2D, g->atlas_tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, f->atlas_w, f->atlas_h, 0, GL_RED, GL_UNSIGNED_BYTE, f->atlas);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    linear_clamp();
    g->has_atlas = true;
}

/* The UI's picture atlas, whole (80 thumbnails, 1 MB), when a picture was put. */
static void pics_upload(Gfx *g, const uint8_t *rgba, int w, int h)
{
    if (!g->pics_tex)
        glGenTextures(1, &g->pics_tex);
    glBindTexture(GL_TEXTURE_2D, g->pics_tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    linear_clamp();
}

/* Per instance: the dot's footprint in photo px (footprint.h, the export's
 * own code), with the photo's blur and a pixel filter of one photo pixel, or
 * one screen pixel when that is wider (zoomed out). */
static bool dots_upload(Gfx *g, const DotList *d, double ppm, float blur_px, float filter_px)
{
    size_t need = (size_t)d->count * INST_FLOATS;
    if (need > g->inst_capacity) {
        float *p = realloc(g->inst, need * sizeof *p); /* grows once per larger plan */
        if (!p)
            return false;
        g->inst = p;
        g->inst_capacity = need;
    }
    FootprintGrid grid = {ppm, blur_px, filter_px};
    for (int i = 0; i < d->count; i++) {
        FootprintShape s;
        footprint_shape(&d->items[i], &grid, &s);
        float *o = g->inst + (size_t)i * INST_FLOATS;
        const float v[INST_FLOATS] = {s.cx,     s.cy,    s.ext_u, s.ext_v, s.cos_t, s.sin_t, s.a,
                                      s.b,      s.edge,  s.k_core, s.hu,   s.hv,    s.k_halo, s.m2c,
                                      s.m2s,    s.m3c,   s.m3s,   0,       0,       0};
        memcpy(o, v, sizeof v);
    }
    glBindBuffer(GL_ARRAY_BUFFER, g->vbo_inst);
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(need * sizeof(float)), g->inst, GL_STREAM_DRAW);
    g->inst_count = d->count;
    g->inst_blur = blur_px;
    g->inst_filter = filter_px;
    return true;
}

/* Allocates the dot layer's texture at w x h in the given format and says
 * whether a framebuffer over it is complete (drawable). */
static bool dot_target_try(Gfx *g, GfxDotTarget kind, int w, int h)
{
    glBindTexture(GL_TEXTURE_2D, g->fbo_tex);
    if (kind == GFX_DOTS_HALF)
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R16F, w, h, 0, GL_RED, GL_FLOAT, NULL);
    else
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, NULL);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, g->fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, g->fbo_tex, 0);
    return glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
}

/* The dot layer (transmittance): half float where the device can draw into it
 * (faint sub-pixel dots multiply in without 8-bit banding), else 8-bit (WebGL2
 * without EXT_color_buffer_float/half_float; SMP_GL_NO_FLOAT=1 forces it).
 * Every framebuffer is checked: when neither is drawable the layer stays
 * white (no dots) and GfxStats.dot_target says so, for the platform to tell
 * the user rather than show a silently wrong view. */
static void fbo_ensure(Gfx *g, int w, int h)
{
    if (g->fbo_tex && g->fbo_w == w && g->fbo_h == h)
        return;
    if (!g->fbo_tex)
        glGenTextures(1, &g->fbo_tex);
    const char *no_float = getenv("SMP_GL_NO_FLOAT");
    bool half_allowed = !(no_float && no_float[0] == '1');
    if (half_allowed && dot_target_try(g, GFX_DOTS_HALF, w, h))
        g->stats.dot_target = GFX_DOTS_HALF;
    else if (dot_target_try(g, GFX_DOTS_8BIT, w, h))
        g->stats.dot_target = GFX_DOTS_8BIT;
    else {
        g->stats.dot_target = GFX_DOTS_NONE;
        uint8_t *white = malloc((size_t)w * h);
        if (white) {
            memset(white, 255, (size_t)w * h);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RED, GL_UNSIGNED_BYTE, white);
            glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
            free(white);
        }
    }
    g->fbo_w = w, g->fbo_h = h;
}

/* (Re)allocates the own target on a size change only. Should the driver
 * refuse it, frames go to the window's framebuffer. */
static void target_ensure(Gfx *g, int w, int h)
{
    if (g->target_w == w && g->target_h == h)
        return;
    glBindRenderbuffer(GL_RENDERBUFFER, g->target_rb);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, g->target_fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, g->target_rb);
    g->target_ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    g->target_w = w, g->target_h = h;
}

/* Where frames are drawn and read back. */
static GLuint framebuffer(const Gfx *g) { return g->own_target && g->target_ok ? g->target_fbo : 0; }

static void quad(Gfx *g, float x0, float y0, float x1, float y1, float u0, float v0, float u1, float v1)
{
    const float q[16] = {x0, y0, u0, v0, x1, y0, u1, v0, x0, y1, u0, v1, x1, y1, u1, v1};
    glBindVertexArray(g->vao_quad);
    glBindBuffer(GL_ARRAY_BUFFER, g->vbo_quad);
    glBufferSubData(GL_ARRAY_BUFFER, 0, sizeof q, q);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

/* Scissors to r cut to limit (GL rows; either may be NULL: no bound). */
static void scissor_within(const ScreenRect *r, const ScreenRect *limit)
{
    if (!r && !limit) {
        glDisable(GL_SCISSOR_TEST);
        return;
    }
    ScreenRect s = r && limit ? rect_meet(*r, *limit) : r ? *r : *limit;
    glEnable(GL_SCISSOR_TEST);
    glScissor(s.x0, s.y0, s.x1 > s.x0 ? s.x1 - s.x0 : 0, s.y1 > s.y0 ? s.y1 - s.y0 : 0);
}

/* Dots in view, assuming they are spread evenly over the photo. */
static double visible_share(const AppFrame *f)
{
    if (!f->photo)
        return 0;
    double x0 = fmax(0, (f->view_x - f->origin_x) / f->zoom), y0 = fmax(0, (f->view_y - f->origin_y) / f->zoom);
    double x1 = fmin(f->photo->width, (f->view_x + f->view_w - f->origin_x) / f->zoom);
    double y1 = fmin(f->photo->height, (f->view_y + f->view_h - f->origin_y) / f->zoom);
    if (x1 <= x0 || y1 <= y0)
        return 0;
    return (x1 - x0) * (y1 - y0) / ((double)f->photo->width * f->photo->height);
}

/* Whether this frame's dots go through the CPU grid (zoomed out, or too many
 * in view for quads). */
static bool lod_wanted(const AppFrame *f)
{
    return f->zoom < LOD_MAX_ZOOM || f->dots->count * visible_share(f) > LOD_MAX_INSTANCES;
}

static int lod_level_for(double zoom)
{
    int level = 0;
    while (level < 8 && zoom * (1 << (level + 1)) <= 1.0)
        level++;
    return level;
}

/* The screen px that grid cells r (and their bilinear neighbours) reach. */
static ScreenRect lod_cells_on_screen(const Gfx *g, const AppFrame *f, LodRect r)
{
    double px = (double)(1 << g->lod_level) * f->zoom; /* screen px per cell */
    double x0 = f->origin_x + (r.x0 - 1) * px, x1 = f->origin_x + (r.x1 + 2) * px;
    double y0 = f->origin_y + (r.y0 - 1) * px, y1 = f->origin_y + (r.y1 + 2) * px;
    return screen_box(f->height, x0, y0, x1, y1, 1); /* a pixel of margin for rounding */
}

/* Brings the zoomed-out grid up to date (built incrementally, sent to the
 * texture by its changed cells). CHANGE_SAME, CHANGE_RECT (in *dirty) or CHANGE_ALL. */
static int lod_prepare(Gfx *g, const AppFrame *f, ScreenRect *dirty)
{
    int level = lod_level_for(f->zoom);
    if (g->lod_valid && g->lod_gen == f->dots_gen && g->lod_level == level && g->lod_blur == f->blur_px)
        return CHANGE_SAME;
    SmpError err;
    bool incremental = g->lod_valid && g->lod_level == level && g->lod_blur == f->blur_px;
    g->lod_blur = f->blur_px;
    g->lod_valid = false;
    if (!lod_build(&g->lod, f->dots, f->px_per_mm, f->blur_px, f->photo->width, f->photo->height, level, &err))
        return CHANGE_ALL;
    if (!g->lod_tex)
        glGenTextures(1, &g->lod_tex);
    glBindTexture(GL_TEXTURE_2D, g->lod_tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    const LodRect r = g->lod.dirty; /* only the cells the build changed */
    bool any = r.x0 <= r.x1 && r.y0 <= r.y1;
    if (g->lod_w != g->lod.width || g->lod_h != g->lod.height) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_R16F, g->lod.width, g->lod.height, 0, GL_RED, GL_FLOAT, g->lod.trans);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        g->lod_w = g->lod.width, g->lod_h = g->lod.height;
        incremental = false;
    } else if (any) {
        glPixelStorei(GL_UNPACK_ROW_LENGTH, g->lod.width);
        glTexSubImage2D(GL_TEXTURE_2D, 0, r.x0, r.y0, r.x1 - r.x0 + 1, r.y1 - r.y0 + 1, GL_RED, GL_FLOAT,
                        g->lod.trans + (size_t)r.y0 * g->lod.width + r.x0);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    }
    g->lod_valid = true;
    g->lod_gen = f->dots_gen;
    g->lod_level = level;
    if (!incremental)
        return CHANGE_ALL;
    if (!any)
        return CHANGE_SAME;
    *dirty = lod_cells_on_screen(g, f, r);
    return CHANGE_RECT;
}

/* Brings the dots' GPU side up to date for this frame: what of the scene
 * changed with them. */
static int dots_prepare(Gfx *g, const AppFrame *f, ScreenRect *dirty)
{
    bool drawn = f->show_dots && f->dots && f->dots->count > 0;
    int change = g->scene_dots_gen != f->dots_gen ? CHANGE_ALL : CHANGE_SAME;
    g->scene_dots_gen = f->dots_gen;
    if (!drawn)
        return change;
    if (lod_wanted(f))
        return lod_prepare(g, f, dirty);
    float filter = f->zoom < 1 ? (float)(1.0 / f->zoom) : 1.0f;
    if (!g->dots_valid || g->dots_gen != f->dots_gen || g->inst_blur != f->blur_px || g->inst_filter != filter) {
        g->dots_valid = dots_upload(g, f->dots, f->px_per_mm, f->blur_px, filter);
        g->dots_gen = f->dots_gen;
        return CHANGE_ALL;
    }
    return change;
}

/* The dots' transmittance within the scissor set by the caller (1 elsewhere
 * in it): the grid copied, or every dot as a quad. */
static void draw_transmittance(Gfx *g, const AppFrame *f)
{
    if (g->stats.dot_target == GFX_DOTS_NONE)
        return; /* nothing drawable: the layer stays white */
    glBindFramebuffer(GL_FRAMEBUFFER, g->fbo);
    glViewport(0, 0, f->width, f->height);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    g->stats.lod = false;
    g->stats.instances = 0;
    if (!f->show_dots || !f->dots || f->dots->count == 0)
        return;
    if (lod_wanted(f)) {
        if (!g->lod_valid)
            return;
        glUseProgram(g->prog_lod);
        glUniform2f(g->lod_screen, (float)f->width, (float)f->height);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, g->lod_tex);
        glUniform1i(g->lod_grid, 0);
        float cell = (float)(1 << g->lod_level);
        float gw = g->lod.width * cell, gh = g->lod.height * cell; /* grid extent in photo px */
        quad(g, (float)f->origin_x, (float)f->origin_y, (float)(f->origin_x + gw * f->zoom),
             (float)(f->origin_y + gh * f->zoom), 0, 0, 1, 1);
        g->stats.lod = true;
        return;
    }
    if (!g->dots_valid)
        return;
    glEnable(GL_BLEND);
    glBlendFunc(GL_ZERO, GL_SRC_COLOR); /* dst *= (1 - alpha) */
    glUseProgram(g->prog_dots);
    glUniform2f(g->dots_screen, (float)f->width, (float)f->height);
    glUniform2f(g->dots_origin, (float)f->origin_x, (float)f->origin_y);
    glUniform1f(g->dots_zoom, (float)f->zoom);
    glBindVertexArray(g->vao_dots);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, g->inst_count);
    glDisable(GL_BLEND);
    g->stats.instances = g->inst_count;
}

/* A one-channel texture of w x h bytes (created on first use). */
static void r8_upload(GLuint *tex, int w, int h, const uint8_t *data, GLint mag_filter)
{
    if (!*tex)
        glGenTextures(1, tex);
    glBindTexture(GL_TEXTURE_2D, *tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, data);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, mag_filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

/* A coarse map over a box of the photo (SheenMap) as a texture and its
 * extent in photo px; false for none. */
static bool map_upload(GLuint *tex, float rect[4], const SheenMap *m)
{
    if (!(m && m->values && m->width > 0 && m->height > 0))
        return false;
    r8_upload(tex, m->width, m->height, m->values, GL_LINEAR); /* linear = the CPU's bilinear */
    float r[4] = {(float)m->x0, (float)m->y0, (float)(m->width * m->cell), (float)(m->height * m->cell)};
    memcpy(rect, r, sizeof r);
    return true;
}

/* The sheen map goes up with each new photo: small (at most 32k texels). */
static void sheen_upload(Gfx *g, const SheenMap *m) { g->has_sheen = map_upload(&g->sheen_tex, g->sheen_rect, m); }

/* The mattes' keep mask goes up with each new photo (at most 4096 texels a side). */
static void keep_upload(Gfx *g, const SmpMatte *m)
{
    g->has_keep = m && m->alpha && m->width > 0 && m->height > 0;
    if (g->has_keep)
        r8_upload(&g->keep_tex, m->width, m->height, m->alpha, GL_NEAREST); /* as the CPU: per photo pixel */
}

/* The photo's look for the composite: sheen on top, grain on the ink. */
static void draw_photo_look(Gfx *g, const AppFrame *f)
{
    glUniform1f(g->comp_grain, f->grain_sigma);
    glUniform1ui(g->comp_seed, f->seed);
    glUniform1i(g->comp_has_sheen, g->has_sheen);
    glUniform4fv(g->comp_sheen_rect, 1, g->sheen_rect);
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_2D, g->has_sheen ? g->sheen_tex : 0);
    glUniform1i(g->comp_sheen, 2);
    glUniform1i(g->comp_has_keep, g->has_keep);
    glUniform1i(g->comp_show_keep, g->has_keep && f->show_mattes);
    glUniform2f(g->comp_keep_size, f->photo ? (float)f->photo->width : 1.0f, f->photo ? (float)f->photo->height : 1.0f);
    glActiveTexture(GL_TEXTURE3);
    glBindTexture(GL_TEXTURE_2D, g->has_keep ? g->keep_tex : 0);
    glUniform1i(g->comp_keep, 3);
    bool redness = g->has_redness && f->show_dots;
    glUniform1i(g->comp_has_redness, redness);
    glUniform4fv(g->comp_redness_rect, 1, g->redness_rect);
    glUniform2f(g->comp_redness_tint, ERYTHEMA_G, ERYTHEMA_B);
    glActiveTexture(GL_TEXTURE4);
    glBindTexture(GL_TEXTURE_2D, redness ? g->redness_tex : 0);
    glUniform1i(g->comp_redness, 4);
}

/* The photo's tiles, shifted left by dx screen px. */
static void draw_photo_tiles(Gfx *g, const AppFrame *f, float dx)
{
    for (int i = 0; i < g->tiles.sent; i++) {
        const PhotoTile *t = &g->tiles.tile[i];
        glBindTexture(GL_TEXTURE_2D, t->tex);
        glUniform4f(g->comp_tile, (float)t->x, (float)t->y, (float)t->w, (float)t->h);
        float x0 = (float)(f->origin_x + t->x * f->zoom) - dx, y0 = (float)(f->origin_y + t->y * f->zoom);
        float x1 = (float)(f->origin_x + (t->x + t->w) * f->zoom) - dx;
        float y1 = (float)(f->origin_y + (t->y + t->h) * f->zoom);
        quad(g, x0, y0, x1, y1, 0, 0, 1, 1);
    }
}

/* The photo tiles composited with the dots, within the caller's scissor. */
static void draw_photo(Gfx *g, const AppFrame *f)
{
    glUseProgram(g->prog_comp);
    glUniform2f(g->comp_screen, (float)f->width, (float)f->height);
    glUniform3f(g->comp_ink, 1.0f - f->look.color_linear[0], 1.0f - f->look.color_linear[1],
                1.0f - f->look.color_linear[2]);
    glUniform1f(g->comp_split, f->split_x);
    draw_photo_look(g, f);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, g->fbo_tex);
    glUniform1i(g->comp_trans, 1);
    glActiveTexture(GL_TEXTURE0);
    glUniform1i(g->comp_photo, 0);
    draw_photo_tiles(g, f, 0);
    if (f->twin_dx > 0) { /* side by side: the photo alone (all left of the split), to the left */
        glUniform1f(g->comp_split, 1e9f);
        draw_photo_tiles(g, f, f->twin_dx);
    }
}

static SceneKey scene_key_of(const AppFrame *f)
{
    SceneKey k;
    memset(&k, 0, sizeof k); /* padding too: keys are compared whole */
    k.width = f->width, k.height = f->height;
    k.view[0] = f->view_x, k.view[1] = f->view_y, k.view[2] = f->view_w, k.view[3] = f->view_h;
    k.split_x = f->split_x, k.twin_dx = f->twin_dx;
    for (int c = 0; c < 3; c++)
        k.ink[c] = f->look.color_linear[c];
    k.grain = f->grain_sigma, k.blur = f->blur_px;
    k.zoom = f->zoom, k.origin_x = f->origin_x, k.origin_y = f->origin_y, k.px_per_mm = f->px_per_mm;
    k.photo_gen = f->photo_gen, k.mattes_gen = f->mattes_gen, k.seed = f->seed;
    k.show_dots = f->show_dots, k.show_mattes = f->show_mattes;
    k.redness_gen = f->redness_gen; /* the flush spreads past the dots that changed: all again */
    k.lod = f->dots && f->dots->count > 0 && lod_wanted(f);
    return k;
}

/* The kept scene's texture and framebuffer, at the drawable's size. */
static void scene_ensure(Gfx *g, int w, int h)
{
    if (g->scene_tex && g->scene_w == w && g->scene_h == h)
        return;
    if (!g->scene_tex)
        glGenTextures(1, &g->scene_tex);
    if (!g->scene_fbo)
        glGenFramebuffers(1, &g->scene_fbo);
    glBindTexture(GL_TEXTURE_2D, g->scene_tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, g->scene_fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, g->scene_tex, 0);
    g->scene_w = w, g->scene_h = h;
    g->scene_valid = false;
}

/* Scissors to the view, cut to r (GL rows) when given; false when nothing is left. */
static bool scissor_in_view(const AppFrame *f, const ScreenRect *r)
{
    ScreenRect s = screen_box(f->height, f->view_x - f->twin_dx, f->view_y, f->view_x + f->view_w,
                              f->view_y + f->view_h, 0);
    if (r)
        s = rect_meet(s, *r);
    if (s.x0 >= s.x1 || s.y0 >= s.y1)
        return false;
    glEnable(GL_SCISSOR_TEST);
    glScissor(s.x0, s.y0, s.x1 - s.x0, s.y1 - s.y0);
    return true;
}

/* What of the scene the photo tiles sent since it was drawn change: their
 * screen rectangles (and their twins', side by side), added to `change`. */
static int tiles_change(const Gfx *g, const AppFrame *f, int change, ScreenRect *dirty)
{
    for (int i = 0; i < g->tiles.sent && change != CHANGE_ALL; i++) {
        const PhotoTile *t = &g->tiles.tile[i];
        if (t->sent_at <= g->scene_sends)
            continue;
        double b[4];
        photo_tile_box(f, t, b); /* a pixel of margin for rounding */
        change = change_add(change, dirty, CHANGE_RECT, screen_box(f->height, b[0] - f->twin_dx, b[1], b[2], b[3], 1));
    }
    return change;
}

/* The photo with its dots into the kept scene. On llvmpipe the composite of a
 * whole 1280x800 view costs more than everything else in a frame, and while a
 * hairline point is dragged only the dots near it change: then only their
 * screen rectangle is drawn again, as for photo tiles arriving; anything else
 * changing redraws it all. */
static int scene_draw(Gfx *g, const AppFrame *f, ScreenRect *changed)
{
    scene_ensure(g, f->width, f->height);
    SceneKey key = scene_key_of(f);
    ScreenRect dirty = {0, 0, 0, 0};
    int change = dots_prepare(g, f, &dirty);
    if (!g->scene_valid || memcmp(&key, &g->scene_key, sizeof key) != 0)
        change = CHANGE_ALL;
    change = tiles_change(g, f, change, &dirty);
    g->scene_sends = g->tiles.sends;
    if (change == CHANGE_SAME)
        return change;
    g->scene_key = key;
    g->scene_valid = true;
    glDisable(GL_SCISSOR_TEST);
    if (change == CHANGE_ALL) {
        glBindFramebuffer(GL_FRAMEBUFFER, g->scene_fbo);
        glViewport(0, 0, f->width, f->height);
        glClearColor(0.09f, 0.10f, 0.11f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    if (scissor_in_view(f, change == CHANGE_RECT ? &dirty : NULL)) {
        draw_transmittance(g, f);
        glBindFramebuffer(GL_FRAMEBUFFER, g->scene_fbo);
        glViewport(0, 0, f->width, f->height);
        draw_photo(g, f);
        glDisable(GL_SCISSOR_TEST);
    }
    *changed = dirty;
    return change;
}

/* With gfx_set_keep_unchanged: what of the surface this frame changes (the
 * scene's change so far in *r; the UI's added, or all of it when the
 * surface's size, the atlas or whether a photo shows changed). */
static int surface_change(Gfx *g, const AppFrame *f, bool scene, int change, ScreenRect *r, bool ui_tex_changed)
{
    ScreenRect ui_r;
    int ui = ui_diff(&g->shown_ui, f->ui, f->height, &ui_r);
    if (!g->shown_valid || ui_tex_changed || scene != g->shown_scene || f->width != g->frame_w ||
        f->height != g->frame_h)
        change = CHANGE_ALL;
    g->shown_valid = true, g->shown_scene = scene;
    return change_add(change, r, ui, ui_r);
}

/* The UI list, within limit (GL rows) when given. */
static void draw_ui(Gfx *g, const AppFrame *f, const ScreenRect *limit)
{
    const DrawList *dl = f->ui;
    if (!dl || dl->count == 0 || !g->has_atlas)
        return;
    size_t bytes = sizeof(DrawVertex) * (size_t)dl->count;
    glBindVertexArray(g->vao_ui);
    glBindBuffer(GL_ARRAY_BUFFER, g->vbo_ui);
    if (bytes > g->ui_capacity) {
        g->ui_capacity = sizeof(DrawVertex) * (size_t)dl->capacity;
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)g->ui_capacity, NULL, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0, (GLsizeiptr)bytes, dl->verts);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glUseProgram(g->prog_ui);
    glUniform2f(g->ui_screen, (float)f->width, (float)f->height);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, g->atlas_tex);
    glUniform1i(g->ui_atlas, 0);
    if (f->pics && (!g->pics_tex || g->pics_gen != f->pics_gen)) {
        glActiveTexture(GL_TEXTURE1);
        pics_upload(g, f->pics, f->pics_w, f->pics_h);
        g->pics_gen = f->pics_gen;
    }
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, g->pics_tex); /* 0 (none yet): nothing samples it */
    glUniform1i(g->ui_pics, 1);
    glActiveTexture(GL_TEXTURE0);
    /* Unclipped up to the first clip; each clip runs to the next one. */
    scissor_within(NULL, limit);
    int start = 0;
    for (int i = 0; i <= dl->clip_count; i++) {
        int end = i < dl->clip_count ? dl->clips[i].start : dl->count;
        if (end > start)
            glDrawArrays(GL_TRIANGLES, start, end - start);
        if (i == dl->clip_count)
            break;
        const DrawClip *c = &dl->clips[i];
        ScreenRect clip = screen_box(f->height, c->x, c->y, c->x + c->w, c->y + c->h, 0);
        scissor_within(c->w < 0 ? NULL : &clip, limit);
        start = end;
    }
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_BLEND);
}

/* The kept scene onto the bound framebuffer (within its scissor). */
static void scene_copy(Gfx *g, const AppFrame *f)
{
    glUseProgram(g->prog_copy);
    glUniform2f(g->copy_screen, (float)f->width, (float)f->height);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, g->scene_tex);
    glUniform1i(g->copy_src, 0);
    quad(g, 0, 0, (float)f->width, (float)f->height, 0, 0, 1, 1);
}

/* The photo's tiles this frame's view lacks, for the frame's budget, and
 * what the renderer then shows of it (GfxStats). */
static void photo_send(Gfx *g, const AppFrame *f)
{
    bool sharp = !f->photo || photo_tiles_sharp(&g->tiles, f);
    if (!sharp && g->tiles.count > 0) {
        photo_tiles_step(&g->tiles, f, g->upload_budget_ms);
        sharp = photo_tiles_sharp(&g->tiles, f);
    }
    bool whole = g->tiles.count > 0 && g->tiles.sent == g->tiles.count;
    g->stats.photo_gen = whole ? g->photo_gen : 0;
    g->stats.photo_progress = g->tiles.count ? (float)g->tiles.sent / g->tiles.count : 0;
    g->stats.photo_sharp = sharp;
    g->stats.photo_bytes = g->tiles.bytes;
}

void gfx_draw(Gfx *g, const AppFrame *f)
{
    if (f->width <= 0 || f->height <= 0)
        return;
    if (f->photo && g->photo_gen != f->photo_gen) {
        photo_tiles_begin(&g->tiles, f->photo);
        sheen_upload(g, f->sheen);
        g->photo_gen = f->photo_gen;
        g->lod_valid = g->dots_valid = false;
    }
    if (g->redness_gen != f->redness_gen || (f->redness != NULL) != g->has_redness) {
        g->has_redness = map_upload(&g->redness_tex, g->redness_rect, f->redness);
        g->redness_gen = f->redness_gen;
    }
    if (f->photo && (g->mattes_gen != f->mattes_gen || !g->mattes_known)) {
        keep_upload(g, f->ink_keep);
        g->mattes_gen = f->mattes_gen;
        g->mattes_known = true;
    }
    photo_send(g, f);
    bool ui_tex_changed = f->pics && (!g->pics_tex || g->pics_gen != f->pics_gen);
    if (f->font && (!g->has_atlas || g->atlas_gen != f->font->generation)) {
        atlas_upload(g, f->font);
        g->atlas_gen = f->font->generation;
        ui_tex_changed = true;
    }
    fbo_ensure(g, f->width, f->height);
    bool scene = g->tiles.sent > 0 && f->photo;
    ScreenRect changed = {0, 0, 0, 0};
    int change = scene ? scene_draw(g, f, &changed) : CHANGE_SAME;
    if (!scene)
        g->scene_valid = false;
    change = g->keep_unchanged ? surface_change(g, f, scene, change, &changed, ui_tex_changed) : CHANGE_ALL;
    if (change == CHANGE_SAME)
        return; /* the surface shows this frame already */
    const ScreenRect *limit = change == CHANGE_RECT ? &changed : NULL;
    if (g->own_target)
        target_ensure(g, f->width, f->height);
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffer(g));
    glViewport(0, 0, f->width, f->height);
    scissor_within(NULL, limit);
    if (scene) /* the kept scene, then the UI on top */
        scene_copy(g, f);
    else {
        glClearColor(0.09f, 0.10f, 0.11f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    draw_ui(g, f, limit);
    glBindVertexArray(0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    g->frame_w = f->width, g->frame_h = f->height;
    g->stats.frames_drawn++;
}

void gfx_set_own_target(Gfx *g, bool on) { g->own_target = on; }

void gfx_set_upload_budget(Gfx *g, double ms) { g->upload_budget_ms = ms; }

void gfx_set_keep_unchanged(Gfx *g, bool on)
{
    g->keep_unchanged = on;
    g->shown_valid = false;
}

void gfx_finish(Gfx *g)
{
    (void)g;
    glFinish();
}

GfxStats gfx_stats(const Gfx *g) { return g->stats; }

bool gfx_read_pixels(Gfx *g, SmpImage *out, SmpError *err)
{
    int w = g->frame_w, h = g->frame_h;
    if (w <= 0 || h <= 0)
        return smp_fail(err, "no frame drawn yet to take a screenshot of");
    if (!image_create(w, h, out, err))
        return false;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer(g));
    glPixelStorei(GL_PACK_ALIGNMENT, 4);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, out->pixels);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    /* GL rows go bottom-up. */
    size_t stride = (size_t)w * 4;
    for (int y = 0; y < h / 2; y++) {
        uint8_t *a = out->pixels + (size_t)y * stride, *b = out->pixels + (size_t)(h - 1 - y) * stride;
        for (size_t i = 0; i < stride; i++) {
            uint8_t t = a[i];
            a[i] = b[i];
            b[i] = t;
        }
    }
    for (size_t i = 3; i < stride * (size_t)h; i += 4)
        out->pixels[i] = 255;
    return true;
}
