/* match_area.c - where Match looks: the treated area (from the dots drawn) and the
 * client's stubble on a ring just outside it (match.h). */
#include "match.h"

#include "hairline.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

/* Dots per cell; cells with a dot get `dotted`. */
static int *count_dots(const DotList *dots, double ppm, MatchTreated *t)
{
    int *n = calloc((size_t)t->width * t->height, sizeof *n);
    if (!n)
        return NULL;
    for (int i = 0; i < dots->count; i++) {
        int cx = (int)floor(dots->items[i].x_mm * ppm / t->cell_px);
        int cy = (int)floor(dots->items[i].y_mm * ppm / t->cell_px);
        if (cx >= 0 && cy >= 0 && cx < t->width && cy < t->height)
            n[cy * t->width + cx]++, t->dotted[cy * t->width + cx] = 1;
    }
    return n;
}

/* The usual count of a full cell: the 90th percentile of the cells with dots. */
static int full_count(const int *n, int cells)
{
    int *v = malloc(sizeof *v * (size_t)cells), k = 0;
    if (!v)
        return 0;
    for (int i = 0; i < cells; i++)
        if (n[i] > 0)
            v[k++] = n[i];
    qsort(v, (size_t)k, sizeof *v, cmp_int);
    int full = k ? v[k * 9 / 10] : 0;
    free(v);
    return full;
}

bool match_treated_find(const DotList *dots, double ppm, int w, int h, MatchTreated *t, SmpError *err)
{
    memset(t, 0, sizeof *t);
    t->cell_px = (int)lround(MATCH_CELL_MM * ppm);
    t->cell_px = t->cell_px < 2 ? 2 : t->cell_px;
    t->width = (w + t->cell_px - 1) / t->cell_px, t->height = (h + t->cell_px - 1) / t->cell_px;
    int cells = t->width * t->height;
    t->treated = calloc((size_t)cells * 2, 1);
    int *n = t->treated ? (t->dotted = t->treated + cells, count_dots(dots, ppm, t)) : NULL;
    if (!n) {
        match_treated_free(t);
        return smp_fail(err, "out of memory finding the treated area (%dx%d cells)", t->width, t->height);
    }
    int full = full_count(n, cells);
    for (int i = 0; i < cells; i++)
        t->treated[i] = full > 0 && 2 * n[i] >= full;
    free(n);
    return true;
}

void match_treated_free(MatchTreated *t)
{
    free(t->treated);
    memset(t, 0, sizeof *t);
}

/* Every cell the box of disc d touches has `flag` set (want 1) or clear (want 0). */
static bool cells_all(const MatchTreated *t, const uint8_t *flag, MatchDisc d, double grow, int want)
{
    int c0 = (int)floor((d.x - d.r - grow) / t->cell_px), c1 = (int)floor((d.x + d.r + grow) / t->cell_px);
    int r0 = (int)floor((d.y - d.r - grow) / t->cell_px), r1 = (int)floor((d.y + d.r + grow) / t->cell_px);
    for (int cy = r0; cy <= r1; cy++)
        for (int cx = c0; cx <= c1; cx++) {
            bool inside = cx >= 0 && cy >= 0 && cx < t->width && cy < t->height;
            if ((inside ? flag[cy * t->width + cx] : 0) != want)
                return false;
        }
    return true;
}

bool match_treated_disc(const MatchTreated *t, double x, double y, double r, MatchDisc *out)
{
    double best = INFINITY;
    for (int cy = 0; cy < t->height; cy++)
        for (int cx = 0; cx < t->width; cx++) {
            MatchDisc d = {(cx + 0.5) * t->cell_px, (cy + 0.5) * t->cell_px, r};
            double dist = hypot(d.x - x, d.y - y);
            if (dist < best && t->treated[cy * t->width + cx] && cells_all(t, t->treated, d, 0, 1))
                best = dist, *out = d;
        }
    return best < INFINITY;
}

/* The whole box a sample of d reads is head skin (matte >= 0.5): no background's
 * edge gets into the grain. */
static bool all_head(const SmpMattes *m, MatchDisc d, int w, int h)
{
    PhotoBox b = match_disc_box(d, w, h);
    if (b.x1 - b.x0 < 2 * d.r || b.y1 - b.y0 < 2 * d.r)
        return false; /* cut by the photo's edge */
    if (!m || !m->head.alpha)
        return true;
    for (int y = b.y0; y < b.y1; y += 2)
        for (int x = b.x0; x < b.x1; x += 2)
            if (m->head.alpha[(size_t)y * m->head.width + x] < 128)
                return false;
    return true;
}

/* Distance from d's centre to the nearest treated cell centre, px. */
static double to_treated(const MatchTreated *t, MatchDisc d)
{
    double best = INFINITY;
    for (int cy = 0; cy < t->height; cy++)
        for (int cx = 0; cx < t->width; cx++)
            if (t->treated[cy * t->width + cx]) {
                double dist = hypot((cx + 0.5) * t->cell_px - d.x, (cy + 0.5) * t->cell_px - d.y);
                best = dist < best ? dist : best;
            }
    return best;
}

/* The whole disc d lies on the scalp side of the hairline (the face's skin below a
 * front hairline is smooth and would ask for no dots at all); true without one. */
static bool scalp_side(const HairlineCurve *hl, double ppm, MatchDisc d)
{
    if (!hl || hl->count < 2 || ppm <= 0)
        return true;
    return hairline_signed_distance(hl, d.x / ppm, d.y / ppm, NULL) >= d.r / ppm;
}

bool match_find_stubble(const SmpImage *photo, const SmpMattes *m, const MatchTreated *t, double r,
                        const HairlineCurve *hairline, double px_per_mm, MatchDisc *at, MatchSample *sample,
                        SmpError *err)
{
    *sample = (MatchSample){0};
    double step = r > 2 ? r * 0.75 : 1, reach = 3 * r + 2 * t->cell_px;
    for (double y = r; y < photo->height - r; y += step)
        for (double x = r; x < photo->width - r; x += step) {
            MatchDisc d = {x, y, r}, wide = {x, y, 2 * r};
            /* clear of every dot by a cell, yet close to the treated area, above the hairline */
            if (!cells_all(t, t->dotted, d, t->cell_px, 0) || to_treated(t, d) > reach ||
                !scalp_side(hairline, px_per_mm, d) || !all_head(m, wide, photo->width, photo->height))
                continue;
            MatchSample s, around;
            if (!match_sample_disc(photo, m, x, y, r, &s, err))
                return false;
            if (s.samples == 0 || s.speckle <= sample->speckle)
                continue;
            /* stubble is an even field of grain, judged on a disc twice as wide; a brow,
             * an ear's rim or the head's outline is grainy too, but its tone changes */
            if (!match_sample_disc(photo, m, x, y, wide.r, &around, err))
                return false;
            if (around.unevenness <= around.speckle)
                *sample = s, *at = d;
        }
    return sample->samples > 0;
}
