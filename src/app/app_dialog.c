/* app_dialog.c - the modal dialogs: save changes?, recover?, the path field
 * of save as and export, the scale's number pad, replace?, forget client?,
 * and messages; drawn over everything, answered by buttons or keys. */
#include "app_internal.h"

#include "../io/atomic_file.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The field gets DIR/STEM+TAIL, or DIR/STEM-2+TAIL, -3... when taken: on a
 * tablet the proposal is accepted as is (no keyboard to rename it), so it must
 * never overwrite an earlier plan or export. */
static void propose_free_path(App *app, const char *dir, const char *stem, const char *tail)
{
    const char *ext = strrchr(tail, '.');
    int base_len = (int)(ext - tail);
    snprintf(app->dlg.field, sizeof app->dlg.field, "%s/%s%s", dir, stem, tail);
    for (int n = 2; n < 1000 && access(app->dlg.field, F_OK) == 0; n++)
        snprintf(app->dlg.field, sizeof app->dlg.field, "%s/%s%.*s-%d%s", dir, stem, base_len, tail, n, ext);
}

void app_open_dialog(App *app, AppDialogKind kind)
{
    app_edit_end(app);
    app->dlg.kind = kind;
    app->dlg.field_fresh = kind == DLG_PATH || kind == DLG_CALIBRATE;
    if (kind == DLG_FORGET) /* counted once: it reads the recent plans */
        app->dlg.forget_files = app_forget_client_files(app);
    if (kind == DLG_CLIENT) {
        app_copy_str(app->dlg.client, sizeof app->dlg.client, app->doc.plan.client);
        app->dlg.client_focus = true;
    }
    if (kind == DLG_CLINIC_TEXT)
        app_copy_str(app->dlg.text_edit, sizeof app->dlg.text_edit, app->dlg.export_text);
    if (kind == DLG_PATH) {
        char dir[APP_FIELD_MAX - 300]; /* leaves room for the file name */
        app_state_last_folder(app, dir, sizeof dir);
        const char *base = strrchr(app->doc.photo_path, '/');
        char stem[250] = "plan";
        if (base) {
            snprintf(stem, sizeof stem, "%s", base + 1);
            char *dot = strrchr(stem, '.');
            if (dot)
                *dot = 0;
        }
        switch (app->dlg.purpose) {
        case PATH_OPEN:
        case PATH_LOCATE:
        case PATH_LOGO: app_browse_open(app); break;
        case PATH_SAVE_AS:
            propose_free_path(app, dir, stem, ".smp");
            app_copy_str(app->dlg.client, sizeof app->dlg.client, app->doc.plan.client);
            app->dlg.client_focus = false;
            break;
        case PATH_EXPORT: propose_free_path(app, dir, stem, "_preview.png"); break;
        }
    }
}

void app_ask_path(App *app, AppPathPurpose purpose)
{
    app->dlg.purpose = purpose;
    app_open_dialog(app, DLG_PATH);
}

static void dialog_after_save_choice(App *app, bool save)
{
    if (save) {
        if (!app->doc.plan_path[0]) { /* no file yet: ask where, then continue */
            app_ask_path(app, PATH_SAVE_AS);
            return;
        }
        SmpError err = {{0}};
        if (!app_save_to(app, app->doc.plan_path, &err)) {
            app_set_error(app, err.msg);
            app->dlg.after = AFTER_NONE;
            return;
        }
    } else {
        app_state_clear_autosave(app); /* the user chose to drop the changes */
        if (app->dlg.after == AFTER_QUIT)
            app->doc.dirty = false; /* so quitting does not write them back as an autosave */
    }
    app->dlg.kind = DLG_NONE;
    AppAfterAction a = app->dlg.after;
    app->dlg.after = AFTER_NONE;
    if (a == AFTER_QUIT)
        app->quit = true;
    else if (a == AFTER_OPEN) {
        /* Straight to the open: the user has answered; a failure keeps all. */
        SmpError err = {{0}};
        if (!app_open_path(app, app->dlg.after_path, &err))
            app_set_error(app, err.msg);
    }
}

/* The client field's name into the plan: one undo step, when it changed. */
static void client_apply(App *app)
{
    if (strcmp(app->dlg.client, app->doc.plan.client) != 0) {
        app_edit_begin(app);
        app_copy_str(app->doc.plan.client, sizeof app->doc.plan.client, app->dlg.client);
        app_edit_end(app);
    }
}

