/* app_status.h - what the editor says: the status line, errors, and the log
 * of what was shown that tests read (app_status.c). */
#ifndef SMP_APP_STATUS_H
#define SMP_APP_STATUS_H

#include "app.h"

#include <stddef.h>

typedef struct AppStatus {
    char text[256];           /* the latest message, "" once it faded */
    double time;              /* when it was set */
    char shown[256];          /* what the status bar showed last (SMPVIEW_STATUS_LOG) */
    char step_shown[400];     /* the step banner shown last (logged too) */
    char banner_shown[256];   /* the no-scale warning shown last, "" none (logged too) */
    char autosave_error[256]; /* the last autosave failed: stays on screen until one works */
    char last_error[512];
} AppStatus;

/* An error: in a dialog, on stderr and kept for app_last_error. */
void app_set_error(App *app, const char *msg);
void app_refuse(App *app, const char *title, const char *msg); /* same dialog, titled by the rule */
void app_set_status(App *app, const char *msg);
/* Tests read what the status bar says: each new text (not `last`), one line,
 * is appended to the file SMPVIEW_STATUS_LOG names; last becomes text. */
void app_status_log_shown(char *last, size_t size, const char *text);

#endif
