/* Opening photos and plans. The plan (small) is read at once; the photo is
 * checked from its header at once and decoded on a worker thread, so a
 * 48-megapixel photo does not stop the window. Everything is loaded into the
 * LoadJob first and swapped in only on success: a failed open leaves the
 * photo, the plan and the undo history untouched. A plan whose photo is
 * missing waits in app->locate while the user points to the photo. */
#include "app_internal.h"
#include "app_job.h"

#include "../core/plan_json.h"
#include "../core/scar_spots.h"
#include "../io/atomic_file.h"
#include "../io/bundle.h"
#include "../io/photo.h"
#include "../io/plan_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return false;
    for (size_t i = 0; i < m; i++) {
        char a = s[n - m + i], b = suffix[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

/* True when the file starts like a plan (JSON with "smpview_plan"). */
static bool file_is_plan(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    /* as much as plan_json_sniff looks at: leading blank lines or a BOM must
     * not turn a plan into "not a photo" */
    enum { SNIFF_MAX = 65536 };
    char *buf = malloc(SNIFF_MAX);
    size_t n = buf ? fread(buf, 1, SNIFF_MAX, f) : 0;
    fclose(f);
    bool plan = buf && (plan_json_sniff(buf, n) || (n > 0 && ends_with_ci(path, ".smp") && buf[0] == '{'));
    free(buf);
    return plan;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

bool app_scar_spots_find(SmpScene *scene, const SmpImage *photo, const SmpPlan *plan, SmpError *err)
{
    ScarSpotList spots = {0, NULL};
    bool ok = scar_spots_detect(photo, plan, &spots, err) && scene_set_scar_spots(scene, &spots, err);
    scar_spots_free(&spots);
    return ok;
}

bool app_loading(const App *app) { return app->load.running && !app->load.cancelled; }

/* Without a renderer's report (unit tests) a photo counts as shown at once. */
bool app_uploading(const App *app)
{
    return app->doc.shown_known && app->doc.has_photo && app->doc.shown_gen != app_views_photo_gen(app);
}

bool app_sharpening(const App *app)
{
    return app->doc.shown_known && app->doc.has_photo && !app->doc.shown_sharp;
}

void app_photo_shown(App *app, unsigned photo_gen, float progress, bool sharp)
{
    app->doc.shown_known = true;
    app->doc.shown_gen = photo_gen;
    app->doc.upload_progress = progress;
    app->doc.shown_sharp = sharp;
}

/* The photo's blur, grain and sheen (photo_look.h), measured as the export
 * does: around the plan's dots, or over the whole photo while it has none. */
static bool load_photo_look(AppLoadJob *job)
{
    const DotList *dots = scene_dots(job->scene);
    PhotoBox box = {0, 0, job->photo.width, job->photo.height};
    if (dots->count > 0)
        box = photo_look_box_of_dots(dots, scene_px_per_mm(job->scene), job->photo.width, job->photo.height);
    photo_look_estimate(&job->photo, box, &job->photo_look);
    return photo_look_sheen(&job->photo, box, &job->sheen, &job->err);
}

/* The photo's pixels, and its hash: it goes into new plans and tells a
 * swapped photo from the right one. */
static void load_photo(AppLoadJob *job)
{
    job->ok = photo_load_hashed(job->photo_path, &job->photo, NULL, job->hash, &job->err);
    /* Closing the app or Esc while the photo decoded: the dots (which can
     * take seconds on a big plan) are not built for nothing. */
    if (job->ok && atomic_load(&job->abort))
        job->ok = smp_fail(&job->err, "cancelled");
}

/* The scene the dots are built in: scar spots and the plan's fitted head. */
static void load_scene(AppLoadJob *job)
{
    job->ok = scene_create(job->photo.width, job->photo.height, &job->scene, &job->err);
    /* A scene that cannot be built (a scale that would need gigabytes) still
     * opens, without dots and with the reason shown, so the scale can be
     * fixed: job->err carries the message with ok still true. */
    if (job->ok)
        job->ok = app_scar_spots_find(job->scene, &job->photo, &job->plan, &job->err);
    Head3D head; /* a plan's fitted head, as `smpview render` uses it */
    if (job->ok && head3d_from_plan(&job->plan.head, job->photo.width, job->photo.height, &head))
        scene_set_head(job->scene, &head);
}

/* The dots too, off the frame: a 48-megapixel photo's candidate field takes
 * a few hundred ms. The scene reads nothing the commit changes in the plan
 * (photo path, hash, size). */
static void load_dots(AppLoadJob *job)
{
    if (!scene_update(job->scene, &job->plan, SCENE_CHANGED_ALL, &job->err) && !job->err.msg[0])
        snprintf(job->err.msg, sizeof job->err.msg, "the dots could not be built");
}

/* The steps of opening a photo (app_job.h); the mattes come after, once the
 * photo shows (app_mattes.c). */
static bool load_step(void *arg, int step)
{
    AppLoadJob *job = arg;
    enum { PHOTO, SCENE, DOTS, LOOK };
    switch (step) {
    case PHOTO: load_photo(job); break;
    case SCENE: load_scene(job); break;
    case DOTS: load_dots(job); break;
    case LOOK: job->ok = load_photo_look(job); break;
    }
    if (job->ok && step < LOOK)
        return true;
    atomic_store(&job->done, 1);
    return false;
}

static void load_reset(AppLoadJob *job)
{
    plan_free(&job->plan);
    plan_init(&job->plan);
    image_free(&job->photo);
    photo_look_sheen_free(&job->sheen);
    scene_destroy(job->scene);
    job->scene = NULL;
    job->has_plan = job->relink = job->recover = job->cancelled = job->quiet = false;
    job->plan_path[0] = job->photo_path[0] = job->origin[0] = job->bundle[0] = job->hash[0] = 0;
}

/* Starts decoding photo_path for the plan already in app->load. */
static bool load_start(App *app, SmpError *err)
{
    AppLoadJob *job = &app->load;
    PhotoInfo info;
    /* The header now: a missing file or one that is not a photo fails at
     * once, before anything changes. */
    if (!photo_probe(job->photo_path, &info, err)) {
        load_reset(job);
        return false;
    }
    memset(&job->err, 0, sizeof job->err);
    atomic_store(&job->done, 0);
    atomic_store(&job->abort, 0);
    job->ok = false;
    job->cancelled = false;
    job->started = app->now;
    if (app_job_start(&job->thread, load_step, job) != thrd_success) {
        load_reset(job);
        return smp_fail(err, "could not start opening %s", job->photo_path);
    }
    job->running = true;
    /* Nothing is half-done while the photo opens. */
    app_edit_end(app);
    app->gesture.drag = DRAG_NONE;
    app->ptr_down = app->ptr_pressed = app->ptr_released = false;
    if (app->dlg.kind == DLG_PATH || app->dlg.kind == DLG_MESSAGE)
        app->dlg.kind = DLG_NONE;
    char msg[APP_PATH_MAX + 32];
    snprintf(msg, sizeof msg, "Opening %s...", base_name(job->photo_path));
    app_set_status(app, msg);
    return true;
}

static bool load_refused(const App *app, SmpError *err)
{
    if (app->job.running)
        return smp_fail(err, "wait for the export to finish");
    if (app->load.running)
        return smp_fail(err, "wait: a photo is still opening");
    return false;
}

/* Shows the locate dialog for a plan whose photo is not where it says. */
static void locate_begin(App *app, SmpPlan *plan, const char *plan_path, const char *missing, bool recover,
                         const char *origin)
{
    app_locate_cancel(app);
    AppLocate *l = &app->locate;
    l->active = true;
    l->plan = *plan; /* moved */
    plan_init(plan);
    app_copy_str(l->plan_path, sizeof l->plan_path, plan_path);
    app_copy_str(l->missing, sizeof l->missing, missing);
    l->recover = recover;
    app_copy_str(l->origin, sizeof l->origin, origin);
    app_ask_path(app, PATH_LOCATE);
    char msg[APP_PATH_MAX + 64];
    snprintf(msg, sizeof msg, "%s: its photo is missing; choose it", base_name(plan_path));
    app_set_status(app, msg);
}

static bool open_ex(App *app, const char *path, bool recover, bool quiet, const char *origin, SmpError *err)
{
    if (load_refused(app, err))
        return false;
    AppLoadJob *job = &app->load;
    load_reset(job);
    job->reopen_path[0] = 0;
    const char *asked = path;
    /* A FIFO or device would block this (UI) thread on its first read. */
    if (!photo_check_regular(path, err))
        return false;
    char unpacked[APP_PATH_MAX];
    if (bundle_sniff(path)) { /* a plan with its photo, from the tablet */
        if (!bundle_unpack(path, unpacked, sizeof unpacked, err))
            return false;
        app_copy_str(job->bundle, sizeof job->bundle, path);
        path = unpacked;
    }
    if (file_is_plan(path)) {
        /* A newer format version is refused here, before anything changes:
         * the file is never opened for writing. */
        if (!plan_load(path, &job->plan, err)) {
            load_reset(job);
            return false;
        }
        job->has_plan = true;
        app_absolute_path(path, job->plan_path, sizeof job->plan_path);
        char resolved[APP_PATH_MAX];
        if (!plan_resolve_photo(path, &job->plan, resolved, sizeof resolved)) {
            load_reset(job);
            return smp_fail(err, "%s: the plan names no photo", path);
        }
        if (access(resolved, F_OK) != 0) {
            locate_begin(app, &job->plan, job->plan_path, resolved, recover, origin);
            load_reset(job);
            return true;
        }
        app_absolute_path(resolved, job->photo_path, sizeof job->photo_path);
    } else {
        app_absolute_path(path, job->photo_path, sizeof job->photo_path);
    }
    job->recover = recover;
    job->quiet = quiet;
    app_copy_str(job->origin, sizeof job->origin, origin);
    /* a plain open (not the autosave, not the sample) may be tried again */
    app_copy_str(job->reopen_path, sizeof job->reopen_path, recover || quiet ? "" : asked);
    return load_start(app, err);
}

bool app_open_path(App *app, const char *path, SmpError *err) { return open_ex(app, path, false, false, "", err); }

void app_open_again(App *app)
{
    char path[APP_PATH_MAX];
    app_copy_str(path, sizeof path, app->load.reopen_path);
    if (path[0] && !app->load.running)
        app_request_open(app, path); /* as a drop: unsaved changes are asked about first */
}

bool app_open_sample(App *app, const char *path, SmpError *err) { return open_ex(app, path, false, true, "", err); }

bool app_open_recover(App *app, const char *autosave, const char *origin, SmpError *err)
{
    return open_ex(app, autosave, true, false, origin, err);
}

bool app_locate_choose(App *app, const char *photo_path, SmpError *err)
{
    if (!app->locate.active)
        return smp_fail(err, "no plan is waiting for its photo");
    if (load_refused(app, err))
        return false;
    AppLoadJob *job = &app->load;
    load_reset(job);
    AppLocate *l = &app->locate;
    if (!plan_copy(&l->plan, &job->plan, err))
        return false;
    job->has_plan = true;
    job->relink = true;
    job->recover = l->recover;
    app_copy_str(job->origin, sizeof job->origin, l->origin);
    app_copy_str(job->plan_path, sizeof job->plan_path, l->plan_path);
    app_absolute_path(photo_path, job->photo_path, sizeof job->photo_path);
    if (!load_start(app, err))
        return false; /* the locate dialog stays for another choice */
    app_locate_cancel(app);
    return true;
}

void app_locate_cancel(App *app)
{
    if (!app->locate.active)
        return;
    plan_free(&app->locate.plan);
    plan_init(&app->locate.plan);
    app->locate.active = false;
}

void app_load_cancel(App *app)
{
    if (!app_loading(app))
        return;
    app->load.cancelled = true;
    atomic_store(&app->load.abort, 1);
    app_set_status(app, "Opening cancelled");
}

void app_load_join(App *app)
{
    if (!app->load.running)
        return;
    atomic_store(&app->load.abort, 1); /* closing: finish no sooner than needed */
    thrd_join(app->load.thread, NULL);
    app->load.running = false;
    load_reset(&app->load);
}

/* A new document (or none): no history, nothing selected or half-done, and
 * the dots and hairline curve made again. */
static void document_state_reset(App *app)
{
    undo_clear(&app->history.undo);
    undo_clear(&app->history.redo);
    app->tools.selected_point = -1;
    app->gesture.calib_clicks = 0;
    app->gesture.stroke_region = -1;
    app->gesture.stroke_correction = -1;
    app->gesture.drag = DRAG_NONE;
    app->doc.pending = 0;
    app->doc.in_charts = false; /* the new scene knows no other view yet */
    app_charts_reset(app);
    app->doc.dots_gen++;
    app->doc.curve_stale = true;
    app->doc.export_count = 0;
}

/* Moves the loaded photo, plan and scene into the document: nothing fails. */
static void load_swap_in(App *app, AppLoadJob *job, SmpPlan plan, SmpPlan saved)
{
    AppDoc *doc = &app->doc;
    app_edit_cancel(app);
    app_mattes_release_photo(app);
    doc->photo = job->photo;
    photo_look_sheen_free(&doc->sheen);
    doc->sheen = job->sheen;
    doc->photo_look = job->photo_look;
    job->sheen = (SheenMap){0};
    doc->has_photo = true;
    doc->photo_gen++;
    plan_free(&doc->plan);
    doc->plan = plan;
    plan_free(&doc->saved);
    doc->saved = saved;
    doc->dirty = false;
    app_head_reset(app);
    app_views_reset(app);
    app->state.forgotten = false;
    scene_destroy(doc->scene);
    doc->scene = job->scene; /* up to date with the plan */
    job->scene = NULL;
    app_mattes_start(app); /* the dots go unfiltered until they are found */
    app_copy_str(doc->photo_path, sizeof doc->photo_path, job->photo_path);
    app_copy_str(doc->plan_path, sizeof doc->plan_path, job->recover ? job->origin : job->plan_path);
    app->view.photo_w = doc->photo.width;
    app->view.photo_h = doc->photo.height;
    app->view_ready = false; /* fit on the next frame */
    document_state_reset(app);
    app->steps = (AppSteps){0};
    app_step_go(app, app_step_first_undone(app)); /* the consultation picks up where the plan is */
    /* Ownership moved to the app. */
    plan_init(&job->plan);
    job->photo = (SmpImage){0};
}

/* What the status says after an open (not a recovery or a relink); the
 * state folder learns the recent plan and the last folder. */
static void opened_message(App *app, const AppLoadJob *job, bool swapped, int w, int h, char *msg, size_t size)
{
    if (!job->quiet && job->plan_path[0]) {
        app_state_add_recent(app, job->plan_path);
        app_state_set_last_folder(app, job->plan_path);
    } else if (!job->quiet) {
        app_state_set_last_folder(app, job->photo_path);
    }
    if (swapped) {
        fprintf(stderr, "smpview: warning: %s: the photo's content differs from the one the plan was made on\n",
                job->photo_path);
        snprintf(msg, size, "Warning: %s is not the photo this plan was made on (its content changed)",
                 base_name(job->photo_path));
    } else if (job->bundle[0]) {
        char folder[APP_PATH_MAX];
        app_copy_str(folder, sizeof folder, job->plan_path);
        *strrchr(folder, '/') = '\0'; /* plan_path is absolute */
        snprintf(msg, size, "Opened %.300s: its plan and photo are unpacked beside it, in %.300s/", base_name(job->bundle),
                 base_name(folder));
    } else {
        snprintf(msg, size, "Opened %s (%dx%d)", base_name(job->plan_path[0] ? job->plan_path : job->photo_path),
                 w, h);
    }
}

/* A photo chosen for a plan whose photo was missing: the plan as it was on
 * disk is what "saved" means; the new photo path (relative to the plan
 * file) is an unsaved change. */
static void relink_plan(const AppLoadJob *job, SmpPlan *plan)
{
    if (job->plan_path[0] && !job->recover)
        plan_relative_photo_path(job->plan_path, job->photo_path, plan->photo_path, sizeof plan->photo_path);
    else
        app_copy_str(plan->photo_path, sizeof plan->photo_path, job->photo_path);
    if (plan->photo_hash[0])
        app_copy_str(plan->photo_hash, sizeof plan->photo_hash, job->hash);
}

/* Swaps the loaded photo and plan in. */
static void load_commit(App *app)
{
    AppLoadJob *job = &app->load;
    SmpError err = {{0}};
    SmpPlan plan = job->plan;
    int w = job->photo.width, h = job->photo.height;
    if (!job->has_plan) {
        app_copy_str(plan.photo_path, sizeof plan.photo_path, job->photo_path);
        app_copy_str(plan.photo_hash, sizeof plan.photo_hash, job->hash);
        plan.photo_width = w;
        plan.photo_height = h;
    }
    /* As `smpview render` does: a warning, the plan still opens. */
    bool swapped = job->has_plan && !job->relink && plan.photo_hash[0] && strcmp(plan.photo_hash, job->hash) != 0;
    int made_w = plan.photo_width, made_h = plan.photo_height;
    bool size_differs = job->relink && made_w > 0 && (made_w != w || made_h != h);
    if (plan.photo_width <= 0 || plan.photo_height <= 0) {
        plan.photo_width = w;
        plan.photo_height = h;
    }
    SmpPlan saved;
    plan_init(&saved);
    if (!plan_copy(&plan, &saved, &err)) {
        plan_free(&saved);
        load_reset(job);
        app_set_error(app, err.msg);
        return;
    }
    if (job->relink)
        relink_plan(job, &plan);
    load_swap_in(app, job, plan, saved);
    char msg[APP_PATH_MAX + 96];
    if (job->recover) {
        /* The recovered plan belongs to its original file (or none): unsaved. */
        plan_free(&app->doc.saved);
        plan_init(&app->doc.saved);
        app->doc.dirty = true;
        snprintf(msg, sizeof msg, "Recovered unsaved work: save it to keep it");
    } else {
        opened_message(app, job, swapped, w, h, msg, sizeof msg);
    }
    if (job->relink) {
        app->doc.dirty = !plan_equal(&app->doc.plan, &app->doc.saved) || job->recover;
        app->state.autosave_due = app->now + 0.5;
        if (size_differs)
            snprintf(msg, sizeof msg, "Photo linked, but it is %dx%d and the plan was made on %dx%d: check the marks",
                     w, h, made_w, made_h);
        else
            snprintf(msg, sizeof msg, "Photo linked: save the plan to keep the new photo");
    }
    app_set_status(app, msg);
    if (job->err.msg[0]) /* opened, but without dots: say why */
        app_set_error(app, job->err.msg);
    load_reset(job);
}

void app_load_poll(App *app)
{
    AppLoadJob *job = &app->load;
    if (!job->running || !atomic_load(&job->done))
        return;
    thrd_join(job->thread, NULL);
    job->running = false;
    if (job->cancelled) {
        job->reopen_path[0] = 0;
        load_reset(job);
    } else if (!job->ok) {
        char msg[sizeof job->err.msg];
        app_copy_str(msg, sizeof msg, job->err.msg);
        load_reset(job);
        app_set_error(app, msg);
    } else {
        job->reopen_path[0] = 0;
        load_commit(app);
    }
}

/* The photo, its plan and everything made from them leave the screen, as at a
 * start with nothing to open; the mattes thread (if any) finishes on its own. */
static void close_document(App *app)
{
    app_edit_cancel(app);
    app_mattes_release_photo(app);
    app->doc.has_photo = false;
    app->doc.photo_gen++;
    app_mattes_start(app); /* with no photo: only drops the mattes */
    photo_look_sheen_free(&app->doc.sheen);
    photo_look_sheen_free(&app->doc.redness);
    app->doc.photo_look = (PhotoLook){0};
    scene_destroy(app->doc.scene);
    app->doc.scene = NULL;
    plan_free(&app->doc.plan);
    plan_init(&app->doc.plan);
    plan_free(&app->doc.saved);
    plan_init(&app->doc.saved);
    app_head_reset(app);
    app_views_reset(app);
    app->doc.dirty = false;
    app->doc.photo_path[0] = app->doc.plan_path[0] = 0;
    app->show_client = false;
    document_state_reset(app);
}

/* The client's plans and this document's exports, as the files to delete;
 * those that do not exist (any more) or are the photo are left out. */
static int client_files(const App *app, char out[][APP_PATH_MAX], int max)
{
    int n = app_state_client_plans(app, out, max);
    for (int i = 0; i < app->doc.export_count && n < max; i++)
        app_copy_str(out[n++], APP_PATH_MAX, app->doc.exports[i]);
    int m = 0;
    for (int i = 0; i < n; i++)
        if (access(out[i], F_OK) == 0 && !file_is_same(out[i], app->doc.photo_path))
            memmove(out[m++], out[i], APP_PATH_MAX);
    return m;
}

enum { FORGET_FILES_MAX = 64 };

int app_forget_client_files(const App *app)
{
    char(*files)[APP_PATH_MAX] = malloc(sizeof(char[FORGET_FILES_MAX][APP_PATH_MAX]));
    int n = files ? client_files(app, files, FORGET_FILES_MAX) : 0;
    free(files);
    return n;
}

void app_forget_client(App *app, bool delete_files)
{
    /* listed first (the recent plans are recognised by reading them), deleted
     * after the state folder has forgotten them */
    char(*files)[APP_PATH_MAX] = delete_files ? malloc(sizeof(char[FORGET_FILES_MAX][APP_PATH_MAX])) : NULL;
    int n = files ? client_files(app, files, FORGET_FILES_MAX) : 0, deleted = 0;
    char where[APP_PATH_MAX];
    const char *file = app->doc.plan_path[0] ? app->doc.plan_path : app->doc.photo_path;
    const char *slash = strrchr(file, '/');
    snprintf(where, sizeof where, "%.*s", slash ? (int)(slash - file) : 0, file);
    app_state_forget_client(app);
    for (int i = 0; i < n; i++)
        deleted += remove(files[i]) == 0;
    free(files);
    close_document(app);
    app_clients_free(&app->browse.clients); /* the open dialog's names and thumbnails held in memory */
    char msg[APP_PATH_MAX + 96];
    if (delete_files)
        snprintf(msg, sizeof msg, "Client forgotten; %d of their files deleted (plans and exports)", deleted);
    else
        snprintf(msg, sizeof msg,
                 where[0] ? "Client forgotten. Their plans and images stay in %s" : "Client forgotten", where);
    app_set_status(app, msg);
}
