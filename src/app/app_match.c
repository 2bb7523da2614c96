/* app_match.c - Match in the editor: the automatic sample and the eyedropper propose
 * a look for the treated area (core/match.h); Apply takes it as one undo step. */
#include "app_internal.h"

#include <stdio.h>

/* The mattes Match reads: the photo's when found, none when they failed; false
 * (with a status) while they are still being found. */
static bool match_mattes(App *app, const SmpMattes **m)
{
    if (app_mattes_running(app)) {
        app_set_status(app, "Match: the head and hair are still being found, try again in a moment");
        return false;
    }
    *m = app->doc.mattes.head.alpha ? &app->doc.mattes : NULL;
    return true;
}

void app_match_run(App *app, const MatchDisc *at)
{
    const SmpMattes *m;
    if (!app->doc.has_photo) {
        app_set_status(app, "Match: open a photo first");
        return;
    }
    if (!match_mattes(app, &m))
        return;
    SmpError err;
    AppMatch *am = &app->match;
    am->offered = match_propose(&app->doc.photo, m, &app->doc.plan, at, &am->p, &err);
    am->photo_gen = app->doc.photo_gen;
    char msg[SMP_ERROR_MAX + 16];
    if (am->offered)
        snprintf(msg, sizeof msg, "Match: sampled at %.0f, %.0f; Apply or Cancel in the Dots tab", am->p.sample_at.x,
                 am->p.sample_at.y);
    else
        snprintf(msg, sizeof msg, "Match: %s", err.msg);
    app_set_status(app, msg);
    app->panels.tab = TAB_DOTS;
}

void app_match_tap(App *app, double px, double py)
{
    MatchDisc at = {px, py, MATCH_DISC_MM * plan_px_per_mm(&app->doc.plan)};
    app_match_run(app, &at);
}

void app_match_apply(App *app)
{
    AppMatch *am = &app->match;
    if (!am->offered || am->photo_gen != app->doc.photo_gen) {
        am->offered = false;
        return;
    }
    app_edit_begin(app);
    app->doc.plan.dots = am->p.dots;
    app->doc.plan.pigment = am->p.pigment;
    app_mark_changed(app, SCENE_CHANGED_LOOK);
    app_edit_end(app);
    am->offered = false;
    app_set_status(app, "Match applied (Ctrl+Z undoes it)");
}

void app_match_cancel(App *app) { app->match.offered = false; }

/* The proposal in four short lines: what was matched, the treated patch after and
 * before, and the look proposed. */
static float offer_text(App *app, float x, float y)
{
    const MatchProposal *p = &app->match.p;
    Ui *ui = &app->ui;
    float s = ui->scale, lh = 18 * s;
    char lines[4][96];
    snprintf(lines[0], sizeof lines[0], "Stubble: L* %.0f, grain %.1f", p->sample.l_mean, p->sample.speckle);
    snprintf(lines[1], sizeof lines[1], "Treated: L* %.0f, grain %.1f (was %.0f, %.1f)", p->after.l_mean,
             p->after.speckle, p->before.l_mean, p->before.speckle);
    snprintf(lines[2], sizeof lines[2], "Darkness %.2f, warmth %.2f", p->pigment.shade, p->pigment.warmth);
    snprintf(lines[3], sizeof lines[3], "%.0f dots/cm\xc2\xb2, %.2f-%.2f mm", p->dots.density, p->dots.diameter_min_mm,
             p->dots.diameter_max_mm);
    for (int i = 0; i < 4; i++)
        ui_text(ui, x + 8 * s, y + 4 * s + i * lh, FONT_SMALL, lines[i], i < 2 ? ui->theme.text_dim : ui->theme.text);
    return y + 4 * lh + 8 * s;
}

float app_match_rows(App *app, uint32_t tab, float x, float y, float w)
{
    Ui *ui = &app->ui;
    float bh = 48 * ui->scale;
    if (ui_button(ui, ui_id(tab, "Match"), (UiRect){x, y, w / 2, bh}, "Match stubble", false))
        app_match_run(app, NULL);
    if (ui_button(ui, ui_id(tab, "Eyedropper"), (UiRect){x + w / 2, y, w / 2, bh}, "Eyedropper",
                  app->tools.tool == TOOL_EYEDROPPER))
        app_tool_set(app, TOOL_EYEDROPPER);
    y += bh;
    if (app->match.offered && app->match.photo_gen != app->doc.photo_gen)
        app->match.offered = false;
    if (!app->match.offered)
        return y;
    y = offer_text(app, x, y);
    if (ui_button(ui, ui_id(tab, "Apply match"), (UiRect){x, y, w / 2, bh}, "Apply", true))
        app_match_apply(app);
    if (ui_button(ui, ui_id(tab, "Cancel match"), (UiRect){x + w / 2, y, w / 2, bh}, "Cancel", false))
        app_match_cancel(app);
    return y + bh;
}
