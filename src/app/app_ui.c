/* The panels around the photo (tools, file actions, parameters, status), the
 * help overlay and the modal dialogs. Everything is laid out from the drawable
 * size and the HiDPI scale each frame; targets are at least UI_TARGET tall. */
#include "app_internal.h"

#include "../core/hairline_edit.h"
#include "../io/atomic_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A window where the unfolded side panel would leave the photo under half of
 * it (800x600 at 100 %) starts folded, and folds again when made that small;
 * a tap on a step or Panel unfolds it. Only the window's size decides: a
 * bigger UI chosen in the Photo step leaves the panel as it is. */
static void fold_when_compact(App *app, int w, int h, float s)
{
    if (w == app->panels.laid_w && h == app->panels.laid_h)
        return;
    app->panels.laid_w = w, app->panels.laid_h = h;
    float photo_w = w - (104 + 330) * s, photo_h = h - (56 + 34) * s;
    int compact = photo_w <= 0 || photo_h <= 0 || photo_w * photo_h < 0.5f * w * h;
    if (compact != app->panels.compact)
        app->panels.drawer_closed = compact;
    app->panels.compact = compact;
}

void app_layout(App *app, int w, int h, float s)
{
    fold_when_compact(app, w, h, s);
    bool bare = app->ui_hidden || app->show_client; /* showing the client: only its bar */
    float top = bare ? 0 : 56 * s, status = app->show_client ? app_show_bar_height(app) * s : bare ? 0 : 34 * s;
    float left = bare ? 0 : 104 * s, right = bare ? 0 : (app->panels.drawer_closed ? APP_DRAWER_STRIP : 330) * s;
    if (left + right > w * 0.6f)
        right = fmaxf(0, w * 0.6f - left);
    app->panels.top_bar = (UiRect){0, 0, (float)w, top};
    app->panels.status_bar = (UiRect){0, h - status, (float)w, status};
    app->panels.tool_bar = (UiRect){0, top, left, h - top - status};
    app->panels.side_panel = (UiRect){w - right, top, right, h - top - status};
    UiRect v = {left, top, w - left - right, h - top - status};
    if (app->show_client && app->show_layout == SHOW_SIDE) /* after on the right, before beside it */
        v.x += floorf(v.w / 2), v.w -= floorf(v.w / 2);
    if (!app->view_ready) {
        app->view.rect = v;
        view_fit(&app->view);
        app->view_ready = app->doc.has_photo;
    } else if (v.x != app->view.rect.x || v.y != app->view.rect.y || v.w != app->view.rect.w ||
               v.h != app->view.rect.h) {
        view_set_rect(&app->view, v);
    }
}

void app_drawer_set(App *app, bool closed)
{
    const ViewState *v = &app->view;
    /* a photo shown whole is fitted again to the new room; a zoomed one keeps its zoom */
    bool fitted = v->photo_w > 0 && v->photo_h > 0 &&
                  fabs(v->zoom - fmin(v->rect.w / v->photo_w, v->rect.h / v->photo_h)) < 1e-6 * v->zoom;
    app->panels.drawer_closed = closed;
    if (fitted)
        app->view_ready = false; /* app_layout fits it next frame */
}

/* Cuts text (a copy in buf) to room px, ending it with "..." when cut. */
const char *app_elide(App *app, const char *text, float room, char *buf, size_t size)
{
    snprintf(buf, size, "%s", text);
    size_t n = strlen(buf);
    while (n > 3 && font_text_width(&app->font, FONT_SMALL, buf) > room) {
        n--;
        while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
            n--; /* not inside a UTF-8 character */
        memcpy(buf + n, "...", 4);
    }
    return buf;
}

/* Every button fits at 800 px: the padding shrinks before anything is left
 * out (buttons stay 52 px tall), and the file name takes what is left. */
static void top_bar(App *app)
{
    Ui *ui = &app->ui;
    uint32_t bar = ui_id(0, "top bar");
    float s = ui->scale, x = 8 * s, bh = 52 * s, y = 2 * s;
    ui_panel(ui, app->panels.top_bar);
    enum { N = 9 };
    static const char *labels[N] = {"Open", "Save", "Save as", "Export", "Undo", "Redo", "Fit", "Help", "Forget client"};
    float text_w = 0;
    for (int i = 0; i < N; i++)
        text_w += font_text_width(&app->font, FONT_SMALL, labels[i]);
    /* 28 px of padding per button, down to 14 to leave the file name ~200 px;
     * not from the name itself, so the buttons never move under a finger */
    float title_w = fminf(200 * s, app->panels.top_bar.w * 0.25f);
    float pad = fmaxf(14 * s, fminf(28 * s, (app->panels.top_bar.w - 16 * s - text_w - title_w) / N));
    for (int i = 0; i < N; i++) {
        float bw = fmaxf(font_text_width(&app->font, FONT_SMALL, labels[i]) + pad, UI_TARGET * s); /* a finger's width */
        if (x + bw > app->panels.top_bar.w - 8 * s)
            break;
        bool on = (i == 4 && app->history.undo.count == 0) || (i == 5 && app->history.redo.count == 0);
        if (ui_button(ui, ui_id(bar, labels[i]), (UiRect){x, y, bw, bh}, labels[i], false) && !on) {
            switch (i) {
            case 0: app_ask_path(app, PATH_OPEN); break;
            case 1: app_save(app); break;
            case 2: app_ask_path(app, PATH_SAVE_AS); break;
            case 3: app_ask_path(app, PATH_EXPORT); break;
            case 4: app_undo(app); break;
            case 5: app_redo(app); break;
            case 6: view_fit(&app->view); break;
            case 7: app->help_open = !app->help_open; break;
            case 8: app_open_dialog(app, DLG_FORGET); break;
            }
        }
        x += bw;
    }
    /* Show the client: at the right end, highlighted, one tap (or S) */
    const char *show = "Show client  S";
    float sw = font_text_width(&app->font, FONT_SMALL, show) + 28 * s, sx = app->panels.top_bar.w - sw - 8 * s;
    if (sx >= x + 4 * s) {
        if (ui_button(ui, ui_id(bar, show), (UiRect){sx, y, sw, bh}, show, true))
            app_show_enter(app);
    } else
        sx = app->panels.top_bar.w;
    /* Panel: folds the side panel to its column of steps (the photo gets the room), or unfolds it */
    float pw = fmaxf(font_text_width(&app->font, FONT_SMALL, "Panel") + 8 * s, UI_TARGET * s);
    if (sx - pw - 2 * s >= x + 2 * s) {
        sx -= pw + 2 * s;
        if (ui_button(ui, ui_id(bar, "Panel"), (UiRect){sx, y, pw, bh}, "Panel", !app->panels.drawer_closed))
            app_drawer_set(app, !app->panels.drawer_closed);
    }
    float room = sx - x - 28 * s;
    if (room > 60 * s) {
        char buf[APP_PATH_MAX + 32];
        const char *t = app_elide(app, app_title(app), room, buf, sizeof buf);
        float tw = font_text_width(&app->font, FONT_SMALL, t);
        ui_text(ui, sx - tw - 14 * s, 18 * s, FONT_SMALL, t, ui->theme.text_dim);
    }
}

