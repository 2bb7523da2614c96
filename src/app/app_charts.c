/* The other views' charts in view 0's photo, made on a worker (app_charts.h). */
#include "app_internal.h"

#include "../core/render.h"

#include <string.h>

static int charts_thread(void *arg)
{
    AppCharts *c = arg;
    c->ok = render_other_charts(c->plan.photo_width, c->plan.photo_height, &c->plan, 0, &c->made, &c->err);
    atomic_store(&c->done, 1);
    return 0;
}

static void collect(App *app)
{
    AppCharts *c = &app->charts;
    thrd_join(c->thread, NULL);
    c->running = false;
    plan_free(&c->plan);
    if (!c->ok)
        app_set_error(app, c->err.msg);
    dots_free(&c->dots);
    c->dots = c->made;
    c->made = (DotList){0};
    c->gen = c->for_gen;
    c->made_count++;
}

/* A worker for the plan as shown now; with fewer than two fitted views, no dots. */
static void start(App *app)
{
    AppCharts *c = &app->charts;
    SmpPlan shallow;
    ScalpViews views;
    SmpError err = {{0}};
    c->for_gen = app->doc.dots_gen;
    if (!app_doc_views(app, &shallow, &views)) {
        if (c->dots.count > 0)
            c->made_count++;
        c->dots.count = 0;
        c->gen = c->for_gen;
        return;
    }
    if (!plan_copy(&app->doc.plan, &c->plan, &err)) {
        app_set_error(app, err.msg);
        return;
    }
    app_head_into_plan(app, &c->plan);
    c->plan.photo_width = shallow.photo_width, c->plan.photo_height = shallow.photo_height;
    atomic_store(&c->done, 0);
    c->ok = false;
    c->running = thrd_create(&c->thread, charts_thread, c) == thrd_success;
    if (!c->running) {
        plan_free(&c->plan);
        app_set_error(app, "Could not start drawing the other views' dots");
    }
}

void app_charts_follow(App *app)
{
    AppCharts *c = &app->charts;
    if (c->running && atomic_load(&c->done))
        collect(app);
    if (!c->running && c->gen != app->doc.dots_gen && app->gesture.drag == DRAG_NONE && app->doc.scene)
        start(app);
}

bool app_charts_busy(const App *app) { return app->charts.running; }

void app_charts_reset(App *app)
{
    AppCharts *c = &app->charts;
    if (c->running) {
        thrd_join(c->thread, NULL);
        c->running = false;
        plan_free(&c->plan);
        dots_free(&c->made);
    }
    dots_free(&c->dots);
    c->made_count++;
    c->gen = 0;
}
