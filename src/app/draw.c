/* draw.c - the UI draw list: rectangles, outlines, lines and text as triangles, with a clip rectangle. */
#include "draw.h"

#include <math.h>
#include <stdlib.h>

bool draw_init(DrawList *dl, int capacity, const FontAtlas *font)
{
    dl->verts = malloc(sizeof *dl->verts * (size_t)capacity);
    dl->capacity = dl->verts ? capacity : 0;
    dl->count = 0;
    dl->overflowed = false;
    dl->clip_count = 0;
    dl->font = font;
    dl->white_u = font->white_u;
    dl->white_v = font->white_v;
    return dl->verts != NULL;
}

void draw_free(DrawList *dl)
{
    free(dl->verts);
    dl->verts = NULL;
    dl->capacity = dl->count = 0;
}

void draw_clear(DrawList *dl)
{
    dl->count = 0;
    dl->overflowed = false;
    dl->clip_count = 0;
}

/* A clip starts at the next vertex; one set before any shape is replaced. */
static void clip_set(DrawList *dl, float x, float y, float w, float h)
{
    DrawClip *c = dl->clip_count > 0 ? &dl->clips[dl->clip_count - 1] : NULL;
    if (!c || c->start != dl->count) {
        if (dl->clip_count == DRAW_MAX_CLIPS) {
            dl->overflowed = true;
            return;
        }
        c = &dl->clips[dl->clip_count++];
    }
    *c = (DrawClip){dl->count, x, y, w, h};
}

void draw_clip(DrawList *dl, float x, float y, float w, float h)
{
    clip_set(dl, x, y, w > 0 ? w : 0, h > 0 ? h : 0);
}

void draw_clip_off(DrawList *dl)
{
    if (dl->clip_count > 0)
        clip_set(dl, 0, 0, -1, -1);
}

static DrawVertex *reserve(DrawList *dl, int n)
{
    if (dl->count + n > dl->capacity) {
        dl->overflowed = true;
        return NULL;
    }
    DrawVertex *v = dl->verts + dl->count;
    dl->count += n;
    return v;
}

static void quad_uv(DrawList *dl, const float x[4], const float y[4], const float u[4], const float v[4],
                    uint32_t c)
{
    DrawVertex *o = reserve(dl, 6);
    if (!o)
        return;
    static const int idx[6] = {0, 1, 2, 0, 2, 3};
    for (int i = 0; i < 6; i++)
        o[i] = (DrawVertex){x[idx[i]], y[idx[i]], u[idx[i]], v[idx[i]], c};
}

static void quad(DrawList *dl, const float x[4], const float y[4], uint32_t c)
{
    const float u[4] = {dl->white_u, dl->white_u, dl->white_u, dl->white_u};
    const float v[4] = {dl->white_v, dl->white_v, dl->white_v, dl->white_v};
    quad_uv(dl, x, y, u, v, c);
}

void draw_rect(DrawList *dl, float x, float y, float w, float h, uint32_t rgba)
{
    if (w <= 0 || h <= 0)
        return;
    const float xs[4] = {x, x + w, x + w, x}, ys[4] = {y, y, y + h, y + h};
    quad(dl, xs, ys, rgba);
}

void draw_picture(DrawList *dl, float x, float y, float w, float h, float u0, float v0, float u1, float v1)
{
    if (w <= 0 || h <= 0)
        return;
    const float xs[4] = {x, x + w, x + w, x}, ys[4] = {y, y, y + h, y + h};
    const float us[4] = {u0 + 2, u1 + 2, u1 + 2, u0 + 2}, vs[4] = {v0, v0, v1, v1};
    quad_uv(dl, xs, ys, us, vs, RGBA(255, 255, 255, 255));
}

void draw_rect_outline(DrawList *dl, float x, float y, float w, float h, float t, uint32_t rgba)
{
    draw_rect(dl, x, y, w, t, rgba);
    draw_rect(dl, x, y + h - t, w, t, rgba);
    draw_rect(dl, x, y + t, t, h - 2 * t, rgba);
    draw_rect(dl, x + w - t, y + t, t, h - 2 * t, rgba);
}

void draw_line(DrawList *dl, float x0, float y0, float x1, float y1, float width, uint32_t rgba)
{
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len < 1e-6f)
        return;
    float nx = -dy / len * width * 0.5f, ny = dx / len * width * 0.5f;
    const float xs[4] = {x0 + nx, x1 + nx, x1 - nx, x0 - nx}, ys[4] = {y0 + ny, y1 + ny, y1 - ny, y0 - ny};
    quad(dl, xs, ys, rgba);
}

static int circle_segments(float r) { return r < 6 ? 12 : r < 20 ? 20 : 32; }

void draw_circle(DrawList *dl, float cx, float cy, float r, uint32_t rgba)
{
    int n = circle_segments(r);
    DrawVertex *o = reserve(dl, 3 * n);
    if (!o)
        return;
    float u = dl->white_u, v = dl->white_v;
    for (int i = 0; i < n; i++) {
        float a0 = 6.2831853f * i / n, a1 = 6.2831853f * (i + 1) / n;
        o[3 * i] = (DrawVertex){cx, cy, u, v, rgba};
        o[3 * i + 1] = (DrawVertex){cx + r * cosf(a0), cy + r * sinf(a0), u, v, rgba};
        o[3 * i + 2] = (DrawVertex){cx + r * cosf(a1), cy + r * sinf(a1), u, v, rgba};
    }
}

void draw_ring(DrawList *dl, float cx, float cy, float r, float width, uint32_t rgba)
{
    int n = circle_segments(r);
    float ri = r - width * 0.5f, ro = r + width * 0.5f;
    for (int i = 0; i < n; i++) {
        float a0 = 6.2831853f * i / n, a1 = 6.2831853f * (i + 1) / n;
        float c0 = cosf(a0), s0 = sinf(a0), c1 = cosf(a1), s1 = sinf(a1);
        const float xs[4] = {cx + ri * c0, cx + ro * c0, cx + ro * c1, cx + ri * c1};
        const float ys[4] = {cy + ri * s0, cy + ro * s0, cy + ro * s1, cy + ri * s1};
        quad(dl, xs, ys, rgba);
    }
}

float draw_text(DrawList *dl, float x, float y, int size, const char *text, uint32_t rgba)
{
    const FontAtlas *f = dl->font;
    float pen = roundf(x), base = roundf(y + f->ascent[size]);
    while (*text) {
        const FontGlyph *g = font_glyph(f, size, utf8_next(&text));
        if (g->x1 > g->x0) {
            const float xs[4] = {pen + g->x0, pen + g->x1, pen + g->x1, pen + g->x0};
            const float ys[4] = {base + g->y0, base + g->y0, base + g->y1, base + g->y1};
            const float us[4] = {g->u0, g->u1, g->u1, g->u0}, vs[4] = {g->v0, g->v0, g->v1, g->v1};
            quad_uv(dl, xs, ys, us, vs, rgba);
        }
        pen += g->advance;
    }
    return pen - x;
}
