/* Bounded time and memory (issue 13, items 4, 5, 7): a mis-set scale is
 * refused before allocating, the Scale tool warns about it, self-crossing
 * polygons fill even-odd, the undo history stays under its memory bound, and
 * replay scripts stream in constant memory and are refused over their limit.
 * Memory is read from getrusage (peak RSS), never from timing. */
/* ftruncate, mkstemp: POSIX 2008 with X/Open. */
#define _XOPEN_SOURCE 700

#include "app/app_internal.h"
#include "app/replay.h"
#include "app/undo.h"
#include "core/candidates.h"
#include "core/density.h"
#include "core/scene.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void scale_plan(SmpPlan *p, double px, double mm)
{
    plan_init(p);
    p->scale.set = true;
    p->scale.a = (PlanPoint){100, 100};
    p->scale.b = (PlanPoint){100 + px, 100};
    p->scale.distance_mm = mm;
}

static void add_hairline(SmpPlan *p)
{
    p->hairline.count = 3;
    p->hairline.points[0] = (PlanPoint){500, 900};
    p->hairline.points[1] = (PlanPoint){2000, 600};
    p->hairline.points[2] = (PlanPoint){3500, 900};
}

/* Runs first, while the peak RSS is still low: 300 000 lines (about 300 MB
 * the old way, one parsed command of ~1 KB per line) stream in a few KB. */
static void test_replay_script_streams(void)
{
    char path[] = "/tmp/smp_replayXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 300000; i++)
        fputs(i % 3 ? "wait 1\n" : "# a comment\n", f);
    fputs("quit", f); /* no newline at the end */
    fclose(f);
    long before = peak_rss_kb();
    ReplayScript s;
    SmpError err = {{0}};
    CHECKF(replay_script_open(&s, path, &err), "%s", err.msg);
    ReplayCmd c;
    int n = 0, last = REPLAY_NOP, r;
    while ((r = replay_script_next(&s, &c, &err)) == 1) {
        n++;
        last = c.kind;
    }
    CHECK(r == 0 && n == 200001 && last == REPLAY_QUIT && s.line == 300001);
    replay_script_close(&s);
    long grew = peak_rss_kb() - before;
    CHECKF(grew < 16 * 1024, "peak RSS grew by %ld KB", grew);
    unlink(path);
}

static void test_replay_script_refusals(void)
{
    char path[] = "/tmp/smp_replayXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    ReplayScript s;
    SmpError err = {{0}};
    /* A bad last line fails at open, before any command runs. */
    const char *bad = "wait 1\nwait 2\nfrobnicate\n";
    CHECK(write(fd, bad, strlen(bad)) == (ssize_t)strlen(bad));
    CHECK(!replay_script_open(&s, path, &err) && strstr(err.msg, ":3: unknown command"));
    /* Over the size limit: refused with a message, never cut silently
     * (sparse: no disk is used). */
    CHECK(ftruncate(fd, REPLAY_SCRIPT_MAX_BYTES + 1) == 0);
    CHECK(!replay_script_open(&s, path, &err) && strstr(err.msg, "over the 64 MiB limit"));
    /* A line over REPLAY_LINE_MAX is named. */
    CHECK(ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0);
    char line[REPLAY_LINE_MAX + 20];
    memset(line, 'a', sizeof line);
    CHECK(write(fd, "wait 1\n", 7) == 7 && write(fd, line, sizeof line) == (ssize_t)sizeof line);
    CHECK(!replay_script_open(&s, path, &err) && strstr(err.msg, ":2: line longer than"));
    /* Negative control: the same file cut to its good first line opens. */
    CHECK(ftruncate(fd, 7) == 0);
    CHECKF(replay_script_open(&s, path, &err), "%s", err.msg);
    replay_script_close(&s);
    close(fd);
    unlink(path);
    CHECK(!replay_script_open(&s, "/dev/null", &err) && strstr(err.msg, "not a regular file"));
}

static void test_candidates_count_matches_build(void)
{
    SmpError err;
    size_t n = 0;
    CandidateSet set;
    CHECK(candidates_count(300.0, 420.5, &n, &err));
    CHECK(candidates_build(300.0, 420.5, &set, &err));
    CHECK(n > 0 && (size_t)set.count == n);
    candidates_free(&set);
}

