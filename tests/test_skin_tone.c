/* The skin tone measured on the photo (ITA, src/core/skin_tone.h) and the
 * pigment warnings it leads to: both sides of each rule, and real photos of
 * light and dark skin land in their classes. */
#include "test.h"

#include "core/skin_tone.h"
#include "shared_photos.h"

#include <stdlib.h>

static unsigned warn(double ita, double shade, double warmth)
{
    SmpPlan p;
    plan_init(&p);
    p.pigment.shade = shade;
    p.pigment.warmth = warmth;
    SkinTone t = {60, 10, ita, 100};
    return pigment_warnings(&p, &t);
}

static void test_rules(void)
{
    CHECK(warn(50, 0.9, 0) == PIGMENT_WARN_TOO_DARK);  /* light skin, dark shade */
    CHECK(warn(50, 0.6, 0) == 0);                      /* light skin, moderate shade */
    CHECK(warn(0, 0.9, 0) == 0);                       /* brown skin takes a dark shade */
    CHECK(warn(35, 0.6, -0.6) == PIGMENT_WARN_BLUE);   /* intermediate skin, cool blend */
    CHECK(warn(35, 0.6, 0.2) == 0);                    /* warm blend */
    CHECK(warn(0, 0.6, -0.6) == 0);                    /* the blue shift hides in brown skin */
    CHECK(warn(-45, 0.3, -0.5) == PIGMENT_WARN_ASHY);  /* dark skin, light cool blend */
    CHECK(warn(-45, 0.7, -0.5) == 0);
    CHECK(warn(50, 0.9, -0.6) == (PIGMENT_WARN_TOO_DARK | PIGMENT_WARN_BLUE));
    SmpPlan p;
    plan_init(&p);
    p.pigment.shade = 0.95;
    SkinTone none = {0};
    CHECK(pigment_warnings(&p, &none) == 0); /* nothing measured: no advice */
    CHECK(pigment_warning_text(PIGMENT_WARN_BLUE).risk[0] != 0 && pigment_warning_text(PIGMENT_WARN_BLUE).advice[0] != 0);
}

/* The bounds Match searches within are the rules': every look inside them is
 * silent, and a step past the bound that binds warns. */
static void test_bounds(void)
{
    const double itas[] = {-60, -45, -20, 0, 20, 35, 45, 60};
    for (size_t i = 0; i < sizeof itas / sizeof *itas; i++) {
        SkinTone t = {60, 10, itas[i], 100};
        for (double shade = 0; shade <= 1.0001; shade += 0.05)
            for (double warmth = -1; warmth <= 1.0001; warmth += 0.1) {
                bool inside = shade <= pigment_shade_max(&t) && shade >= pigment_shade_min(&t, warmth) &&
                              warmth >= pigment_warmth_min(&t, shade);
                CHECKF(inside == (warn(itas[i], shade, warmth) == 0), "ITA %.0f shade %.2f warmth %.1f", itas[i],
                       shade, warmth);
            }
    }
    SkinTone light = {60, 10, 50, 100}, brown = {45, 12, 0, 100}, none = {0};
    CHECK(pigment_shade_max(&light) < 1 && warn(50, pigment_shade_max(&light) + 0.01, 0) == PIGMENT_WARN_TOO_DARK);
    CHECK(pigment_shade_max(&brown) == 1 && pigment_shade_max(&none) == 1 && pigment_warmth_min(&none, 0) == -1);
}

static double ita_of(const char *name, const char **cls)
{
    SmpImage photo;
    SmpError err;
    SmpMattes m = {0};
    SkinTone t = {0};
    if (!shared_photo_load(name, &photo, &err)) {
        CHECKF(false, "%s", err.msg);
        return 0;
    }
    CHECK(mattes_compute(&photo, 2, &m, &err));
    skin_tone_measure(&photo, &m, &t);
    *cls = skin_tone_class(t.ita_deg);
    printf("%s: ITA %.1f (%s), L* %.1f, b* %.1f over %d samples\n", name, t.ita_deg, *cls, t.l_star, t.b_star,
           t.samples);
    CHECK(t.samples > 1000);
    mattes_free(&m);
    image_free(&photo);
    return t.ita_deg;
}

static void test_real_skin_classes(void)
{
    const char *cls;
    CHECK(ita_of("rf_side-right_shaved-head_light.jpg", &cls) > 41);
    CHECK(ita_of("rf_front_bald_full-face_light.jpg", &cls) > 41);
    CHECK(ita_of("rf_front_balding_older_dark-skin.jpg", &cls) < -30);
    CHECK(ita_of("rf_side-left_shaved-head_dark-skin.jpg", &cls) < -30);
    double medium = ita_of("rf_side-right_buzz-cut_medium-skin.jpg", &cls);
    CHECK(medium < 10 && medium > -30);
}

int main(void)
{
    TEST_RUN(test_rules);
    TEST_RUN(test_bounds);
    TEST_RUN(test_real_skin_classes);
    return TEST_SUMMARY();
}