/* A button with its name centred and its shortcut as a dim hint at the
 * right edge, not glued to the name. */
static bool hint_button(App *app, uint32_t id, UiRect r, const char *label, const char *hint, bool selected)
{
    Ui *ui = &app->ui;
    bool hit = ui_button(ui, id, r, label, selected);
    float hw = font_text_width(&app->font, FONT_SMALL, hint);
    draw_text(ui->dl, r.x + r.w - hw - 6 * ui->scale, r.y + r.h - app->font.line_h[FONT_SMALL] - 2 * ui->scale,
              FONT_SMALL, hint, RGBA(170, 180, 195, 150));
    return hit;
}

static void tool_bar(App *app)
{
    Ui *ui = &app->ui;
    /* 9 buttons and a 10 px gap: shorter on short windows (800x600), never
     * below a finger's target */
    float s = ui->scale, w = app->panels.tool_bar.w, y = app->panels.tool_bar.y + 4 * s;
    float bh = fminf(56 * s, fmaxf(UI_TARGET * s, (app->panels.tool_bar.h - 18 * s) / 9));
    ui_panel(ui, app->panels.tool_bar);
    uint32_t bar = ui_id(0, "tool bar");
    static const struct {
        const char *label;
        AppTool tool;
        const char *hint;
    } tools[] = {{"Pan", TOOL_PAN, "P"},       {"Line", TOOL_HAIRLINE, "H"},   {"Brush", TOOL_BRUSH, "B"},
                 {"Eraser", TOOL_ERASER, "E"}, {"Scale", TOOL_CALIBRATE, "C"}, {"Marks", TOOL_LANDMARKS, "L"},
                 {"Whorl", TOOL_WHORL, "W"}};
    /* Pan, then the step's own tools (the others are a step's tap away, their keys work
     * anywhere); Split and Before keep their places under the seven slots */
    float split_y = y + 7 * bh + 10 * s;
    AppStep step;
    for (int i = 0; i < 7; i++) {
        if (tools[i].tool != TOOL_PAN && !(app_step_of_tool(tools[i].tool, &step) && step == app->panels.step))
            continue;
        if (hint_button(app, ui_id(bar, tools[i].label), (UiRect){4 * s, y, w - 8 * s, bh}, tools[i].label, tools[i].hint,
                        app->tools.tool == tools[i].tool))
            app_tool_set(app, tools[i].tool);
        y += bh;
    }
    y = split_y;
    if (hint_button(app, ui_id(bar, "Split"), (UiRect){4 * s, y, w - 8 * s, bh}, "Split", "S", app->split_on))
        app->split_on = !app->split_on;
    y += bh;
    /* Held like the space bar: shows the photo alone while pressed. */
    UiRect before = {4 * s, y, w - 8 * s, bh};
    uint32_t before_id = ui_id(bar, "Before");
    ui_button(ui, before_id, before, "Before", app->before_held);
    if (ui->active == before_id)
        app->before_held = ui->down;
    else if (ui->released && ui_inside(before, ui->mx, ui->my))
        app->before_held = false;
}

/* What the chosen pigment may do on this client's skin (skin_tone.h), under
 * the pigment sliders; returns the height used. */
static float pigment_warnings_ui(App *app, float x, float y)
{
    Ui *ui = &app->ui;
    float s = ui->scale, h = 0;
    unsigned w = pigment_warnings(&app->doc.plan, &app->doc.skin);
    for (unsigned bit = 1; bit <= PIGMENT_WARN_ASHY; bit <<= 1) {
        if (!(w & bit))
            continue;
        PigmentWarningText t = pigment_warning_text((PigmentWarning)bit);
        ui_text(ui, x + 8 * s, y + h + 4 * s, FONT_SMALL, t.risk, RGBA(255, 176, 64, 255)); /* amber: advice, not an error */
        ui_text(ui, x + 8 * s, y + h + 22 * s, FONT_SMALL, t.advice, ui->theme.text_dim);
        h += 42 * s;
    }
    return h > 0 ? h + 6 * s : 0;
}

