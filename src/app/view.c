/* view.c - where the photo sits on screen: fit, 100 %, zoom about a point, pan, clamp, and the mapping both ways. */
#include "view.h"

#include <math.h>

static double min_zoom(const ViewState *v)
{
    if (v->photo_w <= 0 || v->photo_h <= 0)
        return 1e-3;
    double f = fmin(v->rect.w / v->photo_w, v->rect.h / v->photo_h);
    return fmin(f * 0.25, 1.0);
}

void view_fit(ViewState *v)
{
    if (v->photo_w <= 0 || v->photo_h <= 0 || v->rect.w <= 0 || v->rect.h <= 0) {
        v->zoom = 1;
        v->ox = v->rect.x;
        v->oy = v->rect.y;
        return;
    }
    v->zoom = fmin(v->rect.w / v->photo_w, v->rect.h / v->photo_h);
    v->ox = v->rect.x + (v->rect.w - v->photo_w * v->zoom) * 0.5;
    v->oy = v->rect.y + (v->rect.h - v->photo_h * v->zoom) * 0.5;
}

void view_actual_size(ViewState *v)
{
    v->zoom = 1;
    v->ox = floor(v->rect.x + v->rect.w * 0.5 - floor(v->photo_w * 0.5));
    v->oy = floor(v->rect.y + v->rect.h * 0.5 - floor(v->photo_h * 0.5));
}

void view_zoom_at(ViewState *v, double sx, double sy, double factor)
{
    double z = v->zoom * factor, lo = min_zoom(v);
    z = z < lo ? lo : z > VIEW_ZOOM_MAX ? VIEW_ZOOM_MAX : z;
    double px, py;
    view_to_photo(v, sx, sy, &px, &py);
    v->zoom = z;
    v->ox = sx - px * z;
    v->oy = sy - py * z;
    view_clamp(v);
}

void view_pan(ViewState *v, double dx, double dy)
{
    v->ox += dx;
    v->oy += dy;
    view_clamp(v);
}

void view_clamp(ViewState *v)
{
    /* At least a fifth of the view keeps showing photo on each axis. */
    double w = v->photo_w * v->zoom, h = v->photo_h * v->zoom;
    double mx = fmin(w, v->rect.w * 0.2), my = fmin(h, v->rect.h * 0.2);
    double lo_x = v->rect.x + mx - w, hi_x = v->rect.x + v->rect.w - mx;
    double lo_y = v->rect.y + my - h, hi_y = v->rect.y + v->rect.h - my;
    if (v->ox < lo_x) v->ox = lo_x;
    if (v->ox > hi_x) v->ox = hi_x;
    if (v->oy < lo_y) v->oy = lo_y;
    if (v->oy > hi_y) v->oy = hi_y;
}

void view_set_rect(ViewState *v, UiRect r)
{
    double px, py;
    view_to_photo(v, v->rect.x + v->rect.w * 0.5, v->rect.y + v->rect.h * 0.5, &px, &py);
    v->rect = r;
    v->ox = r.x + r.w * 0.5 - px * v->zoom;
    v->oy = r.y + r.h * 0.5 - py * v->zoom;
    view_clamp(v);
}

void view_to_photo(const ViewState *v, double sx, double sy, double *px, double *py)
{
    *px = (sx - v->ox) / v->zoom;
    *py = (sy - v->oy) / v->zoom;
}

void view_to_screen(const ViewState *v, double px, double py, double *sx, double *sy)
{
    *sx = v->ox + px * v->zoom;
    *sy = v->oy + py * v->zoom;
}

bool view_contains(const ViewState *v, double sx, double sy)
{
    return sx >= v->rect.x && sy >= v->rect.y && sx < v->rect.x + v->rect.w && sy < v->rect.y + v->rect.h;
}
