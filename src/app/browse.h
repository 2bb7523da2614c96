/* browse.h - one folder's photos, plans and subfolders, for the open dialog.
 *
 * browse_list reads a directory (POSIX dirent), keeps the entries the open
 * dialog can use (folders, and files whose extension is a photo or a plan:
 * .jpg .jpeg .png .heic .heif .webp .smp, any case; photos only when asked),
 * and sorts them: ".." first (except at "/"), folders, then files, each by
 * name ignoring case. Hidden names (starting with '.') are skipped.
 *
 * Memory: browse_init reserves `capacity` entries once; listing never
 * allocates (entries past the capacity are counted in `more`). On failure
 * (no such folder, no permission) the previous listing is kept and err says
 * why. No SDL, no GL: plain C11 + POSIX.
 */
#ifndef SMP_BROWSE_H
#define SMP_BROWSE_H

#include "../core/error.h"

#include <stdbool.h>
#include <stddef.h>

enum { BROWSE_PATH_MAX = 1024, BROWSE_NAME_MAX = 256 };

/* BROWSE_BUNDLE: a plan with its photo (.smpb, io/bundle.h), opened unpacked. */
typedef enum BrowseKind { BROWSE_UP = 0, BROWSE_DIR, BROWSE_PLAN, BROWSE_PHOTO, BROWSE_BUNDLE } BrowseKind;

typedef struct BrowseEntry {
    char name[BROWSE_NAME_MAX];
    BrowseKind kind;
} BrowseEntry;

typedef struct BrowseList {
    char dir[BROWSE_PATH_MAX]; /* absolute, no trailing '/' except for "/" */
    BrowseEntry *entries;
    int count, capacity;
    int more;                  /* usable entries left out for lack of room */
} BrowseList;

bool browse_init(BrowseList *b, int capacity);
void browse_free(BrowseList *b);

/* Lists `dir` (made absolute). photos_only hides plans and bundles. */
bool browse_list(BrowseList *b, const char *dir, bool photos_only, SmpError *err);

/* What a file name is for the dialog: BROWSE_PLAN, BROWSE_PHOTO, BROWSE_BUNDLE, or -1. */
int browse_file_kind(const char *name);

/* The full path of entry i ("..": the parent folder). */
void browse_entry_path(const BrowseList *b, int i, char *out, size_t size);

/* The parent of an absolute folder ("/" stays "/"). */
void browse_parent(const char *dir, char *out, size_t size);

#endif
