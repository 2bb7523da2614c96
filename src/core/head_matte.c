/* head_matte.c - separates the head's skin from background, clothes and objects: colour
 * mixtures + contrast-sensitive smoothing at a reduced size, a colour-line alpha along
 * the edge at full size (see head_matte.h for the contract). */
#include "head_matte.h"

#include "stages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { GMM_K = 5, KMEANS_ITERS = 6, OUTER_ITERS = 3, FIELD_ITERS = 10, SEED_CALLER = 3 };

typedef struct Work {
    int w, h, f;   /* work size and the photo pixels per work pixel */
    float *rgb;    /* w * h * 3, 0..1 */
    float *feat;   /* w * h * 3: what the colour models see (see work_features) */
} Work;

typedef struct Gmm {
    int k;
    float pi[GMM_K], mu[GMM_K][3], icov[GMM_K][9], lognorm[GMM_K];
} Gmm;

/* The colour models see chromaticity at full weight and brightness at a third: a head
 * is lit from one side, and its shaded side is darker skin, not background. */
static void work_features(Work *wk)
{
    size_t n = (size_t)wk->w * (size_t)wk->h;
    for (size_t i = 0; i < n; i++) {
        const float *c = wk->rgb + i * 3;
        float sum = c[0] + c[1] + c[2] + 0.03f;
        wk->feat[i * 3] = sum * (1.0f / 9.0f);
        wk->feat[i * 3 + 1] = 1.5f * c[0] / sum;
        wk->feat[i * 3 + 2] = 1.5f * c[2] / sum;
    }
}

static float dist2_3(const float *a, const float *b)
{
    float d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];
    return d0 * d0 + d1 * d1 + d2 * d2;
}

/* Inverts a symmetric 3x3 (regularised so it always is invertible); returns log det. */
static float inv3(const double c[9], float out[9])
{
    double a = c[0], b = c[1], cc = c[2], e = c[4], f = c[5], i = c[8];
    double A = e * i - f * f, B = -(b * i - cc * f), C = b * f - cc * e;
    double det = a * A + b * B + cc * C;
    if (det < 1e-18)
        det = 1e-18;
    out[0] = (float)(A / det);
    out[1] = out[3] = (float)(B / det);
    out[2] = out[6] = (float)(C / det);
    out[4] = (float)((a * i - cc * cc) / det);
    out[5] = out[7] = (float)(-(a * f - cc * b) / det);
    out[8] = (float)((a * e - b * b) / det);
    return (float)log(det);
}

/* Hard-assignment mixture fit (k-means, then each cluster's mean and covariance), as
 * GrabCut does; samples are the work pixels whose label equals `want`. Deterministic:
 * the first centres are evenly spaced samples. False when there are too few samples. */
static bool gmm_fit(const Work *wk, const uint8_t *label, uint8_t want, uint8_t *assign, Gmm *g)
{
    size_t n = (size_t)wk->w * (size_t)wk->h, m = 0;
    for (size_t i = 0; i < n; i++)
        m += label[i] == want;
    if (m < GMM_K * 4)
        return false;
    g->k = GMM_K;
    for (size_t i = 0, j = 0, next = 0; i < n && j < GMM_K; i++)
        if (label[i] == want && next-- == 0) {
            memcpy(g->mu[j++], wk->feat + i * 3, sizeof g->mu[0]);
            next = m / GMM_K - 1;
        }
    double s[GMM_K][3], ss[GMM_K][9], cnt[GMM_K];
    for (int it = 0; it <= KMEANS_ITERS; it++) {
        memset(s, 0, sizeof s);
        memset(ss, 0, sizeof ss);
        memset(cnt, 0, sizeof cnt);
        for (size_t i = 0; i < n; i++) {
            if (label[i] != want)
                continue;
            const float *x = wk->feat + i * 3;
            int best = 0;
            for (int k = 1; k < GMM_K; k++)
                if (dist2_3(x, g->mu[k]) < dist2_3(x, g->mu[best]))
                    best = k;
            assign[i] = (uint8_t)best;
            cnt[best] += 1.0;
            for (int a = 0; a < 3; a++) {
                s[best][a] += x[a];
                for (int b = 0; b < 3; b++)
                    ss[best][a * 3 + b] += (double)x[a] * x[b];
            }
        }
        for (int k = 0; k < GMM_K; k++)
            if (cnt[k] > 0)
                for (int a = 0; a < 3; a++)
                    g->mu[k][a] = (float)(s[k][a] / cnt[k]);
    }
    for (int k = 0; k < GMM_K; k++) {
        double cov[9];
        for (int a = 0; a < 9; a++) {
            double ma = cnt[k] > 0 ? s[k][a / 3] / cnt[k] : 0, mb = cnt[k] > 0 ? s[k][a % 3] / cnt[k] : 0;
            cov[a] = (cnt[k] > 0 ? ss[k][a] / cnt[k] - ma * mb : 0) + (a % 4 == 0 ? 4e-4 : 0.0);
        }
        g->pi[k] = (float)((cnt[k] + 1e-3) / ((double)m + 1e-3 * GMM_K));
        g->lognorm[k] = logf(g->pi[k]) - 0.5f * inv3(cov, g->icov[k]);
    }
    return true;
}

