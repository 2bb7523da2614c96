/* photo_look.c - estimates of the photo's blur, grain and sheen, so the ink can
 * be made to look photographed by the same camera in the same light.
 *
 * Blur and grain are measured on a grid of small tiles spread over the box
 * (and a margin around it): a bounded number of pixels whatever the photo size.
 * The sheen map is built from cell averages read on a sparse lattice.
 */
#include "photo_look.h"

#include "pigment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TILE 64           /* pixels measured per tile side */
#define TILE_GRID 6       /* tiles per side of the box: 36 tiles, ~150k pixels */
#define SPAN_RUN 8        /* pixels per vectorised run of photo_look_sheen_span */
#define REBLUR_SIGMA 2.0f /* the known re-blur; wide enough to resolve sigmas up to ~4 px */
#define REBLUR_RADIUS 6
#define TILE_PAD (REBLUR_RADIUS + 2)
#define TILE_FULL (TILE + 2 * TILE_PAD)
#define EDGE_SHARE 0.25   /* strongest share of edge samples used: they carry the least noise */
#define MAX_BLUR_PX 20.0f
#define NOISE_BIN 0.125f  /* histogram step of the noise kernel's response (6 sigma per unit noise) */
#define NOISE_BINS 16384
#define STEP_REACH 5      /* px each side an edge profile must climb steadily */
#define STEP_SLACK 0.15f  /* dips allowed in that climb (noise), relative to the peak gradient */
#define BOX_MARGIN 0.25   /* "around": the box grows by this share of its size each side */
#define SHEEN_CELLS 32768 /* at most this many cells in a sheen map */
#define SHEEN_MIN_CELL 4  /* 1/16 byte per photo pixel at most */
#define CELL_SAMPLES 3    /* samples per cell side at most: the sheen is smooth, the cell a mean */

typedef struct EdgeSample {
    float strength, var;
} EdgeSample;

typedef struct Samples {
    EdgeSample *edges;
    int edge_count;
    unsigned *noise; /* histogram of |kernel response|, NOISE_BIN wide bins */
    int noise_count;
} Samples;

static inline int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static PhotoBox box_clip(const SmpImage *img, PhotoBox b, double margin)
{
    int mx = (int)((b.x1 - b.x0) * margin), my = (int)((b.y1 - b.y0) * margin);
    PhotoBox r = {clampi(b.x0 - mx, 0, img->width), clampi(b.y0 - my, 0, img->height),
                  clampi(b.x1 + mx, 0, img->width), clampi(b.y1 + my, 0, img->height)};
    return r;
}

/* Luma of the encoded values (what JPEG grain and sharpening act on). */
static inline float luma_at(const SmpImage *img, int x, int y)
{
    const uint8_t *p = image_pixel(img, clampi(x, 0, img->width - 1), clampi(y, 0, img->height - 1));
    return 0.2126f * p[0] + 0.7152f * p[1] + 0.0722f * p[2];
}

/* Separable Gaussian blur of a TILE_FULL square (edges clamped). */
static void tile_reblur(const float *src, float *tmp, float *dst)
{
    float k[2 * REBLUR_RADIUS + 1], sum = 0;
    for (int i = -REBLUR_RADIUS; i <= REBLUR_RADIUS; i++)
        sum += k[i + REBLUR_RADIUS] = expf(-0.5f * (float)(i * i) / (REBLUR_SIGMA * REBLUR_SIGMA));
    for (int i = 0; i <= 2 * REBLUR_RADIUS; i++)
        k[i] /= sum;
    /* Each output sums its taps in the same order (i ascending); the loops
     * over x run a fixed length without clamping, so they vectorise. */
    enum { R = REBLUR_RADIUS, IN = TILE_FULL - 2 * REBLUR_RADIUS };
    for (int y = 0; y < TILE_FULL; y++) { /* across: clamped at both ends, plain inside */
        const float *in = src + y * TILE_FULL;
        float *out = tmp + y * TILE_FULL;
        for (int x = 0; x < TILE_FULL; x++)
            out[x] = 0;
        for (int i = -R; i <= R; i++) {
            for (int x = 0; x < R; x++)
                out[x] += k[i + R] * in[clampi(x + i, 0, TILE_FULL - 1)];
            for (int x = R; x < R + IN; x++)
                out[x] += k[i + R] * in[x + i];
            for (int x = R + IN; x < TILE_FULL; x++)
                out[x] += k[i + R] * in[clampi(x + i, 0, TILE_FULL - 1)];
        }
    }
    for (int y = 0; y < TILE_FULL; y++) { /* down: whole rows */
        float *out = dst + y * TILE_FULL;
        for (int x = 0; x < TILE_FULL; x++)
            out[x] = 0;
        for (int i = -R; i <= R; i++) {
            const float *in = tmp + clampi(y + i, 0, TILE_FULL - 1) * TILE_FULL;
            for (int x = 0; x < TILE_FULL; x++)
                out[x] += k[i + R] * in[x];
        }
    }
}

