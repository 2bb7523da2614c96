/* app_doc.c - keeps what the document derives from its photo and plan up to
 * date: the scene after edits, the dots the mattes keep, the flush of fresh
 * work; and frees it all. */
#include "app_internal.h"

#include "../core/erythema.h"

#include <stdlib.h>
#include <string.h>

void app_doc_free(AppDoc *doc)
{
    scene_destroy(doc->scene);
    doc->scene = NULL;
    photo_look_sheen_free(&doc->sheen);
    photo_look_sheen_free(&doc->redness);
    mattes_free(&doc->mattes);
    matte_free(&doc->ink_keep);
    mattes_cover_free(&doc->cover);
    dots_free(&doc->drawn);
    plan_free(&doc->plan);
    plan_free(&doc->saved);
}

void app_new_dot_pattern(App *app)
{
    app_edit_begin(app);
    app->doc.plan.seed = app->doc.plan.seed * 1664525u + 1013904223u;
    app_mark_changed(app, SCENE_CHANGED_LOOK);
    app_edit_end(app);
}

bool app_doc_views(const App *app, SmpPlan *shallow, ScalpViews *views)
{
    *shallow = app->doc.plan;
    app_head_into_plan(app, shallow);
    shallow->photo_width = app->doc.photo.width, shallow->photo_height = app->doc.photo.height;
    return scalp_views_of_plan(shallow, views);
}

/* The scene keeps only the skin view 0 owns when other views have fits; the head
 * or a view changing redoes its warp. */
static void scene_follow_views(App *app, bool charts, const ScalpViews *views)
{
    AppDoc *doc = &app->doc;
    if (charts == doc->in_charts && (!charts || !memcmp(views, &doc->views, sizeof *views)))
        return;
    doc->in_charts = charts;
    if (charts)
        doc->views = *views;
    scene_set_views(doc->scene, charts ? views : NULL, 0);
    doc->pending |= SCENE_CHANGED_REGIONS | SCENE_CHANGED_LOOK; /* areas of other views come or go */
}

void app_doc_update_scene(App *app)
{
    if (!app->doc.scene)
        return;
    SmpPlan shallow, seen;
    ScalpViews views;
    bool charts = app_doc_views(app, &shallow, &views);
    scene_follow_views(app, charts, &views);
    if (!app->doc.pending)
        return;
    SmpError err = {{0}};
    /* areas painted in other views, carried over the scalp into this photo */
    bool carried = charts && scalp_plan_has_view_regions(&app->doc.plan);
    if (carried && !scalp_plan_seen_from(&app->doc.plan, &views, 0, &seen, &err)) {
        app_set_error(app, err.msg);
        return;
    }
    const SmpPlan *plan = carried ? &seen : &app->doc.plan;
    /* FUE scars get their own dot, found in the painted scars as exports do */
    if ((app->doc.pending & (SCENE_CHANGED_REGIONS | SCENE_CHANGED_SCALE)) &&
        !app_scar_spots_find(app->doc.scene, &app->doc.photo, plan, &err))
        app_set_error(app, err.msg);
    if (!scene_update(app->doc.scene, plan, app->doc.pending, &err))
        app_set_error(app, err.msg);
    if (carried)
        plan_free(&seen);
    app->doc.pending = 0;
    app->doc.dots_gen++;
}

void app_mark_changed(App *app, unsigned scene_change)
{
    app->doc.pending |= scene_change;
    if (scene_change & SCENE_CHANGED_HAIRLINE)
        app->doc.curve_stale = true;
}

/* The scene's dots that the photo's mattes keep, as exports draw them (render_plan):
 * filtered again only when the dots changed; the coverage grid only with the scale. */
const DotList *app_doc_drawn_dots(App *app)
{
    if (!app->doc.scene)
        return NULL;
    const DotList *all = scene_dots(app->doc.scene);
    app_charts_follow(app);
    const DotList *others = &app->charts.dots;
    if (!app->doc.mattes.head.alpha && others->count == 0)
        return all;
    if (app->doc.drawn_gen == app->doc.dots_gen && app->doc.drawn_others == app->charts.made_count)
        return &app->doc.drawn; /* load_commit invalidates it for a new photo */
    SmpError err = {{0}};
    double ppm = scene_px_per_mm(app->doc.scene);
    if (app->doc.mattes.head.alpha && app->doc.cover.px_per_mm != ppm) {
        mattes_cover_free(&app->doc.cover);
        if (!mattes_cover_build(&app->doc.mattes, ppm, &app->doc.cover, &err)) {
            app_set_error(app, err.msg);
            return all;
        }
    }
    int count = all->count + others->count;
    if (app->doc.drawn.capacity < count) {
        SmpDot *grown = realloc(app->doc.drawn.items, sizeof *grown * (size_t)(count + count / 4 + 1));
        if (!grown) {
            app_set_error(app, "out of memory for the dots on screen");
            return all;
        }
        app->doc.drawn.items = grown;
        app->doc.drawn.capacity = count + count / 4 + 1;
    }
    if (all->count > 0)
        memcpy(app->doc.drawn.items, all->items, sizeof *all->items * (size_t)all->count);
    if (others->count > 0)
        memcpy(app->doc.drawn.items + all->count, others->items, sizeof *others->items * (size_t)others->count);
    app->doc.drawn.count = count;
    if (app->doc.mattes.head.alpha)
        mattes_filter_dots_with(&app->doc.mattes, &app->doc.cover, &app->doc.drawn);
    app->doc.drawn_gen = app->doc.dots_gen;
    app->doc.drawn_others = app->charts.made_count;
    return &app->doc.drawn;
}

/* The flush around fresh dots, as exports draw it, remade when the dots or
 * the stage change. While a drag moves the dots the map stays as it was: the
 * flush is 0.4 mm wide and faint, and remaking it redraws every dot each frame
 * (twice the frame time); it catches up on the frame after the drag. */
const SheenMap *app_doc_redness(App *app, const DotList *dots, double ppm, float strength)
{
    if (!dots || !app->doc.has_photo || !(strength > 0))
        return NULL;
    bool dragging = app->gesture.drag != DRAG_NONE && app->doc.redness.values;
    bool stale = app->doc.redness_dots_gen != app->doc.dots_gen && !dragging;
    if (stale || app->doc.redness_strength != strength) {
        photo_look_sheen_free(&app->doc.redness);
        SmpError err = {{0}};
        if (!erythema_map(dots, ppm, app->doc.photo.width, app->doc.photo.height, strength, &app->doc.redness, &err))
            app_set_error(app, err.msg);
        app->doc.redness_dots_gen = app->doc.dots_gen;
        app->doc.redness_strength = strength;
        app->doc.redness_gen++;
    }
    return app->doc.redness.values ? &app->doc.redness : NULL;
}

int app_visible_dots(const App *app)
{
    if (app->views.shown > 0) /* another view: its dots on head skin */
        return app->views.got.dots.count;
    return app->doc.scene ? scene_dots(app->doc.scene)->count + app->charts.dots.count : 0;
}

void app_doc_note_export(AppDoc *doc, const char *path)
{
    for (int i = 0; i < doc->export_count; i++)
        if (!strcmp(doc->exports[i], path))
            return;
    if (doc->export_count == APP_DOC_EXPORTS_MAX) {
        memmove(doc->exports[0], doc->exports[1], sizeof doc->exports[0] * (APP_DOC_EXPORTS_MAX - 1));
        doc->export_count--;
    }
    app_copy_str(doc->exports[doc->export_count++], APP_PATH_MAX, path);
}
