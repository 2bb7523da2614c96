/* Match on real photos (issue 9; ../shared/photos, never copied into the repo): after
 * Match, the treated area beside the client's stubble, rendered by render_plan as the
 * export is, has the stubble's mean L* and speckle within 15%, both with the automatic
 * sample and with the eyedropper on stubble. The automatic sample lands on the stubble
 * marked by hand from looking at the photo. Negative controls: the plan's look before
 * Match misses by more than 15% on at least one measure, and a match to plain skin
 * fails the stubble check. Also: no proposal trips a pigment warning (test_no_warning),
 * and beside a front hairline the sample is never on the face side
 * (test_front_scalp_side). Every proposed dot stays under SMP's 1 mm (domain.md). On
 * the buzz cut's 2.4 px/mm photo the eyedropper's spot is grainier still (speckle
 * 4.71 against the automatic sample's 4.28) than dots under 1 mm can make at any
 * density (at most about 3.9 there): for it the tone is matched within 15% and the
 * grain only brought closer. */
#include "test.h"

#include "core/hairline.h"
#include "core/match.h"
#include "core/render.h"
#include "core/skin_tone.h"
#include "io/photo.h"
#include "io/plan_file.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WITHIN 0.15

typedef struct Case {
    const char *plan;
    int stubble[4];        /* x0, y0, x1, y1: where the client's stubble is, by eye */
    double dropper[2];     /* the eyedropper on that stubble */
    double plain_skin[2];  /* the eyedropper on bald skin: the wrong patch */
    bool dropper_coarse;   /* the eyedropper's grain is beyond SMP's dots: tone matched, speckle only closer */
} Case;

static const Case CASES[] = {
    {"match_stubble_tan.smp", {555, 220, 615, 390}, {585, 320}, {420, 300}, false},
    {"match_buzz_side.smp", {200, 40, 370, 240}, {340, 180}, {500, 200}, true},
};

static bool load(const Case *c, SmpPlan *plan, SmpImage *photo)
{
    const char *root = getenv("SMP_ROOT");
    char path[2048], photo_path[4096];
    SmpError err;
    snprintf(path, sizeof path, "%.1000s/tests/plans/%s", root ? root : ".", c->plan);
    if (!plan_load(path, plan, &err)) {
        CHECKF(false, "%s", err.msg);
        return false;
    }
    if (plan_resolve_photo(path, plan, photo_path, sizeof photo_path) && photo_load(photo_path, photo, NULL, &err))
        return true;
    plan_free(plan);
    TEST_SKIP("the real photos are not in ../shared/photos");
    return false;
}

static bool within(const MatchSample *patch, const MatchSample *stubble)
{
    return fabs(patch->l_mean - stubble->l_mean) <= WITHIN * stubble->l_mean &&
           fabs(patch->speckle - stubble->speckle) <= WITHIN * stubble->speckle;
}

/* Matched: within 15%, or for a coarse grain the tone within 15% and the speckle
 * at least half of the way from the look before to the stubble's. */
static bool matched(bool coarse, const MatchSample *patch, const MatchSample *before, const MatchSample *stubble)
{
    if (!coarse)
        return within(patch, stubble);
    double gap = stubble->speckle - before->speckle;
    return fabs(patch->l_mean - stubble->l_mean) <= WITHIN * stubble->l_mean && gap > 0 &&
           patch->speckle - before->speckle >= 0.5 * gap && patch->speckle <= stubble->speckle * (1 + WITHIN);
}

/* No proposed dot reaches 1 mm (domain.md: healed dots under 1 mm). */
static bool smp_sized(const PlanDots *d) { return d->diameter_max_mm <= 1.0 + 1e-9 && d->diameter_min_mm > 0; }

