/* main_web.c - the web build's main: a WebGL2 context on the page's canvas,
 * the app and renderer, the frame loop (requestAnimationFrame through
 * emscripten_set_main_loop) and the hooks app.js calls (open a file, render
 * like `smpview render`, screenshot, the dot layer's state). */
#include "web.h"

#include "../../app/app_export.h"
#include "../../cli/cli.h"
#include "../../gfx/gfx.h"
#include "../../io/image_write.h"

#include <emscripten.h>
#include <emscripten/html5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* library_web.js: calls into app.js */
void web_js_dot_target(int target);
void web_js_frame(const char *title, const char *error, int busy, int drawing, unsigned forgets);

static App *app;
static Gfx *gfx;
static int shown_target = -1; /* the GfxDotTarget last told to the page */
static long replay_frames = -1; /* >= 0: frames drawn on the replay clock */

void web_canvas_size(int *w, int *h, float *ratio)
{
    double cw, ch;
    emscripten_get_element_css_size("#canvas", &cw, &ch);
    double r = emscripten_get_device_pixel_ratio();
    *w = (int)(cw * r + 0.5), *h = (int)(ch * r + 0.5);
    *ratio = (float)r;
}

/* Tells app.js (the banner, the tests) what the dot layer is drawn into. */
static void report_dot_target(GfxDotTarget t)
{
    if ((int)t == shown_target)
        return;
    shown_target = (int)t;
    web_js_dot_target((int)t);
}

static void frame(void)
{
    int w, h;
    float r;
    web_canvas_size(&w, &h, &r);
    if (w < 1 || h < 1)
        return;
    int cw, ch; /* setting a canvas' size, even to its own, clears what it shows */
    if (emscripten_get_canvas_element_size("#canvas", &cw, &ch) != EMSCRIPTEN_RESULT_SUCCESS || cw != w || ch != h)
        emscripten_set_canvas_element_size("#canvas", w, h);
    double now = replay_frames >= 0 ? ++replay_frames / 30.0 : emscripten_get_now() / 1000.0;
    const AppFrame *f = app_frame(app, now, w, h, r < 1 ? 1 : r);
    gfx_draw(gfx, f);
    GfxStats gs = gfx_stats(gfx);
    app_photo_shown(app, gs.photo_gen, gs.photo_progress, gs.photo_sharp);
    report_dot_target(gs.dot_target);
    web_js_frame(app_title(app), app_last_error(app), app_busy(app), app_drawing_photo(app), app_forget_count(app));
}

/* WebGL2 with only the extensions the dot layer may use; no_float 1 leaves
 * out EXT_color_buffer_float (what an iPad has: half float only), 2 also the
 * half float one (8-bit only); for the tests. */
static bool gl_context(int no_float)
{
    EmscriptenWebGLContextAttributes a;
    emscripten_webgl_init_context_attributes(&a);
    a.majorVersion = 2, a.minorVersion = 0;
    a.alpha = EM_FALSE, a.depth = EM_FALSE, a.stencil = EM_FALSE, a.antialias = EM_FALSE;
    a.preserveDrawingBuffer = EM_TRUE; /* screenshots read the last frame */
    a.enableExtensionsByDefault = EM_FALSE;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE ctx = emscripten_webgl_create_context("#canvas", &a);
    if (ctx <= 0 || emscripten_webgl_make_context_current(ctx) != EMSCRIPTEN_RESULT_SUCCESS)
        return false;
    if (no_float < 1)
        emscripten_webgl_enable_extension(ctx, "EXT_color_buffer_float");
    if (no_float < 2)
        emscripten_webgl_enable_extension(ctx, "EXT_color_buffer_half_float");
    emscripten_webgl_enable_extension(ctx, "OES_texture_float_linear");
    return true;
}

/* Starts the app on the sample plan ("" = nothing), with its state in
 * state_dir. The sample is no recent plan or last folder, as on the desktop,
 * so after a reload the last folder is still the client's photo's. */
EMSCRIPTEN_KEEPALIVE int web_start(const char *sample, const char *state_dir, int no_float)
{
    if (!gl_context(no_float)) {
        fprintf(stderr, "smpview: this browser has no WebGL2\n");
        return 1;
    }
    AppConfig cfg = {NULL, state_dir, sample && sample[0] ? sample : NULL, false};
    SmpError err = {{0}};
    if (!app_create(&cfg, &app, &err) || !gfx_create(&gfx, &err)) {
        fprintf(stderr, "smpview: %s\n", err.msg);
        return 1;
    }
    gfx_set_keep_unchanged(gfx, true); /* the canvas keeps its frame: an idle page draws nothing */
    web_input_init(app);
    emscripten_set_main_loop(frame, 0, 0);
    return 0;
}

/* Opens a photo or plan already in the page's file system (as a drop). */
EMSCRIPTEN_KEEPALIVE void web_open(const char *path)
{
    AppEvent e = {0};
    e.kind = APP_EV_DROP;
    snprintf(e.text, sizeof e.text, "%s", path);
    app_event(app, &e);
}

/* The page has read a kept photo the app asked for (photo_decode_web.c):
 * the open that waited for it goes on. */
EMSCRIPTEN_KEEPALIVE void web_photo_ready(void) { app_open_again(app); }

/* `smpview render [PLAN] [--photo PHOTO] -o OUT [--no-label]`, the same code
 * as the CLI; an empty plan or photo is left out. */
EMSCRIPTEN_KEEPALIVE int web_render(const char *plan, const char *photo, const char *out, int no_label)
{
    char *argv[9];
    int argc = 0;
    argv[argc++] = "smpview", argv[argc++] = "render";
    if (plan[0])
        argv[argc++] = (char *)plan;
    if (photo[0])
        argv[argc++] = "--photo", argv[argc++] = (char *)photo;
    argv[argc++] = "-o", argv[argc++] = (char *)out;
    if (no_label)
        argv[argc++] = "--no-label";
    argv[argc] = NULL;
    return cli_main(argc, argv);
}

/* Exports the picture to path as the Export dialog's button does, with the
 * dialog's settings (the tests' way in); the app says how it went. */
EMSCRIPTEN_KEEPALIVE void web_export(const char *path) { app_export_start(app, path); }

/* The last frame drawn, as PNG at path. */
EMSCRIPTEN_KEEPALIVE int web_screenshot(const char *path)
{
    SmpImage img;
    SmpError err;
    if (!gfx_read_pixels(gfx, &img, &err))
        return 1;
    bool ok = image_write(path, &img, NULL, &err);
    image_free(&img);
    return ok ? 0 : 1;
}

/* The current plan as a plan file at path, its photo path relative to it
 * (app.js packs it with the photo into a bundle). */
EMSCRIPTEN_KEEPALIVE int web_dump_plan(const char *path)
{
    SmpError err;
    if (app_dump_plan(app, path, &err))
        return 0;
    fprintf(stderr, "smpview: %s\n", err.msg);
    return 1;
}

/* Replays (tests/web/harness.js): from now on the app's clock runs at 30
 * frames a second of drawn frames, as in `smpview --replay`, so a held finger
 * is held for the same frames however slow the machine. */
EMSCRIPTEN_KEEPALIVE void web_replay_clock(void)
{
    if (replay_frames < 0)
        replay_frames = (long)(emscripten_get_now() / 1000.0 * 30.0);
}

/* Drawn frames of the current plan: dots visible (tests). */
EMSCRIPTEN_KEEPALIVE int web_visible_dots(void) { return app_visible_dots(app); }

int main(void) { return 0; /* app.js calls web_start once the page's files are in place */ }