static float gmm_loglik(const Gmm *g, const float *x)
{
    float best = -1e30f, terms[GMM_K];
    for (int k = 0; k < g->k; k++) {
        float d[3] = {x[0] - g->mu[k][0], x[1] - g->mu[k][1], x[2] - g->mu[k][2]};
        const float *ic = g->icov[k];
        float q = d[0] * (ic[0] * d[0] + ic[1] * d[1] + ic[2] * d[2]) +
                  d[1] * (ic[3] * d[0] + ic[4] * d[1] + ic[5] * d[2]) +
                  d[2] * (ic[6] * d[0] + ic[7] * d[1] + ic[8] * d[2]);
        terms[k] = g->lognorm[k] - 0.5f * q;
        if (terms[k] > best)
            best = terms[k];
    }
    float sum = 0.0f;
    for (int k = 0; k < g->k; k++)
        sum += expf(terms[k] - best);
    return best + logf(sum);
}

/* Labels 1 = head seed (the middle of the photo), SEED_CALLER = the caller's points (head
 * too, and their parts of the head are kept, see mask_keep_seeded), 2 = background seed (a
 * band along the border; at the bottom only its outer thirds, where a neck and shoulders
 * usually leave the frame), 0 = unknown. */
static void seeds_init(const Work *wk, const float *seeds_xy, int seed_count, uint8_t *label)
{
    int band = wk->w < wk->h ? wk->w / 25 : wk->h / 25;
    if (band < 2)
        band = 2;
    for (int y = 0; y < wk->h; y++)
        for (int x = 0; x < wk->w; x++) {
            float ex = (x + 0.5f - 0.5f * wk->w) / (0.21f * wk->w);
            float ey = (y + 0.5f - 0.44f * wk->h) / (0.23f * wk->h);
            uint8_t l = ex * ex + ey * ey <= 1.0f;
            bool side = x < band || x >= wk->w - band || y < band;
            bool bottom = y >= wk->h - band && (x < wk->w / 3 || x >= wk->w - wk->w / 3);
            if (side || bottom)
                l = 2;
            label[(size_t)y * wk->w + x] = l;
        }
    for (int i = 0; i < seed_count; i++) {
        int sx = (int)(seeds_xy[2 * i] / (float)wk->f), sy = (int)(seeds_xy[2 * i + 1] / (float)wk->f);
        for (int y = sy - 2; y <= sy + 2; y++)
            for (int x = sx - 2; x <= sx + 2; x++)
                if (x >= 0 && y >= 0 && x < wk->w && y < wk->h)
                    label[(size_t)y * wk->w + x] = SEED_CALLER;
    }
}

static float sigmoid(float v) { return 1.0f / (1.0f + expf(-v)); }

static const int NB_DX[8] = {1, 0, 1, -1, -1, 0, -1, 1}, NB_DY[8] = {0, 1, 1, 1, 0, -1, -1, -1};