/* A slider bound to a plan field, its id derived from its label under parent:
 * one undo step per drag. */
static void plan_slider(App *app, uint32_t parent, UiRect r, const char *label, const char *unit, double *v, double lo,
                        double hi, int decimals, unsigned change)
{
    double before = *v;
    UiEdit e = ui_slider(&app->ui, ui_id(parent, label), r, label, unit, v, lo, hi, decimals);
    if (e.began)
        app_edit_begin(app);
    if (e.changed || *v != before)
        app_mark_changed(app, change);
    if (e.ended)
        app_edit_end(app);
}

static void int_slider(App *app, uint32_t parent, UiRect r, const char *label, const char *unit, int *v, int lo, int hi,
                       unsigned change)
{
    double d = *v;
    plan_slider(app, parent, r, label, unit, &d, lo, hi, 0, change);
    *v = (int)d;
}

/* Symmetric editing asks which half to keep (mirroring every point would
 * close the line into a loop); when on, one tap turns it off. */
static float symmetric_row(App *app, uint32_t tab, float x, float y, float w)
{
    SmpPlan *pl = &app->doc.plan;
    float bh = 48 * app->ui.scale;
    if (pl->hairline.symmetric) {
        if (ui_button(&app->ui, ui_id(tab, "symmetric off"), (UiRect){x, y, w, bh}, "Symmetric: on (tap: off)", true)) {
            app_edit_begin(app);
            pl->hairline.symmetric = false;
            app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
            app_edit_end(app);
        }
        return y + bh;
    }
    ui_text(&app->ui, x + 8 * app->ui.scale, y + 4 * app->ui.scale, FONT_SMALL,
            pl->landmarks.has_midline ? "Symmetric: keep which half?" : "Symmetric: set the midline (Marks) first",
            app->ui.theme.text_dim);
    y += 24 * app->ui.scale;
    for (int i = 0; i < 2; i++)
        if (ui_button(&app->ui, ui_id(tab, i == 0 ? "Keep left" : "Keep right"), (UiRect){x + w * i / 2, y, w / 2, bh},
                      i == 0 ? "Keep left" : "Keep right",
                   false) && pl->landmarks.has_midline) {
            app_edit_begin(app);
            if (hairline_keep_half(pl, i == 0))
                app_set_status(app, i == 0 ? "Left half kept and mirrored onto the right"
                                           : "Right half kept and mirrored onto the left");
            else
                app_set_status(app, "Not enough hairline points on that side of the midline");
            app_mark_changed(app, SCENE_CHANGED_HAIRLINE);
            app_edit_end(app);
        }
    return y + bh;
}

/* The Look step: density, size, shape, pigment, sessions and stage; returns
 * the y under its last row. */
static float dots_tab(App *app, float x, float y, float w)
{
    uint32_t tab = ui_id(0, "Dots tab");
    float s = app->ui.scale, row = 50 * s, bh = 48 * s;
    SmpPlan *pl = &app->doc.plan;
    const unsigned LOOK = SCENE_CHANGED_LOOK;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Density: dots per cm\xc2\xb2", "", &pl->dots.density, 10, 160, 0,
                LOOK), y += row;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Dot size (mm), smallest", "", &pl->dots.diameter_min_mm, 0.15, 1.0,
                2, LOOK), y += row;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Dot size (mm), largest", "", &pl->dots.diameter_max_mm, 0.15, 1.2,
                2, LOOK), y += row;
    if (pl->dots.diameter_max_mm < pl->dots.diameter_min_mm)
        pl->dots.diameter_max_mm = pl->dots.diameter_min_mm;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Dot shape: round to long", "", &pl->dots.elongation, 1.0, 2.5, 2,
                LOOK), y += row;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Direction spread", "\xc2\xb0", &pl->dots.angle_spread_deg, 0, 90, 0,
                LOOK), y += row;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Darkness: grey to black", "", &pl->pigment.shade, 0, 1, 2, LOOK),
        y += row;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Warmth: ash to brown", "", &pl->pigment.warmth, -1, 1, 2, LOOK),
        y += row;
    y += pigment_warnings_ui(app, x, y);
    y = app_match_rows(app, tab, x, y, w);
    int_slider(app, tab, (UiRect){x, y, w, row}, "Sessions", "sessions", &pl->sessions, 2, 4, LOOK), y += row;
    if (pl->session > pl->sessions)
        pl->session = pl->sessions;
    int_slider(app, tab, (UiRect){x, y, w, row}, "Session shown", "", &pl->session, 1, pl->sessions, LOOK), y += row;
    static const char *stages[STAGE_COUNT] = {"Fresh", "Healed", "Aged"};
    for (int i = 0; i < STAGE_COUNT; i++)
        if (ui_button(&app->ui, ui_id(tab, stages[i]), (UiRect){x + w * i / 3, y, w / 3, bh}, stages[i],
                   pl->stage == (PlanStage)i) && pl->stage != (PlanStage)i) {
            app_edit_begin(app);
            pl->stage = (PlanStage)i;
            app_mark_changed(app, LOOK);
            app_edit_end(app);
        }
    y += bh;
    if (pl->stage == STAGE_AGED)
        plan_slider(app, tab, (UiRect){x, y, w, row}, "Years since", "years", &pl->aged_years, 0, 20, 0, LOOK),
            y += row;
    if (hint_button(app, ui_id(tab, "New dot pattern"), (UiRect){x, y, w, bh}, "New dot pattern", "R", false))
        app_new_dot_pattern(app);
    return y + bh;
}

