/* match_propose.c - Match's closed loop: dots and pigment searched so the treated
 * patch, rendered as the export renders it, looks like the client's stubble (match.h). */
#include "match.h"

#include "candidates.h"
#include "render.h"
#include "skin_tone.h"

#include <math.h>
#include <stdlib.h>

/* Search bounds: the plan format's, narrowed to what SMP does (domain.md: healed
 * dots under 1 mm, typically 0.3-0.8; never an invisible wash of pigment). A grain
 * coarser than the largest such dots (a buzz cut's hairs on a low-resolution
 * photo) is matched as closely as they allow, and the proposal says it missed. */
#define SHADE_MIN 0.05
#define SIZE_MIN_MM 0.25 /* mean dot diameter */
#define SIZE_MAX_MM 1.0  /* the largest dot (and so the mean) */
#define DENSITY_MIN 40.0 /* below it dots read as spots, not a shaved look (a full result is 50-120) */
#define WARMTH_MAX 0.5 /* the search's reach: beyond it a technician decides */
#define WARMTH_DB 2.0  /* b* differences smaller than this are left alone */
#define ROUNDS 2
#define EVALS_PER_SOLVE 6
#define GRID_FROM 0.1 /* a miss below this is left as the 1-D searches found it */
#define MEMO 64       /* looks remembered: the second round re-tries its ends */

typedef struct Tried {
    PlanDots dots;
    PlanPigment pigment;
    MatchSample m;
} Tried;

typedef struct Search {
    RenderJob *job;
    const SmpMattes *mattes;
    PhotoBox box; /* the patch's window */
    MatchProposal *p;
    PlanDots dots; /* the look being tried */
    PlanPigment pigment;
    double size_ratio; /* diameter min / max, kept from the plan */
    double coverage;   /* density x mean diameter^2, kept while the size changes */
    double best_miss;
    bool keep_best; /* measures may replace the proposal (not while the warmth is tried) */
    SkinTone skin;     /* the pigment stays where its warnings allow (skin_tone.h) */
    Tried tried[MEMO]; /* each look is rendered once */
    int n_tried;
} Search;

double match_miss(const MatchSample *patch, const MatchSample *sample)
{
    double l = fabs(patch->l_mean - sample->l_mean) / fmax(sample->l_mean, 1.0);
    double s = fabs(patch->speckle - sample->speckle) / fmax(sample->speckle, 0.1);
    return l > s ? l : s;
}

static bool same_look(const Tried *t, const PlanDots *d, const PlanPigment *p)
{
    return t->dots.density == d->density && t->dots.diameter_min_mm == d->diameter_min_mm &&
           t->dots.diameter_max_mm == d->diameter_max_mm && t->dots.elongation == d->elongation &&
           t->dots.angle_spread_deg == d->angle_spread_deg && t->pigment.shade == p->shade &&
           t->pigment.warmth == p->warmth;
}

/* The look being tried, measured on the patch: remembered, or rendered once. */
static bool render_measure(Search *s, MatchSample *out, SmpError *err)
{
    for (int i = 0; i < s->n_tried; i++)
        if (same_look(&s->tried[i], &s->dots, &s->pigment)) {
            *out = s->tried[i].m;
            return true;
        }
    SmpImage win;
    if (!render_job_draw(s->job, &s->dots, &s->pigment, &win, err))
        return false;
    bool ok = match_sample_window(&win, s->box.x0, s->box.y0, s->mattes, s->p->patch_at, out, err);
    image_free(&win);
    s->p->renders++;
    if (ok && s->n_tried < MEMO)
        s->tried[s->n_tried++] = (Tried){s->dots, s->pigment, *out};
    return ok;
}

/* No pigment warning for the sampled skin: a proposal never brings one. */
static bool allowed(const Search *s, const PlanPigment *p)
{
    return p->shade <= pigment_shade_max(&s->skin) && p->shade >= pigment_shade_min(&s->skin, p->warmth) &&
           p->warmth >= pigment_warmth_min(&s->skin, p->shade);
}

/* Measures the look being tried; keeps the best the skin allows. */
static bool measure(Search *s, MatchSample *out, SmpError *err)
{
    bool ok = render_measure(s, out, err);
    double miss = match_miss(out, &s->p->sample);
    if (ok && s->keep_best && miss < s->best_miss && allowed(s, &s->pigment)) {
        s->best_miss = miss;
        s->p->after = *out, s->p->dots = s->dots, s->p->pigment = s->pigment;
    }
    return ok;
}

typedef enum Knob { KNOB_SHADE, KNOB_DENSITY, KNOB_SIZE, KNOB_WARMTH } Knob;

