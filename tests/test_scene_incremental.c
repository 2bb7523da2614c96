/* A hairline edit redoes only what it can have changed: the distance field near
 * the parts of the curve that moved and the candidates there. These tests drag,
 * jump, add and remove hairline points at random and check after every edit that
 * the incrementally updated engine equals one built from scratch for the same
 * plan, bit for bit: every visible dot with every property, and the distance
 * field and hairline normal sampled densely. Negative controls show that the
 * comparisons do catch a stale update and a one-ulp difference. */
#include "test.h"

#include "core/density.h"
#include "core/head3d.h"
#include "core/scene.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { W = 1800, H = 1400 }; /* photo px; at 10 px/mm a 180 x 140 mm scalp */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static double rnd(void) /* xorshift64*: uniform in [0, 1) */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 0x2545f4914f6cdd1dull) >> 11) * (1.0 / 9007199254740992.0);
}

/* A front-photo plan: a hairline of `n` points across the photo, treated above it. */
static SmpPlan *plan_new(int n, bool treat_all, double macro)
{
    SmpPlan *p = malloc(sizeof *p);
    plan_init(p);
    p->photo_width = W;
    p->photo_height = H;
    p->scale.set = true;
    p->scale.b.x = 100;
    p->scale.distance_mm = 10;
    p->dots.density = 90;
    p->hairline.count = n;
    for (int i = 0; i < n; i++) {
        double u = i - (n - 1) / 2.0;
        p->hairline.points[i] = (PlanPoint){150 + (W - 300) * i / (double)(n - 1), 700 - u * u * 30};
    }
    p->hairline.macro_irregularity = macro;
    if (treat_all) {
        PlanPoint all[4] = {{0, 0}, {W, 0}, {W, H}, {0, H}};
        plan_add_region(p, REGION_TREAT, REGION_POLYGON, false, 0, all, 4, NULL);
    }
    return p;
}

static void plan_delete(SmpPlan *p)
{
    plan_free(p);
    free(p);
}

/* A random edit, mostly small drags of one point (what a finger does), sometimes
 * a jump across the photo or off it, a new or a removed point. */
static void random_edit(SmpPlan *p)
{
    PlanHairline *h = &p->hairline;
    double r = rnd();
    int i = (int)(rnd() * h->count);
    if (r < 0.7) {
        h->points[i].x += (rnd() - 0.5) * 60;
        h->points[i].y += (rnd() - 0.5) * 60;
    } else if (r < 0.8) {
        h->points[i] = (PlanPoint){(rnd() * 1.4 - 0.2) * W, (rnd() * 1.4 - 0.2) * H};
    } else if (r < 0.9 && h->count < 12) {
        memmove(&h->points[i + 1], &h->points[i], sizeof *h->points * (size_t)(h->count - i));
        h->points[i].x += (rnd() - 0.5) * 200;
        h->points[i].y += (rnd() - 0.5) * 200;
        h->count++;
    } else if (h->count > 3) {
        memmove(&h->points[i], &h->points[i + 1], sizeof *h->points * (size_t)(h->count - i - 1));
        h->count--;
    }
}

/* Empty when equal, else what differs first. */
static const char *dots_differ(const DotList *a, const DotList *b, char *why, size_t n)
{
    if (a->count != b->count) {
        snprintf(why, n, "%d vs %d dots", a->count, b->count);
        return why;
    }
    for (int i = 0; i < a->count; i++)
        if (memcmp(&a->items[i], &b->items[i], sizeof a->items[i]) != 0) {
            snprintf(why, n, "dot %d (id %u vs %u): angle %.9g vs %.9g", i, (unsigned)a->items[i].id,
                     (unsigned)b->items[i].id, a->items[i].angle_deg, b->items[i].angle_deg);
            return why;
        }
    return NULL;
}

/* When set, every scene sees the photo through this fitted head (issue 11). */
static const Head3D *fitted_head;

static SmpScene *fresh_scene(const SmpPlan *p)
{
    SmpScene *s = NULL;
    SmpError err;
    CHECK(scene_create(W, H, &s, &err));
    if (fitted_head)
        scene_set_head(s, fitted_head);
    CHECKF(scene_update(s, p, SCENE_CHANGED_ALL, &err), "%s", err.msg);
    return s;
}

/* Runs `steps` random edits through one scene and compares it with a fresh one
 * after each. */
static void run_edits(SmpPlan *p, int steps)
{
    SmpScene *s = fresh_scene(p);
    char why[160];
    int failures = 0, shown_changes = 0, prev_count = scene_dots(s)->count;
    for (int k = 0; k < steps && failures == 0; k++) {
        random_edit(p);
        CHECK(scene_update(s, p, SCENE_CHANGED_HAIRLINE, NULL));
        SmpScene *ref = fresh_scene(p);
        const char *d = dots_differ(scene_dots(s), scene_dots(ref), why, sizeof why);
        CHECKF(d == NULL, "edit %d (%d points): %s", k, p->hairline.count, d);
        failures += d != NULL;
        shown_changes += scene_dots(s)->count != prev_count;
        prev_count = scene_dots(s)->count;
        scene_destroy(ref);
    }
    CHECKF(shown_changes > steps / 2, "only %d of %d edits changed the dots: the test moves too little",
           shown_changes, steps);
    scene_destroy(s);
}

