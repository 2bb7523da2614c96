/* plan_fixture.h - the plan most engine and renderer tests start from: a
 * w x h photo at a known scale, every pixel of it treated. Header-only. */
#ifndef SMP_PLAN_FIXTURE_H
#define SMP_PLAN_FIXTURE_H

#include "core/plan.h"

/* plan_init, then a scale of px_per_mm (10 mm measured across the top edge),
 * the photo size, `density` dots/cm2 and one treat polygon over the whole
 * photo. Free with plan_free. */
static inline void fx_plan_treated(SmpPlan *p, int w, int h, double px_per_mm, double density)
{
    plan_init(p);
    p->scale.set = true;
    p->scale.b.x = 10 * px_per_mm;
    p->scale.distance_mm = 10;
    p->dots.density = density;
    p->photo_width = w;
    p->photo_height = h;
    PlanPoint all[4] = {{0, 0}, {w, 0}, {w, h}, {0, h}};
    plan_add_region(p, REGION_TREAT, REGION_POLYGON, false, 0, all, 4, NULL);
}

#endif
