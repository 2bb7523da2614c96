/* plan_json.c - the plan file format: validating reader and sniffer (the
 * writer is plan_json_write.c).
 *
 * The reader runs in three steps, each bounded so hostile input costs linear
 * time and bounded memory:
 *   1. a byte scan for NUL bytes and nesting depth (jsmn's closing-bracket
 *      search is O(depth), so depth must be bounded before jsmn runs);
 *   2. jsmn, once to count tokens (refusing absurd counts before allocating),
 *      once to fill them;
 *   3. a syntax pass over the token tree that checks what jsmn lets through
 *      (separators, number grammar, string escapes), then the plan pass that
 *      reads each field with its path for messages.
 * See docs/plan-format.md for the format itself.
 */
#include "plan_json.h"
#include "plan_json_text.h"

#include "candidates.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* jsmn compiles into this file only. STRICT refuses bare words; PARENT_LINKS
 * keeps ',' and '}' O(depth) instead of O(tokens so far). */
#define JSMN_STATIC
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

enum {
    JSON_MAX_DEPTH = 32,           /* a plan needs 5; the rest is room for extensions */
    /* 256 regions x 4096 points and 128 head corrections x 1024 points, 3 tokens
     * a point, plus room for everything else. */
    JSON_MAX_TOKENS = 3 * (PLAN_MAX_REGIONS * PLAN_MAX_REGION_POINTS +
                           PLAN_MAX_HEAD_CORRECTIONS * PLAN_MAX_CORRECTION_POINTS) + 65536,
};
#define JSON_MAX_BYTES ((size_t)INT_MAX / 2) /* jsmn positions are ints */
#define COORD_LIMIT 1e7

/* ---- reader: syntax -------------------------------------------------------- */

typedef struct Reader {
    const char *js;
    size_t len;
    jsmntok_t *tok;
    int ntok;
    int *next; /* index just after each token's subtree */
    const char *name;
    SmpError *err;
    JsonPath path;
} Reader;

