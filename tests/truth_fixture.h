/* truth_fixture.h - the synthetic photos with known truth that `gen_sample --truth`
 * renders into $SMP_BUILD/truth at build time (tests/test_matte.c,
 * tests/test_head_correct.c). Header-only. */
#ifndef SMP_TRUTH_FIXTURE_H
#define SMP_TRUTH_FIXTURE_H

#include "io/photo.h"

#include <stdio.h>
#include <stdlib.h>

/* Loads $SMP_BUILD/truth/<name> (build/truth without SMP_BUILD); prints why not. */
static inline bool fx_load_truth(const char *name, SmpImage *img)
{
    const char *build = getenv("SMP_BUILD");
    char path[1024];
    snprintf(path, sizeof path, "%s/truth/%s", build ? build : "build", name);
    SmpError err;
    bool ok = photo_load(path, img, NULL, &err);
    if (!ok)
        printf("# %s\n", err.msg);
    return ok;
}

#endif
