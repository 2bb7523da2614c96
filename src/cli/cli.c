/* cli.c - the headless subcommands (render, swatch, info) and their arguments. */
#include "cli.h"
#include "cli_internal.h"

#include "../core/label.h"
#include "../core/plan_json.h"
#include "../core/render.h"
#include "../core/render_views.h"
#include "../core/skin_tone.h"
#include "../core/text_escape.h"
#include "../io/atomic_file.h"
#include "../io/bundle.h"
#include "../io/image_write.h"
#include "../io/photo.h"
#include "../io/plan_file.h"

#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char USAGE[] =
    "usage:\n"
    "  smpview [PHOTO|PLAN] [--size WxH] [--replay SCRIPT] [--screenshot OUT.png] [--stats] [--state-dir DIR]\n"
    "          [--ui-scale PCT]\n"
    "  smpview render [PLAN] [--photo PHOTO] -o OUT.png|OUT.jpg [--stage fresh|healed|aged]\n"
    "                 [--session N] [--layout after|split|side|sheet|views] [--logo FILE.png]\n"
    "                 [--anonymise eyes|crop] [--clinic-text TEXT]\n"
    "                 [--preset full|1:1|4:5|9:16] [--label TEXT | --no-label]\n"
    "                 [--dots-csv FILE] [--threads N] [--no-sheen] [--no-grain] [--no-redness]\n"
    "                 [--view N]\n"
    "  smpview swatch --density D [--dot-mm MM] [--size-mm W[xH]] [--dpi N] [--seed S]\n"
    "                 [--stage fresh|healed|aged] -o OUT.png [--dots-csv FILE]\n"
    "  smpview info FILE\n"
    "  smpview unpack BUNDLE.smpb\n"
    "  smpview match PLAN [--at X,Y[,R]] [-o OUT.smp]\n"
    "  smpview plan-add-view PLAN PHOTO [--label TEXT] [--view front|top|left|right|back]\n"
    "  smpview --help | --version\n"
    "See docs/cli.md.\n";

/* One line on stderr after "smpview: " and prefix. Paths and values are the
 * user's: no control codes reach the terminal. */
static void say(const char *prefix, const char *fmt, va_list ap)
{
    char msg[SMP_ERROR_MAX * 2], safe[SMP_ERROR_MAX * 8];
    vsnprintf(msg, sizeof msg, fmt, ap);
    fprintf(stderr, "smpview: %s%s\n", prefix, smp_escape_controls(msg, safe, sizeof safe));
}

int cli_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("", fmt, ap);
    va_end(ap);
    return 1;
}

static int fail_err(const SmpError *err) { return cli_fail("%s", err->msg); }

static void warn(const char *fmt, ...) SMP_PRINTF(1, 2);
static void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say("warning: ", fmt, ap);
    va_end(ap);
}

/* An output must never replace one of the command's own inputs (or another
 * output): compared as files, so "./c.jpg", hard links and symlinks count. */
int cli_refuse_same_file(const char *out, const char *other, const char *what)
{
    if (out && other && file_is_same(out, other))
        return cli_fail("%s: refusing to write over %s", out, what);
    return 0;
}

bool cli_is_command(const char *arg)
{
    static const char *const names[] = {"render", "swatch", "info", "unpack", "match", "plan-add-view",
                                        "--help", "-h", "--version", "help"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(arg, names[i]) == 0)
            return true;
    return false;
}

/* Strict number parsing: the whole argument, finite, within [lo, hi]. */
bool cli_parse_double(const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi))
        return false;
    *out = v;
    return true;
}

