/* app_head_brush.h - the Head brush: strokes that correct the head matte, "head" or
 * "not head", kept in the plan's head_corrections (app_head_brush.c). */
#ifndef SMP_APP_HEAD_BRUSH_H
#define SMP_APP_HEAD_BRUSH_H

#include "app.h"

#include <stdbool.h>

/* A press with the Head brush: a new correction stroke (one undo step until the
 * release); false when none could be started (the reason is on the status line). */
bool app_head_stroke_begin(App *app, double px, double py);
void app_head_stroke_extend(App *app, double px, double py);
/* K: picks the Head brush, or switches head / not head when it is already picked. */
void app_head_brush_key(App *app);
/* The strokes the mattes on screen do not include yet, and the brush under the pointer. */
void app_head_brush_draw(App *app);

#endif
