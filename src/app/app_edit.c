/* Undo grouping: one snapshot per gesture (a whole drag, a whole stroke, one
 * slider movement), taken before the first change. */
#include "app_internal.h"

#include <stdio.h>
#include <string.h>

bool app_history_init(AppHistory *h, SmpError *err)
{
    plan_init(&h->before);
    return undo_init(&h->undo, APP_UNDO_DEPTH, err) && undo_init(&h->redo, APP_UNDO_DEPTH, err);
}

void app_history_free(AppHistory *h)
{
    plan_free(&h->before);
    undo_free(&h->undo);
    undo_free(&h->redo);
}

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
    bool was = app->doc.dirty;
    app->doc.dirty = !plan_equal(&app->doc.plan, &app->doc.saved);
    if (app->doc.dirty || was)
        app->state.autosave_due = app->now + 0.5; /* shortly after the edit, not per frame */
}

void app_edit_begin(App *app)
{
    if (app->history.open)
        return;
    plan_free(&app->history.before);
    plan_init(&app->history.before);
    SmpError err;
    if (!plan_copy(&app->doc.plan, &app->history.before, &err)) {
        app_set_error(app, err.msg);
        return;
    }
    app->history.open = true;
}

void app_edit_end(App *app)
{
    if (!app->history.open)
        return;
    app->history.open = false;
    if (plan_equal(&app->doc.plan, &app->history.before))
        return;
    SmpError err;
    if (!undo_push(&app->history.undo, &app->history.before, &err))
        app_set_error(app, err.msg);
    undo_clear(&app->history.redo);
    app_head_plan_changed(app, &app->history.before);
    plan_free(&app->history.before);
    plan_init(&app->history.before);
    update_dirty(app);
    app_mattes_plan_edited(app);
    app_views_plan_changed(app); /* an area painted in another view: its dots again */
}

void app_edit_cancel(App *app)
{
    if (!app->history.open)
        return;
    app->history.open = false;
    unsigned m = app_plan_diff(&app->doc.plan, &app->history.before);
    plan_free(&app->doc.plan);
    app->doc.plan = app->history.before;
    plan_init(&app->history.before);
    app_mark_changed(app, m);
    app_mattes_plan_edited(app);
}

static const char *describe_hairline(const PlanHairline *a, const PlanHairline *b)
{
    if (b->count > a->count)
        return "added a hairline point";
    if (b->count < a->count)
        return a->symmetric != b->symmetric ? "kept one half of the hairline" : "removed a hairline point";
    if (a->symmetric != b->symmetric)
        return "symmetric editing";
    for (int i = 0; i < a->count; i++)
        if (a->points[i].x != b->points[i].x || a->points[i].y != b->points[i].y)
            return "moved hairline point";
    return "changed the hairline settings";
}

static const char *describe_regions(const SmpPlan *a, const SmpPlan *b)
{
    if (a->only_painted != b->only_painted)
        return "the \"only painted areas\" switch";
    if (b->region_count > a->region_count)
        return b->regions[b->region_count - 1].erase ? "erased an area" : "painted an area";
    return "changed the painted areas";
}

/* What the edit from a to b did, in the user's words ("moved hairline point"). */
static const char *describe_edit(const App *app, const SmpPlan *a, const SmpPlan *b)
{
    unsigned d = plan_diff(a, b);
    if (d & PLAN_PART_HEAD)
        return app_head_describe(app, &a->head, &b->head);
    if (d & PLAN_PART_HAIRLINE)
        return describe_hairline(&a->hairline, &b->hairline);
    if (d & PLAN_PART_REGIONS)
        return describe_regions(a, b);
    if (d & PLAN_PART_SCALE)
        return "set the scale";
    if (d & PLAN_PART_MIDLINE)
        return "moved the midline";
    if (d & PLAN_PART_LANDMARKS)
        return "moved a face mark";
    if (d & PLAN_PART_HEAD_CORRECTIONS)
        return "corrected the head";
    if (d & PLAN_PART_CLIENT)
        return "named the client";
    if (d & PLAN_PART_VIEWS)
        return "changed a view's 3D head";
    if (a->growth.has_whorl != b->growth.has_whorl || a->growth.whorl.x != b->growth.whorl.x ||
        a->growth.whorl.y != b->growth.whorl.y)
        return "moved the whorl";
    if (a->seed != b->seed)
        return "reshuffled the dots";
    if (d & PLAN_PART_LOOK)
        return "changed how the dots look";
    return "changed the plan";
}

/* Moves the current plan onto `to` and the top of `from` into place, and
 * says on screen what was undone or redone. */
static void swap_history(App *app, UndoStack *from, UndoStack *to)
{
    app_edit_end(app);
    SmpPlan prev;
    if (!undo_pop(from, &prev)) {
        app_set_status(app, from == &app->history.undo ? "Nothing to undo" : "Nothing to redo");
        return;
    }
    SmpError err;
    if (!undo_push(to, &app->doc.plan, &err))
        app_set_error(app, err.msg);
    unsigned m = app_plan_diff(&app->doc.plan, &prev);
    bool undoing = from == &app->history.undo;
    char msg[96];
    snprintf(msg, sizeof msg, "%s: %s", undoing ? "Undid" : "Redid",
             undoing ? describe_edit(app, &prev, &app->doc.plan) : describe_edit(app, &app->doc.plan, &prev));
    app_set_status(app, msg);
    SmpPlan was = app->doc.plan;
    app->doc.plan = prev;
    app_head_plan_changed(app, &was);
    plan_free(&was);
    app->tools.selected_point = -1;
    app_mark_changed(app, m);
    update_dirty(app);
    app_mattes_plan_edited(app);
    app_views_plan_changed(app);
}

void app_undo(App *app) { swap_history(app, &app->history.undo, &app->history.redo); }
void app_redo(App *app) { swap_history(app, &app->history.redo, &app->history.undo); }
