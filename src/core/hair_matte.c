/* hair_matte.c - hairs on the skin by orientation-contrast morphological top-hats (see
 * hair_matte.h for the method and the contract).
 *
 * The work is a fixed sequence of stages, each a pass over rows (or columns) of the
 * photo or the work grid; a pass's rows are independent of one another, so cutting it
 * into bands changes no byte. hair_matte_compute runs each stage whole (the directions on
 * threads); the stepped form (HairMatteSteps) runs bands of bounded work, one call at a
 * time. Either way the directions' maxima and minima are the same bytes: with threads,
 * each keeps its own for some directions, merged after. */
#include "hair_matte.h"

#include "stages.h"

#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

enum { MAX_THREADS = 8, TAPS = 2 * HAIR_HALF_LENGTH + 1 };

/* Orientation contrast (8-bit grey levels) below LO is not hair, above LO + RAMP it is
 * fully hair. LO rises with the skin's own texture and noise, measured as the median
 * contrast over the head: a grainy photo must not turn its grain into hair. */
#define HAIR_LO_MIN 4.0f
#define HAIR_LO_PER_MEDIAN 1.75f
#define HAIR_RAMP 6.0f
/* Half width (work px) of the box the local brightness is measured over: a few hair
 * elements across, so a strand barely moves it. */
#define BRIGHT_RADIUS 8
/* Half side (work px) of the square the head is eroded by: the line element's reach. */
#define HEAD_ERODE (HAIR_HALF_LENGTH + 1)

typedef struct Line {
    long d[TAPS]; /* the element's offsets in a padded buffer */
} Line;

/* Work buffers are padded by PAD on every side with copies of the edge, so the line
 * filters run without bounds checks: that keeps their inner loops plain enough for the
 * compiler to vectorise. */
enum { PAD = HAIR_HALF_LENGTH };

typedef struct Plane {
    int w, h, pw; /* inner size and padded row length */
    uint8_t *px;  /* (w + 2 PAD) * (h + 2 PAD) */
} Plane;

static uint8_t *plane_at(const Plane *p, int x, int y)
{
    return p->px + (size_t)(y + PAD) * (size_t)p->pw + (size_t)(x + PAD);
}

/* Each job runs some directions over the whole work image and keeps, per pixel, the
 * largest and smallest dark (closing - L) and light (L - opening) top-hat it saw. */
typedef struct HairJob {
    const Plane *lum;
    int first, step;
    Plane tmp, tmp2;
    uint8_t *acc; /* 4 inner-size planes: dark max, dark min, light max, light min */
} HairJob;

static Line line_at(int i, int pw)
{
    Line l;
    double a = 3.14159265358979 * i / HAIR_ORIENTATIONS;
    for (int k = 0; k < TAPS; k++)
        l.d[k] = lround((k - HAIR_HALF_LENGTH) * sin(a)) * (long)pw + lround((k - HAIR_HALF_LENGTH) * cos(a));
    return l;
}

/* Copies the edge pixels outward into the padding. */
static void plane_pad(Plane *p)
{
    for (int y = 0; y < p->h; y++) {
        uint8_t *row = plane_at(p, 0, y);
        for (int k = 1; k <= PAD; k++) {
            row[-k] = row[0];
            row[p->w - 1 + k] = row[p->w - 1];
        }
    }
    for (int k = 1; k <= PAD; k++) {
        memcpy(plane_at(p, -PAD, -k), plane_at(p, -PAD, 0), (size_t)p->pw);
        memcpy(plane_at(p, -PAD, p->h - 1 + k), plane_at(p, -PAD, p->h - 1), (size_t)p->pw);
    }
}

/* Max (dilate) or min (erode) of src along the line element into dst, rows [y0, y1)
 * (dst is padded once all its rows are done). */
static void line_filter(const Plane *src, Plane *dst, const Line *l, bool dilate, int y0, int y1)
{
    for (int y = y0; y < y1; y++) {
        const uint8_t *s = plane_at(src, 0, y);
        uint8_t *o = plane_at(dst, 0, y);
        memcpy(o, s + l->d[0], (size_t)src->w);
        for (int k = 1; k < TAPS; k++) {
            const uint8_t *t = s + l->d[k];
            if (dilate)
                for (int x = 0; x < src->w; x++)
                    o[x] = t[x] > o[x] ? t[x] : o[x];
            else
                for (int x = 0; x < src->w; x++)
                    o[x] = t[x] < o[x] ? t[x] : o[x];
        }
    }
}

