/* plan_json_write.c - the plan file writer: pretty-printed JSON, two-space
 * indents, LF line endings, numbers that read back bit-exact
 * (docs/plan-format.md). */
#include "plan_json.h"
#include "plan_json_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Writer {
    char *p;
    size_t len, cap;
    bool failed;
    SmpError *err;
    JsonPath path;
    int depth;
    int items[16]; /* items written at each depth, for commas and [i] paths */
} Writer;

static void put(Writer *w, const char *s, size_t n)
{
    if (w->failed)
        return;
    if (w->len + n + 1 > w->cap) {
        size_t cap = w->cap ? w->cap : 4096;
        while (w->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(w->p, cap);
        if (!p) {
            w->failed = true;
            smp_fail(w->err, "out of memory writing the plan");
            return;
        }
        w->p = p;
        w->cap = cap;
    }
    memcpy(w->p + w->len, s, n);
    w->len += n;
    w->p[w->len] = '\0';
}

static void puts_(Writer *w, const char *s) { put(w, s, strlen(s)); }

static void put_string(Writer *w, const char *s)
{
    put(w, "\"", 1);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        char esc[8];
        if (*c == '"' || *c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*c;
            put(w, esc, 2);
        } else if (*c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", *c);
            put(w, esc, 6);
        } else {
            put(w, (const char *)c, 1);
        }
    }
    put(w, "\"", 1);
}

/* Starts an item: comma, newline, indent and key (NULL inside arrays). The path
 * names the item so an unwritable number can say where it is. */
static size_t item_begin(Writer *w, const char *key)
{
    size_t saved = key ? path_push_key(&w->path, key) : path_push_index(&w->path, w->items[w->depth]);
    puts_(w, w->items[w->depth]++ ? ",\n" : "\n");
    for (int i = 0; i < w->depth; i++)
        puts_(w, "  ");
    if (key) {
        put_string(w, key);
        puts_(w, ": ");
    }
    return saved;
}

static size_t open_(Writer *w, const char *key, const char *bracket)
{
    size_t saved = item_begin(w, key);
    puts_(w, bracket);
    w->items[++w->depth] = 0;
    return saved;
}

static void close_(Writer *w, size_t saved, const char *bracket)
{
    if (w->items[w->depth--]) {
        puts_(w, "\n");
        for (int i = 0; i < w->depth; i++)
            puts_(w, "  ");
    }
    puts_(w, bracket);
    path_pop(&w->path, saved);
}

static void put_number(Writer *w, double v)
{
    if (!isfinite(v)) {
        if (!w->failed)
            smp_fail(w->err, "%s: not a finite number, cannot be saved", w->path.s);
        w->failed = true;
        return;
    }
    char buf[48];
    format_double(v, buf, sizeof buf);
    puts_(w, buf);
}

static void w_num(Writer *w, const char *key, double v)
{
    size_t saved = item_begin(w, key);
    put_number(w, v);
    path_pop(&w->path, saved);
}

static void w_int(Writer *w, const char *key, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    size_t saved = item_begin(w, key);
    puts_(w, buf);
    path_pop(&w->path, saved);
}

static void w_bool(Writer *w, const char *key, bool v)
{
    size_t saved = item_begin(w, key);
    puts_(w, v ? "true" : "false");
    path_pop(&w->path, saved);
}

static void w_str(Writer *w, const char *key, const char *s)
{
    size_t saved = item_begin(w, key);
    put_string(w, s);
    path_pop(&w->path, saved);
}

/* A point stays on one line: "[x, y]". */
static void w_point(Writer *w, const char *key, PlanPoint p)
{
    size_t saved = item_begin(w, key);
    puts_(w, "[");
    put_number(w, p.x);
    puts_(w, ", ");
    put_number(w, p.y);
    puts_(w, "]");
    path_pop(&w->path, saved);
}

static void w_points(Writer *w, const char *key, const PlanPoint *pts, int n)
{
    size_t saved = open_(w, key, "[");
    for (int i = 0; i < n; i++)
        w_point(w, NULL, pts[i]);
    close_(w, saved, "]");
}

