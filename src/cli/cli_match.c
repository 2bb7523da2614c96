/* cli_match.c - `smpview match`: proposes the pigment and dots that blend the treated
 * area with the client's stubble (core/match.h), prints the sample and the proposal,
 * and writes the updated plan only when asked (-o, atomically). */
#include "cli.h"
#include "cli_internal.h"

#include "../core/match.h"
#include "../core/render.h"
#include "../core/text_escape.h"
#include "../io/photo.h"
#include "../io/plan_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct MatchArgs {
    const char *plan, *out;
    bool has_at;
    MatchDisc at; /* r 0: the default radius */
} MatchArgs;

/* "X,Y" or "X,Y,R" in photo pixels. */
static bool parse_at(const char *val, MatchDisc *at)
{
    char buf[96], *parts[3] = {buf, NULL, NULL};
    if (strlen(val) >= sizeof buf)
        return false;
    snprintf(buf, sizeof buf, "%s", val);
    for (int i = 1; i < 3; i++) {
        char *c = parts[i - 1] ? strchr(parts[i - 1], ',') : NULL;
        if (c)
            *c = '\0', parts[i] = c + 1;
    }
    at->r = 0;
    return parts[1] && cli_parse_double(parts[0], -1e6, 1e6, &at->x) && cli_parse_double(parts[1], -1e6, 1e6, &at->y) &&
           (!parts[2] || cli_parse_double(parts[2], 1, 1000, &at->r));
}

static int parse_match_args(int argc, char **argv, MatchArgs *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i];
        if (opt[0] != '-') {
            if (a->plan)
                return cli_fail("match: unexpected argument %s (one plan)", opt);
            a->plan = opt;
            continue;
        }
        if (strcmp(opt, "-o") && strcmp(opt, "--at"))
            return cli_fail("match: unknown option %s (see smpview --help)", opt);
        if (i + 1 >= argc)
            return cli_fail("match: %s needs a value", opt);
        const char *val = argv[++i];
        if (!strcmp(opt, "-o"))
            a->out = val;
        else if (!(a->has_at = parse_at(val, &a->at)))
            return cli_fail("--at %s: expected X,Y or X,Y,R in photo pixels (R from 1 to 1000)", val);
    }
    if (!a->plan)
        return cli_fail("match: no plan given (smpview match PLAN)");
    return 0;
}

static void print_proposal(const MatchProposal *p)
{
    const MatchSample *s = &p->sample, *b = &p->before, *f = &p->after;
    printf("sample at=%.0f,%.0f r=%.0f L*=%.1f b*=%.1f speckle=%.2f\n", p->sample_at.x, p->sample_at.y,
           p->sample_at.r, s->l_mean, s->b_mean, s->speckle);
    printf("patch at=%.0f,%.0f r=%.0f before_L*=%.1f before_speckle=%.2f L*=%.1f b*=%.1f speckle=%.2f miss=%.3f "
           "renders=%d\n", p->patch_at.x, p->patch_at.y, p->patch_at.r, b->l_mean, b->speckle, f->l_mean, f->b_mean,
           f->speckle, match_miss(f, s), p->renders);
    printf("proposal shade=%.3f warmth=%.3f density=%.1f diameter=%.3f-%.3f elongation=%.2f\n", p->pigment.shade,
           p->pigment.warmth, p->dots.density, p->dots.diameter_min_mm, p->dots.diameter_max_mm, p->dots.elongation);
}

/* The photo, its mattes and the proposal; the plan gets the proposed look. */
static int propose(const MatchArgs *a, SmpPlan *plan)
{
    char photo_path[PLAN_PATH_MAX * 2];
    if (!plan_resolve_photo(a->plan, plan, photo_path, sizeof photo_path))
        return cli_fail("%s: the plan names no photo", a->plan);
    SmpError err;
    SmpImage photo;
    if (!photo_load(photo_path, &photo, NULL, &err))
        return cli_fail("%s", err.msg);
    SmpMattes mattes = {0};
    MatchProposal p;
    MatchDisc at = a->at;
    if (a->has_at && at.r <= 0)
        at.r = MATCH_DISC_MM * plan_px_per_mm(plan);
    bool ok = mattes_compute_for_plan(&photo, plan, render_default_threads(), &mattes, &err) &&
              match_propose(&photo, &mattes, plan, a->has_at ? &at : NULL, &p, &err);
    mattes_free(&mattes);
    image_free(&photo);
    if (!ok)
        return cli_fail("%s: %s", a->plan, err.msg);
    print_proposal(&p);
    plan->dots = p.dots;
    plan->pigment = p.pigment;
    return 0;
}

int cli_match(int argc, char **argv)
{
    MatchArgs a;
    SmpError err;
    SmpPlan plan;
    int rc = parse_match_args(argc, argv, &a);
    if (rc || !plan_load(a.plan, &plan, &err))
        return rc ? rc : cli_fail("%s", err.msg);
    char photo_path[PLAN_PATH_MAX * 2];
    if (a.out && plan_resolve_photo(a.plan, &plan, photo_path, sizeof photo_path))
        rc = cli_refuse_same_file(a.out, photo_path, "the plan's photo");
    rc = rc ? rc : propose(&a, &plan);
    if (!rc && a.out) {
        /* the photo path is relative to the plan: rewrite it for the new place */
        char resolved[PLAN_PATH_MAX * 2];
        if (plan_resolve_photo(a.plan, &plan, resolved, sizeof resolved))
            plan_relative_photo_path(a.out, resolved, plan.photo_path, sizeof plan.photo_path);
        if (!plan_save(a.out, &plan, &err))
            rc = cli_fail("%s", err.msg);
    }
    plan_free(&plan);
    return rc;
}
