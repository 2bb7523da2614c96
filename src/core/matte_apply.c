/* matte_apply.c - dots on head skin, under hair, thinned where hair covers the scalp
 * (see matte_apply.h). */
#include "matte_apply.h"

#include "hair_matte.h"
#include "hash.h"
#include "head_correct.h"
#include "head_matte.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Hair coverage is averaged over cells this wide: about the spacing of a few dots, so
 * a single strand across a dot does not remove it, a tuft does. */
#define COVER_CELL_MM 2.0

bool mattes_compute(const SmpImage *photo, int threads, SmpMattes *out, SmpError *err)
{
    return mattes_compute_for_plan(photo, NULL, threads, out, err);
}

/* The hair matte looks for hair on the automatic head plus the "head" strokes; the "not
 * head" strokes come after it, so removing a patch changes nothing elsewhere (the hair
 * threshold follows the skin's texture over the whole head). Applying the "head" strokes
 * twice changes nothing: a later max with the same stroke absorbs the earlier one. */
static bool mattes_head_steps_begin(const SmpImage *photo, const SmpPlan *plan, HeadMatteSteps **steps, SmpError *err)
{
    float *seeds = NULL;
    int seed_count = 0;
    *steps = NULL;
    if (plan && !head_seeds_from_plan(plan, &seeds, &seed_count, err))
        return false;
    *steps = head_matte_steps_begin(photo, seeds, seed_count);
    free(seeds);
    return true;
}

static bool mattes_head_found(const SmpPlan *plan, HeadMatteSteps *steps, SmpMattes *out, SmpError *err)
{
    memset(out, 0, sizeof *out);
    bool ok = head_matte_steps_end(steps, &out->head, err) &&
              (!plan || head_corrections_apply(plan, true, &out->head, err));
    if (!ok)
        mattes_free(out);
    return ok;
}

/* The head matte in one go. */
static bool mattes_compute_head(const SmpImage *photo, const SmpPlan *plan, SmpMattes *out, SmpError *err)
{
    HeadMatteSteps *steps;
    if (!mattes_head_steps_begin(photo, plan, &steps, err)) {
        memset(out, 0, sizeof *out);
        return false;
    }
    while (steps && head_matte_steps_next(steps, INT64_MAX, NULL))
        ;
    return mattes_head_found(plan, steps, out, err);
}

static bool mattes_hair_found(const SmpPlan *plan, bool hair_ok, SmpMattes *out, SmpError *err)
{
    bool ok = hair_ok && (!plan || head_corrections_apply(plan, false, &out->head, err));
    if (!ok)
        mattes_free(out);
    return ok;
}

/* View n's mattes are found as view 0's of a plan of its own holding only its head
 * corrections (their points shared with plan: free() it, not plan_free). NULL: out of
 * memory. */
static SmpPlan *view_plan(const SmpPlan *plan, int view)
{
    SmpPlan *o = malloc(sizeof *o); /* large: not on the stack */
    if (!o)
        return NULL;
    plan_init(o);
    for (int i = 0; i < plan->head_correction_count; i++)
        if (plan->head_corrections[i].view == view) {
            o->head_corrections[o->head_correction_count] = plan->head_corrections[i];
            o->head_corrections[o->head_correction_count++].view = 0;
        }
    return o;
}

struct MattesSteps {
    const SmpImage *photo;
    const SmpPlan *plan;
    SmpPlan *view_plan; /* view n's, or NULL */
    int threads;
    int64_t budget;
    HeadMatteSteps *head; /* the head matte, a step at a time (NULL: begun, or done) */
    HairMatteSteps *hair; /* then the hair on it */
    bool head_done, ok;
    SmpMattes mattes;
    SmpError err;
};

