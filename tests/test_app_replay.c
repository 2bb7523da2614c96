/* Unit tests of the editor's plain-C parts, without a window: the replay
 * parser and key names, the undo stack, the view arithmetic, frame stats, and
 * the app itself driven by events with no photo. */
/* mkdtemp: POSIX 2008, but glibc declares it only with X/Open. */
#define _XOPEN_SOURCE 700

#include "app/app.h"
#include "app/browse.h"
#include "app/draw.h"
#include "app/replay.h"
#include "app/undo.h"
#include "app/view.h"
#include "core/render.h"
#include "core/scar_spots.h"
#include "io/photo.h"
#include "io/plan_file.h"
#include "io/image_write.h"
#include "platform/frame_stats.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool parse(const char *line, ReplayCmd *c, char *problem)
{
    return replay_parse_line(line, strlen(line), c, problem);
}

static void test_replay_commands(void)
{
    ReplayCmd c;
    char problem[REPLAY_PROBLEM_MAX];
    CHECK(parse("mouse_down 10 20.5 right", &c, problem) && c.kind == REPLAY_EVENT &&
          c.event.kind == APP_EV_MOUSE_DOWN && c.event.x == 10 && c.event.y == 20.5f && c.event.button == APP_BUTTON_RIGHT);
    CHECK(parse("mouse_up 1 2", &c, problem) && c.event.button == APP_BUTTON_LEFT);
    CHECK(parse("wheel -2", &c, problem) && c.event.dy == -2 && c.event.x < 0);
    CHECK(parse("wheel 3 100 200", &c, problem) && c.event.x == 100 && c.event.y == 200);
    CHECK(parse("finger_move 7 5 6", &c, problem) && c.event.kind == APP_EV_FINGER_MOVE && c.event.finger == 7);
    CHECK(parse("key ctrl+shift+z", &c, problem) && c.kind == REPLAY_KEY && c.event.key == 'z' &&
          c.event.mods == (APP_MOD_CTRL | APP_MOD_SHIFT));
    CHECK(parse("key_up space", &c, problem) && c.event.kind == APP_EV_KEY_UP && c.event.key == APP_KEY_SPACE);
    CHECK(parse("key f1", &c, problem) && c.event.key == APP_KEY_F1);
    CHECK(parse("text  two words ", &c, problem) && !strcmp(c.event.text, " two words "));
    CHECK(parse("drop some dir/photo.jpg\r", &c, problem) && c.event.kind == APP_EV_DROP &&
          !strcmp(c.event.text, "some dir/photo.jpg"));
    CHECK(parse("screenshot out.png", &c, problem) && c.kind == REPLAY_SCREENSHOT && !strcmp(c.event.text, "out.png"));
    CHECK(parse("dump a.smp", &c, problem) && c.kind == REPLAY_DUMP);
    CHECK(parse("size 800 600", &c, problem) && c.kind == REPLAY_SIZE && c.w == 800 && c.h == 600);
    CHECK(parse("wait 5", &c, problem) && c.kind == REPLAY_WAIT && c.n == 5);
    CHECK(parse("quit", &c, problem) && c.kind == REPLAY_QUIT);
    CHECK(parse("# comment", &c, problem) && c.kind == REPLAY_NOP);
    CHECK(parse("   ", &c, problem) && c.kind == REPLAY_NOP);
}

static void test_replay_errors(void)
{
    ReplayCmd c;
    char problem[REPLAY_PROBLEM_MAX];
    CHECK(!parse("frobnicate", &c, problem) && strstr(problem, "unknown command 'frobnicate'"));
    CHECK(!parse("mouse_down 1 x", &c, problem) && strstr(problem, "bad number 'x'"));
    CHECK(!parse("mouse_down 1", &c, problem) && strstr(problem, "missing number"));
    CHECK(!parse("mouse_down 1 2 sideways", &c, problem) && strstr(problem, "unknown button"));
    CHECK(!parse("wait 1.5", &c, problem));
    CHECK(!parse("wait 1 2", &c, problem) && strstr(problem, "unexpected"));
    CHECK(!parse("key hyper+q", &c, problem) && strstr(problem, "unknown key"));
    CHECK(!parse("mouse_move nan 1", &c, problem));
    CHECK(!parse("size 10 10", &c, problem) && strstr(problem, "out of range"));
    CHECK(!parse("dump", &c, problem) && strstr(problem, "missing path"));
    /* Any bytes: no crash, a printable problem. */
    const char junk[] = {'k', 'e', 'y', ' ', (char)0xff, 0, 'x'};
    CHECK(!replay_parse_line(junk, sizeof junk, &c, problem));
}