static bool parse_int(const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int write_text(const char *path, const char *text, size_t len)
{
    SmpError err;
    return file_write_atomic(path, text, len, &err) ? 0 : fail_err(&err);
}

static int write_dots_csv(const char *path, const DotList *dots, double ppm)
{
    char *text;
    size_t len;
    SmpError err;
    if (!dots_to_csv(dots, ppm, &text, &len, &err))
        return fail_err(&err);
    int rc = write_text(path, text, len);
    free(text);
    return rc;
}

/* ---- render ------------------------------------------------------------------ */

typedef struct RenderArgs {
    const char *plan, *photo, *out, *csv, *label, *logo;
    RenderRequest req;
} RenderArgs;

/* One render option that takes a value: 0, or the failure said. */
static int render_option(RenderArgs *a, const char *opt, const char *val)
{
    long n;
    if (!strcmp(opt, "-o"))
        a->out = val;
    else if (!strcmp(opt, "--photo"))
        a->photo = val;
    else if (!strcmp(opt, "--dots-csv"))
        a->csv = val;
    else if (!strcmp(opt, "--stage")) {
        if (!plan_stage_parse(val, &a->req.stage))
            return cli_fail("--stage %s: expected fresh, healed or aged", val);
        a->req.override_stage = true;
    } else if (!strcmp(opt, "--session")) {
        if (!parse_int(val, 1, 4, &n))
            return cli_fail("--session %s: expected a session number from 1 to 4", val);
        a->req.session = (int)n;
    } else if (!strcmp(opt, "--compare")) { /* the older name of --layout split|side */
        if (strcmp(val, "split") && strcmp(val, "side"))
            return cli_fail("--compare %s: expected split or side", val);
        compose_parse_layout(val, &a->req.layout, NULL);
    } else if (!strcmp(opt, "--layout")) { /* compose_layout.h */
        SmpError lerr;
        if (!compose_parse_layout(val, &a->req.layout, &lerr))
            return cli_fail("%s", lerr.msg);
    } else if (!strcmp(opt, "--anonymise")) { /* anonymise.h */
        SmpError aerr;
        if (!anonymise_parse(val, &a->req.anonymise, &aerr))
            return cli_fail("%s", aerr.msg);
    } else if (!strcmp(opt, "--logo")) {
        a->logo = val;
    } else if (!strcmp(opt, "--clinic-text") || !strcmp(opt, "--label")) { /* label.h */
        SmpError terr;
        if (!label_text_check(val, &terr))
            return cli_fail("%s: %s", opt, terr.msg);
        *(opt[2] == 'c' ? &a->req.clinic_text : &a->label) = val;
    } else if (!strcmp(opt, "--preset")) { /* compose.h: full, or a social crop around the head */
        SmpError perr;
        if (!compose_parse_preset(val, &a->req.preset, &perr))
            return cli_fail("--preset %s: expected full, 1:1, 4:5 or 9:16", val);
    } else if (!strcmp(opt, "--view")) { /* the plan's view N, on its own photo */
        if (!parse_int(val, 0, PLAN_MAX_VIEWS - 1, &n))
            return cli_fail("--view %s: expected a view number from 0 to %d", val, PLAN_MAX_VIEWS - 1);
        a->req.view = (int)n;
    } else if (!strcmp(opt, "--threads")) {
        if (!parse_int(val, 1, 256, &n))
            return cli_fail("--threads %s: expected a number of threads from 1 to 256", val);
        a->req.threads = (int)n;
    } else {
        return cli_fail("render: unknown option %s (see smpview --help)", opt);
    }
    return 0;
}

/* A render switch (no value): true when opt was one. */
static bool render_switch(RenderArgs *a, const char *opt)
{
    if (!strcmp(opt, "--no-label"))
        a->label = NULL;
    else if (!strcmp(opt, "--no-sheen") || !strcmp(opt, "--no-grain")) /* the photo's look, docs/pigment.md */
        *(opt[5] == 's' ? &a->req.no_sheen : &a->req.no_grain) = true;
    else if (!strcmp(opt, "--no-redness")) /* fresh work's flush, docs/pigment.md */
        a->req.no_redness = true;
    else
        return false;
    return true;
}

static int parse_render_args(int argc, char **argv, RenderArgs *a)
{
    static const char *const with_value[] = {"-o",       "--photo",  "--stage",    "--session", "--compare",
                                             "--layout", "--preset", "--label",    "--dots-csv", "--threads",
                                             "--logo",   "--anonymise", "--view", "--clinic-text"};
    memset(a, 0, sizeof *a);
    a->label = "SIMULATION";
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i];
        if (opt[0] != '-' || strcmp(opt, "-") == 0) {
            if (a->plan)
                return cli_fail("render: unexpected argument %s (one plan at most)", opt);
            a->plan = opt;
            continue;
        }
        if (render_switch(a, opt))
            continue;
        bool known = false;
        for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++)
            known = known || !strcmp(opt, with_value[k]);
        if (!known)
            return cli_fail("render: unknown option %s (see smpview --help)", opt);
        if (i + 1 >= argc)
            return cli_fail("render: %s needs a value", opt);
        if (render_option(a, opt, argv[++i]))
            return 1;
    }
    if (!a->out)
        return cli_fail("render: no output file (use -o OUT.png or -o OUT.jpg)");
    if (!image_write_supported(a->out))
        return cli_fail("%s: unsupported output format (use .png, .jpg or .jpeg)", a->out);
    if (!a->plan && !a->photo)
        return cli_fail("render: nothing to render (give a plan file or --photo PHOTO)");
    if (!a->plan && a->req.view > 0)
        return cli_fail("render: --view %d needs a plan file", a->req.view);
    a->req.label = a->label;
    return 0;
}

