/* app_head.c - the 3D head in the editor (docs/head3d.md): fitted from the head
 * matte when the mattes arrive (app_mattes.c), its view label guessed as the
 * lowest-cost view, shown in the status bar and changed with V; an implausible fit
 * keeps the flat view with a notice; the fit goes into the plan's "head" only when
 * the plan is written (save, dump, export), so opening a photo changes no file. */
#include "app_internal.h"

#include <stdio.h>

/* The scene follows the head: foreshortened dots with a fit, flat without. */
static void head_to_scene(App *app)
{
    Head3D h;
    bool on = app->doc.head.fit.set &&
              head3d_from_plan(&app->doc.head.fit, app->doc.photo.width, app->doc.photo.height, &h);
    if (app->doc.scene)
        scene_set_head(app->doc.scene, on ? &h : NULL);
    app_mark_changed(app, SCENE_CHANGED_LOOK); /* the scene redoes its warp and growth */
}

void app_head_reset(App *app)
{
    AppHead *h = &app->doc.head;
    *h = (AppHead){0};
    h->fit = app->doc.plan.head;
    h->from_plan = h->known = h->fit.set;
    h->view = h->fit.set && h->fit.view >= 0 && h->fit.view < HEAD_VIEW_COUNT ? (HeadView)h->fit.view : HEAD_VIEW_FRONT;
}

/* The fit in use; the status says so when asked, or when it is implausible. */
static void head_apply(App *app, const HeadFit *fit, const PlanHead *ph, bool announce)
{
    AppHead *h = &app->doc.head;
    h->known = true;
    h->view = fit->view;
    h->implausible = !fit->plausible;
    h->fit = *ph;
    h->fit.set = fit->plausible;
    head_to_scene(app);
    if (!announce && fit->plausible)
        return;
    char msg[160];
    if (fit->plausible)
        snprintf(msg, sizeof msg, "3D head: %s view (V changes it)", head3d_view_name(fit->view));
    else
        snprintf(msg, sizeof msg, "No 3D head as a %s view: flat (V: next)", head3d_view_name(fit->view));
    app_set_status(app, msg);
}

void app_head_fitted(App *app, const HeadFit *fit, const PlanHead *ph) { head_apply(app, fit, ph, true); }

static bool head_matte_ready(const App *app)
{
    return app->doc.has_photo && app->doc.mattes.head.alpha && !app->doc.mattes.head.uncertain;
}

/* Fits the photo's head as `view` with the plan's marks and scale as they are now. */
static void head_refit(App *app, HeadView view, bool announce)
{
    AppDoc *doc = &app->doc;
    double ppm = doc->plan.scale.set ? plan_px_per_mm(&doc->plan) : 0.0;
    HeadFit fit;
    PlanHead ph;
    SmpError err = {{0}};
    if (!head3d_fit_photo(&doc->mattes.head, doc->photo.width, doc->photo.height, &doc->plan.landmarks, ppm, (int)view,
                          &fit, &ph, &err)) {
        app_set_error(app, err.msg);
        return;
    }
    doc->head.from_plan = false;
    head_apply(app, &fit, &ph, announce);
}

void app_head_next_view(App *app)
{
    if (!head_matte_ready(app)) {
        app_set_status(app, app_mattes_running(app) ? "Still finding the head..." : "No head found: the flat view");
        return;
    }
    const AppHead *h = &app->doc.head;
    head_refit(app, h->known ? (HeadView)(((int)h->view + 1) % HEAD_VIEW_COUNT) : HEAD_VIEW_FRONT, true);
}

void app_head_plan_changed(App *app, const SmpPlan *before)
{
    if (head_matte_ready(app) && app->doc.head.known &&
        (plan_diff(before, &app->doc.plan) & (PLAN_PART_LANDMARKS | PLAN_PART_SCALE)))
        head_refit(app, app->doc.head.view, false);
}

void app_head_into_plan(const App *app, SmpPlan *p)
{
    if (app->doc.head.known)
        p->head = app->doc.head.fit;
}

const char *app_head_label(const App *app, char *buf, size_t size)
{
    const AppHead *h = &app->doc.head;
    if (!h->known)
        snprintf(buf, size, "head: flat");
    else if (h->implausible)
        snprintf(buf, size, "head: flat (%s fit implausible)", head3d_view_name(h->view));
    else
        snprintf(buf, size, "head: %s", head3d_view_name(h->view));
    return buf;
}