/* The Head & hairline step's style buttons and sliders. */
static float hairline_shape_rows(App *app, uint32_t tab, float x, float y, float w)
{
    float s = app->ui.scale, row = 50 * s, bh = 48 * s;
    SmpPlan *pl = &app->doc.plan;
    const unsigned HL = SCENE_CHANGED_HAIRLINE;
    static const char *styles[HAIRLINE_STYLE_COUNT] = {"Soft", "Broken", "Edged", "Mature"};
    for (int i = 0; i < HAIRLINE_STYLE_COUNT; i++)
        if (ui_button(&app->ui, ui_id(tab, styles[i]), (UiRect){x + w * i / 4, y, w / 4, bh}, styles[i],
                   pl->hairline.style == (PlanHairlineStyle)i)) {
            app_edit_begin(app);
            plan_apply_style(pl, (PlanHairlineStyle)i);
            app_mark_changed(app, HL);
            app_edit_end(app);
        }
    y += bh + 4 * s;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Softness: edge width (mm)", "", &pl->hairline.transition_mm, 1, 20,
                1, HL), y += row;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Waviness of the line", "", &pl->hairline.macro_irregularity, 0, 1,
                2, HL), y += row;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Stray dots ahead of it", "", &pl->hairline.micro_irregularity, 0, 1,
                2, HL), y += row;
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Growth direction", "\xc2\xb0", &pl->growth.front_angle_deg, 0, 180,
                0, SCENE_CHANGED_LOOK), y += row;
    return y;
}

/* The Head & hairline step: style, sliders, symmetry, whorl direction, deleting a point. */
static float mark_ear_row(App *app, uint32_t tab, float x, float y, float w);

static float hairline_tab(App *app, float x, float y, float w)
{
    uint32_t tab = ui_id(0, "Hairline tab");
    Ui *ui = &app->ui;
    float s = ui->scale, bh = 48 * s;
    SmpPlan *pl = &app->doc.plan;
    y = hairline_shape_rows(app, tab, x, y, w);
    y = symmetric_row(app, tab, x, y, w);
    char whorl[64];
    snprintf(whorl, sizeof whorl, "Whorl turns %s", pl->growth.whorl_clockwise ? "clockwise" : "anticlockwise");
    if (ui_button(&app->ui, ui_id(tab, "whorl direction"), (UiRect){x, y, w, bh}, whorl, false)) {
        app_edit_begin(app);
        pl->growth.whorl_clockwise = !pl->growth.whorl_clockwise;
        app_mark_changed(app, SCENE_CHANGED_LOOK);
        app_edit_end(app);
    }
    y += bh;
    /* Removing a point without a mouse or keyboard: select it (a tap),
     * then this button; or hold a finger on it. */
    bool line_tool = app->tools.tool == TOOL_HAIRLINE;
    bool can_delete = line_tool && app->tools.selected_point >= 0 && app->tools.selected_point < pl->hairline.count;
    if (ui_button(&app->ui, ui_id(tab, "delete point"), (UiRect){x, y, w, bh},
               can_delete  ? "Delete selected point"
               : line_tool ? "Delete point: tap one first"
                           : "Delete point: use the Line tool",
               false))
        app_tool_delete_selected(app);
    y += bh;
    ui_text(ui, x + 8 * s, y + 6 * s, FONT_SMALL, "Tap: add a point. Drag: move it.", ui->theme.text_dim);
    ui_text(ui, x + 8 * s, y + 26 * s, FONT_SMALL, "Remove: hold it, or Delete point.", ui->theme.text_dim);
    y = mark_ear_row(app, tab, x, y + 48 * s, w);
    if (!app_head_in_use(app))
        return y;
    /* the green outline's handles correct the fit; this takes the corrections back */
    ui_text(ui, x + 8 * s, y + 6 * s, FONT_SMALL, "Green outline: drag its handles to", ui->theme.text_dim);
    ui_text(ui, x + 8 * s, y + 26 * s, FONT_SMALL, "fit the head, tilt, turn or roll it.", ui->theme.text_dim);
    y += 48 * s;
    if (pl->head.set && ui_button(&app->ui, ui_id(tab, "fit head again"), (UiRect){x, y, w, bh}, "Fit the head again",
                                  false))
        app_head_fit_again(app);
    return pl->head.set ? y + bh : y;
}

/* An ear is marked apart from the Marks tool's sequence (glabella, eyes, midline): a
 * side photo shows one ear and perhaps no second eye. */
static float mark_ear_row(App *app, uint32_t tab, float x, float y, float w)
{
    float bh = 48 * app->ui.scale;
    bool armed = app->tools.mark_ear && app->tools.tool == TOOL_LANDMARKS;
    if (ui_button(&app->ui, ui_id(tab, "mark an ear"), (UiRect){x, y, w, bh},
                  armed ? "Mark an ear: tap it on the photo" : "Mark an ear", armed)) {
        app_tool_set(app, TOOL_LANDMARKS);
        app->tools.mark_ear = !armed;
        if (!armed)
            app_set_status(app, "Tap the client's ear: left or right is told by the head's fit");
    }
    return y + bh;
}

/* The Areas step: the brush's kind and size, brush or eraser, what gets dots,
 * the edge blend and the mattes overlay. */