static void test_edits_match_fresh_scene_treated(void)
{
    SmpPlan *p = plan_new(8, true, 0.35);
    run_edits(p, 60);
    plan_delete(p);
}

/* No painted area: the hairline alone decides what is treated. */
static void test_edits_match_fresh_scene_hairline_only(void)
{
    SmpPlan *p = plan_new(6, false, 0.8);
    p->hairline.micro_irregularity = 1;
    run_edits(p, 40);
    plan_delete(p);
}

/* Without macro irregularity an edit moves only the curve near the point, so
 * the partial path recomputes a part of the field: the interesting case. */
static void test_edits_match_fresh_scene_smooth_symmetric(void)
{
    SmpPlan *p = plan_new(5, true, 0);
    p->hairline.symmetric = true;
    p->landmarks.has_midline = true;
    p->landmarks.midline_a = (PlanPoint){W / 2.0, 0};
    p->landmarks.midline_b = (PlanPoint){W / 2.0 + 40, H};
    run_edits(p, 40);
    p->hairline.symmetric = false;
    run_edits(p, 40);
    plan_delete(p);
}

/* A front view through a fitted head (an adult scalp filling most of the photo,
 * tipped forward a little): the dots are foreshortened and fade where the scalp
 * turns away, and an edit must still equal a rebuild bit for bit. */
static void test_edits_match_fresh_scene_with_head(void)
{
    Head3D head = {0};
    head.radii = head3d_template_radii();
    head.pitch = 0.35f;
    head.centre = (vec3s){{0, 0, 600}};
    head.focal = 600 * 10.0f; /* ~10 px/mm at the head's centre */
    head.cx = W / 2.0f, head.cy = H / 2.0f;
    fitted_head = &head;
    SmpPlan *p = plan_new(8, true, 0.35);
    SmpScene *flat = NULL;
    SmpError err;
    CHECK(scene_create(W, H, &flat, &err) && scene_update(flat, p, SCENE_CHANGED_ALL, &err));
    SmpScene *curved = fresh_scene(p); /* the control: the head does change the dots */
    char why[160];
    CHECK(dots_differ(scene_dots(flat), scene_dots(curved), why, sizeof why) != NULL);
    scene_destroy(flat);
    scene_destroy(curved);
    run_edits(p, 40);
    fitted_head = NULL;
    plan_delete(p);
}

/* Samples the two fields densely (off the grid's nodes) and compares them. */
static int fields_differ(const DensityField *a, const DensityField *b)
{
    int bad = 0;
    for (double y = 0.13; y < H / 10.0; y += 0.37)
        for (double x = 0.29; x < W / 10.0; x += 0.37) {
            float sa = density_signed_mm(a, x, y), sb = density_signed_mm(b, x, y);
            double ax = 0, ay = 0, bx = 0, by = 0;
            bool na = density_hairline_normal(a, x, y, &ax, &ay), nb = density_hairline_normal(b, x, y, &bx, &by);
            bad += memcmp(&sa, &sb, sizeof sa) != 0 || na != nb || ax != bx || ay != by;
        }
    return bad;
}

static void test_field_matches_full_rebuild(void)
{
    SmpPlan *p = plan_new(7, true, 0);
    DensityField *inc = NULL, *ref = NULL;
    SmpError err;
    CHECK(density_create(W / 10.0, H / 10.0, &inc, &err));
    density_update_hairline(inc, p);
    for (int k = 0; k < 30; k++) {
        random_edit(p);
        if (k % 10 == 9)
            p->hairline.macro_irregularity = rnd() < 0.5 ? 0 : 0.4;
        density_update_hairline(inc, p);
        CHECK(density_create(W / 10.0, H / 10.0, &ref, &err));
        density_update_hairline(ref, p);
        int bad = fields_differ(inc, ref);
        CHECKF(bad == 0, "edit %d: %d samples differ from a full rebuild", k, bad);
        density_destroy(ref);
        if (bad)
            break;
    }
    density_destroy(inc);
    plan_delete(p);

    /* Only what moved is redone: a drag of the last point leaves the field at the
     * first one alone, and the same plan again changes nothing at all. */
    p = plan_new(7, true, 0.35);
    CHECK(density_create(W / 10.0, H / 10.0, &inc, &err));
    density_update_hairline(inc, p);
    PlanPoint first = p->hairline.points[0], *last = &p->hairline.points[6];
    last->y += 20;
    density_update_hairline(inc, p);
    CHECK(density_hairline_changed(inc, last->x / 10 - 1, last->y / 10 - 1, last->x / 10 + 1, last->y / 10 + 1));
    CHECK(!density_hairline_changed(inc, first.x / 10 - 1, first.y / 10 - 1, first.x / 10 + 1, first.y / 10 + 1));
    density_update_hairline(inc, p);
    CHECK(!density_hairline_changed(inc, 0, 0, W / 10.0, H / 10.0));
    density_destroy(inc);
    plan_delete(p);
}