static void test_key_names(void)
{
    int k, m;
    char buf[8];
    CHECK(app_key_parse("?", &k, &m) && k == '?' && m == 0);
    CHECK(app_key_parse("ctrl++", &k, &m) && k == '+' && m == APP_MOD_CTRL);
    CHECK(app_key_parse("Delete", &k, &m) && k == APP_KEY_DELETE);
    CHECK(app_key_parse("F12", &k, &m) && k == APP_KEY_F12);
    CHECK(!app_key_parse("f13", &k, &m));
    CHECK(!app_key_parse("", &k, &m));
    CHECK(!strcmp(app_key_name(APP_KEY_F1 + 2, buf), "f3"));
    CHECK(!strcmp(app_key_name('z', buf), "z"));
}

static void test_undo_exact(void)
{
    UndoStack st;
    SmpError err;
    CHECK(undo_init(&st, 3, &err));
    SmpPlan p, q;
    plan_init(&p);
    PlanPoint pts[3] = {{1, 2}, {3, 4}, {5, 6}};
    CHECK(plan_add_region(&p, REGION_SCAR, REGION_STROKE, false, 4.5, pts, 3, &err));
    p.hairline.count = 1;
    p.hairline.points[0] = (PlanPoint){10, 20};
    for (int i = 0; i < 5; i++) { /* over capacity: the oldest are dropped */
        p.seed = (uint32_t)i;
        CHECK(undo_push(&st, &p, &err));
    }
    CHECK(st.count == 3);
    plan_init(&q);
    CHECK(undo_pop(&st, &q));
    p.seed = 4;
    CHECK(plan_equal(&p, &q));
    plan_free(&q);
    CHECK(undo_pop(&st, &q) && q.seed == 3);
    plan_free(&q);
    CHECK(undo_pop(&st, &q) && q.seed == 2);
    plan_free(&q);
    CHECK(!undo_pop(&st, &q));
    plan_free(&p);
    undo_free(&st);
}

static void test_view_zoom_keeps_point(void)
{
    ViewState v = {{100, 50, 800, 600}, 1, 0, 0, 4000, 3000};
    view_fit(&v);
    CHECK_NEAR(v.zoom, 0.2, 1e-6);
    double px, py, qx, qy;
    view_to_photo(&v, 400, 300, &px, &py);
    view_zoom_at(&v, 400, 300, 3.0);
    view_to_photo(&v, 400, 300, &qx, &qy);
    CHECK_NEAR(px, qx, 1e-9);
    CHECK_NEAR(py, qy, 1e-9);
    view_actual_size(&v);
    CHECK(v.zoom == 1 && v.ox == (double)(long)v.ox && v.oy == (double)(long)v.oy);
    view_zoom_at(&v, 0, 0, 1e9);
    CHECK(v.zoom == VIEW_ZOOM_MAX);
}

static void test_frame_stats_nearest_rank(void)
{
    FrameStats s;
    CHECK(frame_stats_init(&s));
    for (int i = 1; i <= 20; i++)
        frame_stats_add(&s, i); /* 1..20 ms */
    CHECK_NEAR(frame_stats_percentile(&s, 50), 10, 1e-9);
    CHECK_NEAR(frame_stats_percentile(&s, 95), 19, 1e-9);
    frame_stats_add(&s, 1e6); /* beyond the histogram: counted, clamped */
    CHECK(s.frames == 21);
    frame_stats_free(&s);
}

