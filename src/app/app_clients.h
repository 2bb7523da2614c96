/* app_clients.h - the open dialog's Clients list (app_clients.c): the recent
 * plans, the other plans in their folders and the plans of the folder shown
 * (at most CLIENTS_MAX), newest change first, each with
 * the client's name or reference from the plan and a small thumbnail of its
 * photo, both read by a background job so the dialog never waits; a search
 * filters by client or file name.
 *
 * Threads: the job reads `path` and writes `client`, `photo`, `px`, then
 * publishes them through the atomic `meta` / `thumb` states; the UI thread
 * reads those fields only after seeing the state, and changes the list only
 * with the job joined. */
#ifndef SMP_APP_CLIENTS_H
#define SMP_APP_CLIENTS_H

#include "../core/plan.h"
#include "app_doc.h"
#include "browse.h"
#include "pics.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <threads.h>

/* Thumbnails are the picture atlas' cells (pics.h): 64 x 48. The items' pixels are
 * touched only once a thumbnail is made, so a long list costs memory only for those. */
enum { CLIENTS_MAX = 1024, THUMB_W = PIC_W, THUMB_H = PIC_H, CLIENTS_SEARCH_MAX = 128 };

typedef enum ClientMeta { META_PENDING = 0, META_READ, META_UNREADABLE } ClientMeta;
typedef enum ClientThumb { THUMB_NONE = 0, THUMB_WANTED, THUMB_READY, THUMB_MISSING } ClientThumb;

typedef struct ClientPlan {
    char path[BROWSE_PATH_MAX + BROWSE_NAME_MAX]; /* absolute */
    uint64_t path_hash;
    int64_t mtime_ns;                /* the plan file's last change */
    atomic_int meta;                 /* ClientMeta */
    atomic_int thumb;                /* ClientThumb */
    char client[PLAN_CLIENT_MAX];    /* from the plan, may be empty */
    char photo[BROWSE_PATH_MAX];     /* the plan's photo, resolved */
    uint32_t px[THUMB_W * THUMB_H];  /* RGBA, the photo's centre at 4:3 */
} ClientPlan;

typedef struct AppClients {
    ClientPlan *items; /* newest first */
    int count;
    int *shown;        /* indices into items matching the search */
    int shown_count;
    char search[CLIENTS_SEARCH_MAX];
    thrd_t thread;
    bool started;        /* a job was started and not yet joined */
    atomic_bool running; /* the job is still working */
    atomic_bool cancel;
} AppClients;

/* Lists `recent` (absolute plan paths), the plans in their folders and in
 * `folder`, keeping
 * what was already read for plans that did not change. False: no memory. */
bool app_clients_build(AppClients *c, char recent[][APP_PATH_MAX], int n_recent, const BrowseList *folder);
/* Recomputes `shown` from the search (client names arrive as they are read). */
void app_clients_filter(AppClients *c);
/* Asks for item i's thumbnail (a visible row). */
void app_clients_want_thumb(AppClients *c, int i);
/* Once a frame: joins a finished job, starts one when there is work. */
void app_clients_pump(AppClients *c);
bool app_clients_busy(const AppClients *c);
/* A photo's THUMB_W x THUMB_H thumbnail: the mean colour of each cell over its
 * centre at 4:3 (RGBA words, for pics_put). */
void app_thumb_of(const SmpImage *img, uint32_t *px);
/* The name a row shows: the client, else the file name. */
const char *app_clients_name(const ClientPlan *p);
void app_clients_free(AppClients *c);

#endif
