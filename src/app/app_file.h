/* app_file.h - saving the plan, and quitting or opening with unsaved work
 * (app_file.c). */
#ifndef SMP_APP_FILE_H
#define SMP_APP_FILE_H

#include "app.h"

bool app_save_to(App *app, const char *path, SmpError *err);
/* Save: to the plan's file, or asks where (save as) when it has none yet. */
void app_save(App *app);
/* Ask to save first when the plan has unsaved changes. */
void app_request_quit(App *app);
void app_request_open(App *app, const char *path);

#endif
