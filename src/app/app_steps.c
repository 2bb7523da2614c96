/* app_steps.c - the guided consultation: the step table (names, what to do,
 * which tool), when each step is done, the row of steps, the banner over the
 * photo, and the panels of the steps without a tab of their own. */
#include "app_internal.h"

#include <stdio.h>
#include <string.h>

typedef struct StepInfo {
    const char *name;
    const char *chip; /* its box in the row: a word that fits a sixth of the panel */
    const char *todo; /* one or two sentences: what to do in this step */
    int tool;         /* the tool the step opens with, -1: keep the current one */
} StepInfo;

static const StepInfo steps[STEP_COUNT] = {
    {"Photo", "Photo", "Open the client's photo: Open (Ctrl+O), or drop a file on the window.", -1},
    {"Scale", "Scale", "Tap two points a known distance apart (the pupils are about 63 mm apart), then type the distance.",
     TOOL_CALIBRATE},
    {"Head & hairline", "Line", "Place the face marks (L), then draw the hairline: tap to add points, drag to move them.",
     TOOL_HAIRLINE},
    {"Areas", "Areas", "Paint where to treat; exclude what must stay free; paint scars. The eraser takes paint away.",
     TOOL_BRUSH},
    {"Look", "Look", "Choose the dots: how many, how big, how dark. Match stubble samples the client's own.", -1},
    {"Show & export", "Show", "Show the client full screen (S), then export the pictures and save the plan.", -1},
};

const char *app_step_name(AppStep s) { return s >= 0 && s < STEP_COUNT ? steps[s].name : ""; }

bool app_step_done(const App *app, AppStep s)
{
    const SmpPlan *p = &app->doc.plan;
    bool areas = p->region_count > 0;
    switch (s) {
    case STEP_PHOTO: return app->doc.has_photo;
    case STEP_SCALE: return p->scale.set;
    case STEP_HAIRLINE: return p->hairline.count >= 2 || areas; /* crown work needs no hairline */
    case STEP_AREAS: return areas || p->hairline.count >= 3;    /* a hairline treats the scalp behind it */
    case STEP_LOOK: return app->steps.look_seen;
    case STEP_SHOW: return app->steps.client_seen || app->doc.export_count > 0;
    default: return false;
    }
}

AppStep app_step_first_undone(const App *app)
{
    for (int s = 0; s < STEP_COUNT; s++)
        if (!app_step_done(app, (AppStep)s))
            return (AppStep)s;
    return STEP_SHOW;
}

bool app_step_of_tool(int tool, AppStep *out)
{
    switch (tool) {
    case TOOL_CALIBRATE: *out = STEP_SCALE; return true;
    case TOOL_HAIRLINE: case TOOL_LANDMARKS: case TOOL_WHORL: *out = STEP_HAIRLINE; return true;
    case TOOL_BRUSH: case TOOL_ERASER: case TOOL_HEAD_BRUSH: *out = STEP_AREAS; return true;
    case TOOL_EYEDROPPER: *out = STEP_LOOK; return true;
    default: return false;
    }
}

void app_step_go(App *app, AppStep s)
{
    app->panels.step = s;
    if (s == STEP_LOOK)
        app->steps.look_seen = true;
    AppStep has;
    int tool = steps[s].tool;
    /* a tool of this step already chosen stays (Marks in Head & hairline) */
    if (tool >= 0 && !(app_step_of_tool(app->tools.tool, &has) && has == s))
        app_tool_set(app, (AppTool)tool);
}

/* One step's box, ticked (a green check in its corner) once done; true when tapped. */
static bool step_box(App *app, uint32_t panel, AppStep i, UiRect r)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    bool hit = ui_button(ui, ui_id(panel, steps[i].name), r, steps[i].chip, app->panels.step == i);
    if (app_step_done(app, i)) {
        float cx = r.x + r.w - 10 * s, cy = r.y + 9 * s;
        draw_line(ui->dl, cx - 5 * s, cy, cx - 2 * s, cy + 3 * s, 2 * s, RGBA(110, 210, 120, 255));
        draw_line(ui->dl, cx - 2 * s, cy + 3 * s, cx + 4 * s, cy - 4 * s, 2 * s, RGBA(110, 210, 120, 255));
    }
    return hit;
}

