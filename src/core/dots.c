/* dots.c - the list of a plan's visible dots: freeing it, its rank order and its CSV form. */
#include "dots.h"

#include <stdio.h>
#include <stdlib.h>

void dots_free(DotList *list)
{
    free(list->items);
    list->items = NULL;
    list->count = list->capacity = 0;
}

static const DotList *sort_list_; /* qsort has no context argument in C11 */

static int by_rank(const void *pa, const void *pb)
{
    const SmpDot *a = &sort_list_->items[*(const int *)pa], *b = &sort_list_->items[*(const int *)pb];
    if (a->rank != b->rank)
        return a->rank < b->rank ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

void dots_rank_order(const DotList *list, int *order)
{
    for (int i = 0; i < list->count; i++)
        order[i] = i;
    sort_list_ = list;
    qsort(order, (size_t)list->count, sizeof *order, by_rank);
    sort_list_ = NULL;
}

bool dots_to_csv(const DotList *list, double px_per_mm, char **out_text, size_t *out_len, SmpError *err)
{
    enum { LINE_MAX_CHARS = 160 };
    *out_text = NULL;
    *out_len = 0;
    int *order = malloc(sizeof *order * (size_t)(list->count + 1));
    size_t cap = (size_t)list->count * LINE_MAX_CHARS + 128;
    char *text = malloc(cap);
    if (!order || !text) {
        free(order);
        free(text);
        return smp_fail(err, "out of memory writing %d dots", list->count);
    }
    dots_rank_order(list, order);
    size_t n = (size_t)snprintf(text, cap, "x_px,y_px,x_mm,y_mm,diameter_mm,elongation,angle_deg,darkness,visible,id\n");
    for (int i = 0; i < list->count; i++) {
        const SmpDot *d = &list->items[order[i]];
        n += (size_t)snprintf(text + n, cap - n, "%.3f,%.3f,%.4f,%.4f,%.4f,%.4f,%.3f,%.4f,%.4f,%u\n",
                              d->x_mm * px_per_mm, d->y_mm * px_per_mm, d->x_mm, d->y_mm, d->diameter_mm,
                              d->elongation, d->angle_deg, d->darkness, d->visible, (unsigned)d->id);
    }
    free(order);
    *out_text = text;
    *out_len = n;
    return true;
}