/* Notices a swapped or resized photo: a warning, the render still happens.
 * hash is the photo file's, or "" when it is not to be compared. */
static void warn_photo_mismatch(const PlanView *view, const char *photo_path, const SmpImage *photo, const char *hash)
{
    if (hash[0] && strcmp(hash, view->photo_hash) != 0)
        warn("%s: the photo's content differs from the one the plan was made on", photo_path);
    if (view->photo_width > 0 && (view->photo_width != photo->width || view->photo_height != photo->height))
        warn("%s: photo is %dx%d but the plan was made on %dx%d; positions may not match", photo_path, photo->width,
             photo->height, view->photo_width, view->photo_height);
}

typedef struct ViewPhotos {
    const char *plan_path, *photo0; /* --photo replaces view 0's */
    const SmpPlan *plan;
} ViewPhotos;

/* RenderViewPhoto: view n's photo, as `render --view n` finds it. */
static bool load_view_photo(void *ctx, int n, SmpImage *out, SmpError *err)
{
    const ViewPhotos *v = ctx;
    if (n == 0 && v->photo0)
        return photo_load(v->photo0, out, NULL, err);
    return plan_load_view_photo(v->plan_path, v->plan, n, out, err);
}

/* --layout views: every view's photo in one sheet (render_views.h). */
static int render_views_file(RenderArgs *a, const SmpPlan *plan)
{
    if (!a->plan || a->csv)
        return cli_fail("--layout views: needs a plan file%s", a->csv ? ", and lists no dots (--dots-csv)" : "");
    SmpError err;
    SmpImage out, logo = {0};
    if (a->logo && !photo_load(a->logo, &logo, NULL, &err))
        return fail_err(&err);
    a->req.logo = a->logo ? &logo : NULL;
    ViewPhotos photos = {a->plan, a->photo, plan};
    bool ok = render_views_sheet(plan, &a->req, load_view_photo, &photos, &out, &err);
    image_free(&logo);
    if (!ok)
        return cli_fail("%s: %s", a->plan, err.msg);
    ok = image_write(a->out, &out, NULL, &err);
    image_free(&out);
    return ok ? 0 : fail_err(&err);
}

