/* head_matte.c - separates the head's skin from background, clothes and objects: colour
 * mixtures + contrast-sensitive smoothing at a reduced size, a colour-line alpha along
 * the edge at full size (see head_matte.h for the contract). */
#include "head_matte.h"

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

/* Box-averages the photo down by an integer factor so the long side fits the work size. */
static bool work_from_photo(const SmpImage *photo, Work *wk)
{
    int longest = photo->width > photo->height ? photo->width : photo->height;
    wk->f = (longest + HEAD_MATTE_WORK - 1) / HEAD_MATTE_WORK;
    wk->w = (photo->width + wk->f - 1) / wk->f;
    wk->h = (photo->height + wk->f - 1) / wk->f;
    wk->rgb = calloc((size_t)wk->w * (size_t)wk->h * 3, sizeof *wk->rgb);
    float *count = calloc((size_t)wk->w * (size_t)wk->h, sizeof *count);
    if (!wk->rgb || !count) {
        free(count);
        return false;
    }
    for (int y = 0; y < photo->height; y++) {
        const uint8_t *row = image_pixel(photo, 0, y);
        float *dst = wk->rgb + (size_t)(y / wk->f) * (size_t)wk->w * 3;
        float *cnt = count + (size_t)(y / wk->f) * (size_t)wk->w;
        for (int x = 0; x < photo->width; x++) {
            int wx = x / wk->f;
            dst[wx * 3] += row[x * 4];
            dst[wx * 3 + 1] += row[x * 4 + 1];
            dst[wx * 3 + 2] += row[x * 4 + 2];
            cnt[wx] += 1.0f;
        }
    }
    for (size_t i = 0; i < (size_t)wk->w * (size_t)wk->h; i++)
        for (int c = 0; c < 3; c++)
            wk->rgb[i * 3 + c] /= 255.0f * count[i];
    free(count);
    return true;
}

/* The colour models see chromaticity at full weight and brightness at a third: a head
 * is lit from one side, and its shaded side is darker skin, not background. */