/* Only when fitted: plans without a head are written exactly as before. */
static void write_head(Writer *w, const PlanHead *h)
{
    static const char *const VIEWS[] = {"front", "top", "left", "right", "back"};
    if (!h->set)
        return;
    size_t s = open_(w, "head", "{");
    w_str(w, "view", VIEWS[h->view >= 0 && h->view < 5 ? h->view : 0]);
    w_num(w, "yaw_deg", h->yaw_deg);
    w_num(w, "pitch_deg", h->pitch_deg);
    w_num(w, "roll_deg", h->roll_deg);
    w_num(w, "size", h->size);
    w_num(w, "centre_x_mm", h->centre_mm[0]);
    w_num(w, "centre_y_mm", h->centre_mm[1]);
    w_num(w, "centre_z_mm", h->centre_mm[2]);
    w_num(w, "focal_px", h->focal_px);
    close_(w, s, "}");
}

static void write_photo_scale_landmarks(Writer *w, const SmpPlan *p)
{
    size_t s = open_(w, "photo", "{");
    w_str(w, "path", p->photo_path);
    w_str(w, "hash", p->photo_hash);
    w_int(w, "width", p->photo_width);
    w_int(w, "height", p->photo_height);
    if (p->photo_label[0])
        w_str(w, "label", p->photo_label);
    close_(w, s, "}");
    if (p->client[0]) /* optional: plans without a client are written as before */
        w_str(w, "client", p->client);

    s = open_(w, "scale", "{");
    if (p->scale.set) {
        w_point(w, "a", p->scale.a);
        w_point(w, "b", p->scale.b);
    }
    w_num(w, "distance_mm", p->scale.distance_mm);
    close_(w, s, "}");

    const PlanLandmarks *l = &p->landmarks;
    s = open_(w, "landmarks", "{");
    if (l->has_glabella)
        w_point(w, "glabella", l->glabella);
    if (l->has_eye_left)
        w_point(w, "eye_left", l->eye_left);
    if (l->has_eye_right)
        w_point(w, "eye_right", l->eye_right);
    if (l->has_midline) {
        PlanPoint m[2] = {l->midline_a, l->midline_b};
        w_points(w, "midline", m, 2);
    }
    if (l->has_ear_left) /* optional: plans without ears keep their bytes */
        w_point(w, "ear_left", l->ear_left);
    if (l->has_ear_right)
        w_point(w, "ear_right", l->ear_right);
    close_(w, s, "}");
    write_head(w, &p->head);
    if (p->consent.recorded) {
        size_t c = open_(w, "consent", "{");
        w_bool(w, "marketing", p->consent.marketing);
        w_str(w, "date", p->consent.date);
        close_(w, c, "}");
    }
}

/* Views 1 ..: only in plans that have them. */
static void write_views(Writer *w, const SmpPlan *p)
{
    if (p->extra_view_count == 0)
        return;
    size_t s = open_(w, "views", "[");
    for (int i = 0; i < p->extra_view_count; i++) {
        const PlanView *v = &p->extra_views[i];
        size_t o = open_(w, NULL, "{");
        size_t ph = open_(w, "photo", "{");
        w_str(w, "path", v->photo_path);
        w_str(w, "hash", v->photo_hash);
        w_int(w, "width", v->photo_width);
        w_int(w, "height", v->photo_height);
        w_str(w, "label", v->label);
        close_(w, ph, "}");
        write_head(w, &v->head);
        close_(w, o, "}");
    }
    close_(w, s, "]");
}