static inline float grad_mag(const float *t, int i)
{
    float gx = 0.5f * (t[i + 1] - t[i - 1]), gy = 0.5f * (t[i + TILE_FULL] - t[i - TILE_FULL]);
    return sqrtf(gx * gx + gy * gy);
}

/* Peak of a Gaussian-like profile through three samples (exact for a
 * Gaussian: a parabola in the log), so edges between pixel centres are not
 * read as sharper or softer than they are. */
static float profile_peak(float a, float b, float c)
{
    if (a <= 0 || c <= 0)
        return b;
    float la = logf(a), lb = logf(b), lc = logf(c), den = 2 * lb - la - lc;
    return den > 1e-6f ? b * expf((lc - la) * (lc - la) / (8 * den)) : b;
}

/* The blur variance implied by the gradient ratio r = |grad I| / |grad reblur(I)|
 * at an edge: with central differences both gradients carry an extra 1/3 px^2
 * (a 2-px box), so sigma^2 + 1/3 = s0^2 / (r^2 - 1). Kept signed: a sharpened
 * edge (phone cameras all sharpen) is narrower than any Gaussian blur, and its
 * "negative variance" is what a further blur adds to. */
static float variance_from_ratio(float r)
{
    float d = r * r - 1;
    if (d <= 1e-4f)
        return MAX_BLUR_PX * MAX_BLUR_PX;
    float s2 = REBLUR_SIGMA * REBLUR_SIGMA / d - 1.0f / 3;
    return s2 < MAX_BLUR_PX * MAX_BLUR_PX ? s2 : MAX_BLUR_PX * MAX_BLUR_PX;
}

/* True where the profile across the edge at i climbs steadily over +-STEP_REACH
 * steps of o: a step edge. Lines, pores and specks (a rise then a fall) fail:
 * a re-blur flattens them much more than an edge, so they would read sharp. */
static bool is_step_edge(const float *t, int i, int o, float g)
{
    float sign = t[i + STEP_REACH * o] > t[i - STEP_REACH * o] ? 1.0f : -1.0f;
    float slack = -STEP_SLACK * g;
    for (int k = -STEP_REACH; k < STEP_REACH; k++)
        if (sign * (t[i + (k + 1) * o] - t[i + k * o]) < slack)
            return false;
    return true;
}

/* Edge samples of one tile: maxima of the gradient along its own direction. */
static void tile_edges(const float *t, const float *tb, Samples *s)
{
    static const int step[4][2] = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}};
    for (int y = TILE_PAD; y < TILE_PAD + TILE; y++)
        for (int x = TILE_PAD; x < TILE_PAD + TILE; x++) {
            int i = y * TILE_FULL + x;
            float g = grad_mag(t, i);
            if (g < 1.0f)
                continue;
            /* the gradient direction, to the nearest of 4 (tan 22.5 deg = 0.4142) */
            float gx = t[i + 1] - t[i - 1], gy = t[i + TILE_FULL] - t[i - TILE_FULL];
            float ax = fabsf(gx), ay = fabsf(gy);
            int q = ay <= 0.4142f * ax ? 0 : ax <= 0.4142f * ay ? 2 : (gx > 0) == (gy > 0) ? 1 : 3;
            int o = step[q][1] * TILE_FULL + step[q][0];
            float gm = grad_mag(t, i - o), gp = grad_mag(t, i + o);
            if (g < gm || g <= gp)
                continue;
            if (!is_step_edge(t, i, o, g))
                continue;
            float peak = profile_peak(gm, g, gp);
            float peak_b = profile_peak(grad_mag(tb, i - o), grad_mag(tb, i), grad_mag(tb, i + o));
            if (peak_b <= 0)
                continue;
            s->edges[s->edge_count++] = (EdgeSample){peak, variance_from_ratio(peak / peak_b)};
        }
}

