/* app_job.h - an app job cut into steps (opening a photo, finding its
 * mattes). The desktop runs every step in one go on a thread of its own; the
 * web build, which has one thread, runs one step a task between frames
 * (threads_web.c), so the page keeps drawing while a big photo opens. */
#ifndef SMP_APP_JOB_H
#define SMP_APP_JOB_H

#include <stdbool.h>
#include <threads.h>

/* Does step number `step` (0, 1, ...) of the job arg; false when it was the
 * last one (or the job failed and nothing is left to do). */
typedef bool (*AppJobStep)(void *arg, int step);

/* Starts the job; join thr as a thread. thrd_success or an error. */
int app_job_start(thrd_t *thr, AppJobStep step, void *arg);

#endif