/* Folds one direction's top-hat into the max/min planes, rows [y0, y1): dark = a - lum
 * (a closing), light = lum - a (an opening). */
static void acc_fold(const Plane *lum, const Plane *a, bool dark, uint8_t *mx, uint8_t *mn, int y0, int y1)
{
    for (int y = y0; y < y1; y++) {
        const uint8_t *l = plane_at(lum, 0, y), *v = plane_at(a, 0, y);
        uint8_t *x1 = mx + (size_t)y * lum->w, *x2 = mn + (size_t)y * lum->w;
        for (int x = 0; x < lum->w; x++) {
            uint8_t th = (uint8_t)(dark ? v[x] - l[x] : l[x] - v[x]);
            x1[x] = th > x1[x] ? th : x1[x];
            x2[x] = th < x2[x] ? th : x2[x];
        }
    }
}

/* The passes of one direction: closing (dilate, erode, fold dark), then opening
 * (erode, dilate, fold light). */
enum { DIR_PASSES = 6 };

/* Rows [y0, y1) of pass `pass` (0 .. DIR_PASSES - 1) of direction `dir`. */
static void dir_pass(HairJob *j, int dir, int pass, int y0, int y1)
{
    Line l = line_at(dir, j->lum->pw);
    size_t n = (size_t)j->lum->w * (size_t)j->lum->h;
    bool dark = pass < 3;
    switch (pass % 3) {
    case 0: line_filter(j->lum, &j->tmp, &l, dark, y0, y1); break;
    case 1: line_filter(&j->tmp, &j->tmp2, &l, !dark, y0, y1); break;
    default: acc_fold(j->lum, &j->tmp2, dark, j->acc + (dark ? 0 : 2 * n), j->acc + (dark ? n : 3 * n), y0, y1);
    }
}

/* Once a pass's rows are all done: a filter's output padded for the next filter. */
static void dir_pass_end(HairJob *j, int pass)
{
    if (pass % 3 == 0)
        plane_pad(&j->tmp);
    else if (pass % 3 == 1)
        plane_pad(&j->tmp2);
}

static int hair_job_run(void *arg)
{
    HairJob *j = arg;
    for (int i = j->first; i < HAIR_ORIENTATIONS; i += j->step)
        for (int p = 0; p < DIR_PASSES; p++) {
            dir_pass(j, i, p, 0, j->lum->h);
            dir_pass_end(j, p);
        }
    return 0;
}

/* The part of the work grid worth filtering: the head's bounding box (head matte >= 0.5)
 * plus a margin, or everything without a head matte. */
typedef struct Crop {
    int f, x0, y0, w, h; /* photo px per work px; the box in work px */
} Crop;

/* Everything between the stages: the stage and row the next step starts at, the box
 * found so far, the work planes, the two medians, the matte. */
struct HairMatteSteps {
    const SmpImage *photo;
    const SmpMatte *head; /* NULL when it does not fit the photo */
    const SmpMatte *mark; /* the head the work grid is marked from (any with pixels) */
    int64_t budget;
    int threads;
    Stages st;
    int bx0, by0, bx1, by1; /* the head's box in photo px (bx1 < 0: none yet) */
    Crop c;
    size_t n;
    Plane lum;
    uint8_t *resp, *head_w, *bright, *mem;
    uint16_t *row16;
    HairJob jobs[MAX_THREADS];
    size_t hist_resp[256], hist_bright[256], head_count;
    float lo, typical;
    SmpMatte out;
};