static int cmd_render(int argc, char **argv)
{
    RenderArgs a;
    int rc = parse_render_args(argc, argv, &a);
    if (rc)
        return rc;
    SmpError err;
    SmpPlan plan;
    plan_init(&plan);
    if (a.plan && !plan_load(a.plan, &plan, &err))
        return fail_err(&err);
    if (a.req.view >= plan_view_count(&plan)) {
        int count = plan_view_count(&plan);
        plan_free(&plan);
        return cli_fail("%s: --view %d: the plan has %d view%s", a.plan, a.req.view, count, count == 1 ? "" : "s");
    }
    PlanView view = plan_view(&plan, a.req.view);
    char photo_path[PLAN_PATH_MAX * 2];
    if (a.photo)
        snprintf(photo_path, sizeof photo_path, "%s", a.photo);
    else if (!plan_resolve_view_photo(a.plan, &plan, a.req.view, photo_path, sizeof photo_path)) {
        plan_free(&plan);
        return cli_fail("%s: the plan names no photo for view %d (use --photo PHOTO)", a.plan, a.req.view);
    }
    rc = cli_refuse_same_file(a.out, photo_path, "the photo it renders");
    rc = rc ? rc : cli_refuse_same_file(a.out, a.plan, "the plan it renders");
    rc = rc ? rc : cli_refuse_same_file(a.csv, photo_path, "the photo it renders");
    rc = rc ? rc : cli_refuse_same_file(a.csv, a.plan, "the plan it renders");
    rc = rc ? rc : cli_refuse_same_file(a.csv, a.out, "the image it writes");
    rc = rc ? rc : cli_refuse_same_file(a.out, a.logo, "the logo it places");
    if (!rc && a.csv && !strcmp(a.csv, a.out))
        rc = cli_fail("%s: given both as -o and as --dots-csv", a.out);
    if (rc) {
        plan_free(&plan);
        return rc;
    }
    if (compose_preset_is_social(a.req.preset) && !(plan.consent.recorded && plan.consent.marketing)) {
        plan_free(&plan);
        return a.plan ? cli_fail("%s: no consent to marketing use recorded (record it in the plan's \"consent\" "
                                 "before a 1:1, 4:5 or 9:16 export)", a.plan)
                      : cli_fail("render: a 1:1, 4:5 or 9:16 export needs a plan with the client's consent");
    }
    if (a.req.session > plan.sessions) {
        int sessions = plan.sessions;
        plan_free(&plan);
        return cli_fail("--session %d: the plan has only %d sessions", a.req.session, sessions);
    }
    if (a.req.layout == LAYOUT_VIEWS) {
        rc = render_views_file(&a, &plan);
        plan_free(&plan);
        return rc;
    }
    SmpImage photo;
    char hash[80] = "";
    bool compare_hash = a.plan && !a.photo && view.photo_hash[0];
    if (!photo_load_hashed(photo_path, &photo, NULL, compare_hash ? hash : NULL, &err)) {
        plan_free(&plan);
        return fail_err(&err);
    }
    if (a.plan)
        warn_photo_mismatch(&view, photo_path, &photo, hash);
    SmpImage out, logo = {0};
    DotList dots = {0};
    if (a.logo && !photo_load(a.logo, &logo, NULL, &err)) {
        plan_free(&plan);
        image_free(&photo);
        return fail_err(&err);
    }
    a.req.logo = a.logo ? &logo : NULL;
    bool ok = render_plan(&photo, &plan, &a.req, &out, a.csv ? &dots : NULL, &err);
    image_free(&logo);
    double ppm = render_view_px_per_mm(&plan, a.req.view, photo.width, photo.height);
    plan_free(&plan);
    image_free(&photo);
    if (!ok) /* the scene's errors (a mis-set scale) belong to the plan */
        return a.plan ? cli_fail("%s: %s", a.plan, err.msg) : fail_err(&err);
    ok = image_write(a.out, &out, NULL, &err);
    image_free(&out);
    if (!ok) {
        dots_free(&dots);
        return fail_err(&err);
    }
    rc = a.csv ? write_dots_csv(a.csv, &dots, ppm) : 0;
    dots_free(&dots);
    return rc;
}

/* ---- swatch ------------------------------------------------------------------ */

/* A light-medium skin tone (sRGB) to judge dots against, like a practice skin. */
static const uint8_t SWATCH_SKIN[3] = {226, 190, 166};

typedef struct SwatchArgs {
    double density, dot_mm, w_mm, h_mm, dpi;
    long seed;
    const char *out, *csv;
    PlanStage stage;
} SwatchArgs;

