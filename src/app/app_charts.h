/* app_charts.h - the other views' charts in view 0's photo (core/scalp_views.h):
 * with several fitted views, the dots of the skin view 0 sees but another view
 * draws best are made on a worker after each edit (never during a drag) and drawn
 * with view 0's own (app_doc_drawn_dots). */
#ifndef SMP_APP_CHARTS_H
#define SMP_APP_CHARTS_H

#include "../core/dots.h"
#include "../core/plan.h"
#include "app.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <threads.h>

typedef struct AppCharts {
    thrd_t thread;
    bool running;
    atomic_int done;
    SmpPlan plan;      /* the worker's own copy, with the fit in use */
    DotList made;      /* what the worker made */
    bool ok;
    SmpError err;
    unsigned for_gen;  /* the dots_gen it was started for */
    DotList dots;      /* the last made: in view 0's image mm, before the mattes */
    unsigned gen;      /* dots_gen `dots` follow; changes make `made_count` move */
    unsigned made_count;
} AppCharts;

/* Brings the charts' dots up to date with the document (call once a frame):
 * collects a finished worker and starts one when the dots changed. */
void app_charts_follow(App *app);
bool app_charts_busy(const App *app);
/* Waits for the worker and forgets the dots (a new document, or closing). */
void app_charts_reset(App *app);

#endif
