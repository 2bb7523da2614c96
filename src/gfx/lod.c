/* lod.c - the zoomed-out view's grid of dot transmittance, built on the CPU. */
#include "lod.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const LodRect no_cells = {0, 0, -1, -1};

static bool rect_empty(LodRect r) { return r.x0 > r.x1 || r.y0 > r.y1; }

static void rect_add(LodRect *r, int x0, int y0, int x1, int y1)
{
    if (x0 > x1 || y0 > y1)
        return;
    if (rect_empty(*r)) {
        *r = (LodRect){x0, y0, x1, y1};
        return;
    }
    r->x0 = x0 < r->x0 ? x0 : r->x0, r->y0 = y0 < r->y0 ? y0 : r->y0;
    r->x1 = x1 > r->x1 ? x1 : r->x1, r->y1 = y1 > r->y1 ? y1 : r->y1;
}

static void rect_add_slot(LodRect *r, const LodSlot *s) { rect_add(r, s->fp.x0, s->fp.y0, s->fp.x1, s->fp.y1); }

/* A dot under a cell: its whole ink at one point, shared bilinearly among
 * the four cells around it, within r. */
static void splat_point(LodGrid *g, const Footprint *f, LodRect r)
{
    float fx = f->cx - 0.5f, fy = f->cy - 0.5f;
    int x0 = (int)floorf(fx), y0 = (int)floorf(fy);
    float tx = fx - x0, ty = fy - y0;
    const float w[4] = {(1 - tx) * (1 - ty), tx * (1 - ty), (1 - tx) * ty, tx * ty};
    const int dx[4] = {0, 1, 0, 1}, dy[4] = {0, 0, 1, 1};
    for (int i = 0; i < 4; i++) {
        int x = x0 + dx[i], y = y0 + dy[i];
        if (x < r.x0 || y < r.y0 || x > r.x1 || y > r.y1)
            continue;
        float a = f->k_core * w[i];
        g->trans[(size_t)y * g->width + x] *= 1.0f - (a > 1 ? 1 : a);
    }
}

/* A dot a cell or more across: the reference footprint (footprint.h) on the
 * grid, its ink normalised there, evaluated at cell centres within r. */
static void splat_footprint(LodGrid *g, const Footprint *f, LodRect r)
{
    int x0 = f->x0 > r.x0 ? f->x0 : r.x0, x1 = f->x1 < r.x1 ? f->x1 : r.x1;
    int y0 = f->y0 > r.y0 ? f->y0 : r.y0, y1 = f->y1 < r.y1 ? f->y1 : r.y1;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++) {
            float alpha = footprint_alpha(f, x + 0.5f - f->cx, y + 0.5f - f->cy);
            g->trans[(size_t)y * g->width + x] *= 1.0f - alpha;
        }
}

/* What dot d lays on the grid: its footprint, or a point for dots whose
 * footprint, blur included, stays inside a cell. */
static void shape_slot(const LodGrid *g, const SmpDot *d, const FootprintGrid *grid, LodSlot *s)
{
    float k = (float)grid->px_per_mm;
    float a = 0.5f * d->diameter_mm * k, b = a / (d->elongation >= 1 ? d->elongation : 1);
    s->point = a < 1.0f && grid->blur_px < 0.25f; /* a photo's blur spreads even tiny dots */
    if (!s->point) {
        footprint_make(d, grid, g->width, g->height, &s->fp);
        return;
    }
    Footprint *f = &s->fp;
    f->cx = d->x_mm * k, f->cy = d->y_mm * k;
    f->k_core = d->darkness * 3.14159265f * a * b;
    f->x0 = (int)floorf(f->cx - 0.5f), f->y0 = (int)floorf(f->cy - 0.5f);
    f->x1 = f->x0 + 1, f->y1 = f->y0 + 1;
    f->x0 = f->x0 < 0 ? 0 : f->x0, f->y0 = f->y0 < 0 ? 0 : f->y0;
    f->x1 = f->x1 >= g->width ? g->width - 1 : f->x1, f->y1 = f->y1 >= g->height ? g->height - 1 : f->y1;
}

/* Empties the slots, with room for `dots` entries and as many again coming
 * and going while dragging, never more than 3/4 full. */
static bool slots_reset(LodGrid *g, int dots)
{
    size_t want = 1024;
    while (want < 4 * (size_t)dots)
        want *= 2;
    if (want != g->slot_count) {
        free(g->slots);
        g->slots = malloc(want * sizeof *g->slots);
        g->slot_count = g->slots ? want : 0;
    }
    for (size_t i = 0; i < g->slot_count; i++)
        g->slots[i].used = false;
    g->slots_used = 0;
    return g->slots != NULL;
}

/* The slot of dot d, shaped for this build; widens *dirty by what changed.
 * NULL when a second dot of the list has the same id. */
static const LodSlot *slot_for(LodGrid *g, const SmpDot *d, const FootprintGrid *grid, LodRect *dirty)
{
    size_t mask = g->slot_count - 1, i = (d->id * 2654435761u) & mask;
    while (g->slots[i].used && g->slots[i].id != d->id)
        i = (i + 1) & mask;
    LodSlot *s = &g->slots[i];
    bool known = s->used;
    if (known && s->stamp == g->stamp)
        return NULL;
    if (!known || memcmp(&s->dot, d, sizeof *d) != 0) {
        if (known && s->stamp == g->stamp - 1)
            rect_add_slot(dirty, s); /* where it was */
        g->slots_used += !known;
        s->used = true;
        s->id = d->id;
        s->dot = *d;
        shape_slot(g, d, grid, s);
        rect_add_slot(dirty, s);
    } else if (s->stamp != g->stamp - 1) {
        rect_add_slot(dirty, s); /* back after a build without it */
    }
    s->stamp = g->stamp;
    return s;
}