/* Rows [y0, y1) of the photo into the head's bounding box. */
static void box_rows(HairMatteSteps *s, int y0, int y1)
{
    int w = s->photo->width;
    for (int y = y0; y < y1; y++) {
        const uint8_t *row = s->head->alpha + (size_t)y * w;
        int first = -1, last = -1;
        for (int x = 0; x < w; x++)
            if (row[x] >= 128) {
                last = x;
                if (first < 0)
                    first = x;
            }
        if (first < 0)
            continue;
        s->bx0 = first < s->bx0 ? first : s->bx0;
        s->bx1 = last > s->bx1 ? last : s->bx1;
        s->by0 = y < s->by0 ? y : s->by0;
        s->by1 = y;
    }
}

/* The crop from the head's box (see Crop). */
static Crop crop_from_box(const HairMatteSteps *s, int f)
{
    int gw = (s->photo->width + f - 1) / f, gh = (s->photo->height + f - 1) / f;
    Crop c = {f, 0, 0, gw, gh};
    if (!s->head)
        return c;
    if (s->bx1 < 0)
        return (Crop){f, 0, 0, 1, 1};
    int m = HAIR_HALF_LENGTH + 2;
    c.x0 = s->bx0 / f - m < 0 ? 0 : s->bx0 / f - m;
    c.y0 = s->by0 / f - m < 0 ? 0 : s->by0 / f - m;
    c.w = (s->bx1 / f + m >= gw ? gw - 1 : s->bx1 / f + m) - c.x0 + 1;
    c.h = (s->by1 / f + m >= gh ? gh - 1 : s->by1 / f + m) - c.y0 + 1;
    return c;
}

/* The work planes for the crop: luma (padded), response, eroded head, brightness, the
 * brightness's row sums, and per direction job two filter planes and four
 * accumulators. Not cleared: every stage writes all of what it hands on. */
static bool planes_alloc(HairMatteSteps *s)
{
    size_t n = s->n, pn = (size_t)(s->c.w + 2 * PAD) * (size_t)(s->c.h + 2 * PAD);
    size_t per_job = n * 4 + pn * 2;
    s->lum = (Plane){s->c.w, s->c.h, s->c.w + 2 * PAD, malloc(pn + n * 3)};
    s->mem = malloc(per_job * (size_t)s->threads);
    s->row16 = malloc(sizeof *s->row16 * n);
    if (!s->lum.px || !s->mem || !s->row16)
        return false;
    s->resp = s->lum.px + pn;
    s->head_w = s->resp + n;
    s->bright = s->head_w + n;
    for (int t = 0; t < s->threads; t++) {
        uint8_t *m = s->mem + per_job * (size_t)t;
        Plane a = {s->c.w, s->c.h, s->lum.pw, m}, b = {s->c.w, s->c.h, s->lum.pw, m + pn};
        s->jobs[t] = (HairJob){&s->lum, t, s->threads, a, b, m + 2 * pn};
    }
    return true;
}

/* Rows [y0, y1) of every job's accumulators reset: maxima to 0, minima to 255. */
static void acc_rows(HairMatteSteps *s, int y0, int y1)
{
    size_t n = s->n, at = (size_t)y0 * s->c.w, len = (size_t)(y1 - y0) * s->c.w;
    for (int t = 0; t < s->threads; t++) {
        uint8_t *acc = s->jobs[t].acc + at;
        memset(acc, 0, len);
        memset(acc + n, 255, len);
        memset(acc + 2 * n, 0, len);
        memset(acc + 3 * n, 255, len);
    }
}

/* Once the box is known: the crop and its planes. */
static bool crop_end(HairMatteSteps *s)
{
    int longest = s->photo->width > s->photo->height ? s->photo->width : s->photo->height;
    s->c = crop_from_box(s, (longest + HAIR_MATTE_WORK - 1) / HAIR_MATTE_WORK);
    s->n = (size_t)s->c.w * (size_t)s->c.h;
    return planes_alloc(s);
}

/* Rows [y0, y1) of the Rec. 601 luma of the crop, box-averaged down by f. */
static void lum_rows(HairMatteSteps *s, int y0, int y1)
{
    const SmpImage *photo = s->photo;
    const Crop *c = &s->c;
    for (int y = y0; y < y1; y++) {
        uint8_t *o = plane_at(&s->lum, 0, y);
        for (int x = 0; x < c->w; x++) {
            unsigned sum = 0, cnt = 0;
            int px0 = (c->x0 + x) * c->f, py0 = (c->y0 + y) * c->f;
            for (int j = py0; j < py0 + c->f && j < photo->height; j++)
                for (int i = px0; i < px0 + c->f && i < photo->width; i++) {
                    const uint8_t *p = image_pixel(photo, i, j);
                    sum += (unsigned)(299 * p[0] + 587 * p[1] + 114 * p[2]);
                    cnt++;
                }
            o[x] = (uint8_t)((sum / cnt + 500) / 1000);
        }
    }
}

