/* app_steps.h - the guided consultation (app_steps.c): Photo -> Scale -> Head &
 * hairline -> Areas -> Look -> Show & export. One step at a time fills the
 * side panel with its controls and the banner along the photo with what to do
 * and what comes next; a step is ticked once the plan shows it done, and any
 * step can be taken again in any order. Tools and shortcuts work in every step
 * (choosing a tool moves to its step). */
#ifndef SMP_APP_STEPS_H
#define SMP_APP_STEPS_H

#include "app.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum AppStep { STEP_PHOTO = 0, STEP_SCALE, STEP_HAIRLINE, STEP_AREAS, STEP_LOOK, STEP_SHOW, STEP_COUNT } AppStep;

/* What the steps remember of this document beyond its plan. */
typedef struct AppSteps {
    bool look_seen;   /* the Look step was opened */
    bool client_seen; /* the client was shown the picture */
} AppSteps;

const char *app_step_name(AppStep s);
bool app_step_done(const App *app, AppStep s);
/* The first step not done (Show & export when all are). */
AppStep app_step_first_undone(const App *app);
/* Opens step s: its controls in the panel, and its tool where it has one. */
void app_step_go(App *app, AppStep s);
/* The step of a tool (choosing it moves there); false for tools of any step (Pan). */
bool app_step_of_tool(int tool, AppStep *out);
/* The row of steps at the top of the side panel, one tappable box each. */
void app_steps_row(App *app, uint32_t panel, float x, float y, float w, float h);
/* The folded side panel: the steps in a column in r; a tap unfolds the panel
 * on that step. */
void app_steps_column(App *app, uint32_t panel, UiRect r);
/* The panel of the steps that have no tab of their own (Photo, Scale, Show &
 * export); returns the y below it. */
float app_step_panel(App *app, float x, float y, float w);
/* The banner along the bottom of the photo: the step, what comes next, what
 * to do. Returns its height (0 when hidden). */
float app_step_banner(App *app);

#endif
