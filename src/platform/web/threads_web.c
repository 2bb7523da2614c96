/* threads_web.c - C11 threads for the single-threaded web build (no
 * -pthread, so no cross-origin isolation needed): a "thread" runs to the end
 * inside thrd_create, and thrd_join only hands back its result. The app's
 * jobs (photo open, mattes, export) then complete before the next frame; the
 * raster's extra workers find their work already taken and return. */
#include <threads.h>

int thrd_create(thrd_t *thr, thrd_start_t func, void *arg)
{
    *thr = (thrd_t)(long)func(arg);
    return thrd_success;
}

int thrd_join(thrd_t thr, int *res)
{
    if (res)
        *res = (int)(long)thr;
    return thrd_success;
}