/* All directions at once on up to `threads` threads (the one-go form). */
static void dirs_threads(HairMatteSteps *s)
{
    thrd_t tid[MAX_THREADS];
    bool started[MAX_THREADS] = {false};
    for (int t = 1; t < s->threads; t++)
        started[t] = thrd_create(&tid[t], hair_job_run, &s->jobs[t]) == thrd_success;
    hair_job_run(&s->jobs[0]);
    for (int t = 1; t < s->threads; t++) {
        if (started[t])
            thrd_join(tid[t], NULL);
        else
            hair_job_run(&s->jobs[t]); /* no thread to be had: do it here */
    }
}

/* Rows [y0, y1) of the orientation contrast: the jobs' maxima and minima merged. */
static void merge_rows(HairMatteSteps *s, int y0, int y1)
{
    size_t n = s->n;
    for (size_t i = (size_t)y0 * s->c.w; i < (size_t)y1 * s->c.w; i++) {
        int dmax = 0, dmin = 255, lmax = 0, lmin = 255;
        for (int t = 0; t < s->threads; t++) {
            const uint8_t *a = s->jobs[t].acc;
            dmax = a[i] > dmax ? a[i] : dmax;
            dmin = a[n + i] < dmin ? a[n + i] : dmin;
            lmax = a[2 * n + i] > lmax ? a[2 * n + i] : lmax;
            lmin = a[3 * n + i] < lmin ? a[3 * n + i] : lmin;
        }
        s->resp[i] = (uint8_t)(dmax - dmin > lmax - lmin ? dmax - dmin : lmax - lmin);
    }
}

/* Rows [y0, y1) of the head matte on the crop, 255 / 0 per work pixel (into bright,
 * free until the brightness stage). */
static void head_mark_rows(HairMatteSteps *s, int y0, int y1)
{
    const SmpMatte *head = s->mark;
    const Crop *c = &s->c;
    int f = c->f;
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < c->w; x++) {
            int v = 255;
            if (head)
                for (int j = (c->y0 + y) * f; j < (c->y0 + y + 1) * f && j < head->height; j++)
                    for (int i = (c->x0 + x) * f; i < (c->x0 + x + 1) * f && i < head->width; i++)
                        v = head->alpha[(size_t)j * head->width + i] < 128 ? 0 : v;
            s->bright[(size_t)y * c->w + x] = (uint8_t)v;
        }
}

/* The marked head eroded by a square of side 2 HEAD_ERODE + 1 (outside the grid is not
 * head): along the head's outline (ears, folds of the neck) skin against background is a
 * ridge too. The square is separable: rows [y0, y1) eroded down the columns into
 * head_w ... */
static void head_erode_v_rows(HairMatteSteps *s, int y0, int y1)
{
    int w = s->c.w, h = s->c.h, r = HEAD_ERODE;
    for (int y = y0; y < y1; y++) {
        uint8_t *o = s->head_w + (size_t)y * w;
        bool inside = y - r >= 0 && y + r < h;
        memset(o, inside ? 255 : 0, (size_t)w);
        for (int j = y - r; inside && j <= y + r; j++) {
            const uint8_t *m = s->bright + (size_t)j * w;
            for (int x = 0; x < w; x++)
                o[x] = m[x] ? o[x] : 0;
        }
    }
}

/* ... then along the rows, in place: a pixel stays head when no zero lies within r of
 * it (the last zero seen so far is read before it can be overwritten). */
