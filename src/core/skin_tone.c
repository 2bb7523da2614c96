/* skin_tone.c - the skin's ITA from the photo, and the pigment warnings (skin_tone.h). */
#include "skin_tone.h"

#include "pigment.h"

#include <math.h>
#include <stdlib.h>

/* Light skin: ITA above this (light and very light classes). */
#define ITA_LIGHT 41.0
/* Light to intermediate: where a cool blend's blue shift shows. */
#define ITA_SHOWS_BLUE 28.0
/* Dark skin: ITA below this. */
#define ITA_DARK (-30.0)
#define SHADE_TOO_DARK 0.75 /* above: heals too dark on light skin */
#define WARMTH_COOL (-0.3)  /* below: a cool, ash-leaning blend */
#define SHADE_LIGHT 0.4     /* below: a diluted blend */
#define MAX_SAMPLES 65536
#define MIN_B_STAR 5.0 /* skin is yellower than this in any sensible white balance */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static bool is_skin(const SmpMattes *m, int x, int y)
{
    if (!m || !m->head.alpha || m->head.uncertain)
        return true;
    return matte_at(&m->head, (float)x, (float)y) >= 0.5f && (!m->hair.alpha || matte_at(&m->hair, (float)x, (float)y) < 0.5f);
}

void skin_tone_measure(const SmpImage *photo, const SmpMattes *mattes, SkinTone *out)
{
    *out = (SkinTone){0};
    size_t px = (size_t)photo->width * photo->height;
    int step = 1;
    while (px / ((size_t)step * step) > MAX_SAMPLES)
        step++;
    double *l = malloc(sizeof *l * MAX_SAMPLES * 2), *b = l ? l + MAX_SAMPLES : NULL;
    if (!l)
        return;
    int n = 0;
    for (int y = step / 2; y < photo->height && n < MAX_SAMPLES; y += step)
        for (int x = step / 2; x < photo->width && n < MAX_SAMPLES; x += step)
            if (is_skin(mattes, x, y)) {
                pigment_srgb_to_lb(image_pixel(photo, x, y), &l[n], &b[n]);
                n++;
            }
    if (n > 0) {
        qsort(l, (size_t)n, sizeof *l, cmp_double);
        qsort(b, (size_t)n, sizeof *b, cmp_double);
        out->l_star = l[n / 2], out->b_star = b[n / 2];
        /* a grey-balanced photo has b* near 0, where the angle swings wildly */
        double b_star = out->b_star > MIN_B_STAR ? out->b_star : MIN_B_STAR;
        out->ita_deg = atan2(out->l_star - 50, b_star) * 180 / 3.14159265358979;
        out->samples = n;
    }
    free(l);
}

const char *skin_tone_class(double ita)
{
    return ita > 55 ? "very light" : ita > 41 ? "light" : ita > 28 ? "intermediate" : ita > 10 ? "tan"
           : ita > -30                                                                       ? "brown"
                                                                                             : "dark";
}

/* The rules as bounds, so Match can search inside them (docs/pigment.md). */
double pigment_shade_max(const SkinTone *skin)
{
    return skin->samples && skin->ita_deg > ITA_LIGHT ? SHADE_TOO_DARK : 1.0;
}

double pigment_shade_min(const SkinTone *skin, double warmth)
{
    return skin->samples && skin->ita_deg < ITA_DARK && warmth < WARMTH_COOL ? SHADE_LIGHT : 0.0;
}

double pigment_warmth_min(const SkinTone *skin, double shade)
{
    if (!skin->samples)
        return -1.0;
    bool cool_risk = skin->ita_deg > ITA_SHOWS_BLUE || (skin->ita_deg < ITA_DARK && shade < SHADE_LIGHT);
    return cool_risk ? WARMTH_COOL : -1.0;
}

unsigned pigment_warnings(const SmpPlan *plan, const SkinTone *skin)
{
    if (!skin->samples)
        return 0;
    unsigned w = 0;
    double ita = skin->ita_deg, shade = plan->pigment.shade, warmth = plan->pigment.warmth;
    if (shade > pigment_shade_max(skin))
        w |= PIGMENT_WARN_TOO_DARK;
    if (ita > ITA_SHOWS_BLUE && warmth < WARMTH_COOL)
        w |= PIGMENT_WARN_BLUE;
    if (ita < ITA_DARK && shade < SHADE_LIGHT && warmth < WARMTH_COOL)
        w |= PIGMENT_WARN_ASHY;
    return w;
}

PigmentWarningText pigment_warning_text(PigmentWarning w)
{
    switch (w) {
    case PIGMENT_WARN_TOO_DARK: return (PigmentWarningText){"May heal too dark on this light skin", "Try Shade 0.75 or less"};
    case PIGMENT_WARN_BLUE: return (PigmentWarningText){"Cool blend may turn blue in light skin", "Try a neutral or warm blend"};
    case PIGMENT_WARN_ASHY: return (PigmentWarningText){"Light cool blend may heal ashy on dark skin", "Try more Shade or warmth"};
    }
    return (PigmentWarningText){"", ""};
}