/* GrabCut's contrast scale: 1 / (2 * the mean squared colour step between neighbours). */
static float field_beta(const Work *wk)
{
    double sum = 0.0;
    size_t cnt = 0;
    for (int y = 0; y + 1 < wk->h; y++)
        for (int x = 0; x + 1 < wk->w; x++, cnt += 2) {
            const float *c = wk->rgb + ((size_t)y * wk->w + x) * 3;
            sum += dist2_3(c, c + 3) + dist2_3(c, c + (size_t)wk->w * 3);
        }
    return 1.0f / (float)(2.0 * (cnt ? sum / (double)cnt : 1.0) + 1e-6);
}

/* Rows [y0, y1) of the pairwise weights of GrabCut's contrast-sensitive term, per pixel
 * and neighbour (8 per pixel; 0 off the image): strong where colours agree, weak across
 * an edge. They depend on the photo only, so they are computed once. */
static void field_weights_rows(const Work *wk, float beta, float *wgt, int y0, int y1)
{
    const float lambda = 1.4f;
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < wk->w; x++) {
            size_t i = (size_t)y * wk->w + x;
            for (int k = 0; k < 8; k++) {
                int nx = x + NB_DX[k], ny = y + NB_DY[k];
                float v = 0.0f;
                if (nx >= 0 && ny >= 0 && nx < wk->w && ny < wk->h) {
                    size_t j = (size_t)ny * wk->w + nx;
                    v = (NB_DX[k] && NB_DY[k] ? 0.7071f : 1.0f) * lambda *
                        expf(-beta * dist2_3(wk->rgb + i * 3, wk->rgb + j * 3));
                }
                wgt[i * 8 + k] = v;
            }
        }
}

/* Rows [y0, y1) of one Jacobi update of the mean-field smoothing of the per-pixel
 * log-odds d: each pixel leans toward its 8 neighbours by the pairwise weights (q the
 * current beliefs, into tmp). */
static void field_smooth_rows(const Work *wk, const float *wgt, const float *d, const float *q, float *tmp, int y0,
                              int y1)
{
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < wk->w; x++) {
            size_t i = (size_t)y * wk->w + x;
            float acc = d[i];
            for (int k = 0; k < 8; k++)
                if (wgt[i * 8 + k] > 0.0f)
                    acc += wgt[i * 8 + k] * (2.0f * q[(size_t)(y + NB_DY[k]) * wk->w + (size_t)(x + NB_DX[k])] - 1.0f);
            tmp[i] = sigmoid(acc);
        }
}

/* Flood fill from pixel `start` over pixels whose mask equals `val`, writing `mark` into
 * comp and the pixels reached into list (w*h entries; stack the same); returns how many.
 * *border tells whether the part touches the image border. */
static size_t flood(const Work *wk, const uint8_t *mask, uint8_t val, size_t start, int *comp, int mark,
                    int *stack, int *list, bool *border)
{
    size_t top = 0, size = 0;
    stack[top++] = (int)start;
    comp[start] = mark;
    *border = false;
    while (top) {
        int i = stack[--top], x = i % wk->w, y = i / wk->w;
        list[size++] = i;
        const int nb[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int k = 0; k < 4; k++) {
            int nx = x + nb[k][0], ny = y + nb[k][1];
            if (nx < 0 || ny < 0 || nx >= wk->w || ny >= wk->h) {
                *border = true;
                continue;
            }
            size_t j = (size_t)ny * wk->w + nx;
            if (mask[j] == val && comp[j] == 0) {
                comp[j] = mark;
                stack[top++] = (int)j;
            }
        }
    }
    return size;
}

/* Keeps the connected part of mask (1 = head) that covers most of the middle's head seeds,
 * and every part holding one of the caller's points (a face cut off from the scalp by hair
 * is head too), and fills their holes: a head-coloured patch elsewhere in the picture is
 * not the head. Returns the kept area. */
