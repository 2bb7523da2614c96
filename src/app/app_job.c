/* An app job's steps on a thread (app_job.h). */
#include "app_job.h"

#include <stdlib.h>

#ifdef __EMSCRIPTEN__
/* threads_web.c: one step a task, between the page's frames. */
int web_thrd_create_steps(thrd_t *thr, AppJobStep step, void *arg);

int app_job_start(thrd_t *thr, AppJobStep step, void *arg) { return web_thrd_create_steps(thr, step, arg); }

AppJobBounds app_job_bounds(void) { return (AppJobBounds){APP_STEP_BUDGET, 1}; }
#else
AppJobBounds app_job_bounds(void) { return (AppJobBounds){INT64_MAX, 2}; }

typedef struct JobRun {
    AppJobStep step;
    void *arg;
} JobRun;

static int job_thread(void *p)
{
    JobRun run = *(JobRun *)p;
    free(p);
    for (int i = 0; run.step(run.arg, i); i++)
        ;
    return 0;
}

int app_job_start(thrd_t *thr, AppJobStep step, void *arg)
{
    JobRun *run = malloc(sizeof *run);
    if (!run)
        return thrd_nomem;
    *run = (JobRun){step, arg};
    int r = thrd_create(thr, job_thread, run);
    if (r != thrd_success)
        free(run);
    return r;
}
#endif
