/* app_head_handles.h - the fitted head's outline over the photo in the Head &
 * hairline step, and its handles (app_head_handles.c, docs/head3d.md "Correcting
 * the fit"). */
#ifndef SMP_APP_HEAD_HANDLES_H
#define SMP_APP_HEAD_HANDLES_H

#include "app.h"

#include <stdbool.h>
#include <stdio.h>

/* The handle under screen point (x, y) (a HeadHandle), or -1: none there, or the
 * outline not shown (another step, no fit, another view, the client's view). */
int app_head_handle_hit(const App *app, float x, float y);
/* A press on handle k: one undo step until the pointer lifts. */
void app_head_handle_begin(App *app, int k, float x, float y);
/* The pointer moved: the plan's head follows the handle. */
void app_head_handle_drag(App *app, float x, float y);
/* The outline and its handles, in the Head & hairline step. */
void app_head_handles_draw(App *app);

/* For the replay's `layout`: "handle K X Y REACH head" per handle shown, screen px. */
void app_head_handles_layout(const App *app, FILE *f);

#endif