static size_t mask_keep_seeded(const Work *wk, const uint8_t *seed, uint8_t *mask, int *comp, int *stack,
                               int *list)
{
    size_t n = (size_t)wk->w * (size_t)wk->h;
    memset(comp, 0, n * sizeof *comp);
    int marks = 0, best = 0;
    size_t best_hits = 0;
    bool border;
    for (size_t i = 0; i < n; i++) {
        if (mask[i] != 1 || comp[i])
            continue;
        size_t cnt = flood(wk, mask, 1, i, comp, ++marks, stack, list, &border), hits = 0, caller = 0;
        for (size_t j = 0; j < cnt; j++) {
            hits += seed[list[j]] == 1;
            caller += seed[list[j]] == SEED_CALLER;
        }
        if (hits > best_hits) {
            best_hits = hits;
            best = marks;
        }
        for (size_t j = 0; j < cnt && caller; j++)
            mask[list[j]] = SEED_CALLER; /* flooded already (comp is set): only marks it kept */
    }
    for (size_t i = 0; i < n; i++)
        mask[i] = (best && comp[i] == best) || mask[i] == SEED_CALLER;
    memset(comp, 0, n * sizeof *comp); /* holes: background parts that miss the border */
    size_t area = 0;
    for (size_t i = 0; i < n; i++) {
        if (mask[i] == 0 && !comp[i]) {
            size_t cnt = flood(wk, mask, 0, i, comp, 1, stack, list, &border);
            for (size_t j = 0; j < cnt && !border; j++)
                mask[list[j]] = 2; /* 2 until the scan is done, so it is not re-flooded */
        }
    }
    for (size_t i = 0; i < n; i++) {
        mask[i] = mask[i] != 0;
        area += mask[i];
    }
    return area;
}

/* Rows [y0, y1) of the mean colours of the head and the background pixels in each work
 * pixel's 5x5 neighbourhood (fb: 6 floats per work pixel; -1 where either side is absent). */
static void edge_colours_rows(const Work *wk, const uint8_t *mask, float *fb, int y0, int y1)
{
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < wk->w; x++) {
            float s[2][3] = {{0}}, c[2] = {0, 0};
            for (int j = y - 2; j <= y + 2; j++)
                for (int i = x - 2; i <= x + 2; i++) {
                    if (i < 0 || j < 0 || i >= wk->w || j >= wk->h)
                        continue;
                    size_t k = (size_t)j * wk->w + i;
                    int side = mask[k] ? 0 : 1;
                    for (int ch = 0; ch < 3; ch++)
                        s[side][ch] += wk->rgb[k * 3 + ch];
                    c[side] += 1.0f;
                }
            float *o = fb + ((size_t)y * wk->w + x) * 6;
            for (int ch = 0; ch < 6; ch++)
                o[ch] = (c[0] > 0 && c[1] > 0) ? s[ch / 3][ch % 3] / c[ch / 3] : -1.0f;
        }
}

/* Rows [y0, y1) of the full-size alpha: the work mask upsampled bilinearly; where that
 * is mixed (the edge band) each pixel's colour is projected on the line from the local
 * background colour to the local head colour, so the edge lands on the photo's own edge,
 * not the blocky work grid. */
