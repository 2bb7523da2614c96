/* plan_json.h - the plan file format (JSON, versioned; see docs/plan-format.md).
 *
 * Text in, text out: no file access here (src/io/plan_file.h does the atomic
 * save), so the browser build shares it. Parsing validates every field and
 * reports the exact place of the first problem, prefixed by `name`:
 *   "plan.smp: hairline.points[3]: expected [x, y]".
 * A file with a newer "version" than PLAN_FORMAT_VERSION is refused. Unknown
 * keys are ignored (forward compatible within a version); missing optional
 * fields take the defaults of plan_init.
 */
#ifndef SMP_PLAN_JSON_H
#define SMP_PLAN_JSON_H

#include "plan.h"

#include <stddef.h>

/* Serialises to a NUL-terminated, malloc'ed UTF-8 text (LF line endings).
 * Numbers round-trip exactly (plan_from_json(plan_to_json(p)) equals p). */
bool plan_to_json(const SmpPlan *plan, char **out_text, size_t *out_len, SmpError *err);

/* Parses text (not necessarily NUL-terminated). On failure *out is left as
 * plan_init made it (nothing to free). */
bool plan_from_json(const char *text, size_t len, const char *name, SmpPlan *out, SmpError *err);

/* True when the text looks like a plan file (a JSON object with "smpview_plan"). */
bool plan_json_sniff(const char *text, size_t len);

#endif
