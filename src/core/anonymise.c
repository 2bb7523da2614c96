/* anonymise.c - the eye band pixelated or the face cropped away (anonymise.h). */
#include "anonymise.h"

#include <math.h>
#include <string.h>

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

bool anonymise_parse(const char *name, Anonymise *out, SmpError *err)
{
    if (name && strcmp(name, "eyes") == 0)
        *out = ANONYMISE_EYES;
    else if (name && strcmp(name, "crop") == 0)
        *out = ANONYMISE_CROP;
    else
        return smp_fail(err, "--anonymise %s: expected eyes or crop", name ? name : "(none)");
    return true;
}

bool anonymise_region(const PlanLandmarks *m, Anonymise how, int w, int h, int box[4], SmpError *err)
{
    bool eyes = m->has_eye_left && m->has_eye_right;
    if (how == ANONYMISE_EYES && !eyes)
        return smp_fail(err, "--anonymise eyes needs both outer eye corners marked in the plan (Marks)");
    if (how == ANONYMISE_CROP && !eyes && !m->has_glabella)
        return smp_fail(err, "--anonymise crop needs the glabella or the eye corners marked in the plan (Marks)");
    double d = eyes ? hypot(m->eye_right.x - m->eye_left.x, m->eye_right.y - m->eye_left.y) : 0;
    double ey = eyes ? 0.5 * (m->eye_left.y + m->eye_right.y) : 0;
    if (how == ANONYMISE_EYES) {
        double lo = fmin(m->eye_left.x, m->eye_right.x), hi = fmax(m->eye_left.x, m->eye_right.x);
        box[0] = clampi((int)floor(lo - 0.3 * d), 0, w), box[2] = clampi((int)ceil(hi + 0.3 * d), 0, w);
        box[1] = clampi((int)floor(ey - 0.35 * d), 0, h), box[3] = clampi((int)ceil(ey + 0.3 * d), 0, h);
    } else {
        double brow = m->has_glabella ? m->glabella.y : ey - 0.25 * d;
        box[0] = 0, box[1] = 0, box[2] = w, box[3] = clampi((int)floor(brow), 0, h);
        if (box[3] < h / 10)
            return smp_fail(err, "--anonymise crop: the brow line is at the top of the photo, nothing would be left");
    }
    if (box[2] <= box[0] || box[3] <= box[1])
        return smp_fail(err, "--anonymise %s: the marks lie outside the photo", how == ANONYMISE_EYES ? "eyes" : "crop");
    return true;
}

/* Each block x block square of the box becomes its mean colour. */
static void pixelate(SmpImage *img, const int box[4], int block)
{
    for (int by = box[1]; by < box[3]; by += block)
        for (int bx = box[0]; bx < box[2]; bx += block) {
            int y1 = by + block < box[3] ? by + block : box[3], x1 = bx + block < box[2] ? bx + block : box[2];
            unsigned sum[3] = {0}, n = (unsigned)((y1 - by) * (x1 - bx));
            for (int y = by; y < y1; y++)
                for (int x = bx; x < x1; x++)
                    for (int c = 0; c < 3; c++)
                        sum[c] += image_pixel(img, x, y)[c];
            for (int y = by; y < y1; y++)
                for (int x = bx; x < x1; x++)
                    for (int c = 0; c < 3; c++)
                        image_pixel(img, x, y)[c] = (uint8_t)((sum[c] + n / 2) / n);
        }
}

bool anonymise_apply(SmpImage *img, Anonymise how, const int box[4], SmpError *err)
{
    if (how == ANONYMISE_EYES) {
        int block = (box[2] - box[0]) / 8; /* the band is ~1.6 eye distances wide: a fifth of one */
        pixelate(img, box, block > 4 ? block : 4);
        return true;
    }
    if (how != ANONYMISE_CROP)
        return true;
    SmpImage top;
    if (!image_alloc(img->width, box[3], &top, err))
        return false;
    memcpy(top.pixels, img->pixels, (size_t)img->width * box[3] * 4);
    image_free(img);
    *img = top;
    return true;
}