/* Where the dots of the last build that this one lacks were. */
static void add_vanished(const LodGrid *g, LodRect *dirty)
{
    for (size_t i = 0; i < g->slot_count; i++)
        if (g->slots[i].used && g->slots[i].stamp == g->stamp - 1)
            rect_add_slot(dirty, &g->slots[i]);
}

/* Sizes the grid and decides whether what it holds can be kept: false when
 * everything must be laid again. */
static bool grid_prepare(LodGrid *g, int w, int h, int level, const double made_for[4], int dots, SmpError *err,
                         bool *ok)
{
    size_t n = (size_t)w * (size_t)h;
    *ok = true;
    if (n > g->capacity) {
        float *t = realloc(g->trans, n * sizeof *t);
        if (!t)
            return *ok = smp_fail(err, "out of memory for the zoomed-out view (%dx%d)", w, h);
        g->trans = t;
        g->capacity = n;
        memset(g->made_for, 0, sizeof g->made_for);
    }
    if ((size_t)dots > g->order_capacity) {
        const LodSlot **o = realloc(g->order, (size_t)dots * sizeof *o);
        if (!o)
            return *ok = smp_fail(err, "out of memory for the zoomed-out view (%d dots)", dots);
        g->order = o;
        g->order_capacity = (size_t)dots;
    }
    g->level = level, g->width = w, g->height = h;
    bool keep = g->slots && memcmp(made_for, g->made_for, sizeof g->made_for) == 0 &&
                4 * (g->slots_used + (size_t)dots) <= 3 * g->slot_count;
    if (!keep) {
        memset(g->made_for, 0, sizeof g->made_for);
        if (!slots_reset(g, dots))
            return *ok = smp_fail(err, "out of memory for the zoomed-out view (%d dots)", dots);
        memcpy(g->made_for, made_for, sizeof g->made_for);
    }
    return keep;
}

/* The plain build, for lists whose ids are not unique (hand-made ones):
 * every dot shaped afresh, nothing remembered. */
static bool build_unremembered(LodGrid *g, const DotList *dots, const FootprintGrid *grid)
{
    memset(g->made_for, 0, sizeof g->made_for); /* the slots are not this grid's any more */
    LodRect all = {0, 0, g->width - 1, g->height - 1};
    g->dirty = all;
    for (size_t i = 0; i < (size_t)g->width * g->height; i++)
        g->trans[i] = 1.0f;
    for (int i = 0; i < dots->count; i++) {
        LodSlot s;
        shape_slot(g, &dots->items[i], grid, &s);
        if (s.point)
            splat_point(g, &s.fp, all);
        else
            splat_footprint(g, &s.fp, all);
    }
    return true;
}

bool lod_build(LodGrid *g, const DotList *dots, double px_per_mm, float blur_px, int photo_w, int photo_h, int level,
               SmpError *err)
{
    float cell = (float)(1 << level);
    int w = (int)ceil(photo_w / cell), h = (int)ceil(photo_h / cell);
    const double made_for[4] = {px_per_mm, blur_px, level, (double)w * h};
    bool ok;
    bool keep = grid_prepare(g, w, h, level, made_for, dots->count, err, &ok);
    if (!ok)
        return false;
    /* One cell is the pixel filter; the photo's blur in cells. */
    FootprintGrid grid = {px_per_mm / cell, blur_px / cell, 1.0f};
    g->stamp = keep ? g->stamp + 1 : 2; /* slots of stamp 0 were never drawn */
    LodRect dirty = no_cells;
    for (int i = 0; i < dots->count; i++)
        if (!(g->order[i] = slot_for(g, &dots->items[i], &grid, &dirty)))
            return build_unremembered(g, dots, &grid);
    if (keep)
        add_vanished(g, &dirty);
    if (!keep || (double)(dirty.x1 - dirty.x0 + 1) * (dirty.y1 - dirty.y0 + 1) > 0.6 * w * h)
        dirty = (LodRect){0, 0, w - 1, h - 1};
    g->dirty = dirty;
    if (rect_empty(dirty))
        return true;
    for (int y = dirty.y0; y <= dirty.y1; y++)
        for (int x = dirty.x0; x <= dirty.x1; x++)
            g->trans[(size_t)y * w + x] = 1.0f;
    for (int i = 0; i < dots->count; i++) {
        const LodSlot *s = g->order[i];
        const Footprint *f = &s->fp;
        if (f->x1 < dirty.x0 || f->x0 > dirty.x1 || f->y1 < dirty.y0 || f->y0 > dirty.y1)
            continue;
        if (s->point)
            splat_point(g, f, dirty);
        else
            splat_footprint(g, f, dirty);
    }
    return true;
}

void lod_free(LodGrid *g)
{
    free(g->trans);
    free(g->slots);
    free(g->order);
    *g = (LodGrid){0};
}
