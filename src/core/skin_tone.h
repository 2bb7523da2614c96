/* skin_tone.h - the client's skin tone, measured on the photo, and what it
 * means for the pigment (docs/pigment.md, "Pigment warnings").
 *
 * The tone is the Individual Typology Angle, ITA = atan((L* - 50) / b*) in
 * degrees (Chardon, Cretois and Hourseau 1991; the classes of Del Bino et al.
 * 2006): above 55 very light, 41-55 light, 28-41 intermediate, 10-28 tan,
 * -30-10 brown, below -30 dark. It is the median over head skin (head matte at
 * least 0.5, hair matte below 0.5) or, without mattes, over the whole photo,
 * b* taken as at least 5 (a grey-balanced photo would swing the angle). It is
 * the photo's skin as taken: exposure and white balance move it, so the
 * warnings are advice, never a block.
 */
#ifndef SMP_SKIN_TONE_H
#define SMP_SKIN_TONE_H

#include "image.h"
#include "matte_apply.h"
#include "plan.h"

typedef struct SkinTone {
    double l_star, b_star; /* medians over the skin sampled */
    double ita_deg;
    int samples;           /* 0: nothing to measure (no skin found) */
} SkinTone;

/* mattes may be NULL. Never fails: no skin gives samples = 0. */
void skin_tone_measure(const SmpImage *photo, const SmpMattes *mattes, SkinTone *out);

/* The ITA class name ("very light" ... "dark"). */
const char *skin_tone_class(double ita_deg);

typedef enum PigmentWarning {
    PIGMENT_WARN_TOO_DARK = 1 << 0, /* a dark shade on light skin heals darker than planned */
    PIGMENT_WARN_BLUE = 1 << 1,     /* a cool blend in light skin shifts blue as it ages */
    PIGMENT_WARN_ASHY = 1 << 2,     /* a light, cool blend on dark skin heals grey and ashy */
} PigmentWarning;

/* The warnings for the plan's pigment on this skin (0: none). */
unsigned pigment_warnings(const SmpPlan *plan, const SkinTone *skin);
/* The same rules as bounds on one setting, the other given: the darkest shade
 * without "too dark" (1 when the skin allows any), the lightest shade without
 * "ashy" at this warmth, the coolest warmth without "blue" or "ashy" at this
 * shade (-1 when any). A look inside all three trips no warning. */
double pigment_shade_max(const SkinTone *skin);
double pigment_shade_min(const SkinTone *skin, double warmth);
double pigment_warmth_min(const SkinTone *skin, double shade);

/* For a warning bit: what to expect and what to change, each short enough
 * for one line of the app's side panel. */
typedef struct PigmentWarningText {
    const char *risk, *advice;
} PigmentWarningText;
PigmentWarningText pigment_warning_text(PigmentWarning w);

#endif
