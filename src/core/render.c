#include "render.h"

#include "label.h"
#include "scene.h"

#include <stdlib.h>
#include <string.h>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

int render_default_threads(void)
{
#if defined(_SC_NPROCESSORS_ONLN)
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (n > 64 ? 64 : (int)n) : 1;
#else
    return 1;
#endif
}

bool render_plan(const SmpImage *photo, const SmpPlan *plan_in, const RenderRequest *req,
                 SmpImage *out, DotList *dots_out, SmpError *err)
{
    SmpPlan plan = *plan_in; /* shallow: only scalar fields are changed below */
    if (req->override_stage)
        plan.stage = req->stage;
    if (req->session > 0)
        plan.session = req->session;
    if (plan.session > plan.sessions)
        plan.session = plan.sessions;
    if (plan.photo_width <= 0)
        plan.photo_width = photo->width;
    if (plan.photo_height <= 0)
        plan.photo_height = photo->height;

    /* The scene (candidates, density) is needed only to find the dots: they
     * are copied out and the scene freed before the output image exists, so
     * the two never add up in the peak. */
    SmpScene *scene = NULL;
    SmpImage after = {0};
    DotList dots = {0};
    double ppm = 0;
    bool ok = scene_create(photo->width, photo->height, &scene, err) &&
              scene_update(scene, &plan, SCENE_CHANGED_ALL, err);
    if (ok) {
        const DotList *d = scene_dots(scene);
        ppm = scene_px_per_mm(scene);
        if (d->count > 0) {
            dots.items = malloc(sizeof *d->items * (size_t)d->count);
            if (!dots.items)
                ok = smp_fail(err, "out of memory copying %d dots", d->count);
            else {
                memcpy(dots.items, d->items, sizeof *d->items * (size_t)d->count);
                dots.count = dots.capacity = d->count;
            }
        }
    }
    scene_destroy(scene);
    if (ok) {
        PigmentLook look;
        pigment_look(&plan, &look);
        RasterOptions ro = {req->threads > 0 ? req->threads : render_default_threads(), ppm};
        ok = raster_render(photo, &dots, &look, &ro, &after, err);
    }
    if (ok && req->compare != COMPARE_NONE) {
        SmpImage composed;
        ok = raster_compare(photo, &after, req->compare, photo->width / 2, &composed, err);
        image_free(&after);
        after = composed;
    }
    if (ok && req->label)
        ok = label_draw(&after, req->label, err);
    if (ok && dots_out)
        *dots_out = dots; /* moved */
    else
        dots_free(&dots);
    if (!ok) {
        image_free(&after);
        return false;
    }
    *out = after;
    return true;
}
