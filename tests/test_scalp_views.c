/* test_scalp_views.c - every view a chart of one scalp (core/scalp_views.h): the
 * treatment reaches skin view 0 cannot see, and an area painted in any view shows
 * in every view that sees it. Synthetic pinhole views of one ellipsoid head. */
#include <stdlib.h>
#include <string.h>

#include "core/head3d_fit.h"
#include "core/plan_json.h"
#include "core/render.h"
#include "core/scalp_views.h"
#include "test.h"

enum { SIDE = 1000 };

/* A head seen through a pinhole at 600 mm (yaw, pitch in degrees). */
static PlanHead camera_at(double yaw, double pitch)
{
    return (PlanHead){true, 0, yaw, pitch, 0.0, 1.0, {0.0, 0.0, 600.0}, 1400.0, false};
}

/* A plan on view 0's camera with one more view; density 40/cm2, last session; its
 * scale is what a ruler on the skin nearest the camera measures. */
static void plan_of_two(SmpPlan *p, PlanHead cam0, PlanHead cam1)
{
    SmpError err;
    Head3D h0;
    plan_init(p);
    p->photo_width = p->photo_height = SIDE;
    p->head = cam0;
    CHECK(head3d_from_plan(&cam0, SIDE, SIDE, &h0));
    p->scale = (PlanScale){true, {0, 0}, {100.0 * head3d_surface_ppm(&h0), 0}, 100.0};
    p->dots.density = 40;
    p->session = p->sessions;
    PlanView v = {.photo_width = SIDE, .photo_height = SIDE, .head = cam1};
    CHECK(plan_add_view(p, &v, &err));
}

static DotList dots_in(const SmpPlan *p, int view, double *ppm)
{
    DotList d = {0};
    SmpError err = {{0}};
    CHECKF(render_view_dots(SIDE, SIDE, p, view, &d, ppm, &err), "%s", err.msg);
    return d;
}

/* Dots within r px of photo pixel (x, y). */
static int dots_near(const DotList *d, double ppm, double x, double y, double r)
{
    int n = 0;
    for (int i = 0; i < d->count; i++)
        n += hypot(d->items[i].x_mm * ppm - x, d->items[i].y_mm * ppm - y) < r;
    return n;
}

static bool listed(const DotList *d, uint32_t id)
{
    for (int i = 0; i < d->count; i++)
        if (d->items[i].id == id)
            return true;
    return false;
}

/* A front photo's hairline treats the scalp above it; a back photo shows that
 * treatment at the same density per cm2 of skin, though view 0 never sees it. */
static void test_the_back_of_the_head_is_treated(void)
{
    SmpPlan p;
    plan_of_two(&p, camera_at(0, 0), camera_at(180, 0));
    p.hairline.count = 2; /* left to right below the face: all of the head is above it */
    p.hairline.points[0] = (PlanPoint){0, 950}, p.hairline.points[1] = (PlanPoint){SIDE, 950};
    double ppm0, ppm1;
    DotList front = dots_in(&p, 0, &ppm0), back = dots_in(&p, 1, &ppm1);
    double r0 = 20 * ppm0, r1 = 20 * ppm1; /* 20 mm around the skin nearest each camera */
    int n0 = dots_near(&front, ppm0, 500, 500, r0), n1 = dots_near(&back, ppm1, 500, 500, r1);
    int shared = 0;
    for (int i = 0; i < back.count; i++)
        shared += listed(&front, back.items[i].id);
    printf("# front %d dots, back %d (%d also in the front view); 20 mm discs: front %d, back %d\n", front.count,
           back.count, shared, n0, n1);
    CHECK(n0 > 30 && fabs((double)n1 / n0 - 1.0) < 0.15);
    CHECK(back.count > front.count / 2);
    CHECK(shared < back.count / 20); /* the front camera sees little of the back */
    /* Control: painted areas only, none painted: no dot in either view. */
    p.only_painted = true;
    DotList none = dots_in(&p, 1, &ppm1);
    CHECK(none.count == 0);
    dots_free(&front);
    dots_free(&back);
    dots_free(&none);
    plan_free(&p);
}