/* |Immerkaer kernel| at every inner pixel of a tile: white noise of sigma s
 * gives a response of sigma 6 s there, smooth shading none. */
static void tile_noise(const float *t, Samples *s)
{
    for (int y = TILE_PAD; y < TILE_PAD + TILE; y++)
        for (int x = TILE_PAD; x < TILE_PAD + TILE; x++) {
            const float *p = t + y * TILE_FULL + x;
            float v = p[-TILE_FULL - 1] + p[-TILE_FULL + 1] + p[TILE_FULL - 1] + p[TILE_FULL + 1] -
                      2 * (p[-TILE_FULL] + p[TILE_FULL] + p[-1] + p[1]) + 4 * p[0];
            int bin = (int)(fabsf(v) * (1.0f / NOISE_BIN));
            s->noise[bin < NOISE_BINS ? bin : NOISE_BINS - 1]++;
            s->noise_count++;
        }
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* The k-th smallest of v[0..n) (k < n), found by partitioning (v is
 * reordered): the same value a sort would put at v[k], in linear time. */
static float kth_smallest(float *v, size_t n, size_t k)
{
    long lo = 0, hi = (long)n - 1, kk = (long)k;
    while (lo < hi) {
        float pivot = v[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i <= j) {
                float t = v[i];
                v[i++] = v[j];
                v[j--] = t;
            }
        }
        /* [lo, j] <= pivot <= [i, hi], and what lies between equals the pivot */
        if (kk <= j)
            hi = j;
        else if (kk >= i)
            lo = i;
        else
            return v[kk];
    }
    return v[kk];
}

static int cmp_edge_desc(const void *a, const void *b)
{
    float x = ((const EdgeSample *)a)->strength, y = ((const EdgeSample *)b)->strength;
    return (x < y) - (x > y);
}

/* Median blur variance of the strongest edges: faint ones are mostly noise and texture. */
static float blur_from_edges(Samples *s)
{
    if (s->edge_count < 8)
        return 0;
    qsort(s->edges, (size_t)s->edge_count, sizeof *s->edges, cmp_edge_desc);
    int n = (int)(s->edge_count * EDGE_SHARE);
    n = n < 8 ? 8 : n;
    float *sig = malloc(sizeof *sig * (size_t)n);
    if (!sig)
        return 0;
    for (int i = 0; i < n; i++)
        sig[i] = s->edges[i].var;
    qsort(sig, (size_t)n, sizeof *sig, cmp_float);
    float m = sig[n / 2];
    free(sig);
    return m;
}

/* The median of the histogrammed responses, interpolated inside its bin. */
static float noise_median(const unsigned *hist, int count)
{
    unsigned half = (unsigned)count / 2, below = 0;
    for (int b = 0; b < NOISE_BINS; b++) {
        if (below + hist[b] > half)
            return ((float)b + (float)(half - below + 0.5f) / (float)hist[b]) * NOISE_BIN;
        below += hist[b];
    }
    return 0;
}