static float regions_tab(App *app, float x, float y, float w)
{
    uint32_t tab = ui_id(0, "Regions tab");
    Ui *ui = &app->ui;
    float s = ui->scale, row = 50 * s, bh = 48 * s;
    SmpPlan *pl = &app->doc.plan;
    AppTools *t = &app->tools;
    static const char *kinds[REGION_KIND_COUNT] = {"Treat", "Exclude", "Scar"};
    for (int i = 0; i < REGION_KIND_COUNT; i++)
        if (ui_button(&app->ui, ui_id(tab, kinds[i]), (UiRect){x + w * i / 3, y, w / 3, bh}, kinds[i],
                   t->brush_kind == (PlanRegionKind)i))
            t->brush_kind = (PlanRegionKind)i;
    y += bh + 4 * s;
    ui_slider(ui, ui_id(tab, "Brush size (mm)"), (UiRect){x, y, w, row}, "Brush size (mm)", "", &t->brush_mm, 1, 60, 1);
    y += row;
    if (hint_button(app, ui_id(tab, "Brush"), (UiRect){x, y, w / 2, bh}, "Brush", "B", t->tool == TOOL_BRUSH))
        t->tool = TOOL_BRUSH;
    if (hint_button(app, ui_id(tab, "Eraser"), (UiRect){x + w / 2, y, w / 2, bh}, "Eraser", "E", t->tool == TOOL_ERASER))
        t->tool = TOOL_ERASER;
    y += bh + 4 * s;
    /* Off: treat strokes add to the hairline's area; on: only what is painted. */
    if (ui_button(&app->ui, ui_id(tab, "only painted"), (UiRect){x, y, w, bh},
               pl->only_painted ? "Dots: only painted areas" : "Dots: hairline + painted", pl->only_painted)) {
        app_edit_begin(app);
        pl->only_painted = !pl->only_painted;
        app_mark_changed(app, SCENE_CHANGED_REGIONS);
        app_edit_end(app);
    }
    y += bh;
    /* how far inside a painted edge the work thins out (docs/plan-format.md) */
    plan_slider(app, tab, (UiRect){x, y, w, row}, "Edge blend", "mm", &pl->edge_blend_mm, 0, PLAN_MAX_EDGE_BLEND_MM, 1,
                SCENE_CHANGED_REGIONS);
    y += row;
    if (hint_button(app, ui_id(tab, "Show head & hair"), (UiRect){x, y, w, bh}, "Show head & hair", "M",
                    app->mattes_overlay))
        app_toggle_mattes_overlay(app);
    y += bh + 4 * s;
    /* corrects the head matte where it is wrong: stored in the plan (docs/mattes.md) */
    if (hint_button(app, ui_id(tab, "Head brush"), (UiRect){x, y, w, bh}, "Head brush", "K",
                    t->tool == TOOL_HEAD_BRUSH))
        app_tool_set(app, TOOL_HEAD_BRUSH);
    y += bh;
    static const char *modes[2] = {"Not head", "Head"};
    for (int i = 0; i < 2; i++)
        if (ui_button(ui, ui_id(tab, modes[i]), (UiRect){x + w * i / 2, y, w / 2, bh}, modes[i],
                      t->head_brush_head == (i == 1)))
            t->head_brush_head = i == 1;
    y += bh;
    char n[64];
    snprintf(n, sizeof n, "%d painted region%s", pl->region_count, pl->region_count == 1 ? "" : "s");
    ui_text(ui, x + 8 * s, y + 10 * s, FONT_SMALL, n, ui->theme.text_dim);
    return y + 34 * s;
}

/* The side panel: the row of steps, then the step's controls, scrolled and clipped when
 * taller than the panel (the Dots tab at 800x600), with a "More" button
 * kept under it. The tab's height is known after drawing: the last frame's
 * is used. */
static void side_panel(App *app)
{
    Ui *ui = &app->ui;
    AppPanels *pn = &app->panels;
    UiRect p = pn->side_panel;
    uint32_t panel = ui_id(0, "side panel");
    float s = ui->scale, x = p.x + 6 * s, w = p.w - 12 * s, y = p.y + 4 * s, bh = 48 * s;
    if (pn->drawer_closed && p.w > 0) { /* folded: the steps in a column, a tap unfolds */
        ui_panel(ui, p);
        draw_rect(ui->dl, p.x, p.y, 1 * s, p.h, ui->theme.panel_edge);
        app_steps_column(app, panel, (UiRect){p.x + 4 * s, y, p.w - 8 * s, p.h - 8 * s});
        return;
    }
    if (p.w < 100)
        return;
    ui_panel(ui, p);
    draw_rect(ui->dl, p.x, p.y, 1 * s, p.h, ui->theme.panel_edge);
    app_steps_row(app, panel, x, y, w, bh);
    y += bh + 6 * s;
    if (pn->scrolled_step != pn->step)
        pn->scrolled_step = pn->step, pn->scroll = 0, pn->content_h = 0;
    float top = y, bottom = p.y + p.h;
    float more_h = pn->content_h > bottom - top ? bh + 6 * s : 0, room = bottom - top - more_h;
    float max_scroll = fmaxf(0, pn->content_h - room);
    pn->scroll = fminf(fmaxf(pn->scroll, 0), max_scroll);
    ui->clip = (UiRect){p.x, top, p.w, room};
    ui->clip_on = true;
    draw_clip(ui->dl, p.x, top, p.w, room);
    y = top - pn->scroll;
    switch (pn->step) {
    case STEP_LOOK: y = dots_tab(app, x, y, w); break;
    case STEP_HAIRLINE: y = hairline_tab(app, x, y, w); break;
    case STEP_AREAS: y = regions_tab(app, x, y, w); break;
    default: y = app_step_panel(app, x, y, w); break;
    }
    pn->content_h = y + pn->scroll - top + 4 * s;
    ui->clip_on = false;
    draw_clip_off(ui->dl);
    if (more_h > 0) {
        bool at_end = pn->scroll >= max_scroll - 0.5f;
        if (ui_button(ui, ui_id(panel, "more"), (UiRect){x, bottom - bh - 2 * s, w, bh},
                      at_end ? "Back to top" : "More below", false))
            pn->scroll = at_end ? 0 : max_scroll;
    }
}

