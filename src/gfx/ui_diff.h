/* ui_diff.h - what of a kept surface (gfx_set_keep_unchanged) a frame's UI
 * changes: its draw list compared with the one last drawn. On the page's
 * software GL a full 1280x800 copy costs up to ~50 ms, so a frame redraws
 * only the rectangle that changed (a progress bar, a tile of the photo). */
#ifndef SMP_UI_DIFF_H
#define SMP_UI_DIFF_H

#include "../app/draw.h"

#include <stdbool.h>

/* What of a picture changed: nothing, a rectangle, or all of it. */
enum { CHANGE_SAME, CHANGE_RECT, CHANGE_ALL };

/* A rectangle of screen px in GL's bottom-up rows: [x0, x1) x [y0, y1). */
typedef struct ScreenRect {
    int x0, y0, x1, y1;
} ScreenRect;

/* The box x0..x1, y0..y1 (screen px, y down) on a surface `height` px high,
 * widened to whole pixels and by `margin` more on each side. */
ScreenRect screen_box(int height, double x0, double y0, double x1, double y1, int margin);
/* Where a and b overlap (x0 >= x1 or y0 >= y1: nowhere). */
ScreenRect rect_meet(ScreenRect a, ScreenRect b);

/* A change added to another: the rectangle covering both. */
int change_add(int change, ScreenRect *r, int more, ScreenRect more_r);

/* The UI list last drawn (copied). */
typedef struct ShownUi {
    DrawVertex *verts;
    int count, capacity, clip_count;
    DrawClip clips[DRAW_MAX_CLIPS];
    bool valid;
} ShownUi;

/* What dl changes on a surface `height` px high that shows s (in *r when
 * CHANGE_RECT: the triangles that differ, as they were and as they are);
 * s becomes dl. */
int ui_diff(ShownUi *s, const DrawList *dl, int height, ScreenRect *r);
void ui_diff_free(ShownUi *s);

#endif
