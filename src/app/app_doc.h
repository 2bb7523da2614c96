/* app_doc.h - the document: the photo, its plan and what is derived from them
 * (scene, mattes, dots on screen, sheen and redness). Opened and closed by
 * app_load.c; the derived parts are kept up to date by app_doc.c. */
#ifndef SMP_APP_DOC_H
#define SMP_APP_DOC_H

#include "../core/hairline.h"
#include "../core/matte_apply.h"
#include "../core/photo_look.h"
#include "../core/plan.h"
#include "../core/scalp_views.h"
#include "../core/scene.h"
#include "../core/skin_tone.h"
#include "app.h"
#include "app_head.h"

enum { APP_PATH_MAX = 1024 };

enum { APP_DOC_EXPORTS_MAX = 16 };

typedef struct AppDoc {
    SmpImage photo;
    bool has_photo;
    SmpMattes mattes;              /* of the photo (docs/mattes.md); head.uncertain: not found */
    SkinTone skin;                 /* measured on head skin once the mattes are found */
    SmpMatte ink_keep;             /* what the view keeps of the dot layer (mattes_keep_mask) */
    unsigned mattes_gen;           /* changes when mattes and ink_keep change */
    MatteCover cover;              /* hair coverage grid for filtering dots, at cover.px_per_mm */
    DotList drawn;                 /* the scene's dots the mattes keep: what the view draws */
    unsigned drawn_gen;            /* dots_gen that `drawn` was filtered from */
    unsigned drawn_others;         /* the other views' dots `drawn` holds (AppCharts.made_count) */
    bool in_charts;                /* the scene is view 0's chart among others */
    ScalpViews views;              /* the scene's, while charts */
    unsigned photo_gen;
    PhotoLook photo_look;          /* the photo's blur and grain, around the treated area */
    SheenMap sheen;                /* its sheen map (photo_look.h) */
    SheenMap redness;              /* the flush of fresh work over the drawn dots (erythema.h) */
    unsigned redness_dots_gen;     /* the dots_gen and strength it was made for */
    float redness_strength;
    unsigned redness_gen;
    bool shown_known;              /* a renderer reports what it shows (app_photo_shown) */
    unsigned shown_gen;            /* photo_gen the renderer draws whole */
    float upload_progress;         /* 0..1 while the photo goes to the GPU */
    bool shown_sharp;              /* and the view has the detail its zoom shows */
    char photo_path[APP_PATH_MAX]; /* absolute when known */
    SmpPlan plan;
    SmpPlan saved;                 /* as last saved/opened: dirty = differs */
    bool dirty;
    char plan_path[APP_PATH_MAX];  /* "" until saved */
    SmpScene *scene;
    unsigned dots_gen;
    unsigned pending;              /* SceneChange mask waiting for the next frame */
    HairlineCurve curve;           /* for the overlay */
    bool curve_stale;
    /* images exported from this document (Forget client can delete them) */
    char exports[APP_DOC_EXPORTS_MAX][APP_PATH_MAX];
    int export_count;
    AppHead head;                  /* the fitted 3D head the view uses (app_head.c) */
} AppDoc;

/* Remembers an image exported from the document (the oldest go first). */
void app_doc_note_export(AppDoc *doc, const char *path);

/* Frees what the document holds (the photo is freed by app_load.c, which
 * knows whether the mattes job still reads it). */
void app_doc_free(AppDoc *doc);
/* Marks parts of the scene to redo at the next frame (SceneChange bits). */
void app_mark_changed(App *app, unsigned scene_change);
/* R: the same plan with a new random seed (one undo step). */
void app_new_dot_pattern(App *app);
/* Each frame: brings the scene up to date with the plan. */
void app_doc_update_scene(App *app);
/* The scene's dots that the mattes keep, and the flush around fresh dots,
 * as exports draw them; remade only when their inputs changed. */
const DotList *app_doc_drawn_dots(App *app);
/* The plan as the views see it (the fit in use, the photo's size), a shallow copy
 * (it owns nothing): false when it has no charts (fewer than two fitted views). */
bool app_doc_views(const App *app, SmpPlan *shallow, ScalpViews *views);
const SheenMap *app_doc_redness(App *app, const DotList *dots, double ppm, float strength);

#endif
