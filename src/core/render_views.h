/* render_views.h - a sheet of every view of a plan (`render --layout views`,
 * the app's Export "Layout: every view"): each view rendered as `render --view N`
 * draws it (the same dots, carried over the scalp through both fits), shrunk to
 * at most RENDER_VIEWS_CELL px wide, centred in cells of one size on white,
 * captioned with the view's label (else its fitted view: front, top...), up to 4 a row; then signed like any export.
 * Photos are loaded one at a time through the caller's loader, so memory holds
 * one full picture and the small cells. */
#ifndef SMP_RENDER_VIEWS_H
#define SMP_RENDER_VIEWS_H

#include "render.h"

enum { RENDER_VIEWS_CELL = 640, RENDER_VIEWS_COLS = 4 };

/* Loads view n's photo (upright RGBA) into out; false with the reason. */
typedef bool (*RenderViewPhoto)(void *ctx, int n, SmpImage *out, SmpError *err);

/* req->layout is LAYOUT_VIEWS; the preset must be full and nothing anonymised
 * (the face marks are view 0's). out is created here. */
bool render_views_sheet(const SmpPlan *plan, const RenderRequest *req, RenderViewPhoto load, void *ctx, SmpImage *out,
                        SmpError *err);

/* The same sheet in steps of about `budget` work units (app_job.h), the web build
 * drawing frames between them: the same bytes. A view's photo is loaded in one step,
 * its mattes and picture in steps. plan, what req points to and ctx stay put until
 * the end. next: true while steps remain; end: the sheet into out, or false (err);
 * it frees the steps. */
typedef struct ViewsSheetSteps ViewsSheetSteps;
ViewsSheetSteps *render_views_steps_begin(const SmpPlan *plan, const RenderRequest *req, RenderViewPhoto load,
                                          void *ctx, int64_t budget);
bool render_views_steps_next(ViewsSheetSteps *s);
bool render_views_steps_end(ViewsSheetSteps *s, SmpImage *out, SmpError *err);

#endif