/* A stroke painted in the side view treats the same skin in the top view. */
static void test_a_stroke_in_one_view_shows_in_the_other(void)
{
    SmpPlan p;
    SmpError err;
    plan_of_two(&p, camera_at(0, 70), camera_at(40, 35));
    p.only_painted = true;
    ScalpViews sv;
    CHECK(scalp_views_of_plan(&p, &sv));
    PlanPoint stroke[2] = {{470, 480}, {530, 480}}; /* view 1's pixels */
    CHECK(plan_add_region(&p, REGION_TREAT, REGION_STROKE, false, 8, stroke, 2, &err));
    p.regions[0].view = 1;
    double at_x, at_y, ppm0, ppm1;
    CHECK(scalp_map_px(&sv, 1, 0, 500, 480, &at_x, &at_y));
    DotList top = dots_in(&p, 0, &ppm0), side = dots_in(&p, 1, &ppm1);
    int near = dots_near(&top, ppm0, at_x, at_y, 8 * ppm0), shared = 0;
    for (int i = 0; i < side.count; i++)
        shared += listed(&top, side.items[i].id);
    printf("# side %d dots, top %d (%d near the stroke's middle at %.0f,%.0f), %d shared\n", side.count, top.count,
           near, at_x, at_y, shared);
    CHECK(side.count > 20 && near > 10 && shared > side.count * 9 / 10);
    /* Control: the same pixels read as view 0's put the stroke elsewhere. */
    p.regions[0].view = 0;
    DotList misread = dots_in(&p, 0, &ppm0);
    CHECK(misread.count > 20 && dots_near(&misread, ppm0, at_x, at_y, 8 * ppm0) == 0);
    dots_free(&top);
    dots_free(&side);
    dots_free(&misread);
    plan_free(&p);
}

/* An erase stroke in the side view takes out what a polygon painted in the top view
 * put there, in both views. */
static void test_an_erase_in_one_view_erases_in_the_other(void)
{
    SmpPlan p;
    SmpError err;
    plan_of_two(&p, camera_at(0, 70), camera_at(40, 35));
    p.only_painted = true;
    PlanPoint all[4] = {{0, 0}, {SIDE, 0}, {SIDE, SIDE}, {0, SIDE}};
    PlanPoint stroke[2] = {{470, 480}, {530, 480}};
    CHECK(plan_add_region(&p, REGION_TREAT, REGION_POLYGON, false, 5, all, 4, &err));
    CHECK(plan_add_region(&p, REGION_TREAT, REGION_STROKE, true, 8, stroke, 2, &err));
    p.regions[1].view = 1;
    ScalpViews sv;
    double at_x, at_y, ppm0, ppm1;
    CHECK(scalp_views_of_plan(&p, &sv) && scalp_map_px(&sv, 1, 0, 500, 480, &at_x, &at_y));
    DotList top = dots_in(&p, 0, &ppm0), side = dots_in(&p, 1, &ppm1);
    int hole0 = dots_near(&top, ppm0, at_x, at_y, 4 * ppm0), hole1 = dots_near(&side, ppm1, 500, 480, 4 * ppm1);
    p.region_count = 1; /* control: without the erase stroke */
    DotList full = dots_in(&p, 0, &ppm0);
    int filled = dots_near(&full, ppm0, at_x, at_y, 4 * ppm0);
    p.region_count = 2;
    printf("# within 4 mm of the erased middle: top %d, side %d; without the erase: %d\n", hole0, hole1, filled);
    CHECK(hole0 == 0 && hole1 == 0 && filled > 5);
    dots_free(&top);
    dots_free(&side);
    dots_free(&full);
    plan_free(&p);
}

static DotList rendered(const SmpPlan *p)
{
    SmpImage photo = {0}, out = {0};
    DotList d = {0};
    SmpError err = {{0}};
    RenderRequest req = {.no_mattes = true, .threads = 1};
    CHECK(image_alloc(SIDE, SIDE, &photo, &err));
    if (photo.pixels)
        memset(photo.pixels, 160, (size_t)SIDE * SIDE * 4);
    CHECKF(photo.pixels && render_plan(&photo, p, &req, &out, &d, &err), "%s", err.msg);
    image_free(&photo);
    image_free(&out);
    return d;
}

/* Without a fit for its view, an area painted there cannot be carried: view 0 is
 * drawn as if it were not there (its pixels are never read as view 0's). */
