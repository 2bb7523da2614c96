/* test_plan_diff.c - one plan comparison for the file code and the editor:
 * each kind of edit shows in its own part and only there, equal plans compare
 * equal whatever their padding bytes hold, absent things do not count. */
#include "test.h"

#include "core/plan.h"

#include <stdlib.h>
#include <string.h>

/* Two equal plans built in buffers whose padding holds different bytes. */
static void plan_pair(SmpPlan *a, SmpPlan *b)
{
    memset(a, 0x00, sizeof *a);
    memset(b, 0xA5, sizeof *b);
    SmpPlan *p[2] = {a, b};
    for (int i = 0; i < 2; i++) {
        plan_init(p[i]);
        p[i]->hairline.count = 2;
        p[i]->hairline.points[0] = (PlanPoint){10, 20};
        p[i]->hairline.points[1] = (PlanPoint){30, 25};
        PlanPoint tri[3] = {{0, 0}, {50, 0}, {0, 50}};
        CHECK(plan_add_region(p[i], REGION_TREAT, REGION_POLYGON, false, 0, tri, 3, NULL));
        CHECK(plan_add_head_correction(p[i], false, 12, tri, 2, NULL));
    }
}

static void test_equal_plans_whatever_the_padding(void)
{
    SmpPlan *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    plan_pair(a, b);
    CHECK(memcmp(a, b, sizeof *a) != 0); /* the bytes differ: the test really tests */
    CHECKF(plan_diff(a, b) == 0, "diff 0x%x", plan_diff(a, b));
    CHECK(plan_equal(a, b));
    /* an absent whorl, glabella or midline may sit anywhere */
    b->growth.whorl = (PlanPoint){99, 99};
    b->landmarks.glabella = (PlanPoint){5, 5};
    b->landmarks.midline_b = (PlanPoint){7, 7};
    CHECKF(plan_diff(a, b) == 0, "diff 0x%x", plan_diff(a, b));
    plan_free(a);
    plan_free(b);
    free(a);
    free(b);
}

static void test_each_edit_in_its_part(void)
{
    static const struct {
        const char *what;
        unsigned part;
    } edits[] = {{"photo hash", PLAN_PART_PHOTO},   {"scale", PLAN_PART_SCALE},
                 {"eye corner", PLAN_PART_LANDMARKS}, {"midline", PLAN_PART_MIDLINE},
                 {"hairline point", PLAN_PART_HAIRLINE}, {"region point", PLAN_PART_REGIONS},
                 {"whorl", PLAN_PART_LOOK},           {"density", PLAN_PART_LOOK},
                 {"warmth", PLAN_PART_LOOK},          {"seed", PLAN_PART_LOOK},
                 {"stage", PLAN_PART_LOOK},           {"correction point", PLAN_PART_HEAD_CORRECTIONS},
                 {"correction mode", PLAN_PART_HEAD_CORRECTIONS}, {"correction radius", PLAN_PART_HEAD_CORRECTIONS},
                 {"correction added", PLAN_PART_HEAD_CORRECTIONS}, {"client", PLAN_PART_CLIENT}};
    SmpPlan *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        plan_pair(a, b);
        switch (i) {
        case 0: strcpy(b->photo_hash, "sha256:00"); break;
        case 1: b->scale.set = true; b->scale.distance_mm = 60; break;
        case 2: b->landmarks.has_eye_left = true; break;
        case 3: b->landmarks.has_midline = true; break;
        case 4: b->hairline.points[1].y += 0.5; break;
        case 5: b->regions[0].points[2].x = 51; break;
        case 6: b->growth.has_whorl = true; break;
        case 7: b->dots.density += 1; break;
        case 8: b->pigment.warmth = 0.3; break;
        case 9: b->seed ^= 1; break;
        case 10: b->stage = STAGE_FRESH; break;
        case 11: b->head_corrections[0].points[1].x += 0.25; break;
        case 12: b->head_corrections[0].head = true; break;
        case 13: b->head_corrections[0].radius_px = 13; break;
        case 15: strcpy(b->client, "Client 0042"); break;
        default: CHECK(plan_add_head_correction(b, true, 5, b->regions[0].points, 1, NULL)); break;
        }
        CHECKF(plan_diff(a, b) == edits[i].part, "%s: diff 0x%x, want 0x%x", edits[i].what, plan_diff(a, b),
               edits[i].part);
        CHECKF(plan_diff(b, a) == edits[i].part, "%s: not symmetric", edits[i].what);
        CHECK(!plan_equal(a, b));
        plan_free(a);
        plan_free(b);
    }
    free(a);
    free(b);
}

int main(void)
{
    TEST_RUN(test_equal_plans_whatever_the_padding);
    TEST_RUN(test_each_edit_in_its_part);
    return TEST_SUMMARY();
}