/* The Client or Clinic text dialog answered: the client's name goes into the
 * plan; the clinic's text back to the Export dialog (and is kept for next time). */
static void one_field_done(App *app, bool ok)
{
    AppDialogs *d = &app->dlg;
    if (d->kind == DLG_CLIENT) {
        d->kind = DLG_NONE;
        if (ok)
            client_apply(app);
        return;
    }
    if (ok && strcmp(d->text_edit, d->export_text) != 0) {
        app_copy_str(d->export_text, sizeof d->export_text, d->text_edit);
        app_state_set_clinic_text(app, d->export_text);
    }
    app_copy_str(d->field, sizeof d->field, d->export_field);
    d->field_fresh = false;
    d->purpose = PATH_EXPORT;
    d->kind = DLG_PATH;
}

/* Saves or exports to the field's path, the user having agreed to replace
 * whatever is there. */
static void path_write(App *app)
{
    char path[APP_FIELD_MAX];
    snprintf(path, sizeof path, "%s", app->dlg.field);
    SmpError err = {{0}};
    app->dlg.kind = DLG_PATH; /* so a failure below shows its message */
    if (app->dlg.purpose == PATH_EXPORT) {
        app->dlg.kind = DLG_NONE;
        app_export_start(app, path);
        return;
    }
    client_apply(app);
    if (!app_save_to(app, path, &err)) {
        app_set_error(app, err.msg);
        app->dlg.after = AFTER_NONE;
        return;
    }
    app->dlg.kind = DLG_NONE;
    if (app->dlg.after != AFTER_NONE) {
        app->dlg.kind = DLG_SAVE_CHANGES;
        dialog_after_save_choice(app, false);
    }
}

static void path_confirm(App *app)
{
    if (app_dialog_browsing(app)) {
        app_browse_confirm(app);
        return;
    }
    struct stat st;
    bool own_plan = app->dlg.purpose == PATH_SAVE_AS && file_is_same(app->dlg.field, app->doc.plan_path);
    /* Replacing another file is the user's call: asked, never silent. The
     * open photo and plan are refused later by app_save_to/app_export_start. */
    if (!own_plan && lstat(app->dlg.field, &st) == 0 && !file_is_same(app->dlg.field, app->doc.photo_path) &&
        !file_is_same(app->dlg.field, app->doc.plan_path)) {
        app->dlg.kind = DLG_REPLACE;
        return;
    }
    path_write(app);
}

static void calibrate_confirm(App *app)
{
    char *end = NULL;
    double mm = strtod(app->dlg.field, &end);
    if (end == app->dlg.field || !(mm > 0.5 && mm < 2000)) {
        app_set_status(app, "Type a distance between 0.5 and 2000 mm");
        return;
    }
    app_edit_begin(app);
    app->doc.plan.scale.set = true;
    app->doc.plan.scale.a = app->gesture.calib_a;
    app->doc.plan.scale.b = app->gesture.calib_b;
    app->doc.plan.scale.distance_mm = mm;
    app_mark_changed(app, SCENE_CHANGED_SCALE | SCENE_CHANGED_ALL);
    app_edit_end(app);
    app->gesture.calib_clicks = 0;
    app->dlg.kind = DLG_NONE;
    char msg[160];
    app_tool_scale_message(app, msg, sizeof msg);
    app_set_status(app, msg);
}

void app_field_append(char *f, size_t size, const char *text)
{
    size_t n = strlen(f), m = strlen(text);
    if (n + m < size) /* text that does not fit is dropped whole, never cut mid-character */
        memcpy(f + n, text, m + 1);
}

void app_field_backspace(char *f)
{
    size_t n = strlen(f);
    while (n > 0 && ((unsigned char)f[n - 1] & 0xC0) == 0x80)
        n--; /* continuation bytes of a UTF-8 character */
    if (n > 0)
        n--;
    f[n] = 0;
}

/* The field keys go to other than the path: the Client or Clinic text
 * dialog's, or Save as's client field once tapped; NULL for the path. size
 * may be NULL. */
static char *typing_field(App *app, size_t *size)
{
    AppDialogs *d = &app->dlg;
    bool clinic = d->kind == DLG_CLINIC_TEXT;
    if (!clinic && !(d->kind == DLG_CLIENT || (d->kind == DLG_PATH && d->purpose == PATH_SAVE_AS && d->client_focus)))
        return NULL;
    if (size)
        *size = clinic ? sizeof d->text_edit : sizeof d->client;
    return clinic ? d->text_edit : d->client;
}