/* 10 px for 63 mm on a 12-megapixel photo: 400 m2 of "scalp", ~30 GB of
 * candidates the old way. Refused with a message, in bounded memory; the same
 * scene at a plausible scale builds (negative control). */
static void test_scene_refuses_tiny_scale(void)
{
    SmpScene *scene = NULL;
    SmpError err = {{0}};
    SmpPlan plan;
    scale_plan(&plan, 10, 63);
    add_hairline(&plan);
    long before = peak_rss_kb();
    CHECK(scene_create(4000, 3000, &scene, &err));
    CHECK(!scene_update(scene, &plan, SCENE_CHANGED_ALL, &err));
    CHECKF(strstr(err.msg, "check the scale") && strstr(err.msg, "0.159 px/mm"), "%s", err.msg);
    CHECK(scene_dots(scene)->count == 0);
    long grew = peak_rss_kb() - before;
    CHECKF(grew < 64 * 1024, "peak RSS grew by %ld KB", grew);
    plan_free(&plan);
    scale_plan(&plan, 315, 63); /* 5 px/mm */
    add_hairline(&plan);
    CHECKF(scene_update(scene, &plan, SCENE_CHANGED_ALL, &err), "%s", err.msg);
    CHECK(scene_candidate_count(scene) > 100000 && scene_dots(scene)->count > 1000);
    plan_free(&plan);
    scene_destroy(scene);
}

/* Candidates are built only while the plan can show dots: a 48-megapixel
 * photo alone at the default scale (4 px/mm: 4.8 million candidates, over
 * 300 MB) keeps none; its first hairline builds them, removing it frees them. */
static void test_scene_builds_candidates_only_for_dots(void)
{
    SmpScene *scene = NULL;
    SmpError err = {{0}};
    SmpPlan plan;
    plan_init(&plan);
    CHECK(scene_create(8000, 6000, &scene, &err));
    long before = peak_rss_kb();
    CHECKF(scene_update(scene, &plan, SCENE_CHANGED_ALL, &err), "%s", err.msg);
    CHECK(scene_candidate_count(scene) == 0 && scene_dots(scene)->count == 0);
    long grew = peak_rss_kb() - before;
    CHECKF(grew < 200 * 1024, "peak RSS grew by %ld KB", grew);
    add_hairline(&plan);
    CHECKF(scene_update(scene, &plan, SCENE_CHANGED_HAIRLINE, &err), "%s", err.msg);
    CHECK(scene_candidate_count(scene) > 4000000 && scene_dots(scene)->count > 1000);
    plan.hairline.count = 0;
    CHECKF(scene_update(scene, &plan, SCENE_CHANGED_HAIRLINE, &err), "%s", err.msg);
    CHECK(scene_candidate_count(scene) == 0 && scene_dots(scene)->count == 0);
    plan_free(&plan);
    scene_destroy(scene);
}

static void test_scale_tool_warns(void)
{
    App *app = calloc(1, sizeof *app);
    CHECK(app != NULL);
    if (!app)
        return;
    char msg[200];
    app->doc.has_photo = true;
    app->doc.photo.width = 4000, app->doc.photo.height = 3000;
    scale_plan(&app->doc.plan, 10, 63);
    app_tool_scale_message(app, msg, sizeof msg);
    CHECKF(strstr(msg, "Warning") && strstr(msg, "under 1 px/mm"), "%s", msg);
    /* 2 px/mm with the outer eye corners 600 px apart: a 51 cm head. */
    scale_plan(&app->doc.plan, 126, 63);
    app->doc.plan.landmarks.has_eye_left = app->doc.plan.landmarks.has_eye_right = true;
    app->doc.plan.landmarks.eye_left = (PlanPoint){1700, 1500};
    app->doc.plan.landmarks.eye_right = (PlanPoint){2300, 1500};
    app_tool_scale_message(app, msg, sizeof msg);
    CHECKF(strstr(msg, "Warning") && strstr(msg, "head about 51 cm"), "%s", msg);
    /* Without eye marks, a photo whose shorter side is 1.5 m. */
    app->doc.plan.landmarks.has_eye_left = app->doc.plan.landmarks.has_eye_right = false;
    app_tool_scale_message(app, msg, sizeof msg);
    CHECKF(strstr(msg, "Warning") && strstr(msg, "1.5 m across"), "%s", msg);
    /* Negative control: 20 px/mm with eyes 1800 px apart (a 15 cm head). */
    scale_plan(&app->doc.plan, 1260, 63);
    app->doc.plan.landmarks.has_eye_left = app->doc.plan.landmarks.has_eye_right = true;
    app->doc.plan.landmarks.eye_left = (PlanPoint){1100, 1500};
    app->doc.plan.landmarks.eye_right = (PlanPoint){2900, 1500};
    app_tool_scale_message(app, msg, sizeof msg);
    CHECKF(!strstr(msg, "Warning") && strstr(msg, "Scale set: 20.00 pixels per mm"), "%s", msg);
    free(app);
}