static void test_an_unfitted_views_area_stays_out(void)
{
    SmpPlan p;
    SmpError err;
    plan_of_two(&p, camera_at(0, 70), camera_at(40, 35));
    p.extra_views[0].head.set = false;
    p.only_painted = true;
    PlanPoint all[4] = {{0, 0}, {SIDE, 0}, {SIDE, SIDE}, {0, SIDE}};
    PlanPoint stroke[2] = {{300, 500}, {700, 500}};
    CHECK(plan_add_region(&p, REGION_TREAT, REGION_POLYGON, false, 5, all, 4, &err));
    DotList before = rendered(&p);
    CHECK(plan_add_region(&p, REGION_EXCLUDE, REGION_STROKE, false, 20, stroke, 2, &err));
    p.regions[1].view = 1;
    DotList after = rendered(&p);
    p.regions[1].view = 0; /* control: read as view 0's, the stroke takes dots out */
    DotList misread = rendered(&p);
    printf("# %d dots without the area, %d with it in the unfitted view 1, %d read as view 0's\n", before.count,
           after.count, misread.count);
    CHECK(before.count > 100 && after.count == before.count && misread.count < before.count - 20);
    bool same = after.count == before.count;
    for (int i = 0; same && i < after.count; i++)
        same = after.items[i].id == before.items[i].id && after.items[i].x_mm == before.items[i].x_mm;
    CHECK(same);
    dots_free(&before);
    dots_free(&after);
    dots_free(&misread);
    plan_free(&p);
}

/* A region's view is written, read back, and must name a view the plan has. */
static void test_region_view_in_the_file(void)
{
    SmpPlan p, q;
    SmpError err = {{0}};
    char *text = NULL;
    size_t len = 0;
    plan_of_two(&p, camera_at(0, 70), camera_at(40, 35));
    PlanPoint stroke[2] = {{470, 480}, {530, 480}};
    CHECK(plan_add_region(&p, REGION_TREAT, REGION_STROKE, false, 8, stroke, 2, &err));
    p.regions[0].view = 1;
    CHECK(plan_to_json(&p, &text, &len, &err));
    CHECK(text && strstr(text, "\"view\": 1"));
    CHECK(plan_from_json(text, len, "a.smp", &q, &err) && q.regions[0].view == 1 && plan_equal(&p, &q));
    plan_free(&q);
    char *bad = text ? strstr(text, "\"view\": 1") : NULL;
    if (bad)
        bad[8] = '2';
    CHECK(!plan_from_json(text, len, "a.smp", &q, &err));
    CHECKF(strstr(err.msg, "a.smp") && strstr(err.msg, "regions[0].view") && strstr(err.msg, "does not exist"),
           "%s", err.msg);
    free(text);
    plan_free(&p);
}

/* Even-odd test of (x, y) against the polygon. */
static bool in_polygon(const PlanRegion *r, double x, double y)
{
    bool in = false;
    for (int i = 0, j = r->count - 1; i < r->count; j = i++) {
        const PlanPoint *a = &r->points[i], *b = &r->points[j];
        if ((a->y > y) != (b->y > y) && x < a->x + (y - a->y) * (b->x - a->x) / (b->y - a->y))
            in = !in;
    }
    return in;
}

/* Distance from (x, y) to the polygon's nearest edge. */
static double edge_distance(const PlanRegion *r, double x, double y)
{
    double best = INFINITY;
    for (int i = 0, j = r->count - 1; i < r->count; j = i++) {
        const PlanPoint *a = &r->points[i], *b = &r->points[j];
        double ex = b->x - a->x, ey = b->y - a->y, len2 = ex * ex + ey * ey;
        double t = len2 > 0 ? fmax(0.0, fmin(1.0, ((x - a->x) * ex + (y - a->y) * ey) / len2)) : 0.0;
        best = fmin(best, hypot(a->x + t * ex - x, a->y + t * ey - y));
    }
    return best;
}

/* View 1's dots on skin view 0 sees outside view 0's polygon, beyond its soft edge
 * (`margin` px of view 0). */
