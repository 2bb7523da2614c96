/* platform.c - the SDL window: options, state folder, replay driving, events in, frames out. */
/* mkdtemp: POSIX 2008, but glibc declares it only with X/Open. */
#define _XOPEN_SOURCE 700

#include "platform.h"

#include "../app/app.h"
#include "../app/replay.h"
#include "../cli/cli.h"
#include "../gfx/gfx.h"
#include "../io/atomic_file.h"
#include "../io/image_write.h"
#include "frame_stats.h"

#include <SDL.h>
#include <ctype.h>
#include <math.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct Options {
    const char *open_path;
    const char *replay;
    const char *screenshot;
    const char *state_dir;
    bool stats;
    int w, h;
    float ui_scale; /* --ui-scale PCT / 100; 0 = from the display's pixel density */
} Options;

/* A missing --state-dir is made (with its parents, private), so autosave is
 * never silently off; one that cannot be made is refused. */
static int make_state_dir(const char *dir)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s", dir) >= sizeof path || !dir[0])
        return cli_fail("--state-dir %s: %s", dir, "the path is too long or empty");
    for (char *p = path + 1;; p++) {
        char c = *p;
        if (c != '/' && c != '\0')
            continue;
        *p = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST)
            return cli_fail("--state-dir %s: cannot create it: %s", dir, strerror(errno));
        *p = c;
        if (!c)
            break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return cli_fail("--state-dir %s: %s", dir, "not a folder");
    return 0;
}

static bool parse_size(const char *s, int *w, int *h)
{
    char x;
    return sscanf(s, "%d%c%d", w, &x, h) == 3 && (x == 'x' || x == 'X') && *w >= 64 && *h >= 64 && *w <= 16384 &&
           *h <= 16384;
}

static int parse_args(int argc, char **argv, Options *o)
{
    memset(o, 0, sizeof *o);
    o->w = 1280, o->h = 800;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_value = i + 1 < argc;
        if (!strcmp(a, "--size")) {
            if (!has_value || !parse_size(argv[++i], &o->w, &o->h))
                return cli_fail("--size: expected WxH, e.g. 1280x800 (64..16384)");
        } else if (!strcmp(a, "--replay")) {
            if (!has_value)
                return cli_fail("--replay: missing SCRIPT");
            o->replay = argv[++i];
        } else if (!strcmp(a, "--screenshot")) {
            if (!has_value)
                return cli_fail("--screenshot: missing OUT.png");
            o->screenshot = argv[++i];
        } else if (!strcmp(a, "--state-dir")) {
            if (!has_value)
                return cli_fail("--state-dir: missing DIR");
            o->state_dir = argv[++i];
        } else if (!strcmp(a, "--stats")) {
            o->stats = true;
        } else if (!strcmp(a, "--ui-scale")) {
            int pct = 0;
            char extra;
            if (!has_value || sscanf(argv[++i], "%d%c", &pct, &extra) != 1 || pct < 100 || pct > 200)
                return cli_fail("--ui-scale: expected a percentage from 100 to 200");
            o->ui_scale = pct / 100.0f;
        } else if (a[0] == '-' && a[1]) {
            return cli_fail("%s: unknown option (see smpview --help)", a);
        } else if (o->open_path) {
            return cli_fail("%s: only one photo or plan can be opened", a);
        } else {
            o->open_path = a;
        }
    }
    if (o->screenshot && !image_write_supported(o->screenshot))
        return cli_fail("%s: screenshots are .png or .jpg", o->screenshot);
    if (o->screenshot && o->open_path && file_is_same(o->screenshot, o->open_path))
        return cli_fail("%s: refusing to write over the file it opens", o->screenshot);
    return 0;
}

/* ---- SDL -> app events ---- */