void app_dialog_text(App *app, const char *text)
{
    size_t size;
    char *field = typing_field(app, &size);
    if (field) {
        app_field_append(field, size, text);
        return;
    }
    if (app->dlg.kind != DLG_PATH && app->dlg.kind != DLG_CALIBRATE)
        return;
    if (app->dlg.kind == DLG_PATH && app_dialog_browsing(app) && app_browse_search_text(app, text))
        return;
    if (app->dlg.field_fresh)
        app->dlg.field[0] = 0; /* the proposed text is selected: typing replaces it */
    app->dlg.field_fresh = false;
    app_field_append(app->dlg.field, sizeof app->dlg.field, text);
}

bool app_dialog_browsing(const App *app)
{
    return app->dlg.purpose == PATH_OPEN || app->dlg.purpose == PATH_LOCATE || app->dlg.purpose == PATH_LOGO;
}

/* Keys that scroll the open dialog's list. */
static bool browse_key(App *app, int key)
{
    float row = 56 * app->font_scale;
    switch (key) {
    case APP_KEY_UP: app_browse_scroll(app, -row); return true;
    case APP_KEY_DOWN: app_browse_scroll(app, row); return true;
    case APP_KEY_PAGEUP: app_browse_scroll(app, -5 * row); return true;
    case APP_KEY_PAGEDOWN: app_browse_scroll(app, 5 * row); return true;
    case APP_KEY_HOME: app->browse.scroll = 0; return true;
    case APP_KEY_END: app_browse_scroll(app, 1e9f); return true;
    default: return false;
    }
}

bool app_dialog_key(App *app, int key, int mods)
{
    (void)mods;
    switch (app->dlg.kind) {
    case DLG_SAVE_CHANGES:
        if (key == 's' || key == APP_KEY_RETURN)
            dialog_after_save_choice(app, true);
        else if (key == 'd' || key == 'n')
            dialog_after_save_choice(app, false);
        else if (key == APP_KEY_ESCAPE || key == 'c')
            app->dlg.kind = DLG_NONE, app->dlg.after = AFTER_NONE;
        return true;
    case DLG_RECOVER:
        if (key == 'r' || key == APP_KEY_RETURN) {
            SmpError err = {{0}};
            app->dlg.kind = DLG_NONE;
            if (!app_state_recover(app, &err))
                app_set_error(app, err.msg);
        } else if (key == 'd' || key == APP_KEY_ESCAPE) {
            app_state_clear_autosave(app);
            app->dlg.kind = DLG_NONE;
        }
        return true;
    case DLG_CALIBRATE:
    case DLG_PATH:
        if (key == APP_KEY_RETURN)
            app->dlg.kind == DLG_PATH ? path_confirm(app) : calibrate_confirm(app);
        else if (key == APP_KEY_ESCAPE) {
            if (app->dlg.kind == DLG_PATH && app_dialog_browsing(app)) {
                app_browse_cancel(app);
                if (app->dlg.kind == DLG_PATH) /* the logo chooser went back to the Export dialog */
                    return true;
            }
            app->dlg.kind = DLG_NONE, app->gesture.calib_clicks = 0, app->dlg.after = AFTER_NONE;
        } else if (app->dlg.kind == DLG_PATH && app_dialog_browsing(app) && browse_key(app, key)) {
        } else if (key == APP_KEY_BACKSPACE && app->dlg.kind == DLG_PATH && app_dialog_browsing(app) &&
                   app_browse_search_backspace(app)) {
        } else if (key == APP_KEY_BACKSPACE && typing_field(app, NULL)) {
            app_field_backspace(typing_field(app, NULL));
        } else if (key == APP_KEY_TAB && app->dlg.kind == DLG_PATH && app->dlg.purpose == PATH_SAVE_AS) {
            app->dlg.client_focus = !app->dlg.client_focus;
        } else if (key == APP_KEY_BACKSPACE) {
            if (app->dlg.field_fresh)
                app->dlg.field[0] = 0;
            app->dlg.field_fresh = false;
            app_field_backspace(app->dlg.field);
        }
        return true;
    case DLG_MESSAGE:
        if (key == APP_KEY_RETURN || key == APP_KEY_ESCAPE)
            app->dlg.kind = DLG_NONE;
        return true;
    case DLG_CLIENT:
    case DLG_CLINIC_TEXT:
        if (key == APP_KEY_RETURN || key == APP_KEY_ESCAPE)
            one_field_done(app, key == APP_KEY_RETURN);
        else if (key == APP_KEY_BACKSPACE)
            app_field_backspace(typing_field(app, NULL));
        return true;
    case DLG_REPLACE: /* Return takes the highlighted, safe answer; replacing needs R */
        if (key == 'r')
            path_write(app);
        else if (key == APP_KEY_ESCAPE || key == APP_KEY_RETURN || key == 'c')
            app->dlg.kind = DLG_PATH, app->dlg.field_fresh = false; /* back to the name, to change it */
        return true;
    case DLG_FORGET: /* Return takes the safe answer; forgetting needs F, deleting too D */
        if (key == 'f' || (key == 'd' && app->dlg.forget_files > 0))
            app->dlg.kind = DLG_NONE, app_forget_client(app, key == 'd');
        else if (key == APP_KEY_ESCAPE || key == APP_KEY_RETURN || key == 'c')
            app->dlg.kind = DLG_NONE;
        return true;
    case DLG_NONE: return false;
    }
    return false;
}

