/* view.h - where the photo sits on screen: a zoom and an offset.
 *
 * screen = origin + photo_px * zoom, inside the view rectangle (drawable px).
 * Pure arithmetic, no allocation. Zoom is limited from "whole photo in a
 * quarter of the view" to 32 screen px per photo px (single dots fill the view).
 */
#ifndef SMP_VIEW_H
#define SMP_VIEW_H

#include "ui.h"

#include <stdbool.h>

typedef struct ViewState {
    UiRect rect;
    double zoom;       /* screen px per photo px */
    double ox, oy;     /* screen position of photo (0, 0) */
    int photo_w, photo_h;
} ViewState;

#define VIEW_ZOOM_MAX 32.0

void view_fit(ViewState *v);
/* 100 %: one photo pixel per screen pixel, photo centre at the view centre,
 * on whole pixels (so the screen grid matches the photo grid exactly). */
void view_actual_size(ViewState *v);
/* Multiplies the zoom by factor keeping the photo point under (sx, sy) fixed. */
void view_zoom_at(ViewState *v, double sx, double sy, double factor);
void view_pan(ViewState *v, double dx, double dy);
/* Keeps some of the photo on screen after a resize or a pan. */
void view_clamp(ViewState *v);
/* Keeps the photo point at the view centre when the view rectangle changes. */
void view_set_rect(ViewState *v, UiRect r);

void view_to_photo(const ViewState *v, double sx, double sy, double *px, double *py);
void view_to_screen(const ViewState *v, double px, double py, double *sx, double *sy);
bool view_contains(const ViewState *v, double sx, double sy);

#endif
