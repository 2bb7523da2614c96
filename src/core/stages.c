/* stages.c - see stages.h. */
#include "stages.h"

/* Runs lines of the current stage within `left` units (at least one line when `first`);
 * moves to the next pass or stage when they are all done. Returns the units spent, or -1
 * when not even one line fits in `left`. */
static int64_t stage_advance(Stages *st, int64_t left, bool first)
{
    StageSize z = st->fns->size(st->ctx, st->stage, st->pass);
    int64_t take = z.rows - st->row, fit = z.cost > 0 ? left / z.cost : take;
    if (take > 0) {
        if (fit < 1 && !first)
            return -1;
        take = fit < 1 ? 1 : fit < take ? fit : take;
        st->fns->run(st->ctx, st->stage, st->pass, st->row, st->row + (int)take);
        st->row += (int)take;
        if (st->row < z.rows)
            return take * z.cost;
    }
    st->failed = !st->fns->end(st->ctx, st->stage, st->pass);
    st->row = 0;
    if (++st->pass >= z.passes) {
        st->pass = 0;
        st->stage++;
    }
    return take > 0 ? take * z.cost : 0;
}

bool stages_next(Stages *st, int64_t budget, int64_t *work)
{
    int64_t spent = 0, used = 0;
    while (!st->failed && st->stage < st->count && spent < budget &&
           (used = stage_advance(st, budget - spent, spent == 0)) >= 0)
        spent += used;
    if (work)
        *work = spent;
    return !st->failed && st->stage < st->count;
}

bool stages_done(const Stages *st) { return !st->failed && st->stage == st->count; }