/* The export of plan with this look, measured at the treated patch. */
static MatchSample rendered_patch(const SmpImage *photo, const SmpPlan *plan, const SmpMattes *m,
                                  const PlanDots *dots, const PlanPigment *pigment, MatchDisc patch)
{
    SmpPlan p = *plan; /* shallow: only the look changes */
    p.dots = *dots, p.pigment = *pigment;
    RenderRequest req = {0};
    SmpImage out;
    SmpError err;
    MatchSample s = {0};
    CHECK(render_plan(photo, &p, &req, &out, NULL, &err));
    CHECK(match_sample_disc(&out, m, patch.x, patch.y, patch.r, &s, &err));
    image_free(&out);
    return s;
}

static void check_case(const Case *c)
{
    SmpPlan plan;
    SmpImage photo;
    if (!load(c, &plan, &photo))
        return;
    SmpError err;
    SmpMattes m;
    MatchProposal p, drop, wrong;
    CHECK(mattes_compute(&photo, 2, &m, &err));
    CHECKF(match_propose(&photo, &m, &plan, NULL, &p, &err), "%s", err.msg);
    CHECKF(p.sample_at.x >= c->stubble[0] && p.sample_at.x <= c->stubble[2] && p.sample_at.y >= c->stubble[1] &&
               p.sample_at.y <= c->stubble[3], "%s: sampled at %.0f,%.0f", c->plan, p.sample_at.x, p.sample_at.y);
    MatchSample stubble, after = rendered_patch(&photo, &plan, &m, &p.dots, &p.pigment, p.patch_at);
    MatchSample before = rendered_patch(&photo, &plan, &m, &plan.dots, &plan.pigment, p.patch_at);
    CHECK(match_sample_disc(&photo, &m, p.sample_at.x, p.sample_at.y, p.sample_at.r, &stubble, &err));
    CHECKF(matched(false, &after, &before, &stubble), "%s: L* %.1f vs %.1f, speckle %.2f vs %.2f (before %.2f)",
           c->plan, after.l_mean, stubble.l_mean, after.speckle, stubble.speckle, before.speckle);
    CHECKF(smp_sized(&p.dots), "%s: dots %.2f-%.2f mm", c->plan, p.dots.diameter_min_mm, p.dots.diameter_max_mm);
    CHECK(fabs(after.l_mean - p.after.l_mean) < 1e-9 && fabs(after.speckle - p.after.speckle) < 1e-9);
    CHECKF(!within(&before, &stubble), "%s: the look before Match passes already", c->plan);

    MatchDisc at = {c->dropper[0], c->dropper[1], p.sample_at.r};
    CHECK(match_propose(&photo, &m, &plan, &at, &drop, &err));
    MatchSample dropped = rendered_patch(&photo, &plan, &m, &drop.dots, &drop.pigment, drop.patch_at);
    MatchSample drop_before = rendered_patch(&photo, &plan, &m, &plan.dots, &plan.pigment, drop.patch_at);
    CHECKF(matched(c->dropper_coarse, &dropped, &drop_before, &drop.sample), "%s eyedropper: L* %.1f vs %.1f, speckle %.2f vs %.2f",
           c->plan, dropped.l_mean, drop.sample.l_mean, dropped.speckle, drop.sample.speckle);
    CHECK(smp_sized(&drop.dots));

    MatchDisc skin = {c->plain_skin[0], c->plain_skin[1], p.sample_at.r};
    CHECK(match_propose(&photo, &m, &plan, &skin, &wrong, &err));
    MatchSample off = rendered_patch(&photo, &plan, &m, &wrong.dots, &wrong.pigment, p.patch_at);
    CHECKF(!within(&off, &stubble), "%s: a match to plain skin passes the stubble check", c->plan);
    printf("# %s: stubble L* %.1f speckle %.2f | before %.1f %.2f | after %.1f %.2f (%d renders, dots %.0f/cm2 "
           "%.2f-%.2f mm, shade %.2f) | plain-skin match %.1f %.2f\n", c->plan, stubble.l_mean, stubble.speckle,
           before.l_mean, before.speckle, after.l_mean, after.speckle, p.renders, p.dots.density,
           p.dots.diameter_min_mm, p.dots.diameter_max_mm, p.pigment.shade, off.l_mean, off.speckle);
    mattes_free(&m);
    image_free(&photo);
    plan_free(&plan);
}

