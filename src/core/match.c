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

bool match_sample_disc(const SmpImage *photo, const SmpMattes *mattes, double cx, double cy, double radius_px,
                       MatchSample *out, SmpError *err)
{
    *out = (MatchSample){0};
    int pad = (int)ceil(3 * MATCH_SPECKLE_SIGMA_PX); /* the blur sees beyond the disc's edge */
    int x0 = (int)floor(cx - radius_px) - pad, y0 = (int)floor(cy - radius_px) - pad;
    int x1 = (int)ceil(cx + radius_px) + pad, y1 = (int)ceil(cy + radius_px) + pad;
    x0 = x0 < 0 ? 0 : x0, y0 = y0 < 0 ? 0 : y0;
    x1 = x1 >= photo->width ? photo->width - 1 : x1, y1 = y1 >= photo->height ? photo->height - 1 : y1;
    if (x1 < x0 || y1 < y0 || radius_px <= 0)
        return true;
    int w = x1 - x0 + 1, h = y1 - y0 + 1;
    float *l = calloc((size_t)w * (size_t)h * 3, sizeof(float)); /* zeroed: -O1 cannot see every cell written */
    if (!l)
        return smp_fail(err, "out of memory sampling a %dx%d patch to match", w, h);
    float *tmp = l + (size_t)w * h, *blur = tmp + (size_t)w * h;
    double bsum = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double lv, bv;
            pigment_srgb_to_lb(image_pixel(photo, x0 + x, y0 + y), &lv, &bv);
            l[y * w + x] = (float)lv;
            double dx = x0 + x + 0.5 - cx, dy = y0 + y + 0.5 - cy;
            if (dx * dx + dy * dy <= radius_px * radius_px && on_head(mattes, x0 + x, y0 + y))
                bsum += bv;
        }
    blur_plane(l, tmp, blur, w, h, MATCH_SPECKLE_SIGMA_PX);
    double n = 0, lsum = 0, dsum = 0, dsq = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            double dx = x0 + x + 0.5 - cx, dy = y0 + y + 0.5 - cy;
            if (dx * dx + dy * dy > radius_px * radius_px || !on_head(mattes, x0 + x, y0 + y))
                continue;
            double d = l[y * w + x] - blur[y * w + x];
            n++, lsum += l[y * w + x], dsum += d, dsq += d * d;
        }
    free(l);
    if (n > 0) {
        double mean_d = dsum / n, var = dsq / n - mean_d * mean_d;
        *out = (MatchSample){lsum / n, bsum / n, sqrt(var > 0 ? var : 0), (int)n};
    }
    return true;
}
