/* ui.c - the immediate-mode widgets: ids, buttons, sliders, text, panels. */
#include "ui.h"

#include "../core/smp_assert.h"

#include <math.h>
#include <stdio.h>

uint32_t ui_id(uint32_t parent, const char *name)
{
    uint32_t h = parent ? parent : 2166136261u; /* FNV-1a, seeded with the parent */
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        h = (h ^ *p) * 16777619u;
    return h ? h : 1;
}

void ui_begin(Ui *ui, DrawList *dl, float scale)
{
    ui->dl = dl;
    ui->scale = scale;
    ui->hot = 0;
    ui->clip_on = false;
    ui->id_count = 0;
    ui->hover_id = 0, ui->hover_hint = NULL, ui->unhinted = 0, ui->first_unhinted[0] = 0, ui->pressed_label[0] = 0;
    ui->theme = (UiTheme){
        .panel = RGBA(34, 37, 43, 240),
        .panel_edge = RGBA(70, 75, 85, 255),
        .button = RGBA(52, 57, 66, 255),
        .button_hot = RGBA(70, 77, 90, 255),
        .button_on = RGBA(38, 110, 190, 255),
        .text = RGBA(236, 238, 242, 255),
        .text_dim = RGBA(165, 172, 184, 255),
        .accent = RGBA(80, 170, 255, 255),
        .track = RGBA(20, 22, 26, 255),
    };
}

bool ui_ids_unique(const Ui *ui)
{
    for (int i = 1; i < ui->id_count; i++)
        for (int j = 0; j < i; j++)
            if (ui->ids[i] == ui->ids[j])
                return false;
    return true;
}

void ui_end(Ui *ui)
{
    SMP_ASSERT(ui_ids_unique(ui));
    if (ui->released)
        ui->active = 0;
}

bool ui_inside(UiRect r, float x, float y) { return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h; }

/* Records the widget's id for the frame; hot when the pointer is over it and
 * nothing else holds the pointer. */
static bool ui_hover(Ui *ui, uint32_t id, UiRect r, const char *label)
{
    if (ui->id_count < UI_MAX_WIDGETS) {
        int k = ui->id_count++;
        UiRect c = ui->clip;
        ui->ids[k] = id, ui->rects[k] = r;
        ui->shown[k] = !ui->blocked && (!ui->clip_on || (r.x >= c.x && r.y >= c.y && r.x + r.w <= c.x + c.w &&
                                                         r.y + r.h <= c.y + c.h));
        snprintf(ui->labels[k], sizeof ui->labels[k], "%s", label);
    }
    if (ui->blocked || (ui->active && ui->active != id) || !ui_inside(r, ui->mx, ui->my) ||
        (ui->clip_on && !ui_inside(ui->clip, ui->mx, ui->my)))
        return false;
    ui->hot = id;
    return true;
}

/* The widget's hint, for the app to show when the pointer rests on it. */
static void ui_note_hint(Ui *ui, uint32_t id, UiRect r, const char *label, UiKind kind, bool over)
{
    const char *hint = ui->hint_of ? ui->hint_of(label) : NULL;
    if (ui->hint_of && !hint && ui->unhinted++ == 0)
        snprintf(ui->first_unhinted, sizeof ui->first_unhinted, "%s", label);
    if (over || ui->active == id)
        ui->hover_id = id, ui->hover_kind = kind, ui->hover_rect = r, ui->hover_hint = hint;
    if (ui->active == id && ui->pressed)
        snprintf(ui->pressed_label, sizeof ui->pressed_label, "%s", label);
}

void ui_panel(Ui *ui, UiRect r)
{
    draw_rect(ui->dl, r.x, r.y, r.w, r.h, ui->theme.panel);
}

void ui_text(Ui *ui, float x, float y, int size, const char *text, uint32_t rgba)
{
    draw_text(ui->dl, x, y, size, text, rgba);
}

void ui_text_centered(Ui *ui, UiRect r, int size, const char *text, uint32_t rgba)
{
    const FontAtlas *f = ui->dl->font;
    float w = font_text_width(f, size, text);
    draw_text(ui->dl, r.x + (r.w - w) * 0.5f, r.y + (r.h - f->line_h[size]) * 0.5f, size, text, rgba);
}

bool ui_button(Ui *ui, uint32_t id, UiRect r, const char *label, bool selected)
{
    bool over = ui_hover(ui, id, r, label);
    if (over && ui->pressed)
        ui->active = id;
    ui_note_hint(ui, id, r, label, UI_KIND_BUTTON, over);
    bool clicked = ui->active == id && ui->released && over;
    uint32_t bg = selected ? ui->theme.button_on : (over || ui->active == id) ? ui->theme.button_hot : ui->theme.button;
    float pad = 2 * ui->scale;
    draw_rect(ui->dl, r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad, bg);
    ui_text_centered(ui, r, FONT_SMALL, label, ui->theme.text);
    return clicked;
}

UiEdit ui_slider(Ui *ui, uint32_t id, UiRect r, const char *label, const char *unit, double *value, double lo,
                 double hi, int decimals)
{
    UiEdit e = {0};
    float s = ui->scale, pad = 12 * s;
    float track_y = r.y + r.h - 16 * s, track_x0 = r.x + pad, track_x1 = r.x + r.w - pad;
    bool over = ui_hover(ui, id, r, label);
    if (over && ui->pressed) {
        ui->active = id;
        e.began = true;
    }
    ui_note_hint(ui, id, r, label, UI_KIND_SLIDER, over);
    if (ui->active == id && (ui->down || ui->pressed || ui->released)) {
        double t = (ui->mx - track_x0) / (track_x1 - track_x0);
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double q = pow(10.0, decimals);
        double v = round((lo + t * (hi - lo)) * q) / q;
        if (v != *value) {
            *value = v;
            e.changed = true;
        }
        if (ui->released)
            e.ended = true;
    }
    char text[96];
    snprintf(text, sizeof text, "%.*f %s", decimals, *value, unit);
    const FontAtlas *f = ui->dl->font;
    draw_text(ui->dl, r.x + pad, r.y + 4 * s, FONT_SMALL, label, ui->theme.text_dim);
    draw_text(ui->dl, r.x + r.w - pad - font_text_width(f, FONT_SMALL, text), r.y + 4 * s, FONT_SMALL, text,
              ui->theme.text);
    double t = hi > lo ? (*value - lo) / (hi - lo) : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    float kx = track_x0 + (float)t * (track_x1 - track_x0);
    draw_rect(ui->dl, track_x0, track_y - 3 * s, track_x1 - track_x0, 6 * s, ui->theme.track);
    draw_rect(ui->dl, track_x0, track_y - 3 * s, kx - track_x0, 6 * s, ui->theme.accent);
    draw_circle(ui->dl, kx, track_y, (over || ui->active == id ? 11 : 9) * s, ui->theme.text);
    return e;
}
