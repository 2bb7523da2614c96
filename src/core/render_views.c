/* A sheet of every view of a plan (render_views.h). */
#include "render_views.h"

#include "compose_layout.h"
#include "head3d.h"

#include <stdio.h>
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

/* View n rendered as `render --view n` draws it, shrunk to a cell's width. */
static bool view_cell(const SmpPlan *plan, const RenderRequest *req, int n, RenderViewPhoto load, void *ctx,
                      SmpImage *cell, SmpError *err)
{
    SmpImage photo = {0}, full = {0};
    RenderRequest sub = *req;
    sub.layout = LAYOUT_AFTER, sub.view = n, sub.progress = NULL;
    sub.logo = NULL, sub.clinic_text = NULL, sub.label = NULL;
    bool ok = load(ctx, n, &photo, err) && render_plan(&photo, plan, &sub, &full, NULL, err) &&
              compose_shrink(&full, RENDER_VIEWS_CELL, cell, err);
    char which[32];
    snprintf(which, sizeof which, "view %d", n);
    if (!ok) /* which photo failed, numbered as `render --view` numbers them */
        smp_fail_prefix(err, which);
    image_free(&photo);
    image_free(&full);
    return ok;
}

bool render_views_sheet(const SmpPlan *plan, const RenderRequest *req, RenderViewPhoto load, void *ctx, SmpImage *out,
                        SmpError *err)
{
    *out = (SmpImage){0};
    if (req->preset != PRESET_FULL || req->anonymise != ANONYMISE_NONE)
        return smp_fail(err, "a sheet of every view takes the full photos, nothing hidden or cropped");
    int count = plan_view_count(plan), cell_h = 0;
    SmpImage cells[PLAN_MAX_VIEWS] = {{0}}, padded[PLAN_MAX_VIEWS] = {{0}};
    char captions[PLAN_MAX_VIEWS][PLAN_LABEL_MAX + 16];
    const char *caps[PLAN_MAX_VIEWS];
    bool ok = true;
    for (int n = 0; ok && n < count; n++) {
        if (req->progress)
            atomic_store(req->progress, 1000 * n / count);
        ok = view_cell(plan, req, n, load, ctx, &cells[n], err);
        cell_h = ok && cells[n].height > cell_h ? cells[n].height : cell_h;
        PlanView v = plan_view(plan, n);
        if (v.label[0]) /* its label, else what its fit says it shows */
            snprintf(captions[n], sizeof captions[n], "%s", v.label);
        else if (v.head.set)
            snprintf(captions[n], sizeof captions[n], "%s", head3d_view_name((HeadView)v.head.view));
        else
            snprintf(captions[n], sizeof captions[n], "View %d", n);
        caps[n] = captions[n];
    }
    for (int n = 0; ok && n < count; n++)
        ok = pad_cell(&cells[n], RENDER_VIEWS_CELL, cell_h, &padded[n], err);
    int cols = count < RENDER_VIEWS_COLS ? count : RENDER_VIEWS_COLS;
    ok = ok && compose_sheet(padded, caps, count, cols, out, err) && render_sign(out, req, err);
    for (int n = 0; n < count; n++)
        image_free(&cells[n]), image_free(&padded[n]);
    if (!ok)
        image_free(out);
    return ok;
}