static void knob_set(Search *s, Knob k, double v)
{
    if (k == KNOB_SHADE)
        s->pigment.shade = v;
    else if (k == KNOB_WARMTH)
        s->pigment.warmth = v;
    else if (k == KNOB_DENSITY)
        s->dots.density = v;
    else { /* mean diameter v at the same ink coverage: fewer, larger dots are grainier */
        /* past the cap the smaller dots grow instead, so the mean still reaches v */
        double max = fmin(2 * v / (1 + s->size_ratio), SIZE_MAX_MM);
        double min = fmax(max * s->size_ratio, fmin(2 * v - max, max));
        v = 0.5 * (min + max);
        s->dots.diameter_min_mm = fmax(min, 0.1), s->dots.diameter_max_mm = max;
        s->dots.density = fmin(fmax(s->coverage / (v * v), DENSITY_MIN), CANDIDATES_MAX_DENSITY_CM2);
    }
}

static double measured(const MatchSample *m, Knob k)
{
    return k == KNOB_SIZE ? m->speckle : k == KNOB_WARMTH ? m->b_mean : m->l_mean;
}

static double target_of(const Search *s, Knob k) { return measured(&s->p->sample, k); }

/* One knob in [lo, hi] until its measure meets the sample's within tol: regula falsi
 * (Illinois) on a bracket, else the better end. The knob is left at the best value
 * tried. *at_end: the target lay beyond the range (the best was an end). */
static bool solve(Search *s, Knob k, double lo, double hi, double tol, bool *at_end, SmpError *err)
{
    double t = target_of(s, k), x[2] = {lo, hi}, f[2];
    MatchSample m;
    double best_x = lo, best_d = INFINITY;
    for (int i = 0; i < 2; i++) {
        knob_set(s, k, x[i]);
        if (!measure(s, &m, err))
            return false;
        f[i] = measured(&m, k) - t;
        if (fabs(f[i]) < best_d)
            best_d = fabs(f[i]), best_x = x[i];
    }
    *at_end = f[0] * f[1] > 0;
    int side = 0;
    for (int n = 2; !*at_end && n < EVALS_PER_SOLVE && best_d > tol; n++) {
        double xn = (x[0] * f[1] - x[1] * f[0]) / (f[1] - f[0]);
        knob_set(s, k, xn);
        if (!measure(s, &m, err))
            return false;
        double fn = measured(&m, k) - t;
        if (fabs(fn) < best_d)
            best_d = fabs(fn), best_x = xn;
        int keep = fn * f[0] > 0 ? 1 : 0; /* replace the end with the same sign */
        x[1 - keep] = xn, f[1 - keep] = fn;
        if (side == keep)
            f[keep] *= 0.5; /* Illinois: a stuck end is halved */
        side = keep;
    }
    knob_set(s, k, best_x);
    return true;
}

static double mean_size(const PlanDots *d) { return 0.5 * (d->diameter_min_mm + d->diameter_max_mm); }

/* The warmth, last and apart: taken only when it brings b* closer by WARMTH_DB
 * without spoiling tone and grain (an ashy or ruddy ink has its own risks, see the
 * pigment warnings, so a shift nobody would see is not worth proposing). */
static bool warm_up(Search *s, SmpError *err)
{
    MatchProposal base = *s->p;
    double db = fabs(base.after.b_mean - base.sample.b_mean);
    if (db <= WARMTH_DB)
        return true;
    s->dots = base.dots, s->pigment = base.pigment, s->keep_best = false;
    bool at_end;
    MatchSample m;
    double cool = fmax(-WARMTH_MAX, pigment_warmth_min(&s->skin, s->pigment.shade));
    if (!solve(s, KNOB_WARMTH, cool, WARMTH_MAX, WARMTH_DB, &at_end, err) || !measure(s, &m, err))
        return false;
    if (fabs(m.b_mean - base.sample.b_mean) < db - WARMTH_DB && match_miss(&m, &base.sample) <= s->best_miss + 0.02 &&
        allowed(s, &s->pigment)) {
        s->p->after = m, s->p->pigment = s->pigment;
        s->best_miss = match_miss(&m, &base.sample);
    }
    return true;
}

/* The 1-D searches never try "more, rounder dots" together, and where the grain
 * needs dots past the 1 mm cap (or a shade past the skin's limit) they end on a
 * look that meets the tone and misses the grain. A small grid around the best look
 * then trades a little tone for grain: density x GRID_DENSITY (more of the same
 * dots are darker and grainier until they overlap) with the plan's elongation and
 * with round dots (at the size cap an elongated dot only holds less ink). The
 * speckle of a 3 mm disc is not smooth in density (which dots fall in it), so a
 * grid, not a root finder. Every point is one render; the best miss is kept. */
static const double GRID_DENSITY[] = {0.75, 1.0, 1.5, 2.0};

static bool grain_grid(Search *s, SmpError *err)
{
    if (s->best_miss <= GRID_FROM)
        return true;
    PlanDots base = s->p->dots;
    s->pigment = s->p->pigment;
    double elong[2] = {base.elongation, 1.0};
    MatchSample m;
    for (int e = 0; e < (base.elongation > 1.0 ? 2 : 1); e++)
        for (size_t i = 0; i < sizeof GRID_DENSITY / sizeof *GRID_DENSITY; i++) {
            if (e == 0 && GRID_DENSITY[i] == 1.0)
                continue; /* the best look itself, measured already */
            s->dots = base;
            s->dots.elongation = elong[e];
            s->dots.density = fmin(fmax(base.density * GRID_DENSITY[i], DENSITY_MIN), CANDIDATES_MAX_DENSITY_CM2);
            if (!measure(s, &m, err))
                return false;
        }
    return true;
}

