/* app_path.h - small string and path helpers for the app files (app_path.c). */
#ifndef SMP_APP_PATH_H
#define SMP_APP_PATH_H

#include <stddef.h>

/* Copies src (NULL: "") into dst, cut to size. */
void app_copy_str(char *dst, size_t size, const char *src);
/* An absolute form of path, so plans saved elsewhere can find the photo. */
void app_absolute_path(const char *path, char *out, size_t size);

#endif
