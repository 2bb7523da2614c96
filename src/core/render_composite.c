/* render_composite.c - the dots composited over the photo (render_composite.h). */
#include "render_composite.h"

#include "erythema.h"
#include "matte_apply.h"

#include <stdlib.h>

/* Work units (app_job.h) of a pixel given its redness and keep mask. */
#define UNITS_PER_FINISHED_PIXEL 12

bool photo_seen(const SmpImage *photo, PhotoBox box, const RenderRequest *req, PhotoSeen *out, SmpError *err)
{
    PhotoLook look;
    photo_look_estimate(photo, box, &look);
    *out = (PhotoSeen){box, look.blur_px, req->no_grain ? 0 : look.grain_sigma, {0}};
    return req->no_sheen || photo_look_sheen(photo, box, &out->sheen, err);
}

struct CompositeSteps {
    Composite c;
    PigmentLook look;
    int64_t budget;
    RasterSteps *raster; /* until the ink is down */
    SmpImage after;
    SheenMap redness; /* made once the ink is down */
    bool redness_made, failed;
    int row; /* rows above it finished */
    SmpError err;
};

CompositeSteps *composite_steps_begin(const Composite *c, int64_t budget)
{
    CompositeSteps *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->c = *c;
    s->budget = budget > 0 ? budget : 1;
    pigment_look(c->plan, &s->look);
    const PhotoSeen *seen = c->seen;
    RasterOptions ro = {.threads = c->threads, .px_per_mm = c->ppm, .seed = c->plan->seed,
                        .blur_px = seen->blur_px, .grain_sigma = seen->grain_sigma,
                        .sheen = seen->sheen.values ? &seen->sheen : NULL, .origin_x = c->ox, .origin_y = c->oy};
    s->raster = raster_steps_begin(c->window, c->dots, &s->look, &ro, s->budget);
    return s;
}

/* Rows [y0, y1) of a picture, photo or matte: full rows lie one after another. */
static SmpImage image_rows(const SmpImage *img, int y0, int y1)
{
    return (SmpImage){img->width, y1 - y0, img->pixels + (size_t)y0 * img->width * 4};
}

/* Fresh work's redness (none on hair or background: before the mattes), then the
 * keep mask, on rows [y0, y1) of the window. */
static void finish_rows(const CompositeSteps *s, int y0, int y1)
{
    const Composite *c = &s->c;
    SmpImage out = image_rows(&s->after, y0, y1), photo = image_rows(c->window, y0, y1);
    SheenMap redness = s->redness, sheen = c->seen->sheen; /* in the rows' pixels */
    redness.x0 -= c->ox, redness.y0 -= c->oy + y0, sheen.x0 -= c->ox, sheen.y0 -= c->oy + y0;
    erythema_apply(&out, &redness, &photo, &sheen);
    const SmpMatte *k = c->keep;
    if (k->alpha && k->width == photo.width && k->height == c->window->height) {
        SmpMatte keep = {k->width, y1 - y0, k->alpha + (size_t)y0 * k->width, k->uncertain};
        mattes_blend_keep(&keep, &photo, &out);
    }
}

bool composite_steps_next(CompositeSteps *s)
{
    if (!s || s->failed)
        return false;
    const Composite *c = &s->c;
    if (s->raster) {
        if (raster_steps_next(s->raster))
            return true;
        s->failed = !raster_steps_end(s->raster, &s->after, &s->err);
        s->raster = NULL;
        return !s->failed;
    }
    if (!s->redness_made) {
        s->redness_made = true;
        s->failed = !erythema_map(c->redness_of, c->ppm, c->photo->width, c->photo->height,
                                  c->req->no_redness ? 0 : s->look.redness, &s->redness, &s->err);
        return !s->failed;
    }
    int64_t rows = s->budget / ((int64_t)s->after.width * UNITS_PER_FINISHED_PIXEL);
    int left = s->after.height - s->row;
    int y1 = s->row + (rows < 1 ? 1 : rows < left ? (int)rows : left);
    finish_rows(s, s->row, y1);
    s->row = y1;
    return y1 < s->after.height;
}

int composite_steps_permille(const CompositeSteps *s)
{
    if (!s)
        return 0;
    if (s->raster || !s->after.pixels)
        return 800 * raster_steps_permille(s->raster) / 1000;
    return 800 + (int)(200LL * s->row / s->after.height);
}

bool composite_steps_end(CompositeSteps *s, SmpImage *after, SmpError *err)
{
    if (!s)
        return smp_fail(err, "out of memory compositing the dots");
    if (s->raster) { /* stopped before the ink was down */
        raster_steps_end(s->raster, &s->after, NULL);
        s->failed = true;
    }
    bool ok = !s->failed && s->redness_made && s->row == s->after.height;
    if (ok)
        *after = s->after;
    else {
        image_free(&s->after);
        smp_fail(err, "%s", s->err.msg[0] ? s->err.msg : "the render was stopped");
    }
    photo_look_sheen_free(&s->redness);
    free(s);
    return ok;
}

bool composite_dots(const Composite *c, SmpImage *after, SmpError *err)
{
    CompositeSteps *s = composite_steps_begin(c, INT64_MAX);
    while (composite_steps_next(s))
        ;
    return composite_steps_end(s, after, err);
}