/* A pentagram (self-crossing) fills even-odd: the tips are treated, the
 * inner pentagon (crossed twice) is not. A nonzero fill would treat it. */
static void test_polygon_even_odd(void)
{
    SmpPlan plan;
    SmpError err;
    scale_plan(&plan, 63, 63); /* 1 px/mm: pixels are millimetres */
    PlanPoint star[5];
    for (int i = 0; i < 5; i++) {
        double a = -M_PI / 2 + i * 4 * M_PI / 5;
        star[i] = (PlanPoint){200 + 150 * cos(a), 200 + 150 * sin(a)};
    }
    CHECK(plan_add_region(&plan, REGION_TREAT, REGION_POLYGON, false, 5, star, 5, &err));
    DensityField *f = NULL;
    CHECK(density_create(400, 400, &f, &err));
    if (!f)
        return;
    density_update_regions(f, &plan);
    DensitySample tip, centre, outside;
    density_sample(f, 200, 200 - 120, &tip);
    density_sample(f, 200, 200, &centre);
    density_sample(f, 20, 380, &outside);
    CHECKF(tip.coverage > 0.5f && centre.coverage == 0.0f && outside.coverage == 0.0f, "tip %g centre %g out %g",
           tip.coverage, centre.coverage, outside.coverage);
    density_destroy(f);
    plan_free(&plan);
}

static void big_plan(SmpPlan *p)
{
    SmpError err;
    plan_init(p);
    static PlanPoint pts[PLAN_MAX_REGION_POINTS];
    for (int i = 0; i < PLAN_MAX_REGION_POINTS; i++)
        pts[i] = (PlanPoint){i % 97, i % 89};
    for (int r = 0; r < PLAN_MAX_REGIONS; r++)
        plan_add_region(p, REGION_TREAT, REGION_POLYGON, false, 5, pts, PLAN_MAX_REGION_POINTS, &err);
}

/* 60 edits of a plan of 256 x 4096 points: 1 GB as full copies. The history
 * keeps to its bound and still undoes exactly the newest edits. */
static void test_undo_memory_bound(void)
{
    UndoStack st;
    SmpError err;
    CHECK(undo_init(&st, 200, &err));
    SmpPlan p, q;
    big_plan(&p);
    size_t one = undo_plan_bytes(&p);
    CHECK(one > 16u << 20);
    for (int i = 0; i < 60; i++) {
        p.seed = (uint32_t)i;
        CHECK(undo_push(&st, &p, &err));
    }
    CHECKF(st.bytes <= UNDO_MAX_BYTES && st.count == (int)(UNDO_MAX_BYTES / one), "%zu bytes, %d snapshots",
           st.bytes, st.count);
    plan_init(&q);
    CHECK(undo_pop(&st, &q) && q.seed == 59 && plan_equal(&p, &q));
    plan_free(&q);
    CHECK(undo_pop(&st, &q) && q.seed == 58);
    plan_free(&q);
    plan_free(&p);
    /* Negative control: small plans keep the whole count. */
    undo_clear(&st);
    CHECK(st.bytes == 0);
    plan_init(&p);
    for (int i = 0; i < 60; i++)
        CHECK(undo_push(&st, &p, &err));
    CHECK(st.count == 60);
    plan_free(&p);
    undo_free(&st);
}

int main(void)
{
    TEST_RUN(test_replay_script_streams);
    TEST_RUN(test_replay_script_refusals);
    TEST_RUN(test_candidates_count_matches_build);
    TEST_RUN(test_scene_refuses_tiny_scale);
    TEST_RUN(test_scene_builds_candidates_only_for_dots);
    TEST_RUN(test_scale_tool_warns);
    TEST_RUN(test_polygon_even_odd);
    TEST_RUN(test_undo_memory_bound);
    return TEST_SUMMARY();
}