static int map_key(SDL_Keycode k)
{
    if (k >= SDLK_F1 && k <= SDLK_F12)
        return APP_KEY_F1 + (k - SDLK_F1);
    switch (k) {
    case SDLK_LEFT: return APP_KEY_LEFT;
    case SDLK_RIGHT: return APP_KEY_RIGHT;
    case SDLK_UP: return APP_KEY_UP;
    case SDLK_DOWN: return APP_KEY_DOWN;
    case SDLK_HOME: return APP_KEY_HOME;
    case SDLK_END: return APP_KEY_END;
    case SDLK_PAGEUP: return APP_KEY_PAGEUP;
    case SDLK_PAGEDOWN: return APP_KEY_PAGEDOWN;
    case SDLK_KP_PLUS: return APP_KEY_KP_PLUS;
    case SDLK_KP_MINUS: return APP_KEY_KP_MINUS;
    case SDLK_KP_ENTER: return APP_KEY_RETURN;
    default: break;
    }
    if (k > 0 && k < 128) /* SDL's printable keycodes are their ASCII characters */
        return tolower((int)k);
    return APP_KEY_NONE;
}

static int map_mods(Uint16 m)
{
    return ((m & (KMOD_CTRL | KMOD_GUI)) ? APP_MOD_CTRL : 0) | ((m & KMOD_SHIFT) ? APP_MOD_SHIFT : 0) |
           ((m & KMOD_ALT) ? APP_MOD_ALT : 0);
}

/* Window points -> drawable pixels (HiDPI). */
static float ratio_of(SDL_Window *win)
{
    int ww, wh, dw, dh;
    SDL_GetWindowSize(win, &ww, &wh);
    SDL_GL_GetDrawableSize(win, &dw, &dh);
    return ww > 0 ? (float)dw / ww : 1.0f;
}

/* The UI's scale in drawable px per layout px: the HiDPI ratio times the
 * --ui-scale setting, or else what makes a 56 px button at least 9 mm tall on
 * this display (a 10-inch 2048 x 1536 tablet: 264 dpi, 1.75), in steps of a
 * quarter from 1 to 2. Displays that do not say their density get 1. */
static float ui_scale_of(SDL_Window *win, const Options *o)
{
    float ratio = ratio_of(win), f = 1.0f, ddpi = 0;
    ratio = ratio < 1 ? 1 : ratio;
    if (o->ui_scale > 0)
        f = o->ui_scale;
    else if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(win), &ddpi, NULL, NULL) == 0 && ddpi > 0) {
        float want = ddpi / ratio * (9.0f / 25.4f) / 56.0f; /* layout px of 9 mm, per 56 px */
        f = ceilf((want < 1 ? 1 : want > 2 ? 2 : want) * 4) / 4;
    }
    return ratio * f;
}

static void translate(App *app, SDL_Window *win, const SDL_Event *ev, bool scripted)
{
    AppEvent e;
    memset(&e, 0, sizeof e);
    float r = ratio_of(win);
    int dw, dh;
    SDL_GL_GetDrawableSize(win, &dw, &dh);
    switch (ev->type) {
    case SDL_QUIT: e.kind = APP_EV_QUIT; break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (scripted || ev->button.which == SDL_TOUCH_MOUSEID)
            return; /* touches arrive as finger events */
        e.kind = ev->type == SDL_MOUSEBUTTONDOWN ? APP_EV_MOUSE_DOWN : APP_EV_MOUSE_UP;
        e.x = ev->button.x * r, e.y = ev->button.y * r;
        e.button = ev->button.button == SDL_BUTTON_RIGHT ? APP_BUTTON_RIGHT
                   : ev->button.button == SDL_BUTTON_MIDDLE ? APP_BUTTON_MIDDLE : APP_BUTTON_LEFT;
        break;
    case SDL_MOUSEMOTION:
        if (scripted || ev->motion.which == SDL_TOUCH_MOUSEID)
            return;
        e.kind = APP_EV_MOUSE_MOVE;
        e.x = ev->motion.x * r, e.y = ev->motion.y * r;
        break;
    case SDL_MOUSEWHEEL: {
        if (scripted)
            return;
        e.kind = APP_EV_WHEEL;
        float dy = ev->wheel.preciseY;
        e.dy = ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -dy : dy;
        e.x = e.y = -1;
        break;
    }
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        /* A trackpad's touches (macOS) are not on the window: the pointer's
         * mouse events already carry them. */
        if (scripted || SDL_GetTouchDeviceType(ev->tfinger.touchId) == SDL_TOUCH_DEVICE_INDIRECT_RELATIVE)
            return;
        e.kind = ev->type == SDL_FINGERDOWN ? APP_EV_FINGER_DOWN
                 : ev->type == SDL_FINGERUP ? APP_EV_FINGER_UP : APP_EV_FINGER_MOVE;
        e.finger = (int)(ev->tfinger.fingerId & 0x7fffffff);
        e.x = ev->tfinger.x * dw, e.y = ev->tfinger.y * dh;
        break;
    case SDL_KEYDOWN:
    case SDL_KEYUP:
        if (scripted)
            return;
        e.kind = ev->type == SDL_KEYDOWN ? APP_EV_KEY_DOWN : APP_EV_KEY_UP;
        e.key = map_key(ev->key.keysym.sym);
        e.mods = map_mods(ev->key.keysym.mod);
        if (e.key == APP_KEY_NONE || (ev->key.repeat && e.key == APP_KEY_SPACE))
            return;
        break;
    case SDL_TEXTINPUT:
        if (scripted)
            return;
        e.kind = APP_EV_TEXT;
        snprintf(e.text, sizeof e.text, "%s", ev->text.text);
        break;
    case SDL_DROPFILE:
        if (!scripted) {
            e.kind = APP_EV_DROP;
            snprintf(e.text, sizeof e.text, "%s", ev->drop.file);
        }
        SDL_free(ev->drop.file);
        if (scripted)
            return;
        break;
    default: return;
    }
    app_event(app, &e);
}

