/* app_views.h - the plan's other photos (views 1.. of plan format version 2) in
 * the editor: a tap in the Photo step loads view n's photo on a worker with the
 * plan's dots carried onto it through the fits, as `smpview render --view n`
 * draws them (render_view_dots). Areas are painted there (the brush and the
 * eraser; the stroke keeps the view's index) and V fits its head again; the
 * other edits happen on view 0. After an edit, undo or redo only the view's
 * dots are made again. Before / after, split and Show client work on it as on
 * view 0. The last view shown stays loaded, and view 1 is loaded in the
 * background once the Photo step lists the views. */
#ifndef SMP_APP_VIEWS_H
#define SMP_APP_VIEWS_H

#include "../core/dots.h"
#include "../core/image.h"
#include "../core/matte.h"
#include "../core/photo_look.h"
#include "../core/plan.h"
#include "app.h"
#include "app_doc.h"
#include "pics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdbool.h>
#include <threads.h>

/* The photo shown and its mattes, lent to a job that only makes its dots again
 * (and its mattes, when the head corrections made on it changed). */
typedef struct AppViewJobPhoto {
    const SmpImage *photo;
    const SmpMattes *mattes;
    bool mattes_stale;
} AppViewJobPhoto;

typedef struct AppViewJob {
    thrd_t thread;
    bool running;
    atomic_int done;
    int n;
    char plan_path[APP_PATH_MAX]; /* the view's photo is found beside it */
    SmpPlan plan; /* own copy, as the dots follow it (with view 0's fit and photo size) */
    SmpImage photo;
    SmpMattes mattes; /* of the photo: the dots are filtered again after an edit */
    const AppViewJobPhoto *again; /* not NULL: only the dots again, on the photo shown */
    DotList dots;   /* on head skin only, as the export draws them */
    SmpMatte keep;  /* the ink kept per pixel (the GPU's), as app_mattes.c makes it */
    PhotoLook look; /* the photo's blur and grain */
    SheenMap sheen;
    double ppm;
    uint64_t corrections; /* key of the head corrections made on the view, as its mattes had them */
    bool ok;
    SmpError err;
} AppViewJob;

/* Thumbnails of every view's photo for the Photo step, made on a worker the
 * first time the list shows (THUMB_W x THUMB_H, app_clients.h). */
typedef struct AppViewThumbs {
    thrd_t thread;
    bool started;  /* a worker was started and not joined */
    bool asked;    /* made (or being made) for this document */
    int count;
    char paths[PLAN_MAX_VIEWS][APP_PATH_MAX];
    uint32_t px[PLAN_MAX_VIEWS][PIC_W * PIC_H];
    atomic_int state[PLAN_MAX_VIEWS]; /* 0 being made, 1 ready, 2 no photo */
} AppViewThumbs;

typedef struct AppViews {
    int shown;      /* 0: the plan's own photo, where editing happens; n: view n */
    int loading;    /* the view being loaded, 0 none */
    int prefetch;   /* the view loaded in the background, not to be shown, 0 none */
    AppViewJob got; /* view `shown`'s photo, dots, keep mask and look (no thread); kept
                     * while view 0 is shown, so going back is quick */
    unsigned gen;   /* changes with them (the GPU's photo and dots generations) */
    AppViewJob job;
    AppViewJobPhoto lent; /* what `job.again` points to */
    AppViewThumbs thumbs;
} AppViews;

/* Back to view 0 for a new document (no refit: the document's load fits it). */
void app_views_reset(App *app);
/* Shows view n (0: back to the plan's own photo); views 1.. load first. */
void app_views_show(App *app, int n);
/* Once a frame: takes a finished load. */
void app_views_poll(App *app);
/* The plan changed (undo, redo): view n's dots are carried over again. */
void app_views_plan_changed(App *app);
/* V on another view: its head fitted again as the next label that fits its photo
 * plausibly (one undo step; its dots are made again). */
void app_views_next_label(App *app);
/* The hairline on another view's photo, carried from view 0's (app_views_hairline.c):
 * drawn with the Line tool, its points dragged there (added and removed on view 0). */
void app_views_hairline_draw(App *app);
void app_views_hairline_down(App *app, float x, float y);
void app_views_hairline_drag(App *app, double px, double py);
/* For the replay's `layout`: "hairline K X Y" per point shown there, screen px. */
void app_views_hairline_layout(const App *app, FILE *f);
/* Photo px per mm of the photo shown (a brush's size there). */
double app_views_px_per_mm(const App *app);
/* The painted areas in the shown photo's pixels, carried over the scalp from the
 * views they were painted in (a plan `out` owns), for the overlay: false, nothing
 * made, when the plan's own regions serve (one fitted view, or view 0 shown and
 * no area painted elsewhere). */
bool app_views_seen_areas(const App *app, SmpPlan *out);
void app_views_free(App *app);
/* A view is being opened or its thumbnails made (replays wait for them). */
bool app_views_busy(const App *app);
/* The generation of the photo on screen: view 0's, or one apart for another view. */
unsigned app_views_photo_gen(const App *app);
/* Draws view n's thumbnail (its worker started on first use); a placeholder
 * while it is made or when the view's photo cannot be read. */
void app_views_thumb(App *app, int n, float x, float y, float w, float h);

#endif
