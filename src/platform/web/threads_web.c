/* threads_web.c - C11 threads for the single-threaded web build (no -pthread,
 * so no cross-origin isolation needed). A thread the app starts from the
 * frame loop (a photo open, the mattes, an export) is only noted here: app.js
 * runs it (web_jobs_run) in a task of its own once the frame that started it
 * is on screen, so the page shows "Opening ..." and its progress before the
 * work. A job cut into steps (app_job.h: opening a photo, the mattes, an
 * export: its mattes and keep mask, then the picture in one step) runs the
 * steps that fit in a budget a task, the browser drawing frames between
 * tasks; any other job runs to its end in one go, and the page waits that
 * long (docs/web.md).
 * A thread started inside a job or outside the frame loop (the raster's and
 * the hair matte's workers, the CLI's render) runs when it is joined, or at
 * once inside a job; the raster's extra workers find their work already
 * taken and return. */
#include "../../app/app_job.h"

#include <emscripten.h>
#include <stdbool.h>
#include <threads.h>

enum { WEB_JOBS = 16 };

typedef struct WebJob {
    thrd_start_t func; /* a job in one go, or */
    AppJobStep step;   /* one in steps */
    void *arg;
    int result, steps_done;
    bool used, done;
} WebJob;

static WebJob jobs[WEB_JOBS];
static int depth; /* jobs running now (nested: a job's workers) */

/* Runs the job's next step (or all of a job in one go). */
static void job_step(WebJob *j)
{
    depth++;
    if (j->step)
        j->done = !j->step(j->arg, j->steps_done++);
    else {
        j->result = j->func(j->arg);
        j->done = true;
    }
    depth--;
}

static void job_run(WebJob *j)
{
    while (!j->done)
        job_step(j);
}

static int job_add(thrd_t *thr, thrd_start_t func, AppJobStep step, void *arg)
{
    int i = 0;
    while (i < WEB_JOBS && jobs[i].used)
        i++;
    if (i == WEB_JOBS)
        return thrd_nomem;
    jobs[i] = (WebJob){.func = func, .step = step, .arg = arg, .used = true};
    if (depth > 0)
        job_run(&jobs[i]);
    *thr = (thrd_t)(i + 1);
    return thrd_success;
}

int thrd_create(thrd_t *thr, thrd_start_t func, void *arg) { return job_add(thr, func, NULL, arg); }

int web_thrd_create_steps(thrd_t *thr, AppJobStep step, void *arg) { return job_add(thr, NULL, step, arg); }

int thrd_join(thrd_t thr, int *res)
{
    WebJob *j = &jobs[(int)thr - 1];
    job_run(j);
    if (res)
        *res = j->result;
    *j = (WebJob){0};
    return thrd_success;
}

/* app.js, in tasks of their own: steps of each job started since, as many
 * as fit in budget_ms by the last step's time, and at least one (a step of a
 * few ms does not get a task, and a frame, of its own). INFINITY: each to its
 * end, the tests' control. Returns how many steps ran. */
EMSCRIPTEN_KEEPALIVE int web_jobs_run(double budget_ms)
{
    double start = emscripten_get_now();
    int ran = 0;
    for (int i = 0; i < WEB_JOBS; i++) {
        double last_ms = 0;
        for (bool first = true; jobs[i].used && !jobs[i].done; first = false) {
            double before = emscripten_get_now();
            if (!first && before - start + last_ms > budget_ms)
                break;
            job_step(&jobs[i]);
            last_ms = emscripten_get_now() - before;
            ran++;
        }
    }
    return ran;
}
