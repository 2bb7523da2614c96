/* pigment.h - how pigment in the skin looks: colour, and how stage and session
 * change a dot's size, darkness and softness.
 *
 * The model (docs/pigment.md): a dot darkens the skin multiplicatively in linear
 * light, out = skin * (1 - a * (1 - pigment)), where a is the dot's coverage times
 * its darkness. Diluted carbon black is a neutral dark grey; warmth tints it brown
 * or ash; aged and deep pigment shifts slightly blue and blurs.
 */
#ifndef SMP_PIGMENT_H
#define SMP_PIGMENT_H

#include "plan.h"

typedef struct PigmentLook {
    float color_linear[3]; /* pigment transmittance colour, linear RGB 0..1 */
    float size_scale;      /* multiplies the healed diameter */
    float darkness_scale;  /* multiplies the healed darkness */
    float softness_mm;     /* edge blur added to every dot */
    float redness;         /* 0..1: the flush around fresh dots (erythema.h) */
} PigmentLook;

/* The look for the plan's stage, pigment and session shown. */
void pigment_look(const SmpPlan *plan, PigmentLook *out);

/* Share of the final density laid by the end of session s of n (s in 1..n). */
double pigment_session_density(int session, int sessions);
/* Darkness of the work after session s of n, relative to the last session. */
double pigment_session_tone(int session, int sessions);

/* sRGB <-> linear, exact to 8 bits through tables. */
float pigment_srgb_to_linear(unsigned char v);
unsigned char pigment_linear_to_srgb(float v);
/* CIE L* and b* (D65) of an sRGB pixel: how light and how yellow skin is. */
void pigment_srgb_to_lb(const unsigned char *rgb, double *l_star, double *b_star);
/* The same from linear-light R, G, B (for loops that convert bytes through a table). */
void pigment_linear_to_lb(double r, double g, double b, double *l_star, double *b_star);

#endif