void photo_look_estimate(const SmpImage *photo, PhotoBox box, PhotoLook *out)
{
    *out = (PhotoLook){0, 0, 0};
    PhotoBox b = box_clip(photo, box, BOX_MARGIN);
    int bw = b.x1 - b.x0, bh = b.y1 - b.y0;
    if (bw < 8 || bh < 8)
        return;
    int gx = bw >= TILE * TILE_GRID ? TILE_GRID : (bw + TILE - 1) / TILE;
    int gy = bh >= TILE * TILE_GRID ? TILE_GRID : (bh + TILE - 1) / TILE;
    size_t per_tile = (size_t)TILE * TILE;
    float *buf = malloc(sizeof *buf * 3 * TILE_FULL * TILE_FULL);
    Samples s = {malloc(sizeof *s.edges * per_tile * (size_t)(gx * gy)), 0,
                 calloc(NOISE_BINS, sizeof *s.noise), 0};
    if (buf && s.edges && s.noise) {
        float *t = buf, *tmp = buf + TILE_FULL * TILE_FULL, *tb = tmp + TILE_FULL * TILE_FULL;
        for (int j = 0; j < gy; j++)
            for (int i = 0; i < gx; i++) {
                /* tiles spread evenly, each centred in its share of the box */
                int cx = b.x0 + (int)((i + 0.5) * bw / gx), cy = b.y0 + (int)((j + 0.5) * bh / gy);
                int ox = cx - TILE_FULL / 2, oy = cy - TILE_FULL / 2;
                for (int y = 0; y < TILE_FULL; y++)
                    for (int x = 0; x < TILE_FULL; x++)
                        t[y * TILE_FULL + x] = luma_at(photo, ox + x, oy + y);
                tile_reblur(t, tmp, tb);
                tile_edges(t, tb, &s);
                tile_noise(t, &s);
            }
        out->blur_var = blur_from_edges(&s);
        out->blur_px = out->blur_var > 0 ? sqrtf(out->blur_var) : 0;
        out->grain_sigma = noise_median(s.noise, s.noise_count) / (6 * 0.6745f);
    }
    free(buf);
    free(s.edges);
    free(s.noise);
}

PhotoBox photo_look_box_of_dots(const DotList *dots, double px_per_mm, int w, int h)
{
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f, reach = 0;
    for (int i = 0; i < dots->count; i++) {
        const SmpDot *d = &dots->items[i];
        x0 = d->x_mm < x0 ? d->x_mm : x0, x1 = d->x_mm > x1 ? d->x_mm : x1;
        y0 = d->y_mm < y0 ? d->y_mm : y0, y1 = d->y_mm > y1 ? d->y_mm : y1;
        float r = d->diameter_mm + 2 * d->softness_mm;
        reach = r > reach ? r : reach;
    }
    if (dots->count == 0 || !(px_per_mm > 0))
        return (PhotoBox){0, 0, 0, 0};
    double k = px_per_mm;
    return (PhotoBox){clampi((int)floor((x0 - reach) * k), 0, w), clampi((int)floor((y0 - reach) * k), 0, h),
                      clampi((int)ceil((x1 + reach) * k) + 1, 0, w), clampi((int)ceil((y1 + reach) * k) + 1, 0, h)};
}

/* ---- sheen ------------------------------------------------------------------ */

typedef struct Cell {
    float sum, minc; /* linear RGB sum and smallest channel of the cell mean */
} Cell;

static void sheen_read_cells(const SmpImage *photo, const SheenMap *m, Cell *cells)
{
    float to_linear[256];
    for (int v = 0; v < 256; v++)
        to_linear[v] = pigment_srgb_to_linear((unsigned char)v);
    int step = (m->cell + CELL_SAMPLES - 1) / CELL_SAMPLES;
    for (int j = 0; j < m->height; j++)
        for (int i = 0; i < m->width; i++) {
            float acc[3] = {0, 0, 0};
            int n = 0;
            int xe = m->x0 + (i + 1) * m->cell, ye = m->y0 + (j + 1) * m->cell;
            xe = xe < photo->width ? xe : photo->width;
            ye = ye < photo->height ? ye : photo->height;
            for (int y = m->y0 + j * m->cell + step / 2; y < ye; y += step)
                for (int x = m->x0 + i * m->cell + step / 2; x < xe; x += step, n++) {
                    const uint8_t *p = image_pixel(photo, x, y);
                    for (int c = 0; c < 3; c++)
                        acc[c] += to_linear[p[c]];
                }
            float r = n ? acc[0] / n : 0, g = n ? acc[1] / n : 0, bl = n ? acc[2] / n : 0;
            float mn = r < g ? r : g;
            cells[j * m->width + i] = (Cell){r + g + bl, mn < bl ? mn : bl};
        }
}