MattesSteps *mattes_steps_begin(const SmpImage *photo, const SmpPlan *plan, int view, int threads, int64_t budget)
{
    MattesSteps *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    *s = (MattesSteps){.photo = photo, .plan = plan, .threads = threads, .budget = budget};
    if (plan && view > 0) {
        s->plan = s->view_plan = view_plan(plan, view);
        if (!s->view_plan) {
            s->ok = smp_fail(&s->err, "out of memory finding view %d's mattes", view);
            return s;
        }
    }
    s->ok = mattes_head_steps_begin(photo, s->plan, &s->head, &s->err);
    return s;
}

/* The head in steps, its "head" strokes; the hair in steps, the "not head" strokes. */
bool mattes_steps_next(MattesSteps *s)
{
    if (!s->ok)
        return false;
    if (!s->head_done) {
        if (s->head && head_matte_steps_next(s->head, s->budget, NULL))
            return true;
        s->ok = mattes_head_found(s->plan, s->head, &s->mattes, &s->err);
        s->head = NULL, s->head_done = true;
        if (s->ok)
            s->hair = hair_matte_steps_begin(s->photo, &s->mattes.head, s->threads, s->budget);
        return s->ok;
    }
    if (s->hair && hair_matte_steps_next(s->hair, NULL))
        return true;
    bool found = hair_matte_steps_end(s->hair, &s->mattes.hair, &s->err);
    s->hair = NULL;
    s->ok = mattes_hair_found(s->plan, found, &s->mattes, &s->err);
    return false;
}

bool mattes_steps_end(MattesSteps *s, SmpMattes *out, SmpError *err)
{
    memset(out, 0, sizeof *out);
    if (!s)
        return smp_fail(err, "out of memory finding the head and hair");
    bool ok = s->ok && s->head_done && !s->hair;
    if (ok)
        *out = s->mattes;
    else if (!s->ok && err)
        *err = s->err;
    else
        smp_fail(err, "finding the head and hair stopped before its end");
    if (!ok)
        mattes_free(&s->mattes);
    /* steps left undone: freed */
    head_matte_steps_end(s->head, &(SmpMatte){0}, NULL);
    hair_matte_steps_end(s->hair, &(SmpMatte){0}, NULL);
    free(s->view_plan);
    free(s);
    return ok;
}

bool mattes_compute_for_plan(const SmpImage *photo, const SmpPlan *plan, int threads, SmpMattes *out,
                             SmpError *err)
{
    return mattes_compute_head(photo, plan, out, err) &&
           mattes_hair_found(plan, hair_matte_compute(photo, &out->head, threads, &out->hair, err), out, err);
}

bool mattes_compute_for_view(const SmpImage *photo, const SmpPlan *plan, int view, int threads, SmpMattes *out,
                             SmpError *err)
{
    if (view == 0 || !plan)
        return mattes_compute_for_plan(photo, plan, threads, out, err);
    SmpPlan *own = view_plan(plan, view);
    bool ok = own ? mattes_compute_for_plan(photo, own, threads, out, err)
                  : smp_fail(err, "out of memory finding view %d's mattes", view);
    free(own); /* not plan_free: the points are the plan's */
    return ok;
}

void mattes_free(SmpMattes *m)
{
    matte_free(&m->head);
    matte_free(&m->hair);
}

/* The hair cover grid: the mean hair matte (0..1) per cell of about COVER_CELL_MM, over
 * the head's pixels only. Its sums (and counts after them), zeroed; false when out of
 * memory. */
static bool cover_alloc(const SmpMattes *m, double px_per_mm, MatteCover *out)
{
    int cell = (int)lround(COVER_CELL_MM * px_per_mm);
    out->cell = cell < 1 ? 1 : cell;
    out->px_per_mm = px_per_mm;
    out->width = (m->hair.width + out->cell - 1) / out->cell;
    out->height = (m->hair.height + out->cell - 1) / out->cell;
    out->cover = calloc((size_t)out->width * (size_t)out->height * 2, sizeof *out->cover);
    return out->cover != NULL;
}