/* Wheel over the side panel: one slider row per notch. */
void app_panel_scroll(App *app, float notches)
{
    app->panels.scroll -= notches * 50 * app->ui.scale; /* clamped when drawn */
}

static const char *tool_hint(const App *app)
{
    switch (app->tools.tool) {
    case TOOL_PAN: return "Pan: drag to move, wheel or pinch to zoom";
    case TOOL_HAIRLINE: return "Hairline: tap adds, drag moves, hold/right-click removes";
    case TOOL_BRUSH: return "Brush: paint treat, exclude or scar; size: slider or [ ]";
    case TOOL_ERASER: return "Eraser: paint to remove the chosen kind of area";
    case TOOL_CALIBRATE:
        return app->gesture.calib_clicks == 0 ? "Scale: click the first point (e.g. a pupil)" : "Scale: click the second point";
    case TOOL_LANDMARKS:
        return app->tools.mark_ear ? "Marks: tap the client's ear (its side from the head's fit)"
                                   : "Marks: between the brows, outer eye corners, then the midline; drag to adjust";
    case TOOL_WHORL: return "Whorl: click the crown's whorl centre";
    case TOOL_HEAD_BRUSH: return "Head brush: paint not head (no dots) or head; K switches; size: slider or [ ]";
    case TOOL_EYEDROPPER: return "Eyedropper: tap the client's stubble to match the dots to it";
    default: return "";
    }
}

static void status_bar(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale, y = app->panels.status_bar.y + 7 * s;
    ui_panel(ui, app->panels.status_bar);
    char facts[224], head[96];
    snprintf(facts, sizeof facts, "%d dots  |  zoom %.0f%%  |  %s  |  %s", app_visible_dots(app),
             app->view.zoom * 100, app->doc.plan.scale.set ? "scale set" : "scale ESTIMATED",
             app_head_label(app, head, sizeof head));
    float fw = font_text_width(&app->font, FONT_SMALL, facts);
    uint32_t warn = RGBA(255, 190, 90, 255);
    /* An implausible fit stays on screen, in amber: the view is flat. */
    ui_text(ui, app->panels.status_bar.w - fw - 12 * s, y, FONT_SMALL, facts,
            app->doc.head.implausible ? warn : ui->theme.text_dim);
    /* The latest message wins over the tool hint; both stop short of the facts. */
    if (app->status.text[0] && app->now - app->status.time > 6.0)
        app->status.text[0] = 0; /* messages fade back to the tool hint */
    const char *left = app->status.text[0]           ? app->status.text
                       : app->status.autosave_error[0] ? app->status.autosave_error
                       : app->state.autosave_off ? "Autosave is off: another smpview window uses this state folder"
                                           : tool_hint(app);
    char shown[256];
    app_elide(app, left, app->panels.status_bar.w - fw - 40 * s, shown, sizeof shown);
    ui_text(ui, 10 * s, y, FONT_SMALL, shown,
            left == app->status.autosave_error ? warn : app->status.text[0] ? ui->theme.text : ui->theme.text_dim);
    app_status_log_shown(app->status.shown, sizeof app->status.shown, left);
    if (app->job.running) { /* the export's progress along the bottom of the bar */
        UiRect b = app->panels.status_bar;
        float x0 = 0, x1 = (float)atomic_load(&app->job.progress) / 1000.0f;
        if (atomic_load(&app->job.finding_mattes)) { /* for a time not known ahead: a sweep */
            x0 = (float)fmod(app->now * 0.6, 1.25) - 0.25f;
            x1 = fminf(x0 + 0.25f, 1.0f), x0 = fmaxf(x0, 0.0f);
        }
        draw_rect(ui->dl, b.x, b.y + b.h - 4 * s, b.w, 4 * s, ui->theme.panel_edge);
        draw_rect(ui->dl, b.x + b.w * x0, b.y + b.h - 4 * s, b.w * (x1 - x0), 4 * s, ui->theme.accent);
    }
}

/* No scale yet: the dots are sized from an assumed scale; say so over the
 * photo, in amber, until the scale is set (never in the client's view). */
static void scale_warning(App *app)
{
    const char *t = "";
    if (app->doc.has_photo && !app->doc.plan.scale.set && !app->show_client)
        t = "No scale set: dot sizes are ESTIMATED from a typical phone portrait (4 pixels a mm). "
            "Set the scale: Scale tool (C), two points, their distance.";
    app_status_log_shown(app->status.banner_shown, sizeof app->status.banner_shown, t);
    if (!t[0] || app->ui_hidden)
        return;
    float s = app->ui.scale, line = app->font.line_h[FONT_SMALL];
    UiRect v = app->view.rect;
    int lines = app_wrap_text(app, v.x + 10 * s, v.y + 4 * s, v.w - 20 * s, t, 0, 3, false);
    draw_rect(&app->dl, v.x, v.y, v.w, lines * line + 8 * s, RGBA(60, 40, 0, 220));
    app_wrap_text(app, v.x + 10 * s, v.y + 4 * s, v.w - 20 * s, t, RGBA(255, 190, 90, 255), 3, true);
}

