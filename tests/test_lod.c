/* The zoomed-out grid's incremental build (src/gfx/lod.c): after any edit of
 * the dot list, what it holds is bit-identical to a build from scratch, while
 * only the cells around the changed dots are laid again. */
#include "test.h"

#include "gfx/lod.h"

#include <stdlib.h>
#include <string.h>

enum { PHOTO_PX = 2000, DOTS = 3000 };
static const double PPM = 10;

static uint32_t rng_next(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static float rng_unit(uint32_t *s) { return (float)rng_next(s) / (float)(1u << 24); }

static SmpDot random_dot(uint32_t *s, uint32_t id)
{
    SmpDot d = {0};
    d.x_mm = rng_unit(s) * PHOTO_PX / (float)PPM;
    d.y_mm = rng_unit(s) * PHOTO_PX / (float)PPM;
    d.diameter_mm = 0.3f + 0.4f * rng_unit(s);
    d.elongation = 1.0f + 0.3f * rng_unit(s);
    d.angle_deg = 180.0f * rng_unit(s);
    d.darkness = 0.5f + 0.4f * rng_unit(s);
    d.softness_mm = 0.05f;
    d.id = id;
    d.visible = 1;
    return d;
}

static DotList random_list(uint32_t seed)
{
    DotList l = {DOTS, DOTS, calloc(DOTS, sizeof(SmpDot))};
    for (int i = 0; i < DOTS; i++)
        l.items[i] = random_dot(&seed, (uint32_t)i * 7u);
    return l;
}

/* A drag's worth of change in a band y_mm in [y0, y0 + 20): dots there grow
 * lighter, one in three vanishes, and new ids appear in the band. */
static void edit_band(DotList *l, float y0, uint32_t seed)
{
    uint32_t id_base = 1000000u + 1000u * seed;
    int out = 0;
    for (int i = 0; i < l->count; i++) {
        SmpDot d = l->items[i];
        bool in_band = d.y_mm >= y0 && d.y_mm < y0 + 20;
        if (in_band && d.id % 3 == 0)
            continue;
        if (in_band)
            d.darkness *= 0.7f, d.diameter_mm *= 0.9f;
        l->items[out++] = d;
    }
    for (int k = 0; k < 40 && out < l->capacity; k++) {
        SmpDot d = random_dot(&seed, id_base + (uint32_t)k); /* ids new to the list */
        d.y_mm = y0 + 20 * rng_unit(&seed);
        l->items[out++] = d;
    }
    l->count = out;
}

static bool same_grid(const LodGrid *a, const LodGrid *b)
{
    return a->width == b->width && a->height == b->height &&
           memcmp(a->trans, b->trans, sizeof *a->trans * (size_t)a->width * a->height) == 0;
}

static double dirty_share(const LodGrid *g)
{
    LodRect r = g->dirty;
    if (r.x0 > r.x1 || r.y0 > r.y1)
        return 0;
    return (double)(r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1) / ((double)g->width * g->height);
}

static void check_edits(float blur_px, int level)
{
    DotList l = random_list(42);
    LodGrid inc = {0}, fresh = {0};
    SmpError err;
    CHECK(lod_build(&inc, &l, PPM, blur_px, PHOTO_PX, PHOTO_PX, level, &err));
    LodGrid before = {0};
    CHECK(lod_build(&before, &l, PPM, blur_px, PHOTO_PX, PHOTO_PX, level, &err));
    for (int step = 0; step < 4; step++) {
        edit_band(&l, 30.0f + 35.0f * step, 7u + (uint32_t)step);
        CHECK(lod_build(&inc, &l, PPM, blur_px, PHOTO_PX, PHOTO_PX, level, &err));
        CHECK(lod_build(&fresh, &l, PPM, blur_px, PHOTO_PX, PHOTO_PX, level, &err));
        lod_free(&fresh); /* a grid with nothing remembered */
        CHECK(lod_build(&fresh, &l, PPM, blur_px, PHOTO_PX, PHOTO_PX, level, &err));
        CHECKF(same_grid(&inc, &fresh), "blur %.1f level %d step %d: incremental differs from scratch", blur_px,
               level, step);
        double share = dirty_share(&inc);
        CHECKF(share > 0 && share < 0.35, "blur %.1f level %d step %d: relaid %.2f of the grid", blur_px, level, step,
               share);
    }
    /* Negative control: the edits did change the picture. */
    CHECK(!same_grid(&inc, &before));
    /* Nothing changed: nothing relaid, same picture. */
    CHECK(lod_build(&inc, &l, PPM, blur_px, PHOTO_PX, PHOTO_PX, level, &err));
    CHECK(dirty_share(&inc) == 0 && same_grid(&inc, &fresh));
    lod_free(&inc);
    lod_free(&fresh);
    lod_free(&before);
    free(l.items);
}

static void test_incremental_matches_scratch(void)
{
    check_edits(1.0f, 1); /* footprints, a soft photo */
    check_edits(0.0f, 2); /* sub-cell dots laid as points, a sharp photo */
}

/* A change of grid (level, blur) lays everything again. */
static void test_new_grid_relays_all(void)
{
    DotList l = random_list(3);
    LodGrid g = {0};
    SmpError err;
    CHECK(lod_build(&g, &l, PPM, 1.0f, PHOTO_PX, PHOTO_PX, 1, &err));
    CHECK(lod_build(&g, &l, PPM, 1.5f, PHOTO_PX, PHOTO_PX, 1, &err));
    CHECK(dirty_share(&g) == 1.0);
    LodGrid fresh = {0};
    CHECK(lod_build(&fresh, &l, PPM, 1.5f, PHOTO_PX, PHOTO_PX, 1, &err));
    CHECK(same_grid(&g, &fresh));
    lod_free(&g);
    lod_free(&fresh);
    free(l.items);
}

/* Lists whose ids repeat (hand-made) are laid whole, not mixed up: each
 * cell is the product, in list order, of what each dot lays alone. */
static void test_repeated_ids(void)
{
    DotList l = random_list(5);
    l.count = 150;
    for (int i = 0; i < l.count; i++)
        l.items[i].id = (uint32_t)(i % 2);
    LodGrid a = {0}, one = {0};
    SmpError err;
    CHECK(lod_build(&a, &l, PPM, 1.0f, PHOTO_PX, PHOTO_PX, 2, &err));
    CHECK(lod_build(&a, &l, PPM, 1.0f, PHOTO_PX, PHOTO_PX, 2, &err));
    size_t cells = (size_t)a.width * a.height;
    float *ref = malloc(cells * sizeof *ref);
    for (size_t c = 0; c < cells; c++)
        ref[c] = 1.0f;
    for (int i = 0; i < l.count; i++) {
        DotList single = {1, 1, &l.items[i]};
        CHECK(lod_build(&one, &single, PPM, 1.0f, PHOTO_PX, PHOTO_PX, 2, &err));
        for (size_t c = 0; c < cells; c++)
            ref[c] *= one.trans[c];
    }
    CHECK(memcmp(ref, a.trans, cells * sizeof *ref) == 0);
    lod_free(&a);
    lod_free(&one);
    free(ref);
    free(l.items);
}

int main(void)
{
    TEST_RUN(test_incremental_matches_scratch);
    TEST_RUN(test_new_grid_relays_all);
    TEST_RUN(test_repeated_ids);
    return TEST_SUMMARY();
}