/* A dialog's box: w x h (px at scale 1), centred, or at the left edge (side
 * < 0) or the right edge (side > 0) of the window. */
static UiRect dialog_box_at(App *app, float w, float h, const char *title, int side)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    w *= s, h *= s;
    if (w > app->frame.width) w = (float)app->frame.width;
    float x = side < 0 ? 8 * s : side > 0 ? app->frame.width - w - 8 * s : (app->frame.width - w) * 0.5f;
    float y = (app->frame.height - h) * 0.5f;
    if (x < 0) x = 0;
    if (y < 0) y = 0;
    draw_rect(ui->dl, 0, 0, (float)app->frame.width, (float)app->frame.height, RGBA(0, 0, 0, 130));
    draw_rect(ui->dl, x, y, w, h, RGBA(30, 33, 39, 252));
    draw_rect_outline(ui->dl, x, y, w, h, 1 * s, ui->theme.panel_edge);
    ui_text(ui, x + 20 * s, y + 14 * s, FONT_LARGE, title, ui->theme.text);
    return (UiRect){x, y, w, h};
}

static UiRect dialog_box(App *app, float w, float h, const char *title)
{
    return dialog_box_at(app, w, h, title, 0);
}

/* A question's answers: n buttons side by side along the bottom of box b,
 * `safe` highlighted; returns the one clicked, -1 none (the buttons after a
 * clicked one are not drawn, the dialog closes). */
static int answer_row(App *app, uint32_t dlg, UiRect b, int n, const char *const labels[], int safe)
{
    Ui *ui = &app->ui;
    float s = ui->scale, bh = 56 * s, bw = (b.w - 40 * s) / n, y = b.y + b.h - bh - 16 * s;
    for (int i = 0; i < n; i++)
        if (ui_button(ui, ui_id(dlg, labels[i]), (UiRect){b.x + 20 * s + bw * i, y, bw, bh}, labels[i], i == safe))
            return i;
    return -1;
}

/* A question whose answer cannot be undone: the action on the left (its key
 * given), Cancel on the right, highlighted as the safe one. */
static void risky_or_cancel(App *app, UiRect b, uint32_t dlg, const char *action, int key)
{
    const char *labels[2] = {action, "Cancel  (Esc)"};
    int a = answer_row(app, dlg, b, 2, labels, 1);
    if (a >= 0)
        app_dialog_key(app, a == 0 ? key : APP_KEY_ESCAPE, 0);
}

void app_draw_field(App *app, UiRect r) { app_draw_text_field(app, r, app->dlg.field, app->dlg.field_fresh, true, NULL); }

void app_draw_text_field(App *app, UiRect r, const char *t, bool selected, bool cursor, const char *placeholder)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    draw_rect(ui->dl, r.x, r.y, r.w, r.h, ui->theme.track);
    if (!t[0] && placeholder) /* what the empty field is for; the cursor stays at its start */
        ui_text(ui, r.x + 14 * s, r.y + (r.h - app->font.line_h[0]) * 0.5f, FONT_SMALL, placeholder,
                ui->theme.text_dim);
    if (selected) { /* selected: the first key typed replaces it */
        float tw = font_text_width(&app->font, FONT_SMALL, t);
        draw_rect(ui->dl, r.x + 8 * s, r.y + 8 * s, fminf(tw + 4 * s, r.w - 16 * s), r.h - 16 * s,
                  RGBA(38, 90, 150, 255));
    }
    /* Long paths: show the end, where the file name is. */
    while (font_text_width(&app->font, FONT_SMALL, t) > r.w - 30 * s && *t)
        utf8_next(&t);
    ui_text(ui, r.x + 10 * s, r.y + (r.h - app->font.line_h[0]) * 0.5f, FONT_SMALL, t, ui->theme.text);
    float cx = r.x + 10 * s + font_text_width(&app->font, FONT_SMALL, t) + 2 * s;
    if (cursor)
        draw_rect(ui->dl, cx, r.y + 10 * s, 2 * s, r.h - 20 * s, ui->theme.accent);
}

