/* bundle.h - a plan and its photo in one file (.smpb, docs/plan-format.md
 * "Bundles"): the tablet's "Save plan with photo". The desktop opens one by
 * unpacking it into a folder beside it, so the plan and its photo can be
 * saved and edited there as any plan.
 */
#ifndef SMP_BUNDLE_H
#define SMP_BUNDLE_H

#include "../core/error.h"

#include <stdbool.h>
#include <stddef.h>

#define BUNDLE_MAGIC "SMPVIEW-BUNDLE 1\n"
#define BUNDLE_NAME_MAX 255

/* The parts of a bundle read into memory: plan and photo point into it. */
typedef struct BundleParts {
    const unsigned char *plan, *photo;
    size_t plan_size, photo_size;
    char photo_name[BUNDLE_NAME_MAX + 1]; /* a bare file name */
} BundleParts;

/* True when data starts with the bundle's magic line. */
bool bundle_starts(const void *data, size_t size);

/* True when the file (a regular one) starts with the bundle's magic line. */
bool bundle_sniff(const char *path);

/* Splits a whole bundle; a damaged one fails with "damaged bundle (...)". */
bool bundle_parse(const unsigned char *data, size_t size, BundleParts *out, SmpError *err);

/* Reads a whole bundle (*data, to free) and splits it; errors name the file. */
bool bundle_read(const char *path, char **data, BundleParts *out, SmpError *err);

/* Unpacks DIR/NAME.smpb into DIR/NAME/ (plan NAME.smp and the photo under its
 * own name). A folder of that name holding other files is never touched: the
 * next free NAME-2/, NAME-3/, ... is used, and one holding this bundle's very
 * files is used again. plan_path receives the unpacked plan's path. */
bool bundle_unpack(const char *bundle_path, char *plan_path, size_t plan_path_size, SmpError *err);

#endif
