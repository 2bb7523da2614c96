#include "undo.h"

#include <stdlib.h>
#include <string.h>

bool undo_init(UndoStack *st, int capacity, SmpError *err)
{
    st->items = calloc((size_t)capacity, sizeof *st->items);
    st->count = 0;
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
}

void undo_free(UndoStack *st)
{
    undo_clear(st);
    free(st->items);
    st->items = NULL;
    st->capacity = 0;
}

bool undo_push(UndoStack *st, const SmpPlan *plan, SmpError *err)
{
    if (st->capacity == 0)
        return smp_fail(err, "no undo history");
    if (st->count == st->capacity) {
        plan_free(&st->items[0]);
        memmove(st->items, st->items + 1, sizeof *st->items * (size_t)(st->count - 1));
        st->count--;
    }
    SmpPlan *slot = &st->items[st->count];
    plan_init(slot);
    if (!plan_copy(plan, slot, err))
        return false;
    st->count++;
    return true;
}

bool undo_pop(UndoStack *st, SmpPlan *out)
{
    if (st->count == 0)
        return false;
    *out = st->items[--st->count];
    memset(&st->items[st->count], 0, sizeof st->items[st->count]);
    return true;
}
