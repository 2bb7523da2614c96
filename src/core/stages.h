/* stages.h - a computation cut into stages of lines (rows or columns), run a step at a
 * time within a budget of work units, so a caller with one thread can hand it back
 * between steps (the web build draws a frame between two). A work unit is about a
 * nanosecond of native time. Each stage runs over its lines `passes` times, costing about
 * `cost` units a line; a single line over the budget is done whole. The lines run in the
 * order a loop over them would, so the result does not depend on the budget.
 */
#ifndef SMP_STAGES_H
#define SMP_STAGES_H

#include <stdbool.h>
#include <stdint.h>

typedef struct StageSize {
    int passes, rows; /* rows 0: the stage is skipped (its end still runs) */
    int64_t cost;
} StageSize;

typedef struct StageFns {
    StageSize (*size)(const void *ctx, int stage, int pass);
    void (*run)(void *ctx, int stage, int pass, int a, int b); /* lines [a, b) */
    bool (*end)(void *ctx, int stage, int pass);                /* after a pass's lines; false: failed */
} StageFns;

typedef struct Stages {
    const StageFns *fns;
    void *ctx;
    int count; /* stages 0 .. count - 1 */
    int stage, pass, row;
    bool failed;
} Stages;

/* Runs lines within `budget` units (at least one line); true while lines remain and
 * nothing failed. work (may be NULL): the units spent. */
bool stages_next(Stages *st, int64_t budget, int64_t *work);
/* Every stage ran to its end. */
bool stages_done(const Stages *st);

#endif