static void test_app_without_photo(void)
{
    AppConfig cfg = {NULL, "", NULL, true};
    App *app = NULL;
    SmpError err;
    CHECK(app_create(&cfg, &app, &err));
    if (!app)
        return;
    AppEvent e;
    memset(&e, 0, sizeof e);
    e.kind = APP_EV_KEY_DOWN;
    e.key = APP_KEY_F1;
    app_event(app, &e);
    const AppFrame *f = app_frame(app, 0, 800, 600, 1);
    CHECK(f->photo == NULL && f->ui->count > 0 && !f->ui->overflowed);
    e.kind = APP_EV_MOUSE_DOWN;
    e.x = 400, e.y = 300;
    app_event(app, &e);
    e.kind = APP_EV_MOUSE_UP;
    app_event(app, &e);
    f = app_frame(app, 0.1, 1024, 768, 2); /* HiDPI: rebakes the font */
    CHECK(f->width == 1024 && app_visible_dots(app) == 0);
    e.kind = APP_EV_DROP;
    strcpy(e.text, "/nonexistent/photo.jpg");
    app_event(app, &e); /* fails with a message, keeps running */
    CHECK(strstr(app_last_error(app), "photo.jpg") != NULL);
    e.kind = APP_EV_QUIT;
    app_event(app, &e);
    CHECK(app_wants_quit(app));
    app_destroy(app);
}

/* Runs frames until the app is idle (or ~20 s pass); returns the last frame. */
static const AppFrame *frames_until_idle(App *app, double *now)
{
    const AppFrame *f = NULL;
    for (int i = 0; i < 4000; i++) {
        f = app_frame(app, *now += 0.005, 800, 600, 1);
        if (!app_busy(app))
            break;
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    }
    return f;
}

static void drop(App *app, const char *path)
{
    AppEvent e;
    memset(&e, 0, sizeof e);
    e.kind = APP_EV_DROP;
    snprintf(e.text, sizeof e.text, "%s", path);
    app_event(app, &e);
}

/* The photo shows with its dots before the head and hair are found, and a
 * second photo opened meanwhile gets its own mattes (the first one's photo
 * stays alive for its thread: ASan watches). */
static void test_photo_shows_before_mattes(void)
{
    const char *root = getenv("SMP_ROOT") ? getenv("SMP_ROOT") : ".";
    char front[512], top[512], state[] = "/tmp/smp_mattes_XXXXXX";
    snprintf(front, sizeof front, "%s/assets/sample_front.jpg", root);
    snprintf(top, sizeof top, "%s/assets/sample_top.jpg", root);
    CHECK(mkdtemp(state) != NULL);
    AppConfig cfg = {NULL, state, NULL, true};
    App *app = NULL;
    SmpError err;
    CHECK(app_create(&cfg, &app, &err));
    if (!app)
        return;
    double now = 0;
    drop(app, front);
    const AppFrame *f = NULL;
    for (int i = 0; i < 4000 && !(f && f->photo); i++) {
        f = app_frame(app, now += 0.005, 800, 600, 1);
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    }
    CHECKF(f && f->photo && f->photo->height == 1600, "no photo: %s", app_last_error(app));
    CHECKF(f && !f->ink_keep && app_busy(app), "the first frame with the photo waited for the mattes");
    unsigned mattes_gen = f ? f->mattes_gen : 0;
    drop(app, top); /* while the front photo's mattes are being found */
    f = frames_until_idle(app, &now);
    CHECK(!app_busy(app) && f->photo && f->photo->width == 1200 && f->photo->height == 1200);
    CHECKF(f->ink_keep && f->ink_keep->height == 1200 && f->mattes_gen != mattes_gen,
           "the second photo's mattes: %dx%d", f->ink_keep ? f->ink_keep->width : 0,
           f->ink_keep ? f->ink_keep->height : 0);
    CHECK(app_last_error(app)[0] == 0);
    app_destroy(app);
    CHECK(test_remove_dir(state));
}

/* FUE scars in a painted scar get their own dot in the view, as in exports:
 * the sample's donor band painted as scar (7 spots by eye, tests/test_scars.c). */
