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

void app_layout(App *app, int w, int h, float s)
{
    bool bare = app->ui_hidden || app->show_client; /* showing the client: only its bar */
    float top = bare ? 0 : 56 * s, status = app->show_client ? app_show_bar_height(app) * s : bare ? 0 : 34 * s;
    float left = bare ? 0 : 104 * s, right = bare ? 0 : 330 * s;
    if (left + right > w * 0.6f)
        right = fmaxf(0, w * 0.6f - left);
    app->top_bar = (ViewRect){0, 0, (float)w, top};
    app->status_bar = (ViewRect){0, h - status, (float)w, status};
    app->tool_bar = (ViewRect){0, top, left, h - top - status};
    app->side_panel = (ViewRect){w - right, top, right, h - top - status};
    ViewRect v = {left, top, w - left - right, h - top - status};
    if (!app->view_ready) {
        app->view.rect = v;
        view_fit(&app->view);
        app->view_ready = app->has_photo;
    } else if (v.x != app->view.rect.x || v.y != app->view.rect.y || v.w != app->view.rect.w ||
               v.h != app->view.rect.h) {
        view_set_rect(&app->view, v);
    }
}

static UiRect R(ViewRect r) { return (UiRect){r.x, r.y, r.w, r.h}; }

static int wrap_text(App *app, float x, float y, float max_w, const char *text, uint32_t rgba, int max_lines,
                     bool draw);

