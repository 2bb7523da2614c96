/* plan_file.h - plan files on disk.
 *
 * plan_load reads and validates (plan_json.h); the photo path stays as written
 * (relative to the plan file). plan_save writes atomically, so a failed save
 * leaves the old file intact. plan_resolve_photo turns the plan's relative photo
 * path into a path usable from the current directory.
 */
#ifndef SMP_PLAN_FILE_H
#define SMP_PLAN_FILE_H

#include "../core/image.h"
#include "../core/plan.h"

#include <stddef.h>

#define PLAN_FILE_MAX_BYTES (64u * 1024u * 1024u)

bool plan_load(const char *path, SmpPlan *out, SmpError *err);
bool plan_save(const char *path, const SmpPlan *plan, SmpError *err);

/* plan_dir_of(plan_path) + plan->photo_path, or the photo path itself when
 * absolute. Returns false when the plan has no photo. */
bool plan_resolve_photo(const char *plan_path, const SmpPlan *plan, char *out, size_t out_size);
/* The same for view n's photo (n in 0 .. plan_view_count - 1). */
bool plan_resolve_view_photo(const char *plan_path, const SmpPlan *plan, int n, char *out, size_t out_size);
/* View n's photo decoded upright (photo_load), found as plan_resolve_view_photo finds it. */
bool plan_load_view_photo(const char *plan_path, const SmpPlan *plan, int n, SmpImage *out, SmpError *err);

/* The path of `photo_path` relative to the directory of `plan_path`, for saving
 * (falls back to the absolute path when no relative path exists). */
void plan_relative_photo_path(const char *plan_path, const char *photo_path, char *out, size_t out_size);
/* The other views' photo paths (views 1 ..), stored relative to a plan file at
 * from_plan_path, made relative to one at to_plan_path (a save elsewhere). */
void plan_move_view_paths(SmpPlan *plan, const char *from_plan_path, const char *to_plan_path);

#endif