/* One swatch option and its value: 0, or the failure said. */
static int swatch_option(SwatchArgs *a, const char *opt, const char *val)
{
    if (!strcmp(opt, "--density")) {
        if (!cli_parse_double(val, 1, CANDIDATES_MAX_DENSITY_CM2, &a->density))
            return cli_fail("--density %s: expected dots per cm2 from 1 to 160", val);
    } else if (!strcmp(opt, "--dot-mm")) {
        if (!cli_parse_double(val, 0.1, 2.0, &a->dot_mm))
            return cli_fail("--dot-mm %s: expected a dot diameter from 0.1 to 2 mm", val);
    } else if (!strcmp(opt, "--size-mm")) {
        char wbuf[64];
        if (strlen(val) >= sizeof wbuf) /* never judge a cut copy */
            return cli_fail("--size-mm: %.20s...: too long (expected W or WxH in mm)", val);
        snprintf(wbuf, sizeof wbuf, "%s", val);
        char *x = strchr(wbuf, 'x');
        if (x)
            *x = '\0';
        if (!cli_parse_double(wbuf, 5, 500, &a->w_mm) || !cli_parse_double(x ? x + 1 : wbuf, 5, 500, &a->h_mm))
            return cli_fail("--size-mm %s: expected W or WxH in mm, each from 5 to 500", val);
    } else if (!strcmp(opt, "--dpi")) {
        if (!cli_parse_double(val, 25, 2400, &a->dpi))
            return cli_fail("--dpi %s: expected a resolution from 25 to 2400 dpi", val);
    } else if (!strcmp(opt, "--seed")) {
        if (!parse_int(val, 0, 0xffffffffL, &a->seed))
            return cli_fail("--seed %s: expected a whole number from 0 to 4294967295", val);
    } else if (!strcmp(opt, "--stage")) {
        if (!plan_stage_parse(val, &a->stage))
            return cli_fail("--stage %s: expected fresh, healed or aged", val);
    } else if (!strcmp(opt, "-o"))
        a->out = val;
    else if (!strcmp(opt, "--dots-csv"))
        a->csv = val;
    else
        return cli_fail("swatch: unknown option %s (see smpview --help)", opt);
    return 0;
}

static int parse_swatch_args(int argc, char **argv, SwatchArgs *a)
{
    *a = (SwatchArgs){.density = -1, .w_mm = 50, .h_mm = 50, .dpi = 300, .seed = 1, .stage = STAGE_HEALED};
    for (int i = 2; i < argc; i++) {
        const char *opt = argv[i];
        if (i + 1 >= argc)
            return cli_fail(opt[0] == '-' ? "swatch: %s needs a value" : "swatch: unexpected argument %s", opt);
        if (swatch_option(a, opt, argv[++i]))
            return 1;
    }
    if (a->density < 0)
        return cli_fail("swatch: --density D is required (dots per cm2)");
    if (!a->out)
        return cli_fail("swatch: no output file (use -o OUT.png)");
    if (!image_write_supported(a->out))
        return cli_fail("%s: unsupported output format (use .png, .jpg or .jpeg)", a->out);
    if (a->csv && (!strcmp(a->csv, a->out) || file_is_same(a->csv, a->out)))
        return cli_fail("%s: given both as -o and as --dots-csv", a->csv);
    double ppm = a->dpi / 25.4;
    if (a->w_mm * ppm * a->h_mm * ppm > (double)PHOTO_MAX_PIXELS)
        return cli_fail("swatch: %gx%g mm at %g dpi is over the 200-megapixel limit", a->w_mm, a->h_mm, a->dpi);
    return 0;
}

/* The swatch's plan: a measured scale, the density and dot size asked for,
 * the whole skin treated. */
static bool swatch_plan(const SwatchArgs *a, const SmpImage *skin, double ppm, SmpPlan *plan, SmpError *err)
{
    plan_init(plan);
    plan->scale.set = true;
    plan->scale.b.x = 100 * ppm;
    plan->scale.distance_mm = 100;
    plan->dots.density = a->density;
    if (a->dot_mm > 0) { /* keep the default spread around the requested mean */
        double mean = 0.5 * (plan->dots.diameter_min_mm + plan->dots.diameter_max_mm);
        plan->dots.diameter_min_mm *= a->dot_mm / mean;
        plan->dots.diameter_max_mm *= a->dot_mm / mean;
    }
    plan->seed = (uint32_t)a->seed;
    plan->stage = a->stage;
    plan->session = plan->sessions;
    PlanPoint all[4] = {{-1, -1}, {skin->width + 1.0, -1}, {skin->width + 1.0, skin->height + 1.0},
                        {-1, skin->height + 1.0}};
    return plan_add_region(plan, REGION_TREAT, REGION_POLYGON, false, 0, all, 4, err);
}

