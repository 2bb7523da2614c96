/* app_edit.h - undo grouping and the undo/redo history (app_edit.c). */
#ifndef SMP_APP_EDIT_H
#define SMP_APP_EDIT_H

#include "../core/plan.h"
#include "app.h"
#include "undo.h"

enum { APP_UNDO_DEPTH = 200 };

typedef struct AppHistory {
    UndoStack undo, redo; /* snapshots before each edit */
    SmpPlan before;       /* the plan when the open edit began */
    bool open;            /* an edit (a gesture) is under way */
} AppHistory;

bool app_history_init(AppHistory *h, SmpError *err);
void app_history_free(AppHistory *h);
/* Begin before changing the plan, end when the gesture ends; an edit that
 * changed nothing leaves no undo step. */
void app_edit_begin(App *app);
void app_edit_end(App *app);
void app_edit_cancel(App *app);
void app_undo(App *app);
void app_redo(App *app);
/* Which parts of the scene (SceneChange bits) differ between two plans. */
unsigned app_plan_diff(const SmpPlan *a, const SmpPlan *b);

#endif