static void test_fue_spots_in_view(void)
{
    const char *root = getenv("SMP_ROOT") ? getenv("SMP_ROOT") : ".";
    char seed[512], photo_path[512], dir[] = "/tmp/smp_fue_XXXXXX", plan_path[600];
    snprintf(seed, sizeof seed, "%s/seeds/scar_back.smp", root);
    CHECK(mkdtemp(dir) != NULL);
    snprintf(plan_path, sizeof plan_path, "%s/fue.smp", dir);
    SmpPlan plan;
    SmpError err = {{0}};
    SmpImage photo = {0};
    const PlanPoint box[4] = {{430, 790}, {770, 790}, {770, 930}, {430, 930}};
    bool ok = plan_load(seed, &plan, &err) && plan_resolve_photo(seed, &plan, photo_path, sizeof photo_path) &&
              photo_load(photo_path, &photo, NULL, &err) &&
              plan_add_region(&plan, REGION_SCAR, REGION_POLYGON, false, 1, box, 4, &err);
    CHECKF(ok, "%s", err.msg);
    if (!ok)
        return;
    snprintf(plan.photo_path, sizeof plan.photo_path, "%s", photo_path);
    RenderRequest req = {.threads = 1, .no_mattes = true};
    SmpImage out = {0};
    DotList dots = {0};
    CHECKF(plan_save(plan_path, &plan, &err) && render_plan(&photo, &plan, &req, &out, &dots, &err), "%s", err.msg);
    int spot_dots = 0;
    for (int i = 0; i < dots.count; i++)
        spot_dots += dots.items[i].id > UINT32_MAX - SCAR_SPOTS_MAX;
    App *app = NULL;
    AppConfig cfg = {plan_path, dir, NULL, true};
    CHECK(app_create(&cfg, &app, &err));
    double now = 0;
    if (app)
        frames_until_idle(app, &now);
    printf("FUE: export %d dots (%d on spots), view %d\n", dots.count, spot_dots, app ? app_visible_dots(app) : -1);
    CHECKF(spot_dots >= 6, "the export put %d dots on FUE scars", spot_dots);
    CHECK(app && app_visible_dots(app) == dots.count);
    app_destroy(app);
    dots_free(&dots);
    image_free(&out);
    image_free(&photo);
    plan_free(&plan);
    CHECK(test_remove_dir(dir));
}

/* Writes a w x h JPEG at path, whole or cut to half its bytes (the header
 * reads, the decode fails on the worker). */
static bool write_jpeg(const char *path, int w, int h, bool whole)
{
    SmpImage img;
    SmpError err;
    if (!image_create(w, h, &img, &err))
        return false;
    for (size_t i = 0; i < (size_t)w * h * 4; i++)
        img.pixels[i] = (uint8_t)(i % 4 == 3 ? 255 : i * 7 % 251);
    bool ok = image_write(path, &img, NULL, &err);
    image_free(&img);
    FILE *f = ok && !whole ? fopen(path, "r+b") : NULL;
    if (f) {
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fclose(f);
        ok = truncate(path, n / 2) == 0;
    }
    return ok;
}

/* A photo slow to open (48 MP): the "Opening" box's Cancel button, pressed
 * while it decodes, drops it; without the press it opens (control). */
static void test_cancel_button_on_slow_open(void)
{
    char dir[] = "/tmp/smp_cancel_XXXXXX", path[600];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/big.jpg", dir);
    SmpError err;
    CHECK(write_jpeg(path, 8000, 6000, true));
    for (int press = 1; press >= 0; press--) {
        AppConfig cfg = {NULL, dir, NULL, true};
        App *app = NULL;
        CHECK(app_create(&cfg, &app, &err));
        if (!app)
            break;
        double now = 0;
        drop(app, path);
        /* the box: 460x132 centred (from the last frame's size), Cancel at its lower right */
        app_frame(app, now += 0.005, 800, 600, 1);
        app_frame(app, now += 0.005, 800, 600, 1);
        if (press) {
            AppEvent e;
            memset(&e, 0, sizeof e);
            e.kind = APP_EV_MOUSE_DOWN, e.x = 550, e.y = 332, e.button = APP_BUTTON_LEFT;
            app_event(app, &e);
            e.kind = APP_EV_MOUSE_UP;
            app_event(app, &e);
        }
        const AppFrame *f = frames_until_idle(app, &now);
        if (press)
            CHECKF(f && f->photo == NULL, "Cancel pressed, yet the photo opened");
        else
            CHECKF(f && f->photo && f->photo->width == 8000, "the control did not open: %s", app_last_error(app));
        app_destroy(app);
    }
    CHECK(test_remove_dir(dir));
}

