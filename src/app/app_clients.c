/* The open dialog's Clients list: which plans, in what order, and the
 * background job that reads each plan's client name and makes thumbnails of
 * the photos of the rows on screen (a folder of 500 plans costs 500 stats
 * when the list is built; plans are parsed and photos decoded off the UI
 * thread, photos only for visible rows). */
#include "app_clients.h"

#include "../io/photo.h"
#include "../io/plan_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef struct PlanFile {
    const char *path;
    int64_t mtime_ns;
} PlanFile;

static uint64_t path_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Newest first; the path breaks ties, so one file listed twice is adjacent. */
static int newest_first(const void *pa, const void *pb)
{
    const PlanFile *a = pa, *b = pb;
    if (a->mtime_ns != b->mtime_ns)
        return a->mtime_ns > b->mtime_ns ? -1 : 1;
    return strcmp(a->path, b->path);
}

static void join_job(AppClients *c)
{
    if (!c->started)
        return;
    atomic_store(&c->cancel, true);
    thrd_join(c->thread, NULL);
    c->started = false;
    atomic_store(&c->cancel, false);
}

static bool add_candidate(PlanFile *list, int *n, const char *path)
{
    struct stat st;
    if (*n >= CLIENTS_MAX || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    list[*n].path = path;
    list[*n].mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
    (*n)++;
    return true;
}

/* What an older list already read about the same unchanged file. */
static void reuse(ClientPlan *p, const ClientPlan *old, int old_count)
{
    for (int i = 0; i < old_count; i++) {
        const ClientPlan *o = &old[i];
        if (o->path_hash != p->path_hash || o->mtime_ns != p->mtime_ns || strcmp(o->path, p->path))
            continue;
        if (atomic_load(&o->meta) != META_PENDING) {
            memcpy(p->client, o->client, sizeof p->client);
            memcpy(p->photo, o->photo, sizeof p->photo);
            atomic_store(&p->meta, atomic_load(&o->meta));
        }
        int t = atomic_load(&o->thumb);
        if (t == THUMB_READY || t == THUMB_MISSING) {
            memcpy(p->px, o->px, sizeof p->px);
            atomic_store(&p->thumb, t);
        }
        return;
    }
}

static bool fill_items(AppClients *c, PlanFile *cand, int n)
{
    ClientPlan *items = calloc((size_t)(n ? n : 1), sizeof *items);
    int *shown = calloc((size_t)(n ? n : 1), sizeof *shown);
    if (!items || !shown) {
        free(items);
        free(shown);
        return false;
    }
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && !strcmp(cand[i].path, cand[i - 1].path))
            continue;
        ClientPlan *p = &items[m++];
        snprintf(p->path, sizeof p->path, "%s", cand[i].path);
        p->path_hash = path_hash(p->path);
        p->mtime_ns = cand[i].mtime_ns;
        reuse(p, c->items, c->count);
    }
    free(c->items);
    free(c->shown);
    c->items = items;
    c->shown = shown;
    c->count = m;
    return true;
}

typedef char PlanPath[sizeof((ClientPlan *)0)->path];

/* The plans of one folder listing, their paths kept in `paths`. */
static void add_folder(PlanFile *cand, PlanPath *paths, int *n, const BrowseList *folder)
{
    for (int i = 0; i < folder->count && *n < CLIENTS_MAX; i++) {
        if (folder->entries[i].kind != BROWSE_PLAN)
            continue;
        browse_entry_path(folder, i, paths[*n], sizeof paths[*n]);
        add_candidate(cand, n, paths[*n]);
    }
}

/* The folders of the recent plans other than the one shown: where the
 * technician keeps clients' plans. */
static void add_recent_folders(PlanFile *cand, PlanPath *paths, int *n, char recent[][APP_PATH_MAX], int n_recent,
                               const char *shown)
{
    BrowseList other;
    if (!browse_init(&other, CLIENTS_MAX))
        return;
    for (int i = 0; i < n_recent; i++) {
        char dir[BROWSE_PATH_MAX];
        browse_parent(recent[i], dir, sizeof dir);
        bool seen = !strcmp(dir, shown);
        for (int j = 0; j < i && !seen; j++) {
            char before[BROWSE_PATH_MAX];
            browse_parent(recent[j], before, sizeof before);
            seen = !strcmp(dir, before);
        }
        SmpError err = {{0}};
        if (!seen && browse_list(&other, dir, false, &err))
            add_folder(cand, paths, n, &other);
    }
    browse_free(&other);
}

bool app_clients_build(AppClients *c, char recent[][APP_PATH_MAX], int n_recent, const BrowseList *folder)
{
    join_job(c);
    PlanFile *cand = calloc(CLIENTS_MAX, sizeof *cand);
    PlanPath *paths = calloc(CLIENTS_MAX, sizeof *paths);
    bool ok = cand && paths;
    int n = 0;
    for (int i = 0; ok && i < n_recent; i++)
        add_candidate(cand, &n, recent[i]);
    if (ok) {
        add_folder(cand, paths, &n, folder);
        add_recent_folders(cand, paths, &n, recent, n_recent, folder->dir);
    }
    if (ok) {
        qsort(cand, (size_t)n, sizeof *cand, newest_first);
        ok = fill_items(c, cand, n);
    }
    free(cand);
    free(paths);
    app_clients_filter(c);
    return ok;
}

