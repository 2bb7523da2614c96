/* app.h - the consultation editor as plain C: state, tools, undo, dialogs and
 * the UI, driven by AppEvents and producing an AppFrame for src/gfx to draw.
 *
 * No SDL and no GL here: the platform layer feeds events and a clock, asks for
 * a frame, hands it to the renderer and asks whether to quit. Tests drive the
 * same functions without a window. Files (photos, plans, exports, the state
 * directory) go through src/io. The frame loop does not allocate: buffers are
 * sized when a photo is opened.
 */
#ifndef SMP_APP_H
#define SMP_APP_H

#include "../core/dots.h"
#include "../core/image.h"
#include "../core/matte.h"
#include "../core/photo_look.h"
#include "../core/pigment.h"
#include "app_event.h"
#include "draw.h"

#include <stdint.h>

typedef struct AppConfig {
    const char *open_path;   /* photo or plan; NULL = the bundled sample */
    const char *state_dir;   /* recent files, last folder, autosave */
    const char *sample_plan; /* plan opened without an argument */
    bool scripted;           /* replay: never block on a dialog at exit */
} AppConfig;

/* Everything the renderer needs for one frame. Pointers stay valid until the
 * next app_frame; the *_gen counters change when the data behind them does. */
typedef struct AppFrame {
    int width, height; /* drawable px */
    /* photo */
    const SmpImage *photo;
    unsigned photo_gen;
    /* view: screen = origin + photo_px * zoom, clipped to the view rectangle */
    float view_x, view_y, view_w, view_h;
    double zoom, origin_x, origin_y;
    /* dots */
    const DotList *dots;
    unsigned dots_gen;
    double px_per_mm;
    float blur_px;   /* the photo's own blur (Gaussian sigma, photo px), folded into the dots as in
                        exports (measured when it was opened, photo_look.h); 0 = none */
    PigmentLook look;
    bool show_dots;  /* false while "before" is held */
    bool show_mattes; /* tint where ink_keep keeps the dots off (the M overlay) */
    float split_x;   /* screen x: photo alone to the left; <= view_x for none */
    float twin_dx;   /* > 0: side by side, the photo alone drawn again twin_dx px to the
                        left of the view (the before half); 0 for none */
    /* the photo's look (photo_look.h), measured when it was opened; the sheen
     * map changes with photo_gen */
    const SheenMap *sheen; /* NULL: none */
    /* The share of the dot layer kept per pixel (head x (1 - hair), as exports do),
     * covering the photo at a lower resolution for big photos; NULL: keep all.
     * Changes with mattes_gen (they are found after the photo shows). */
    const SmpMatte *ink_keep;
    unsigned mattes_gen;
    /* The flush around fresh dots (erythema.h; NULL: none, e.g. healed work),
     * changes with redness_gen. */
    const SheenMap *redness;
    unsigned redness_gen;
    float grain_sigma;     /* 8-bit steps, times the ink amount */
    uint32_t seed;         /* the plan's: the grain pattern, as in exports */
    /* UI on top */
    const DrawList *ui;
    const FontAtlas *font;
    const uint8_t *pics; /* the UI's picture atlas (pics.h), RGBA pics_w x pics_h; NULL none */
    int pics_w, pics_h;
    unsigned pics_gen;   /* changes when a picture is put */
} AppFrame;

typedef struct App App;

bool app_create(const AppConfig *cfg, App **out, SmpError *err);
/* Autosaves unsaved work (kept for recovery) and frees everything. */
void app_destroy(App *app);

void app_event(App *app, const AppEvent *e);
/* Advances to time `now` (seconds, monotonic), lays out the UI for a drawable
 * of w x h px at HiDPI `scale`, and returns the frame to draw. */
const AppFrame *app_frame(App *app, double now, int w, int h, float scale);

bool app_wants_quit(const App *app);
/* True while long work runs (an export, a photo opening or still going to the
 * GPU, its detail too after a zoom): a replay waits before its next line. */
bool app_busy(const App *app);
/* True while the photo shown is not yet on screen with the detail the view
 * needs (being sent to the GPU after an open or a zoom, or still under the
 * "Opening" box). */
bool app_drawing_photo(const App *app);
/* The renderer's word after each frame: the photo_gen it draws whole (0 while
 * a photo uploads), the share uploaded, and whether the view has all the
 * detail its zoom shows (false for a few frames after zooming in on a big
 * photo). Until photo_gen is the current photo, the "Opening" box stays up
 * and editing waits. */
void app_photo_shown(App *app, unsigned photo_gen, float progress, bool sharp);
/* Writes the current plan as a plan file (the `dump` replay command). */
bool app_dump_plan(const App *app, const char *path, SmpError *err);
/* The last frame's layout, for tests: "window W H SCALE", "view X Y W H", then
 * "widget SHOWN X Y W H LABEL" per control (SHOWN 0: scrolled out of view). */
bool app_dump_layout(const App *app, const char *path, SmpError *err);
/* The plan's visible dots (for --stats). */
int app_visible_dots(const App *app);
/* Opens again what the last open failed on, if nothing opened or is opening
 * since: the web build reads a photo kept from an earlier visit only when
 * first asked for, and calls this once it has (main_web.c). */
void app_open_again(App *app);
/* Window title: file name and an unsaved mark. */
const char *app_title(const App *app);
/* How many times "Forget client" has run: the browser page drops its own
 * copies of the client's photos when it changes (docs/web.md). */
unsigned app_forget_count(const App *app);
/* The last error shown to the user, "" if none (for tests and stderr). */
const char *app_last_error(const App *app);

#endif
