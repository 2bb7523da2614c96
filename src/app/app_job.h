/* app_job.h - an app job cut into steps (opening a photo, finding its
 * mattes, an export's mattes). The desktop runs every step in one go on a thread of its own; the
 * web build, which has one thread, runs a few steps a task, frames drawn
 * between tasks (threads_web.c), so the page keeps drawing while a big photo
 * opens. */
#ifndef SMP_APP_JOB_H
#define SMP_APP_JOB_H

#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

/* Does step number `step` (0, 1, ...) of the job arg; false when it was the
 * last one (or the job failed and nothing is left to do). */
typedef bool (*AppJobStep)(void *arg, int step);

/* How much one step may do. The web build's steps are bounded, so the page keeps
 * drawing: APP_STEP_BUDGET work units (about a nanosecond of native time each, as
 * hair_matte.h counts them; some 20-25 ms in the page), one thread. The head
 * matte's mixture fit, one line of 8.2M units, must fit in a step. A desktop job
 * has a thread of its own: a step may do everything at once, on more threads. */
enum { APP_STEP_BUDGET = 10000000 };
typedef struct AppJobBounds {
    int64_t budget;
    int threads;
} AppJobBounds;
AppJobBounds app_job_bounds(void);

/* Starts the job; join thr as a thread. thrd_success or an error. */
int app_job_start(thrd_t *thr, AppJobStep step, void *arg);

#endif
