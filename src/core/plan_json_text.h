/* plan_json_text.h - internal to the plan file code (plan_json*.c): field
 * paths for messages and locale-independent numbers. */
#ifndef SMP_PLAN_JSON_TEXT_H
#define SMP_PLAN_JSON_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum {
    JSON_MAX_NUMBER_CHARS = 64, /* "%.17g" needs 24 */
    PATH_MAX_CHARS = 160,
};

/* The path of the field being read or written, e.g. "regions[2].points[7]". */
typedef struct JsonPath {
    char s[PATH_MAX_CHARS];
    size_t n;
} JsonPath;

/* Appends ".key" (or "key" at the root) / "[index]"; returns what path_pop
 * takes to undo it. */
size_t path_push_key(JsonPath *p, const char *key);
size_t path_push_index(JsonPath *p, int index);
void path_pop(JsonPath *p, size_t saved);

/* JSON number text (already grammar-checked) -> double. */
bool parse_double(const char *s, size_t n, double *out);
/* The shortest text that reads back to exactly v, with '.' as the point. */
void format_double(double v, char *out, size_t out_size);

#endif
