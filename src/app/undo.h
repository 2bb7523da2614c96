/* undo.h - a bounded stack of whole-plan snapshots.
 *
 * Snapshots are deep copies (plan_copy), so undo restores the exact previous
 * plan, region points included. Memory for the slots is reserved once; each
 * push copies the plan's region points (an edit ends at most a few times a
 * second, never per frame). The history is bounded twice: by `capacity`
 * snapshots and by `max_bytes` of snapshot memory (a plan of 256 regions of
 * 4096 points is about 17 MB, so 200 full copies would take gigabytes). When
 * either is exceeded, the oldest snapshots are dropped; the newest is always
 * kept.
 */
#ifndef SMP_UNDO_H
#define SMP_UNDO_H

#include "../core/plan.h"

#include <stddef.h>

/* Default memory bound per stack (undo and redo each have one). */
#define UNDO_MAX_BYTES ((size_t)128 << 20)

typedef struct UndoStack {
    SmpPlan *items; /* owned snapshots, oldest first */
    int count, capacity;
    size_t bytes;     /* memory the snapshots take now */
    size_t max_bytes; /* bound on bytes; undo_init sets UNDO_MAX_BYTES */
} UndoStack;

bool undo_init(UndoStack *st, int capacity, SmpError *err);
void undo_free(UndoStack *st);
void undo_clear(UndoStack *st);

/* Pushes a deep copy of plan. */
bool undo_push(UndoStack *st, const SmpPlan *plan, SmpError *err);
/* Moves the newest snapshot into *out (which must hold no allocations);
 * false when empty. */
bool undo_pop(UndoStack *st, SmpPlan *out);

/* Memory one snapshot of plan takes: the struct and its region points. */
size_t undo_plan_bytes(const SmpPlan *plan);

#endif
