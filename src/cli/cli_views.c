/* cli_views.c - a plan's views from the command line: `info` lists them and
 * `smpview plan-add-view PLAN PHOTO` adds a photo of the same client with its head
 * fitted automatically (docs/cli.md, docs/plan-format.md "views"). */
#include "cli.h"
#include "cli_internal.h"

#include "../core/head3d_fit.h"
#include "../core/matte_apply.h"
#include "../core/render.h"
#include "../core/text_escape.h"
#include "../io/photo.h"
#include "../io/plan_file.h"

#include <stdio.h>
#include <string.h>

void cli_print_views(const SmpPlan *p)
{
    if (plan_view_count(p) < 2) /* one-photo plans print exactly as before */
        return;
    printf("views=%d\n", plan_view_count(p));
    for (int n = 0; n < plan_view_count(p); n++) {
        PlanView v = plan_view(p, n);
        char path[PLAN_PATH_MAX * 4], label[PLAN_LABEL_MAX * 4];
        printf("view=%d label=%s photo=%s size=%dx%d", n, smp_escape_controls(v.label, label, sizeof label),
               v.photo_path[0] ? smp_escape_controls(v.photo_path, path, sizeof path) : "(none)", v.photo_width,
               v.photo_height);
        if (v.head.set)
            printf(" fit=%s yaw=%.1f pitch=%.1f roll=%.1f size=%.3f\n", head3d_view_name((HeadView)v.head.view),
                   v.head.yaw_deg, v.head.pitch_deg, v.head.roll_deg, v.head.size);
        else
            printf(" fit=none\n");
    }
}

typedef struct AddViewArgs {
    const char *plan, *photo, *label;
    int view; /* HeadView to fit from, or -1: guessed */
} AddViewArgs;

static int parse_add_view_args(int argc, char **argv, AddViewArgs *a)
{
    *a = (AddViewArgs){NULL, NULL, "", -1};
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i];
        if (opt[0] != '-') {
            if (a->plan && a->photo)
                return cli_fail("plan-add-view: unexpected argument %s (a plan and a photo)", opt);
            *(a->plan ? &a->photo : &a->plan) = opt;
            continue;
        }
        if (strcmp(opt, "--label") && strcmp(opt, "--view"))
            return cli_fail("plan-add-view: unknown option %s (see smpview --help)", opt);
        if (i + 1 >= argc)
            return cli_fail("plan-add-view: %s needs a value", opt);
        const char *val = argv[++i];
        HeadView v;
        if (!strcmp(opt, "--label") && strlen(val) >= PLAN_LABEL_MAX)
            return cli_fail("--label: longer than %d bytes", PLAN_LABEL_MAX - 1);
        if (!strcmp(opt, "--label"))
            a->label = val;
        else if (head3d_view_parse(val, &v))
            a->view = (int)v;
        else
            return cli_fail("--view %s: expected front, top, left, right or back", val);
    }
    if (!a->plan || !a->photo)
        return cli_fail("plan-add-view: expected a PLAN and a PHOTO");
    if (a->view < 0) /* a label that names a side is the fit's starting pose */
        for (int v = 0; v < HEAD_VIEW_COUNT; v++)
            if (!strcmp(a->label, head3d_view_name((HeadView)v)))
                a->view = v;
    return 0;
}

/* The photo's head fitted from its head matte, from the label's pose or a guess.
 * plan: view 0's plan (its marks, scale and matte corrections help), or NULL for
 * another view (those are view 0's, not this photo's). */
static bool fit_view(const SmpImage *photo, const SmpPlan *plan, int label, PlanHead *out, SmpError *err)
{
    SmpMattes mattes = {0};
    HeadFit fit;
    double ppm = plan && plan->scale.set ? plan_px_per_mm(plan) : 0.0;
    bool ok = mattes_compute_for_plan(photo, plan, render_default_threads(), &mattes, err) &&
              head3d_fit_photo(&mattes.head, photo->width, photo->height, plan ? &plan->landmarks : NULL, ppm, label,
                               &fit, out, err);
    mattes_free(&mattes);
    if (ok && !(fit.plausible && plan_head_in_bounds(out)))
        return smp_fail(err, "no plausible head found to fit (view %s)", head3d_view_name((HeadView)out->view));
    return ok;
}

/* The view: its photo stored relative to the plan, its size, hash and fit. */
static bool make_view(const AddViewArgs *a, PlanView *v, SmpError *err)
{
    SmpImage photo;
    memset(v, 0, sizeof *v);
    if (!photo_load_hashed(a->photo, &photo, NULL, v->photo_hash, err))
        return false;
    v->photo_width = photo.width, v->photo_height = photo.height;
    snprintf(v->label, sizeof v->label, "%s", a->label);
    plan_relative_photo_path(a->plan, a->photo, v->photo_path, sizeof v->photo_path);
    bool ok = fit_view(&photo, NULL, a->view, &v->head, err) || smp_fail_prefix(err, a->photo);
    image_free(&photo);
    return ok;
}

/* Another view is drawn through view 0's fit: fitted here when the plan has none. */
static bool fit_view_zero(const char *plan_path, SmpPlan *plan, SmpError *err)
{
    char path[PLAN_PATH_MAX * 2];
    SmpImage photo;
    if (plan->head.set)
        return true;
    if (!plan_resolve_photo(plan_path, plan, path, sizeof path))
        return smp_fail(err, "%s: the plan names no photo for view 0", plan_path);
    if (!photo_load(path, &photo, NULL, err))
        return false;
    bool ok = fit_view(&photo, plan, -1, &plan->head, err) || smp_fail_prefix(err, path);
    if (ok && plan->photo_width <= 0) /* the other views need view 0's size */
        plan->photo_width = photo.width, plan->photo_height = photo.height;
    image_free(&photo);
    return ok;
}

int cli_plan_add_view(int argc, char **argv)
{
    AddViewArgs a;
    int rc = parse_add_view_args(argc, argv, &a);
    if (rc)
        return rc;
    SmpError err;
    SmpPlan plan;
    PlanView v;
    if (!plan_load(a.plan, &plan, &err))
        return cli_fail("%s", err.msg);
    /* The photo is read and fitted before anything of the plan changes. */
    bool ok = make_view(&a, &v, &err) && fit_view_zero(a.plan, &plan, &err) &&
              (plan_add_view(&plan, &v, &err) || smp_fail_prefix(&err, a.plan)) && plan_save(a.plan, &plan, &err);
    char label[PLAN_LABEL_MAX * 4];
    if (ok)
        printf("view=%d label=%s fit=%s\n", plan_view_count(&plan) - 1,
               smp_escape_controls(v.label, label, sizeof label), head3d_view_name((HeadView)v.head.view));
    plan_free(&plan);
    return ok ? 0 : cli_fail("%s", err.msg);
}
