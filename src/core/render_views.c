/* A sheet of every view of a plan (render_views.h). */
#include "render_views.h"

#include "compose_layout.h"
#include "head3d.h"
#include "matte_apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* src centred on a white w x h cell (src no larger). */
static bool pad_cell(const SmpImage *src, int w, int h, SmpImage *out, SmpError *err)
{
    if (!image_create(w, h, out, err))
        return false;
    memset(out->pixels, 255, (size_t)w * h * 4);
    int x0 = (w - src->width) / 2, y0 = (h - src->height) / 2;
    for (int y = 0; y < src->height; y++)
        memcpy(image_pixel(out, x0, y0 + y), image_pixel(src, 0, y), (size_t)src->width * 4);
    return true;
}

/* The sheet's steps: for each view, its photo (a step), its mattes (in steps: only
 * its own head corrections), its picture (in steps) shrunk to a cell; then the
 * cells laid out. */
enum ViewsPhase { VIEW_PHOTO, VIEW_MATTES, VIEW_PICTURE, VIEWS_LAYOUT, VIEWS_DONE };

struct ViewsSheetSteps {
    const SmpPlan *plan;
    RenderRequest req, sub; /* the sheet's, a view's */
    RenderViewPhoto load;
    void *ctx;
    int64_t budget;
    int threads, count, n; /* views, the one being drawn */
    enum ViewsPhase phase;
    SmpImage photo; /* view n's */
    MattesSteps *mattes_steps;
    SmpMattes mattes;
    RenderSteps *picture;
    SmpImage cells[PLAN_MAX_VIEWS];
    char captions[PLAN_MAX_VIEWS][PLAN_LABEL_MAX + 16];
    SmpImage out;
    bool failed;
    SmpError err;
};

ViewsSheetSteps *render_views_steps_begin(const SmpPlan *plan, const RenderRequest *req, RenderViewPhoto load,
                                          void *ctx, int64_t budget)
{
    ViewsSheetSteps *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    *s = (ViewsSheetSteps){.plan = plan, .req = *req, .sub = *req, .load = load, .ctx = ctx, .budget = budget,
                           .count = plan_view_count(plan)};
    s->threads = req->threads > 0 ? req->threads : render_default_threads();
    s->sub.layout = LAYOUT_AFTER, s->sub.progress = NULL;
    s->sub.logo = NULL, s->sub.clinic_text = NULL, s->sub.label = NULL;
    if (req->preset != PRESET_FULL || req->anonymise != ANONYMISE_NONE)
        s->failed = !smp_fail(&s->err, "a sheet of every view takes the full photos, nothing hidden or cropped");
    return s;
}

/* View n's photo, begun on its mattes; its caption: its label, else what its fit
 * says it shows. */
static bool photo_step(ViewsSheetSteps *s)
{
    int n = s->n;
    if (s->req.progress)
        atomic_store(s->req.progress, 1000 * n / s->count);
    PlanView v = plan_view(s->plan, n);
    char *cap = s->captions[n];
    if (v.label[0])
        snprintf(cap, sizeof s->captions[n], "%s", v.label);
    else if (v.head.set)
        snprintf(cap, sizeof s->captions[n], "%s", head3d_view_name((HeadView)v.head.view));
    else
        snprintf(cap, sizeof s->captions[n], "View %d", n);
    if (!s->load(s->ctx, n, &s->photo, &s->err))
        return false;
    if (!s->req.no_mattes)
        s->mattes_steps = mattes_steps_begin(&s->photo, s->plan, n, s->threads, s->budget);
    s->phase = s->req.no_mattes ? VIEW_PICTURE : VIEW_MATTES;
    return true;
}

static bool mattes_step(ViewsSheetSteps *s)
{
    if (mattes_steps_next(s->mattes_steps))
        return true;
    bool ok = mattes_steps_end(s->mattes_steps, &s->mattes, &s->err);
    s->mattes_steps = NULL;
    s->phase++;
    return ok;
}