static int shown_width(App *app, double *now)
{
    const AppFrame *f = frames_until_idle(app, now);
    return f && f->photo ? f->photo->width : 0;
}

/* An open whose photo could not be read yet (the web build: a kept photo the
 * page reads when first asked for) is opened again by app_open_again once it
 * can be; nothing opens again by itself (control), and after a successful
 * open, of it or of another photo, there is nothing to open again. */
static void test_open_again_after_a_failed_load(void)
{
    char dir[] = "/tmp/smp_again_XXXXXX", late[600], other[600];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(late, sizeof late, "%s/late.jpg", dir);
    snprintf(other, sizeof other, "%s/other.jpg", dir);
    AppConfig cfg = {NULL, dir, NULL, true};
    App *app = NULL;
    SmpError err;
    CHECK(write_jpeg(late, 64, 48, false) && write_jpeg(other, 80, 60, true) && app_create(&cfg, &app, &err));
    if (!app)
        return;
    double now = 0;
    drop(app, late);
    CHECKF(shown_width(app, &now) == 0 && app_last_error(app)[0], "a cut JPEG opened: %s", app_last_error(app));
    CHECK(write_jpeg(late, 64, 48, true));
    CHECK(shown_width(app, &now) == 0); /* control: not by itself */
    app_open_again(app);
    CHECKF(shown_width(app, &now) == 64, "not opened again: %s", app_last_error(app));
    CHECK(write_jpeg(late, 64, 48, false));
    app_open_again(app); /* it opened: nothing to do */
    CHECK(!app_busy(app) && shown_width(app, &now) == 64);
    drop(app, late); /* fails again, then another photo opens */
    CHECK(shown_width(app, &now) == 64);
    drop(app, other);
    CHECK(shown_width(app, &now) == 80);
    CHECK(write_jpeg(late, 64, 48, true));
    app_open_again(app);
    CHECK(shown_width(app, &now) == 80);
    app_destroy(app);
    CHECK(test_remove_dir(dir));
}

static void touch(const char *dir, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    if (f)
        fclose(f);
}

/* The open dialog's listing: filtered by extension (any case), hidden names
 * left out, ".." then folders then files, each by name ignoring case. */