/* The diffuse skin chromaticity, as the smallest channel's share of the sum:
 * the median over the brighter three quarters of cells (the darkest are hair
 * and shadow, whose colour says little). Sheen raises a cell's share towards
 * 1/3, so the median is that of plain skin while sheen covers under half. */
static float sheen_diffuse_share(const Cell *cells, int n)
{
    float *v = malloc(sizeof *v * (size_t)n);
    if (!v)
        return -1;
    for (int i = 0; i < n; i++)
        v[i] = cells[i].sum;
    float q1 = kth_smallest(v, (size_t)n, (size_t)n / 4);
    float floor_sum = q1 > 1e-3f ? q1 : 1e-3f;
    int k = 0;
    for (int i = 0; i < n; i++)
        if (cells[i].sum >= floor_sum)
            v[k++] = cells[i].minc / cells[i].sum;
    float share = k ? kth_smallest(v, (size_t)k, (size_t)k / 2) : -1;
    free(v);
    return share;
}

/* Solves I = D + S in each cell with D's share lam (min = lam sum_D + S,
 * sum = sum_D + 3 S), then takes off the noise floor: plain skin scatters
 * around its median share, so half its cells read a little sheen. Twice the
 * upper quartile of S over all cells (zeros included) is well above that
 * scatter and well below a highlight. Leaves S x 255 in values. */
static void sheen_solve(Cell *cells, size_t n, float lam, uint8_t *values)
{
    for (size_t i = 0; i < n; i++) {
        float s = (cells[i].minc - lam * cells[i].sum) / (1 - 3 * lam);
        cells[i].sum = s > 0 ? s : 0; /* reused: the raw sheen */
    }
    float *v = malloc(sizeof *v * n);
    float floor_s = 0;
    if (v) {
        for (size_t i = 0; i < n; i++)
            v[i] = cells[i].sum;
        floor_s = 2 * kth_smallest(v, n, n * 3 / 4);
        free(v);
    }
    for (size_t i = 0; i < n; i++) {
        float s = cells[i].sum - floor_s;
        s = s > 0 ? (s < 1 ? s : 1) : 0;
        values[i] = (uint8_t)(s * 255 + 0.5f);
    }
}

bool photo_look_sheen(const SmpImage *photo, PhotoBox box, SheenMap *out, SmpError *err)
{
    *out = (SheenMap){0};
    PhotoBox b = box_clip(photo, box, 0);
    int bw = b.x1 - b.x0, bh = b.y1 - b.y0;
    if (bw <= 0 || bh <= 0)
        return true;
    int cell = (int)ceil(sqrt((double)bw * bh / SHEEN_CELLS));
    cell = cell < SHEEN_MIN_CELL ? SHEEN_MIN_CELL : cell;
    SheenMap m = {b.x0, b.y0, (bw + cell - 1) / cell, (bh + cell - 1) / cell, cell, NULL};
    size_t n = (size_t)m.width * (size_t)m.height;
    Cell *cells = malloc(sizeof *cells * n);
    m.values = calloc(n, 1);
    if (!cells || !m.values) {
        free(cells);
        free(m.values);
        return smp_fail(err, "out of memory for a %dx%d sheen map", m.width, m.height);
    }
    sheen_read_cells(photo, &m, cells);
    float lam = sheen_diffuse_share(cells, (int)n);
    /* Near-grey skin (share close to 1/3) cannot be told from sheen: no map. */
    if (lam > 0 && lam < 0.3f)
        sheen_solve(cells, n, lam, m.values);
    free(cells);
    *out = m;
    return true;
}

void photo_look_sheen_free(SheenMap *map)
{
    free(map->values);
    *map = (SheenMap){0};
}