/* The warnings the Look step would show for the plan with this pigment. */
static unsigned warnings_of(const SmpPlan *plan, const PlanPigment *pigment, const SkinTone *skin)
{
    SmpPlan p = *plan; /* shallow: only the pigment changes */
    p.pigment = *pigment;
    return pigment_warnings(&p, skin);
}

/* A proposal never trips a pigment warning for the client's skin: on the photo's
 * own skin, and on light skin (ITA 66, as the light shaved side photo's), where the
 * shade stays at 0.75 or under and darkness comes from the dots. Negative control:
 * the proposal made without that limit (these photos' brown skin allows shade 1)
 * would bring "may heal too dark" on the light skin. The tone is still matched
 * within 15%: the dots make the darkness the shade may not. */
static void check_no_warning(const Case *c)
{
    SmpPlan plan;
    SmpImage photo;
    if (!load(c, &plan, &photo))
        return;
    SmpError err;
    SmpMattes m;
    MatchProposal own, light;
    SkinTone fair = {68.0, 8.0, atan2(68.0 - 50, 8.0) * 180 / 3.14159265358979, 1};
    CHECK(!strcmp(skin_tone_class(fair.ita_deg), "very light"));
    CHECK(mattes_compute(&photo, 2, &m, &err));
    CHECKF(match_propose(&photo, &m, &plan, NULL, &own, &err), "%s", err.msg);
    CHECKF(warnings_of(&plan, &own.pigment, &own.skin) == 0, "%s: warnings %#x on the photo's skin", c->plan,
           warnings_of(&plan, &own.pigment, &own.skin));
    CHECKF(warnings_of(&plan, &own.pigment, &fair) & PIGMENT_WARN_TOO_DARK,
           "%s: the unlimited proposal (shade %.2f) would not warn on light skin", c->plan, own.pigment.shade);
    CHECKF(match_propose_for(&photo, &m, &plan, NULL, &fair, &light, &err), "%s", err.msg);
    CHECKF(warnings_of(&plan, &light.pigment, &fair) == 0, "%s: light skin, shade %.2f warmth %.2f warns %#x",
           c->plan, light.pigment.shade, light.pigment.warmth, warnings_of(&plan, &light.pigment, &fair));
    MatchSample after = rendered_patch(&photo, &plan, &m, &light.dots, &light.pigment, light.patch_at);
    CHECKF(fabs(after.l_mean - light.sample.l_mean) <= WITHIN * light.sample.l_mean, "%s: light skin, L* %.1f vs %.1f",
           c->plan, after.l_mean, light.sample.l_mean); /* the dots make the darkness the shade may not */
    printf("# %s on light skin: L* %.1f speckle %.2f against %.1f %.2f (dots %.0f/cm2 %.2f-%.2f mm e %.2f, shade %.2f)\n",
           c->plan, after.l_mean, after.speckle, light.sample.l_mean, light.sample.speckle, light.dots.density,
           light.dots.diameter_min_mm, light.dots.diameter_max_mm, light.dots.elongation, light.pigment.shade);
    mattes_free(&m);
    image_free(&photo);
    plan_free(&plan);
}

static void test_no_warning(void)
{
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
        check_no_warning(&CASES[i]);
}

/* The automatic sample of plan (NULL hairline: the picker as it was, blind to the
 * face side), or false when it finds none. */
static bool auto_sample(const SmpImage *photo, const SmpMattes *m, const SmpPlan *plan, const HairlineCurve *hl,
                        MatchDisc *at)
{
    SmpError err;
    RenderRequest req = {0};
    RenderJob *job;
    MatchTreated t;
    MatchSample s;
    CHECK(render_job_create(photo, plan, m, &req, &job, &err));
    const DotList *dots = render_job_dots(job, &plan->dots, &plan->pigment, &err);
    double ppm = render_job_px_per_mm(job);
    CHECK(dots && match_treated_find(dots, ppm, photo->width, photo->height, &t, &err));
    bool found = match_find_stubble(photo, m, &t, MATCH_DISC_MM * ppm, hl, ppm, at, &s, &err);
    match_treated_free(&t);
    render_job_destroy(job);
    return found;
}