/* Tone first (shade; density when the shade runs out), then grain at constant
 * coverage, ROUNDS times; warmth last. */
static bool search(Search *s, SmpError *err)
{
    double ltol = 0.02 * s->p->sample.l_mean, stol = 0.03 * s->p->sample.speckle;
    bool at_end;
    for (int round = 0; round < ROUNDS; round++) {
        double lo = fmax(SHADE_MIN, pigment_shade_min(&s->skin, s->pigment.warmth));
        if (!solve(s, KNOB_SHADE, lo, pigment_shade_max(&s->skin), ltol, &at_end, err))
            return false;
        if (at_end && !solve(s, KNOB_DENSITY, DENSITY_MIN, CANDIDATES_MAX_DENSITY_CM2, ltol, &at_end, err))
            return false;
        double m = mean_size(&s->dots);
        s->coverage = s->dots.density * m * m;
        if (!solve(s, KNOB_SIZE, SIZE_MIN_MM, SIZE_MAX_MM, stol, &at_end, err))
            return false;
    }
    return grain_grid(s, err) && warm_up(s, err);
}

/* The eyedropper's disc, or the automatic one beside the treated area (on the scalp
 * side of the plan's hairline). */
static bool find_sample(const SmpImage *photo, const SmpMattes *m, const MatchTreated *t, double r,
                        const SmpPlan *plan, double ppm, const MatchDisc *at, MatchProposal *p, SmpError *err)
{
    if (!at) {
        HairlineCurve *hl = malloc(sizeof *hl); /* ~100 kB: not on a worker's stack */
        if (!hl)
            return smp_fail(err, "out of memory building the hairline to sample beside");
        hairline_build(plan, hl);
        bool found = match_find_stubble(photo, m, t, r, hl, ppm, &p->sample_at, &p->sample, err);
        free(hl);
        return found || (!err->msg[0] &&
                         smp_fail(err, "no head skin found beside the treated area to sample (use --at X,Y)"));
    }
    p->sample_at = *at;
    if (!match_sample_disc(photo, m, at->x, at->y, at->r, &p->sample, err))
        return false;
    return p->sample.samples > 0 || smp_fail(err, "the sample at %.0f,%.0f is not on head skin", at->x, at->y);
}

/* The sample and the treated patch nearest to it. */
static bool find_discs(const SmpImage *photo, const SmpMattes *m, const DotList *dots, const SmpPlan *plan,
                       double ppm, const MatchDisc *at, MatchProposal *p, SmpError *err)
{
    MatchTreated t;
    if (!match_treated_find(dots, ppm, photo->width, photo->height, &t, err))
        return false;
    double r = at ? at->r : MATCH_DISC_MM * ppm;
    bool ok = match_treated_disc(&t, 0, 0, r, &p->patch_at) ||
              smp_fail(err, "the plan treats no area of head skin %.0f px across to match", 2 * r);
    ok = ok && find_sample(photo, m, &t, r, plan, ppm, at, p, err);
    if (ok) /* there is one: the treated disc nearest the sample */
        match_treated_disc(&t, p->sample_at.x, p->sample_at.y, r, &p->patch_at);
    match_treated_free(&t);
    return ok;
}

bool match_propose(const SmpImage *photo, const SmpMattes *mattes, const SmpPlan *plan, const MatchDisc *at,
                   MatchProposal *out, SmpError *err)
{
    return match_propose_for(photo, mattes, plan, at, NULL, out, err);
}

bool match_propose_for(const SmpImage *photo, const SmpMattes *mattes, const SmpPlan *plan, const MatchDisc *at,
                       const SkinTone *skin, MatchProposal *out, SmpError *err)
{
    *out = (MatchProposal){.dots = plan->dots, .pigment = plan->pigment};
    if (skin)
        out->skin = *skin;
    else
        skin_tone_measure(photo, mattes, &out->skin);
    err->msg[0] = '\0';
    RenderRequest req = {.no_mattes = mattes == NULL};
    RenderJob *job;
    if (!render_job_create(photo, plan, mattes, &req, &job, err))
        return false;
    Search s = {.job = job, .mattes = mattes, .p = out, .dots = plan->dots, .pigment = plan->pigment,
                .best_miss = INFINITY, .keep_best = true, .skin = out->skin};
    s.size_ratio = plan->dots.diameter_max_mm > 0 ? plan->dots.diameter_min_mm / plan->dots.diameter_max_mm : 0.5;
    const DotList *dots = render_job_dots(job, &plan->dots, &plan->pigment, err);
    bool ok = dots && find_discs(photo, mattes, dots, plan, render_job_px_per_mm(job), at, out, err);
    if (ok) {
        s.box = match_disc_box(out->patch_at, photo->width, photo->height);
        ok = render_job_set_window(job, s.box, err) && measure(&s, &out->before, err) && search(&s, err);
    }
    render_job_destroy(job);
    return ok;
}
