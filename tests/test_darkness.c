/* test_darkness.c - absolute darkness pinned to docs/pigment.md, not just its
 * orderings: the engine's per-dot darkness for every stage and shade, and the
 * ink the CPU renderer lays for a dot of known size and darkness.
 *
 * The documented formula lives in doc_darkness() and doc_dot_ink() below, one
 * place each: when docs/pigment.md changes, change them and nothing else.
 * A uniform scale of the darkness (x0.85 in the engine) or of the ink (x0.9 in
 * the renderer) must fail here; tolerances are a few times the measured error.
 */
#include "test.h"

#include "core/pigment.h"
#include "core/raster.h"
#include "core/scene.h"
#include "plan_fixture.h"

#include <stdbool.h>
#include <stdlib.h>

enum { W = 600, H = 600 }; /* photo px; at 10 px/mm a 60 x 60 mm treated area */

/* docs/pigment.md, "Colour", "Stages", "Sessions": a dot's healed darkness is
 * (0.35 + 0.6 shade) varied by a factor 0.72 .. 1.28 (u uniform in 0..1), times
 * the stage's darkness and the session's tone, at most 0.97. */
static const double DOC_VARY_LO = 0.72, DOC_VARY_HI = 1.28, DOC_MAX = 0.97;

static double doc_stage_darkness(PlanStage stage, double aged_years)
{
    double age = aged_years / 8.0 > 1 ? 1 : aged_years / 8.0;
    return stage == STAGE_FRESH ? 1.45 : stage == STAGE_AGED ? 1.0 - 0.4 * age : 1.0;
}

static double doc_session_tone(int s, int n) { return n > 1 ? 0.6 + 0.4 * (s - 1) / (n - 1) : 1.0; }

/* The dot's darkness before the per-dot variation. */
static double doc_darkness(double shade, PlanStage stage, double aged_years, int session, int sessions)
{
    return (0.35 + 0.6 * shade) * doc_stage_darkness(stage, aged_years) * doc_session_tone(session, sessions);
}

/* The mean over dots of min(base * vary, max), vary uniform in LO..HI. */
static double doc_mean_darkness(double base)
{
    double sum = 0;
    enum { N = 4000 };
    for (int i = 0; i < N; i++) {
        double v = base * (DOC_VARY_LO + (DOC_VARY_HI - DOC_VARY_LO) * (i + 0.5) / N);
        sum += v > DOC_MAX ? DOC_MAX : v;
    }
    return sum / N;
}

/* docs/pigment.md, "A dot's footprint" and "Compositing": a dot's ink is its
 * ellipse area times its darkness; on skin it removes skin x (1 - pigment) of
 * linear light per unit of ink. In px^2 for a scale of ppm px/mm. */
static double doc_dot_ink(const SmpDot *d, double ppm)
{
    double a = d->diameter_mm / 2 * ppm, b = a / d->elongation;
    return 3.14159265358979 * a * b * d->darkness;
}

static SmpPlan *plan_treated(void)
{
    SmpPlan *p = malloc(sizeof *p);
    fx_plan_treated(p, W, H, 10, 60);
    return p;
}

typedef struct DarkStats {
    double mean, lo, hi; /* mean darkness; min and max of darkness / base */
    int count;
} DarkStats;

static DarkStats scene_darkness(const SmpPlan *p, double base)
{
    DarkStats st = {0, 1e9, -1e9, 0};
    SmpScene *s = NULL;
    SmpError err;
    CHECK(scene_create(W, H, &s, &err));
    CHECKF(s && scene_update(s, p, SCENE_CHANGED_ALL, &err), "%s", err.msg);
    const DotList *d = s ? scene_dots(s) : NULL;
    for (int i = 0; d && i < d->count; i++) {
        double k = d->items[i].darkness;
        st.mean += k;
        if (k < DOC_MAX - 1e-6) { /* clamped dots say nothing about the variation */
            st.lo = k / base < st.lo ? k / base : st.lo;
            st.hi = k / base > st.hi ? k / base : st.hi;
        }
    }
    st.count = d ? d->count : 0;
    st.mean = st.count ? st.mean / st.count : 0;
    scene_destroy(s);
    return st;
}

static void test_engine_darkness_matches_formula(void)
{
    static const struct {
        PlanStage stage;
        double years;
        int session, sessions;
    } cases[] = {{STAGE_FRESH, 0, 1, 1}, {STAGE_HEALED, 0, 1, 1}, {STAGE_AGED, 8, 1, 1},
                 {STAGE_AGED, 4, 1, 1},  {STAGE_HEALED, 0, 1, 3}, {STAGE_HEALED, 0, 2, 3}};
    static const double shades[] = {0, 0.5, 1};
    SmpPlan *p = plan_treated();
    double worst = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (size_t k = 0; k < 3; k++) {
            p->stage = cases[c].stage;
            p->aged_years = cases[c].years;
            p->session = cases[c].session;
            p->sessions = cases[c].sessions;
            p->pigment.shade = shades[k];
            double base = doc_darkness(shades[k], p->stage, p->aged_years, p->session, p->sessions);
            double want = doc_mean_darkness(base);
            DarkStats st = scene_darkness(p, base);
            double rel = fabs(st.mean / want - 1);
            worst = rel > worst ? rel : worst;
            CHECKF(st.count > 500, "case %zu: only %d dots", c, st.count);
            /* measured <= 1.2 %: the hash's sample of 2000 dots */
            CHECKF(rel < 0.04, "stage %d years %g session %d/%d shade %g: mean darkness %.4f, formula %.4f",
                   (int)p->stage, p->aged_years, p->session, p->sessions, shades[k], st.mean, want);
            /* the spread: +-28 % of the base, reached at both ends unless clamped */
            if (base * DOC_VARY_LO < DOC_MAX)
                CHECKF(fabs(st.lo - DOC_VARY_LO) < 0.02, "case %zu shade %g: darkness / base from %.3f", c,
                       shades[k], st.lo);
            if (base * DOC_VARY_HI < DOC_MAX - 0.01)
                CHECKF(fabs(st.hi - DOC_VARY_HI) < 0.02, "case %zu shade %g: darkness / base up to %.3f", c,
                       shades[k], st.hi);
        }
    printf("engine darkness: worst relative error against docs/pigment.md %.4f\n", worst);
    plan_free(p);
    free(p);
}