/* ---- state directory ---- */

static void remove_tree_flat(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *de;
        char p[4096 + 512]; /* a state dir path plus a file name */
        while ((de = readdir(d)))
            if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
                snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
                remove(p);
            }
        closedir(d);
    }
    rmdir(dir);
}

/* The bundled sample: next to the working directory (make run), next to the
 * binary (build/), or installed. */
static bool find_sample(char *out, size_t size)
{
    const char *rel = "seeds/front_hairline.smp";
    if (access(rel, R_OK) == 0) {
        snprintf(out, size, "%s", rel);
        return true;
    }
    /* Beside the build directory (build/smpview), or installed as
     * PREFIX/bin/smpview with the seeds in PREFIX/share/smpview (make install). */
    char *base = SDL_GetBasePath();
    if (!base)
        return false;
    const char *places[] = {"../", "../share/smpview/"};
    bool found = false;
    for (int i = 0; i < 2 && !found; i++) {
        snprintf(out, size, "%s%s%s", base, places[i], rel);
        found = access(out, R_OK) == 0;
    }
    SDL_free(base);
    return found;
}

static double seconds(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

/* The frame just drawn, at the size it was drawn (the drawable's). */
static bool write_screenshot(Gfx *gfx, const char *path, SmpError *err)
{
    SmpImage img;
    if (!gfx_read_pixels(gfx, &img, err))
        return false;
    bool ok = image_write(path, &img, NULL, err);
    image_free(&img);
    return ok;
}

/* The GPU could draw the dot layer into no framebuffer (gfx.h): said once
 * on stderr and kept in the window title. */
static const char *warn_no_dots(void)
{
    static const char msg[] = "smpview - this graphics driver cannot draw the dots (the view shows none)";
    static bool said;
    if (!said)
        fprintf(stderr, "smpview: %s\n", msg + 10);
    said = true;
    return msg;
}

/* One run of the window: what platform_run sets up, drives and tears down. */
typedef struct Run {
    Options o;
    ReplayScript *script; /* o.replay's, streamed (any length in one line of memory) */
    bool scripted;        /* a replay or a screenshot: no user at the window */
    bool sdl_up;
    const char *driver;
    SDL_Window *win;
    SDL_GLContext ctx;
    char state[4096], sample[4096];
    bool temp_state; /* a scripted run's own state folder, removed at the end */
    App *app;
    Gfx *gfx;
    FrameStats stats;
    double t_start;
    /* vframe counts the frames that ran a script step (a line or a waited
     * frame): the replay clock, unaffected by how long loads and exports take. */
    int wait, frame_no, vframe;
    const char *title;
    bool first_frame_reported, photo_reported;
    double t_input;       /* when the replay's last pointer or key event was given */
    unsigned shown_gen;   /* the photo generation last drawn whole */
    SmpError err;
} Run;

/* SDL video, an OpenGL 3.3 core context and the window. Status 0, or 1 with
 * the reason said. */
static int window_open(Run *r)
{
    /* Fingers arrive as finger events only: no mouse events made from
     * touches (they would apply a tap twice), no touches made from the mouse.
     * Synthetic ones that still come are dropped by their SDL_TOUCH_MOUSEID. */
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return cli_fail("cannot start SDL video (%s); use `smpview render` to render without a window", SDL_GetError());
    r->sdl_up = true;
    r->driver = SDL_GetCurrentVideoDriver();
    if (!r->scripted && r->driver && !strcmp(r->driver, "offscreen"))
        return cli_fail("no display available (SDL video driver 'offscreen'): use `smpview render PLAN -o OUT.png` to "
                        "render without a window");
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    r->win = SDL_CreateWindow("smpview", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, r->o.w, r->o.h,
                              SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    r->ctx = r->win ? SDL_GL_CreateContext(r->win) : NULL;
    if (!r->ctx)
        return cli_fail("cannot create an OpenGL 3.3 core window (%s); use `smpview render` instead", SDL_GetError());
    platform_pin_gl_driver();
    SDL_GL_SetSwapInterval(r->scripted ? 0 : 1);
    return 0;
}

/* The state folder: --state-dir (made when missing), a temporary one for a
 * scripted run, or SDL's per-user folder. Status 0, or 1 said. */
static int state_folder_choose(Run *r)
{
    if (r->o.state_dir) {
        if (make_state_dir(r->o.state_dir) != 0)
            return 1;
        snprintf(r->state, sizeof r->state, "%s", r->o.state_dir);
    } else if (r->scripted) {
        const char *tmp = getenv("TMPDIR");
        snprintf(r->state, sizeof r->state, "%s/smpview-state-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        r->temp_state = mkdtemp(r->state) != NULL;
        if (!r->temp_state)
            r->state[0] = 0;
    } else {
        char *pref = SDL_GetPrefPath("smpview", "smpview");
        if (pref) {
            snprintf(r->state, sizeof r->state, "%s", pref);
            size_t n = strlen(r->state);
            if (n > 1 && r->state[n - 1] == '/')
                r->state[n - 1] = 0;
            SDL_free(pref);
        }
    }
    return 0;
}

/* The editor and the renderer. Status 0, or 1 said. */
static int app_open(Run *r)
{
    AppConfig cfg = {r->o.open_path, r->state, NULL, r->scripted};
    if (!r->o.open_path && find_sample(r->sample, sizeof r->sample))
        cfg.sample_plan = r->sample;
    r->t_start = seconds();
    if (!app_create(&cfg, &r->app, &r->err) || !gfx_create(&r->gfx, &r->err))
        return cli_fail("%s", r->err.msg);
    /* The offscreen driver's EGL surface keeps the window's first size
     * (SDL_SetWindowSize does not resize it): draw into a framebuffer of our
     * own, the drawable's size. Nothing is shown there, so nothing is copied
     * to the window; real drivers keep drawing straight to the window, at no
     * extra cost (a blit is ~2 ms a frame at 1280x800 on llvmpipe). */
    gfx_set_own_target(r->gfx, r->driver && !strcmp(r->driver, "offscreen"));
    if (r->o.stats && !frame_stats_init(&r->stats)) {
        fprintf(stderr, "smpview: out of memory for --stats\n");
        return 1;
    }
    return 0;
}

typedef enum Step { STEP_GO = 0, STEP_END, STEP_FAIL } Step;

/* The replay's next line, once the editor is idle and no wait is pending:
 * *cmd gets it (or stays NULL). STEP_END at the end of the script. */
static Step replay_fetch(Run *r, ReplayCmd *cur, const ReplayCmd **cmd)
{
    *cmd = NULL;
    if (!r->o.replay)
        return STEP_GO;
    if (r->wait > 0) {
        r->wait--;
        r->vframe++;
        return STEP_GO;
    }
    if (app_busy(r->app))
        return STEP_GO;
    SmpError err;
    int got = replay_script_next(r->script, cur, &err);
    if (got < 0) {
        fprintf(stderr, "smpview: %s\n", err.msg);
        return STEP_FAIL;
    }
    if (got == 0)
        return STEP_END;
    *cmd = cur;
    r->vframe++;
    return STEP_GO;
}

/* Carries out one replay command; *shot: a screenshot after this frame. */
static Step replay_apply(Run *r, const ReplayCmd *cmd, bool *shot)
{
    AppEvent e = cmd->event;
    float ratio = ratio_of(r->win);
    e.x *= ratio, e.y *= ratio;
    if (cmd->kind == REPLAY_EVENT || cmd->kind == REPLAY_KEY)
        r->t_input = seconds();
    switch (cmd->kind) {
    case REPLAY_EVENT: app_event(r->app, &e); break;
    case REPLAY_KEY:
        app_event(r->app, &e);
        e.kind = APP_EV_KEY_UP;
        app_event(r->app, &e);
        break;
    case REPLAY_SIZE: SDL_SetWindowSize(r->win, cmd->w, cmd->h); break;
    case REPLAY_WAIT: r->wait = cmd->n > 0 ? cmd->n - 1 : 0; break;
    case REPLAY_SCREENSHOT: *shot = true; break;
    case REPLAY_DUMP:
    case REPLAY_LAYOUT:
        if (!(cmd->kind == REPLAY_DUMP ? app_dump_plan : app_dump_layout)(r->app, cmd->event.text, &r->err)) {
            fprintf(stderr, "smpview: %s:%d: %s\n", r->o.replay, r->script->line, r->err.msg);
            return STEP_FAIL;
        }
        break;
    case REPLAY_QUIT: return STEP_END;
    case REPLAY_NOP: break;
    }
    return STEP_GO;
}

/* SMPVIEW_FIRST_FRAME: when the first frame, then the photo drawn whole with
 * its dots (what the user waits for), were done; then, for each other photo
 * shown (a view switched to), how long after the replay's last event. */
static void report_first_frames(Run *r, const AppFrame *f, const GfxStats *gs, double t1)
{
    if (!getenv("SMPVIEW_FIRST_FRAME"))
        return;
    if (!r->first_frame_reported) {
        fprintf(stderr, "first_frame_ms=%.1f\n", (t1 - r->t_start) * 1000.0);
        r->first_frame_reported = true;
    }
    if (!r->photo_reported && f->photo && gs->photo_gen == f->photo_gen) {
        fprintf(stderr, "photo_shown_ms=%.1f\n", (t1 - r->t_start) * 1000.0);
        r->photo_reported = true;
        r->shown_gen = f->photo_gen;
    } else if (r->photo_reported && f->photo && gs->photo_gen == f->photo_gen && f->photo_gen != r->shown_gen) {
        fprintf(stderr, "photo_switch_ms=%.1f\n", (t1 - r->t_input) * 1000.0);
        r->shown_gen = f->photo_gen;
    }
}

/* Draws one frame of the editor at time t0, with its stats, the screenshot
 * asked for (to shot_path) and the window title. */
static Step frame_draw(Run *r, double t0, const char *shot_path)
{
    int dw, dh;
    SDL_GL_GetDrawableSize(r->win, &dw, &dh);
    double now = r->o.replay ? r->vframe / 30.0 : t0 - r->t_start; /* replays: steady virtual clock */
    const AppFrame *f = app_frame(r->app, now, dw, dh, ui_scale_of(r->win, &r->o));
    gfx_draw(r->gfx, f);
    GfxStats gs = gfx_stats(r->gfx);
    app_photo_shown(r->app, gs.photo_gen, gs.photo_progress, gs.photo_sharp); /* a big photo takes a few frames */
    gfx_finish(r->gfx);
    double t1 = seconds();
    if (r->o.stats)
        frame_stats_add(&r->stats, (t1 - t0) * 1000.0);
    report_first_frames(r, f, &gs, t1);
    if (shot_path && !write_screenshot(r->gfx, shot_path, &r->err)) {
        fprintf(stderr, "smpview: %s:%d: %s\n", r->o.replay, r->script->line, r->err.msg);
        return STEP_FAIL;
    }
    r->frame_no++;
    const char *t = app_title(r->app);
    if (gs.dot_target == GFX_DOTS_NONE) /* never a silently wrong view */
        t = warn_no_dots();
    if (!r->title || strcmp(r->title, t) != 0) {
        SDL_SetWindowTitle(r->win, t);
        r->title = t;
    }
    return STEP_GO;
}

/* Frames until the user quits, the script ends, or a lone --screenshot has
 * its photo drawn. */
static Step frames_loop(Run *r)
{
    for (;;) {
        double t0 = seconds();
        ReplayCmd cur;
        const ReplayCmd *cmd;
        bool shot = false;
        Step st = replay_fetch(r, &cur, &cmd);
        if (st != STEP_GO)
            return st;
        SDL_Event ev;
        while (SDL_PollEvent(&ev))
            translate(r->app, r->win, &ev, r->o.replay != NULL);
        if (cmd && (st = replay_apply(r, cmd, &shot)) != STEP_GO)
            return st;
        if (app_wants_quit(r->app))
            return STEP_END;
        if ((st = frame_draw(r, t0, shot ? cmd->event.text : NULL)) != STEP_GO)
            return st;
        if (!r->o.replay && r->o.screenshot && r->frame_no >= 2 && !app_busy(r->app))
            return STEP_END;
        SDL_GL_SwapWindow(r->win);
    }
}

/* After the last frame: --screenshot (a replay's final state drawn first)
 * and --stats. Status 0 or 1. */
static int run_finish(Run *r)
{
    int status = 0;
    if (r->o.screenshot) {
        if (r->o.replay) { /* the state after the last line, drawn */
            int dw, dh;
            SDL_GL_GetDrawableSize(r->win, &dw, &dh);
            gfx_draw(r->gfx, app_frame(r->app, r->vframe / 30.0, dw, dh, ui_scale_of(r->win, &r->o)));
        }
        if (!write_screenshot(r->gfx, r->o.screenshot, &r->err)) {
            cli_fail("%s", r->err.msg);
            status = 1;
        }
    }
    if (r->o.stats)
        printf("frames=%ld frame_ms_median=%.2f frame_ms_p95=%.2f dots=%d\n", r->stats.frames,
               frame_stats_percentile(&r->stats, 50), frame_stats_percentile(&r->stats, 95),
               app_visible_dots(r->app));
    fflush(stdout); /* before anything at exit (a sanitizer's report) can end the process */
    return status;
}

/* Frees what the run made, however far it got. */
static void run_close(Run *r)
{
    frame_stats_free(&r->stats);
    gfx_destroy(r->gfx);
    app_destroy(r->app);
    if (r->temp_state)
        remove_tree_flat(r->state);
    replay_script_close(r->script);
    if (r->ctx)
        SDL_GL_DeleteContext(r->ctx);
    if (r->win)
        SDL_DestroyWindow(r->win);
    if (r->sdl_up)
        SDL_Quit();
}

int platform_run(int argc, char **argv)
{
    static ReplayScript script;
    static Run run;
    Run *r = &run;
    memset(r, 0, sizeof *r);
    r->script = &script;
    if (parse_args(argc, argv, &r->o))
        return 1;
    if (r->o.replay && !replay_script_open(&script, r->o.replay, &r->err)) {
        fprintf(stderr, "smpview: %s\n", r->err.msg);
        return 1;
    }
    r->scripted = r->o.replay || r->o.screenshot;
    int status = window_open(r);
    if (!status)
        status = state_folder_choose(r);
    if (!status)
        status = app_open(r);
    if (!status) {
        Step st = frames_loop(r);
        status = st == STEP_FAIL ? 1 : run_finish(r);
    }
    run_close(r);
    return status;
}