/* Signed distance of disc d's nearest edge to the hairline, mm (+: scalp side). */
static double above_hairline(const HairlineCurve *hl, double ppm, MatchDisc d)
{
    return hairline_signed_distance(hl, d.x / ppm, d.y / ppm, NULL) - d.r / ppm;
}

/* Beside a front hairline the automatic sample never lies on the face side: the
 * forehead is smooth skin and matching it asks for next to no dots. The sample plan
 * (seeds/front_hairline.smp, in the repository) shows the old picker's choice there,
 * the negative control; with the hairline Match samples on the scalp side or, finding
 * no stubble there, says so and asks for the eyedropper. On the real front photos
 * (norwood5_front.smp, and a hairline-only plan of it) whatever is sampled is above. */
static void check_front(const char *dir, const char *name, bool control)
{
    const char *root = getenv("SMP_ROOT");
    char path[2048], photo_path[4096];
    SmpPlan plan;
    SmpImage photo;
    SmpError err;
    SmpMattes m;
    snprintf(path, sizeof path, "%.1000s/%s/%s", root ? root : ".", dir, name);
    CHECKF(plan_load(path, &plan, &err), "%s", err.msg);
    if (!plan_resolve_photo(path, &plan, photo_path, sizeof photo_path) || !photo_load(photo_path, &photo, NULL, &err)) {
        plan_free(&plan);
        TEST_SKIP("the photo is not there");
        return;
    }
    CHECK(mattes_compute_for_plan(&photo, &plan, 2, &m, &err));
    HairlineCurve *hl = malloc(sizeof *hl);
    CHECK(hl != NULL);
    hairline_build(&plan, hl);
    CHECK(hl->count >= 2);
    double ppm = plan_px_per_mm(&plan);
    MatchDisc old, now;
    if (control) {
        CHECKF(auto_sample(&photo, &m, &plan, NULL, &old), "%s: the old picker found nothing", name);
        CHECKF(above_hairline(hl, ppm, old) < 0, "%s: the old picker's %.0f,%.0f is not below the hairline", name,
               old.x, old.y);
    }
    bool found = auto_sample(&photo, &m, &plan, hl, &now);
    CHECKF(!found || above_hairline(hl, ppm, now) >= 0, "%s: sampled at %.0f,%.0f, %.1f mm on the face side", name,
           now.x, now.y, -above_hairline(hl, ppm, now));
    MatchProposal p;
    bool ok = match_propose(&photo, &m, &plan, NULL, &p, &err);
    CHECKF(ok == found, "%s: %s", name, ok ? "match sampled where the picker found nothing" : err.msg);
    CHECK(ok || strstr(err.msg, "use --at") != NULL); /* says what to do instead */
    CHECK(!ok || above_hairline(hl, ppm, p.sample_at) >= 0);
    printf("# %s: old picker %s at %.0f,%.0f; now %s at %.0f,%.0f\n", name, control ? "sampled" : "-",
           control ? old.x : 0, control ? old.y : 0, found ? "sampled" : "no sample", found ? now.x : 0,
           found ? now.y : 0);
    free(hl);
    mattes_free(&m);
    image_free(&photo);
    plan_free(&plan);
}

static void test_front_scalp_side(void)
{
    check_front("seeds", "front_hairline.smp", true);
    check_front("tests/plans", "norwood5_front.smp", false);
    check_front("tests/plans", "match_front_hairline.smp", false);
}

static void test_stubble_tan(void) { check_case(&CASES[0]); }
static void test_buzz_side(void) { check_case(&CASES[1]); }

int main(void)
{
    TEST_RUN(test_stubble_tan);
    TEST_RUN(test_buzz_side);
    TEST_RUN(test_no_warning);
    TEST_RUN(test_front_scalp_side);
    return TEST_SUMMARY();
}