static void write_hairline_regions(Writer *w, const SmpPlan *p)
{
    const PlanHairline *h = &p->hairline;
    size_t s = open_(w, "hairline", "{");
    w_points(w, "points", h->points, h->count);
    w_bool(w, "symmetric", h->symmetric);
    w_str(w, "style", plan_style_name(h->style));
    w_num(w, "transition_mm", h->transition_mm);
    w_num(w, "macro_irregularity", h->macro_irregularity);
    w_num(w, "micro_irregularity", h->micro_irregularity);
    close_(w, s, "}");

    s = open_(w, "regions", "[");
    for (int i = 0; i < p->region_count; i++) {
        const PlanRegion *r = &p->regions[i];
        size_t rs = open_(w, NULL, "{");
        w_str(w, "kind", plan_region_kind_name(r->kind));
        w_str(w, "shape", r->shape == REGION_STROKE ? "stroke" : "polygon");
        w_bool(w, "erase", r->erase);
        w_num(w, "radius_mm", r->radius_mm);
        if (r->view > 0) /* view 0's regions keep the bytes of older plans */
            w_int(w, "view", r->view);
        w_points(w, "points", r->points, r->count);
        close_(w, rs, "}");
    }
    close_(w, s, "]");
    if (p->edge_blend_mm != PLAN_DEFAULT_EDGE_BLEND_MM) /* older plans keep their bytes */
        w_num(w, "edge_blend_mm", p->edge_blend_mm);
}

/* Only when there are some: plans without corrections are written exactly as before. */
static void write_head_corrections(Writer *w, const SmpPlan *p)
{
    if (p->head_correction_count == 0)
        return;
    size_t s = open_(w, "head_corrections", "[");
    for (int i = 0; i < p->head_correction_count; i++) {
        const HeadCorrection *c = &p->head_corrections[i];
        size_t cs = open_(w, NULL, "{");
        w_str(w, "mode", c->head ? "head" : "not_head");
        w_num(w, "radius_px", c->radius_px);
        if (c->view > 0) /* view 0's keep the bytes of older plans */
            w_int(w, "view", c->view);
        w_points(w, "points", c->points, c->count);
        close_(w, cs, "}");
    }
    close_(w, s, "]");
}

static void write_look(Writer *w, const SmpPlan *p)
{
    const PlanGrowth *g = &p->growth;
    size_t s = open_(w, "growth", "{");
    w_num(w, "front_angle_deg", g->front_angle_deg);
    size_t ws = open_(w, "whorl", "{");
    if (g->has_whorl)
        w_point(w, "at", g->whorl);
    w_bool(w, "clockwise", g->whorl_clockwise);
    w_num(w, "radius_mm", g->whorl_radius_mm);
    close_(w, ws, "}");
    close_(w, s, "}");

    s = open_(w, "dots", "{");
    w_num(w, "density", p->dots.density);
    PlanPoint d = {p->dots.diameter_min_mm, p->dots.diameter_max_mm};
    w_point(w, "diameter_mm", d);
    w_num(w, "elongation", p->dots.elongation);
    w_num(w, "angle_spread_deg", p->dots.angle_spread_deg);
    close_(w, s, "}");

    s = open_(w, "pigment", "{");
    w_num(w, "shade", p->pigment.shade);
    w_num(w, "warmth", p->pigment.warmth);
    close_(w, s, "}");

    s = open_(w, "sessions", "{");
    w_int(w, "count", p->sessions);
    w_int(w, "shown", p->session);
    close_(w, s, "}");

    s = open_(w, "stage", "{");
    w_str(w, "name", plan_stage_name(p->stage));
    w_num(w, "years", p->aged_years);
    close_(w, s, "}");

    w_int(w, "seed", (long long)p->seed);
    w_bool(w, "only_painted", p->only_painted);
}

bool plan_to_json(const SmpPlan *plan, char **out_text, size_t *out_len, SmpError *err)
{
    Writer w = {0};
    w.err = err;
    puts_(&w, "{");
    w.depth = 1;
    w_int(&w, "smpview_plan", PLAN_FORMAT_VERSION);
    write_photo_scale_landmarks(&w, plan);
    write_views(&w, plan);
    write_hairline_regions(&w, plan);
    write_head_corrections(&w, plan);
    write_look(&w, plan);
    puts_(&w, "\n}\n");
    if (w.failed) {
        free(w.p);
        return false;
    }
    *out_text = w.p;
    if (out_len)
        *out_len = w.len;
    return true;
}