static const char *const help_lines[][2] = {
    {"H", "Hairline: tap adds, drag moves, hold/right-click/Delete removes"},
    {"B / E", "Brush / eraser: treat, exclude, scar areas (size: slider, [ ])"},
    {"C", "Scale: click two points, type the distance in mm"},
    {"L", "Face marks: between the brows (glabella), outer eye corners, midline"},
    {"W", "Whorl: crown centre (its direction in the Head & hairline step)"},
    {"K", "Head brush: mark not head / head (K again switches)"},
    {"I", "Eyedropper: tap stubble; Match proposes dots and pigment like it (Look step)"},
    {"P, middle drag", "Pan; wheel, Ctrl+wheel or pinch to zoom"},
    {"F / 1", "Fit the photo / 100 %"},
    {"S", "Before/after split (drag the divider)"},
    {"Shift+S", "Show the client: full screen, no marks (Esc leaves)"},
    {"Space (hold)", "Show the photo before treatment"},
    {"V", "3D head: fit it as the next view (front, top, left, right, back)"},
    {"R", "New dot pattern (same density; a new random seed)"},
    {"Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"},
    {"Ctrl+S / Ctrl+Shift+S", "Save / save as"},
    {"Ctrl+O / Ctrl+E", "Open a photo or plan / export an image"},
    {"Tab", "Hide or show the panels"},
    {"D", "Fold the side panel to its steps, or unfold it"},
    {"F1 or ?", "This help (Esc closes)"},
};
enum { HELP_LINES = sizeof help_lines / sizeof help_lines[0] };

/* Draws (or only measures) the shortcuts from ly down; returns the height. */
static float help_rows(App *app, float x, float ly, float dx, float dw, bool draw)
{
    Ui *ui = &app->ui;
    float s = ui->scale, lh = app->font.line_h[FONT_SMALL] + 4 * s, top = ly;
    for (int i = 0; i < HELP_LINES; i++) {
        if (draw)
            ui_text(ui, x + 24 * s, ly, FONT_SMALL, help_lines[i][0], ui->theme.accent);
        int n = app_wrap_text(app, x + dx, ly, dw, help_lines[i][1], ui->theme.text, 4, draw);
        ly += fmaxf(32 * s, n * lh + 9 * s);
    }
    return ly - top;
}

/* The shortcuts in two columns; descriptions wrap to the box, which is as
 * wide as the window allows (up to 720 px) and as tall as its rows. In a
 * window too short for them (800x600) the rows scroll between the title and
 * the buttons: the wheel, or "More below" / "Back to top". */
static void help_overlay(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale, w = fminf(720 * s, (float)app->frame.width), H = (float)app->frame.height;
    float key_w = 0;
    for (int i = 0; i < HELP_LINES; i++)
        key_w = fmaxf(key_w, font_text_width(&app->font, FONT_SMALL, help_lines[i][0]));
    float dx = 24 * s + key_w + 24 * s, dw = w - dx - 24 * s;
    float rows = help_rows(app, 0, 0, dx, dw, false);
    float h = fminf(70 * s + rows + 72 * s, H), room = h - 70 * s - 72 * s;
    float x = floorf((app->frame.width - w) * 0.5f), y = floorf((H - h) * 0.5f);
    float max_scroll = fmaxf(0, rows - room);
    app->help_scroll = fminf(fmaxf(app->help_scroll, 0), max_scroll);
    draw_rect(ui->dl, 0, 0, (float)app->frame.width, H, RGBA(0, 0, 0, 140));
    draw_rect(ui->dl, x, y, w, h, RGBA(28, 31, 36, 250));
    ui_text(ui, x + 24 * s, y + 16 * s, FONT_LARGE, "Tools and shortcuts", ui->theme.text);
    draw_clip(ui->dl, x, y + 66 * s, w, room + 4 * s);
    help_rows(app, x, y + 70 * s - app->help_scroll, dx, dw, true);
    draw_clip_off(ui->dl);
    uint32_t id = ui_id(0, "help");
    if (max_scroll > 0) {
        bool at_end = app->help_scroll >= max_scroll - 0.5f;
        if (ui_button(ui, ui_id(id, "more"), (UiRect){x + 20 * s, y + h - 64 * s, 160 * s, 52 * s},
                      at_end ? "Back to top" : "More below", false))
            app->help_scroll = at_end ? 0 : max_scroll;
    }
    if (ui_button(ui, ui_id(id, "Close"), (UiRect){x + w - 140 * s, y + h - 64 * s, 120 * s, 52 * s}, "Close", false))
        app->help_open = false;
}

/* Text wrapped to max_w, breaking after spaces and slashes (paths); returns
 * the number of lines (at most max_lines), drawn only when draw is set. */
int app_wrap_text(App *app, float x, float y, float max_w, const char *text, uint32_t rgba, int max_lines,
                     bool draw)
{
    const FontAtlas *f = &app->font;
    float lh = f->line_h[FONT_SMALL] + 4 * app->ui.scale;
    char line[512];
    int lines = 0;
    const char *p = text;
    while (*p && lines < max_lines) {
        const char *q = p, *brk = NULL;
        float wd = 0;
        while (*q) {
            const char *c = q;
            wd += font_glyph(f, FONT_SMALL, utf8_next(&c))->advance;
            if (wd > max_w || (size_t)(c - p) >= sizeof line)
                break;
            q = c;
            if (q[-1] == ' ' || q[-1] == '/')
                brk = q;
        }
        size_t n = (size_t)((*q && brk ? brk : q) - p);
        if (n == 0) { /* not even one character fits */
            const char *c = p;
            utf8_next(&c);
            n = (size_t)(c - p);
        }
        if (draw) {
            memcpy(line, p, n);
            line[n] = 0;
            ui_text(&app->ui, x, y + lines * lh, FONT_SMALL, line, rgba);
        }
        p += n;
        while (*p == ' ')
            p++;
        lines++;
    }
    return lines;
}