float photo_look_sheen_at(const SheenMap *m, int x, int y)
{
    if (!m->values || m->width <= 0)
        return 0;
    float fx = ((float)(x - m->x0) + 0.5f) / m->cell - 0.5f, fy = ((float)(y - m->y0) + 0.5f) / m->cell - 0.5f;
    if (fx < -0.5f || fy < -0.5f || fx > m->width - 0.5f || fy > m->height - 0.5f)
        return 0;
    int i = (int)floorf(fx), j = (int)floorf(fy);
    float tx = fx - i, ty = fy - j;
    int i0 = clampi(i, 0, m->width - 1), i1 = clampi(i + 1, 0, m->width - 1);
    int j0 = clampi(j, 0, m->height - 1), j1 = clampi(j + 1, 0, m->height - 1);
    const uint8_t *v = m->values;
    float top = v[j0 * m->width + i0] + tx * (v[j0 * m->width + i1] - v[j0 * m->width + i0]);
    float bot = v[j1 * m->width + i0] + tx * (v[j1 * m->width + i1] - v[j1 * m->width + i0]);
    return (top + ty * (bot - top)) * (1.0f / 255);
}

bool photo_look_sheen_span(const SheenMap *m, int y, int x0, int x1, float scale, float *out)
{
    float fy = ((float)(y - m->y0) + 0.5f) / (m->cell ? m->cell : 1) - 0.5f;
    if (!m->values || m->width <= 0 || fy < -0.5f || fy > m->height - 0.5f)
        return false;
    int j = (int)floorf(fy);
    float ty = fy - j, inv = 1.0f / m->cell, k = scale * (1.0f / 255);
    const uint8_t *r0 = m->values + clampi(j, 0, m->height - 1) * m->width;
    const uint8_t *r1 = m->values + clampi(j + 1, 0, m->height - 1) * m->width;
    /* the map cells this span reads */
    int c_lo = clampi((int)floorf(((float)(x0 - m->x0) + 0.5f) * inv - 0.5f), 0, m->width - 1);
    int c_hi = clampi((int)floorf(((float)(x1 - m->x0) + 0.5f) * inv - 0.5f) + 1, 0, m->width - 1);
    bool any = false;
    for (int c = c_lo; c <= c_hi && !any; c++)
        any = r0[c] | r1[c];
    if (!any)
        return false;
    /* Pixel x reads cells floor(fx) and floor(fx) + 1, fx = (x - x0 + 0.5) / cell - 0.5:
     * one cell pair per stretch of `cell` pixels, interpolated down the rows once;
     * a pair of empty cells (most of a row) is a plain fill. */
    int n = x1 - x0 + 1;
    for (int i = 0; i < n;) {
        float fx = ((float)(x0 + i - m->x0) + 0.5f) * inv - 0.5f;
        if (fx < -0.5f || fx > m->width - 0.5f) {
            out[i++] = 0;
            continue;
        }
        int c = (int)(fx + 1) - 1; /* floor, fx >= -0.5 */
        int c0 = clampi(c, 0, m->width - 1), c1 = clampi(c + 1, 0, m->width - 1);
        float va = (r0[c0] + ty * (r1[c0] - r0[c0])) * k, vb = (r0[c1] + ty * (r1[c1] - r0[c1])) * k;
        /* An empty pair: so are the pairs after it up to the next set cell,
         * filled in one go (per pair, the set-up cost more than the fill). */
        int last = c;
        if (va == 0 && vb == 0 && c >= 0)
            while (last + 2 < m->width && !(r0[last + 2] | r1[last + 2]))
                last++;
        /* the first pixel past pair `last`: where fx reaches last + 1 (or the map's end) */
        int end = (int)ceilf(((float)(last + 1) + 0.5f) * (float)m->cell - 0.5f) + m->x0 - x0;
        end = end > i ? (end < n ? end : n) : i + 1;
        if (va == 0 && vb == 0) {
            for (; i < end; i++)
                out[i] = 0;
            continue;
        }
        /* Whole runs first, a fixed-length loop that vectorises: inside the
         * map while c + 1 is (the last pair stops where the map ends). */
        for (; c + 1 < m->width && i + SPAN_RUN <= end; i += SPAN_RUN)
            for (int u = 0; u < SPAN_RUN; u++)
                out[i + u] = va + ((((float)(x0 + i + u - m->x0) + 0.5f) * inv - 0.5f) - (float)c) * (vb - va);
        for (; i < end; i++) {
            float f = ((float)(x0 + i - m->x0) + 0.5f) * inv - 0.5f;
            if (f > m->width - 0.5f)
                break;
            out[i] = va + (f - (float)c) * (vb - va);
        }
    }
    return true;
}