static void head_erode_h_rows(HairMatteSteps *s, int y0, int y1)
{
    int w = s->c.w, r = HEAD_ERODE;
    for (int y = y0; y < y1; y++) {
        uint8_t *o = s->head_w + (size_t)y * w;
        int zero = -r - 1; /* the last zero at or before x + r */
        for (int i = 0; i < r && i < w; i++)
            zero = o[i] ? zero : i;
        for (int x = 0; x < w; x++) {
            if (x + r < w && !o[x + r])
                zero = x + r;
            o[x] = x - r >= 0 && x + r < w && zero < x - r ? 255 : 0;
        }
    }
}

/* The local brightness: the mean luma over the box of half width BRIGHT_RADIUS around
 * each work pixel, by separable running sums: rows [y0, y1) of the row sums ... */
static void bright_rows(HairMatteSteps *s, int y0, int y1)
{
    int w = s->c.w, r = BRIGHT_RADIUS;
    for (int y = y0; y < y1; y++) {
        const uint8_t *in = plane_at(&s->lum, 0, y);
        unsigned sum = 0;
        for (int x = -r; x <= r; x++)
            sum += in[x < 0 ? 0 : x >= w ? w - 1 : x];
        for (int x = 0; x < w; x++) {
            s->row16[(size_t)y * w + x] = (uint16_t)sum;
            sum += in[x + r + 1 < w ? x + r + 1 : w - 1] - in[x - r > 0 ? x - r : 0];
        }
    }
}

/* ... then columns [x0, x1) of their sums down the columns. */
static void bright_cols(HairMatteSteps *s, int x0, int x1)
{
    int w = s->c.w, h = s->c.h, r = BRIGHT_RADIUS;
    const uint16_t *row16 = s->row16;
    unsigned area = (unsigned)(2 * r + 1) * (unsigned)(2 * r + 1);
    for (int x = x0; x < x1; x++) {
        unsigned sum = 0;
        for (int y = -r; y <= r; y++)
            sum += row16[(size_t)(y < 0 ? 0 : y >= h ? h - 1 : y) * w + x];
        for (int y = 0; y < h; y++) {
            s->bright[(size_t)y * w + x] = (uint8_t)((sum + area / 2) / area);
            int add = y + r + 1 < h ? y + r + 1 : h - 1, sub = y - r > 0 ? y - r : 0;
            sum += row16[(size_t)add * w + x] - row16[(size_t)sub * w + x];
        }
    }
}

/* Rows [y0, y1) of the contrast's and the brightness's histograms under the eroded head. */
static void hist_rows(HairMatteSteps *s, int y0, int y1)
{
    for (size_t i = (size_t)y0 * s->c.w; i < (size_t)y1 * s->c.w; i++)
        if (s->head_w[i]) {
            s->hist_resp[s->resp[i]]++;
            s->hist_bright[s->bright[i]]++;
            s->head_count++;
        }
}

/* The median of a histogram of cnt values (0 when empty). */
static int hist_median(const size_t hist[256], size_t cnt)
{
    int median = 0;
    for (size_t acc = 0; median < 255 && (acc += hist[median]) * 2 < cnt; median++)
        ;
    return median;
}

/* The threshold and the typical brightness, from the medians over the head. */
static bool hist_end(HairMatteSteps *s)
{
    s->lo = HAIR_LO_MIN + HAIR_LO_PER_MEDIAN * (float)hist_median(s->hist_resp, s->head_count);
    s->typical = (float)hist_median(s->hist_bright, s->head_count);
    return true;
}

/* Rows [y0, y1): raw contrast into a soft 0..255 matte on the eroded head (see
 * HAIR_LO_MIN). Where the skin is brighter than usual on this head (a specular
 * highlight), contrast is weighed down by the ratio: sheen multiplies the pore texture's
 * contrast along with the light (Weber), and would otherwise read as hair. */
static void threshold_rows(HairMatteSteps *s, int y0, int y1)
{
    for (size_t i = (size_t)y0 * s->c.w; i < (size_t)y1 * s->c.w; i++) {
        float weber = s->bright[i] > s->typical ? s->typical / (float)s->bright[i] : 1.0f;
        weber *= weber;
        float v = s->head_w[i] ? ((float)s->resp[i] * weber - s->lo) / HAIR_RAMP : 0.0f;
        s->resp[i] = (uint8_t)(255.0f * (v < 0.0f ? 0.0f : v > 1.0f ? 1.0f : v) + 0.5f);
    }
}