/* Areas painted, then taken away, then painted again (scene_update with
 * SCENE_CHANGED_REGIONS on one scene) give the same dots as a fresh scene each
 * time: the region grid, left blank while nothing is painted (density.c), is
 * cleared when the last area goes. Control: an update told nothing changed,
 * after the areas went, keeps the stale dots. */
static void test_region_edits_match_fresh_scene(void)
{
    SmpPlan *bare = plan_new(8, false, 0.35), *treated = plan_new(8, false, 0.35), *cut = plan_new(8, false, 0.35);
    PlanPoint low[4] = {{0, H / 2.0}, {W, H / 2.0}, {W, H}, {0, H}};
    PlanPoint hole[4] = {{300, 200}, {900, 200}, {900, 1200}, {300, 1200}};
    CHECK(plan_add_region(treated, REGION_TREAT, REGION_POLYGON, false, 0, low, 4, NULL));
    CHECK(plan_add_region(cut, REGION_TREAT, REGION_POLYGON, false, 0, low, 4, NULL));
    CHECK(plan_add_region(cut, REGION_EXCLUDE, REGION_POLYGON, false, 0, hole, 4, NULL));
    const SmpPlan *order[] = {bare, treated, cut, bare, bare, treated, bare};
    SmpScene *s = fresh_scene(bare);
    char why[160];
    int counts[8];
    for (int k = 0; k < 7; k++) {
        CHECK(scene_update(s, order[k], SCENE_CHANGED_REGIONS, NULL));
        SmpScene *ref = fresh_scene(order[k]);
        const char *d = dots_differ(scene_dots(s), scene_dots(ref), why, sizeof why);
        CHECKF(d == NULL, "step %d: %s", k, d);
        counts[k] = scene_dots(s)->count;
        scene_destroy(ref);
    }
    printf("# dots: bare %d, treated %d, cut %d, bare again %d\n", counts[0], counts[1], counts[2], counts[3]);
    CHECKF(counts[2] < counts[1] && counts[3] > counts[2], "the areas change no dots: the test is vacuous");
    CHECK(scene_update(s, cut, SCENE_CHANGED_REGIONS, NULL) && scene_update(s, bare, 0, NULL));
    SmpScene *ref = fresh_scene(bare);
    CHECK(dots_differ(scene_dots(s), scene_dots(ref), why, sizeof why) != NULL);
    scene_destroy(ref);
    scene_destroy(s);
    plan_delete(bare);
    plan_delete(treated);
    plan_delete(cut);
}

/* The comparisons can fail: an update that skips the hairline, and one dot's
 * angle off by one ulp, are both caught. */
static void test_negative_controls(void)
{
    SmpPlan *p = plan_new(8, true, 0.35);
    SmpScene *s = fresh_scene(p);
    char why[160];
    p->hairline.points[3].y += 25;
    CHECK(scene_update(s, p, 0, NULL)); /* says nothing changed: stale */
    SmpScene *ref = fresh_scene(p);
    CHECK(dots_differ(scene_dots(s), scene_dots(ref), why, sizeof why) != NULL);
    CHECK(scene_update(s, p, SCENE_CHANGED_HAIRLINE, NULL));
    CHECK(dots_differ(scene_dots(s), scene_dots(ref), why, sizeof why) == NULL);

    const DotList *d = scene_dots(ref);
    DotList copy = {0};
    copy.items = malloc(sizeof *copy.items * (size_t)d->count);
    memcpy(copy.items, d->items, sizeof *copy.items * (size_t)d->count);
    copy.count = copy.capacity = d->count;
    copy.items[d->count / 2].angle_deg = nextafterf(copy.items[d->count / 2].angle_deg, 200.f);
    CHECK(dots_differ(&copy, d, why, sizeof why) != NULL);
    dots_free(&copy);

    DensityField *a = NULL, *b = NULL;
    SmpError err;
    CHECK(density_create(W / 10.0, H / 10.0, &a, &err) && density_create(W / 10.0, H / 10.0, &b, &err));
    density_update_hairline(a, p);
    p->hairline.points[3].y += 0.5; /* 0.05 mm */
    density_update_hairline(b, p);
    CHECK(fields_differ(a, b) > 0);
    density_destroy(a);
    density_destroy(b);
    scene_destroy(s);
    scene_destroy(ref);
    plan_delete(p);
}

int main(void)
{
    TEST_RUN(test_edits_match_fresh_scene_treated);
    TEST_RUN(test_edits_match_fresh_scene_hairline_only);
    TEST_RUN(test_edits_match_fresh_scene_smooth_symmetric);
    TEST_RUN(test_edits_match_fresh_scene_with_head);
    TEST_RUN(test_field_matches_full_rebuild);
    TEST_RUN(test_region_edits_match_fresh_scene);
    TEST_RUN(test_negative_controls);
    return TEST_SUMMARY();
}
