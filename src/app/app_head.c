/* app_head.c - the 3D head in the editor (docs/head3d.md): fitted from the head
 * matte when the mattes arrive (app_mattes.c), its view label guessed as the
 * lowest-cost view, shown in the status bar and changed with V; an implausible fit
 * keeps the flat view with a notice. The automatic fit goes into the plan's "head"
 * only when the plan is written (save, dump, export), so opening a photo changes no
 * file; a head in the edited plan (its file's, or corrected with the handles) is
 * the plan's and no automatic fit replaces it; V is an edit: the label chosen. */
#include "app_internal.h"

#include <math.h>
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
    *h = (AppHead){0}; /* the automatic fit too: a new photo is fitted afresh */
    h->fit = app->doc.plan.head;
    h->from_plan = h->known = h->fit.set;
    h->view = h->fit.set && h->fit.view >= 0 && h->fit.view < HEAD_VIEW_COUNT ? (HeadView)h->fit.view : HEAD_VIEW_FRONT;
}

/* The head in use: the plan's when it has one, else the last automatic fit. */
static void head_use(App *app)
{
    AppHead *h = &app->doc.head;
    const PlanHead *ph = &app->doc.plan.head;
    if (ph->set) {
        h->fit = *ph;
        h->view = ph->view >= 0 && ph->view < HEAD_VIEW_COUNT ? (HeadView)ph->view : HEAD_VIEW_FRONT;
        h->known = true, h->implausible = false;
    } else {
        h->fit = h->auto_fit;
        h->view = h->auto_view;
        h->known = h->auto_known, h->implausible = h->auto_implausible;
    }
    head_to_scene(app);
}

static void head_announce(App *app)
{
    const AppHead *h = &app->doc.head;
    char msg[160];
    if (!h->implausible)
        snprintf(msg, sizeof msg, "3D head: %s view (V changes it)", head3d_view_name(h->view));
    else
        snprintf(msg, sizeof msg, "No 3D head as a %s view: flat (V: next)", head3d_view_name(h->view));
    app_set_status(app, msg);
}

/* The fit's inputs from the plan: its face marks (the midline is not one) and scale. */
static bool marks_equal(const PlanLandmarks *a, const PlanLandmarks *b)
{
    const bool has[2][3] = {{a->has_glabella, a->has_eye_left, a->has_eye_right},
                            {b->has_glabella, b->has_eye_left, b->has_eye_right}};
    const PlanPoint *at[2][3] = {{&a->glabella, &a->eye_left, &a->eye_right},
                                 {&b->glabella, &b->eye_left, &b->eye_right}};
    for (int i = 0; i < 3; i++)
        if (has[0][i] != has[1][i] || (has[0][i] && (at[0][i]->x != at[1][i]->x || at[0][i]->y != at[1][i]->y)))
            return false;
    return true;
}

static double plan_ppm(const SmpPlan *p) { return p->scale.set ? plan_px_per_mm(p) : 0.0; }

/* The automatic fit (made from `marks` and `ppm`); the status says so when asked,
 * or when it is implausible. */
static void head_apply(App *app, const HeadFit *fit, const PlanHead *ph, const PlanLandmarks *marks, double ppm,
                       bool announce)
{
    AppHead *h = &app->doc.head;
    const PlanHead *now = &app->doc.plan.head;
    h->auto_marks = *marks;
    h->auto_ppm = ppm;
    h->auto_for = now->view_chosen ? now->view : -1; /* the state of the plan's head it serves */
    h->auto_fit = *ph;
    h->auto_fit.set = fit->plausible;
    h->auto_fit.view_chosen = false;
    h->auto_view = fit->view;
    h->auto_implausible = !fit->plausible;
    h->auto_known = true;
    head_use(app);
    if (announce || !fit->plausible)
        head_announce(app);
}

void app_head_fitted(App *app, const HeadFit *fit, const PlanHead *ph, const PlanLandmarks *marks, double ppm)
{
    head_apply(app, fit, ph, marks, ppm, true);
}

static bool head_matte_ready(const App *app)
{
    return app->doc.has_photo && app->doc.mattes.head.alpha && !app->doc.mattes.head.uncertain;
}

/* Fits the photo's head as `view` (-1: the label guessed) with the plan's marks and
 * scale as they are now. */
static void head_refit(App *app, int view, bool announce)
{
    AppDoc *doc = &app->doc;
    double ppm = plan_ppm(&doc->plan);
    HeadFit fit;
    PlanHead ph;
    SmpError err = {{0}};
    if (!head3d_fit_photo(&doc->mattes.head, doc->photo.width, doc->photo.height, &doc->plan.landmarks, ppm, view, &fit,
                          &ph, &err)) {
        app_set_error(app, err.msg);
        return;
    }
    doc->head.from_plan = false;
    head_apply(app, &fit, &ph, &doc->plan.landmarks, ppm, announce);
}

/* V: an edit (undo takes it back): the plan's head becomes the next label, fitted
 * afresh (a corrected head gives way to it). */
