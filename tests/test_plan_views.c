/* test_plan_views.c - plan format version 2, one plan across several photos:
 * version-1 plans read as one-view plans and draw the same dots after a save, views
 * round-trip, the limit on views, and the bar: the same candidate ids in two
 * views of one head at the positions the true cameras predict, within 1 mm on the
 * surface (with a wrong camera as the negative control). */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/head3d_fit.h"
#include "core/plan_json.h"
#include "core/compose_layout.h"
#include "core/render.h"
#include "core/render_views.h"
#include "core/scene.h"
#include "io/plan_file.h"
#include "test.h"

static bool reparse(const SmpPlan *p, SmpPlan *out, char **text)
{
    size_t len = 0;
    SmpError err;
    return plan_to_json(p, text, &len, &err) && plan_from_json(*text, len, "again.smp", out, &err);
}

static void test_v1_reads_as_one_view(void)
{
    const char *v1 = "{\"smpview_plan\": 1, \"photo\": {\"path\": \"a.png\", \"width\": 10, \"height\": 20}}";
    SmpPlan p, q;
    SmpError err;
    char *text = NULL;
    CHECKF(plan_from_json(v1, strlen(v1), "v1.smp", &p, &err), "%s", err.msg);
    CHECK(p.version == 2 && plan_view_count(&p) == 1);
    PlanView v = plan_view(&p, 0);
    CHECK(!strcmp(v.photo_path, "a.png") && v.photo_width == 10 && v.photo_height == 20 && !v.label[0]);
    CHECK(reparse(&p, &q, &text) && plan_equal(&p, &q));
    CHECK(text && !strncmp(text, "{\n  \"smpview_plan\": 2,", 22)); /* written as version 2 */
    CHECK(text && !strstr(text, "\"views\"") && !strstr(text, "\"label\"")); /* nothing else new */
    free(text);
    plan_free(&p);
    plan_free(&q);
}

static PlanView a_view(const char *path, const char *label, bool fitted)
{
    PlanView v = {.photo_width = 1200, .photo_height = 900};
    snprintf(v.photo_path, sizeof v.photo_path, "%s", path);
    snprintf(v.label, sizeof v.label, "%s", label);
    snprintf(v.photo_hash, sizeof v.photo_hash, "sha256:%064d", 7);
    if (fitted)
        v.head = (PlanHead){true, 1, 0.5, 88.25, -3, 1.01, {1.5, -2, 640}, 1440.125, false};
    return v;
}

static void test_views_round_trip(void)
{
    SmpPlan p, q, r;
    SmpError err;
    char *text = NULL, *again = NULL;
    plan_init(&p);
    snprintf(p.photo_label, sizeof p.photo_label, "front");
    PlanView top = a_view("top.jpg", "top", true), side = a_view("../x/side \"1\".jpg", "left side", false);
    CHECK(plan_add_view(&p, &top, &err) && plan_add_view(&p, &side, &err));
    CHECK(reparse(&p, &q, &text) && plan_equal(&p, &q) && plan_view_count(&q) == 3);
    CHECK(reparse(&q, &r, &again) && text && again && !strcmp(text, again)); /* write -> read -> write: same bytes */
    PlanView back = plan_view(&q, 2);
    CHECK(!strcmp(back.photo_path, side.photo_path) && !back.head.set && !strcmp(plan_view(&q, 0).label, "front"));
    q.extra_views[1].label[0] = 'L'; /* negative control: plan_diff sees a view */
    CHECK(plan_diff(&p, &q) == PLAN_PART_VIEWS);
    q.extra_views[1].label[0] = 'l', q.extra_views[0].head.yaw_deg += 1;
    CHECK(plan_diff(&p, &q) == PLAN_PART_VIEWS);
    free(text);
    free(again);
    plan_free(&p);
    plan_free(&q);
    plan_free(&r);
}

static void test_view_limit(void)
{
    SmpPlan p;
    SmpError err = {{0}};
    plan_init(&p);
    PlanView v = a_view("v.jpg", "v", true);
    for (int i = 1; i < PLAN_MAX_VIEWS; i++)
        CHECK(plan_add_view(&p, &v, &err));
    CHECK(!plan_add_view(&p, &v, &err) && strstr(err.msg, "too many views"));
    CHECK(plan_view_count(&p) == PLAN_MAX_VIEWS);
    plan_free(&p);
}

