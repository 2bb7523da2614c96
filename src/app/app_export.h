/* app_export.h - exporting the preview image with the same renderer as
 * `smpview render`, on a worker thread (app_export.c). */
#ifndef SMP_APP_EXPORT_H
#define SMP_APP_EXPORT_H

#include "../core/label.h"
#include "../core/plan.h"
#include "../core/render.h"
#include "../core/render_views.h"
#include "../io/image_write.h"
#include "app.h"
#include "app_doc.h"

#include <stdatomic.h>
#include <threads.h>

/* The export's steps (app_export.c), each bounded: the photo's mattes and what the
 * dots keep of them, then the picture or sheet; or the views' sheet. */
typedef enum AppExportPhase { EXPORT_MATTES, EXPORT_KEEP, EXPORT_PICTURE, EXPORT_VIEWS_SHEET } AppExportPhase;

typedef struct AppExportJob {
    thrd_t thread;
    bool running;
    atomic_int done; /* 1 when the thread has finished */
    atomic_int progress; /* 0..1000, from render_plan */
    bool ok;
    SmpError err;
    AppExportPhase phase;
    MattesSteps *mattes_steps;  /* the photo's mattes being found, a step at a time, */
    atomic_int finding_mattes;  /* ... while 1 (the status says so), */
    SmpMattes mattes;           /* then found; */
    MattesViewSteps keep_steps; /* what the dots keep of them, a step at a time: */
    SmpMatte keep;              /* the keep mask (step 1) */
    MatteCover cover;           /* and the hair cover grid at the dots' scale; */
    RenderSteps *picture;       /* the picture on them, a step at a time */
    ViewsSheetSteps *views;     /* or the views' sheet, a step at a time */
    RenderRequest req;          /* as `smpview render` would be asked */
    SmpImage logo;              /* read for the picture ("" logo_path: none) */
    ImageWriting *writing; /* the file, once rendered: written, or still being encoded (the web build) */
    char path[APP_PATH_MAX];
    char plan_path[APP_PATH_MAX]; /* the plan's file ("" unsaved): the other views' photos are beside it */
    char logo_path[APP_PATH_MAX]; /* "" none; read by the job, as `render --logo` reads it */
    char clinic_text[LABEL_TEXT_MAX + 1]; /* "" none, as `render --clinic-text` */
    SmpImage photo; /* borrowed from the app (photos do not change while busy), or view_photo */
    int view;             /* the plan's view drawn (another one shown: as `render --view n`) */
    SmpImage view_photo;  /* that view's photo, a copy owned by the job; empty for view 0 */
    SmpPlan plan;   /* own copy */
    bool label, view_only;
    ComposeLayout layout;
    ComposePreset preset;
    Anonymise anonymise;
    int crop_x, crop_y, crop_w, crop_h;
} AppExportJob;

void app_export_start(App *app, const char *path);
/* Each frame: reports a finished export. */
void app_export_poll(App *app);
void app_export_join(App *app);

#endif