static void test_browse_listing(void)
{
    CHECK(browse_file_kind("a.JPG") == BROWSE_PHOTO && browse_file_kind("b.HeIc") == BROWSE_PHOTO &&
          browse_file_kind("c.webp") == BROWSE_PHOTO && browse_file_kind("d.SMP") == BROWSE_PLAN &&
          browse_file_kind("f.SmpB") == BROWSE_BUNDLE &&
          browse_file_kind("e.txt") == -1 && browse_file_kind(".png") == -1 && browse_file_kind("png") == -1);
    char out[64];
    browse_parent("/a/b", out, sizeof out);
    CHECK(!strcmp(out, "/a"));
    browse_parent("/a", out, sizeof out);
    CHECK(!strcmp(out, "/"));
    browse_parent("/", out, sizeof out);
    CHECK(!strcmp(out, "/"));

    char dir[] = "/tmp/smp-browse-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return;
    }
    const char *files[] = {"B.JPG", "a.smp", "c.txt", ".hid.png", "d.jpeg"};
    for (int i = 0; i < 5; i++)
        touch(dir, files[i]);
    char sub[64];
    snprintf(sub, sizeof sub, "%s/zdir", dir);
    mkdir(sub, 0700);
    snprintf(sub, sizeof sub, "%s/Adir", dir);
    mkdir(sub, 0700);
    BrowseList b;
    SmpError err;
    CHECK(browse_init(&b, 16));
    CHECK(browse_list(&b, dir, false, &err));
    const char *want[] = {"..", "Adir", "zdir", "a.smp", "B.JPG", "d.jpeg"};
    CHECK(b.count == 6 && b.more == 0);
    for (int i = 0; i < 6 && i < b.count; i++)
        CHECK(!strcmp(b.entries[i].name, want[i]));
    CHECK(b.entries[0].kind == BROWSE_UP && b.entries[1].kind == BROWSE_DIR && b.entries[3].kind == BROWSE_PLAN &&
          b.entries[4].kind == BROWSE_PHOTO);
    char path[BROWSE_PATH_MAX + BROWSE_NAME_MAX];
    browse_entry_path(&b, 4, path, sizeof path);
    CHECK(!strcmp(path + strlen(path) - 6, "/B.JPG") && !strncmp(path, b.dir, strlen(b.dir)));
    CHECK(browse_list(&b, dir, true, &err) && b.count == 5); /* locating a photo: no plans */
    /* a missing folder fails and keeps the listing */
    CHECK(!browse_list(&b, "/nonexistent/folder", false, &err) && strstr(err.msg, "/nonexistent/folder") &&
          b.count == 5);
    browse_free(&b);
    CHECK(browse_init(&b, 3)); /* no room: counted, never grown */
    CHECK(browse_list(&b, dir, false, &err) && b.count == 3 && b.more == 3);
    browse_free(&b);
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        remove(path);
    }
    snprintf(sub, sizeof sub, "%s/zdir", dir);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/Adir", dir);
    rmdir(sub);
    rmdir(dir);
}

/* Clip spans of the draw list: a clip starts at the next vertex, one set
 * before any shape is replaced, and "off" after nothing clipped adds nothing. */
static void test_draw_clip(void)
{
    FontAtlas font = {0};
    DrawList dl;
    CHECK(draw_init(&dl, 256, &font));
    draw_clip_off(&dl);
    CHECK(dl.clip_count == 0);
    draw_rect(&dl, 0, 0, 10, 10, 0);
    draw_clip(&dl, 1, 2, 3, 4);
    draw_clip(&dl, 5, 6, 7, 8);
    CHECK(dl.clip_count == 1 && dl.clips[0].start == 6 && dl.clips[0].x == 5 && dl.clips[0].h == 8);
    draw_rect(&dl, 0, 0, 10, 10, 0);
    draw_clip_off(&dl);
    CHECK(dl.clip_count == 2 && dl.clips[1].start == 12 && dl.clips[1].w < 0);
    draw_clear(&dl);
    CHECK(dl.count == 0 && dl.clip_count == 0);
    for (int i = 0; i <= DRAW_MAX_CLIPS; i++) { /* full: dropped and flagged, never overrun */
        draw_clip(&dl, 0, 0, 1, 1);
        draw_rect(&dl, 0, 0, 1, 1, 0);
    }
    CHECK(dl.clip_count == DRAW_MAX_CLIPS && dl.overflowed);
    draw_free(&dl);
}

int main(void)
{
    TEST_RUN(test_replay_commands);
    TEST_RUN(test_replay_errors);
    TEST_RUN(test_key_names);
    TEST_RUN(test_undo_exact);
    TEST_RUN(test_view_zoom_keeps_point);
    TEST_RUN(test_frame_stats_nearest_rank);
    TEST_RUN(test_app_without_photo);
    TEST_RUN(test_photo_shows_before_mattes);
    TEST_RUN(test_fue_spots_in_view);
    TEST_RUN(test_cancel_button_on_slow_open);
    TEST_RUN(test_open_again_after_a_failed_load);
    TEST_RUN(test_browse_listing);
    TEST_RUN(test_draw_clip);
    return TEST_SUMMARY();
}