static void matte_upsample_rows(const SmpImage *photo, const Work *wk, const uint8_t *mask, const float *fb,
                                uint8_t *alpha, int y0_photo, int y1_photo)
{
    float inv = 1.0f / (float)wk->f;
    for (int y = y0_photo; y < y1_photo; y++) {
        float gy = ((float)y + 0.5f) * inv - 0.5f;
        int y0 = gy < 0 ? 0 : (int)gy, y1 = y0 + 1 < wk->h ? y0 + 1 : y0;
        float ty = gy < 0 ? 0 : gy - (float)y0;
        for (int x = 0; x < photo->width; x++) {
            float gx = ((float)x + 0.5f) * inv - 0.5f;
            int x0 = gx < 0 ? 0 : (int)gx, x1 = x0 + 1 < wk->w ? x0 + 1 : x0;
            float tx = gx < 0 ? 0 : gx - (float)x0;
            float top = mask[(size_t)y0 * wk->w + x0] * (1 - tx) + mask[(size_t)y0 * wk->w + x1] * tx;
            float bot = mask[(size_t)y1 * wk->w + x0] * (1 - tx) + mask[(size_t)y1 * wk->w + x1] * tx;
            float a = top * (1 - ty) + bot * ty;
            if (a > 0.0f && a < 1.0f) {
                const float *e = fb + ((size_t)(y / wk->f) * wk->w + (size_t)(x / wk->f)) * 6;
                const uint8_t *p = image_pixel(photo, x, y);
                float fmb[3] = {e[0] - e[3], e[1] - e[4], e[2] - e[5]};
                float l2 = fmb[0] * fmb[0] + fmb[1] * fmb[1] + fmb[2] * fmb[2];
                if (e[0] >= 0.0f && l2 > 0.004f) {
                    float proj = 0.0f;
                    for (int ch = 0; ch < 3; ch++)
                        proj += ((float)p[ch] / 255.0f - e[3 + ch]) * fmb[ch];
                    a = proj / l2;
                } else {
                    a = (a - 0.3f) / 0.4f;
                }
                a = a < 0.0f ? 0.0f : a > 1.0f ? 1.0f : a;
            }
            alpha[(size_t)y * photo->width + x] = (uint8_t)(a * 255.0f + 0.5f);
        }
    }
}

/* Everything between the steps: the work image and buffers, the models, the matte. The
 * seeds live in `bytes` (seed, label, mask: n each); buf holds d, q, tmp (n each), then
 * the weights (8n) and, once the rounds are done, the edge colours (6n, over d, q, tmp). */
struct HeadMatteSteps {
    const SmpImage *photo;
    Work wk;
    size_t n;
    float *count; /* photo pixels summed into each work pixel */
    uint8_t *bytes, *seed, *label, *mask;
    float *buf, *wgt, beta;
    int *ibuf;
    Gmm fg, bg;
    bool fitted; /* every round so far found both mixtures */
    size_t area;
    Stages st;
    SmpMatte out;
};

/* The stages in order: GrabCut's rounds take ROUND_STAGES each. */
enum { S_DOWN, S_PREP, S_WEIGHTS, S_ROUNDS };
enum { R_FIT, R_SCORE, R_SMOOTH, R_KEEP, ROUND_STAGES };
enum { S_EDGE = S_ROUNDS + OUTER_ITERS * ROUND_STAGES, S_UPSAMPLE, S_COUNT };

/* A head that fills almost nothing or almost everything is not a head we found. */
static bool head_trusted(const HeadMatteSteps *s)
{
    return s->fitted && s->area >= s->n / 50 && s->area <= s->n * 92 / 100;
}

/* Rows [y0, y1) of the photo box-averaged into the work image (sums until S_PREP). */
static void down_rows(HeadMatteSteps *s, int y0, int y1)
{
    Work *wk = &s->wk;
    for (int y = y0; y < y1; y++) {
        const uint8_t *row = image_pixel(s->photo, 0, y);
        float *dst = wk->rgb + (size_t)(y / wk->f) * (size_t)wk->w * 3;
        float *cnt = s->count + (size_t)(y / wk->f) * (size_t)wk->w;
        for (int x = 0; x < s->photo->width; x++) {
            int wx = x / wk->f;
            dst[wx * 3] += row[x * 4];
            dst[wx * 3 + 1] += row[x * 4 + 1];
            dst[wx * 3 + 2] += row[x * 4 + 2];
            cnt[wx] += 1.0f;
        }
    }
}

/* The sums into means, the colour features, the first labels and the contrast scale. */
static void prep(HeadMatteSteps *s)
{
    for (size_t i = 0; i < s->n; i++)
        for (int c = 0; c < 3; c++)
            s->wk.rgb[i * 3 + c] /= 255.0f * s->count[i];
    for (size_t i = 0; i < s->n; i++)
        s->label[i] = s->seed[i] == SEED_CALLER ? 1 : s->seed[i];
    s->beta = field_beta(&s->wk);
    work_features(&s->wk);
}

