/* app_status.c - what the editor says: the status line and errors, escaped,
 * and the log of what the screen showed that tests read. */
#include "app_internal.h"

#include "../core/text_escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Messages name files and echo typed text: control characters are shown
 * escaped, on screen and on stderr alike. */
void app_set_error(App *app, const char *raw)
{
    app_refuse(app, "Something went wrong", raw);
}

/* A refusal by rule (no consent, a limit reached) is not a failure: its own title. */
void app_refuse(App *app, const char *title, const char *raw)
{
    app_copy_str(app->dlg.message_title, sizeof app->dlg.message_title, title);
    char msg[sizeof app->dlg.message * 4];
    smp_escape_controls(raw, msg, sizeof msg);
    app_copy_str(app->status.last_error, sizeof app->status.last_error, msg);
    app_copy_str(app->dlg.message, sizeof app->dlg.message, msg);
    fprintf(stderr, "smpview: %s\n", msg);
    if (app->dlg.kind == DLG_NONE || app->dlg.kind == DLG_PATH)
        app->dlg.kind = DLG_MESSAGE;
}

void app_set_status(App *app, const char *raw)
{
    char msg[sizeof app->status.text * 4];
    app_copy_str(app->status.text, sizeof app->status.text, smp_escape_controls(raw, msg, sizeof msg));
    app->status.time = app->now;
}

/* Tests read what the status bar says: each new text, one line, appended to
 * the file SMPVIEW_STATUS_LOG names. */
void app_status_log_shown(char *last, size_t size, const char *text)
{
    if (!strcmp(last, text))
        return;
    app_copy_str(last, size, text);
    const char *path = getenv("SMPVIEW_STATUS_LOG");
    FILE *f = path && path[0] ? fopen(path, "a") : NULL;
    if (f) {
        fprintf(f, "%s\n", text);
        fclose(f);
    }
}
