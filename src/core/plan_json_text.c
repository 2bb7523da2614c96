/* plan_json_text.c - what the plan reader and writer share: field paths for
 * messages ("regions[2].points[7]") and numbers in JSON's '.'-decimal form
 * whatever the C locale says. */
#include "plan_json_text.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- paths for messages ("regions[2].points[7]") -------------------------- */

size_t path_push_key(JsonPath *p, const char *key)
{
    size_t saved = p->n;
    int w = snprintf(p->s + p->n, sizeof p->s - p->n, "%s%s", p->n ? "." : "", key);
    if (w > 0)
        p->n = p->n + (size_t)w < sizeof p->s ? p->n + (size_t)w : sizeof p->s - 1;
    return saved;
}

size_t path_push_index(JsonPath *p, int index)
{
    size_t saved = p->n;
    int w = snprintf(p->s + p->n, sizeof p->s - p->n, "[%d]", index);
    if (w > 0)
        p->n = p->n + (size_t)w < sizeof p->s ? p->n + (size_t)w : sizeof p->s - 1;
    return saved;
}

void path_pop(JsonPath *p, size_t saved)
{
    p->n = saved;
    p->s[saved] = '\0';
}

/* ---- numbers, independent of LC_NUMERIC ----------------------------------- */

/* printf and strtod use the locale's decimal point; the file always uses '.'.
 * smpview never calls setlocale, but a host (the browser shell, a library user)
 * might, so both directions translate through localeconv(). */
static const char *locale_point(void)
{
    const struct lconv *lc = localeconv();
    return lc && lc->decimal_point && lc->decimal_point[0] ? lc->decimal_point : ".";
}

/* Text from printf in the current locale -> JSON text with '.'. */
static void delocalize(const char *in, char *out, size_t out_size)
{
    const char *dp = locale_point();
    size_t dpn = strlen(dp), o = 0;
    for (size_t i = 0; in[i] && o + 1 < out_size;) {
        if (strncmp(in + i, dp, dpn) == 0) {
            out[o++] = '.';
            i += dpn;
        } else {
            out[o++] = in[i++];
        }
    }
    out[o] = '\0';
}

/* JSON number text (already grammar-checked) -> double, via the locale's point. */
bool parse_double(const char *s, size_t n, double *out)
{
    char buf[JSON_MAX_NUMBER_CHARS * 4 + 1];
    const char *dp = locale_point();
    size_t dpn = strlen(dp), o = 0;
    for (size_t i = 0; i < n; i++) {
        if (o + dpn + 1 >= sizeof buf)
            return false;
        if (s[i] == '.') {
            memcpy(buf + o, dp, dpn);
            o += dpn;
        } else {
            buf[o++] = s[i];
        }
    }
    buf[o] = '\0';
    char *end;
    *out = strtod(buf, &end);
    return end == buf + o;
}

/* Shortest of %.15g, %.16g, %.17g that reads back to exactly v: "0.35", not
 * "0.34999999999999998", and still bit-exact. */
void format_double(double v, char *out, size_t out_size)
{
    char tmp[48];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (strtod(tmp, NULL) == v)
            break;
    }
    delocalize(tmp, out, out_size);
}