/* The dots a plan draws on a photo of its size (its head if fitted), as bytes. */
static DotList dots_of(const SmpPlan *plan)
{
    DotList out = {0};
    SmpScene *s = NULL;
    SmpError err;
    int w = plan->photo_width > 0 ? plan->photo_width : 1200, h = plan->photo_height > 0 ? plan->photo_height : 1600;
    Head3D head;
    CHECK(scene_create(w, h, &s, &err));
    if (s && head3d_from_plan(&plan->head, w, h, &head))
        scene_set_head(s, &head);
    CHECKF(s && scene_update(s, plan, SCENE_CHANGED_ALL, &err), "%s", err.msg);
    const DotList *d = s ? scene_dots(s) : NULL;
    if (d && d->count > 0 && (out.items = malloc(sizeof *d->items * (size_t)d->count))) {
        memcpy(out.items, d->items, sizeof *d->items * (size_t)d->count);
        out.count = out.capacity = d->count;
    }
    scene_destroy(s);
    return out;
}

/* Every plan in DIR: read (version 1), saved as version 2 and read back: the same
 * plan and bit for bit the same dots. Returns how many were checked. */
static int check_migrations_in(const char *dir_name)
{
    const char *root = getenv("SMP_ROOT");
    char dir[2048], path[4096];
    snprintf(dir, sizeof dir, "%.1000s/%s", root ? root : ".", dir_name);
    DIR *d = opendir(dir);
    CHECKF(d != NULL, "cannot open %s", dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".smp"))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        SmpPlan v1, v2;
        SmpError err;
        char *text = NULL;
        CHECKF(plan_load(path, &v1, &err), "%s", err.msg);
        CHECKF(reparse(&v1, &v2, &text) && plan_equal(&v1, &v2), "%s", path);
        CHECK(text && strstr(text, "\"smpview_plan\": 2"));
        DotList a = dots_of(&v1), b = dots_of(&v2);
        CHECKF(a.count > 0 && a.count == b.count && !memcmp(a.items, b.items, sizeof *a.items * (size_t)a.count),
               "%s: %d vs %d dots", path, a.count, b.count);
        n++;
        dots_free(&a);
        dots_free(&b);
        free(text);
        plan_free(&v1);
        plan_free(&v2);
    }
    if (d)
        closedir(d);
    return n;
}

static void test_seed_and_test_plans_migrate(void)
{
    CHECK(check_migrations_in("seeds") >= 4);
    CHECK(check_migrations_in("tests/plans") >= 6);
}

/* ---- the bar: the same ids in two views, where the true cameras put them ------- */

enum { PHOTO = 1000 };

/* A head seen through a pinhole at 600 mm, as the plan stores it. */
static PlanHead camera(double yaw, double pitch, double roll, double cx, double cy)
{
    return (PlanHead){true, 1, yaw, pitch, roll, 1.0, {cx, cy, 600.0}, 1400.0, false};
}

/* The truth, in doubles: the ray through pixel (px, py) meets the ellipsoid at X
 * (head frame, mm); false when it misses. Only the rotation is the library's. */
static bool truth_hit(const PlanHead *ph, double px, double py, double X[3])
{
    Head3D h;
    if (!head3d_from_plan(ph, PHOTO, PHOTO, &h))
        return false;
    mat3s r = head3d_rotation(&h); /* head -> camera; rows of its transpose are the axes */
    double d[3] = {(px - 0.5 * PHOTO) / ph->focal_px, (py - 0.5 * PHOTO) / ph->focal_px, 1.0}, a[3], b[3];
    for (int i = 0; i < 3; i++) { /* ray and pinhole in unit-sphere coordinates of the head */
        a[i] = b[i] = 0;
        for (int k = 0; k < 3; k++) {
            a[i] += (double)r.raw[i][k] * d[k];
            b[i] -= (double)r.raw[i][k] * ph->centre_mm[k];
        }
        a[i] /= (double)h.radii.raw[i], b[i] /= (double)h.radii.raw[i];
    }
    double aa = a[0] * a[0] + a[1] * a[1] + a[2] * a[2], ab = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    double bb = b[0] * b[0] + b[1] * b[1] + b[2] * b[2], disc = ab * ab - aa * (bb - 1.0);
    if (disc < 0)
        return false;
    double t = (-ab - sqrt(disc)) / aa;
    for (int i = 0; i < 3; i++)
        X[i] = (b[i] + t * a[i]) * (double)h.radii.raw[i];
    return true;
}

