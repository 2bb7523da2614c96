/* app_load.h - opening photos and plans on a worker thread, and the plan
 * whose photo must be located (app_load.c). */
#ifndef SMP_APP_LOAD_H
#define SMP_APP_LOAD_H

#include "../core/photo_look.h"
#include "../core/plan.h"
#include "../core/scene.h"
#include "app.h"
#include "app_doc.h"

#include <stdatomic.h>
#include <threads.h>

/* Opening a photo (or a plan's photo) on a worker thread: the window keeps
 * drawing; the result is committed by app_frame when the thread is done. */
typedef struct AppLoadJob {
    thrd_t thread;
    bool running;    /* started and not joined yet */
    bool cancelled;  /* Esc: the result is dropped when the thread ends */
    atomic_int done; /* 1 when the thread has finished */
    atomic_int abort; /* 1: the result is unwanted (closing, Esc): skip what is left */
    bool ok;
    SmpError err;
    double started;  /* app->now at the start, for the indicator */
    char photo_path[APP_PATH_MAX]; /* absolute */
    char plan_path[APP_PATH_MAX];  /* absolute; "" for a photo alone */
    SmpPlan plan;                  /* the plan being opened (a photo alone: a new plan) */
    bool has_plan;
    bool relink;                   /* the photo was chosen for a plan whose photo is missing */
    bool recover;                  /* the autosave: the work belongs to `origin`, unsaved */
    bool quiet;                    /* the bundled sample: not a recent plan, not a last folder */
    char origin[APP_PATH_MAX];
    char bundle[APP_PATH_MAX];     /* the bundle the plan was unpacked from, else "" */
    char hash[80];                 /* relink: the new photo's hash, when the plan had one */
    /* A plain open's path (app_open_path), kept when its load fails, until
     * the next open: see app_open_again. load_reset leaves it. */
    char reopen_path[APP_PATH_MAX];
    SmpImage photo;
    SmpScene *scene;               /* the plan's dots on that photo, built on the thread too */
    PhotoLook photo_look;          /* measured on the thread too, like the export does */
    SheenMap sheen;
} AppLoadJob;

/* A plan whose photo is missing, waiting for the user to locate it. */
typedef struct AppLocate {
    bool active;
    SmpPlan plan;
    char plan_path[APP_PATH_MAX]; /* absolute */
    char missing[APP_PATH_MAX];   /* where the plan says the photo is */
    bool recover;
    char origin[APP_PATH_MAX];
} AppLocate;

/* app_open_path reads a plan and checks the photo now (errors are immediate
 * and leave everything as it was), then decodes the photo on a worker thread;
 * a plan whose photo is missing opens the "locate" dialog instead. Returns
 * false with err on an immediate failure. */
bool app_open_path(App *app, const char *path, SmpError *err);
bool app_open_sample(App *app, const char *path, SmpError *err);
bool app_open_recover(App *app, const char *autosave, const char *origin, SmpError *err);
/* The user picked the photo for the plan waiting in app->locate. */
bool app_locate_choose(App *app, const char *photo_path, SmpError *err);
void app_locate_cancel(App *app);
/* Commits a finished load (from app_frame); joins and drops one on exit. */
void app_load_poll(App *app);
void app_load_join(App *app);
/* The FUE scars in the plan's painted scars, given to the scene (as render_plan does). */
bool app_scar_spots_find(SmpScene *scene, const SmpImage *photo, const SmpPlan *plan, SmpError *err);
/* Forget client, confirmed: the state folder forgets them (app_state_forget_client)
 * and the photo and plan leave the screen; the status says what stays on disk. */
/* Forgets the client (app_state_forget_client) and closes the document; with
 * delete_files, their plans and this document's exports are deleted first
 * (never the photo). */
void app_forget_client(App *app, bool delete_files);
/* How many files Forget client would delete: plans and exports on disk. */
int app_forget_client_files(const App *app);
bool app_loading(const App *app);   /* a load the user is waiting for */
bool app_uploading(const App *app); /* the photo is opened but not yet drawn whole */
bool app_sharpening(const App *app); /* drawn whole, its finer detail still going to the GPU */
void app_load_cancel(App *app);

#endif
