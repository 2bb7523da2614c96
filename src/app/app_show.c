/* "Show the client": a full-screen view of the photo with no editing
 * overlays (no guides, midline, hairline, brush, panels), as the after image
 * a before/after split with a draggable divider, or before and after side by
 * side, with BEFORE / AFTER labels;
 * a bar under the photo flips the stage and the session, and leaves. */
#include "app_internal.h"

#include <stdio.h>

#define SHOW_BAR_H 64.0f /* the control bar under the photo, px at scale 1 */

float app_show_bar_height(const App *app) { return app->show_client ? SHOW_BAR_H : 0; }

void app_show_enter(App *app)
{
    if (!app->doc.has_photo || app->show_client)
        return;
    app_edit_end(app);
    app->show_client = true;
    app->steps.client_seen = true;
    app->gesture.drag = DRAG_NONE;
    app->view_ready = false; /* fitted to the whole window by the next layout */
}

void app_show_exit(App *app)
{
    if (!app->show_client)
        return;
    app->show_client = false;
    app->gesture.drag = DRAG_NONE;
    app->before_held = false;
    app->view_ready = false; /* fitted back into the editor's view */
}

/* Side by side halves the view: refit when entering or leaving it. */
static void show_layout_set(App *app, AppShowLayout layout)
{
    if ((layout == SHOW_SIDE) != (app->show_layout == SHOW_SIDE))
        app->view_ready = false;
    app->show_layout = layout;
}

/* Keys while showing: Esc (or S) leaves; the view keys still work. */
bool app_show_key(App *app, int key, int mods)
{
    if (!app->show_client)
        return false;
    (void)mods;
    switch (key) {
    case APP_KEY_ESCAPE: case 's': case 'S': app_show_exit(app); break;
    case 'a': show_layout_set(app, SHOW_AFTER); break;
    case 'd': show_layout_set(app, SHOW_SPLIT); break;
    case 'f': view_fit(&app->view); break;
    case '1': view_actual_size(&app->view); break;
    case APP_KEY_SPACE: app->before_held = true; break;
    default: break;
    }
    return true;
}

static void step_plan(App *app, bool stage)
{
    SmpPlan *p = &app->doc.plan;
    app_edit_begin(app);
    if (stage)
        p->stage = (PlanStage)((p->stage + 1) % STAGE_COUNT);
    else
        p->session = p->session % p->sessions + 1;
    app_mark_changed(app, SCENE_CHANGED_LOOK);
    app_edit_end(app);
}

static void show_bar(App *app)
{
    Ui *ui = &app->ui;
    UiRect b = app->panels.status_bar;
    float s = ui->scale, bh = 52 * s, y = b.y + (b.h - bh) / 2, x = 8 * s;
    ui_panel(ui, b);
    float w = (b.w - 16 * s) / 6;
    uint32_t bar = ui_id(0, "show bar");
    static const char *layouts[] = {"After", "Before | After", "Side by side"};
    for (int i = 0; i < 3; i++)
        if (ui_button(ui, ui_id(bar, layouts[i]), (UiRect){x + i * w, y, w - 4 * s, bh}, layouts[i],
                      app->show_layout == (AppShowLayout)i))
            show_layout_set(app, (AppShowLayout)i);
    x += w; /* the rest after the third layout button */
    static const char *stages[STAGE_COUNT] = {"Fresh", "Healed", "Aged"};
    char st[48], se[48];
    snprintf(st, sizeof st, "Stage: %s", stages[app->doc.plan.stage]);
    snprintf(se, sizeof se, "Session %d of %d", app->doc.plan.session, app->doc.plan.sessions);
    if (ui_button(ui, ui_id(bar, "stage"), (UiRect){x + 2 * w, y, w - 4 * s, bh}, st, false))
        step_plan(app, true);
    if (ui_button(ui, ui_id(bar, "session"), (UiRect){x + 3 * w, y, w - 4 * s, bh}, se, false))
        step_plan(app, false);
    if (ui_button(ui, ui_id(bar, "Done"), (UiRect){x + 4 * w, y, w - 4 * s, bh}, "Done  Esc", true))
        app_show_exit(app);
}

/* A label in a dark box, so it reads on any skin. */
static void label_box(App *app, float x, float y, const char *text)
{
    float s = app->ui.scale, tw = font_text_width(&app->font, FONT_LARGE, text);
    draw_rect(&app->dl, x, y, tw + 24 * s, 44 * s, RGBA(20, 20, 20, 200));
    draw_text(&app->dl, x + 12 * s, y + 6 * s, FONT_LARGE, text, RGBA(255, 255, 255, 255));
}

/* The divider and the labels, over the photo; nothing else is drawn on it. */
static void show_photo_marks(App *app)
{
    float s = app->ui.scale;
    UiRect v = app->view.rect;
    if (app->show_layout == SHOW_SIDE && !app->before_held) {
        label_box(app, v.x - v.w + 12 * s, v.y + 12 * s, "BEFORE");
        label_box(app, v.x + 12 * s, v.y + 12 * s, "AFTER");
    }
    if (app->show_layout != SHOW_SPLIT || app->before_held)
        return;
    float x = v.x + v.w * app->split_frac;
    draw_rect(&app->dl, x - 1.5f * s, v.y, 3 * s, v.h, RGBA(255, 255, 255, 255));
    draw_circle(&app->dl, x, v.y + v.h * 0.5f, 18 * s, RGBA(255, 255, 255, 230));
    draw_text(&app->dl, x - 13 * s, v.y + v.h * 0.5f - 11 * s, FONT_SMALL, "<>", RGBA(30, 30, 30, 255));
    label_box(app, v.x + 12 * s, v.y + 12 * s, "BEFORE");
    float aw = font_text_width(&app->font, FONT_LARGE, "AFTER") + 24 * s;
    label_box(app, v.x + v.w - aw - 12 * s, v.y + 12 * s, "AFTER");
}

void app_show_draw(App *app)
{
    UiRect v = app->view.rect;
    float twin = app->show_layout == SHOW_SIDE ? v.w : 0; /* the before half, left of the view */
    draw_clip(&app->dl, v.x - twin, v.y, v.w + twin, v.h);
    show_photo_marks(app);
    draw_clip_off(&app->dl);
    show_bar(app);
}

/* A press on the photo: the divider when near it, otherwise a pan. */
void app_show_pointer_down(App *app, float x)
{
    float sx = app->view.rect.x + app->view.rect.w * app->split_frac;
    bool near = app->show_layout == SHOW_SPLIT && x - sx <= 24 * app->ui.scale && sx - x <= 24 * app->ui.scale;
    app->gesture.drag = near ? DRAG_SPLIT : DRAG_PAN;
}