/* Rows [y0, y1) of the log-odds of head against background, clamped. */
static void score_rows(HeadMatteSteps *s, int y0, int y1)
{
    const float *feat = s->wk.feat;
    for (size_t i = (size_t)y0 * s->wk.w; i < (size_t)y1 * s->wk.w; i++) {
        float v = gmm_loglik(&s->fg, feat + i * 3) - gmm_loglik(&s->bg, feat + i * 3);
        s->buf[i] = v < -12.0f ? -12.0f : v > 12.0f ? 12.0f : v;
    }
}

/* The end of a round: the smoothed beliefs as a mask, the seeded part kept, relabelled.
 * What colour calls background trains the background model; a head-coloured patch cut
 * off only by connectivity trains neither, or the head itself would turn ambiguous. */
static void keep(HeadMatteSteps *s)
{
    size_t n = s->n;
    const float *q = s->buf + n;
    for (size_t i = 0; i < n; i++)
        s->mask[i] = q[i] > 0.5f;
    s->area = mask_keep_seeded(&s->wk, s->seed, s->mask, s->ibuf, s->ibuf + n, s->ibuf + 2 * n);
    for (size_t i = 0; i < n; i++)
        s->label[i] = s->mask[i] ? 1 : q[i] < 0.5f ? 2 : 0;
}

/* Work units a line, roughly in proportion to the time (see stages.h). */
static StageSize head_size(const void *ctx, int stage, int pass)
{
    (void)pass;
    const HeadMatteSteps *s = ctx;
    int64_t pw = s->photo->width, w = s->wk.w, n = (int64_t)s->n;
    int ph = s->photo->height, h = s->wk.h;
    if (stage == S_DOWN)
        return (StageSize){1, ph, pw * 3};
    if (stage == S_PREP)
        return (StageSize){1, 1, n * 40};
    if (stage == S_WEIGHTS)
        return (StageSize){1, h, w * 180};
    if (stage == S_EDGE)
        return (StageSize){1, head_trusted(s) ? h : 0, w * 160};
    if (stage == S_UPSAMPLE) /* the matte's first touch: its pages too */
        return (StageSize){1, ph, pw * (head_trusted(s) ? 12 : 3)};
    int rows = s->fitted ? h : 0; /* a round after a failed fit: skipped */
    switch ((stage - S_ROUNDS) % ROUND_STAGES) {
    case R_FIT: return (StageSize){2, s->fitted, n * 80}; /* the head's mixture, then the background's */
    case R_SCORE: return (StageSize){1, rows, w * 140};
    case R_SMOOTH: return (StageSize){FIELD_ITERS, rows, w * 22};
    default: return (StageSize){1, s->fitted, n * 40};
    }
}

static void head_run(void *ctx, int stage, int pass, int a, int b)
{
    HeadMatteSteps *s = ctx;
    float *d = s->buf, *q = s->buf + s->n, *tmp = s->buf + 2 * s->n;
    if (stage == S_DOWN)
        down_rows(s, a, b);
    else if (stage == S_PREP)
        prep(s);
    else if (stage == S_WEIGHTS)
        field_weights_rows(&s->wk, s->beta, s->wgt, a, b);
    else if (stage == S_EDGE)
        edge_colours_rows(&s->wk, s->mask, s->buf, a, b);
    else if (stage == S_UPSAMPLE && head_trusted(s))
        matte_upsample_rows(s->photo, &s->wk, s->mask, s->buf, s->out.alpha, a, b);
    else if (stage == S_UPSAMPLE) /* the fallback: all head */
        memset(s->out.alpha + (size_t)a * s->photo->width, 255, (size_t)(b - a) * s->photo->width);
    else if (stage >= S_ROUNDS) {
        switch ((stage - S_ROUNDS) % ROUND_STAGES) {
        case R_FIT: /* the mask is the fit's scratch until the round's end */
            s->fitted = pass == 0 ? gmm_fit(&s->wk, s->label, 1, s->mask, &s->fg)
                                  : gmm_fit(&s->wk, s->label, 2, s->mask, &s->bg);
            break;
        case R_SCORE: score_rows(s, a, b); break;
        case R_SMOOTH: field_smooth_rows(&s->wk, s->wgt, d, q, tmp, a, b); break;
        case R_KEEP: keep(s); break;
        }
    }
}