static void save_changes_dialog(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    const char *title = "Save changes to this plan?";
    UiRect b = dialog_box(app, 560, 200, title);
    ui_text(ui, b.x + 20 * s, b.y + 62 * s, FONT_SMALL, "Your edits are not saved yet.", ui->theme.text_dim);
    static const char *const labels[3] = {"Save  (S)", "Don't save  (D)", "Cancel  (Esc)"};
    int a = answer_row(app, ui_id(0, title), b, 3, labels, 0);
    if (a == 0 || a == 1)
        dialog_after_save_choice(app, a == 0);
    else if (a == 2)
        app->dlg.kind = DLG_NONE, app->dlg.after = AFTER_NONE;
}

static void recover_dialog(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    const char *title = "Recover unsaved work?";
    UiRect b = dialog_box(app, 600, 210, title);
    ui_text(ui, b.x + 20 * s, b.y + 62 * s, FONT_SMALL, "smpview was closed with unsaved changes last time.",
            ui->theme.text_dim);
    static const char *const labels[2] = {"Recover  (R)", "Discard  (D)"};
    int a = answer_row(app, ui_id(0, title), b, 2, labels, 0);
    if (a >= 0)
        app_dialog_key(app, a == 0 ? 'r' : 'd', 0);
}

static void message_dialog(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale, bh = 56 * s;
    const char *title = app->dlg.message_title;
    float mw = fminf(720 * s, (float)app->frame.width) - 40 * s;
    int lines = app_wrap_text(app, 0, 0, mw, app->dlg.message, 0, 6, false);
    float lh = (app->font.line_h[FONT_SMALL] + 4 * s) / s;
    UiRect b = dialog_box(app, 720, 160 + lines * lh, title);
    app_wrap_text(app, b.x + 20 * s, b.y + 62 * s, mw, app->dlg.message, ui->theme.text, 6, true);
    if (ui_button(ui, ui_id(ui_id(0, title), "OK"), (UiRect){b.x + b.w - 160 * s, b.y + b.h - bh - 16 * s, 140 * s, bh},
                  "OK", true))
        app->dlg.kind = DLG_NONE;
}

static void forget_dialog(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    int n = app->dlg.forget_files;
    char what[512], del[64];
    snprintf(what, sizeof what,
             "Their plan leaves the recent list; the last folder and the copy of unsaved work are cleared, "
             "and the photo closes. Their plans and the images exported today stay on disk (%d file%s) unless "
             "you delete them too; the photo itself is never deleted.", n, n == 1 ? "" : "s");
    snprintf(del, sizeof del, "Forget, delete %d file%s  (D)", n, n == 1 ? "" : "s");
    const char *title = "Forget this client?";
    float mw = 680 * s, lh = (app->font.line_h[FONT_SMALL] + 4 * s) / s;
    int lines = app_wrap_text(app, 0, 0, mw, what, 0, 6, false);
    UiRect b = dialog_box(app, 720, 150 + lines * lh, title);
    app_wrap_text(app, b.x + 20 * s, b.y + 62 * s, mw, what, ui->theme.text, 6, true);
    if (n == 0) {
        risky_or_cancel(app, b, ui_id(0, title), "Forget  (F)", 'f');
        return;
    }
    const char *labels[3] = {"Forget  (F)", del, "Cancel  (Esc)"};
    static const int keys[3] = {'f', 'd', APP_KEY_ESCAPE};
    int a = answer_row(app, ui_id(0, title), b, 3, labels, 2);
    if (a >= 0)
        app_dialog_key(app, keys[a], 0);
}

/* One text field, OK or Cancel: the client's name or reference on its own
 * (the Photo step; Open's Clients tab shows it), or the clinic's text for
 * exports (from the Export dialog). */
