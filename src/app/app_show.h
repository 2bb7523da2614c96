/* app_show.h - "Show the client", the full-screen view (app_show.c). */
#ifndef SMP_APP_SHOW_H
#define SMP_APP_SHOW_H

#include "app.h"

/* What "Show the client" shows. */
typedef enum AppShowLayout { SHOW_AFTER = 0, SHOW_SPLIT, SHOW_SIDE } AppShowLayout;

void app_show_enter(App *app);
void app_show_exit(App *app);
bool app_show_key(App *app, int key, int mods); /* true: the key was the show mode's */
float app_show_bar_height(const App *app);      /* px at scale 1; 0 when not showing */
void app_show_draw(App *app);
void app_show_pointer_down(App *app, float x);

#endif