/* A step of view n's picture, as `render --view n` draws it; shrunk to a cell's width. */
static bool picture_step(ViewsSheetSteps *s)
{
    if (!s->picture) {
        s->sub.view = s->n;
        const RenderMattes known = {&s->mattes, NULL, NULL};
        s->picture = render_steps_begin(&s->photo, s->plan, &s->sub, s->req.no_mattes ? NULL : &known, s->budget);
    }
    if (render_steps_next(s->picture))
        return true;
    SmpImage full = {0};
    bool ok = render_steps_end(s->picture, &full, &s->err) &&
              compose_shrink(&full, RENDER_VIEWS_CELL, &s->cells[s->n], &s->err);
    s->picture = NULL;
    image_free(&full);
    image_free(&s->photo);
    mattes_free(&s->mattes);
    s->n++;
    s->phase = s->n < s->count ? VIEW_PHOTO : VIEWS_LAYOUT;
    return ok;
}

/* The cells centred in cells of one size, captioned, laid out and signed. */
static bool layout_step(ViewsSheetSteps *s)
{
    int cell_h = 0, count = s->count;
    SmpImage padded[PLAN_MAX_VIEWS] = {{0}};
    const char *caps[PLAN_MAX_VIEWS] = {0};
    for (int n = 0; n < count; n++)
        cell_h = s->cells[n].height > cell_h ? s->cells[n].height : cell_h, caps[n] = s->captions[n];
    bool ok = true;
    for (int n = 0; ok && n < count; n++)
        ok = pad_cell(&s->cells[n], RENDER_VIEWS_CELL, cell_h, &padded[n], &s->err);
    int cols = count < RENDER_VIEWS_COLS ? count : RENDER_VIEWS_COLS;
    ok = ok && compose_sheet(padded, caps, count, cols, &s->out, &s->err) && render_sign(&s->out, &s->req, &s->err);
    for (int n = 0; n < count; n++)
        image_free(&padded[n]);
    s->phase = VIEWS_DONE;
    return ok;
}

bool render_views_steps_next(ViewsSheetSteps *s)
{
    if (!s || s->failed)
        return false;
    bool ok = true;
    enum ViewsPhase was = s->phase;
    int n = s->n;
    switch (s->phase) {
    case VIEW_PHOTO: ok = photo_step(s); break;
    case VIEW_MATTES: ok = mattes_step(s); break;
    case VIEW_PICTURE: ok = picture_step(s); break;
    case VIEWS_LAYOUT: ok = layout_step(s); break;
    case VIEWS_DONE: return false;
    }
    if (!ok && was < VIEWS_LAYOUT) { /* which view failed, numbered as `render --view` numbers them */
        char which[32];
        snprintf(which, sizeof which, "view %d", n);
        smp_fail_prefix(&s->err, which);
    }
    s->failed = !ok;
    return ok && s->phase != VIEWS_DONE;
}

bool render_views_steps_end(ViewsSheetSteps *s, SmpImage *out, SmpError *err)
{
    *out = (SmpImage){0};
    if (!s)
        return smp_fail(err, "out of memory preparing a sheet of every view");
    bool ok = !s->failed && s->phase == VIEWS_DONE;
    if (ok)
        *out = s->out, s->out = (SmpImage){0};
    else
        smp_fail(err, "%s", s->err.msg[0] ? s->err.msg : "the sheet of every view was stopped");
    mattes_steps_end(s->mattes_steps, &s->mattes, NULL);
    render_steps_end(s->picture, &(SmpImage){0}, NULL);
    mattes_free(&s->mattes);
    image_free(&s->photo);
    image_free(&s->out);
    for (int n = 0; n < PLAN_MAX_VIEWS; n++)
        image_free(&s->cells[n]);
    free(s);
    return ok;
}

bool render_views_sheet(const SmpPlan *plan, const RenderRequest *req, RenderViewPhoto load, void *ctx, SmpImage *out,
                        SmpError *err)
{
    ViewsSheetSteps *s = render_views_steps_begin(plan, req, load, ctx, INT64_MAX);
    while (render_views_steps_next(s))
        ;
    return render_views_steps_end(s, out, err);
}