const char *app_clients_name(const ClientPlan *p)
{
    if (atomic_load(&p->meta) == META_READ && p->client[0])
        return p->client;
    const char *slash = strrchr(p->path, '/');
    return slash ? slash + 1 : p->path;
}

/* True when `needle` is in `text`, ASCII letters in any case. */
static bool contains_nocase(const char *text, const char *needle)
{
    size_t n = strlen(needle);
    for (; *text; text++)
        if (!strncasecmp(text, needle, n))
            return true;
    return n == 0;
}

static bool matches(const ClientPlan *p, const char *search)
{
    const char *slash = strrchr(p->path, '/');
    if (contains_nocase(slash ? slash + 1 : p->path, search))
        return true;
    return atomic_load(&p->meta) == META_READ && contains_nocase(p->client, search);
}

void app_clients_filter(AppClients *c)
{
    c->shown_count = 0;
    for (int i = 0; i < c->count; i++)
        if (matches(&c->items[i], c->search))
            c->shown[c->shown_count++] = i;
}

void app_clients_want_thumb(AppClients *c, int i)
{
    int none = THUMB_NONE;
    atomic_compare_exchange_strong(&c->items[i].thumb, &none, THUMB_WANTED);
}

/* ---- the job ---- */

static void read_meta(ClientPlan *p, SmpPlan *plan)
{
    SmpError err = {{0}};
    if (!plan_load(p->path, plan, &err)) {
        atomic_store(&p->meta, META_UNREADABLE);
        return;
    }
    memcpy(p->client, plan->client, sizeof p->client);
    if (!plan->photo_path[0] || !plan_resolve_photo(p->path, plan, p->photo, sizeof p->photo))
        p->photo[0] = 0;
    plan_free(plan);
    atomic_store(&p->meta, META_READ);
}

/* The mean colour of each cell over the photo's centre at 4:3. */
void app_thumb_of(const SmpImage *img, uint32_t *px)
{
    int cw = img->width, ch = img->height;
    if (cw * 3 > ch * 4)
        cw = ch * 4 / 3;
    else
        ch = cw * 3 / 4;
    int x0 = (img->width - cw) / 2, y0 = (img->height - ch) / 2;
    for (int ty = 0; ty < THUMB_H; ty++)
        for (int tx = 0; tx < THUMB_W; tx++) {
            int xa = x0 + tx * cw / THUMB_W, xb = x0 + (tx + 1) * cw / THUMB_W;
            int ya = y0 + ty * ch / THUMB_H, yb = y0 + (ty + 1) * ch / THUMB_H;
            xb = xb > xa ? xb : xa + 1, yb = yb > ya ? yb : ya + 1;
            uint64_t sum[3] = {0}, count = (uint64_t)(xb - xa) * (uint64_t)(yb - ya);
            for (int y = ya; y < yb; y++)
                for (int x = xa; x < xb; x++) {
                    const uint8_t *s = image_pixel(img, x, y);
                    sum[0] += s[0], sum[1] += s[1], sum[2] += s[2];
                }
            px[ty * THUMB_W + tx] = (uint32_t)(sum[0] / count) | (uint32_t)(sum[1] / count) << 8 |
                                    (uint32_t)(sum[2] / count) << 16 | 0xFF000000u;
        }
}

static void make_thumb(ClientPlan *p)
{
    SmpImage img = {0};
    SmpError err = {{0}};
    bool ok = atomic_load(&p->meta) == META_READ && p->photo[0] && photo_load_small(p->photo, THUMB_H * 4, &img, &err) &&
              img.width > 0 && img.height > 0;
    if (ok)
        app_thumb_of(&img, p->px);
    image_free(&img);
    atomic_store(&p->thumb, ok ? THUMB_READY : THUMB_MISSING);
}

/* Thumbnails asked for come first, then the names of every plan. */
static int next_work(AppClients *c)
{
    for (int i = 0; i < c->count; i++)
        if (atomic_load(&c->items[i].thumb) == THUMB_WANTED)
            return i;
    for (int i = 0; i < c->count; i++)
        if (atomic_load(&c->items[i].meta) == META_PENDING)
            return i;
    return -1;
}

static int clients_job(void *arg)
{
    AppClients *c = arg;
    SmpPlan *plan = malloc(sizeof *plan);
    int i;
    while (plan && !atomic_load(&c->cancel) && (i = next_work(c)) >= 0) {
        ClientPlan *p = &c->items[i];
        if (atomic_load(&p->meta) == META_PENDING)
            read_meta(p, plan);
        if (atomic_load(&p->thumb) == THUMB_WANTED)
            make_thumb(p);
    }
    free(plan);
    atomic_store(&c->running, false);
    return 0;
}

void app_clients_pump(AppClients *c)
{
    if (c->started && !atomic_load(&c->running)) {
        thrd_join(c->thread, NULL);
        c->started = false;
    }
    if (c->started || next_work(c) < 0)
        return;
    atomic_store(&c->running, true);
    if (thrd_create(&c->thread, clients_job, c) == thrd_success)
        c->started = true;
    else
        atomic_store(&c->running, false); /* no thread: rows keep their placeholders */
}

bool app_clients_busy(const AppClients *c) { return atomic_load(&c->running); }

void app_clients_free(AppClients *c)
{
    join_job(c);
    free(c->items);
    free(c->shown);
    c->items = NULL;
    c->shown = NULL;
    c->count = c->shown_count = 0;
}
