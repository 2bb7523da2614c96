/* undo.h - a bounded stack of whole-plan snapshots.
 *
 * Snapshots are deep copies (plan_copy), so undo restores the exact previous
 * plan, region points included. Memory for the slots is reserved once; each
 * push copies the plan's region points (an edit ends at most a few times a
 * second, never per frame). When full, the oldest snapshot is dropped.
 */
#ifndef SMP_UNDO_H
#define SMP_UNDO_H

#include "../core/plan.h"

typedef struct UndoStack {
    SmpPlan *items; /* owned snapshots, oldest first */
    int count, capacity;
} UndoStack;

bool undo_init(UndoStack *st, int capacity, SmpError *err);
void undo_free(UndoStack *st);
void undo_clear(UndoStack *st);

/* Pushes a deep copy of plan. */
bool undo_push(UndoStack *st, const SmpPlan *plan, SmpError *err);
/* Moves the newest snapshot into *out (which must hold no allocations);
 * false when empty. */
bool undo_pop(UndoStack *st, SmpPlan *out);

#endif
