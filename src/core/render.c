/* render.c - plan + photo to the finished export (render.h). */
#include "render.h"

#include "render_composite.h"

#include "head3d_dots.h"
#include "head3d_fit.h"
#include "label.h"
#include "matte_apply.h"
#include "scalp_views.h"
#include "scar_spots.h"
#include "scene.h"

#include <stdio.h>
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

/* A copy of the scene's dots; with mattes, only those on head skin and not thinned by
 * hair, each with its visible share. */
static bool dots_for_photo(const DotList *d, const SmpMattes *m, double ppm, DotList *out, SmpError *err)
{
    out->count = out->capacity = 0;
    out->items = NULL;
    if (d->count == 0)
        return true;
    out->items = malloc(sizeof *d->items * (size_t)d->count);
    if (!out->items)
        return smp_fail(err, "out of memory copying %d dots", d->count);
    memcpy(out->items, d->items, sizeof *d->items * (size_t)d->count);
    out->count = out->capacity = d->count;
    return m ? mattes_filter_dots(m, ppm, out, err) : true;
}

/* The head's box (head matte >= 0.5) for the social crops; empty when the
 * matte found no head (the crop then centres). */
static ComposeBox head_box_of(const SmpMatte *head)
{
    if (!head->alpha || head->uncertain)
        return (ComposeBox){0};
    int x0 = head->width, y0 = head->height, x1 = -1, y1 = -1;
    for (int y = 0; y < head->height; y++)
        for (int x = 0; x < head->width; x++)
            if (head->alpha[(size_t)y * head->width + x] >= 128) {
                x0 = x < x0 ? x : x0, x1 = x > x1 ? x : x1;
                y0 = y < y0 ? y : y0, y1 = y;
            }
    return x1 < 0 ? (ComposeBox){0} : (ComposeBox){x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

/* How far the render is, for the app's progress bar (0..1000). */
static void report(const RenderRequest *req, int permille)
{
    if (req->progress)
        atomic_store(req->progress, permille);
}

/* img replaced by its preset crop around the head. */
static bool crop_to_preset(SmpImage *img, ComposePreset preset, ComposeBox head, SmpError *err)
{
    SmpImage cropped;
    if (preset == PRESET_FULL)
        return true;
    if (!compose_apply_preset(img, preset, head, &cropped, err))
        return false;
    image_free(img);
    *img = cropped;
    return true;
}

/* What every picture of an export goes through, in photo coordinates first:
 * the client hidden (anonymise.h), then the preset's crop. */
static bool hide_and_crop(SmpImage *img, const SmpPlan *plan, const RenderRequest *req, ComposeBox head,
                          SmpError *err)
{
    int box[4];
    if (req->anonymise != ANONYMISE_NONE &&
        !(anonymise_region(&plan->landmarks, req->anonymise, img->width, img->height, box, err) &&
          anonymise_apply(img, req->anonymise, box, err)))
        return false;
    return crop_to_preset(img, req->preset, head, err);
}

/* The finishing touches of any export: the logo, the clinic's text, then the
 * label (social presets always carry SIMULATION). */
bool render_sign(SmpImage *img, const RenderRequest *req, SmpError *err)
{
    compose_place_logo(img, req->logo);
    if (req->clinic_text && !label_draw_at(img, req->clinic_text, LABEL_TOP_RIGHT, err))
        return false;
    const char *label = req->label ? req->label : compose_preset_is_social(req->preset) ? "SIMULATION" : NULL;
    return !label || label_draw(img, label, err);
}

/* after hidden and cropped, laid out with the photo (crop first: a finished
 * layout's labels would be cut), signed. *after is replaced. */
static bool finish_picture(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req, ComposeBox head,
                           SmpImage *after, SmpError *err)
{
    bool two = req->layout == LAYOUT_SPLIT || req->layout == LAYOUT_SIDE;
    SmpImage before = {0}, composed;
    bool ok = hide_and_crop(after, plan, req, head, err) &&
              (!two || (image_copy(photo, &before, err) && hide_and_crop(&before, plan, req, head, err)));
    if (ok && two) {
        ok = compose_layout(&before, after, req->layout, &composed, err);
        if (ok) {
            image_free(after);
            *after = composed;
        }
    }
    image_free(&before);
    return ok && render_sign(after, req, err);
}

/* The photo's mattes: the plan's head corrections are painted on view 0's photo only. */
static bool mattes_for_view(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req, int threads,
                            SmpMattes *out, SmpError *err)
{
    return mattes_compute_for_view(photo, plan, req->view, threads, out, err);
}

enum { SHEET_COLS = 3, SHEET_SESSIONS = 4, SHEET_MAX = SHEET_COLS * (SHEET_SESSIONS + 1) }; /* plan.h: 2..4 sessions */

/* Refused before any work: a social preset without consent, hiding the client
 * without the marks it needs, or a view the plan cannot draw. */
static bool export_allowed(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req, SmpError *err)
{
    if (req->view < 0 || req->view >= plan_view_count(plan))
        return smp_fail(err, "there is no view %d (the plan has %d)", req->view, plan_view_count(plan));
    if (req->view > 0 && (plan->photo_width <= 0 || plan->photo_height <= 0))
        return smp_fail(err, "view %d cannot be drawn: the plan does not record view 0's photo size", req->view);
    if (req->view > 0 && req->anonymise != ANONYMISE_NONE) /* the face marks are view 0's */
        return smp_fail(err, "view %d cannot be anonymised: the face marks are on view 0", req->view);
    if (compose_preset_is_social(req->preset) && !(plan->consent.recorded && plan->consent.marketing))
        return smp_fail(err, "no consent to marketing use recorded (a social preset needs the plan's \"consent\")");
    int box[4];
    return req->anonymise == ANONYMISE_NONE ||
           anonymise_region(&plan->landmarks, req->anonymise, photo->width, photo->height, box, err);
}

/* The plan as the request wants it drawn: its stage and session, the photo's size. */
static SmpPlan plan_as_requested(const SmpPlan *plan_in, const RenderRequest *req, const SmpImage *photo)
{
    SmpPlan plan = *plan_in; /* shallow: only scalar fields are changed */
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
    return plan;
}

/* The scene of plan on a w x h photo: its fitted head and the FUE scars found in
 * photo (NULL: none looked for, as on view 0 when another view is drawn); with
 * views, the chart of view `view` among them (scalp_views.h). */
static bool scene_of_plan(const SmpImage *photo, int w, int h, const SmpPlan *plan, const ScalpViews *views,
                          int view, SmpScene **scene, SmpError *err)
{
    ScarSpotList spots = {0, NULL}; /* FUE scars in painted scars get a dot each */
    Head3D head; /* a fitted head foreshortens the dots; without one nothing changes */
    if (!scene_create(w, h, scene, err))
        return false;
    if (head3d_from_plan(&plan->head, w, h, &head))
        scene_set_head(*scene, &head);
    if (views)
        scene_set_views(*scene, views, view);
    bool ok = (!photo || (scar_spots_detect(photo, plan, &spots, err) && scene_set_scar_spots(*scene, &spots, err))) &&
              scene_update(*scene, plan, SCENE_CHANGED_ALL, err);
    scar_spots_free(&spots);
    if (!ok) {
        scene_destroy(*scene);
        *scene = NULL;
    }
    return ok;
}

static bool scene_for_photo(const SmpImage *photo, const SmpPlan *plan, SmpScene **scene, SmpError *err)
{
    return scene_of_plan(photo, photo->width, photo->height, plan, NULL, 0, scene, err);
}

/* The scene (candidates, density) is needed only to find the dots: they are
 * copied out and the scene freed before the mattes and the output image exist,
 * so they never add up in the peak. */
static bool scene_dots_copy(SmpScene *scene, DotList *out, double *ppm, SmpError *err)
{
    *ppm = scene_px_per_mm(scene);
    bool ok = dots_for_photo(scene_dots(scene), NULL, *ppm, out, err);
    scene_destroy(scene);
    return ok;
}

double render_view_px_per_mm(const SmpPlan *plan, int view, int photo_w, int photo_h)
{
    PlanView v = plan_view(plan, view);
    Head3D h;
    if (view == 0 || !head3d_from_plan(&v.head, photo_w, photo_h, &h))
        return plan_px_per_mm(plan);
    return head3d_surface_ppm(&h);
}

/* Chart k's dots in view k's photo (`photo` its pixels for the FUE scars, or NULL):
 * the plan seen from view k, on the skin view k owns, ids tagged with k. */
static bool chart_dots(const SmpImage *photo, const SmpPlan *plan, const ScalpViews *sv, int k, DotList *out,
                       double *ppm, SmpError *err)
{
    SmpPlan seen;
    SmpScene *scene = NULL;
    if (!scalp_plan_seen_from(plan, sv, k, &seen, err))
        return false;
    bool ok = scene_of_plan(photo, sv->width[k], sv->height[k], &seen, sv, k, &scene, err) &&
              scene_dots_copy(scene, out, ppm, err);
    plan_free(&seen);
    for (int i = 0; ok && i < out->count; i++)
        out->items[i].id |= (uint32_t)k << SCALP_ID_SHIFT;
    return ok;
}

static bool dots_append(DotList *to, const DotList *from, SmpError *err)
{
    if (to->count + from->count > to->capacity) {
        int cap = to->count + from->count;
        SmpDot *grown = realloc(to->items, sizeof *grown * (size_t)(cap > 0 ? cap : 1));
        if (!grown)
            return smp_fail(err, "out of memory for %d dots", cap);
        to->items = grown, to->capacity = cap;
    }
    if (from->count > 0)
        memcpy(to->items + to->count, from->items, sizeof *from->items * (size_t)from->count);
    to->count += from->count;
    return true;
}

/* Every chart's dots carried into view n's photo (w x h): each dot once, from the
 * view that sees its skin best (scalp_views.h); view n's own chart unless `others`. */
static bool charted_dots(const SmpImage *photo, int w, int h, const SmpPlan *plan, const ScalpViews *sv_in, int n,
                         bool others, DotList *out, double *ppm, SmpError *err)
{
    ScalpViews sv = *sv_in;
    PlanView v = plan_view(plan, n);
    sv.width[n] = w, sv.height[n] = h; /* the photo as decoded */
    sv.fitted[n] = sv.fitted[n] && head3d_from_plan(&v.head, w, h, &sv.head[n]);
    if (!sv.fitted[0])
        return smp_fail(err, "view %d cannot be drawn: view 0 has no fitted head", n);
    if (!sv.fitted[n])
        return smp_fail(err, "view %d cannot be drawn: it has no fitted head", n);
    *ppm = sv.ppm[n];
    bool ok = true;
    for (int k = 0; k < sv.count && ok; k++) {
        DotList chart = {0};
        double chart_ppm = 0;
        if (!sv.fitted[k] || (others && k == n))
            continue;
        ok = chart_dots(k == n ? photo : NULL, plan, &sv, k, &chart, &chart_ppm, err);
        HeadViewMap map = {sv.head[k], sv.head[n], chart_ppm, sv.ppm[n]};
        if (ok && k != n)
            head3d_map_dots(&map, &chart);
        ok = ok && dots_append(out, &chart, err);
        dots_free(&chart);
    }
    if (!ok)
        dots_free(out);
    return ok;
}

bool render_view_dots(int photo_w, int photo_h, const SmpPlan *plan, int n, DotList *out, double *ppm, SmpError *err)
{
    ScalpViews sv;
    scalp_views_of_plan(plan, &sv);
    return charted_dots(NULL, photo_w, photo_h, plan, &sv, n, false, out, ppm, err);
}

bool render_other_charts(int photo_w, int photo_h, const SmpPlan *plan, int n, DotList *out, SmpError *err)
{
    ScalpViews sv;
    double ppm;
    out->count = 0;
    return !scalp_views_of_plan(plan, &sv) || charted_dots(NULL, photo_w, photo_h, plan, &sv, n, true, out, &ppm, err);
}

/* The plan's dots in the photo of view `view` (before the mattes), and its px per mm:
 * a plan whose other views have no fit is drawn as a one-photo plan always was. */
static bool plan_dots(const SmpImage *photo, const SmpPlan *plan, int view, DotList *out, double *ppm,
                      SmpError *err)
{
    ScalpViews sv;
    bool charts = scalp_views_of_plan(plan, &sv);
    if (view > 0 || charts)
        return charted_dots(photo, photo->width, photo->height, plan, &sv, view, false, out, ppm, err);
    SmpScene *scene = NULL;
    return scene_for_photo(photo, plan, &scene, err) && scene_dots_copy(scene, out, ppm, err);
}

/* The dots the mattes keep, filtered with the cover grid known at this scale or
 * one built here. */
static bool filter_dots(const SmpMattes *m, const RenderMattes *known, double ppm, DotList *dots, SmpError *err)
{
    const MatteCover *c = known ? known->cover : NULL;
    if (!c || !c->cover || c->px_per_mm != ppm)
        return mattes_filter_dots(m, ppm, dots, err);
    mattes_filter_dots_with(m, c, dots);
    return true;
}

/* A picture's phases, or a sheet's, then done. */
enum RenderPhase {
    RENDER_DOTS, RENDER_SEEN, RENDER_COMPOSITE, RENDER_FINISH,
    RENDER_SHEET_BEGIN, RENDER_SHEET_CELLS, RENDER_SHEET_COMPOSE,
    RENDER_DONE
};

/* The contact sheet: the photo, then a row per session of fresh, healed and
 * aged, each drawn whole and shrunk at once (one full picture at a time). */
typedef struct SheetSteps {
    SmpMattes own;       /* found here when none are known */
    RenderMattes known;  /* for every cell: the mattes do not change with session or stage */
    ComposeBox head;     /* for the preset's crop */
    RenderRequest sub;   /* a cell's request */
    int count, cell_w;   /* cells, and their width */
    int next;            /* cells made below it */
    RenderSteps *cell;   /* the one being drawn */
    SmpImage cells[SHEET_MAX];
    char captions[SHEET_MAX][48];
} SheetSteps;

/* One picture of a plan on a photo, or a sheet of them, in steps (render.h). */
struct RenderSteps {
    const SmpImage *photo;
    const SmpPlan *plan_in; /* the caller's */
    SmpPlan plan; /* as requested: shallow, the caller's plan stays put */
    RenderRequest req;
    RenderMattes known; /* mattes NULL: found here */
    int threads;
    int64_t budget;
    enum RenderPhase phase;
    DotList dots; /* the plan's, then those the mattes keep */
    double ppm;
    PhotoBox box; /* where the photo's look is measured */
    ComposeBox head_box;
    SmpMatte own_keep; /* when none is known */
    const SmpMatte *keep;
    PhotoSeen seen;
    Composite c;
    CompositeSteps *composite;
    SmpImage after;
    SheetSteps *sheet; /* a sheet's */
    bool failed;
    SmpError err;
};

static bool steps_end(RenderSteps *s, SmpImage *out, DotList *dots_out, SmpError *err);
static RenderSteps *steps_begin(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req,
                                const RenderMattes *known, int64_t budget);

/* The sheet's mattes (found here in one go unless known), its cells' request and
 * the first cell: the photo as it is. */
static bool sheet_begin_step(RenderSteps *s)
{
    SheetSteps *sh = s->sheet;
    const RenderRequest *req = &s->req;
    const SmpImage *photo = s->photo;
    sh->known = s->known.mattes ? s->known : (RenderMattes){&sh->own, NULL, NULL};
    if (!req->no_mattes && !s->known.mattes && !mattes_for_view(photo, s->plan_in, req, s->threads, &sh->own, &s->err))
        return false;
    sh->head = compose_preset_is_social(req->preset) && !req->no_mattes ? head_box_of(&sh->known.mattes->head)
                                                                        : (ComposeBox){0};
    int sessions = s->plan.sessions < 1 ? 1 : s->plan.sessions > SHEET_SESSIONS ? SHEET_SESSIONS : s->plan.sessions;
    sh->count = SHEET_COLS * (sessions + 1), sh->cell_w = photo->width / SHEET_COLS;
    sh->next = SHEET_COLS; /* the first row is the photo, once */
    snprintf(sh->captions[0], sizeof sh->captions[0], "Before");
    sh->sub = *req;
    sh->sub.layout = LAYOUT_AFTER, sh->sub.logo = NULL, sh->sub.clinic_text = NULL, sh->sub.label = NULL;
    sh->sub.override_stage = true, sh->sub.progress = NULL;
    SmpImage full = {0};
    bool ok = image_copy(photo, &full, &s->err) && hide_and_crop(&full, s->plan_in, req, sh->head, &s->err) &&
              compose_shrink(&full, sh->cell_w, &sh->cells[0], &s->err);
    image_free(&full);
    return ok;
}

/* A step of the next cell: a session and stage drawn in steps, then shrunk. */
static bool sheet_cell_step(RenderSteps *s)
{
    static const char *stage_names[] = {"fresh", "healed", "aged"};
    SheetSteps *sh = s->sheet;
    int k = sh->next;
    if (!sh->cell) {
        report(&s->req, 1000 * (k - SHEET_COLS) / (sh->count - SHEET_COLS));
        sh->sub.session = k / SHEET_COLS, sh->sub.stage = (PlanStage)(k % SHEET_COLS);
        snprintf(sh->captions[k], sizeof sh->captions[k], "Session %d, %s", sh->sub.session,
                 stage_names[sh->sub.stage]);
        sh->cell = steps_begin(s->photo, s->plan_in, &sh->sub, s->req.no_mattes ? NULL : &sh->known, s->budget);
    }
    if (render_steps_next(sh->cell))
        return true;
    SmpImage full = {0};
    bool ok = steps_end(sh->cell, &full, NULL, &s->err) && compose_shrink(&full, sh->cell_w, &sh->cells[k], &s->err);
    sh->cell = NULL;
    image_free(&full);
    s->phase += ok && ++sh->next == sh->count;
    return ok;
}

/* The cells laid out with their captions, signed. */
static bool sheet_compose_step(RenderSteps *s)
{
    SheetSteps *sh = s->sheet;
    const char *caps[SHEET_MAX];
    for (int k = 0; k < sh->count; k++)
        caps[k] = sh->captions[k];
    return compose_sheet(sh->cells, caps, sh->count, SHEET_COLS, &s->after, &s->err) &&
           render_sign(&s->after, &s->req, &s->err);
}

static void sheet_free(SheetSteps *sh)
{
    if (!sh)
        return;
    if (sh->cell)
        steps_end(sh->cell, &(SmpImage){0}, NULL, NULL);
    for (int k = 0; k < SHEET_MAX; k++)
        image_free(&sh->cells[k]);
    mattes_free(&sh->own);
    free(sh);
}

/* The dots, and what the mattes keep of them (the mattes found here in one go
 * unless known), the box the photo's look is measured in and the head's. */
static bool dots_step(RenderSteps *s)
{
    const SmpImage *photo = s->photo;
    const RenderRequest *req = &s->req;
    const RenderMattes *known = s->known.mattes ? &s->known : NULL;
    SmpMattes own = {0};
    const SmpMattes *mattes = known ? known->mattes : &own;
    const SmpMatte *k = known ? known->keep : NULL; /* the photo's own, at step 1 */
    s->keep = k && k->alpha && k->width == photo->width && k->height == photo->height ? k : &s->own_keep;
    bool ok = plan_dots(photo, &s->plan, req->view, &s->dots, &s->ppm, &s->err) &&
              (req->no_mattes || known || mattes_for_view(photo, &s->plan, req, s->threads, &own, &s->err));
    /* Measured around the plan's dots before the mattes thin them, as the app
     * does when it opens the photo: the view and the export see the same look. */
    s->box = (PhotoBox){0, 0, photo->width, photo->height};
    if (ok && s->dots.count > 0)
        s->box = photo_look_box_of_dots(&s->dots, s->ppm, photo->width, photo->height);
    ok = ok && (req->no_mattes || (filter_dots(mattes, known, s->ppm, &s->dots, &s->err) &&
                                   (s->keep != &s->own_keep || mattes_keep_mask(mattes, 1, &s->own_keep, &s->err))));
    /* only the social crops look for the head: a scan of the whole matte */
    s->head_box = !ok || req->no_mattes || req->preset == PRESET_FULL ? (ComposeBox){0} : head_box_of(&mattes->head);
    mattes_free(&own); /* only what they keep goes on: 1 byte a pixel, not 2 */
    report(req, 400);  /* the dots and mattes found: about 40 % of an export's time */
    return ok;
}

/* The photo's look around the dots, and the compositing begun. */
static bool seen_step(RenderSteps *s)
{
    if (!photo_seen(s->photo, s->box, &s->req, &s->seen, &s->err))
        return false;
    s->c = (Composite){s->photo, s->photo, 0, 0, &s->plan, &s->req, s->threads, s->ppm,
                       &s->seen, &s->dots, &s->dots, s->keep};
    s->composite = composite_steps_begin(&s->c, s->budget);
    return true;
}

static bool composite_step(RenderSteps *s)
{
    if (composite_steps_next(s->composite)) {
        report(&s->req, 400 + composite_steps_permille(s->composite) / 2);
        return true;
    }
    bool ok = composite_steps_end(s->composite, &s->after, &s->err);
    s->composite = NULL;
    matte_free(&s->own_keep);
    report(&s->req, 900);
    s->phase += ok;
    return ok;
}

static RenderSteps *steps_begin(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req,
                                const RenderMattes *known, int64_t budget)
{
    RenderSteps *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->photo = photo;
    s->plan_in = plan;
    s->plan = plan_as_requested(plan, req, photo);
    s->req = *req;
    s->known = known ? *known : (RenderMattes){0};
    s->threads = req->threads > 0 ? req->threads : render_default_threads();
    s->budget = budget;
    if (req->layout == LAYOUT_SHEET) {
        s->phase = RENDER_SHEET_BEGIN;
        s->sheet = calloc(1, sizeof *s->sheet);
        s->failed = !s->sheet && !smp_fail(&s->err, "out of memory preparing a sheet");
    }
    return s;
}

RenderSteps *render_steps_begin(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req,
                                const RenderMattes *known, int64_t budget)
{
    RenderSteps *s = steps_begin(photo, plan, req, known, budget);
    if (!s)
        return NULL;
    if (s->failed || !export_allowed(photo, plan, req, &s->err))
        s->failed = true;
    else if (req->layout == LAYOUT_VIEWS)
        s->failed = !smp_fail(&s->err, "a sheet of every view needs each view's photo (render_views_sheet)");
    else if (known && req->no_mattes)
        s->failed = !smp_fail(&s->err, "mattes given for a picture without them");
    return s;
}

bool render_steps_next(RenderSteps *s)
{
    if (!s || s->failed)
        return false;
    bool ok = true;
    switch (s->phase) {
    case RENDER_DOTS: ok = dots_step(s); s->phase++; break;
    case RENDER_SEEN: ok = seen_step(s); s->phase++; break;
    case RENDER_COMPOSITE: ok = composite_step(s); break;
    case RENDER_FINISH:
        ok = finish_picture(s->photo, &s->plan, &s->req, s->head_box, &s->after, &s->err);
        s->phase = RENDER_DONE;
        break;
    case RENDER_SHEET_BEGIN: ok = sheet_begin_step(s); s->phase++; break;
    case RENDER_SHEET_CELLS: ok = sheet_cell_step(s); break;
    case RENDER_SHEET_COMPOSE: ok = sheet_compose_step(s); s->phase = RENDER_DONE; break;
    case RENDER_DONE: return false;
    }
    s->failed = !ok;
    return ok && s->phase != RENDER_DONE;
}

/* The picture into out, and its dots into dots_out when not NULL (moved; only
 * those the mattes keep); the steps freed. */
static bool steps_end(RenderSteps *s, SmpImage *out, DotList *dots_out, SmpError *err)
{
    if (!s)
        return smp_fail(err, "out of memory preparing a render");
    bool ok = !s->failed && s->phase == RENDER_DONE;
    if (s->composite) /* stopped while compositing */
        composite_steps_end(s->composite, &(SmpImage){0}, NULL);
    if (ok) { /* moved */
        *out = s->after, s->after = (SmpImage){0};
        if (dots_out)
            *dots_out = s->dots, s->dots = (DotList){0};
    } else
        smp_fail(err, "%s", s->err.msg[0] ? s->err.msg : "the render was stopped");
    image_free(&s->after);
    dots_free(&s->dots);
    photo_look_sheen_free(&s->seen.sheen);
    matte_free(&s->own_keep);
    sheet_free(s->sheet);
    free(s);
    return ok;
}

bool render_steps_end(RenderSteps *s, SmpImage *out, SmpError *err) { return steps_end(s, out, NULL, err); }

struct RenderJob {
    const SmpImage *photo;
    const SmpMattes *mattes; /* NULL: none */
    RenderRequest req;
    int threads;
    SmpPlan plan; /* owned copy, as requested */
    SmpScene *scene;
    MatteCover cover;
    SmpMatte keep;  /* the window's */
    SmpImage crop;  /* the window's pixels */
    PhotoBox window;
    DotList drawn;  /* the dots after the mattes, rebuilt per draw */
    PhotoSeen seen; /* the photo's look around the last draw's dots */
    bool seen_valid;
};

void render_job_destroy(RenderJob *job)
{
    if (!job)
        return;
    scene_destroy(job->scene);
    mattes_cover_free(&job->cover);
    matte_free(&job->keep);
    image_free(&job->crop);
    dots_free(&job->drawn);
    photo_look_sheen_free(&job->seen.sheen);
    plan_free(&job->plan);
    free(job);
}

bool render_job_set_window(RenderJob *job, PhotoBox b, SmpError *err)
{
    const SmpImage *photo = job->photo;
    b.x0 = b.x0 < 0 ? 0 : b.x0, b.y0 = b.y0 < 0 ? 0 : b.y0;
    b.x1 = b.x1 > photo->width ? photo->width : b.x1, b.y1 = b.y1 > photo->height ? photo->height : b.y1;
    if (b.x1 <= b.x0 || b.y1 <= b.y0)
        return smp_fail(err, "the window to render lies outside the %dx%d photo", photo->width, photo->height);
    image_free(&job->crop);
    matte_free(&job->keep);
    job->window = b;
    if (!image_alloc(b.x1 - b.x0, b.y1 - b.y0, &job->crop, err))
        return false;
    for (int y = b.y0; y < b.y1; y++)
        memcpy(image_pixel(&job->crop, 0, y - b.y0), image_pixel(photo, b.x0, y), (size_t)(b.x1 - b.x0) * 4);
    if (!job->mattes)
        return true;
    return mattes_keep_window(job->mattes, b, &job->keep, err);
}

bool render_job_create(const SmpImage *photo, const SmpPlan *plan, const SmpMattes *mattes,
                       const RenderRequest *req, RenderJob **out, SmpError *err)
{
    *out = NULL;
    RenderJob *job = calloc(1, sizeof *job);
    if (!job)
        return smp_fail(err, "out of memory preparing a render");
    plan_init(&job->plan);
    job->photo = photo, job->mattes = mattes, job->req = *req;
    job->threads = req->threads > 0 ? req->threads : render_default_threads();
    SmpPlan copy;
    bool ok = plan_copy(plan, &copy, err);
    if (ok) {
        plan_free(&job->plan);
        job->plan = plan_as_requested(&copy, req, photo); /* takes over the copy's regions */
    }
    ok = ok && scene_for_photo(photo, &job->plan, &job->scene, err) &&
         (!mattes || mattes_cover_build(mattes, scene_px_per_mm(job->scene), &job->cover, err));
    if (!ok) {
        render_job_destroy(job);
        return false;
    }
    *out = job;
    return true;
}

double render_job_px_per_mm(const RenderJob *job) { return scene_px_per_mm(job->scene); }

const DotList *render_job_dots(RenderJob *job, const PlanDots *dots, const PlanPigment *pigment, SmpError *err)
{
    job->plan.dots = *dots;
    job->plan.pigment = *pigment;
    dots_free(&job->drawn);
    if (!scene_update(job->scene, &job->plan, SCENE_CHANGED_LOOK, err) ||
        !dots_for_photo(scene_dots(job->scene), NULL, scene_px_per_mm(job->scene), &job->drawn, err))
        return NULL;
    if (job->mattes)
        mattes_filter_dots_with(job->mattes, &job->cover, &job->drawn);
    return &job->drawn;
}

bool render_job_draw(RenderJob *job, const PlanDots *dots, const PlanPigment *pigment, SmpImage *out,
                     SmpError *err)
{
    *out = (SmpImage){0};
    if (!job->crop.pixels)
        return smp_fail(err, "no window set to render");
    if (!render_job_dots(job, dots, pigment, err))
        return false;
    const DotList *all = scene_dots(job->scene);
    double ppm = scene_px_per_mm(job->scene);
    PhotoBox box = {0, 0, job->photo->width, job->photo->height};
    if (all->count > 0)
        box = photo_look_box_of_dots(all, ppm, job->photo->width, job->photo->height);
    bool same = job->seen_valid && !memcmp(&box, &job->seen.box, sizeof box);
    if (!same) {
        photo_look_sheen_free(&job->seen.sheen);
        job->seen_valid = photo_seen(job->photo, box, &job->req, &job->seen, err);
        if (!job->seen_valid)
            return false;
    }
    Composite c = {job->photo, &job->crop, job->window.x0, job->window.y0, &job->plan, &job->req,
                   job->threads, ppm, &job->seen, &job->drawn, &job->drawn, &job->keep};
    return composite_dots(&c, out, err);
}

bool render_plan(const SmpImage *photo, const SmpPlan *plan, const RenderRequest *req, SmpImage *out,
                 DotList *dots_out, SmpError *err)
{
    RenderSteps *s = render_steps_begin(photo, plan, req, NULL, INT64_MAX); /* the same steps, in one go */
    while (render_steps_next(s))
        ;
    return steps_end(s, out, dots_out, err);
}
