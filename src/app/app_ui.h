/* app_ui.h - the panels around the photo, the help and the "Opening" box
 * (app_ui.c), and the text helpers the dialogs share. */
#ifndef SMP_APP_UI_H
#define SMP_APP_UI_H

#include "app.h"
#include "app_steps.h"
#include "ui.h"

/* Where the bars and panels are, and the side panel's tab and scroll. */
typedef struct AppPanels {
    UiRect top_bar, tool_bar, side_panel, status_bar;
    AppStep step;            /* the step whose controls the side panel shows */
    float scroll, content_h; /* the side panel's step, when taller than the window */
    AppStep scrolled_step;   /* the step `scroll` belongs to */
    UiRect load_cancel;      /* the Cancel button of the "Opening" box ... */
    bool load_cancel_on;     /* ... while it is shown (the decode can be cancelled) */
    bool upload_box_on;      /* the UI last laid out has the box showing the photo's upload */
    bool drawer_closed;      /* the side panel folded to a strip of steps: more room for the photo */
    int compact;             /* the window too small for the panel beside the photo: 1, 0, -1 not laid out yet */
    int laid_w, laid_h;      /* the window size compact was decided for */
} AppPanels;

/* The folded side panel's width, px at scale 1: a column of step boxes. */
#define APP_DRAWER_STRIP 64.0f

void app_layout(App *app, int w, int h, float scale);
void app_draw_ui(App *app);
/* Folds the side panel to its strip of steps (closed) or unfolds it; a photo
 * shown whole is fitted again to its new room. */
void app_drawer_set(App *app, bool closed);
void app_panel_scroll(App *app, float notches);
/* Text wrapped to max_w, breaking after spaces and slashes (paths); returns
 * the number of lines (at most max_lines), drawn only when draw is set. */
int app_wrap_text(App *app, float x, float y, float max_w, const char *text, uint32_t rgba, int max_lines, bool draw);
/* Cuts text (a copy in buf) to room px, ending it with "..." when cut. */
const char *app_elide(App *app, const char *text, float room, char *buf, size_t size);

#endif
