/* app_mattes.h - the photo's head and hair mattes, found on a worker thread
 * once the photo shows (app_mattes.c). */
#ifndef SMP_APP_MATTES_H
#define SMP_APP_MATTES_H

#include "../core/head3d_fit.h"
#include "../core/matte_apply.h"
#include "app.h"

#include <stdatomic.h>
#include <threads.h>

typedef struct AppMatteJob {
    thrd_t thread;
    bool running;
    atomic_int done;  /* 1 when the thread has finished */
    bool ok;
    SmpError err;
    SmpImage photo;   /* a view of the photo it was started for ... */
    bool owns_photo;  /* ... owned here once a newer photo replaced it */
    unsigned photo_gen;
    SmpMattes mattes;
    SmpMatte ink_keep;
    /* The head fit (app_head.c), from the plan's marks and scale at the start */
    bool fit_wanted, fitted;
    PlanLandmarks marks;
    double ppm;   /* 0: no scale set */
    HeadFit fit;
    PlanHead fit_head;
} AppMatteJob;

/* Started for the photo just committed, folded in by the poll when found;
 * the photo the app replaces or frees while they are being found goes to
 * app_mattes_release_photo instead of image_free. */
void app_mattes_start(App *app);
void app_mattes_poll(App *app);
void app_mattes_release_photo(App *app);
void app_mattes_join(App *app);
bool app_mattes_running(const App *app);
/* M: shows or hides where the mattes keep the dots off (background, hair), with a word why not. */
void app_toggle_mattes_overlay(App *app);

#endif