/* A plan on view 0's camera treating the whole photo, with view 1's camera. */
static void two_view_plan(SmpPlan *p, const PlanHead *cam0, const PlanHead *cam1)
{
    SmpError err;
    plan_init(p);
    p->photo_width = p->photo_height = PHOTO;
    p->head = *cam0;
    p->dots.density = 30;
    p->only_painted = true;
    PlanPoint all[4] = {{0, 0}, {PHOTO, 0}, {PHOTO, PHOTO}, {0, PHOTO}};
    CHECK(plan_add_region(p, REGION_TREAT, REGION_POLYGON, false, 5, all, 4, &err));
    PlanView v = {.photo_width = PHOTO, .photo_height = PHOTO, .head = *cam1};
    CHECK(plan_add_view(p, &v, &err));
}

static DotList render_view(const SmpPlan *p, int view, double *ppm)
{
    SmpImage photo = {0}, out = {0};
    DotList dots = {0};
    SmpError err;
    RenderRequest req = {.view = view, .no_mattes = true, .threads = 1};
    CHECK(image_alloc(PHOTO, PHOTO, &photo, &err));
    if (photo.pixels)
        memset(photo.pixels, 160, (size_t)PHOTO * PHOTO * 4);
    CHECKF(photo.pixels && render_plan(&photo, p, &req, &out, &dots, &err), "%s", err.msg);
    *ppm = render_view_px_per_mm(p, view, PHOTO, PHOTO);
    image_free(&photo);
    image_free(&out);
    return dots;
}

/* For the ids view 1 shows: how far (mm, on the true surface) each lies from where
 * the truth puts view 0's dot of that id. Returns the worst; *median, *common. */
static double misses(const DotList *d0, double ppm0, const DotList *d1, double ppm1, const PlanHead *truth0,
                     const PlanHead *truth1, double *median, int *common, int *strangers)
{
    double *miss = malloc(sizeof *miss * (size_t)(d1->count + 1)), worst = 0;
    *common = *strangers = 0;
    for (int j = 0; miss && j < d1->count; j++) {
        const SmpDot *b = &d1->items[j], *a = NULL;
        for (int i = 0; i < d0->count && !a; i++)
            a = d0->items[i].id == b->id ? &d0->items[i] : NULL;
        double X[3], Y[3];
        if (!a) {
            (*strangers)++;
            continue;
        }
        if (!truth_hit(truth0, a->x_mm * ppm0, a->y_mm * ppm0, X) || !truth_hit(truth1, b->x_mm * ppm1, b->y_mm * ppm1, Y))
            continue;
        double m = sqrt((X[0] - Y[0]) * (X[0] - Y[0]) + (X[1] - Y[1]) * (X[1] - Y[1]) + (X[2] - Y[2]) * (X[2] - Y[2]));
        miss[(*common)++] = m;
        worst = m > worst ? m : worst;
    }
    for (int i = 1; miss && i < *common; i++) /* insertion sort: a few thousand */
        for (int k = i; k > 0 && miss[k] < miss[k - 1]; k--) {
            double t = miss[k];
            miss[k] = miss[k - 1], miss[k - 1] = t;
        }
    *median = miss && *common ? miss[*common / 2] : 0;
    free(miss);
    return worst;
}

/* View 1's dots that view 0 does not list, yet lie on skin view 0 sees at a cosine of
 * at least 0.1: every dot of skin view 0 sees should be drawn there too. */
static int strangers_view0_sees(const DotList *d0, const DotList *d1, double ppm1, const PlanHead *truth0,
                                const PlanHead *truth1)
{
    Head3D h0;
    CHECK(head3d_from_plan(truth0, PHOTO, PHOTO, &h0));
    int seen = 0;
    for (int j = 0; j < d1->count; j++) {
        bool listed = false;
        for (int i = 0; i < d0->count && !listed; i++)
            listed = d0->items[i].id == d1->items[j].id;
        double X[3];
        if (listed || !truth_hit(truth1, d1->items[j].x_mm * ppm1, d1->items[j].y_mm * ppm1, X))
            continue;
        vec3s u = glms_vec3_normalize((vec3s){{(float)(X[0] / h0.radii.x), (float)(X[1] / h0.radii.y),
                                              (float)(X[2] / h0.radii.z)}});
        seen += head3d_footprint(&h0, u).cos_view >= 0.1f;
    }
    return seen;
}