static void one_field_dialog(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    bool client = app->dlg.kind == DLG_CLIENT;
    const char *title = client ? "Client: name or reference" : "Clinic text on exports";
    UiRect b = dialog_box(app, 640, 240, title);
    ui_text(ui, b.x + 20 * s, b.y + 58 * s, FONT_SMALL,
            client ? "Optional. Saved with the plan; Open lists clients by it."
                   : "At the top-right of every export; empty for none.", ui->theme.text_dim);
    app_draw_text_field(app, (UiRect){b.x + 20 * s, b.y + 90 * s, b.w - 40 * s, 50 * s}, typing_field(app, NULL),
                        false, true, client ? "Type the client's name or a reference" : "Your clinic's name or handle");
    static const char *const labels[2] = {"OK  (Enter)", "Cancel  (Esc)"};
    int a = answer_row(app, ui_id(0, title), b, 2, labels, 0);
    if (a >= 0)
        app_dialog_key(app, a == 0 ? APP_KEY_RETURN : APP_KEY_ESCAPE, 0);
}

static void replace_dialog(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    const char *title = "Replace the existing file?";
    UiRect b = dialog_box(app, 640, 210, title);
    char buf[APP_PATH_MAX + 32];
    ui_text(ui, b.x + 20 * s, b.y + 62 * s, FONT_SMALL, app_elide(app, app->dlg.field, b.w - 40 * s, buf, sizeof buf),
            ui->theme.text_dim);
    risky_or_cancel(app, b, ui_id(0, title), "Replace  (R)", 'r');
}

/* The clinic's text for exports (as `render --clinic-text`): a tap opens its field. */
static void clinic_text_button(App *app, uint32_t dlg, UiRect r)
{
    AppDialogs *d = &app->dlg;
    char label[96];
    if (d->export_text[0])
        snprintf(label, sizeof label, "Clinic text: %.30s%s", d->export_text, strlen(d->export_text) > 30 ? "..." : "");
    else
        snprintf(label, sizeof label, "Clinic text: none (tap to add)");
    if (!ui_button(&app->ui, ui_id(dlg, "clinic text"), r, label, d->export_text[0] != 0))
        return;
    app_copy_str(d->export_field, sizeof d->export_field, d->field);
    app_open_dialog(app, DLG_CLINIC_TEXT);
}

/* The client's answer to marketing use, recorded in the plan as one undo step
 * with today's date: not asked -> yes -> no -> yes. */
static void cycle_consent(App *app)
{
    PlanConsent *c = &app->doc.plan.consent;
    app_edit_begin(app);
    c->marketing = !c->recorded || !c->marketing;
    c->recorded = true;
    time_t now = time(NULL);
    struct tm day;
    if (localtime_r(&now, &day))
        strftime(c->date, sizeof c->date, "%Y-%m-%d", &day);
    app_edit_end(app);
}

/* The export's choices, two buttons a row: label and area, layout and crop,
 * the face and the client's consent (social crops need it), the clinic's text. */
static void export_options(App *app, uint32_t dlg, float x, float y)
{
    static const char *layouts[] = {"Layout: after only", "Layout: before | after", "Layout: side by side",
                                    "Layout: contact sheet", "Layout: every view"};
    static const char *presets[] = {"Crop: full photo", "Crop: square 1:1", "Crop: portrait 4:5",
                                    "Crop: story 9:16"};
    static const char *faces[] = {"Face: shown", "Face: eyes hidden", "Face: cropped away"};
    Ui *ui = &app->ui;
    AppDialogs *d = &app->dlg;
    const PlanConsent *c = &app->doc.plan.consent;
    float s = ui->scale, bh = 56 * s, w = 330 * s, row = 60 * s;
    if (ui_button(ui, ui_id(dlg, "label"), (UiRect){x, y, w, bh},
                  d->export_label ? "Label SIMULATION: on" : "Label SIMULATION: off", d->export_label))
        d->export_label = !d->export_label;
    if (ui_button(ui, ui_id(dlg, "area"), (UiRect){x + w + 10 * s, y, w, bh},
                  d->export_view_only ? "Area: current view" : "Area: full photo", false))
        d->export_view_only = !d->export_view_only;
    if (ui_button(ui, ui_id(dlg, "layout"), (UiRect){x, y + row, w, bh}, layouts[d->export_layout], false))
        d->export_layout = (ComposeLayout)((d->export_layout + 1) % (plan_view_count(&app->doc.plan) > 1 ? 5 : 4));
    if (ui_button(ui, ui_id(dlg, "crop"), (UiRect){x + w + 10 * s, y + row, w, bh}, presets[d->export_preset], false))
        d->export_preset = (ComposePreset)((d->export_preset + 1) % 4);
    if (ui_button(ui, ui_id(dlg, "face"), (UiRect){x, y + 2 * row, w, bh}, faces[d->export_anonymise], false))
        d->export_anonymise = (Anonymise)((d->export_anonymise + 1) % 3);
    const char *consent = !c->recorded ? "Marketing consent: not asked"
                          : c->marketing ? "Marketing consent: yes" : "Marketing consent: no";
    if (ui_button(ui, ui_id(dlg, "consent"), (UiRect){x + w + 10 * s, y + 2 * row, w, bh}, consent,
                  c->recorded && c->marketing))
        cycle_consent(app);
    clinic_text_button(app, dlg, (UiRect){x, y + 3 * row, w, bh});
}