/* After a pass's lines: the beliefs before the first smoothing pass and after each. */
static bool head_end(void *ctx, int stage, int pass)
{
    (void)pass;
    HeadMatteSteps *s = ctx;
    float *d = s->buf, *q = s->buf + s->n, *tmp = s->buf + 2 * s->n;
    if (stage < S_ROUNDS || stage >= S_EDGE || !s->fitted)
        return true;
    int kind = (stage - S_ROUNDS) % ROUND_STAGES;
    if (kind == R_SCORE)
        for (size_t i = 0; i < s->n; i++)
            q[i] = sigmoid(d[i]);
    else if (kind == R_SMOOTH)
        memcpy(q, tmp, s->n * sizeof *q);
    return true;
}

static const StageFns HEAD_STAGES = {head_size, head_run, head_end};

/* The work size and its buffers; the seeds marked. False: out of memory. */
static bool steps_alloc(HeadMatteSteps *s, const float *seeds_xy, int seed_count)
{
    const SmpImage *photo = s->photo;
    Work *wk = &s->wk;
    int longest = photo->width > photo->height ? photo->width : photo->height;
    wk->f = (longest + HEAD_MATTE_WORK - 1) / HEAD_MATTE_WORK;
    wk->w = (photo->width + wk->f - 1) / wk->f;
    wk->h = (photo->height + wk->f - 1) / wk->f;
    size_t n = s->n = (size_t)wk->w * (size_t)wk->h;
    wk->rgb = calloc(n * 3, sizeof *wk->rgb);
    wk->feat = malloc(n * 3 * sizeof *wk->feat);
    s->count = calloc(n, sizeof *s->count);
    s->bytes = malloc(n * 3);
    s->buf = malloc(n * 14 * sizeof *s->buf);
    s->ibuf = malloc(n * 3 * sizeof *s->ibuf);
    s->out.alpha = malloc((size_t)photo->width * (size_t)photo->height);
    if (!wk->rgb || !wk->feat || !s->count || !s->bytes || !s->buf || !s->ibuf || !s->out.alpha)
        return false;
    s->seed = s->bytes, s->label = s->bytes + n, s->mask = s->bytes + 2 * n;
    s->wgt = s->buf + 6 * n;
    seeds_init(wk, seeds_xy, seed_count, s->seed);
    return true;
}

HeadMatteSteps *head_matte_steps_begin(const SmpImage *photo, const float *seeds_xy, int seed_count)
{
    HeadMatteSteps *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->photo = photo;
    s->out.width = photo->width;
    s->out.height = photo->height;
    s->fitted = true;
    s->st = (Stages){.fns = &HEAD_STAGES, .ctx = s, .count = S_COUNT};
    s->st.failed = !steps_alloc(s, seeds_xy, seed_count);
    return s;
}

bool head_matte_steps_next(HeadMatteSteps *s, int64_t budget, int64_t *work)
{
    return stages_next(&s->st, budget, work);
}

bool head_matte_steps_end(HeadMatteSteps *s, SmpMatte *out, SmpError *err)
{
    bool ok = s && stages_done(&s->st);
    memset(out, 0, sizeof *out);
    if (s) {
        s->out.uncertain = !head_trusted(s);
        if (ok)
            *out = s->out;
        else
            matte_free(&s->out);
        free(s->wk.rgb), free(s->wk.feat), free(s->count), free(s->bytes), free(s->buf), free(s->ibuf);
        free(s);
    }
    return ok || smp_fail(err, "out of memory computing the head matte");
}

bool head_matte_compute(const SmpImage *photo, const float *seeds_xy, int seed_count, SmpMatte *out, SmpError *err)
{
    HeadMatteSteps *s = head_matte_steps_begin(photo, seeds_xy, seed_count);
    while (s && head_matte_steps_next(s, INT64_MAX, NULL))
        ;
    return head_matte_steps_end(s, out, err);
}