/* Rows [y0, y1) of the full size matte: bilinear from the crop's work grid (0 outside
 * it), times the head matte. */
static void upsample_rows(HairMatteSteps *s, int ya, int yb)
{
    const Crop *c = &s->c;
    const uint8_t *resp = s->resp;
    SmpMatte *out = &s->out;
    float inv = 1.0f / (float)c->f;
    int w = c->w, h = c->h;
    for (int y = ya; y < yb; y++) {
        float gy = ((float)y + 0.5f) * inv - 0.5f - (float)c->y0;
        uint8_t *o = out->alpha + (size_t)y * out->width;
        if (gy < -1.0f || gy > (float)h) {
            memset(o, 0, (size_t)out->width);
            continue;
        }
        int y0 = gy < 0 ? 0 : (int)gy, y1 = y0 + 1 < h ? y0 + 1 : y0;
        y0 = y0 >= h ? h - 1 : y0;
        float ty = gy < 0 ? 0 : gy - (float)(int)gy;
        for (int x = 0; x < out->width; x++) {
            float gx = ((float)x + 0.5f) * inv - 0.5f - (float)c->x0;
            if (gx < -1.0f || gx > (float)w) {
                o[x] = 0;
                continue;
            }
            int x0 = gx < 0 ? 0 : (int)gx, x1 = x0 + 1 < w ? x0 + 1 : x0;
            x0 = x0 >= w ? w - 1 : x0;
            float tx = gx < 0 ? 0 : gx - (float)(int)gx;
            float a = (resp[(size_t)y0 * w + x0] * (1 - tx) + resp[(size_t)y0 * w + x1] * tx) * (1 - ty) +
                      (resp[(size_t)y1 * w + x0] * (1 - tx) + resp[(size_t)y1 * w + x1] * tx) * ty;
            if (s->head)
                a = a * (float)s->head->alpha[(size_t)y * out->width + x] * (1.0f / 255.0f);
            o[x] = (uint8_t)(a + 0.5f);
        }
    }
}

/* The stages in order. Each runs over `rows` lines (work rows, photo rows or work
 * columns), `passes` times (the directions' passes), costing about `cost` work units a
 * line. */
enum { S_BOX, S_LUM, S_ACC, S_DIRS, S_MERGE, S_HEAD_MARK, S_ERODE_V, S_ERODE_H, S_BRIGHT_ROWS, S_BRIGHT_COLS, S_HIST,
       S_THRESHOLD, S_UPSAMPLE, S_DONE };

/* Work units per pixel, roughly in proportion to their time (native and wasm): a unit
 * is about one byte compared or added. */
static StageSize stage_size(const void *ctx, int stage, int pass)
{
    const HairMatteSteps *s = ctx;
    int64_t pw = s->photo->width, w = s->c.w, ff = (int64_t)s->c.f * s->c.f;
    int ph = s->photo->height, h = s->c.h;
    bool steps = s->threads == 1;
    switch (stage) {
    case S_BOX: return (StageSize){1, s->head ? ph : 0, pw};
    case S_LUM: return (StageSize){1, h, w * ff * 2};
    case S_ACC: return (StageSize){1, h, w * s->threads * 32}; /* first touch of the planes */
    case S_DIRS: /* the filters vectorise (TAPS / 2), the folds less (2); in one go: all
                  * of it at once, on threads */
        return steps ? (StageSize){HAIR_ORIENTATIONS * DIR_PASSES, h, w * (pass % 3 == 2 ? 2 : TAPS / 2)}
                     : (StageSize){1, 1, w * h * TAPS * HAIR_ORIENTATIONS * DIR_PASSES};
    case S_MERGE: return (StageSize){1, h, w * 4 * s->threads};
    case S_HEAD_MARK: return (StageSize){1, h, w * ff};
    case S_ERODE_V: return (StageSize){1, h, w * (2 * HEAD_ERODE + 1)};
    case S_ERODE_H: return (StageSize){1, h, w * 4};
    case S_BRIGHT_ROWS: return (StageSize){1, h, w * 2};
    case S_BRIGHT_COLS: return (StageSize){1, (int)w, (int64_t)h * 12}; /* down the columns: cache misses */
    case S_HIST: return (StageSize){1, h, w * 2};
    case S_THRESHOLD: return (StageSize){1, h, w * 8};
    case S_UPSAMPLE: return (StageSize){1, ph, pw * 12}; /* floats: slower in wasm than natively */
    default: return (StageSize){0, 0, 0};
    }
}

