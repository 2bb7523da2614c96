/* match.c - samples a disc of the photo for "Match": mean L*, b* and speckle
 * of the client's real stubble (match.h). */
#include "match.h"

#include "pigment.h"

#include <math.h>
#include <stdlib.h>

/* Separable Gaussian blur of a w x h float plane into out (edges clamped). */
static void blur_plane(const float *in, float *tmp, float *out, int w, int h, double sigma)
{
    int r = (int)ceil(3 * sigma);
    double k[64], sum = 0;
    for (int i = -r; i <= r; i++)
        sum += k[i + r] = exp(-0.5 * i * i / (sigma * sigma));
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double a = 0;
            for (int i = -r; i <= r; i++)
                a += k[i + r] * in[y * w + (x + i < 0 ? 0 : x + i >= w ? w - 1 : x + i)];
            tmp[y * w + x] = (float)(a / sum);
        }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double a = 0;
            for (int i = -r; i <= r; i++)
                a += k[i + r] * tmp[(y + i < 0 ? 0 : y + i >= h ? h - 1 : y + i) * w + x];
            out[y * w + x] = (float)(a / sum);
        }
}

static bool on_head(const SmpMattes *m, int x, int y)
{
    return !m || matte_at(&m->head, (float)x, (float)y) >= 0.5f;
}

PhotoBox match_disc_box(MatchDisc d, int w, int h)
{
    int pad = (int)ceil(3 * MATCH_SPECKLE_SIGMA_PX); /* the blur sees beyond the disc's edge */
    int x0 = (int)floor(d.x - d.r) - pad, y0 = (int)floor(d.y - d.r) - pad;
    int x1 = (int)ceil(d.x + d.r) + pad + 1, y1 = (int)ceil(d.y + d.r) + pad + 1;
    return (PhotoBox){x0 < 0 ? 0 : x0, y0 < 0 ? 0 : y0, x1 > w ? w : x1, y1 > h ? h : y1};
}

static bool in_disc(MatchDisc d, int x, int y)
{
    double dx = x + 0.5 - d.x, dy = y + 0.5 - d.y;
    return dx * dx + dy * dy <= d.r * d.r;
}

/* L* of box b (photo pixels) from the window at (ox, oy), and the mean b* of the
 * disc's head pixels. */
static double lightness_of(const SmpImage *win, int ox, int oy, const SmpMattes *m, MatchDisc d, PhotoBox b,
                           float *l)
{
    int w = b.x1 - b.x0;
    double bsum = 0, lin[256]; /* a table: pow per pixel was most of a 12 MP match's time */
    for (int i = 0; i < 256; i++)
        lin[i] = pigment_srgb_to_linear((unsigned char)i);
    for (int y = b.y0; y < b.y1; y++)
        for (int x = b.x0; x < b.x1; x++) {
            double lv, bv;
            const uint8_t *p = image_pixel(win, x - ox, y - oy);
            pigment_linear_to_lb(lin[p[0]], lin[p[1]], lin[p[2]], &lv, &bv);
            l[(y - b.y0) * w + (x - b.x0)] = (float)lv;
            if (in_disc(d, x, y) && on_head(m, x, y))
                bsum += bv;
        }
    return bsum;
}

bool match_sample_window(const SmpImage *win, int ox, int oy, const SmpMattes *mattes, MatchDisc d,
                         MatchSample *out, SmpError *err)
{
    *out = (MatchSample){0};
    /* the whole photo's box, so a window and the photo read the same pixels */
    PhotoBox b = match_disc_box(d, ox + win->width, oy + win->height);
    b.x0 = b.x0 < ox ? ox : b.x0, b.y0 = b.y0 < oy ? oy : b.y0;
    if (b.x1 <= b.x0 || b.y1 <= b.y0 || d.r <= 0)
        return true;
    int w = b.x1 - b.x0, h = b.y1 - b.y0;
    float *l = calloc((size_t)w * (size_t)h * 3, sizeof(float)); /* zeroed: -O1 cannot see every cell written */
    if (!l)
        return smp_fail(err, "out of memory sampling a %dx%d patch to match", w, h);
    float *tmp = l + (size_t)w * h, *blur = tmp + (size_t)w * h;
    double bsum = lightness_of(win, ox, oy, mattes, d, b, l);
    blur_plane(l, tmp, blur, w, h, MATCH_SPECKLE_SIGMA_PX);
    double n = 0, lsum = 0, dsum = 0, dsq = 0, tsum = 0, tsq = 0;
    for (int y = b.y0; y < b.y1; y++)
        for (int x = b.x0; x < b.x1; x++) {
            if (!in_disc(d, x, y) || !on_head(mattes, x, y))
                continue;
            size_t i = (size_t)(y - b.y0) * w + (x - b.x0);
            double r = l[i] - blur[i];
            n++, lsum += l[i], dsum += r, dsq += r * r, tsum += blur[i], tsq += (double)blur[i] * blur[i];
        }
    free(l);
    if (n > 0) {
        double mean_d = dsum / n, var = dsq / n - mean_d * mean_d, mean_t = tsum / n;
        double tvar = tsq / n - mean_t * mean_t;
        *out = (MatchSample){lsum / n, bsum / n, sqrt(var > 0 ? var : 0), sqrt(tvar > 0 ? tvar : 0), (int)n};
    }
    return true;
}

bool match_sample_disc(const SmpImage *photo, const SmpMattes *mattes, double cx, double cy, double radius_px,
                       MatchSample *out, SmpError *err)
{
    return match_sample_window(photo, 0, 0, mattes, (MatchDisc){cx, cy, radius_px}, out, err);
}