static void test_same_ids_where_the_cameras_put_them(void)
{
    PlanHead top = camera(0, 70, 0, 0, 0), side = camera(40, 35, 6, 10, -5);
    PlanHead wrong = side;
    wrong.yaw_deg += 4; /* negative control: view 1 drawn through a camera 4 degrees off */
    SmpPlan p, q;
    two_view_plan(&p, &top, &side);
    two_view_plan(&q, &top, &wrong);
    double ppm0, ppm1, ppmw, median, wmedian;
    DotList d0 = render_view(&p, 0, &ppm0), d1 = render_view(&p, 1, &ppm1), dw = render_view(&q, 1, &ppmw);
    int common, strangers, wcommon, wstrangers;
    double worst = misses(&d0, ppm0, &d1, ppm1, &top, &side, &median, &common, &strangers);
    double wworst = misses(&d0, ppm0, &dw, ppmw, &top, &side, &wmedian, &wcommon, &wstrangers);
    printf("# view 0: %d dots, view 1: %d (%d with view 0's ids, %d others): on the surface median %.3f mm, worst "
           "%.3f mm; through a camera 4 deg off: median %.2f mm, worst %.2f mm\n",
           d0.count, d1.count, common, strangers, median, worst, wmedian, wworst);
    CHECK(common > 1000 && common + strangers == d1.count && strangers < d1.count / 100);
    CHECK(strangers_view0_sees(&d0, &d1, ppm1, &top, &side) == 0);
    CHECK(worst < 1.0);
    CHECK(wmedian > 1.0); /* the check tells a wrong camera */
    dots_free(&d0);
    dots_free(&d1);
    dots_free(&dw);
    plan_free(&p);
    plan_free(&q);
}

/* A view that cannot be drawn says why, in one line. */
static void test_views_that_cannot_be_drawn(void)
{
    SmpPlan p;
    SmpImage photo = {0}, out = {0};
    SmpError err = {{0}};
    PlanHead top = camera(0, 70, 0, 0, 0);
    two_view_plan(&p, &top, &top);
    CHECK(image_alloc(64, 64, &photo, &err));
    RenderRequest req = {.view = 2, .no_mattes = true};
    CHECK(!render_plan(&photo, &p, &req, &out, NULL, &err) && strstr(err.msg, "no view 2"));
    req.view = 1;
    p.extra_views[0].head.set = false;
    CHECK(!render_plan(&photo, &p, &req, &out, NULL, &err) && strstr(err.msg, "view 1 cannot be drawn"));
    p.extra_views[0].head.set = true, p.head.set = false;
    CHECK(!render_plan(&photo, &p, &req, &out, NULL, &err) && strstr(err.msg, "view 0 has no fitted head"));
    CHECK(!strchr(err.msg, '\n'));
    image_free(&photo);
    plan_free(&p);
}

/* The test's photos: plain grey, a shade per view, so each cell shows its own. */
static bool grey_photo(void *ctx, int n, SmpImage *out, SmpError *err)
{
    (void)ctx;
    if (!image_alloc(PHOTO, PHOTO, out, err))
        return false;
    memset(out->pixels, 150 + 20 * n, (size_t)PHOTO * PHOTO * 4);
    return true;
}

/* pixels of a (w x h at ax, ay) equal those of b at (bx, by) */
static bool same_block(const SmpImage *a, int ax, int ay, const SmpImage *b, int bx, int by, int w, int h)
{
    for (int y = 0; y < h; y++)
        if (memcmp(image_pixel(a, ax, ay + y), image_pixel(b, bx, by + y), (size_t)w * 4) != 0)
            return false;
    return true;
}

/* The sheet of every view: each cell is that view's render (as `render --view n`)
 * shrunk, on white, captioned; a cell with the photo alone (no dots) is not. */
