/* app_head.h - the fitted 3D head in the editor (app_head.c, docs/head3d.md). */
#ifndef SMP_APP_HEAD_H
#define SMP_APP_HEAD_H

#include "../core/head3d_fit.h"
#include "app.h"

/* What the view knows of the head: the fit it uses (set: dots on the 3D scalp;
 * unset: the flat photo) and the view label shown. */
typedef struct AppHead {
    PlanHead fit;     /* in use: the plan's head when it has one, else the automatic fit */
    HeadView view;    /* the label shown: the plan's, the guess or the one chosen with V */
    bool known;       /* a label is known (a plan's head, or a fit was tried) */
    bool implausible; /* the fit in use was implausible: the flat view, with a notice */
    bool from_plan;   /* the plan had one: no fit when the photo opens */
    /* the last automatic fit (set false when implausible), used while the plan has no head */
    PlanHead auto_fit;
    HeadView auto_view;
    bool auto_known, auto_implausible;
    PlanLandmarks auto_marks; /* ... the plan's marks and scale it was made from */
    double auto_ppm;
    int auto_for;             /* ... and the label chosen then (V), -1: guessed */
} AppHead;

/* A new document: the plan's head (if any) is what the view uses. */
void app_head_reset(App *app);
/* The mattes' worker found a fit (the label guessed) for the current photo, from
 * these marks and scale (px/mm, 0: none). */
void app_head_fitted(App *app, const HeadFit *fit, const PlanHead *ph, const PlanLandmarks *marks, double ppm);
/* After an edit, undo or redo (plan_diff against `before`): the plan's head changed
 * (the handles, V, undo) and is used, or fitted when the plan has none; or the face
 * marks or the scale moved, so a head the plan does not hold is fitted again with
 * its label (quietly unless implausible). A head in the plan is never refitted. */
void app_head_plan_changed(App *app, const SmpPlan *before);
/* V: fits again with the next label (front, top, left, right, back): one undo step. */
void app_head_next_view(App *app);
/* The plan's head dropped (corrections and a chosen label): fitted afresh, one undo step. */
void app_head_fit_again(App *app);
/* The head the view draws (the plan's, mid-drag too), or NULL for the flat view. */
const PlanHead *app_head_in_use(const App *app);
/* "moved the head's outline", "tilted the head" ...: the edit from a to b. */
const char *app_head_describe(const App *app, const PlanHead *a, const PlanHead *b);
/* A plan about to be written (save, dump, export): the head the view uses. */
void app_head_into_plan(const App *app, SmpPlan *p);
/* "head: top", "head: flat (fit implausible)" ...: for the status bar. */
const char *app_head_label(const App *app, char *buf, size_t size);

/* The ear a tap at photo (px, py) marks: +1 the client's left, -1 the right (by the
 * head in use; without one, as in a front view). */
int app_head_ear_side(const App *app, double px, double py);

#endif