/* Lines [a, b) of the current stage (and pass). */
static void stage_run(void *ctx, int stage, int pass, int a, int b)
{
    HairMatteSteps *s = ctx;
    switch (stage) {
    case S_BOX: box_rows(s, a, b); break;
    case S_LUM: lum_rows(s, a, b); break;
    case S_ACC: acc_rows(s, a, b); break;
    case S_DIRS:
        if (s->threads == 1)
            dir_pass(&s->jobs[0], pass / DIR_PASSES, pass % DIR_PASSES, a, b);
        else
            dirs_threads(s);
        break;
    case S_MERGE: merge_rows(s, a, b); break;
    case S_HEAD_MARK: head_mark_rows(s, a, b); break;
    case S_ERODE_V: head_erode_v_rows(s, a, b); break;
    case S_ERODE_H: head_erode_h_rows(s, a, b); break;
    case S_BRIGHT_ROWS: bright_rows(s, a, b); break;
    case S_BRIGHT_COLS: bright_cols(s, a, b); break;
    case S_HIST: hist_rows(s, a, b); break;
    case S_THRESHOLD: threshold_rows(s, a, b); break;
    case S_UPSAMPLE: upsample_rows(s, a, b); break;
    }
}

/* Once a pass's lines are all done (small work, not counted). False: out of memory. */
static bool stage_end(void *ctx, int stage, int pass)
{
    HairMatteSteps *s = ctx;
    switch (stage) {
    case S_BOX: return crop_end(s);
    case S_LUM: plane_pad(&s->lum); return true;
    case S_DIRS:
        if (s->threads == 1)
            dir_pass_end(&s->jobs[0], pass % DIR_PASSES);
        return true;
    case S_HIST: return hist_end(s);
    default: return true;
    }
}

static const StageFns HAIR_STAGES = {stage_size, stage_run, stage_end};

HairMatteSteps *hair_matte_steps_begin(const SmpImage *photo, const SmpMatte *head, int threads, int64_t budget)
{
    HairMatteSteps *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    bool fits = head && head->alpha && head->width == photo->width && head->height == photo->height;
    s->photo = photo;
    s->head = fits ? head : NULL;
    s->mark = head && head->alpha && head->width > 0 ? head : NULL;
    s->budget = budget < 1 ? 1 : budget;
    s->threads = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    s->bx0 = photo->width;
    s->by0 = photo->height;
    s->bx1 = s->by1 = -1;
    s->out.alpha = malloc((size_t)photo->width * (size_t)photo->height);
    s->st = (Stages){.fns = &HAIR_STAGES, .ctx = s, .count = S_DONE, .failed = !s->out.alpha};
    s->out.width = photo->width;
    s->out.height = photo->height;
    s->out.uncertain = head && head->uncertain;
    return s;
}

bool hair_matte_steps_next(HairMatteSteps *s, int64_t *work) { return stages_next(&s->st, s->budget, work); }

bool hair_matte_steps_end(HairMatteSteps *s, SmpMatte *out, SmpError *err)
{
    bool ok = s && stages_done(&s->st);
    if (s) {
        free(s->lum.px);
        free(s->mem);
        free(s->row16);
        if (ok)
            *out = s->out;
        else
            matte_free(&s->out);
        free(s);
    }
    if (!ok) {
        memset(out, 0, sizeof *out);
        return smp_fail(err, "out of memory computing the hair matte");
    }
    return true;
}

bool hair_matte_compute(const SmpImage *photo, const SmpMatte *head, int threads, SmpMatte *out,
                        SmpError *err)
{
    HairMatteSteps *s = hair_matte_steps_begin(photo, head, threads, INT64_MAX);
    while (s && hair_matte_steps_next(s, NULL))
        ;
    return hair_matte_steps_end(s, out, err);
}