/* Save as: the path field and, under it, the client's name or reference
 * (optional, stored in the plan and shown by the open dialog's Clients tab);
 * a tap on either field (or Tab) chooses where keys go. */
static void client_field(App *app, UiRect b, UiRect path_r)
{
    Ui *ui = &app->ui;
    AppDialogs *d = &app->dlg;
    float s = ui->scale;
    UiRect client_r = {path_r.x, b.y + 156 * s, path_r.w, 50 * s};
    if (ui->pressed && ui_inside(client_r, ui->mx, ui->my))
        d->client_focus = true;
    else if (ui->pressed && ui_inside(path_r, ui->mx, ui->my))
        d->client_focus = false;
    ui_text(ui, path_r.x, b.y + 126 * s, FONT_SMALL, "Client: name or reference (optional)", ui->theme.text_dim);
    /* the cursor marks the field keys go to */
    app_draw_text_field(app, path_r, d->field, d->field_fresh && !d->client_focus, !d->client_focus, NULL);
    app_draw_text_field(app, client_r, d->client, false, d->client_focus, "Tap to name the client");
}

/* The clinic's logo for exports (as `render --logo`): none -> the browser
 * chooses a picture; set -> a tap removes it. */
static void logo_button(App *app, uint32_t dlg, UiRect r)
{
    AppDialogs *d = &app->dlg;
    char label[96];
    const char *slash = strrchr(d->export_logo, '/');
    if (d->export_logo[0])
        snprintf(label, sizeof label, "Logo: %.40s (tap: none)", slash ? slash + 1 : d->export_logo);
    else
        snprintf(label, sizeof label, "Logo: none (tap to choose)");
    if (!ui_button(&app->ui, ui_id(dlg, "logo"), r, label, d->export_logo[0] != 0))
        return;
    if (d->export_logo[0]) {
        d->export_logo[0] = 0;
        return;
    }
    app_copy_str(d->export_field, sizeof d->export_field, d->field);
    app_ask_path(app, PATH_LOGO);
}

void app_logo_chosen(App *app, const char *path)
{
    AppDialogs *d = &app->dlg;
    if (path)
        app_copy_str(d->export_logo, sizeof d->export_logo, path);
    app_copy_str(d->field, sizeof d->field, d->export_field);
    d->field_fresh = false;
    d->purpose = PATH_EXPORT;
    d->kind = DLG_PATH;
}

/* Save as and export: the path field (open and locate show the browser). */
static void path_dialog(App *app)
{
    if (app_dialog_browsing(app)) {
        app_browse_ui(app);
        return;
    }
    Ui *ui = &app->ui;
    AppDialogs *d = &app->dlg;
    float s = ui->scale, bh = 56 * s;
    static const char *titles[] = {"Open a photo or plan", "Save plan as", "Export image", "", ""};
    uint32_t dlg = ui_id(0, titles[d->purpose]);
    UiRect b = dialog_box(app, 720, d->purpose == PATH_EXPORT ? 440 : d->purpose == PATH_SAVE_AS ? 300 : 230,
                          titles[d->purpose]);
    UiRect path_r = {b.x + 20 * s, b.y + 64 * s, b.w - 40 * s, 50 * s};
    if (d->purpose == PATH_SAVE_AS)
        client_field(app, b, path_r);
    else
        app_draw_field(app, path_r);
    if (d->purpose == PATH_EXPORT) {
        export_options(app, dlg, b.x + 20 * s, b.y + 126 * s);
        logo_button(app, dlg, (UiRect){b.x + 20 * s, b.y + b.h - bh - 16 * s, 330 * s, bh});
    }
    static const char *ok[] = {"Open", "Save", "Export", "", ""};
    float y = b.y + b.h - bh - 16 * s;
    if (ui_button(ui, ui_id(dlg, "OK"), (UiRect){b.x + b.w - 320 * s, y, 140 * s, bh}, ok[d->purpose], true))
        path_confirm(app);
    else if (ui_button(ui, ui_id(dlg, "Cancel"), (UiRect){b.x + b.w - 170 * s, y, 150 * s, bh}, "Cancel", false))
        d->kind = DLG_NONE, d->after = AFTER_NONE;
}