/* "Opening NAME": while the photo decodes on a worker thread (a sweeping bar,
 * the time, Cancel), then while it goes to the GPU a few tiles per frame (the
 * share done); the window keeps drawing. */
static void loading_box(App *app)
{
    Ui *ui = &app->ui;
    bool uploading = app_uploading(app);
    app->panels.load_cancel_on = false;
    app->panels.upload_box_on = uploading;
    if (!app_loading(app) && !uploading)
        return;
    float s = ui->scale, w = fminf(460 * s, (float)app->frame.width - 16 * s), h = 132 * s;
    float x = floorf((app->frame.width - w) * 0.5f), y = floorf((app->frame.height - h) * 0.5f);
    draw_rect(ui->dl, 0, 0, (float)app->frame.width, (float)app->frame.height, RGBA(0, 0, 0, 110));
    draw_rect(ui->dl, x, y, w, h, RGBA(30, 33, 39, 255));
    draw_rect_outline(ui->dl, x, y, w, h, 1 * s, ui->theme.panel_edge);
    const char *path = uploading ? app->doc.photo_path : app->load.photo_path, *base = strrchr(path, '/');
    char t[APP_PATH_MAX + 32];
    snprintf(t, sizeof t, "Opening %s", base ? base + 1 : path);
    app_wrap_text(app, x + 20 * s, y + 16 * s, w - 40 * s, t, ui->theme.text, 1, true);
    /* indeterminate progress: a block sweeping the track */
    float tx = x + 20 * s, tw = w - 40 * s, ty = y + 56 * s;
    draw_rect(ui->dl, tx, ty, tw, 10 * s, ui->theme.track);
    double el = app->now - app->load.started;
    if (uploading) { /* decoded: the share already on the GPU */
        draw_rect(ui->dl, tx, ty, tw * app->doc.upload_progress, 10 * s, ui->theme.accent);
        snprintf(t, sizeof t, "Preparing the view  %d %%", (int)(app->doc.upload_progress * 100));
    } else {
        float ph = (float)fmod(el / 1.2, 1.0), bw = tw * 0.25f;
        draw_rect(ui->dl, tx + (tw - bw) * ph, ty, bw, 10 * s, ui->theme.accent);
        snprintf(t, sizeof t, "%.1f s   (Esc)", el);
        /* pressed through app_load_cancel_hit: presses are blocked while loading */
        app->panels.load_cancel = (UiRect){x + w - 140 * s, y + 74 * s, 120 * s, 48 * s};
        app->panels.load_cancel_on = true;
        draw_rect(ui->dl, app->panels.load_cancel.x, app->panels.load_cancel.y, app->panels.load_cancel.w, app->panels.load_cancel.h,
                  ui->theme.accent);
        ui_text_centered(ui, app->panels.load_cancel, FONT_SMALL, "Cancel", ui->theme.text);
    }
    ui_text(ui, tx, y + 84 * s, FONT_SMALL, t, ui->theme.text_dim);
}

void app_draw_ui(App *app)
{
    Ui *ui = &app->ui;
    bool modal = app->dlg.kind != DLG_NONE || app->help_open;
    ui->blocked = modal;
    app_step_banner(app);
    scale_warning(app);
    if (app->show_client)
        app_show_draw(app);
    else if (!app->ui_hidden) {
        top_bar(app);
        tool_bar(app);
        side_panel(app);
        status_bar(app);
    }
    if (!app->doc.has_photo) {
        UiRect v = app->view.rect;
        ui_text_centered(ui, v, FONT_LARGE, "Open a photo: Ctrl+O or drop a file here",
                         ui->theme.text_dim);
    }
    if (app->job.running) {
        UiRect v = app->view.rect;
        float s = ui->scale;
        draw_rect(ui->dl, v.x + v.w * 0.5f - 170 * s, v.y + v.h * 0.5f - 40 * s, 340 * s, 80 * s, RGBA(0, 0, 0, 190));
        char t[48];
        static const char spin[4] = {'|', '/', '-', '\\'};
        snprintf(t, sizeof t, "Exporting...  %c", spin[(int)(app->now * 8) & 3]);
        ui_text_centered(ui, v, FONT_LARGE, t, ui->theme.text);
    }
    loading_box(app);
    ui->blocked = false;
    if (app->help_open && app->dlg.kind == DLG_NONE)
        help_overlay(app);
    app_draw_dialogs(app);
}

bool app_dump_layout(const App *app, const char *path, SmpError *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return smp_fail(err, "%s: cannot write the layout", path);
    const Ui *ui = &app->ui;
    const UiRect *v = &app->view.rect;
    fprintf(f, "window %d %d %.2f\nview %.0f %.0f %.0f %.0f\n", app->frame.width, app->frame.height, ui->scale,
            v->x, v->y, v->w, v->h);
    for (int k = 0; k < ui->id_count; k++) {
        const UiRect *r = &ui->rects[k];
        fprintf(f, "widget %d %.1f %.1f %.1f %.1f %s\n", ui->shown[k], r->x, r->y, r->w, r->h, ui->labels[k]);
    }
    app_head_handles_layout(app, f);
    app_views_hairline_layout(app, f);
    return fclose(f) == 0 || smp_fail(err, "%s: cannot write the layout", path);
}