static int strays_of(const DotList *d, double ppm1, const ScalpViews *sv, const PlanRegion *r, double margin)
{
    int strays = 0;
    for (int i = 0; i < d->count; i++) {
        double x0, y0;
        if (scalp_map_px(sv, 1, 0, d->items[i].x_mm * ppm1, d->items[i].y_mm * ppm1, &x0, &y0))
            strays += !in_polygon(r, x0, y0) && edge_distance(r, x0, y0) > margin;
    }
    return strays;
}

/* Pixels of view 1 (a 10 px grid) on skin inside view 0's polygon, past its soft
 * edge, and how many of them have no dot within 4 mm: holes in the area. */
static void holes_of(const DotList *d, double ppm1, const ScalpViews *sv, const PlanRegion *r, double margin,
                     int *inside, int *holes)
{
    *inside = *holes = 0;
    for (int y = 5; y < SIDE; y += 10)
        for (int x = 5; x < SIDE; x += 10) {
            double x0, y0;
            if (!scalp_map_px(sv, 1, 0, x, y, &x0, &y0) || !in_polygon(r, x0, y0) || edge_distance(r, x0, y0) < margin)
                continue;
            (*inside)++;
            *holes += dots_near(d, ppm1, x, y, 4.0 * ppm1) == 0;
        }
}

/* An area painted in the front photo that the top photo sees only in part (its
 * sides reach below the top view's outline, its lower edge crosses the forehead):
 * in the top view it keeps its inside, the hidden stretch running along the top
 * view's outline, never a chord across the crown that treats skin nobody painted.
 * The cameras of the sample's front and top photos (seeds + assets). */
static void test_a_polygon_seen_in_part_keeps_its_inside(void)
{
    SmpPlan p;
    SmpError err;
    PlanHead front_cam = {true, 0, 0, 0, 0, 1.0, {0, 0, 12906}, 50000, false};
    PlanHead top_cam = {true, 0, 0, 84, 0, 1.0, {0, 23, 281}, 1440, false};
    plan_of_two(&p, front_cam, top_cam);
    p.only_painted = true;
    ScalpViews sv;
    CHECK(scalp_views_of_plan(&p, &sv));
    /* the upper head to 6 mm inside the front outline, down past the temples */
    PlanPoint upper[] = {{215, 562}, {205, 450}, {215, 350}, {260, 250}, {330, 170}, {420, 140}, {500, 134},
                         {580, 140}, {670, 170}, {740, 250}, {785, 350}, {795, 450}, {785, 562}};
    enum { UPPER_N = sizeof upper / sizeof upper[0] };
    CHECK(plan_add_region(&p, REGION_TREAT, REGION_POLYGON, false, 5, upper, UPPER_N, &err));
    double ppm1, margin = 3.0 * sv.ppm[0]; /* the area's soft edge, in view 0's pixels */
    DotList top = dots_in(&p, 1, &ppm1);
    int strays = strays_of(&top, ppm1, &sv, &p.regions[0], margin), inside, holes;
    holes_of(&top, ppm1, &sv, &p.regions[0], margin, &inside, &holes);
    /* Control: the same dots against the area 40 px lower (a near miss) stray. */
    PlanRegion lower = p.regions[0];
    PlanPoint moved[UPPER_N];
    for (int i = 0; i < UPPER_N; i++)
        moved[i] = (PlanPoint){upper[i].x, upper[i].y + 40};
    lower.points = moved;
    int control = strays_of(&top, ppm1, &sv, &lower, margin);
    printf("# top view: %d dots, %d outside the front's area (against it 40 px lower: %d); %d of %d points "
           "inside it without a dot within 4 mm\n",
           top.count, strays, control, holes, inside);
    CHECK(top.count > 500 && strays <= top.count / 200 && control > top.count / 20);
    CHECK(inside > 500 && holes <= inside / 100);
    dots_free(&top);
    plan_free(&p);
}

int main(void)
{
    TEST_RUN(test_the_back_of_the_head_is_treated);
    TEST_RUN(test_a_stroke_in_one_view_shows_in_the_other);
    TEST_RUN(test_an_erase_in_one_view_erases_in_the_other);
    TEST_RUN(test_a_polygon_seen_in_part_keeps_its_inside);
    TEST_RUN(test_an_unfitted_views_area_stays_out);
    TEST_RUN(test_region_view_in_the_file);
    return TEST_SUMMARY();
}
