/* seed_fixture.h - a seed plan (seeds/NAME) and its photo, for tests that render the
 * bundled examples. Header-only; prints "# reason" and returns false when either
 * cannot be read. */
#ifndef SMP_SEED_FIXTURE_H
#define SMP_SEED_FIXTURE_H

#include "io/photo.h"
#include "io/plan_file.h"

#include <stdio.h>
#include <stdlib.h>

static inline bool fx_load_seed(const char *name, SmpPlan *plan, SmpImage *photo)
{
    const char *root = getenv("SMP_ROOT");
    char path[4096];
    SmpError err;
    snprintf(path, sizeof path, "%.1000s/seeds/%.1000s", root ? root : ".", name);
    if (!plan_load(path, plan, &err)) {
        printf("# %s\n", err.msg);
        return false;
    }
    snprintf(path, sizeof path, "%.1000s/seeds/%.2000s", root ? root : ".", plan->photo_path);
    if (!photo_load(path, photo, NULL, &err)) {
        printf("# %s\n", err.msg);
        plan_free(plan);
        return false;
    }
    return true;
}

#endif