/* Cuts text (a copy in buf) to room px, ending it with "..." when cut. */
static const char *elide(App *app, const char *text, float room, char *buf, size_t size)
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
    float s = ui->scale, x = 8 * s, bh = 52 * s, y = 2 * s;
    ui_panel(ui, R(app->top_bar));
    enum { N = 9 };
    static const char *labels[N] = {"Open", "Save", "Save as", "Export", "Undo", "Redo", "Fit", "Help", "Forget client"};
    float text_w = 0;
    for (int i = 0; i < N; i++)
        text_w += font_text_width(&app->font, FONT_SMALL, labels[i]);
    /* 28 px of padding per button, down to 14 to leave the file name ~200 px;
     * not from the name itself, so the buttons never move under a finger */
    float title_w = fminf(200 * s, app->top_bar.w * 0.25f);
    float pad = fmaxf(14 * s, fminf(28 * s, (app->top_bar.w - 16 * s - text_w - title_w) / N));
    for (int i = 0; i < N; i++) {
        float bw = font_text_width(&app->font, FONT_SMALL, labels[i]) + pad;
        if (x + bw > app->top_bar.w - 8 * s)
            break;
        bool on = (i == 4 && app->undo.count == 0) || (i == 5 && app->redo.count == 0);
        if (ui_button(ui, ID(1, i), (UiRect){x, y, bw, bh}, labels[i], false) && !on) {
            switch (i) {
            case 0: app->path_purpose = PATH_OPEN; app_open_dialog(app, DLG_PATH); break;
            case 1:
            case 2:
                if (i == 1 && app->plan_path[0]) {
                    SmpError err = {{0}};
                    if (!app_save_to(app, app->plan_path, &err))
                        app_set_error(app, err.msg);
                } else { /* save as, or save without a file yet */
                    app->path_purpose = PATH_SAVE_AS;
                    app_open_dialog(app, DLG_PATH);
                }
                break;
            case 3: app->path_purpose = PATH_EXPORT; app_open_dialog(app, DLG_PATH); break;
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
    float sw = font_text_width(&app->font, FONT_SMALL, show) + 28 * s, sx = app->top_bar.w - sw - 8 * s;
    if (sx >= x + 4 * s) {
        if (ui_button(ui, ID(1, 20), (UiRect){sx, y, sw, bh}, show, true))
            app_show_enter(app);
    } else
        sx = app->top_bar.w;
    float room = sx - x - 28 * s;
    if (room > 60 * s) {
        char buf[APP_PATH_MAX + 32];
        const char *t = elide(app, app_title(app), room, buf, sizeof buf);
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
    float s = ui->scale, w = app->tool_bar.w, y = app->tool_bar.y + 4 * s;
    float bh = fminf(56 * s, fmaxf(UI_TARGET * s, (app->tool_bar.h - 18 * s) / 9));
    ui_panel(ui, R(app->tool_bar));
    static const struct {
        const char *label;
        Tool tool;
        const char *hint;
    } tools[] = {{"Pan", TOOL_PAN, "P"},       {"Line", TOOL_HAIRLINE, "H"},   {"Brush", TOOL_BRUSH, "B"},
                 {"Eraser", TOOL_ERASER, "E"}, {"Scale", TOOL_CALIBRATE, "C"}, {"Marks", TOOL_LANDMARKS, "L"},
                 {"Whorl", TOOL_WHORL, "W"}};
    for (int i = 0; i < 7; i++, y += bh)
        if (hint_button(app, ID(2, i), (UiRect){4 * s, y, w - 8 * s, bh}, tools[i].label, tools[i].hint,
                        app->tool == tools[i].tool)) {
            app_edit_end(app);
            app->tool = tools[i].tool;
            app->calib_clicks = 0;
            if (app->tool == TOOL_HAIRLINE)
                app->tab = TAB_HAIRLINE;
            if (app->tool == TOOL_BRUSH || app->tool == TOOL_ERASER)
                app->tab = TAB_REGIONS;
        }
    y += 10 * s;
    if (hint_button(app, ID(2, 20), (UiRect){4 * s, y, w - 8 * s, bh}, "Split", "S", app->split_on))
        app->split_on = !app->split_on;
    y += bh;
    /* Held like the space bar: shows the photo alone while pressed. */
    UiRect before = {4 * s, y, w - 8 * s, bh};
    ui_button(ui, ID(2, 21), before, "Before", app->before_held);
    if (ui->active == ID(2, 21))
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
    unsigned w = pigment_warnings(&app->plan, &app->skin);
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

/* A slider bound to a plan field: one undo step per drag. */
static void plan_slider(App *app, uint32_t id, UiRect r, const char *label, const char *unit, double *v, double lo,
                        double hi, int decimals, unsigned change)
{
    double before = *v;
    UiEdit e = ui_slider(&app->ui, id, r, label, unit, v, lo, hi, decimals);
    if (e.began)
        app_edit_begin(app);
    if (e.changed || *v != before)
        app_mark_changed(app, change);
    if (e.ended)
        app_edit_end(app);
}

static void int_slider(App *app, uint32_t id, UiRect r, const char *label, const char *unit, int *v, int lo, int hi,
                       unsigned change)
{
    double d = *v;
    plan_slider(app, id, r, label, unit, &d, lo, hi, 0, change);
    *v = (int)d;
}

static bool choice(App *app, uint32_t id, UiRect r, const char *label, bool on)
{
    return ui_button(&app->ui, id, r, label, on);
}

/* Symmetric editing asks which half to keep (mirroring every point would
 * close the line into a loop); when on, one tap turns it off. */
static float symmetric_row(App *app, float x, float y, float w)
{
    SmpPlan *pl = &app->plan;
    float bh = 48 * app->ui.scale;
    if (pl->hairline.symmetric) {
        if (choice(app, ID(5, 20), (UiRect){x, y, w, bh}, "Symmetric: on (tap: off)", true)) {
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
        if (choice(app, ID(5, 23 + i), (UiRect){x + w * i / 2, y, w / 2, bh}, i == 0 ? "Keep left" : "Keep right",
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

static void side_panel(App *app)
{
    Ui *ui = &app->ui;
    ViewRect p = app->side_panel;
    if (p.w < 100)
        return;
    float s = ui->scale, x = p.x + 6 * s, w = p.w - 12 * s, y = p.y + 4 * s, row = 50 * s, bh = 48 * s;
    ui_panel(ui, R(p));
    draw_rect(ui->dl, p.x, p.y, 1 * s, p.h, ui->theme.panel_edge);
    static const char *tabs[TAB_COUNT] = {"Dots", "Hairline", "Regions"};
    for (int i = 0; i < TAB_COUNT; i++)
        if (ui_button(ui, ID(3, i), (UiRect){x + w * i / 3, y, w / 3, bh}, tabs[i], app->tab == (PanelTab)i))
            app->tab = (PanelTab)i;
    y += bh + 6 * s;
    /* A tab taller than the panel (the Dots tab at 800x600) scrolls: wheel,
     * or the "More" button kept under it. The content is clipped, for drawing
     * and input. Its height is known after drawing: the last frame's is used. */
    if (app->panel_tab != app->tab)
        app->panel_tab = app->tab, app->panel_scroll = 0, app->panel_content_h = 0;
    float top = y, bottom = p.y + p.h;
    float more_h = app->panel_content_h > bottom - top ? bh + 6 * s : 0, room = bottom - top - more_h;
    float max_scroll = fmaxf(0, app->panel_content_h - room);
    app->panel_scroll = fminf(fmaxf(app->panel_scroll, 0), max_scroll);
    ui->clip = (UiRect){p.x, top, p.w, room};
    ui->clip_on = true;
    draw_clip(ui->dl, p.x, top, p.w, room);
    y = top - app->panel_scroll;
    SmpPlan *pl = &app->plan;
    const unsigned LOOK = SCENE_CHANGED_LOOK, HL = SCENE_CHANGED_HAIRLINE;
    if (app->tab == TAB_DOTS) {
        plan_slider(app, ID(4, 0), (UiRect){x, y, w, row}, "Density: dots per cm\xc2\xb2", "", &pl->dots.density, 10, 160,
                    0, LOOK), y += row;
        plan_slider(app, ID(4, 1), (UiRect){x, y, w, row}, "Dot size (mm), smallest", "", &pl->dots.diameter_min_mm, 0.15,
                    1.0, 2, LOOK), y += row;
        plan_slider(app, ID(4, 2), (UiRect){x, y, w, row}, "Dot size (mm), largest", "", &pl->dots.diameter_max_mm, 0.15,
                    1.2, 2, LOOK), y += row;
        if (pl->dots.diameter_max_mm < pl->dots.diameter_min_mm)
            pl->dots.diameter_max_mm = pl->dots.diameter_min_mm;
        plan_slider(app, ID(4, 3), (UiRect){x, y, w, row}, "Dot shape: round to long", "", &pl->dots.elongation, 1.0, 2.5,
                    2, LOOK), y += row;
        plan_slider(app, ID(4, 4), (UiRect){x, y, w, row}, "Direction spread", "\xc2\xb0", &pl->dots.angle_spread_deg, 0,
                    90, 0, LOOK), y += row;
        plan_slider(app, ID(4, 5), (UiRect){x, y, w, row}, "Darkness: grey to black", "", &pl->pigment.shade, 0, 1, 2,
                    LOOK), y += row;
        plan_slider(app, ID(4, 6), (UiRect){x, y, w, row}, "Warmth: ash to brown", "", &pl->pigment.warmth, -1, 1,
                    2, LOOK), y += row;
        y += pigment_warnings_ui(app, x, y);
        int_slider(app, ID(4, 7), (UiRect){x, y, w, row}, "Sessions", "sessions", &pl->sessions, 2, 4, LOOK),
            y += row;
        if (pl->session > pl->sessions)
            pl->session = pl->sessions;
        int_slider(app, ID(4, 8), (UiRect){x, y, w, row}, "Session shown", "", &pl->session, 1, pl->sessions, LOOK),
            y += row;
        static const char *stages[STAGE_COUNT] = {"Fresh", "Healed", "Aged"};
        for (int i = 0; i < STAGE_COUNT; i++)
            if (choice(app, ID(4, 10 + i), (UiRect){x + w * i / 3, y, w / 3, bh}, stages[i], pl->stage == (Stage)i) &&
                pl->stage != (Stage)i) {
                app_edit_begin(app);
                pl->stage = (Stage)i;
                app_mark_changed(app, LOOK);
                app_edit_end(app);
            }
        y += bh;
        if (pl->stage == STAGE_AGED)
            plan_slider(app, ID(4, 14), (UiRect){x, y, w, row}, "Years since", "years", &pl->aged_years, 0, 20, 0,
                        LOOK), y += row;
        if (hint_button(app, ID(4, 15), (UiRect){x, y, w, bh}, "New dot pattern", "R", false)) {
            app_edit_begin(app);
            pl->seed = pl->seed * 1664525u + 1013904223u;
            app_mark_changed(app, LOOK);
            app_edit_end(app);
        }
        y += bh;
    } else if (app->tab == TAB_HAIRLINE) {
        static const char *styles[HAIRLINE_STYLE_COUNT] = {"Soft", "Broken", "Edged", "Mature"};
        for (int i = 0; i < HAIRLINE_STYLE_COUNT; i++)
            if (choice(app, ID(5, i), (UiRect){x + w * i / 4, y, w / 4, bh}, styles[i],
                       pl->hairline.style == (HairlineStyle)i)) {
                app_edit_begin(app);
                plan_apply_style(pl, (HairlineStyle)i);
                app_mark_changed(app, HL);
                app_edit_end(app);
            }
        y += bh + 4 * s;
        plan_slider(app, ID(5, 10), (UiRect){x, y, w, row}, "Softness: edge width (mm)", "", &pl->hairline.transition_mm, 1,
                    20, 1, HL), y += row;
        plan_slider(app, ID(5, 11), (UiRect){x, y, w, row}, "Waviness of the line", "",
                    &pl->hairline.macro_irregularity, 0, 1, 2, HL), y += row;
        plan_slider(app, ID(5, 12), (UiRect){x, y, w, row}, "Stray dots ahead of it", "",
                    &pl->hairline.micro_irregularity, 0, 1, 2, HL), y += row;
        plan_slider(app, ID(5, 13), (UiRect){x, y, w, row}, "Growth direction", "\xc2\xb0",
                    &pl->growth.front_angle_deg, 0, 180, 0, LOOK), y += row;
        y = symmetric_row(app, x, y, w);
        char whorl[64];
        snprintf(whorl, sizeof whorl, "Whorl turns %s", pl->growth.whorl_clockwise ? "clockwise" : "anticlockwise");
        if (choice(app, ID(5, 21), (UiRect){x, y, w, bh}, whorl, false)) {
            app_edit_begin(app);
            pl->growth.whorl_clockwise = !pl->growth.whorl_clockwise;
            app_mark_changed(app, LOOK);
            app_edit_end(app);
        }
        y += bh;
        /* Removing a point without a mouse or keyboard: select it (a tap),
         * then this button; or hold a finger on it. */
        bool can_delete = app->tool == TOOL_HAIRLINE && app->selected_point >= 0 &&
                          app->selected_point < pl->hairline.count;
        if (choice(app, ID(5, 22), (UiRect){x, y, w, bh},
                   can_delete                      ? "Delete selected point"
                   : app->tool == TOOL_HAIRLINE ? "Delete point: tap one first"
                                                : "Delete point: use the Line tool",
                   false))
            app_tool_delete_selected(app);
        y += bh;
        ui_text(ui, x + 8 * s, y + 6 * s, FONT_SMALL, "Tap: add a point. Drag: move it.", ui->theme.text_dim);
        ui_text(ui, x + 8 * s, y + 26 * s, FONT_SMALL, "Remove: hold it, or Delete point.", ui->theme.text_dim);
        y += 48 * s;
    } else {
        static const char *kinds[REGION_KIND_COUNT] = {"Treat", "Exclude", "Scar"};
        for (int i = 0; i < REGION_KIND_COUNT; i++)
            if (choice(app, ID(6, i), (UiRect){x + w * i / 3, y, w / 3, bh}, kinds[i], app->brush_kind == (RegionKind)i))
                app->brush_kind = (RegionKind)i;
        y += bh + 4 * s;
        ui_slider(ui, ID(6, 10), (UiRect){x, y, w, row}, "Brush size (mm)", "", &app->brush_mm, 1, 60, 1);
        y += row;
        if (hint_button(app, ID(6, 11), (UiRect){x, y, w / 2, bh}, "Brush", "B", app->tool == TOOL_BRUSH))
            app->tool = TOOL_BRUSH;
        if (hint_button(app, ID(6, 12), (UiRect){x + w / 2, y, w / 2, bh}, "Eraser", "E", app->tool == TOOL_ERASER))
            app->tool = TOOL_ERASER;
        y += bh + 4 * s;
        /* Off: treat strokes add to the hairline's area; on: only what is painted. */
        if (choice(app, ID(6, 13), (UiRect){x, y, w, bh},
                   pl->only_painted ? "Dots: only painted areas" : "Dots: hairline + painted", pl->only_painted)) {
            app_edit_begin(app);
            pl->only_painted = !pl->only_painted;
            app_mark_changed(app, SCENE_CHANGED_REGIONS);
            app_edit_end(app);
        }
        y += bh;
        /* how far inside a painted edge the work thins out (docs/plan-format.md) */
        plan_slider(app, ID(6, 15), (UiRect){x, y, w, row}, "Edge blend", "mm", &pl->edge_blend_mm, 0,
                    PLAN_MAX_EDGE_BLEND_MM, 1, SCENE_CHANGED_REGIONS);
        y += row;
        if (hint_button(app, ID(6, 16), (UiRect){x, y, w, bh}, "Show head & hair", "M", app->mattes_overlay))
            app_toggle_mattes_overlay(app);
        y += bh;
        char n[64];
        snprintf(n, sizeof n, "%d painted region%s", pl->region_count, pl->region_count == 1 ? "" : "s");
        ui_text(ui, x + 8 * s, y + 10 * s, FONT_SMALL, n, ui->theme.text_dim);
        y += 34 * s;
    }
    app->panel_content_h = y + app->panel_scroll - top + 4 * s;
    ui->clip_on = false;
    draw_clip_off(ui->dl);
    if (more_h > 0) {
        bool at_end = app->panel_scroll >= max_scroll - 0.5f;
        if (ui_button(ui, ID(3, 10), (UiRect){x, bottom - bh - 2 * s, w, bh}, at_end ? "Back to top" : "More below",
                      false))
            app->panel_scroll = at_end ? 0 : max_scroll;
    }
}

/* Wheel over the side panel: one slider row per notch. */
void app_panel_scroll(App *app, float notches)
{
    app->panel_scroll -= notches * 50 * app->ui.scale; /* clamped when drawn */
}

static const char *tool_hint(const App *app)
{
    switch (app->tool) {
    case TOOL_PAN: return "Pan: drag to move, wheel or pinch to zoom";
    case TOOL_HAIRLINE: return "Hairline: tap adds, drag moves, hold/right-click removes";
    case TOOL_BRUSH: return "Brush: paint treat, exclude or scar; size: slider or [ ]";
    case TOOL_ERASER: return "Eraser: paint to remove the chosen kind of area";
    case TOOL_CALIBRATE:
        return app->calib_clicks == 0 ? "Scale: click the first point (e.g. a pupil)" : "Scale: click the second point";
    case TOOL_LANDMARKS: return "Marks: between the brows, outer eye corners, then the midline; drag to adjust";
    case TOOL_WHORL: return "Whorl: click the crown's whorl centre";
    default: return "";
    }
}

/* Tests read what the status bar says: each new text, one line, appended to
 * the file SMPVIEW_STATUS_LOG names. */
static void log_shown(char *last, size_t size, const char *text)
{
    if (!strcmp(last, text))
        return;
    app_copy_str(last, size, text);
    const char *path = getenv("SMPVIEW_STATUS_LOG");
    FILE *f = path && path[0] ? fopen(path, "a") : NULL;
    if (f) {
        fprintf(f, "%s\n", text);
        fclose(f);
    }
}

static void status_bar(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale, y = app->status_bar.y + 7 * s;
    ui_panel(ui, R(app->status_bar));
    char facts[160];
    snprintf(facts, sizeof facts, "%d dots  |  zoom %.0f%%  |  %s", app_visible_dots(app), app->view.zoom * 100,
             app->plan.scale.set ? "scale set" : "scale ESTIMATED");
    float fw = font_text_width(&app->font, FONT_SMALL, facts);
    ui_text(ui, app->status_bar.w - fw - 12 * s, y, FONT_SMALL, facts, ui->theme.text_dim);
    /* The latest message wins over the tool hint; both stop short of the facts. */
    if (app->status[0] && app->now - app->status_time > 6.0)
        app->status[0] = 0; /* messages fade back to the tool hint */
    const char *left = app->status[0]           ? app->status
                       : app->autosave_error[0] ? app->autosave_error
                       : app->autosave_off ? "Autosave is off: another smpview window uses this state folder"
                                           : tool_hint(app);
    char shown[256];
    elide(app, left, app->status_bar.w - fw - 40 * s, shown, sizeof shown);
    uint32_t warn = RGBA(255, 190, 90, 255);
    ui_text(ui, 10 * s, y, FONT_SMALL, shown,
            left == app->autosave_error ? warn : app->status[0] ? ui->theme.text : ui->theme.text_dim);
    log_shown(app->status_shown, sizeof app->status_shown, left);
}

/* No scale yet: the dots are sized from an assumed scale; say so over the
 * photo, in amber, until the scale is set (never in the client's view). */
static void scale_warning(App *app)
{
    const char *t = "";
    if (app->has_photo && !app->plan.scale.set && !app->show_client)
        t = "No scale set: dot sizes are ESTIMATED from a typical phone portrait (4 pixels a mm). "
            "Set the scale: Scale tool (C), two points, their distance.";
    log_shown(app->banner_shown, sizeof app->banner_shown, t);
    if (!t[0] || app->ui_hidden)
        return;
    float s = app->ui.scale, line = app->font.line_h[FONT_SMALL];
    ViewRect v = app->view.rect;
    int lines = wrap_text(app, v.x + 10 * s, v.y + 4 * s, v.w - 20 * s, t, 0, 3, false);
    draw_rect(&app->dl, v.x, v.y, v.w, lines * line + 8 * s, RGBA(60, 40, 0, 220));
    wrap_text(app, v.x + 10 * s, v.y + 4 * s, v.w - 20 * s, t, RGBA(255, 190, 90, 255), 3, true);
}

/* The shortcuts in two columns; descriptions wrap to the box, which is as
 * wide as the window allows (up to 720 px) and as tall as its rows. */
static void help_overlay(App *app)
{
    Ui *ui = &app->ui;
    static const char *lines[][2] = {
        {"H", "Hairline: tap adds, drag moves, hold/right-click/Delete removes"},
        {"B / E", "Brush / eraser: treat, exclude, scar areas (size: slider, [ ])"},
        {"C", "Scale: click two points, type the distance in mm"},
        {"L", "Face marks: between the brows (glabella), outer eye corners, midline"},
        {"W", "Whorl: crown centre (direction in the Hairline tab)"},
        {"P, middle drag", "Pan; wheel, Ctrl+wheel or pinch to zoom"},
        {"F / 1", "Fit the photo / 100 %"},
        {"S", "Before/after split (drag the divider)"},
        {"Shift+S", "Show the client: full screen, no marks (Esc leaves)"},
        {"Space (hold)", "Show the photo before treatment"},
        {"R", "New dot pattern (same density; a new random seed)"},
        {"Ctrl+Z / Ctrl+Shift+Z", "Undo / redo"},
        {"Ctrl+S / Ctrl+Shift+S", "Save / save as"},
        {"Ctrl+O / Ctrl+E", "Open a photo or plan / export an image"},
        {"Tab", "Hide or show the panels"},
        {"F1 or ?", "This help (Esc closes)"},
    };
    enum { N = sizeof lines / sizeof lines[0] };
    float s = ui->scale, w = fminf(720 * s, (float)app->frame.width);
    float key_w = 0;
    for (int i = 0; i < N; i++)
        key_w = fmaxf(key_w, font_text_width(&app->font, FONT_SMALL, lines[i][0]));
    float dx = 24 * s + key_w + 24 * s, dw = w - dx - 24 * s;
    float lh = app->font.line_h[FONT_SMALL] + 4 * s, rows = 0;
    for (int i = 0; i < N; i++)
        rows += fmaxf(32 * s, wrap_text(app, 0, 0, dw, lines[i][1], 0, 4, false) * lh + 9 * s);
    float h = fminf(70 * s + rows + 72 * s, (float)app->frame.height);
    float x = floorf((app->frame.width - w) * 0.5f), y = floorf((app->frame.height - h) * 0.5f);
    if (y < 0) y = 0;
    draw_rect(ui->dl, 0, 0, (float)app->frame.width, (float)app->frame.height, RGBA(0, 0, 0, 140));
    draw_rect(ui->dl, x, y, w, h, RGBA(28, 31, 36, 250));
    ui_text(ui, x + 24 * s, y + 16 * s, FONT_LARGE, "Tools and shortcuts", ui->theme.text);
    float ly = y + 70 * s;
    for (int i = 0; i < N; i++) {
        ui_text(ui, x + 24 * s, ly, FONT_SMALL, lines[i][0], ui->theme.accent);
        int n = wrap_text(app, x + dx, ly, dw, lines[i][1], ui->theme.text, 4, true);
        ly += fmaxf(32 * s, n * lh + 9 * s);
    }
    if (ui_button(ui, ID(7, 1), (UiRect){x + w - 140 * s, y + h - 64 * s, 120 * s, 52 * s}, "Close", false))
        app->help_open = false;
}

/* ---- dialogs ---- */

/* The field gets DIR/STEM+TAIL, or DIR/STEM-2+TAIL, -3... when taken: on a
 * tablet the proposal is accepted as is (no keyboard to rename it), so it must
 * never overwrite an earlier plan or export. */
static void propose_free_path(App *app, const char *dir, const char *stem, const char *tail)
{
    const char *ext = strrchr(tail, '.');
    int base_len = (int)(ext - tail);
    snprintf(app->field, sizeof app->field, "%s/%s%s", dir, stem, tail);
    for (int n = 2; n < 1000 && access(app->field, F_OK) == 0; n++)
        snprintf(app->field, sizeof app->field, "%s/%s%.*s-%d%s", dir, stem, base_len, tail, n, ext);
}

void app_open_dialog(App *app, DialogKind kind)
{
    app_edit_end(app);
    app->dialog = kind;
    app->field_fresh = kind == DLG_PATH || kind == DLG_CALIBRATE;
    if (kind == DLG_PATH) {
        char dir[APP_FIELD_MAX - 300]; /* leaves room for the file name */
        app_state_last_folder(app, dir, sizeof dir);
        const char *base = strrchr(app->photo_path, '/');
        char stem[250] = "plan";
        if (base) {
            snprintf(stem, sizeof stem, "%s", base + 1);
            char *dot = strrchr(stem, '.');
            if (dot)
                *dot = 0;
        }
        switch (app->path_purpose) {
        case PATH_OPEN:
        case PATH_LOCATE: app_browse_open(app); break;
        case PATH_SAVE_AS: propose_free_path(app, dir, stem, ".smp"); break;
        case PATH_EXPORT: propose_free_path(app, dir, stem, "_preview.png"); break;
        }
    }
}

static void dialog_after_save_choice(App *app, bool save)
{
    if (save) {
        if (!app->plan_path[0]) { /* no file yet: ask where, then continue */
            app->path_purpose = PATH_SAVE_AS;
            app_open_dialog(app, DLG_PATH);
            return;
        }
        SmpError err = {{0}};
        if (!app_save_to(app, app->plan_path, &err)) {
            app_set_error(app, err.msg);
            app->after = AFTER_NONE;
            return;
        }
    } else {
        app_state_clear_autosave(app); /* the user chose to drop the changes */
        if (app->after == AFTER_QUIT)
            app->dirty = false; /* so quitting does not write them back as an autosave */
    }
    app->dialog = DLG_NONE;
    AfterAction a = app->after;
    app->after = AFTER_NONE;
    if (a == AFTER_QUIT)
        app->quit = true;
    else if (a == AFTER_OPEN) {
        /* Straight to the open: the user has answered; a failure keeps all. */
        SmpError err = {{0}};
        if (!app_open_path(app, app->after_path, &err))
            app_set_error(app, err.msg);
    }
}

/* Saves or exports to the field's path, the user having agreed to replace
 * whatever is there. */
static void path_write(App *app)
{
    char path[APP_FIELD_MAX];
    snprintf(path, sizeof path, "%s", app->field);
    SmpError err = {{0}};
    app->dialog = DLG_PATH; /* so a failure below shows its message */
    if (app->path_purpose == PATH_EXPORT) {
        app->dialog = DLG_NONE;
        app_export_start(app, path);
        return;
    }
    if (!app_save_to(app, path, &err)) {
        app_set_error(app, err.msg);
        app->after = AFTER_NONE;
        return;
    }
    app->dialog = DLG_NONE;
    if (app->after != AFTER_NONE) {
        app->dialog = DLG_SAVE_CHANGES;
        dialog_after_save_choice(app, false);
    }
}

static void path_confirm(App *app)
{
    if (app->path_purpose == PATH_OPEN || app->path_purpose == PATH_LOCATE) {
        app_browse_confirm(app);
        return;
    }
    struct stat st;
    bool own_plan = app->path_purpose == PATH_SAVE_AS && file_is_same(app->field, app->plan_path);
    /* Replacing another file is the user's call: asked, never silent. The
     * open photo and plan are refused later by app_save_to/app_export_start. */
    if (!own_plan && lstat(app->field, &st) == 0 && !file_is_same(app->field, app->photo_path) &&
        !file_is_same(app->field, app->plan_path)) {
        app->dialog = DLG_REPLACE;
        return;
    }
    path_write(app);
}

static void calibrate_confirm(App *app)
{
    char *end = NULL;
    double mm = strtod(app->field, &end);
    if (end == app->field || !(mm > 0.5 && mm < 2000)) {
        app_set_status(app, "Type a distance between 0.5 and 2000 mm");
        return;
    }
    app_edit_begin(app);
    app->plan.scale.set = true;
    app->plan.scale.a = app->calib_a;
    app->plan.scale.b = app->calib_b;
    app->plan.scale.distance_mm = mm;
    app_mark_changed(app, SCENE_CHANGED_SCALE | SCENE_CHANGED_ALL);
    app_edit_end(app);
    app->calib_clicks = 0;
    app->dialog = DLG_NONE;
    char msg[160];
    app_tool_scale_message(app, msg, sizeof msg);
    app_set_status(app, msg);
}

static void field_backspace(char *f)
{
    size_t n = strlen(f);
    while (n > 0 && ((unsigned char)f[n - 1] & 0xC0) == 0x80)
        n--; /* continuation bytes of a UTF-8 character */
    if (n > 0)
        n--;
    f[n] = 0;
}

void app_dialog_text(App *app, const char *text)
{
    if (app->dialog != DLG_PATH && app->dialog != DLG_CALIBRATE)
        return;
    if (app->field_fresh)
        app->field[0] = 0; /* the proposed text is selected: typing replaces it */
    app->field_fresh = false;
    size_t n = strlen(app->field), m = strlen(text);
    if (n + m < sizeof app->field)
        memcpy(app->field + n, text, m + 1);
}

static bool browsing(const App *app) { return app->path_purpose == PATH_OPEN || app->path_purpose == PATH_LOCATE; }

/* Keys that scroll the open dialog's list. */
static bool browse_key(App *app, int key)
{
    float row = 56 * app->font_scale;
    switch (key) {
    case APP_KEY_UP: app_browse_scroll(app, -row); return true;
    case APP_KEY_DOWN: app_browse_scroll(app, row); return true;
    case APP_KEY_PAGEUP: app_browse_scroll(app, -5 * row); return true;
    case APP_KEY_PAGEDOWN: app_browse_scroll(app, 5 * row); return true;
    case APP_KEY_HOME: app->br_scroll = 0; return true;
    case APP_KEY_END: app_browse_scroll(app, 1e9f); return true;
    default: return false;
    }
}

bool app_dialog_key(App *app, int key, int mods)
{
    (void)mods;
    switch (app->dialog) {
    case DLG_SAVE_CHANGES:
        if (key == 's' || key == APP_KEY_RETURN)
            dialog_after_save_choice(app, true);
        else if (key == 'd' || key == 'n')
            dialog_after_save_choice(app, false);
        else if (key == APP_KEY_ESCAPE || key == 'c')
            app->dialog = DLG_NONE, app->after = AFTER_NONE;
        return true;
    case DLG_RECOVER:
        if (key == 'r' || key == APP_KEY_RETURN) {
            SmpError err = {{0}};
            app->dialog = DLG_NONE;
            if (!app_state_recover(app, &err))
                app_set_error(app, err.msg);
        } else if (key == 'd' || key == APP_KEY_ESCAPE) {
            app_state_clear_autosave(app);
            app->dialog = DLG_NONE;
        }
        return true;
    case DLG_CALIBRATE:
    case DLG_PATH:
        if (key == APP_KEY_RETURN)
            app->dialog == DLG_PATH ? path_confirm(app) : calibrate_confirm(app);
        else if (key == APP_KEY_ESCAPE) {
            if (app->dialog == DLG_PATH && (app->path_purpose == PATH_OPEN || app->path_purpose == PATH_LOCATE))
                app_browse_cancel(app);
            app->dialog = DLG_NONE, app->calib_clicks = 0, app->after = AFTER_NONE;
        } else if (app->dialog == DLG_PATH && browsing(app) && browse_key(app, key)) {
        } else if (key == APP_KEY_BACKSPACE) {
            if (app->field_fresh)
                app->field[0] = 0;
            app->field_fresh = false;
            field_backspace(app->field);
        }
        return true;
    case DLG_MESSAGE:
        if (key == APP_KEY_RETURN || key == APP_KEY_ESCAPE)
            app->dialog = DLG_NONE;
        return true;
    case DLG_REPLACE: /* Return takes the highlighted, safe answer; replacing needs R */
        if (key == 'r')
            path_write(app);
        else if (key == APP_KEY_ESCAPE || key == APP_KEY_RETURN || key == 'c')
            app->dialog = DLG_PATH, app->field_fresh = false; /* back to the name, to change it */
        return true;
    case DLG_FORGET: /* Return takes the safe answer; forgetting needs F */
        if (key == 'f')
            app->dialog = DLG_NONE, app_forget_client(app);
        else if (key == APP_KEY_ESCAPE || key == APP_KEY_RETURN || key == 'c')
            app->dialog = DLG_NONE;
        return true;
    case DLG_NONE: return false;
    }
    return false;
}

/* Text wrapped to max_w, breaking after spaces and slashes (paths); returns
 * the number of lines (at most max_lines), drawn only when draw is set. */
static int wrap_text(App *app, float x, float y, float max_w, const char *text, uint32_t rgba, int max_lines,
                     bool draw)
{
    const UiFont *f = &app->font;
    float lh = f->line_h[FONT_SMALL] + 4 * app->ui.scale;
    char line[512];
    int lines = 0;
    const char *p = text;
    while (*p && lines < max_lines) {
        const char *q = p, *brk = NULL;
        float wd = 0;
        while (*q) {
            const char *c = q;
            wd += font_glyph(f, FONT_SMALL, font_next_codepoint(&c))->advance;
            if (wd > max_w || (size_t)(c - p) >= sizeof line)
                break;
            q = c;
            if (q[-1] == ' ' || q[-1] == '/')
                brk = q;
        }
        size_t n = (size_t)((*q && brk ? brk : q) - p);
        if (n == 0) { /* not even one character fits */
            const char *c = p;
            font_next_codepoint(&c);
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

static UiRect dialog_box(App *app, float w, float h, const char *title)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    w *= s, h *= s;
    if (w > app->frame.width) w = (float)app->frame.width;
    float x = (app->frame.width - w) * 0.5f, y = (app->frame.height - h) * 0.5f;
    if (y < 0) y = 0;
    draw_rect(ui->dl, 0, 0, (float)app->frame.width, (float)app->frame.height, RGBA(0, 0, 0, 130));
    draw_rect(ui->dl, x, y, w, h, RGBA(30, 33, 39, 252));
    draw_rect_outline(ui->dl, x, y, w, h, 1 * s, ui->theme.panel_edge);
    ui_text(ui, x + 20 * s, y + 14 * s, FONT_LARGE, title, ui->theme.text);
    return (UiRect){x, y, w, h};
}

/* The two buttons of a question whose answer cannot be undone: the action on
 * the left (its key given), Cancel on the right, highlighted as the safe one. */
static void risky_or_cancel(App *app, UiRect b, uint32_t id, const char *action, int key)
{
    Ui *ui = &app->ui;
    float s = ui->scale, bh = 56 * s, bw = (b.w - 40 * s) / 2, y = b.y + b.h - bh - 16 * s; /* as dialogs() */
    if (ui_button(ui, id, (UiRect){b.x + 20 * s, y, bw, bh}, action, false))
        app_dialog_key(app, key, 0);
    else if (ui_button(ui, id + 1, (UiRect){b.x + 20 * s + bw, y, bw, bh}, "Cancel  (Esc)", true))
        app_dialog_key(app, APP_KEY_ESCAPE, 0);
}

void app_draw_field(App *app, UiRect r)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    draw_rect(ui->dl, r.x, r.y, r.w, r.h, ui->theme.track);
    const char *t = app->field;
    if (app->field_fresh) { /* selected: the first key typed replaces it */
        float tw = font_text_width(&app->font, FONT_SMALL, t);
        draw_rect(ui->dl, r.x + 8 * s, r.y + 8 * s, fminf(tw + 4 * s, r.w - 16 * s), r.h - 16 * s,
                  RGBA(38, 90, 150, 255));
    }
    /* Long paths: show the end, where the file name is. */
    while (font_text_width(&app->font, FONT_SMALL, t) > r.w - 30 * s && *t)
        font_next_codepoint(&t);
    ui_text(ui, r.x + 10 * s, r.y + (r.h - app->font.line_h[0]) * 0.5f, FONT_SMALL, t, ui->theme.text);
    float cx = r.x + 10 * s + font_text_width(&app->font, FONT_SMALL, t) + 2 * s;
    draw_rect(ui->dl, cx, r.y + 10 * s, 2 * s, r.h - 20 * s, ui->theme.accent);
}

static void dialogs(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale, bh = 56 * s;
    ui->blocked = false;
    switch (app->dialog) {
    case DLG_NONE: return;
    case DLG_SAVE_CHANGES: {
        UiRect b = dialog_box(app, 560, 200, "Save changes to this plan?");
        ui_text(ui, b.x + 20 * s, b.y + 62 * s, FONT_SMALL, "Your edits are not saved yet.", ui->theme.text_dim);
        float bw = (b.w - 40 * s) / 3;
        if (ui_button(ui, ID(8, 1), (UiRect){b.x + 20 * s, b.y + b.h - bh - 16 * s, bw, bh}, "Save  (S)", true))
            dialog_after_save_choice(app, true);
        else if (ui_button(ui, ID(8, 2), (UiRect){b.x + 20 * s + bw, b.y + b.h - bh - 16 * s, bw, bh},
                           "Don't save  (D)", false))
            dialog_after_save_choice(app, false);
        else if (ui_button(ui, ID(8, 3), (UiRect){b.x + 20 * s + 2 * bw, b.y + b.h - bh - 16 * s, bw, bh},
                           "Cancel  (Esc)", false))
            app->dialog = DLG_NONE, app->after = AFTER_NONE;
        break;
    }
    case DLG_RECOVER: {
        UiRect b = dialog_box(app, 600, 210, "Recover unsaved work?");
        ui_text(ui, b.x + 20 * s, b.y + 62 * s, FONT_SMALL, "smpview was closed with unsaved changes last time.",
                ui->theme.text_dim);
        float bw = (b.w - 40 * s) / 2;
        if (ui_button(ui, ID(8, 4), (UiRect){b.x + 20 * s, b.y + b.h - bh - 16 * s, bw, bh}, "Recover  (R)", true))
            app_dialog_key(app, 'r', 0);
        else if (ui_button(ui, ID(8, 5), (UiRect){b.x + 20 * s + bw, b.y + b.h - bh - 16 * s, bw, bh},
                           "Discard  (D)", false))
            app_dialog_key(app, 'd', 0);
        break;
    }
    case DLG_MESSAGE: {
        float mw = fminf(720 * s, (float)app->frame.width) - 40 * s;
        int lines = wrap_text(app, 0, 0, mw, app->message, 0, 6, false);
        float lh = (app->font.line_h[FONT_SMALL] + 4 * s) / s;
        UiRect b = dialog_box(app, 720, 160 + lines * lh, "Something went wrong");
        wrap_text(app, b.x + 20 * s, b.y + 62 * s, mw, app->message, ui->theme.text, 6, true);
        if (ui_button(ui, ID(8, 6), (UiRect){b.x + b.w - 160 * s, b.y + b.h - bh - 16 * s, 140 * s, bh}, "OK", true))
            app->dialog = DLG_NONE;
        break;
    }
    case DLG_FORGET: {
        static const char what[] = "Their plan leaves the recent list; the last folder and the copy of unsaved "
                                   "work are cleared, and the photo closes. Their plans and exported images stay "
                                   "on disk, where they were saved: delete them there if the client asks.";
        float mw = 680 * s, lh = (app->font.line_h[FONT_SMALL] + 4 * s) / s;
        int lines = wrap_text(app, 0, 0, mw, what, 0, 6, false);
        UiRect b = dialog_box(app, 720, 150 + lines * lh, "Forget this client?");
        wrap_text(app, b.x + 20 * s, b.y + 62 * s, mw, what, ui->theme.text, 6, true);
        risky_or_cancel(app, b, ID(8, 20), "Forget  (F)", 'f');
        break;
    }
    case DLG_REPLACE: {
        UiRect b = dialog_box(app, 640, 210, "Replace the existing file?");
        char buf[APP_PATH_MAX + 32];
        ui_text(ui, b.x + 20 * s, b.y + 62 * s, FONT_SMALL, elide(app, app->field, b.w - 40 * s, buf, sizeof buf),
                ui->theme.text_dim);
        risky_or_cancel(app, b, ID(8, 7), "Replace  (R)", 'r');
        break;
    }
    case DLG_PATH: {
        if (browsing(app)) {
            app_browse_ui(app);
            break;
        }
        static const char *titles[] = {"Open a photo or plan", "Save plan as", "Export image", ""};
        UiRect b = dialog_box(app, 720, app->path_purpose == PATH_EXPORT ? 300 : 230, titles[app->path_purpose]);
        app_draw_field(app, (UiRect){b.x + 20 * s, b.y + 64 * s, b.w - 40 * s, 50 * s});
        float y = b.y + 126 * s;
        if (app->path_purpose == PATH_EXPORT) {
            if (ui_button(ui, ID(8, 10), (UiRect){b.x + 20 * s, y, 280 * s, bh},
                          app->export_label ? "Label SIMULATION: on" : "Label SIMULATION: off", app->export_label))
                app->export_label = !app->export_label;
            if (ui_button(ui, ID(8, 11), (UiRect){b.x + 310 * s, y, 280 * s, bh},
                          app->export_view_only ? "Area: current view" : "Area: full photo", false))
                app->export_view_only = !app->export_view_only;
            y += bh + 8 * s;
        }
        (void)y;
        static const char *ok[] = {"Open", "Save", "Export", ""};
        if (ui_button(ui, ID(8, 12), (UiRect){b.x + b.w - 320 * s, b.y + b.h - bh - 16 * s, 140 * s, bh},
                      ok[app->path_purpose], true))
            path_confirm(app);
        else if (ui_button(ui, ID(8, 13), (UiRect){b.x + b.w - 170 * s, b.y + b.h - bh - 16 * s, 150 * s, bh},
                           "Cancel", false))
            app->dialog = DLG_NONE, app->after = AFTER_NONE;
        break;
    }
    case DLG_CALIBRATE: {
        /* field, hint, 4 rows of keys, then OK/Cancel 16 px above the bottom */
        UiRect b = dialog_box(app, 380, 146 + 4 * 60 + 10 + 56 + 16, "Distance in mm");
        app_draw_field(app, (UiRect){b.x + 20 * s, b.y + 62 * s, b.w - 40 * s, 50 * s});
        ui_text(ui, b.x + 20 * s, b.y + 118 * s, FONT_SMALL, "Pupils: about 63 mm", ui->theme.text_dim);
        static const char *keys[12] = {"7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "<"};
        float kw = (b.w - 40 * s) / 3, kh = 60 * s, ky = b.y + 146 * s;
        for (int i = 0; i < 12; i++) {
            UiRect k = {b.x + 20 * s + kw * (i % 3), ky + kh * (i / 3), kw, kh};
            if (ui_button(ui, ID(9, i), k, keys[i], false)) {
                if (keys[i][0] == '<')
                    field_backspace(app->field);
                else
                    app_dialog_text(app, keys[i]);
            }
        }
        float by = b.y + b.h - bh - 16 * s;
        float bw = (b.w - 40 * s) / 2;
        if (ui_button(ui, ID(9, 20), (UiRect){b.x + 20 * s, by, bw, bh}, "OK", true))
            calibrate_confirm(app);
        else if (ui_button(ui, ID(9, 21), (UiRect){b.x + 20 * s + bw, by, bw, bh}, "Cancel", false))
            app->dialog = DLG_NONE, app->calib_clicks = 0;
        break;
    }
    }
}

void app_draw_ui(App *app)
{
    Ui *ui = &app->ui;
    bool modal = app->dialog != DLG_NONE || app->help_open;
    ui->blocked = modal;
    scale_warning(app);
    if (app->show_client)
        app_show_draw(app);
    else if (!app->ui_hidden) {
        top_bar(app);
        tool_bar(app);
        side_panel(app);
        status_bar(app);
    }
    if (!app->has_photo) {
        ViewRect v = app->view.rect;
        ui_text_centered(ui, (UiRect){v.x, v.y, v.w, v.h}, FONT_LARGE, "Open a photo: Ctrl+O or drop a file here",
                         ui->theme.text_dim);
    }
    if (app->job.running) {
        ViewRect v = app->view.rect;
        float s = ui->scale;
        draw_rect(ui->dl, v.x + v.w * 0.5f - 170 * s, v.y + v.h * 0.5f - 40 * s, 340 * s, 80 * s, RGBA(0, 0, 0, 190));
        char t[48];
        static const char spin[4] = {'|', '/', '-', '\\'};
        snprintf(t, sizeof t, "Exporting...  %c", spin[(int)(app->now * 8) & 3]);
        ui_text_centered(ui, (UiRect){v.x, v.y, v.w, v.h}, FONT_LARGE, t, ui->theme.text);
    }
    bool uploading = app_uploading(app);
    app->load_cancel_on = false;
    if (app_loading(app) || uploading) {
        /* The photo decodes on a worker thread, then goes to the GPU a few
         * tiles per frame: the window keeps drawing. */
        float s = ui->scale, w = fminf(460 * s, (float)app->frame.width - 16 * s), h = 132 * s;
        float x = floorf((app->frame.width - w) * 0.5f), y = floorf((app->frame.height - h) * 0.5f);
        draw_rect(ui->dl, 0, 0, (float)app->frame.width, (float)app->frame.height, RGBA(0, 0, 0, 110));
        draw_rect(ui->dl, x, y, w, h, RGBA(30, 33, 39, 255));
        draw_rect_outline(ui->dl, x, y, w, h, 1 * s, ui->theme.panel_edge);
        const char *path = uploading ? app->photo_path : app->load.photo_path, *base = strrchr(path, '/');
        char t[APP_PATH_MAX + 32];
        snprintf(t, sizeof t, "Opening %s", base ? base + 1 : path);
        wrap_text(app, x + 20 * s, y + 16 * s, w - 40 * s, t, ui->theme.text, 1, true);
        /* indeterminate progress: a block sweeping the track */
        float tx = x + 20 * s, tw = w - 40 * s, ty = y + 56 * s;
        draw_rect(ui->dl, tx, ty, tw, 10 * s, ui->theme.track);
        double el = app->now - app->load.started;
        if (uploading) { /* decoded: the share already on the GPU */
            draw_rect(ui->dl, tx, ty, tw * app->upload_progress, 10 * s, ui->theme.accent);
            snprintf(t, sizeof t, "Preparing the view  %d %%", (int)(app->upload_progress * 100));
        } else {
            float ph = (float)fmod(el / 1.2, 1.0), bw = tw * 0.25f;
            draw_rect(ui->dl, tx + (tw - bw) * ph, ty, bw, 10 * s, ui->theme.accent);
            snprintf(t, sizeof t, "%.1f s   (Esc)", el);
            /* pressed through app_load_cancel_hit: presses are blocked while loading */
            app->load_cancel = (UiRect){x + w - 140 * s, y + 74 * s, 120 * s, 48 * s};
            app->load_cancel_on = true;
            draw_rect(ui->dl, app->load_cancel.x, app->load_cancel.y, app->load_cancel.w, app->load_cancel.h,
                      ui->theme.accent);
            ui_text_centered(ui, app->load_cancel, FONT_SMALL, "Cancel", ui->theme.text);
        }
        ui_text(ui, tx, y + 84 * s, FONT_SMALL, t, ui->theme.text_dim);
    }
    ui->blocked = false;
    if (app->help_open && app->dialog == DLG_NONE)
        help_overlay(app);
    dialogs(app);
}