/* Negative control: the same check against darkness scaled x0.9 must fail. */
static void test_engine_darkness_check_catches_x09(void)
{
    SmpPlan *p = plan_treated();
    p->pigment.shade = 0.5;
    double base = doc_darkness(0.5, STAGE_HEALED, 0, 1, 1);
    DarkStats st = scene_darkness(p, base);
    CHECK(fabs(st.mean / doc_mean_darkness(base) - 1) < 0.04);
    CHECK(fabs(st.mean / doc_mean_darkness(base * 0.9) - 1) >= 0.04);
    plan_free(p);
    free(p);
}

/* Sparse dots of one size (3 mm apart: no overlap) on a flat grey photo. */
static DotList sparse_dots(double diameter_mm, double darkness)
{
    DotList d = {0};
    d.items = calloc(100, sizeof *d.items);
    for (int y = 0; y < 10; y++)
        for (int x = 0; x < 10; x++) {
            SmpDot *t = &d.items[d.count++];
            t->x_mm = (float)(1.6 + 3 * x + 0.013 * y);
            t->y_mm = (float)(1.6 + 3 * y + 0.029 * x);
            t->diameter_mm = (float)diameter_mm;
            t->elongation = 1.3f;
            t->angle_deg = (float)(17 * (x + 10 * y) % 180);
            t->darkness = (float)darkness;
            t->softness_mm = 0.05f;
            t->id = (uint32_t)d.count;
        }
    return d;
}

/* Ink the renderer laid (linear light removed / (skin (1 - pigment))) over ink
 * the formula asks for, green channel. */
static double rendered_ink_ratio(double diameter_mm, double darkness, double ppm)
{
    PigmentLook look = {{0.055f, 0.055f, 0.062f}, 1, 1, 0, 0};
    DotList dots = sparse_dots(diameter_mm, darkness);
    int n = (int)(31 * ppm);
    SmpImage photo, out;
    image_create(n, n, &photo, NULL);
    for (size_t i = 0; i < (size_t)n * n; i++)
        photo.pixels[i * 4] = photo.pixels[i * 4 + 1] = photo.pixels[i * 4 + 2] = 200;
    RasterOptions ro = {.threads = 1, .px_per_mm = ppm};
    CHECK(raster_render(&photo, &dots, &look, &ro, &out, NULL));
    double laid = 0, want = 0, skin = pigment_srgb_to_linear(200);
    for (size_t i = 0; i < (size_t)n * n; i++)
        laid += skin - pigment_srgb_to_linear(out.pixels[i * 4 + 1]);
    laid /= skin * (1 - look.color_linear[1]);
    for (int i = 0; i < dots.count; i++)
        want += doc_dot_ink(&dots.items[i], ppm);
    image_free(&photo);
    image_free(&out);
    dots_free(&dots);
    return laid / want;
}

static void test_cpu_ink_matches_formula(void)
{
    static const double diam[] = {0.3, 0.5, 0.8}, dark[] = {0.3, 0.7}, ppm[] = {2.5, 6, 20};
    double worst = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 2; j++)
            for (int k = 0; k < 3; k++) {
                double r = rendered_ink_ratio(diam[i], dark[j], ppm[k]);
                /* A faint dot under a pixel across spreads over pixels that each
                 * change by a level or two: 8-bit rounding loses up to ~7 % of
                 * it (measured). Everywhere else the measured error is <= 1.6 %. */
                bool subpixel = diam[i] * ppm[k] < 1 && dark[j] < 0.5;
                if (!subpixel)
                    worst = fabs(r - 1) > worst ? fabs(r - 1) : worst;
                CHECKF(fabs(r - 1) < (subpixel ? 0.095 : 0.035), "%.1f mm dot, darkness %.1f, %g px/mm: ink x%.4f of area x darkness",
                       diam[i], dark[j], ppm[k], r);
            }
    printf("cpu ink: worst relative error against area x darkness %.4f (dots over a pixel)\n", worst);
}

/* Negative control: a renderer laying x0.9 the ink fails the same bounds. */
static void test_cpu_ink_check_catches_x09(void)
{
    double r = rendered_ink_ratio(0.5, 0.7, 6);
    CHECK(fabs(r - 1) < 0.035);
    CHECK(fabs(0.9 * r - 1) >= 0.035);
    r = rendered_ink_ratio(0.3, 0.3, 2.5);
    CHECK(fabs(r - 1) < 0.095);
    CHECK(fabs(0.9 * r - 1) >= 0.095);
}

int main(void)
{
    TEST_RUN(test_engine_darkness_matches_formula);
    TEST_RUN(test_engine_darkness_check_catches_x09);
    TEST_RUN(test_cpu_ink_matches_formula);
    TEST_RUN(test_cpu_ink_check_catches_x09);
    return TEST_SUMMARY();
}