static bool fail_at(Reader *r, size_t pos, const char *what)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < pos && i < r->len; i++) {
        if (r->js[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
    return smp_fail(r->err, "%s: line %d, column %d: %s", r->name, line, col, what);
}

/* A field error: "plan.smp: dots.density: expected ...". */
static bool fail_field(Reader *r, const char *fmt, ...) SMP_PRINTF(2, 3);
static bool fail_field(Reader *r, const char *fmt, ...)
{
    char msg[SMP_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (r->path.n)
        return smp_fail(r->err, "%s: %s: %s", r->name, r->path.s, msg);
    return smp_fail(r->err, "%s: %s", r->name, msg);
}

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Where a token's text begins and ends, quotes included for strings. */
static size_t tok_begin(const jsmntok_t *t) { return (size_t)(t->type == JSMN_STRING ? t->start - 1 : t->start); }
static size_t tok_after(const jsmntok_t *t) { return (size_t)(t->type == JSMN_STRING ? t->end + 1 : t->end); }

/* Between two tokens only whitespace and, when sep != 0, exactly one sep. */
static bool check_gap(Reader *r, size_t from, size_t to, char sep, const char *expected)
{
    bool seen = sep == 0;
    for (size_t i = from; i < to; i++) {
        if (is_ws(r->js[i]))
            continue;
        if (!seen && r->js[i] == sep) {
            seen = true;
            continue;
        }
        return fail_at(r, i, r->js[i] == ',' ? "unexpected ','" : expected);
    }
    return seen || fail_at(r, to, expected);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static long read_hex4(const char *s, size_t avail)
{
    if (avail < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t put_utf8(unsigned long cp, char *o)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

typedef enum { STR_OK, STR_BAD, STR_TOO_LONG } StrResult;

/* Decodes a string token into out (NUL-terminated; out may be NULL to only
 * check). *bad is the offending position on STR_BAD. Bytes >= 0x80 are kept
 * as they are: the file is UTF-8 and paths are byte strings. */
static StrResult decode_string(const Reader *r, const jsmntok_t *t, char *out, size_t cap, size_t *bad)
{
    size_t o = 0;
    const char *s = r->js;
    for (size_t i = (size_t)t->start; i < (size_t)t->end;) {
        char tmp[4];
        size_t n = 1;
        unsigned char c = (unsigned char)s[i];
        *bad = i;
        if (c < 0x20)
            return STR_BAD;
        if (c != '\\') {
            tmp[0] = (char)c;
            i++;
        } else {
            char e = s[i + 1]; /* jsmn guarantees a valid escape letter */
            static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
            const char *k = strchr(from, e);
            if (e != 'u' && k) {
                tmp[0] = to[k - from];
                i += 2;
            } else {
                long cp = read_hex4(s + i + 2, (size_t)t->end - (i + 2));
                i += 6;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < (size_t)t->end && s[i] == '\\' && s[i + 1] == 'u') {
                    long lo = read_hex4(s + i + 2, (size_t)t->end - (i + 2));
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return STR_BAD;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                } else if (cp <= 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    return STR_BAD; /* \u0000 cannot live in a C string; lone surrogates */
                }
                n = put_utf8((unsigned long)cp, tmp);
            }
        }
        if (out) {
            if (o + n >= cap)
                return STR_TOO_LONG;
            memcpy(out + o, tmp, n);
        }
        o += n;
    }
    if (out)
        out[o] = '\0';
    return STR_OK;
}

/* JSON number grammar: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
static bool is_json_number(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0')
        i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9')
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    else
        return false;
    if (i < n && s[i] == '.') {
        size_t d = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return false;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == d)
            return false;
    }
    return i == n;
}

static bool tok_is(const Reader *r, const jsmntok_t *t, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(t->end - t->start) == n && memcmp(r->js + t->start, lit, n) == 0;
}

static bool check_scalar(Reader *r, const jsmntok_t *t)
{
    if (t->type == JSMN_STRING) {
        size_t bad;
        if (decode_string(r, t, NULL, 0, &bad) != STR_OK)
            return fail_at(r, bad, "invalid character or escape in a string");
        return true;
    }
    if (tok_is(r, t, "true") || tok_is(r, t, "false") || tok_is(r, t, "null") ||
        is_json_number(r->js + t->start, (size_t)(t->end - t->start)))
        return true;
    return fail_at(r, (size_t)t->start, "invalid value (JSON has numbers, strings, true, false and null)");
}

/* Checks token i and its subtree, fills r->next; returns the index after it,
 * or -1. Recursion is bounded by the depth scan. */
static int check_tree(Reader *r, int i)
{
    const jsmntok_t *t = &r->tok[i];
    if (t->type == JSMN_STRING || t->type == JSMN_PRIMITIVE) {
        if (t->size != 0)
            return fail_at(r, tok_after(t), "expected ',' or a closing bracket"), -1;
        if (!check_scalar(r, t))
            return -1;
        return r->next[i] = i + 1;
    }
    bool obj = t->type == JSMN_OBJECT;
    const char *sep_msg = obj ? "expected ',' or '}'" : "expected ',' or ']'";
    size_t pos = (size_t)t->start + 1;
    int j = i + 1;
    for (int k = 0; k < t->size; k++) {
        if (j >= r->ntok)
            return fail_at(r, pos, "invalid JSON"), -1;
        const jsmntok_t *c = &r->tok[j];
        if (!check_gap(r, pos, tok_begin(c), k ? ',' : 0, k ? sep_msg : "expected a value"))
            return -1;
        int values = 1;
        if (obj) {
            /* jsmn hangs a value without a ':' or ',' before it on the previous
             * key: a key must carry exactly one value. */
            values = c->size;
            if (c->type != JSMN_STRING)
                return fail_at(r, tok_begin(c), "expected a \"key\""), -1;
            if (values < 1 || j + 1 >= r->ntok)
                return fail_at(r, tok_after(c), "expected ':' and a value"), -1;
            if (!check_scalar(r, c) || !check_gap(r, tok_after(c), tok_begin(&r->tok[j + 1]), ':', "expected ':'"))
                return -1;
            c = &r->tok[++j];
        }
        j = check_tree(r, j);
        if (j < 0)
            return -1;
        pos = tok_after(c);
        if (values > 1)
            return fail_at(r, pos, sep_msg), -1;
    }
    if (!check_gap(r, pos, (size_t)t->end - 1, 0, sep_msg))
        return -1;
    return r->next[i] = j;
}

/* NUL bytes would stop jsmn early and hide the rest, and depth must be bounded
 * before jsmn runs. The depth counted here must be jsmn's own, or a crafted
 * file could hide brackets from it: so this lexes as jsmn does, where a
 * primitive runs to the next delimiter and may swallow '"', '[' or '{'. */
static bool scan_bytes(Reader *r)
{
    enum { MAIN, STRING, PRIMITIVE } state = MAIN;
    int depth = 0;
    for (size_t i = 0; i < r->len; i++) {
        char c = r->js[i];
        if (c == '\0')
            return fail_at(r, i, "unexpected NUL byte (binary data, not a plan)");
        if (state == STRING) {
            if (c == '\\' && i + 1 < r->len && r->js[i + 1] != '\0')
                i++;
            else if (c == '"')
                state = MAIN;
            continue;
        }
        if (state == PRIMITIVE) {
            if (!is_ws(c) && c != ',' && c != ']' && c != '}')
                continue;
            state = MAIN; /* the delimiter itself is read below, as jsmn does */
        }
        if (c == '"') {
            state = STRING;
        } else if (c == '{' || c == '[') {
            if (++depth > JSON_MAX_DEPTH) {
                char msg[64];
                snprintf(msg, sizeof msg, "nested deeper than %d levels", JSON_MAX_DEPTH);
                return fail_at(r, i, msg);
            }
        } else if (c == '}' || c == ']') {
            depth -= depth > 0; /* jsmn stops at an unmatched one anyway */
        } else if (!is_ws(c) && c != ',' && c != ':') {
            state = PRIMITIVE;
        }
    }
    return true;
}

static bool tokenize(Reader *r)
{
    jsmn_parser p;
    jsmn_init(&p);
    int count = jsmn_parse(&p, r->js, r->len, NULL, 0);
    if (count == JSMN_ERROR_INVAL)
        return fail_at(r, p.pos, "invalid JSON");
    if (count < 0)
        return smp_fail(r->err, "%s: the JSON ends too early (truncated file?)", r->name);
    if (count == 0)
        return smp_fail(r->err, "%s: the file is empty, not a plan", r->name);
    if (count > JSON_MAX_TOKENS)
        return smp_fail(r->err, "%s: too large: %d JSON values (the limit is %d)", r->name, count, JSON_MAX_TOKENS);
    r->tok = malloc(sizeof *r->tok * (size_t)count);
    r->next = malloc(sizeof *r->next * (size_t)count);
    if (!r->tok || !r->next)
        return smp_fail(r->err, "%s: out of memory reading the plan", r->name);
    jsmn_init(&p);
    r->ntok = jsmn_parse(&p, r->js, r->len, r->tok, (unsigned)count);
    if (r->ntok == JSMN_ERROR_INVAL)
        return fail_at(r, p.pos, "invalid JSON");
    if (r->ntok < 0)
        return smp_fail(r->err, "%s: the JSON ends too early (truncated file?)", r->name);
    if (r->ntok == 0)
        return smp_fail(r->err, "%s: the file is empty, not a plan", r->name);
    if (!check_gap(r, 0, tok_begin(&r->tok[0]), 0, "expected a JSON object"))
        return false;
    int end = check_tree(r, 0);
    if (end < 0)
        return false;
    size_t after = tok_after(&r->tok[0]);
    if (end < r->ntok)
        return fail_at(r, tok_begin(&r->tok[end]), "unexpected data after the plan");
    return check_gap(r, after, r->len, 0, "unexpected data after the plan");
}

/* ---- reader: values -------------------------------------------------------- */

static const char *type_desc(const Reader *r, int i)
{
    const jsmntok_t *t = &r->tok[i];
    switch (t->type) {
    case JSMN_OBJECT: return "an object";
    case JSMN_ARRAY: return "an array";
    case JSMN_STRING: return "a string";
    default:
        if (tok_is(r, t, "true")) return "true";
        if (tok_is(r, t, "false")) return "false";
        if (tok_is(r, t, "null")) return "null";
        return "a number";
    }
}

static bool is_number_tok(const Reader *r, int i)
{
    const jsmntok_t *t = &r->tok[i];
    char c = r->js[t->start];
    return t->type == JSMN_PRIMITIVE && (c == '-' || (c >= '0' && c <= '9'));
}

static bool is_null_tok(const Reader *r, int i) { return i >= 0 && tok_is(r, &r->tok[i], "null"); }

/* "got 900", "got a string": numbers are quoted as written (1e999 stays 1e999). */
static void got_text(const Reader *r, int i, char *out, size_t n)
{
    const jsmntok_t *t = &r->tok[i];
    if (!is_number_tok(r, i)) {
        snprintf(out, n, "%s", type_desc(r, i));
        return;
    }
    int len = t->end - t->start;
    if (len > 32)
        snprintf(out, n, "%.32s...", r->js + t->start);
    else
        snprintf(out, n, "%.*s", len, r->js + t->start);
}

/* A finite number in [lo, hi]; `whole` also requires an integer. */
static bool get_range(Reader *r, int i, double lo, double hi, bool whole, double *out)
{
    double v = 0;
    const jsmntok_t *t = &r->tok[i];
    bool ok = is_number_tok(r, i) && t->end - t->start <= JSON_MAX_NUMBER_CHARS &&
              parse_double(r->js + t->start, (size_t)(t->end - t->start), &v) && isfinite(v) &&
              v >= lo && v <= hi && (!whole || v == floor(v));
    if (ok) {
        *out = v;
        return true;
    }
    char got[48];
    got_text(r, i, got, sizeof got);
    return fail_field(r, "expected a %s from %.10g to %.10g, got %s", whole ? "whole number" : "number", lo, hi,
                      got);
}

static bool get_bool(Reader *r, int i, bool *out)
{
    const jsmntok_t *t = &r->tok[i];
    if (tok_is(r, t, "true") || tok_is(r, t, "false")) {
        *out = tok_is(r, t, "true");
        return true;
    }
    return fail_field(r, "expected true or false, got %s", type_desc(r, i));
}

static bool get_string(Reader *r, int i, char *out, size_t cap)
{
    if (r->tok[i].type != JSMN_STRING)
        return fail_field(r, "expected a string, got %s", type_desc(r, i));
    size_t bad;
    if (decode_string(r, &r->tok[i], out, cap, &bad) != STR_OK)
        return fail_field(r, "longer than %zu bytes", cap - 1);
    return true;
}

/* A name from a fixed list; `list` is the human list for the message. */
static bool get_name(Reader *r, int i, const char *what, const char *list, bool (*parse)(const char *, int *),
                     int *out)
{
    char buf[64];
    if (r->tok[i].type != JSMN_STRING)
        return fail_field(r, "expected %s, got %s", list, type_desc(r, i));
    size_t bad;
    if (decode_string(r, &r->tok[i], buf, sizeof buf, &bad) != STR_OK || !parse(buf, out)) {
        const jsmntok_t *t = &r->tok[i];
        int n = t->end - t->start;
        return fail_field(r, "unknown %s \"%.*s\" (expected %s)", what, n > 40 ? 40 : n, r->js + t->start, list);
    }
    return true;
}

static bool get_point(Reader *r, int i, PlanPoint *out)
{
    const jsmntok_t *t = &r->tok[i];
    if (t->type != JSMN_ARRAY || t->size != 2 || !is_number_tok(r, i + 1) || !is_number_tok(r, i + 2))
        return fail_field(r, "expected [x, y]");
    double v[2];
    for (int k = 0; k < 2; k++) {
        size_t saved = path_push_index(&r->path, k);
        bool ok = get_range(r, i + 1 + k, -COORD_LIMIT, COORD_LIMIT, false, &v[k]);
        path_pop(&r->path, saved);
        if (!ok)
            return false;
    }
    out->x = v[0];
    out->y = v[1];
    return true;
}

/* An array of points, count within [min_n, max_n]; *out_n set. */
static bool get_points(Reader *r, int i, int min_n, int max_n, PlanPoint *out, int *out_n)
{
    const jsmntok_t *t = &r->tok[i];
    if (t->type != JSMN_ARRAY)
        return fail_field(r, "expected a list of [x, y] points, got %s", type_desc(r, i));
    if (t->size < min_n || t->size > max_n) {
        if (min_n == max_n)
            return fail_field(r, "expected %d points, got %d", min_n, t->size);
        return fail_field(r, "expected %d to %d points, got %d", min_n, max_n, t->size);
    }
    int j = i + 1;
    for (int k = 0; k < t->size; k++) {
        size_t saved = path_push_index(&r->path, k);
        bool ok = get_point(r, j, &out[k]);
        path_pop(&r->path, saved);
        if (!ok)
            return false;
        j = r->next[j];
    }
    *out_n = t->size;
    return true;
}

/* Collects the values of the known keys of object i into vals[] (-1 when
 * absent or null). A known key given twice is an error: with two values, two
 * readers could disagree on which one counts. Unknown keys are skipped. */
static bool get_object(Reader *r, int i, const char *const *keys, int nkeys, int *vals)
{
    for (int k = 0; k < nkeys; k++)
        vals[k] = -1;
    const jsmntok_t *t = &r->tok[i];
    if (t->type != JSMN_OBJECT)
        return fail_field(r, "expected an object, got %s", type_desc(r, i));
    unsigned long long seen = 0;
    int j = i + 1;
    for (int c = 0; c < t->size; c++) {
        char key[48];
        size_t bad;
        if (decode_string(r, &r->tok[j], key, sizeof key, &bad) == STR_OK) {
            for (int k = 0; k < nkeys; k++) {
                if (strcmp(key, keys[k]) != 0)
                    continue;
                if (seen & (1ull << k)) {
                    size_t saved = path_push_key(&r->path, key);
                    fail_field(r, "given twice (each key may appear once)");
                    path_pop(&r->path, saved);
                    return false;
                }
                seen |= 1ull << k;
                vals[k] = is_null_tok(r, j + 1) ? -1 : j + 1;
            }
        }
        j = r->next[j + 1];
    }
    return true;
}

/* Field helpers: push the key, read, pop. Absent fields keep their default. */
#define FIELD(r, key, call)                                  \
    do {                                                     \
        size_t saved_ = path_push_key(&(r)->path, (key));    \
        bool ok_ = (call);                                   \
        path_pop(&(r)->path, saved_);                        \
        if (!ok_)                                            \
            return false;                                    \
    } while (0)

/* get_object for an object whose keys are all required: a missing one is named, with
 * `why` in the message. */
static bool get_all_fields(Reader *r, int i, const char *const *keys, int nkeys, int *vals, const char *why)
{
    if (!get_object(r, i, keys, nkeys, vals))
        return false;
    for (int k = 0; k < nkeys; k++)
        if (vals[k] < 0)
            FIELD(r, keys[k], fail_field(r, "missing (%s)", why));
    return true;
}

static bool read_num(Reader *r, int v, const char *key, double lo, double hi, double *out)
{
    if (v >= 0)
        FIELD(r, key, get_range(r, v, lo, hi, false, out));
    return true;
}

static bool read_int(Reader *r, int v, const char *key, double lo, double hi, int *out)
{
    double d;
    if (v >= 0) {
        FIELD(r, key, get_range(r, v, lo, hi, true, &d));
        *out = (int)d;
    }
    return true;
}

static bool read_bool(Reader *r, int v, const char *key, bool *out)
{
    if (v >= 0)
        FIELD(r, key, get_bool(r, v, out));
    return true;
}

static bool read_point(Reader *r, int v, const char *key, bool *has, PlanPoint *out)
{
    if (v >= 0) {
        FIELD(r, key, get_point(r, v, out));
        if (has)
            *has = true;
    }
    return true;
}

/* ---- reader: the plan ------------------------------------------------------ */

static bool parse_style(const char *s, int *out)
{
    PlanHairlineStyle v;
    return plan_style_parse(s, &v) ? (*out = (int)v, true) : false;
}
static bool parse_kind(const char *s, int *out)
{
    PlanRegionKind v;
    return plan_region_kind_parse(s, &v) ? (*out = (int)v, true) : false;
}
static bool parse_shape(const char *s, int *out)
{
    if (strcmp(s, "polygon") == 0 || strcmp(s, "stroke") == 0)
        return *out = s[0] == 's' ? REGION_STROKE : REGION_POLYGON, true;
    return false;
}
static bool parse_stage(const char *s, int *out)
{
    PlanStage v;
    return plan_stage_parse(s, &v) ? (*out = (int)v, true) : false;
}

/* A photo object: view 0's ("photo") or another view's ("views[k].photo"). */
static bool read_photo(Reader *r, int i, PlanView *p)
{
    static const char *const K[] = {"path", "hash", "width", "height", "label"};
    int v[5];
    if (!get_object(r, i, K, 5, v))
        return false;
    if (v[0] >= 0)
        FIELD(r, "path", get_string(r, v[0], p->photo_path, sizeof p->photo_path));
    if (v[1] >= 0)
        FIELD(r, "hash", get_string(r, v[1], p->photo_hash, sizeof p->photo_hash));
    if (v[4] >= 0)
        FIELD(r, "label", get_string(r, v[4], p->label, sizeof p->label));
    return read_int(r, v[2], "width", 0, 1000000, &p->photo_width) &&
           read_int(r, v[3], "height", 0, 1000000, &p->photo_height);
}

/* View 0's photo: the plan's own photo fields. */
static bool read_plan_photo(Reader *r, int i, SmpPlan *p)
{
    PlanView v = plan_view(p, 0);
    if (!read_photo(r, i, &v))
        return false;
    memcpy(p->photo_path, v.photo_path, sizeof p->photo_path);
    memcpy(p->photo_hash, v.photo_hash, sizeof p->photo_hash);
    memcpy(p->photo_label, v.label, sizeof p->photo_label);
    p->photo_width = v.photo_width, p->photo_height = v.photo_height;
    return true;
}

static bool read_scale(Reader *r, int i, PlanScale *s)
{
    static const char *const K[] = {"a", "b", "distance_mm"};
    int v[3];
    if (!get_object(r, i, K, 3, v))
        return false;
    if ((v[0] >= 0) != (v[1] >= 0))
        FIELD(r, v[0] >= 0 ? "b" : "a", fail_field(r, "missing (a scale needs both points a and b)"));
    s->set = v[0] >= 0;
    return read_point(r, v[0], "a", NULL, &s->a) && read_point(r, v[1], "b", NULL, &s->b) &&
           read_num(r, v[2], "distance_mm", 0.1, 10000, &s->distance_mm);
}

static bool read_landmarks(Reader *r, int i, PlanLandmarks *l)
{
    static const char *const K[] = {"glabella", "eye_left", "eye_right", "midline", "ear_left", "ear_right"};
    int v[6];
    if (!get_object(r, i, K, 6, v) || !read_point(r, v[0], "glabella", &l->has_glabella, &l->glabella) ||
        !read_point(r, v[1], "eye_left", &l->has_eye_left, &l->eye_left) ||
        !read_point(r, v[2], "eye_right", &l->has_eye_right, &l->eye_right) ||
        !read_point(r, v[4], "ear_left", &l->has_ear_left, &l->ear_left) ||
        !read_point(r, v[5], "ear_right", &l->has_ear_right, &l->ear_right))
        return false;
    if (v[3] >= 0) {
        PlanPoint m[2];
        int n;
        FIELD(r, "midline", get_points(r, v[3], 2, 2, m, &n));
        l->has_midline = true;
        l->midline_a = m[0];
        l->midline_b = m[1];
    }
    return true;
}

static bool read_hairline(Reader *r, int i, PlanHairline *h, SmpPlan *p)
{
    static const char *const K[] = {"points", "symmetric", "style", "transition_mm", "macro_irregularity",
                                    "micro_irregularity"};
    int v[6];
    if (!get_object(r, i, K, 6, v))
        return false;
    if (v[0] >= 0)
        FIELD(r, "points", get_points(r, v[0], 0, PLAN_MAX_HAIRLINE_POINTS, h->points, &h->count));
    if (v[2] >= 0) {
        /* A style's presets are the defaults of the fields below, so a plan that
         * says only "edged" gets an edged line, not soft numbers. */
        int style;
        FIELD(r, "style", get_name(r, v[2], "hairline style", "soft, broken, edged or mature", parse_style, &style));
        plan_apply_style(p, (PlanHairlineStyle)style);
    }
    return read_bool(r, v[1], "symmetric", &h->symmetric) &&
           read_num(r, v[3], "transition_mm", 0.5, 30, &h->transition_mm) &&
           read_num(r, v[4], "macro_irregularity", 0, 1, &h->macro_irregularity) &&
           read_num(r, v[5], "micro_irregularity", 0, 1, &h->micro_irregularity);
}

/* A stroke's "points" (array token i, 1 to max_n of them) in a malloc'ed array, *n
 * set; NULL after the message, which names the field. */
static PlanPoint *read_stroke_points(Reader *r, int i, int max_n, int *n)
{
    *n = r->tok[i].type == JSMN_ARRAY ? r->tok[i].size : 0;
    PlanPoint *pts = malloc(sizeof *pts * (size_t)(*n > 0 ? *n : 1));
    if (!pts)
        return smp_fail(r->err, "%s: out of memory reading the plan", r->name), NULL;
    size_t saved = path_push_key(&r->path, "points");
    bool ok = get_points(r, i, 1, max_n, pts, n);
    path_pop(&r->path, saved);
    if (!ok) {
        free(pts);
        return NULL;
    }
    return pts;
}

static bool read_region(Reader *r, int i, SmpPlan *p)
{
    static const char *const K[] = {"kind", "shape", "erase", "radius_mm", "points", "view"};
    int v[6];
    if (!get_object(r, i, K, 6, v))
        return false;
    int kind = REGION_TREAT, shape = REGION_POLYGON;
    bool erase = false;
    double radius = 5.0, view = 0;
    if (v[0] >= 0)
        FIELD(r, "kind", get_name(r, v[0], "region kind", "treat, exclude or scar", parse_kind, &kind));
    if (v[1] >= 0)
        FIELD(r, "shape", get_name(r, v[1], "region shape", "polygon or stroke", parse_shape, &shape));
    if (!read_bool(r, v[2], "erase", &erase) || !read_num(r, v[3], "radius_mm", 0.1, 100, &radius))
        return false;
    if (v[4] < 0)
        FIELD(r, "points", fail_field(r, "missing (a region needs its points)"));
    if (v[5] >= 0) /* checked against the plan's views once they are read */
        FIELD(r, "view", get_range(r, v[5], 0, PLAN_MAX_VIEWS - 1, true, &view));
    int n;
    PlanPoint *pts = read_stroke_points(r, v[4], PLAN_MAX_REGION_POINTS, &n);
    if (!pts)
        return false;
    PlanRegion *reg = &p->regions[p->region_count++];
    reg->kind = (PlanRegionKind)kind;
    reg->shape = (PlanRegionShape)shape;
    reg->erase = erase;
    reg->radius_mm = radius;
    reg->view = (int)view;
    reg->count = n;
    reg->points = pts;
    return true;
}

/* Item k of list `key` names view `view`: one the plan has (the views are read last). */
static bool check_view(Reader *r, const SmpPlan *p, const char *key, int k, int view)
{
    if (view <= p->extra_view_count)
        return true;
    size_t saved = path_push_key(&r->path, key);
    path_push_index(&r->path, k);
    path_push_key(&r->path, "view");
    fail_field(r, "view %d does not exist (the plan has %d)", view, plan_view_count(p));
    path_pop(&r->path, saved);
    return false;
}

/* Areas and head corrections made on a view name one the plan has. */
static bool check_views_named(Reader *r, const SmpPlan *p)
{
    for (int k = 0; k < p->region_count; k++)
        if (!check_view(r, p, "regions", k, p->regions[k].view))
            return false;
    for (int k = 0; k < p->head_correction_count; k++)
        if (!check_view(r, p, "head_corrections", k, p->head_corrections[k].view))
            return false;
    return true;
}

/* A list of at most max objects (`what` names them in messages), each read by item. */
static bool read_list(Reader *r, int i, int max, const char *what, bool (*item)(Reader *, int, SmpPlan *),
                      SmpPlan *p)
{
    const jsmntok_t *t = &r->tok[i];
    if (t->type != JSMN_ARRAY)
        return fail_field(r, "expected a list of %s, got %s", what, type_desc(r, i));
    if (t->size > max)
        return fail_field(r, "%d %s is over the limit of %d", t->size, what, max);
    int j = i + 1;
    for (int k = 0; k < t->size; k++) {
        size_t saved = path_push_index(&r->path, k);
        bool ok = item(r, j, p);
        path_pop(&r->path, saved);
        if (!ok)
            return false;
        j = r->next[j];
    }
    return true;
}

static bool parse_correction_mode(const char *s, int *out)
{
    if (strcmp(s, "head") == 0 || strcmp(s, "not_head") == 0)
        return *out = s[0] == 'h', true;
    return false;
}

/* Every field required: a correction that guesses its mode or size corrects nothing. */
static bool read_head_correction(Reader *r, int i, SmpPlan *p)
{
    static const char *const K[] = {"mode", "radius_px", "points", "view"};
    int v[4];
    if (!get_object(r, i, K, 4, v))
        return false;
    for (int k = 0; k < 3; k++)
        if (v[k] < 0)
            FIELD(r, K[k], fail_field(r, "missing (a head correction needs mode, radius_px and points)"));
    int head;
    double radius, view = 0;
    FIELD(r, "mode", get_name(r, v[0], "correction mode", "head or not_head", parse_correction_mode, &head));
    FIELD(r, "radius_px", get_range(r, v[1], 0.5, PLAN_MAX_CORRECTION_RADIUS_PX, false, &radius));
    if (v[3] >= 0) /* checked against the plan's views once they are read */
        FIELD(r, "view", get_range(r, v[3], 0, PLAN_MAX_VIEWS - 1, true, &view));
    int n;
    PlanPoint *pts = read_stroke_points(r, v[2], PLAN_MAX_CORRECTION_POINTS, &n);
    if (!pts)
        return false;
    p->head_corrections[p->head_correction_count++] = (HeadCorrection){head != 0, radius, n, pts, (int)view};
    return true;
}

/* The fitted 3D head: every field required and bounded, so a fuzzed file cannot
 * ask for a wild projection. */
static bool is_date(const char *s)
{
    int y, m, d;
    char end;
    return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && s[4] == '-' && s[7] == '-' &&
           y >= 2000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* Both fields are required: a consent without its answer or its day is no record. */
static bool read_consent(Reader *r, int i, PlanConsent *c)
{
    static const char *const K[] = {"marketing", "date"};
    int v[2];
    if (!get_object(r, i, K, 2, v))
        return false;
    if (v[0] < 0)
        FIELD(r, "marketing", fail_field(r, "missing (true or false)"));
    if (v[1] < 0)
        FIELD(r, "date", fail_field(r, "missing (YYYY-MM-DD)"));
    FIELD(r, "marketing", get_bool(r, v[0], &c->marketing));
    FIELD(r, "date", get_string(r, v[1], c->date, sizeof c->date));
    if (!is_date(c->date))
        FIELD(r, "date", fail_field(r, "expected a date as YYYY-MM-DD, got \"%s\"", c->date));
    c->recorded = true;
    return true;
}

/* A name shown in lists: escaped control characters (a newline, a tab) would
 * break the row it is drawn in, so they are refused like raw ones. */
static bool read_client(Reader *r, int i, char *out, size_t cap)
{
    if (!get_string(r, i, out, cap))
        return false;
    for (const unsigned char *c = (const unsigned char *)out; *c; c++)
        if (*c < 0x20 || *c == 0x7F)
            return fail_field(r, "control character (code %d) in the client's name", *c);
    return true;
}

/* The head's bounds, as read: a fuzzed file cannot ask for a wild projection. */
#define HEAD_ANGLE_MAX_DEG 360.0
#define HEAD_SIZE_MIN 0.5
#define HEAD_SIZE_MAX 2.0
#define HEAD_XY_MAX_MM 5000.0
#define HEAD_Z_MIN_MM 50.0
#define HEAD_Z_MAX_MM 100000.0
#define HEAD_FOCAL_MIN_PX 10.0
#define HEAD_FOCAL_MAX_PX 1e7

static bool within(double v, double lo, double hi) { return v >= lo && v <= hi; }

bool plan_head_in_bounds(const PlanHead *h)
{
    return h->view >= 0 && h->view < 5 && within(h->yaw_deg, -HEAD_ANGLE_MAX_DEG, HEAD_ANGLE_MAX_DEG) &&
           within(h->pitch_deg, -HEAD_ANGLE_MAX_DEG, HEAD_ANGLE_MAX_DEG) &&
           within(h->roll_deg, -HEAD_ANGLE_MAX_DEG, HEAD_ANGLE_MAX_DEG) &&
           within(h->size, HEAD_SIZE_MIN, HEAD_SIZE_MAX) &&
           within(h->centre_mm[0], -HEAD_XY_MAX_MM, HEAD_XY_MAX_MM) &&
           within(h->centre_mm[1], -HEAD_XY_MAX_MM, HEAD_XY_MAX_MM) &&
           within(h->centre_mm[2], HEAD_Z_MIN_MM, HEAD_Z_MAX_MM) &&
           within(h->focal_px, HEAD_FOCAL_MIN_PX, HEAD_FOCAL_MAX_PX);
}

static bool read_head(Reader *r, int i, PlanHead *h)
{
    static const char *const K[] = {"view", "yaw_deg", "pitch_deg", "roll_deg", "size",
                                    "centre_x_mm", "centre_y_mm", "centre_z_mm", "focal_px"};
    static const char *const VIEWS[] = {"front", "top", "left", "right", "back"};
    int v[9];
    if (!get_all_fields(r, i, K, 9, v, "a head needs all its fields"))
        return false;
    char view[16];
    FIELD(r, "view", get_string(r, v[0], view, sizeof view));
    h->view = -1;
    for (int k = 0; k < 5; k++)
        if (strcmp(view, VIEWS[k]) == 0)
            h->view = k;
    if (h->view < 0)
        FIELD(r, "view", fail_field(r, "unknown view (front, top, left, right or back)"));
    h->set = true;
    const double A = HEAD_ANGLE_MAX_DEG, XY = HEAD_XY_MAX_MM;
    return read_num(r, v[1], "yaw_deg", -A, A, &h->yaw_deg) && read_num(r, v[2], "pitch_deg", -A, A, &h->pitch_deg) &&
           read_num(r, v[3], "roll_deg", -A, A, &h->roll_deg) &&
           read_num(r, v[4], "size", HEAD_SIZE_MIN, HEAD_SIZE_MAX, &h->size) &&
           read_num(r, v[5], "centre_x_mm", -XY, XY, &h->centre_mm[0]) &&
           read_num(r, v[6], "centre_y_mm", -XY, XY, &h->centre_mm[1]) &&
           read_num(r, v[7], "centre_z_mm", HEAD_Z_MIN_MM, HEAD_Z_MAX_MM, &h->centre_mm[2]) &&
           read_num(r, v[8], "focal_px", HEAD_FOCAL_MIN_PX, HEAD_FOCAL_MAX_PX, &h->focal_px);
}

/* Another photo of the client (version 2): its photo and its fit. */
static bool read_view(Reader *r, int i, SmpPlan *p)
{
    static const char *const K[] = {"photo", "head"};
    int v[2];
    if (!get_object(r, i, K, 2, v))
        return false;
    PlanView view = {0};
    if (v[0] >= 0)
        FIELD(r, "photo", read_photo(r, v[0], &view));
    if (v[1] >= 0)
        FIELD(r, "head", read_head(r, v[1], &view.head));
    p->extra_views[p->extra_view_count++] = view; /* read_list keeps the count in bounds */
    return true;
}

static bool read_growth(Reader *r, int i, PlanGrowth *g)
{
    static const char *const K[] = {"front_angle_deg", "whorl"};
    static const char *const W[] = {"at", "clockwise", "radius_mm"};
    int v[2], w[3];
    if (!get_object(r, i, K, 2, v) || !read_num(r, v[0], "front_angle_deg", -360, 360, &g->front_angle_deg))
        return false;
    if (v[1] < 0)
        return true;
    FIELD(r, "whorl", get_object(r, v[1], W, 3, w) && read_point(r, w[0], "at", &g->has_whorl, &g->whorl) &&
                          read_bool(r, w[1], "clockwise", &g->whorl_clockwise) &&
                          read_num(r, w[2], "radius_mm", 1, 300, &g->whorl_radius_mm));
    return true;
}

static bool read_dots(Reader *r, int i, PlanDots *d)
{
    static const char *const K[] = {"density", "diameter_mm", "elongation", "angle_spread_deg"};
    int v[4];
    if (!get_object(r, i, K, 4, v) ||
        !read_num(r, v[0], "density", 1, CANDIDATES_MAX_DENSITY_CM2, &d->density))
        return false;
    if (v[1] >= 0) {
        size_t saved = path_push_key(&r->path, "diameter_mm");
        const jsmntok_t *t = &r->tok[v[1]];
        bool ok = t->type == JSMN_ARRAY && t->size == 2 ? true : fail_field(r, "expected [min, max]");
        double mm[2] = {0, 0};
        for (int k = 0, j = v[1] + 1; ok && k < 2; k++, j = r->next[j]) {
            size_t s2 = path_push_index(&r->path, k);
            ok = get_range(r, j, 0.1, 2.0, false, &mm[k]);
            path_pop(&r->path, s2);
        }
        if (ok && mm[0] > mm[1])
            ok = fail_field(r, "the minimum %.10g mm is larger than the maximum %.10g mm", mm[0], mm[1]);
        path_pop(&r->path, saved);
        if (!ok)
            return false;
        d->diameter_min_mm = mm[0];
        d->diameter_max_mm = mm[1];
    }
    return read_num(r, v[2], "elongation", 1, 3, &d->elongation) &&
           read_num(r, v[3], "angle_spread_deg", 0, 90, &d->angle_spread_deg);
}

static bool read_pigment(Reader *r, int i, PlanPigment *pg)
{
    static const char *const K[] = {"shade", "warmth"};
    int v[2];
    return get_object(r, i, K, 2, v) && read_num(r, v[0], "shade", 0, 1, &pg->shade) &&
           read_num(r, v[1], "warmth", -1, 1, &pg->warmth);
}

static bool read_sessions(Reader *r, int i, SmpPlan *p)
{
    static const char *const K[] = {"count", "shown"};
    int v[2];
    if (!get_object(r, i, K, 2, v) || !read_int(r, v[0], "count", 2, 4, &p->sessions))
        return false;
    /* The session shown defaults to the last one: the finished result. */
    p->session = p->sessions;
    return read_int(r, v[1], "shown", 1, p->sessions, &p->session);
}

static bool read_stage(Reader *r, int i, SmpPlan *p)
{
    static const char *const K[] = {"name", "years"};
    int v[2];
    if (!get_object(r, i, K, 2, v))
        return false;
    if (v[0] >= 0) {
        int stage;
        FIELD(r, "name", get_name(r, v[0], "stage", "fresh, healed or aged", parse_stage, &stage));
        p->stage = (PlanStage)stage;
    }
    return read_num(r, v[1], "years", 0, 30, &p->aged_years);
}

static bool read_look(Reader *r, const int *v, SmpPlan *p)
{
    if (v[0] >= 0)
        FIELD(r, "pigment", read_pigment(r, v[0], &p->pigment));
    if (v[1] >= 0)
        FIELD(r, "sessions", read_sessions(r, v[1], p));
    if (v[2] >= 0)
        FIELD(r, "stage", read_stage(r, v[2], p));
    if (v[3] >= 0) {
        double seed;
        FIELD(r, "seed", get_range(r, v[3], 0, 4294967295.0, true, &seed));
        p->seed = (uint32_t)seed;
    }
    return true;
}

/* The version comes first: a newer file may use fields this one misreads, so
 * "please update" beats any field error. */
static bool read_version(Reader *r, int v)
{
    if (v < 0)
        return smp_fail(r->err, "%s: not a smpview plan (no \"smpview_plan\" format version)", r->name);
    double ver;
    FIELD(r, "smpview_plan", get_range(r, v, 1, 1e9, true, &ver));
    if (ver > PLAN_FORMAT_VERSION)
        return smp_fail(r->err, "%s: format version %.0f is newer than this smpview supports (%d); please update smpview",
                        r->name, ver, PLAN_FORMAT_VERSION);
    return true;
}

static bool read_plan(Reader *r, SmpPlan *p)
{
    static const char *const K[] = {"smpview_plan", "photo",         "scale", "landmarks", "hairline",
                                    "regions",      "growth",        "dots",  "pigment",   "sessions",
                                    "stage",        "seed",          "edge_blend_mm", "head", "only_painted",
                                    "consent",      "head_corrections", "views", "client"};
    int v[19];
    if (r->tok[0].type != JSMN_OBJECT)
        return smp_fail(r->err, "%s: not a smpview plan (expected a JSON object, got %s)", r->name, type_desc(r, 0));
    if (!get_object(r, 0, K, 19, v) || !read_version(r, v[0]))
        return false;
    if (v[1] >= 0)
        FIELD(r, "photo", read_plan_photo(r, v[1], p));
    if (v[2] >= 0)
        FIELD(r, "scale", read_scale(r, v[2], &p->scale));
    if (v[3] >= 0)
        FIELD(r, "landmarks", read_landmarks(r, v[3], &p->landmarks));
    if (v[4] >= 0)
        FIELD(r, "hairline", read_hairline(r, v[4], &p->hairline, p));
    if (v[5] >= 0)
        FIELD(r, "regions", read_list(r, v[5], PLAN_MAX_REGIONS, "regions", read_region, p));
    if (v[16] >= 0)
        FIELD(r, "head_corrections",
              read_list(r, v[16], PLAN_MAX_HEAD_CORRECTIONS, "head corrections", read_head_correction, p));
    if (v[6] >= 0)
        FIELD(r, "growth", read_growth(r, v[6], &p->growth));
    if (v[7] >= 0)
        FIELD(r, "dots", read_dots(r, v[7], &p->dots));
    if (v[12] >= 0)
        FIELD(r, "edge_blend_mm", get_range(r, v[12], 0, PLAN_MAX_EDGE_BLEND_MM, false, &p->edge_blend_mm));
    if (v[13] >= 0)
        FIELD(r, "head", read_head(r, v[13], &p->head));
    if (v[15] >= 0)
        FIELD(r, "consent", read_consent(r, v[15], &p->consent));
    if (v[17] >= 0)
        FIELD(r, "views", read_list(r, v[17], PLAN_MAX_VIEWS - 1, "views", read_view, p));
    if (!check_views_named(r, p))
        return false;
    if (v[18] >= 0)
        FIELD(r, "client", read_client(r, v[18], p->client, sizeof p->client));
    if (v[14] >= 0) {
        if (!read_bool(r, v[14], "only_painted", &p->only_painted))
            return false;
    } else /* older plans: any treat or scar region meant only painted areas */
        p->only_painted = plan_adds_treatment(p);
    return read_look(r, v + 8, p);
}

bool plan_from_json(const char *text, size_t len, const char *name, SmpPlan *out, SmpError *err)
{
    plan_init(out);
    Reader r = {0};
    r.name = name ? name : "plan";
    r.err = err;
    /* Editors on Windows may start UTF-8 files with a byte-order mark. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    r.js = text;
    r.len = len;
    if (len > JSON_MAX_BYTES)
        return smp_fail(err, "%s: too large for a plan (%zu bytes)", r.name, len);
    bool ok = scan_bytes(&r) && tokenize(&r) && read_plan(&r, out);
    free(r.tok);
    free(r.next);
    if (!ok)
        plan_free(out);
    return ok;
}

bool plan_json_sniff(const char *text, size_t len)
{
    static const char key[] = "\"smpview_plan\"";
    size_t i = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && is_ws(text[i]))
        i++;
    if (i >= len || text[i] != '{')
        return false;
    /* The writer puts the version first; hand-edited files get some slack. */
    size_t end = len < 65536 ? len : 65536;
    for (; i + sizeof key - 1 <= end; i++)
        if (memcmp(text + i, key, sizeof key - 1) == 0)
            return true;
    return false;
}