static void test_views_sheet(void)
{
    SmpPlan p;
    PlanHead top = camera(0, 70, 0, 0, 0), side = camera(40, 35, 6, 10, -5);
    two_view_plan(&p, &top, &side);
    SmpError err = {{0}};
    RenderRequest req = {.layout = LAYOUT_VIEWS, .no_mattes = true, .threads = 1};
    SmpImage sheet = {0}, cell[2] = {{0}};
    CHECKF(render_views_sheet(&p, &req, grey_photo, NULL, &sheet, &err), "%s", err.msg);
    for (int n = 0; n < 2; n++) {
        SmpImage photo = {0}, full = {0};
        RenderRequest one = {.view = n, .no_mattes = true, .threads = 1};
        CHECK(grey_photo(NULL, n, &photo, &err) && render_plan(&photo, &p, &one, &full, NULL, &err) &&
              compose_shrink(&full, RENDER_VIEWS_CELL, &cell[n], &err));
        image_free(&photo);
        image_free(&full);
    }
    /* PHOTO px views fit a cell whole: two cells and three gaps of w / 40 + 2 */
    int w = RENDER_VIEWS_CELL, gap = w / 40 + 2, x0 = (w - cell[0].width) / 2;
    CHECKF(sheet.width == 2 * w + 3 * gap && sheet.height == cell[0].height + 2 * gap, "%dx%d", sheet.width,
           sheet.height);
    int below_caption = cell[0].height / 3; /* the caption sits at the cell's top-left */
    for (int n = 0; n < 2 && sheet.pixels; n++) {
        int sx = gap + n * (w + gap) + x0, sy = gap + below_caption;
        CHECKF(same_block(&sheet, sx, sy, &cell[n], 0, below_caption, cell[n].width, cell[n].height - below_caption),
               "view %d's cell", n);
    }
    SmpImage bare = {0}, bare_small = {0};
    CHECK(grey_photo(NULL, 1, &bare, &err) && compose_shrink(&bare, RENDER_VIEWS_CELL, &bare_small, &err));
    CHECK(!same_block(&sheet, 2 * gap + w + x0, gap + below_caption, &bare_small, 0, below_caption, bare_small.width,
                      bare_small.height - below_caption)); /* negative control: view 1's cell has its dots */
    image_free(&sheet);
    req.preset = PRESET_1_1;
    CHECK(!render_views_sheet(&p, &req, grey_photo, NULL, &sheet, &err) && strstr(err.msg, "full photos"));
    image_free(&sheet);
    image_free(&bare);
    image_free(&bare_small);
    image_free(&cell[0]);
    image_free(&cell[1]);
    plan_free(&p);
}

/* The sheet in steps (the app's export): render_views_sheet's bytes, with the mattes
 * found per view, in many steps; a failing view is named. */
static void test_views_sheet_in_steps(void)
{
    SmpPlan p;
    PlanHead top = camera(0, 70, 0, 0, 0), side = camera(40, 35, 6, 10, -5);
    two_view_plan(&p, &top, &side);
    SmpError err = {{0}};
    RenderRequest req = {.layout = LAYOUT_VIEWS, .threads = 1};
    SmpImage one_go = {0}, stepped = {0};
    CHECKF(render_views_sheet(&p, &req, grey_photo, NULL, &one_go, &err), "%s", err.msg);
    ViewsSheetSteps *s = render_views_steps_begin(&p, &req, grey_photo, NULL, 100000);
    int steps = 1;
    while (render_views_steps_next(s))
        steps++;
    CHECKF(render_views_steps_end(s, &stepped, &err), "%s", err.msg);
    printf("# views' sheet: %d steps\n", steps);
    CHECKF(steps > 20, "%d steps: not cut into steps", steps); /* a step a stage would be 8 */
    CHECK(one_go.pixels && stepped.pixels && one_go.width == stepped.width && one_go.height == stepped.height &&
          !memcmp(one_go.pixels, stepped.pixels, (size_t)one_go.width * one_go.height * 4));
    image_free(&stepped);
    p.extra_views[0].head.set = false; /* view 1 cannot be drawn */
    s = render_views_steps_begin(&p, &req, grey_photo, NULL, 100000);
    while (render_views_steps_next(s))
        ;
    CHECK(!render_views_steps_end(s, &stepped, &err) && !strncmp(err.msg, "view 1: ", 8) && !stepped.pixels);
    image_free(&one_go);
    plan_free(&p);
}

int main(void)
{
    TEST_RUN(test_v1_reads_as_one_view);
    TEST_RUN(test_views_round_trip);
    TEST_RUN(test_view_limit);
    TEST_RUN(test_seed_and_test_plans_migrate);
    TEST_RUN(test_same_ids_where_the_cameras_put_them);
    TEST_RUN(test_views_that_cannot_be_drawn);
    TEST_RUN(test_views_sheet);
    TEST_RUN(test_views_sheet_in_steps);
    return TEST_SUMMARY();
}