/* Photo rows [y0, y1) summed into the grid: the hair matte over the head's pixels. */
static void cover_rows(const SmpMattes *m, MatteCover *c, int y0, int y1)
{
    float *sum = c->cover, *cnt = c->cover + (size_t)c->width * (size_t)c->height;
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < m->hair.width; x++) {
            size_t i = (size_t)y * m->hair.width + x, g = (size_t)(y / c->cell) * c->width + (size_t)(x / c->cell);
            if (m->head.alpha[i] < 128)
                continue;
            sum[g] += m->hair.alpha[i] * (1.0f / 255.0f);
            cnt[g] += 1.0f;
        }
}

/* The sums into means (the counts' half is left unused). */
static void cover_mean(MatteCover *c)
{
    float *sum = c->cover, *cnt = c->cover + (size_t)c->width * (size_t)c->height;
    for (size_t g = 0; g < (size_t)c->width * (size_t)c->height; g++)
        sum[g] = cnt[g] > 0 ? sum[g] / cnt[g] : 0.0f;
}

bool mattes_cover_build(const SmpMattes *m, double px_per_mm, MatteCover *out, SmpError *err)
{
    if (!cover_alloc(m, px_per_mm, out))
        return smp_fail(err, "out of memory applying the hair matte");
    cover_rows(m, out, 0, m->hair.height);
    cover_mean(out);
    return true;
}

void mattes_cover_free(MatteCover *c)
{
    free(c->cover);
    memset(c, 0, sizeof *c);
}

void mattes_filter_dots_with(const SmpMattes *m, const MatteCover *c, DotList *dots)
{
    int kept = 0;
    for (int i = 0; i < dots->count; i++) {
        SmpDot d = dots->items[i];
        float x = (float)(d.x_mm * c->px_per_mm), y = (float)(d.y_mm * c->px_per_mm);
        if (matte_at(&m->head, x, y) < 0.5f)
            continue;
        int gx = (int)(x / (float)c->cell), gy = (int)(y / (float)c->cell);
        float cover = (gx >= 0 && gy >= 0 && gx < c->width && gy < c->height) ? c->cover[(size_t)gy * c->width + gx] : 0.0f;
        if (hash_unit(hash_combine(d.id, 0x6861697263ull)) < cover)
            continue;
        d.visible = 1.0f - matte_at(&m->hair, x, y);
        if (m->hair.alpha == NULL)
            d.visible = 1.0f;
        dots->items[kept++] = d;
    }
    dots->count = kept;
}

bool mattes_filter_dots(const SmpMattes *m, double px_per_mm, DotList *dots, SmpError *err)
{
    MatteCover c;
    if (!mattes_cover_build(m, px_per_mm, &c, err))
        return false;
    mattes_filter_dots_with(m, &c, dots);
    mattes_cover_free(&c);
    return true;
}

/* What the dot layer keeps of pixel k: head x (1 - hair), 0..255. */
static inline unsigned keep_at(const SmpMattes *m, size_t k)
{
    return (m->head.alpha[k] * (255u - m->hair.alpha[k]) + 127u) / 255u;
}

bool mattes_keep_window(const SmpMattes *m, PhotoBox b, SmpMatte *out, SmpError *err)
{
    memset(out, 0, sizeof *out);
    if (!m->head.alpha || !m->hair.alpha || b.x1 <= b.x0 || b.y1 <= b.y0)
        return true;
    out->width = b.x1 - b.x0, out->height = b.y1 - b.y0;
    out->alpha = malloc((size_t)out->width * out->height);
    if (!out->alpha)
        return smp_fail(err, "out of memory for a %dx%d matte", out->width, out->height);
    for (int y = b.y0; y < b.y1; y++)
        for (int x = b.x0; x < b.x1; x++)
            out->alpha[(size_t)(y - b.y0) * out->width + (x - b.x0)] = (uint8_t)keep_at(m, (size_t)y * m->head.width + x);
    return true;
}