static int cmd_swatch(int argc, char **argv)
{
    SwatchArgs a;
    if (parse_swatch_args(argc, argv, &a))
        return 1;
    double ppm = a.dpi / 25.4;
    SmpError err;
    SmpImage skin;
    if (!image_create((int)(a.w_mm * ppm + 0.5), (int)(a.h_mm * ppm + 0.5), &skin, &err))
        return fail_err(&err);
    for (size_t i = 0; i < (size_t)skin.width * skin.height; i++)
        memcpy(skin.pixels + i * 4, SWATCH_SKIN, 3);
    SmpPlan plan;
    bool ok = swatch_plan(&a, &skin, ppm, &plan, &err);
    RenderRequest req = {0};
    SmpImage img = {0};
    DotList dots = {0};
    ok = ok && render_plan(&skin, &plan, &req, &img, a.csv ? &dots : NULL, &err);
    plan_free(&plan);
    image_free(&skin);
    ImageWriteOptions wo = {0, a.dpi};
    ok = ok && image_write(a.out, &img, &wo, &err);
    image_free(&img);
    int rc = ok ? 0 : fail_err(&err);
    if (ok && a.csv)
        rc = write_dots_csv(a.csv, &dots, ppm);
    dots_free(&dots);
    return rc;
}

/* ---- info -------------------------------------------------------------------- */

static void print_plan_summary(const char *path, const SmpPlan *p)
{
    char safe[PLAN_PATH_MAX * 4];
    printf("plan=%s version=%d\n", smp_escape_controls(path, safe, sizeof safe), p->version);
    printf("photo=%s size=%dx%d\n", p->photo_path[0] ? smp_escape_controls(p->photo_path, safe, sizeof safe) : "(none)",
           p->photo_width, p->photo_height);
    printf("scale=%.3f px/mm%s\n", plan_px_per_mm(p), p->scale.set ? "" : " (default, not calibrated)");
    printf("hairline=%d points style=%s transition=%.1f mm%s\n", p->hairline.count,
           plan_style_name(p->hairline.style), p->hairline.transition_mm, p->hairline.symmetric ? " symmetric" : "");
    int kinds[REGION_KIND_COUNT] = {0};
    for (int i = 0; i < p->region_count; i++)
        if ((unsigned)p->regions[i].kind < REGION_KIND_COUNT)
            kinds[p->regions[i].kind]++;
    printf("regions=%d treat=%d exclude=%d scar=%d\n", p->region_count, kinds[REGION_TREAT], kinds[REGION_EXCLUDE],
           kinds[REGION_SCAR]);
    printf("density=%g dots/cm2 diameter=%.2f-%.2f mm sessions=%d shown=%d stage=%s seed=%u\n", p->dots.density,
           p->dots.diameter_min_mm, p->dots.diameter_max_mm, p->sessions, p->session, plan_stage_name(p->stage),
           (unsigned)p->seed);
    if (p->head_correction_count > 0) { /* only corrected plans: older plans print exactly as before */
        int head = 0;
        for (int i = 0; i < p->head_correction_count; i++)
            head += p->head_corrections[i].head;
        printf("head_corrections=%d head=%d not_head=%d\n", p->head_correction_count, head,
               p->head_correction_count - head);
    }
    if (p->head.set) { /* only fitted plans: older plans print exactly as before */
        static const char *const VIEWS[] = {"front", "top", "left", "right", "back"};
        printf("head=%s yaw=%.1f pitch=%.1f roll=%.1f deg size=%.3f centre=%.1f,%.1f,%.1f mm focal=%.0f px\n",
               VIEWS[p->head.view >= 0 && p->head.view < 5 ? p->head.view : 0], p->head.yaw_deg, p->head.pitch_deg,
               p->head.roll_deg, p->head.size, p->head.centre_mm[0], p->head.centre_mm[1], p->head.centre_mm[2],
               p->head.focal_px);
    }
}

/* The client's skin on the plan's photo, and what it means for the pigment
 * (skin_tone.h); nothing when the photo cannot be read. */
