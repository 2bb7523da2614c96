/* app_views.h - looking at the plan's other photos (views 1.. of plan format
 * version 2) in the editor: a tap in the Photo step loads view n's photo on a
 * worker and carries view 0's dots onto it through both fits, as
 * `smpview render --view n` draws them (render_view_dots). The view then shows
 * that photo and those dots read-only: editing happens on view 0, and an undo
 * or redo meanwhile is carried over again. Before / after, split and Show
 * client work on it as on view 0. */
#ifndef SMP_APP_VIEWS_H
#define SMP_APP_VIEWS_H

#include "../core/dots.h"
#include "../core/image.h"
#include "../core/matte.h"
#include "../core/photo_look.h"
#include "../core/plan.h"
#include "app.h"
#include "app_doc.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <threads.h>

typedef struct AppViewJob {
    thrd_t thread;
    bool running;
    atomic_int done;
    int n;
    char photo_path[APP_PATH_MAX];
    SmpPlan plan; /* own copy */
    SmpImage photo;
    DotList dots;   /* on head skin only, as the export draws them */
    SmpMatte keep;  /* the ink kept per pixel (the GPU's), as app_mattes.c makes it */
    PhotoLook look; /* the photo's blur and grain */
    SheenMap sheen;
    double ppm;
    bool ok;
    SmpError err;
} AppViewJob;

typedef struct AppViews {
    int shown;      /* 0: the plan's own photo, where editing happens; n: view n */
    int loading;    /* the view being loaded, 0 none */
    AppViewJob got; /* view `shown`'s photo, dots, keep mask and look (no thread) */
    unsigned gen;   /* changes with them (the GPU's photo and dots generations) */
    AppViewJob job;
} AppViews;

/* Back to view 0 for a new document (no refit: the document's load fits it). */
void app_views_reset(App *app);
/* Shows view n (0: back to the plan's own photo); views 1.. load first. */
void app_views_show(App *app, int n);
/* Once a frame: takes a finished load. */
void app_views_poll(App *app);
/* The plan changed (undo, redo): view n's dots are carried over again. */
void app_views_plan_changed(App *app);
void app_views_free(App *app);
/* The generation of the photo on screen: view 0's, or one apart for another view. */
unsigned app_views_photo_gen(const App *app);

#endif
