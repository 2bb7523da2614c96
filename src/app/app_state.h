/* app_state.h - the state folder: lock, autosave, recent plans, last folder
 * (app_state.c). */
#ifndef SMP_APP_STATE_H
#define SMP_APP_STATE_H

#include "app.h"
#include "app_doc.h"

typedef struct AppStateFolder {
    char dir[APP_PATH_MAX];
    double autosave_due; /* 0 = nothing pending */
    bool forgotten;      /* "Forget client": no autosave of this document until the next open or save */
    int lock;            /* fd + 1 of the state folder's lock file, 0 = not held */
    bool autosave_off;   /* another instance holds the lock: no autosave or recovery here */
    unsigned forgets;    /* times "Forget client" ran (the web page then drops its kept photos) */
} AppStateFolder;

bool app_state_lock(App *app);
void app_state_unlock(App *app);
void app_state_autosave(App *app);
/* Each frame: the autosave due after an edit, once no drag is under way. */
void app_state_poll(App *app);
void app_state_clear_autosave(App *app);
bool app_state_has_autosave(const App *app);
bool app_state_recover(App *app, SmpError *err);
void app_state_add_recent(App *app, const char *path);
int app_state_recent(const App *app, char out[][APP_PATH_MAX], int max);
void app_state_set_last_folder(App *app, const char *path);
void app_state_last_folder(const App *app, char *out, size_t size);
/* The clinic's text for exports, kept between sessions (the clinic's, not a
 * client's: Forget client leaves it); "" none or unreadable. */
void app_state_set_clinic_text(App *app, const char *text);
void app_state_clinic_text(const App *app, char *out, size_t size);
/* The size of buttons and text chosen on this device, 100-200 (%), 0: from the display. */
void app_state_set_ui_size(App *app, int pct);
int app_state_ui_size(const App *app);
/* The terms already explained on this device (app_hints.c), a bit each; 0 none. */
void app_state_set_explained(App *app, uint64_t bits);
uint64_t app_state_explained(const App *app);
void app_state_forget_client(App *app);
/* The client's plan files: the open plan and the recent plans made on the open
 * photo (never the photo itself). Returns how many went into out. */
int app_state_client_plans(const App *app, char out[][APP_PATH_MAX], int max);

#endif