void app_steps_row(App *app, uint32_t panel, float x, float y, float w, float h)
{
    float bw = w / STEP_COUNT;
    for (int i = 0; i < STEP_COUNT; i++)
        if (step_box(app, panel, (AppStep)i, (UiRect){x + bw * i, y, bw, h}))
            app_step_go(app, (AppStep)i);
}

void app_steps_column(App *app, uint32_t panel, UiRect r)
{
    float s = app->ui.scale, bh = fminf(72 * s, r.h / STEP_COUNT);
    for (int i = 0; i < STEP_COUNT; i++)
        if (step_box(app, panel, (AppStep)i, (UiRect){r.x, r.y + bh * i, r.w, bh - 4 * s})) {
            app_drawer_set(app, false);
            app_step_go(app, (AppStep)i);
        }
}

/* The next step to take after the current one: the first not done after it;
 * Show & export when all the others are done. */
static AppStep next_step(const App *app)
{
    for (int k = 1; k < STEP_COUNT; k++) {
        AppStep s = (AppStep)((app->panels.step + k) % STEP_COUNT);
        if (!app_step_done(app, s))
            return s;
    }
    return STEP_SHOW;
}

float app_step_banner(App *app)
{
    if (app->ui_hidden || app->show_client)
        return 0;
    AppStep s = app->panels.step, next = next_step(app);
    char text[400];
    if (next == s)
        snprintf(text, sizeof text, "Step %d of %d, %s. %s", s + 1, STEP_COUNT, steps[s].name, steps[s].todo);
    else
        snprintf(text, sizeof text, "Step %d of %d, %s (next: %s). %s", s + 1, STEP_COUNT, steps[s].name,
                 steps[next].name, steps[s].todo);
    app_status_log_shown(app->status.step_shown, sizeof app->status.step_shown, text);
    /* along the bottom of the view: the scalp, where the work is, is mostly above */
    float sc = app->ui.scale, line = app->font.line_h[FONT_SMALL];
    UiRect v = app->view.rect;
    int lines = app_wrap_text(app, 0, 0, v.w - 20 * sc, text, 0, 4, false);
    float h = lines * (line + 4 * sc) + 6 * sc, y = v.y + v.h - h;
    draw_rect(&app->dl, v.x, y, v.w, h, RGBA(16, 42, 74, 225));
    app_wrap_text(app, v.x + 10 * sc, y + 4 * sc, v.w - 20 * sc, text, RGBA(236, 238, 242, 255), 4, true);
    return h;
}

/* A full-width button in a step's panel; returns the y below it. */
static float panel_button(App *app, uint32_t parent, float x, float y, float w, const char *label, bool *hit)
{
    float s = app->ui.scale, bh = 48 * s;
    *hit = ui_button(&app->ui, ui_id(parent, label), (UiRect){x, y, w, bh}, label, false);
    return y + bh + 6 * s;
}

/* Wrapped dim text in a step's panel; returns the y below it. */
static float panel_text(App *app, float x, float y, float w, const char *text)
{
    float s = app->ui.scale;
    int lines = app_wrap_text(app, x + 4 * s, y, w - 8 * s, text, app->ui.theme.text_dim, 6, true);
    return y + lines * (app->font.line_h[FONT_SMALL] + 4 * s) + 8 * s;
}

/* The size of buttons and text on this device: from the display, then 100 to
 * 200 % in steps of 25 (a 10-inch tablet wants about 175 %: 9 mm targets). */
static float ui_size_button(App *app, uint32_t id, float x, float y, float w)
{
    char label[64];
    if (app->ui_size_pct > 0)
        snprintf(label, sizeof label, "Buttons and text: %d %%", app->ui_size_pct);
    else
        snprintf(label, sizeof label, "Buttons and text: automatic");
    bool hit;
    y = panel_button(app, id, x, y, w, label, &hit);
    if (hit) {
        int next = app->ui_size_pct == 0 ? 100 : app->ui_size_pct + 25;
        app->ui_size_pct = next > 200 ? 0 : next;
        app_state_set_ui_size(app, app->ui_size_pct);
    }
    return y;
}