void app_head_next_view(App *app)
{
    if (!head_matte_ready(app)) {
        app_set_status(app, app_mattes_running(app) ? "Still finding the head..." : "No head found: the flat view");
        return;
    }
    const AppHead *h = &app->doc.head;
    int next = h->known ? ((int)h->view + 1) % HEAD_VIEW_COUNT : HEAD_VIEW_FRONT;
    app_edit_begin(app);
    app->doc.plan.head = (PlanHead){.view = next, .view_chosen = true};
    app_edit_end(app); /* fits it (app_head_plan_changed) */
    head_announce(app);
}

void app_head_fit_again(App *app)
{
    app_edit_begin(app);
    app->doc.plan.head = (PlanHead){0};
    app_edit_end(app);
    head_announce(app);
}

void app_head_plan_changed(App *app, const SmpPlan *before)
{
    const PlanHead *ph = &app->doc.plan.head;
    unsigned d = plan_diff(before, &app->doc.plan);
    if (ph->set) { /* the plan's own: kept as it is, whatever the marks say */
        if (d & PLAN_PART_HEAD)
            head_use(app);
        return;
    }
    bool ready = head_matte_ready(app);
    const AppHead *h = &app->doc.head;
    /* back to the automatic fit: the one kept when made from these marks and label
     * (an undo gives back what was there, bit for bit), else fitted again */
    bool kept = h->auto_known && marks_equal(&h->auto_marks, &app->doc.plan.landmarks) &&
                h->auto_ppm == plan_ppm(&app->doc.plan) && h->auto_for == (ph->view_chosen ? ph->view : -1);
    if ((d & PLAN_PART_HEAD) && ready && !kept)
        head_refit(app, ph->view_chosen ? ph->view : -1, false);
    else if (d & PLAN_PART_HEAD)
        head_use(app);
    else if (ready && app->doc.head.known && (d & (PLAN_PART_LANDMARKS | PLAN_PART_SCALE)))
        head_refit(app, ph->view_chosen ? ph->view : (int)app->doc.head.view, false);
}

void app_head_into_plan(const App *app, SmpPlan *p)
{
    if (app->doc.plan.head.set) /* corrected, maybe mid-drag */
        p->head = app->doc.plan.head;
    else if (app->doc.head.known)
        p->head = app->doc.head.fit;
    p->head.view_chosen = false; /* the editor's alone: a file cannot hold it */
}

const PlanHead *app_head_in_use(const App *app)
{
    const PlanHead *ph = app->doc.plan.head.set ? &app->doc.plan.head : &app->doc.head.fit;
    return ph->set ? ph : NULL;
}

/* What an edit of the head did, in the technician's words; a head taken from the
 * automatic fit is compared with it. */
const char *app_head_describe(const App *app, const PlanHead *a, const PlanHead *b)
{
    if (!b->set)
        return b->view_chosen ? "changed the head's view" : "fitted the head again";
    if (!a->set)
        a = &app->doc.head.auto_fit;
    if (a->yaw_deg != b->yaw_deg)
        return "turned the head";
    if (a->pitch_deg != b->pitch_deg)
        return "tilted the head";
    if (a->roll_deg != b->roll_deg)
        return "rolled the head";
    return "moved the head's outline";
}

const char *app_head_label(const App *app, char *buf, size_t size)
{
    const AppHead *h = &app->doc.head;
    int n = app->views.shown;
    if (n > 0) { /* another view: its own head, from the plan */
        const PlanHead *v = &app->doc.plan.extra_views[n - 1].head;
        snprintf(buf, size, "view %d head: %s", n, v->set ? head3d_view_name((HeadView)v->view) : "none");
    } else if (!h->known)
        snprintf(buf, size, "head: flat");
    else if (h->implausible)
        snprintf(buf, size, "head: flat (%s fit implausible)", head3d_view_name(h->view));
    else
        snprintf(buf, size, "head: %s", head3d_view_name(h->view));
    return buf;
}

/* Which ear a tap at photo (px, py) marks: the one the head in use puts nearer (both
 * projected where the fit says); without a fit, a front view's: the client's left
 * ear on the image's right of the face's midline (or of the photo's centre). */
int app_head_ear_side(const App *app, double px, double py)
{
    const PlanHead *ph = app_head_in_use(app);
    Head3D h;
    if (ph && head3d_from_plan(ph, app->doc.photo.width, app->doc.photo.height, &h)) {
        vec3s e = glms_vec3_scale(head3d_template_ear(), (float)ph->size);
        float d[2];
        for (int i = 0; i < 2; i++) {
            vec3s o = {{i == 0 ? e.x : -e.x, e.y, e.z}};
            float x = 0, y = 0;
            bool seen = head3d_project(&h, glms_vec3_add(h.centre, glms_mat3_mulv(head3d_rotation(&h), o)), &x, &y);
            d[i] = seen ? hypotf(x - (float)px, y - (float)py) : 1e30f;
        }
        return d[0] <= d[1] ? 1 : -1;
    }
    const PlanLandmarks *l = &app->doc.plan.landmarks;
    double mid = l->has_glabella ? l->glabella.x : 0.5 * app->doc.photo.width;
    return px >= mid ? 1 : -1;
}