static void print_skin_and_warnings(const char *plan_path, const SmpPlan *p)
{
    char photo_path[PLAN_PATH_MAX * 2];
    SmpImage photo;
    SmpMattes mattes = {0};
    SmpError err;
    if (!plan_resolve_photo(plan_path, p, photo_path, sizeof photo_path) ||
        !photo_load(photo_path, &photo, NULL, &err))
        return;
    SkinTone t;
    skin_tone_measure(&photo, mattes_compute_for_plan(&photo, p, render_default_threads(), &mattes, &err) ? &mattes : NULL, &t);
    if (t.samples > 0) {
        printf("skin=ITA %.0f (%s) L*=%.0f b*=%.0f\n", t.ita_deg, skin_tone_class(t.ita_deg), t.l_star, t.b_star);
        unsigned w = pigment_warnings(p, &t);
        for (unsigned bit = 1; bit <= PIGMENT_WARN_ASHY; bit <<= 1)
            if (w & bit)
                printf("warning=%s: %s\n", pigment_warning_text((PigmentWarning)bit).risk,
                       pigment_warning_text((PigmentWarning)bit).advice);
    }
    mattes_free(&mattes);
    image_free(&photo);
}

/* A bundle's parts and its plan, read from memory: nothing is unpacked. */
static int info_bundle(const char *path)
{
    SmpError err;
    char *data = NULL, safe[BUNDLE_NAME_MAX * 4 + 1];
    BundleParts b;
    SmpPlan plan;
    if (!bundle_read(path, &data, &b, &err))
        return fail_err(&err);
    printf("bundle: plan %zu bytes, photo=%s %zu bytes\n", b.plan_size,
           smp_escape_controls(b.photo_name, safe, sizeof safe), b.photo_size);
    bool ok = plan_from_json((const char *)b.plan, b.plan_size, path, &plan, &err);
    free(data);
    if (!ok)
        return fail_err(&err);
    print_plan_summary(path, &plan);
    cli_print_views(&plan);
    plan_free(&plan);
    return 0;
}

/* Unpacks a bundle beside it, as the app does when it opens one. */
static int cmd_unpack(int argc, char **argv)
{
    if (argc != 3)
        return cli_fail("unpack: expected exactly one BUNDLE");
    char plan[PLAN_PATH_MAX * 4], safe[PLAN_PATH_MAX * 16];
    SmpError err;
    if (!bundle_unpack(argv[2], plan, sizeof plan, &err))
        return fail_err(&err);
    printf("plan=%s\n", smp_escape_controls(plan, safe, sizeof safe));
    return 0;
}

static int cmd_info(int argc, char **argv)
{
    if (argc != 3)
        return cli_fail("info: expected exactly one FILE");
    const char *path = argv[2];
    if (bundle_sniff(path))
        return info_bundle(path);
    SmpError err;
    char *text = NULL;
    size_t len = 0;
    /* A plan is recognised by its content; anything else is tried as a photo. */
    if (file_read_all(path, PLAN_FILE_MAX_BYTES, &text, &len, &err) && plan_json_sniff(text, len)) {
        SmpPlan plan;
        bool ok = plan_from_json(text, len, path, &plan, &err);
        free(text);
        if (!ok)
            return fail_err(&err);
        print_plan_summary(path, &plan);
        cli_print_views(&plan);
        print_skin_and_warnings(path, &plan);
        plan_free(&plan);
        return 0;
    }
    free(text);
    PhotoInfo info;
    if (!photo_probe(path, &info, &err))
        return fail_err(&err);
    printf("width=%d height=%d orientation=%d format=%s\n", info.width, info.height, info.orientation, info.format);
    return 0;
}

int cli_main(int argc, char **argv)
{
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("smpview %s\n", SMP_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "render"))
        return cmd_render(argc, argv);
    if (!strcmp(cmd, "swatch"))
        return cmd_swatch(argc, argv);
    if (!strcmp(cmd, "match"))
        return cli_match(argc, argv);
    if (!strcmp(cmd, "plan-add-view"))
        return cli_plan_add_view(argc, argv);
    if (!strcmp(cmd, "unpack"))
        return cmd_unpack(argc, argv);
    return cmd_info(argc, argv);
}
