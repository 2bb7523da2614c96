/* ui_diff.c - the UI's changed rectangle on a kept surface (see ui_diff.h). */
#include "ui_diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static ScreenRect rect_union(ScreenRect a, ScreenRect b)
{
    ScreenRect u = {a.x0 < b.x0 ? a.x0 : b.x0, a.y0 < b.y0 ? a.y0 : b.y0, a.x1 > b.x1 ? a.x1 : b.x1,
                    a.y1 > b.y1 ? a.y1 : b.y1};
    return u;
}

ScreenRect screen_box(int height, double x0, double y0, double x1, double y1, int margin)
{
    ScreenRect r = {(int)floor(x0) - margin, height - (int)ceil(y1) - margin, (int)ceil(x1) + margin,
                    height - (int)floor(y0) + margin};
    return r;
}

ScreenRect rect_meet(ScreenRect a, ScreenRect b)
{
    ScreenRect m = {a.x0 > b.x0 ? a.x0 : b.x0, a.y0 > b.y0 ? a.y0 : b.y0, a.x1 < b.x1 ? a.x1 : b.x1,
                    a.y1 < b.y1 ? a.y1 : b.y1};
    return m;
}

int change_add(int change, ScreenRect *r, int more, ScreenRect more_r)
{
    if (change == CHANGE_ALL || more == CHANGE_ALL)
        return CHANGE_ALL;
    if (more == CHANGE_SAME)
        return change;
    *r = change == CHANGE_RECT ? rect_union(*r, more_r) : more_r;
    return CHANGE_RECT;
}

static bool same_vertex(const DrawVertex *a, const DrawVertex *b) { return memcmp(a, b, sizeof *a) == 0; }

/* Widens the box (x0, y0, x1, y1; y down) to the triangles of v[from, to). */
static void box_add(const DrawVertex *v, int from, int to, float box[4])
{
    for (int i = from; i < to; i++) {
        box[0] = fminf(box[0], v[i].x), box[1] = fminf(box[1], v[i].y);
        box[2] = fmaxf(box[2], v[i].x), box[3] = fmaxf(box[3], v[i].y);
    }
}

/* The triangles that differ: from the first differing one to the last (to
 * the end of each list when they differ in length). */
static bool diff_box(const ShownUi *s, const DrawList *dl, float box[4])
{
    int n = s->count < dl->count ? s->count : dl->count, first = 0;
    while (first < n && same_vertex(&s->verts[first], &dl->verts[first]))
        first++;
    int end_old = s->count, end_new = dl->count;
    if (s->count == dl->count) {
        while (end_old > first && same_vertex(&s->verts[end_old - 1], &dl->verts[end_old - 1]))
            end_old--;
        end_new = end_old;
    }
    if (first == end_old && first == end_new)
        return false;
    first -= first % 3; /* whole triangles */
    end_old += (3 - end_old % 3) % 3, end_new += (3 - end_new % 3) % 3;
    end_old = end_old < s->count ? end_old : s->count, end_new = end_new < dl->count ? end_new : dl->count;
    box[0] = box[1] = INFINITY, box[2] = box[3] = -INFINITY;
    box_add(s->verts, first, end_old, box);
    box_add(dl->verts, first, end_new, box);
    return true;
}

/* s becomes a copy of dl; false when it cannot be kept (then nothing is). */
static bool keep(ShownUi *s, const DrawList *dl)
{
    s->valid = false;
    if (dl->count > s->capacity) {
        DrawVertex *v = realloc(s->verts, sizeof(DrawVertex) * (size_t)dl->count);
        if (!v)
            return false;
        s->verts = v, s->capacity = dl->count;
    }
    if (dl->count > 0)
        memcpy(s->verts, dl->verts, sizeof(DrawVertex) * (size_t)dl->count);
    if (dl->clip_count > 0)
        memcpy(s->clips, dl->clips, sizeof(DrawClip) * (size_t)dl->clip_count);
    s->count = dl->count, s->clip_count = dl->clip_count;
    s->valid = true;
    return true;
}

int ui_diff(ShownUi *s, const DrawList *dl, int height, ScreenRect *r)
{
    static const DrawList none = {0};
    if (!dl)
        dl = &none;
    int change = CHANGE_ALL;
    float box[4];
    if (s->valid && s->clip_count == dl->clip_count &&
        memcmp(s->clips, dl->clips, sizeof(DrawClip) * (size_t)dl->clip_count) == 0) {
        change = diff_box(s, dl, box) ? CHANGE_RECT : CHANGE_SAME;
        if (change == CHANGE_RECT) /* a pixel of margin for rounding */
            *r = screen_box(height, box[0], box[1], box[2], box[3], 1);
    }
    if (change != CHANGE_SAME)
        keep(s, dl);
    return change;
}

void ui_diff_free(ShownUi *s) { free(s->verts); }