/* The client's name or reference, and the button to set it. */
static float client_part(App *app, uint32_t id, float x, float y, float w)
{
    const char *client = app->doc.plan.client;
    char t[PLAN_CLIENT_MAX + 16];
    bool hit;
    y = panel_button(app, id, x, y, w, client[0] ? "Change the client's name" : "Name the client", &hit);
    if (hit)
        app_open_dialog(app, DLG_CLIENT);
    if (client[0])
        snprintf(t, sizeof t, "Client: %s", client);
    else
        snprintf(t, sizeof t, "No client name yet (optional): Open lists plans by it.");
    return panel_text(app, x, y, w, t);
}

/* A plan with several photos: a button per view; view 0 is where editing
 * happens, the others show as exported (app_views.h). */
static float views_part(App *app, uint32_t id, float x, float y, float w)
{
    int count = plan_view_count(&app->doc.plan);
    if (count < 2)
        return y;
    y = panel_text(app, x, y, w, "Photos of this plan (paint on any):");
    for (int n = 0; n < count; n++) {
        PlanView v = plan_view(&app->doc.plan, n);
        const char *name = v.label[0] ? v.label : v.head.set ? head3d_view_name((HeadView)v.head.view) : "";
        char label[96];
        snprintf(label, sizeof label, "View %d%s%s%s", n, name[0] ? ": " : "", name,
                 app->views.loading == n && n > 0 ? " (opening...)" : "");
        float s = app->ui.scale, bh = 48 * s, tw = 64 * s; /* the photo's thumbnail, then its button */
        app_views_thumb(app, n, x, y, tw, bh);
        if (ui_button(&app->ui, ui_id(id, label), (UiRect){x + tw + 6 * s, y, w - tw - 6 * s, bh}, label,
                      app->views.shown == n))
            app_views_show(app, n);
        y += bh + 6 * s;
    }
    return y + 4 * app->ui.scale;
}

static float photo_panel(App *app, float x, float y, float w)
{
    uint32_t id = ui_id(0, "Photo step");
    char t[APP_PATH_MAX + 64];
    bool hit;
    y = panel_button(app, id, x, y, w, "Open photo or plan", &hit);
    if (hit)
        app_ask_path(app, PATH_OPEN);
    if (app->doc.has_photo) {
        const char *base = strrchr(app->doc.photo_path, '/');
        snprintf(t, sizeof t, "%s, %d x %d pixels.", base ? base + 1 : app->doc.photo_path, app->doc.photo.width,
                 app->doc.photo.height);
    } else
        snprintf(t, sizeof t, "No photo yet. A sharp photo in even light, the whole head in the picture, works best.");
    y = panel_text(app, x, y, w, t);
    if (app->doc.has_photo)
        y = views_part(app, id, x, client_part(app, id, x, y, w), w);
    return ui_size_button(app, id, x, y, w);
}

static float scale_panel(App *app, float x, float y, float w)
{
    uint32_t id = ui_id(0, "Scale step");
    const SmpPlan *p = &app->doc.plan;
    char t[256];
    bool hit;
    y = panel_button(app, id, x, y, w, p->scale.set ? "Set the scale again" : "Set the scale", &hit);
    if (hit)
        app_tool_set(app, TOOL_CALIBRATE);
    if (p->scale.set)
        snprintf(t, sizeof t, "Scale set: %.1f pixels a millimetre (%.0f mm between the two points).",
                 plan_px_per_mm(p), p->scale.distance_mm);
    else
        snprintf(t, sizeof t, "No scale yet: dot sizes are ESTIMATED from a typical phone portrait (4 pixels a "
                              "millimetre). Set it so the dots have their true size.");
    return panel_text(app, x, y, w, t);
}

static float show_panel(App *app, float x, float y, float w)
{
    uint32_t id = ui_id(0, "Show step");
    bool hit;
    y = panel_button(app, id, x, y, w, "Show client", &hit);
    if (hit)
        app_show_enter(app);
    y = panel_button(app, id, x, y, w, "Export image", &hit);
    if (hit)
        app_ask_path(app, PATH_EXPORT);
    y = panel_button(app, id, x, y, w, "Save plan", &hit);
    if (hit)
        app_save(app);
    return panel_text(app, x, y, w, "Export offers before | after, side by side, social media crops and a sheet "
                                    "of every session and stage.");
}

float app_step_panel(App *app, float x, float y, float w)
{
    switch (app->panels.step) {
    case STEP_PHOTO: return photo_panel(app, x, y, w);
    case STEP_SCALE: return scale_panel(app, x, y, w);
    case STEP_SHOW: return show_panel(app, x, y, w);
    default: return y;
    }
}