/* Rows [y0, y1) of the keep mask: each pixel the mean over its step x step block. */
static void keep_mask_rows(const SmpMattes *m, int step, SmpMatte *out, int y0, int y1)
{
    for (int y = y0; y < y1; y++)
        for (int x = 0; x < out->width; x++) {
            unsigned sum = 0, n = 0;
            for (int j = y * step; j < (y + 1) * step && j < m->head.height; j++)
                for (int i = x * step; i < (x + 1) * step && i < m->head.width; i++, n++) {
                    sum += keep_at(m, (size_t)j * m->head.width + i);
                }
            out->alpha[(size_t)y * out->width + x] = (uint8_t)((sum + n / 2) / n);
        }
}

/* The view's steps: the keep mask's rows, then the cover grid's photo rows. */
enum { V_KEEP, V_COVER, V_COUNT };

static StageSize view_size(const void *ctx, int stage, int pass)
{
    (void)pass;
    const MattesViewSteps *s = ctx;
    int64_t w = s->m->head.width;
    if (stage == V_KEEP)
        return (StageSize){1, s->keep->alpha ? s->keep->height : 0, (int64_t)s->step * w * 3};
    return (StageSize){1, s->cover->cover ? s->m->hair.height : 0, w * 3};
}

static void view_run(void *ctx, int stage, int pass, int a, int b)
{
    (void)pass;
    MattesViewSteps *s = ctx;
    if (stage == V_KEEP)
        keep_mask_rows(s->m, s->step, s->keep, a, b);
    else
        cover_rows(s->m, s->cover, a, b);
}

static bool view_end(void *ctx, int stage, int pass)
{
    (void)pass;
    MattesViewSteps *s = ctx;
    if (stage == V_COVER && s->cover->cover)
        cover_mean(s->cover);
    return true;
}

static const StageFns VIEW_STAGES = {view_size, view_run, view_end};

/* keep sized and allocated as mattes_keep_mask's (left empty for empty mattes). */
static bool keep_alloc(const SmpMattes *m, int step, SmpMatte *out, SmpError *err)
{
    memset(out, 0, sizeof *out);
    if (!m->head.alpha || !m->hair.alpha || step < 1)
        return true;
    out->width = (m->head.width + step - 1) / step;
    out->height = (m->head.height + step - 1) / step;
    out->alpha = malloc((size_t)out->width * out->height);
    return out->alpha ? true : smp_fail(err, "out of memory for the view's matte (%dx%d)", out->width, out->height);
}

bool mattes_view_begin(MattesViewSteps *s, const SmpMattes *m, int step, double px_per_mm, SmpMatte *keep,
                       MatteCover *cover, SmpError *err)
{
    *s = (MattesViewSteps){m, step, keep, cover, {&VIEW_STAGES, s, V_COUNT, 0, 0, 0, false}};
    *cover = (MatteCover){0};
    if (!keep_alloc(m, step, keep, err))
        return false;
    if (m->head.alpha && m->hair.alpha && !cover_alloc(m, px_per_mm, cover)) {
        matte_free(keep);
        return smp_fail(err, "out of memory applying the hair matte");
    }
    return true;
}

bool mattes_view_next(MattesViewSteps *s, int64_t budget) { return stages_next(&s->st, budget, NULL); }

bool mattes_keep_mask(const SmpMattes *m, int step, SmpMatte *out, SmpError *err)
{
    if (!keep_alloc(m, step, out, err))
        return false;
    if (out->alpha)
        keep_mask_rows(m, step, out, 0, out->height);
    return true;
}

void mattes_blend_keep(const SmpMatte *keep, const SmpImage *photo, SmpImage *after)
{
    if (!keep->alpha || keep->width != photo->width || keep->height != photo->height)
        return;
    for (int y = 0; y < photo->height; y++)
        for (int x = 0; x < photo->width; x++) {
            int k = keep->alpha[(size_t)y * photo->width + x];
            if (k == 255)
                continue;
            const uint8_t *p = image_pixel(photo, x, y);
            uint8_t *a = image_pixel(after, x, y);
            for (int c = 0; c < 3; c++) {
                int layer = (int)a[c] - (int)p[c];
                a[c] = (uint8_t)((int)p[c] + (layer * k + (layer < 0 ? -127 : 127)) / 255);
            }
        }
}
