/* undo.c - the undo/redo history: deep plan snapshots, bounded in count and memory. */
#include "undo.h"

#include <stdlib.h>
#include <string.h>

size_t undo_plan_bytes(const SmpPlan *plan)
{
    size_t n = sizeof *plan;
    for (int i = 0; i < plan->region_count; i++)
        n += (size_t)plan->regions[i].count * sizeof *plan->regions[i].points;
    return n;
}

bool undo_init(UndoStack *st, int capacity, SmpError *err)
{
    st->items = calloc((size_t)capacity, sizeof *st->items);
    st->count = 0;
    st->bytes = 0;
    st->max_bytes = UNDO_MAX_BYTES;
    st->capacity = st->items ? capacity : 0;
    if (!st->items)
        return smp_fail(err, "out of memory for the undo history");
    return true;
}

void undo_clear(UndoStack *st)
{
    for (int i = 0; i < st->count; i++)
        plan_free(&st->items[i]);
    st->count = 0;
    st->bytes = 0;
}

void undo_free(UndoStack *st)
{
    undo_clear(st);
    free(st->items);
    st->items = NULL;
    st->capacity = 0;
}

static void drop_oldest(UndoStack *st)
{
    st->bytes -= undo_plan_bytes(&st->items[0]);
    plan_free(&st->items[0]);
    memmove(st->items, st->items + 1, sizeof *st->items * (size_t)(st->count - 1));
    st->count--;
}

bool undo_push(UndoStack *st, const SmpPlan *plan, SmpError *err)
{
    if (st->capacity == 0)
        return smp_fail(err, "no undo history");
    size_t size = undo_plan_bytes(plan);
    /* Room first, so the copy never sits beside a full history. */
    while (st->count > 0 && (st->count == st->capacity || st->bytes + size > st->max_bytes))
        drop_oldest(st);
    SmpPlan *slot = &st->items[st->count];
    plan_init(slot);
    if (!plan_copy(plan, slot, err))
        return false;
    st->count++;
    st->bytes += size;
    return true;
}

bool undo_pop(UndoStack *st, SmpPlan *out)
{
    if (st->count == 0)
        return false;
    *out = st->items[--st->count];
    st->bytes -= undo_plan_bytes(out);
    memset(&st->items[st->count], 0, sizeof st->items[st->count]);
    return true;
}
