/* threads_web.c - C11 threads for the single-threaded web build (no -pthread,
 * so no cross-origin isolation needed). A thread the app starts from the
 * frame loop (a photo open, the mattes, an export) is only noted here: app.js
 * runs it (web_jobs_run) in a task of its own once the frame that started it
 * is on screen, so the page shows "Opening ..." and its progress before the
 * work. The job then runs to its end in one go, and the page waits that long
 * (docs/web.md). A thread started inside a job or outside the frame loop (the
 * raster's and the hair matte's workers, the CLI's render) runs when it is
 * joined, or at once inside a job; the raster's extra workers find their
 * work already taken and return. */
#include <emscripten.h>
#include <stdbool.h>
#include <threads.h>

enum { WEB_JOBS = 16 };

typedef struct WebJob {
    thrd_start_t func;
    void *arg;
    int result;
    bool used, done;
} WebJob;

static WebJob jobs[WEB_JOBS];
static int depth; /* jobs running now (nested: a job's workers) */

static void job_run(WebJob *j)
{
    depth++;
    j->result = j->func(j->arg);
    depth--;
    j->done = true;
}

int thrd_create(thrd_t *thr, thrd_start_t func, void *arg)
{
    int i = 0;
    while (i < WEB_JOBS && jobs[i].used)
        i++;
    if (i == WEB_JOBS)
        return thrd_nomem;
    jobs[i] = (WebJob){.func = func, .arg = arg, .used = true};
    if (depth > 0)
        job_run(&jobs[i]);
    *thr = (thrd_t)(i + 1);
    return thrd_success;
}

int thrd_join(thrd_t thr, int *res)
{
    WebJob *j = &jobs[(int)thr - 1];
    if (!j->done)
        job_run(j);
    if (res)
        *res = j->result;
    *j = (WebJob){0};
    return thrd_success;
}

/* app.js, in a task after each frame: runs the jobs started since. Returns
 * how many ran. */
EMSCRIPTEN_KEEPALIVE int web_jobs_run(void)
{
    int ran = 0;
    for (int i = 0; i < WEB_JOBS; i++)
        if (jobs[i].used && !jobs[i].done) {
            job_run(&jobs[i]);
            ran++;
        }
    return ran;
}
