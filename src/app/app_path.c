/* app_path.c - small string and path helpers shared by the app files. */
/* realpath: POSIX, but glibc declares it only with X/Open. */
#define _XOPEN_SOURCE 700

#include "app_path.h"

#include <stdlib.h>
#include <string.h>

void app_copy_str(char *dst, size_t size, const char *src)
{
    size_t n = src ? strlen(src) : 0;
    if (n >= size)
        n = size - 1; /* truncated: callers size buffers for paths */
    if (n)
        memcpy(dst, src, n);
    dst[n] = 0;
}

/* An absolute form of path, so plans saved elsewhere can find the photo. */
void app_absolute_path(const char *path, char *out, size_t size)
{
    char *r = realpath(path, NULL);
    app_copy_str(out, size, r ? r : path);
    free(r);
}
