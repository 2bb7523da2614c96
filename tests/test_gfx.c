/* The renderer with the real app, on Mesa's software GL in an offscreen
 * window (tests/run.sh sets SDL_VIDEODRIVER=offscreen):
 * - on a surface that keeps its frame (gfx_set_keep_unchanged, the web page's
 *   canvas) an idle editor draws nothing, anything that changes the view
 *   draws again, and the surface keeps showing the last frame;
 * - a big photo goes to the GPU by the mip levels the view needs
 *   (photo_tiles.h): at fit size a fraction of its bytes, with the same
 *   pixels as with its finest levels; zoomed in, sharp. */
/* mkdtemp: POSIX 2008, but glibc declares it only with X/Open. */
#define _XOPEN_SOURCE 700

#include "app/app.h"
#include "app/draw.h"
#include "core/image.h"
#include "gfx/gfx.h"
#include "io/image_write.h"
#include "platform/platform.h"
#include "test.h"

#include <SDL.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { W = 640, H = 480, TILE_BYTES = 1024 * 1024 * 4 };

static SDL_Window *win;
static SDL_GLContext ctx;

static bool gl_open(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return false;
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    win = SDL_CreateWindow("test", 0, 0, W, H, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    ctx = win ? SDL_GL_CreateContext(win) : NULL;
    platform_pin_gl_driver(); /* leaks inside the driver named, and suppressed, under ASan */
    return ctx != NULL;
}

static void gl_close(void)
{
    if (ctx)
        SDL_GL_DeleteContext(ctx);
    if (win)
        SDL_DestroyWindow(win);
    SDL_Quit();
}

/* One frame of the editor at 30 frames a second, told back what was shown. */
static void frame(App *app, Gfx *gfx, double *now)
{
    gfx_draw(gfx, app_frame(app, *now += 1.0 / 30, W, H, 1));
    GfxStats gs = gfx_stats(gfx);
    app_photo_shown(app, gs.photo_gen, gs.photo_progress, gs.photo_sharp);
}

/* Frames until the sample's photo is drawn whole with its mattes, and a few
 * more (the last "done" notes fade). */
static void frames_until_idle(App *app, Gfx *gfx, double *now)
{
    for (int i = 0; i < 3000 && app_busy(app); i++) {
        frame(app, gfx, now);
        nanosleep(&(struct timespec){0, 2000000}, NULL);
    }
    for (int i = 0; i < 300; i++)
        frame(app, gfx, now);
}

static unsigned drawn(const Gfx *gfx) { return gfx_stats(gfx).frames_drawn; }

static bool same_pixels(const SmpImage *a, const SmpImage *b)
{
    return a->width == b->width && a->height == b->height &&
           memcmp(a->pixels, b->pixels, (size_t)a->width * a->height * 4) == 0;
}

/* The surface after gfx_draw(f) on what it showed, against f drawn whole. */
static bool same_as_whole(Gfx *gfx, const AppFrame *f)
{
    SmpImage kept = {0}, whole = {0};
    SmpError err;
    gfx_draw(gfx, f);
    bool ok = gfx_read_pixels(gfx, &kept, &err);
    gfx_set_keep_unchanged(gfx, false);
    gfx_draw(gfx, f);
    gfx_set_keep_unchanged(gfx, true);
    ok = ok && gfx_read_pixels(gfx, &whole, &err) && same_pixels(&kept, &whole);
    image_free(&kept);
    image_free(&whole);
    return ok;
}

/* Only the UI changes, with as many vertices (a button lit, a figure's
 * digit): the idle frame with the UI's last `last` vertices a shade off is
 * drawn, by the rectangle that changed, as it would be drawn whole; then the
 * frame as it was is drawn again, and then no more. */
static void ui_recolour_draws(App *app, Gfx *gfx, double *now, int last)
{
    const AppFrame *f = app_frame(app, *now, W, H, 1);
    AppFrame lit = *f;
    DrawList ui = *f->ui;
    size_t bytes = sizeof(DrawVertex) * (size_t)ui.count;
    ui.verts = malloc(bytes ? bytes : 1);
    if (!ui.verts)
        return;
    memcpy(ui.verts, f->ui->verts, bytes);
    for (int i = ui.count > last ? ui.count - last : 0; i < ui.count; i++)
        ui.verts[i].rgba ^= 0x30; /* red a little off */
    lit.ui = &ui;
    SmpImage before = {0}, after = {0};
    SmpError err;
    gfx_draw(gfx, f); /* the surface shows f (after same_as_whole, drawn whole) */
    unsigned n = drawn(gfx);
    gfx_draw(gfx, f);
    CHECKF(drawn(gfx) == n, "the idle frame drew");
    CHECK(gfx_read_pixels(gfx, &before, &err));
    gfx_draw(gfx, &lit);
    CHECKF(drawn(gfx) == n + 1, "a recoloured UI drew %u frames", drawn(gfx) - n);
    CHECK(gfx_read_pixels(gfx, &after, &err) && !same_pixels(&before, &after));
    CHECKF(same_as_whole(gfx, &lit), "the UI's %d last vertices recoloured: not as drawn whole", last);
    n = drawn(gfx);
    gfx_draw(gfx, f);
    gfx_draw(gfx, f);
    CHECKF(drawn(gfx) == n + 1, "the UI back as it was drew %u frames", drawn(gfx) - n);
    CHECK(same_as_whole(gfx, f));
    image_free(&before);
    image_free(&after);
    free(ui.verts);
}

/* Only the scene changes (the dots hidden, as "before" held, with the same
 * UI): drawn, and the dots are gone from the surface. */
static void scene_change_draws(App *app, Gfx *gfx, double *now, const SmpImage *with_dots)
{
    const AppFrame *f = app_frame(app, *now, W, H, 1);
    AppFrame bare = *f;
    bare.show_dots = false;
    unsigned n = drawn(gfx);
    gfx_draw(gfx, &bare);
    CHECKF(drawn(gfx) == n + 1, "hiding the dots drew %u frames", drawn(gfx) - n);
    SmpImage shot = {0};
    SmpError err;
    CHECK(gfx_read_pixels(gfx, &shot, &err) && !same_pixels(with_dots, &shot));
    image_free(&shot);
    gfx_draw(gfx, f);
}

/* The editor on path, drawn by a renderer into a framebuffer of its own. */
static bool editor_open(const char *path, const char *state, App **app, Gfx **gfx)
{
    AppConfig cfg = {path, state, NULL, true};
    SmpError err = {{0}};
    *app = NULL, *gfx = NULL;
    CHECKF(app_create(&cfg, app, &err) && gfx_create(gfx, &err), "%s", err.msg);
    if (!*app || !*gfx) {
        app_destroy(*app);
        gfx_destroy(*gfx);
        return false;
    }
    gfx_set_own_target(*gfx, true);
    return true;
}

/* Closes the editor and removes its folder. */
static void editor_close(App *app, Gfx *gfx, const char *dir)
{
    gfx_destroy(gfx);
    app_destroy(app);
    CHECK(test_remove_dir(dir));
}

static void test_idle_editor_draws_nothing(void)
{
    const char *root = getenv("SMP_ROOT") ? getenv("SMP_ROOT") : ".";
    char plan[512], state[] = "/tmp/smp_keep_XXXXXX";
    snprintf(plan, sizeof plan, "%s/seeds/front_hairline.smp", root);
    CHECK(mkdtemp(state) != NULL);
    App *app;
    Gfx *gfx;
    SmpError err = {{0}};
    if (!editor_open(plan, state, &app, &gfx))
        return;
    gfx_set_keep_unchanged(gfx, true);
    double now = 0;
    frames_until_idle(app, gfx, &now);
    CHECKF(!app_busy(app) && app_visible_dots(app) > 1000, "not idle with its dots: %d dots, %s",
           app_visible_dots(app), app_last_error(app));
    SmpImage before = {0}, after = {0}, zoomed = {0};
    CHECK(gfx_read_pixels(gfx, &before, &err));
    unsigned n = drawn(gfx);
    for (int i = 0; i < 60; i++)
        frame(app, gfx, &now);
    CHECKF(drawn(gfx) == n, "an idle editor drew %u of 60 frames", drawn(gfx) - n);
    CHECK(gfx_read_pixels(gfx, &after, &err) && same_pixels(&before, &after));

    /* Zooming in changes the view: it is drawn, and shows something else. */
    AppEvent e = {0};
    e.kind = APP_EV_WHEEL, e.dy = 2, e.x = W / 2.0f, e.y = H / 2.0f;
    app_event(app, &e);
    frame(app, gfx, &now);
    CHECKF(drawn(gfx) == n + 1, "a zoom drew %u frames", drawn(gfx) - n);
    CHECK(gfx_read_pixels(gfx, &zoomed, &err) && !same_pixels(&before, &zoomed));

    frames_until_idle(app, gfx, &now);
    ui_recolour_draws(app, gfx, &now, 1 << 30);
    ui_recolour_draws(app, gfx, &now, 60);
    SmpImage zoomed_idle = {0};
    CHECK(gfx_read_pixels(gfx, &zoomed_idle, &err));
    scene_change_draws(app, gfx, &now, &zoomed_idle);
    image_free(&zoomed_idle);

    /* Control: without the setting every frame is drawn. */
    gfx_set_keep_unchanged(gfx, false);
    n = drawn(gfx);
    for (int i = 0; i < 10; i++)
        frame(app, gfx, &now);
    CHECK(drawn(gfx) == n + 10);
    image_free(&before);
    image_free(&after);
    image_free(&zoomed);
    editor_close(app, gfx, state);
}

static void key(App *app, int k)
{
    AppEvent e = {0};
    e.kind = APP_EV_KEY_DOWN, e.key = k;
    app_event(app, &e);
}

/* A photo of fine noise (each pixel its own grey): PHOTO_W x PHOTO_H, 3 x 2
 * tiles, its centre where 4 tiles meet. */
enum { PHOTO_W = 2400, PHOTO_H = 2000 };

static bool noise_photo(const char *path)
{
    SmpImage img;
    SmpError err;
    if (!image_create(PHOTO_W, PHOTO_H, &img, &err))
        return false;
    uint32_t r = 12345;
    for (size_t i = 0; i < (size_t)PHOTO_W * PHOTO_H; i++) {
        r = r * 1664525u + 1013904223u;
        uint8_t v = (uint8_t)(60 + (r >> 24) % 140);
        img.pixels[i * 4] = v, img.pixels[i * 4 + 1] = v, img.pixels[i * 4 + 2] = v, img.pixels[i * 4 + 3] = 255;
    }
    bool ok = image_write(path, &img, NULL, &err);
    image_free(&img);
    return ok;
}

/* Mean difference between neighbouring pixels (green) in the 64 px square at
 * the screen's centre: ~45 for the noise at 1:1, a few when blurred. */
static double centre_detail(const SmpImage *shot)
{
    double sum = 0;
    int n = 0;
    for (int y = shot->height / 2 - 32; y < shot->height / 2 + 32; y++)
        for (int x = shot->width / 2 - 32; x < shot->width / 2 + 32; x++, n++) {
            const uint8_t *p = shot->pixels + ((size_t)y * shot->width + x) * 4;
            sum += abs((int)p[1] - (int)p[5]);
        }
    return sum / n;
}

/* The view drawn whole again (the dots hidden and shown: a new scene) is shot. */
static bool same_drawn_whole(App *app, Gfx *gfx, double now, const SmpImage *shot)
{
    const AppFrame *f = app_frame(app, now, W, H, 1);
    AppFrame bare = *f;
    bare.show_dots = false;
    gfx_draw(gfx, &bare);
    gfx_draw(gfx, f);
    SmpImage whole = {0};
    SmpError err;
    bool same = gfx_read_pixels(gfx, &whole, &err) && same_pixels(shot, &whole);
    image_free(&whole);
    return same;
}

/* The editor on a noise photo in dir (a mkdtemp template, the photo and the
 * state folder made in it), on a surface that keeps its frame. */
static bool noise_editor_open(char *dir, App **app, Gfx **gfx)
{
    char photo[600], state[600];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(photo, sizeof photo, "%s/noise.png", dir);
    snprintf(state, sizeof state, "%s/state", dir);
    CHECK(noise_photo(photo) && mkdir(state, 0700) == 0);
    if (!editor_open(photo, state, app, gfx))
        return false;
    gfx_set_keep_unchanged(*gfx, true);
    return true;
}

static void test_photo_sent_by_level(void)
{
    char dir[] = "/tmp/smp_tiles_XXXXXX";
    App *app;
    Gfx *gfx;
    SmpError err = {{0}};
    if (!noise_editor_open(dir, &app, &gfx)) /* tiles arriving redraw their rectangle of the surface */
        return;
    double now = 0;
    frames_until_idle(app, gfx, &now);
    size_t full = (size_t)PHOTO_W * PHOTO_H * 4, at_fit = gfx_stats(gfx).photo_bytes;
    CHECKF(at_fit > 0 && at_fit < full / 8, "at fit size %zu of the photo's %zu bytes sent", at_fit, full);
    SmpImage fit = {0}, actual = {0}, fit_again = {0};
    CHECK(gfx_read_pixels(gfx, &fit, &err));

    /* Actual size: the 4 tiles in view get their finest levels, a tile a
     * frame, each drawn into the kept scene by its rectangle as it arrives. */
    gfx_set_upload_budget(gfx, 0);
    key(app, '1');
    int frames = 0;
    for (; frames < 100 && (frames == 0 || !gfx_stats(gfx).photo_sharp); frames++)
        frame(app, gfx, &now);
    CHECKF(frames == 4, "the tiles in view sharp after %d frames", frames);
    frames_until_idle(app, gfx, &now);
    size_t zoomed = gfx_stats(gfx).photo_bytes;
    CHECKF(zoomed >= at_fit + 4 * (size_t)TILE_BYTES, "zoomed in, %zu bytes sent (%zu at fit)", zoomed, at_fit);
    CHECK(gfx_read_pixels(gfx, &actual, &err));
    CHECKF(same_drawn_whole(app, gfx, now, &actual), "the scene drawn by tiles differs from it drawn whole");
    CHECKF(centre_detail(&actual) > 30, "1:1 is blurred: neighbours differ by %.1f", centre_detail(&actual));
    CHECKF(centre_detail(&fit) < 15, "control: at fit neighbours differ by %.1f", centre_detail(&fit));

    /* Back to fit: the tiles now sent whole are drawn as when sent from level 2. */
    key(app, 'f');
    frames_until_idle(app, gfx, &now);
    CHECK(gfx_read_pixels(gfx, &fit_again, &err));
    CHECKF(same_pixels(&fit, &fit_again), "fit size drawn from the finest levels differs");
    CHECK(gfx_stats(gfx).photo_bytes == zoomed);
    image_free(&fit);
    image_free(&actual);
    image_free(&fit_again);
    editor_close(app, gfx, dir);
}

/* Mean green of a frame, a pixel in 16. */
static double mean_green(const SmpImage *shot)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < (size_t)shot->width * shot->height; i += 16, n++)
        sum += shot->pixels[i * 4 + 1];
    return n ? sum / n : 0;
}

