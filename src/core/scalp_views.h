/* scalp_views.h - a plan's photos as charts of one scalp (docs/head3d.md, "Every
 * view a chart").
 *
 * Each view with a fitted head sees part of the scalp; a point of the scalp belongs
 * to the view that sees it best: view 0 wherever it sees the skin at a cosine of
 * at least SCALP_VIEW0_KEEP_COS, else the view that sees it most face-on. A view's
 * own candidates make the dots of the skin it owns, so the treatment reaches the
 * parts view 0 cannot see, and each dot is drawn once in every photo that sees it.
 * Strokes painted in any view, the hairline and the whorl are carried over the scalp
 * into the view being built (scalp_plan_seen_from). Pure data, no allocation but
 * the seen plan's region points.
 */
#ifndef SMP_SCALP_VIEWS_H
#define SMP_SCALP_VIEWS_H

#include "head3d.h"
#include "plan.h"

/* View 0 keeps the skin it sees at least this face-on (72 degrees off at most): its
 * dots near its own outline, squashed and packed against the candidate field's cap,
 * give way to a view that sees that skin better. */
#define SCALP_VIEW0_KEEP_COS 0.3f

/* Chart k's dot ids carry k in their top bits: one id for one dot in every photo. */
#define SCALP_ID_SHIFT 29u

typedef struct ScalpViews {
    int count;                     /* the plan's views */
    bool fitted[PLAN_MAX_VIEWS];   /* has a head that can be drawn */
    Head3D head[PLAN_MAX_VIEWS];
    double ppm[PLAN_MAX_VIEWS];    /* photo px per image mm: view 0's scale, the others' surface ppm */
    int width[PLAN_MAX_VIEWS], height[PLAN_MAX_VIEWS];
} ScalpViews;

/* The views of plan with their fits (view 0 at the plan's photo size). True when
 * view 0 and at least one other view are fitted: only then are there charts. */
bool scalp_views_of_plan(const SmpPlan *plan, ScalpViews *out);

/* The view whose chart the skin at u (unit direction, head frame) belongs to, or -1
 * where no fitted view sees it. */
int scalp_owner(const ScalpViews *sv, vec3s u);

/* Photo pixel (px, py) of view `from` as a pixel of view `to`, through the scalp:
 * false off the scalp or where `to` does not see that skin. */
bool scalp_map_px(const ScalpViews *sv, int from, int to, double px, double py, double *ox, double *oy);

/* Whether any region was painted in another view than view 0. */
bool scalp_plan_has_view_regions(const SmpPlan *plan);

/* The plan as view m's chart is built from: every region of every view carried into
 * view m's pixels in plan order (a stroke splits where m does not see it; a polygon
 * m does not see whole is left out), and for m > 0 the hairline's seen run, the
 * whorl, the scale (m's surface ppm) and, when m cannot see the hairline, its
 * treated side as a first painted area over the whole photo. `out` owns its region
 * points (plan_free); its other fields are plan's. */
bool scalp_plan_seen_from(const SmpPlan *plan, const ScalpViews *sv, int m, SmpPlan *out, SmpError *err);

#endif