/* Where the number pad (w px wide at scale 1) covers the fewest of the two
 * measured points (within a handle's reach): centred, right or left; -1, 0, 1. */
static int calibrate_side(const App *app, float w)
{
    float s = app->ui.scale, pw = w * s, fw = (float)app->frame.width, reach = 16 * s;
    double ax, ay, bx, by;
    view_to_screen(&app->view, app->gesture.calib_a.x, app->gesture.calib_a.y, &ax, &ay);
    view_to_screen(&app->view, app->gesture.calib_b.x, app->gesture.calib_b.y, &bx, &by);
    int best = 0, best_n = 3;
    static const int sides[3] = {0, 1, -1};
    for (int i = 0; i < 3; i++) {
        float x = sides[i] < 0 ? 8 * s : sides[i] > 0 ? fw - pw - 8 * s : (fw - pw) * 0.5f;
        int n = (ax > x - reach && ax < x + pw + reach) + (bx > x - reach && bx < x + pw + reach);
        if (n < best_n)
            best = sides[i], best_n = n;
    }
    return best;
}

/* The scale's distance: a field, a hint, a number pad, OK and Cancel, beside
 * the two measured points where the window has room, so they stay in sight. */
static void calibrate_dialog(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale, bh = 56 * s;
    const char *title = "Distance in mm";
    uint32_t dlg = ui_id(0, title);
    /* field, hint, 4 rows of keys, then OK/Cancel 16 px above the bottom */
    UiRect b = dialog_box_at(app, 380, 146 + 4 * 60 + 10 + 56 + 16, title, calibrate_side(app, 380));
    app_draw_field(app, (UiRect){b.x + 20 * s, b.y + 62 * s, b.w - 40 * s, 50 * s});
    ui_text(ui, b.x + 20 * s, b.y + 118 * s, FONT_SMALL, "Pupils: about 63 mm", ui->theme.text_dim);
    static const char *keys[12] = {"7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "<"};
    float kw = (b.w - 40 * s) / 3, kh = 60 * s, ky = b.y + 146 * s;
    for (int i = 0; i < 12; i++) {
        UiRect k = {b.x + 20 * s + kw * (i % 3), ky + kh * (i / 3), kw, kh};
        if (ui_button(ui, ui_id(dlg, keys[i]), k, keys[i], false)) {
            if (keys[i][0] == '<')
                app_field_backspace(app->dlg.field);
            else
                app_dialog_text(app, keys[i]);
        }
    }
    float by = b.y + b.h - bh - 16 * s;
    float bw = (b.w - 40 * s) / 2;
    if (ui_button(ui, ui_id(dlg, "OK"), (UiRect){b.x + 20 * s, by, bw, bh}, "OK", true))
        calibrate_confirm(app);
    else if (ui_button(ui, ui_id(dlg, "Cancel"), (UiRect){b.x + 20 * s + bw, by, bw, bh}, "Cancel", false))
        app->dlg.kind = DLG_NONE, app->gesture.calib_clicks = 0;
}

void app_draw_dialogs(App *app)
{
    app->ui.blocked = false;
    switch (app->dlg.kind) {
    case DLG_NONE: break;
    case DLG_SAVE_CHANGES: save_changes_dialog(app); break;
    case DLG_RECOVER: recover_dialog(app); break;
    case DLG_MESSAGE: message_dialog(app); break;
    case DLG_FORGET: forget_dialog(app); break;
    case DLG_CLIENT:
    case DLG_CLINIC_TEXT: one_field_dialog(app); break;
    case DLG_REPLACE: replace_dialog(app); break;
    case DLG_PATH: path_dialog(app); break;
    case DLG_CALIBRATE: calibrate_dialog(app); break;
    }
}