/* When the app says the photo is drawn (app_drawing_photo false) it is on
 * screen as it stays: the frame the upload ends in is laid out with the
 * "Opening" box still dimming the window, and a page that shows the photo
 * first (app.js) waits for the frame after it. Control: a frame of the
 * upload is dimmed. */
static void test_photo_on_screen_when_drawn(void)
{
    char dir[] = "/tmp/smp_drawn_XXXXXX";
    App *app;
    Gfx *gfx;
    SmpError err = {{0}};
    if (!noise_editor_open(dir, &app, &gfx))
        return;
    gfx_set_upload_budget(gfx, 0); /* a tile a frame: the upload spans frames */
    SmpImage uploading = {0}, done = {0}, idle = {0};
    double now = 0;
    bool seen = false;
    for (int i = 0, drawing = 0; i < 3000 && (!seen || app_drawing_photo(app)); i++) {
        frame(app, gfx, &now);
        drawing += app_drawing_photo(app);
        if (drawing == 2 && !seen) /* the second of the upload's 6 frames (6 tiles) */
            seen = gfx_read_pixels(gfx, &uploading, &err);
        nanosleep(&(struct timespec){0, 2000000}, NULL);
    }
    CHECKF(seen && !app_drawing_photo(app), "the upload was %s seen, the photo %s drawn", seen ? "" : "not",
           app_drawing_photo(app) ? "not" : "");
    CHECK(gfx_read_pixels(gfx, &done, &err));
    frames_until_idle(app, gfx, &now);
    CHECK(gfx_read_pixels(gfx, &idle, &err));
    double d = mean_green(&done), i = mean_green(&idle), u = mean_green(&uploading);
    CHECKF(fabs(d - i) < 0.03 * i, "drawn: mean %.1f, idle %.1f", d, i);
    CHECKF(u < 0.8 * i, "control: while uploading mean %.1f, idle %.1f", u, i);
    image_free(&uploading);
    image_free(&done);
    image_free(&idle);
    editor_close(app, gfx, dir);
}

static void test_no_gl(void) { TEST_SKIP("no OpenGL 3.3 core context"); }

int main(void)
{
    if (gl_open()) {
        TEST_RUN(test_idle_editor_draws_nothing);
        TEST_RUN(test_photo_sent_by_level);
        TEST_RUN(test_photo_on_screen_when_drawn);
    } else
        TEST_RUN(test_no_gl);
    gl_close();
    return TEST_SUMMARY();
}
