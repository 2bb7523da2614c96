/* Undo grouping: one snapshot per gesture (a whole drag, a whole stroke, one
 * slider movement), taken before the first change. */
#include "app_internal.h"

#include <string.h>

static bool points_equal(const PlanPoint *a, const PlanPoint *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i].x != b[i].x || a[i].y != b[i].y)
            return false;
    return true;
}

static bool regions_equal(const SmpPlan *a, const SmpPlan *b)
{
    if (a->region_count != b->region_count)
        return false;
    for (int i = 0; i < a->region_count; i++) {
        const PlanRegion *p = &a->regions[i], *q = &b->regions[i];
        if (p->kind != q->kind || p->shape != q->shape || p->erase != q->erase || p->radius_mm != q->radius_mm ||
            p->count != q->count || !points_equal(p->points, q->points, p->count))
            return false;
    }
    return true;
}

static bool hairline_equal(const SmpPlan *a, const SmpPlan *b)
{
    const PlanHairline *p = &a->hairline, *q = &b->hairline;
    const PlanLandmarks *l = &a->landmarks, *m = &b->landmarks;
    return p->count == q->count && points_equal(p->points, q->points, p->count) && p->symmetric == q->symmetric &&
           p->style == q->style && p->transition_mm == q->transition_mm &&
           p->macro_irregularity == q->macro_irregularity && p->micro_irregularity == q->micro_irregularity &&
           l->has_midline == m->has_midline && points_equal(&l->midline_a, &m->midline_a, 1) &&
           points_equal(&l->midline_b, &m->midline_b, 1);
}

static bool scale_equal(const SmpPlan *a, const SmpPlan *b)
{
    return a->scale.set == b->scale.set && a->scale.distance_mm == b->scale.distance_mm &&
           points_equal(&a->scale.a, &b->scale.a, 1) && points_equal(&a->scale.b, &b->scale.b, 1);
}

/* Which parts of the scene an undo/redo between a and b must redo. */
unsigned app_plan_diff(const SmpPlan *a, const SmpPlan *b)
{
    unsigned m = 0;
    if (!hairline_equal(a, b))
        m |= SCENE_CHANGED_HAIRLINE;
    if (!regions_equal(a, b))
        m |= SCENE_CHANGED_REGIONS;
    if (!scale_equal(a, b))
        m |= SCENE_CHANGED_SCALE;
    SmpPlan x = *a, y = *b; /* shallow: compare what is left as "look" */
    if (memcmp(&x.growth, &y.growth, sizeof x.growth) || memcmp(&x.dots, &y.dots, sizeof x.dots) ||
        memcmp(&x.pigment, &y.pigment, sizeof x.pigment) || x.sessions != y.sessions || x.session != y.session ||
        x.stage != y.stage || x.aged_years != y.aged_years || x.seed != y.seed)
        m |= SCENE_CHANGED_LOOK;
    return m;
}

static void update_dirty(App *app)
{
    bool was = app->dirty;
    app->dirty = !plan_equal(&app->plan, &app->saved);
    if (app->dirty || was)
        app->autosave_due = app->now + 0.5; /* shortly after the edit, not per frame */
}

void app_edit_begin(App *app)
{
    if (app->editing)
        return;
    plan_free(&app->edit_before);
    plan_init(&app->edit_before);
    SmpError err;
    if (!plan_copy(&app->plan, &app->edit_before, &err)) {
        app_set_error(app, err.msg);
        return;
    }
    app->editing = true;
}

void app_edit_end(App *app)
{
    if (!app->editing)
        return;
    app->editing = false;
    if (plan_equal(&app->plan, &app->edit_before))
        return;
    SmpError err;
    if (!undo_push(&app->undo, &app->edit_before, &err))
        app_set_error(app, err.msg);
    undo_clear(&app->redo);
    plan_free(&app->edit_before);
    plan_init(&app->edit_before);
    update_dirty(app);
}

void app_edit_cancel(App *app)
{
    if (!app->editing)
        return;
    app->editing = false;
    unsigned m = app_plan_diff(&app->plan, &app->edit_before);
    plan_free(&app->plan);
    app->plan = app->edit_before;
    plan_init(&app->edit_before);
    app_mark_changed(app, m);
}

/* Moves the current plan onto `to` and the top of `from` into place. */
static void swap_history(App *app, UndoStack *from, UndoStack *to)
{
    app_edit_end(app);
    SmpPlan prev;
    if (!undo_pop(from, &prev))
        return;
    SmpError err;
    if (!undo_push(to, &app->plan, &err))
        app_set_error(app, err.msg);
    unsigned m = app_plan_diff(&app->plan, &prev);
    plan_free(&app->plan);
    app->plan = prev;
    app->selected_point = -1;
    app_mark_changed(app, m);
    update_dirty(app);
}

void app_undo(App *app) { swap_history(app, &app->undo, &app->redo); }
void app_redo(App *app) { swap_history(app, &app->redo, &app->undo); }
