/* Undo grouping: one snapshot per gesture (a whole drag, a whole stroke, one
 * slider movement), taken before the first change. */
#include "app_internal.h"

#include <string.h>

/* Which parts of the scene an undo/redo between a and b must redo. */
unsigned app_plan_diff(const SmpPlan *a, const SmpPlan *b)
{
    unsigned d = plan_diff(a, b), m = 0;
    if (d & (PLAN_PART_HAIRLINE | PLAN_PART_MIDLINE))
        m |= SCENE_CHANGED_HAIRLINE;
    if (d & PLAN_PART_REGIONS)
        m |= SCENE_CHANGED_REGIONS;
    if (d & PLAN_PART_SCALE)
        m |= SCENE_CHANGED_SCALE;
    if (d & PLAN_PART_LOOK)
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
