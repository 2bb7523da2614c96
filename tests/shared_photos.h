/* shared_photos.h - the real photos beside the repository, never copied into it:
 * $SMP_ROOT/../shared/photos (./../shared/photos without SMP_ROOT). */
#ifndef SMP_SHARED_PHOTOS_H
#define SMP_SHARED_PHOTOS_H

#include "io/photo.h"

#include <stdio.h>
#include <stdlib.h>

/* Loads the shared photo `name`; false with err (naming the path) when it cannot. */
static inline bool shared_photo_load(const char *name, SmpImage *photo, SmpError *err)
{
    const char *root = getenv("SMP_ROOT");
    char path[2100];
    snprintf(path, sizeof path, "%.1000s/../shared/photos/%.1000s", root ? root : ".", name);
    return photo_load(path, photo, NULL, err);
}

#endif
