/* pigment.c - how pigment in the skin looks at each stage and session, and the sRGB / L*b* conversions it uses. */
#include "pigment.h"

#include <math.h>

/* Fraction of the final density laid by session 1; later sessions fill in
 * evenly ("light and sparse" first, domain.md). */
#define FIRST_SESSION_DENSITY 0.5
/* Darkness of the first session relative to the finished work. */
#define FIRST_SESSION_TONE 0.6

static double clampd(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }

double pigment_session_density(int session, int sessions)
{
    if (sessions < 2)
        return 1.0;
    session = (int)clampd(session, 1, sessions);
    return FIRST_SESSION_DENSITY + (1.0 - FIRST_SESSION_DENSITY) * (session - 1) / (sessions - 1);
}

double pigment_session_tone(int session, int sessions)
{
    if (sessions < 2)
        return 1.0;
    session = (int)clampd(session, 1, sessions);
    return FIRST_SESSION_TONE + (1.0 - FIRST_SESSION_TONE) * (session - 1) / (sessions - 1);
}

void pigment_look(const SmpPlan *plan, PigmentLook *out)
{
    double warmth = clampd(plan->pigment.warmth, -1, 1);
    /* Diluted carbon black seen through the epidermis: a near-neutral dark grey
     * (transmittance, linear light). Warm blends lean brown, cool ones ash. */
    double r = 0.055 + 0.035 * warmth, g = 0.055 + 0.012 * warmth, b = 0.062 - 0.02 * warmth;
    double years = clampd(plan->aged_years, 0, 30);
    out->redness = 0;
    switch (plan->stage) {
    case STAGE_FRESH:
        /* Bolder, darker, a little larger; up to half of it fades while healing. */
        out->size_scale = 1.12f;
        out->darkness_scale = 1.45f;
        out->softness_mm = 0.02f;
        out->redness = 1.0f; /* inflamed for 2-5 days (docs/pigment.md) */
        break;
    case STAGE_AGED: {
        /* Years later: lighter, softer, slightly spread and a touch blue (carbon
         * deep in the dermis scatters short wavelengths back: Tyndall effect). */
        double age = clampd(years / 8.0, 0, 1);
        out->size_scale = (float)(1.0 + 0.12 * age);
        out->darkness_scale = (float)(1.0 - 0.4 * age);
        out->softness_mm = (float)(0.06 + 0.12 * age);
        r -= 0.012 * age;
        b += 0.05 * age;
        break;
    }
    case STAGE_HEALED:
    default:
        out->size_scale = 1.0f;
        out->darkness_scale = 1.0f;
        out->softness_mm = 0.06f;
        break;
    }
    out->color_linear[0] = (float)clampd(r, 0, 1);
    out->color_linear[1] = (float)clampd(g, 0, 1);
    out->color_linear[2] = (float)clampd(b, 0, 1);
}

float pigment_srgb_to_linear(unsigned char v)
{
    double c = v / 255.0;
    return (float)(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4));
}

unsigned char pigment_linear_to_srgb(float v)
{
    double c = v <= 0 ? 0 : v >= 1 ? 1 : v;
    double s = c <= 0.0031308 ? c * 12.92 : 1.055 * pow(c, 1 / 2.4) - 0.055;
    return (unsigned char)(s * 255.0 + 0.5);
}

void pigment_srgb_to_lb(const unsigned char *rgb, double *l_star, double *b_star)
{
    pigment_linear_to_lb(pigment_srgb_to_linear(rgb[0]), pigment_srgb_to_linear(rgb[1]),
                         pigment_srgb_to_linear(rgb[2]), l_star, b_star);
}

void pigment_linear_to_lb(double r, double g, double b, double *l_star, double *b_star)
{
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b, z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.089;
    double fy = y > 0.008856 ? cbrt(y) : 7.787 * y + 16 / 116.0, fz = z > 0.008856 ? cbrt(z) : 7.787 * z + 16 / 116.0;
    *l_star = 116 * fy - 16;
    *b_star = 200 * (fy - fz);
}