static bool work_features(Work *wk)
{
    size_t n = (size_t)wk->w * (size_t)wk->h;
    wk->feat = malloc(n * 3 * sizeof *wk->feat);
    if (!wk->feat)
        return false;
    for (size_t i = 0; i < n; i++) {
        const float *c = wk->rgb + i * 3;
        float sum = c[0] + c[1] + c[2] + 0.03f;
        wk->feat[i * 3] = sum * (1.0f / 9.0f);
        wk->feat[i * 3 + 1] = 1.5f * c[0] / sum;
        wk->feat[i * 3 + 2] = 1.5f * c[2] / sum;
    }
    return true;
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

/* The pairwise weights of GrabCut's contrast-sensitive term, per pixel and neighbour
 * (8 per pixel; 0 off the image): strong where colours agree, weak across an edge.
 * They depend on the photo only, so they are computed once. */
static void field_weights(const Work *wk, float *wgt)
{
    double sum = 0.0;
    size_t cnt = 0;
    for (int y = 0; y + 1 < wk->h; y++)
        for (int x = 0; x + 1 < wk->w; x++, cnt += 2) {
            const float *c = wk->rgb + ((size_t)y * wk->w + x) * 3;
            sum += dist2_3(c, c + 3) + dist2_3(c, c + (size_t)wk->w * 3);
        }
    float beta = 1.0f / (float)(2.0 * (cnt ? sum / (double)cnt : 1.0) + 1e-6);
    const float lambda = 1.4f;
    for (int y = 0; y < wk->h; y++)
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

/* Mean-field smoothing of the per-pixel log-odds d: each pixel leans toward its 8
 * neighbours by the pairwise weights. Jacobi updates: order-independent. */
static void field_smooth(const Work *wk, const float *wgt, const float *d, float *q, float *tmp)
{
    size_t n = (size_t)wk->w * (size_t)wk->h;
    for (size_t i = 0; i < n; i++)
        q[i] = sigmoid(d[i]);
    for (int it = 0; it < FIELD_ITERS; it++) {
        for (int y = 0; y < wk->h; y++)
            for (int x = 0; x < wk->w; x++) {
                size_t i = (size_t)y * wk->w + x;
                float acc = d[i];
                for (int k = 0; k < 8; k++)
                    if (wgt[i * 8 + k] > 0.0f)
                        acc += wgt[i * 8 + k] * (2.0f * q[(size_t)(y + NB_DY[k]) * wk->w + (size_t)(x + NB_DX[k])] - 1.0f);
                tmp[i] = sigmoid(acc);
            }
        memcpy(q, tmp, n * sizeof *q);
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

/* Mean colours of the head and the background pixels in each work pixel's 5x5
 * neighbourhood (fb: 6 floats per work pixel; count 0 where either side is absent). */
static void edge_colours(const Work *wk, const uint8_t *mask, float *fb)
{
    for (int y = 0; y < wk->h; y++)
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

/* Full-size alpha: the work mask upsampled bilinearly; where that is mixed (the edge
 * band) each pixel's colour is projected on the line from the local background colour
 * to the local head colour, so the edge lands on the photo's own edge, not the blocky
 * work grid. */
static void matte_upsample(const SmpImage *photo, const Work *wk, const uint8_t *mask, const float *fb,
                           uint8_t *alpha)
{
    float inv = 1.0f / (float)wk->f;
    for (int y = 0; y < photo->height; y++) {
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

/* One GrabCut round: fit both mixtures to the labels, score every work pixel, smooth,
 * keep the seeded part, relabel. False when a mixture has too few samples. */
static bool grabcut_round(const Work *wk, const float *wgt, const uint8_t *seed, uint8_t *label, uint8_t *mask,
                          float *buf, int *ibuf, size_t *area)
{
    size_t n = (size_t)wk->w * (size_t)wk->h;
    float *d = buf, *q = buf + n, *tmp = buf + 2 * n;
    Gmm fg, bg;
    if (!gmm_fit(wk, label, 1, mask, &fg) || !gmm_fit(wk, label, 2, mask, &bg))
        return false;
    for (size_t i = 0; i < n; i++) {
        float v = gmm_loglik(&fg, wk->feat + i * 3) - gmm_loglik(&bg, wk->feat + i * 3);
        d[i] = v < -12.0f ? -12.0f : v > 12.0f ? 12.0f : v;
    }
    field_smooth(wk, wgt, d, q, tmp);
    for (size_t i = 0; i < n; i++)
        mask[i] = q[i] > 0.5f;
    *area = mask_keep_seeded(wk, seed, mask, ibuf, ibuf + n, ibuf + 2 * n);
    /* What colour calls background trains the background model; a head-coloured patch cut
     * off only by connectivity trains neither, or the head itself would turn ambiguous. */
    for (size_t i = 0; i < n; i++)
        label[i] = mask[i] ? 1 : q[i] < 0.5f ? 2 : 0;
    return true;
}

bool head_matte_compute(const SmpImage *photo, const float *seeds_xy, int seed_count,
                        SmpMatte *out, SmpError *err)
{
    memset(out, 0, sizeof *out);
    Work wk = {0};
    if (!work_from_photo(photo, &wk) || !work_features(&wk)) {
        free(wk.rgb), free(wk.feat);
        return smp_fail(err, "out of memory computing the head matte");
    }
    size_t n = (size_t)wk.w * (size_t)wk.h, full = (size_t)photo->width * (size_t)photo->height;
    uint8_t *bytes = malloc(n * 3);
    float *buf = malloc(n * 14 * sizeof *buf);
    int *ibuf = malloc(n * 3 * sizeof *ibuf);
    out->alpha = malloc(full);
    if (!bytes || !buf || !ibuf || !out->alpha) {
        free(bytes), free(buf), free(ibuf), free(wk.rgb), free(wk.feat);
        matte_free(out);
        return smp_fail(err, "out of memory computing the head matte");
    }
    out->width = photo->width;
    out->height = photo->height;
    uint8_t *seed = bytes, *label = bytes + n, *mask = bytes + 2 * n;
    seeds_init(&wk, seeds_xy, seed_count, seed);
    for (size_t i = 0; i < n; i++)
        label[i] = seed[i] == SEED_CALLER ? 1 : seed[i];
    size_t area = 0;
    bool ok = true;
    float *wgt = buf + 6 * n;
    field_weights(&wk, wgt);
    for (int it = 0; it < OUTER_ITERS && ok; it++)
        ok = grabcut_round(&wk, wgt, seed, label, mask, buf, ibuf, &area);
    /* A head that fills almost nothing or almost everything is not a head we found. */
    out->uncertain = !ok || area < n / 50 || area > n * 92 / 100;
    if (out->uncertain) {
        memset(out->alpha, 255, full);
    } else {
        edge_colours(&wk, mask, buf);
        matte_upsample(photo, &wk, mask, buf, out->alpha);
    }
    free(bytes), free(buf), free(ibuf), free(wk.rgb), free(wk.feat);
    return true;
}
