/* The open dialog as a small file browser (also the "locate the photo for
 * this plan" dialog): the folders, photos and plans of one folder in large
 * rows (tap or click a row; ".." goes up; drag with a finger or turn the wheel
 * to scroll), the clients' plans in a second tab (thumbnail, client, date of
 * last change, newest first, with a search), and the path field, where a
 * typed path still works (relative paths start at the folder shown). */
#include "app_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { ROW_H = 56, DRAG_SLOP = 10 };
/* The thumbnail box in a Clients row: THUMB_W x THUMB_H px (x the UI scale),
 * THUMB_X, THUMB_Y px from the row's corner (tests/ui/clients.sh reads it). */
enum { THUMB_X = 8, THUMB_Y = 4 };
#define THUMB_PLACEHOLDER RGBA(92, 98, 112, 255) /* no photo: the plan's photo is missing */
#define THUMB_LOADING RGBA(60, 64, 74, 255)      /* being made */

static bool is_locate(const App *app) { return app->dlg.purpose == PATH_LOCATE; }
static bool is_logo(const App *app) { return app->dlg.purpose == PATH_LOGO; }
/* Locating a plan's photo or choosing the logo: photos only, no Clients tab. */
static bool photos_only(const App *app) { return is_locate(app) || is_logo(app); }

static void browse_error(App *app, const char *msg)
{
    app_copy_str(app->browse.error, sizeof app->browse.error, msg);
    app_copy_str(app->status.last_error, sizeof app->status.last_error, msg);
    fprintf(stderr, "smpview: %s\n", msg);
}

static void set_field_to_dir(App *app)
{
    const char *d = app->browse.listing.dir;
    snprintf(app->dlg.field, sizeof app->dlg.field, "%s%s", d, strcmp(d, "/") ? "/" : "");
    app->dlg.field_fresh = true;
}

bool app_browse_go(App *app, const char *dir)
{
    SmpError err = {{0}};
    if (!browse_list(&app->browse.listing, dir, photos_only(app), &err)) {
        browse_error(app, err.msg);
        return false;
    }
    app->browse.error[0] = 0;
    app->browse.scroll = 0;
    app->browse.press = app->browse.drag = false;
    app->browse.clients_tab = false;
    set_field_to_dir(app);
    if (!photos_only(app) && !app_clients_build(&app->browse.clients, app->browse.recent, app->browse.recent_count,
                                              &app->browse.listing))
        browse_error(app, "Out of memory listing the clients' plans");
    return true;
}

void app_browse_open(App *app)
{
    app->browse.error[0] = 0;
    app->browse.clients_tab = false;
    app->browse.clients.search[0] = 0;
    app->browse.scroll = 0;
    app->browse.press = app->browse.drag = false;
    app->browse.recent_count = photos_only(app) ? 0 : app_state_recent(app, app->browse.recent, APP_RECENT_MAX);
    char dir[APP_PATH_MAX];
    if (is_locate(app)) { /* the photo is most often beside its plan */
        app_copy_str(dir, sizeof dir, app->locate.plan_path);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = 0;
        if (app_browse_go(app, dir[0] ? dir : "/"))
            return;
    }
    app_state_last_folder(app, dir, sizeof dir);
    if (!app_browse_go(app, dir) && !app_browse_go(app, ".")) {
        app_browse_go(app, "/");
    }
}

void app_browse_scroll(App *app, float px)
{
    app->browse.scroll += px; /* clamped when drawn */
}

/* A file was chosen (a row, a recent plan, or a typed path). */
static void choose_file(App *app, const char *path)
{
    if (is_logo(app)) {
        app_logo_chosen(app, path); /* read when exporting: a bad file says why then */
        return;
    }
    if (is_locate(app)) {
        SmpError err = {{0}};
        if (!app_locate_choose(app, path, &err))
            browse_error(app, err.msg); /* the dialog stays for another choice */
        return;
    }
    app->dlg.kind = DLG_NONE;
    app_request_open(app, path);
}

/* Opens the plan of row `row` of the Clients tab; false past the end. */
static bool choose_client_row(App *app, int row)
{
    const AppClients *c = &app->browse.clients;
    if (row < 0 || row >= c->shown_count)
        return false;
    char path[sizeof c->items->path];
    app_copy_str(path, sizeof path, c->items[c->shown[row]].path); /* choosing may rebuild the list */
    choose_file(app, path);
    return true;
}

bool app_browse_confirm(App *app)
{
    if (app->browse.clients_tab) /* Return in the search: the first plan found */
        return choose_client_row(app, 0);
    char path[APP_PATH_MAX + APP_FIELD_MAX];
    const char *f = app->dlg.field;
    if (!f[0])
        return false;
    if (f[0] == '/')
        snprintf(path, sizeof path, "%s", f);
    else
        snprintf(path, sizeof path, "%s/%s", app->browse.listing.dir, f);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return app_browse_go(app, path);
    choose_file(app, path);
    return true;
}

bool app_browse_search_text(App *app, const char *text)
{
    if (!app->browse.clients_tab)
        return false;
    app_field_append(app->browse.clients.search, sizeof app->browse.clients.search, text);
    app->browse.scroll = 0;
    return true;
}

bool app_browse_search_backspace(App *app)
{
    if (!app->browse.clients_tab)
        return false;
    app_field_backspace(app->browse.clients.search);
    app->browse.scroll = 0;
    return true;
}

void app_browse_cancel(App *app)
{
    app->dlg.kind = DLG_NONE;
    app->dlg.after = AFTER_NONE;
    if (is_logo(app))
        app_logo_chosen(app, NULL);
    if (is_locate(app) && app->locate.active) {
        char msg[APP_PATH_MAX + 64];
        const char *base = strrchr(app->locate.plan_path, '/');
        snprintf(msg, sizeof msg, "Not opened: the photo for %s is missing", base ? base + 1 : app->locate.plan_path);
        app_locate_cancel(app);
        app_set_status(app, msg);
    }
}

static void activate(App *app, int row)
{
    if (app->browse.clients_tab) {
        choose_client_row(app, row);
        return;
    }
    if (row >= app->browse.listing.count)
        return;
    char path[APP_PATH_MAX + BROWSE_NAME_MAX];
    browse_entry_path(&app->browse.listing, row, path, sizeof path);
    BrowseKind k = app->browse.listing.entries[row].kind;
    if (k == BROWSE_UP || k == BROWSE_DIR)
        app_browse_go(app, path);
    else
        choose_file(app, path);
}

/* text in font size `fs` shortened with "..." to fit max_w: at the end
 * (names) or at the start (paths, where the end matters). */
static const char *fit_size(const App *app, int fs, const char *text, float max_w, bool keep_end, char *buf,
                            size_t size)
{
    const FontAtlas *f = &app->font;
    if (font_text_width(f, fs, text) <= max_w)
        return text;
    if (keep_end) {
        const char *t = text;
        char tmp[APP_PATH_MAX + 8];
        do {
            utf8_next(&t);
            snprintf(tmp, sizeof tmp, "...%s", t);
        } while (*t && font_text_width(f, fs, tmp) > max_w);
        snprintf(buf, size, "%s", tmp);
        return buf;
    }
    snprintf(buf, size, "%s", text);
    size_t n = strlen(buf);
    while (n > 0) {
        n--;
        while (n > 0 && ((unsigned char)buf[n] & 0xC0) == 0x80)
            n--;
        if (n + 4 > size)
            continue;
        memcpy(buf + n, "...", 4);
        if (font_text_width(f, fs, buf) <= max_w)
            break;
    }
    return buf;
}

static const char *fit(const App *app, const char *text, float max_w, bool keep_end, char *buf, size_t size)
{
    return fit_size(app, FONT_SMALL, text, max_w, keep_end, buf, size);
}

static void icon(Ui *ui, float x, float y, float s, BrowseKind kind)
{
    DrawList *dl = ui->dl;
    switch (kind) {
    case BROWSE_UP:
    case BROWSE_DIR: {
        uint32_t c = kind == BROWSE_UP ? RGBA(150, 135, 100, 255) : RGBA(222, 180, 90, 255);
        draw_rect(dl, x, y - 11 * s, 13 * s, 5 * s, c);
        draw_rect(dl, x, y - 7 * s, 32 * s, 20 * s, c);
        if (kind == BROWSE_UP) { /* an arrow up on the folder */
            draw_line(dl, x + 16 * s, y + 10 * s, x + 16 * s, y - 3 * s, 3 * s, RGBA(40, 40, 40, 255));
            draw_line(dl, x + 10 * s, y + 3 * s, x + 16 * s, y - 4 * s, 3 * s, RGBA(40, 40, 40, 255));
            draw_line(dl, x + 22 * s, y + 3 * s, x + 16 * s, y - 4 * s, 3 * s, RGBA(40, 40, 40, 255));
        }
        break;
    }
    case BROWSE_PLAN:
    case BROWSE_BUNDLE: /* a plan, with a photo's corner when it carries one */
        draw_rect(dl, x + 5 * s, y - 14 * s, 22 * s, 28 * s, RGBA(80, 170, 255, 255));
        for (int i = 0; i < 4; i++)
            draw_rect(dl, x + 9 * s, y - 8 * s + i * 6 * s, 14 * s, 2 * s, RGBA(235, 242, 250, 255));
        if (kind == BROWSE_BUNDLE)
            draw_rect(dl, x + 17 * s, y + 2 * s, 14 * s, 12 * s, RGBA(206, 160, 130, 255));
        break;
    case BROWSE_PHOTO:
        draw_rect(dl, x, y - 11 * s, 32 * s, 22 * s, RGBA(206, 160, 130, 255));
        draw_circle(dl, x + 23 * s, y - 4 * s, 4 * s, RGBA(250, 235, 190, 255));
        draw_line(dl, x + 3 * s, y + 8 * s, x + 13 * s, y - 2 * s, 3 * s, RGBA(120, 80, 60, 255));
        draw_line(dl, x + 13 * s, y - 2 * s, x + 22 * s, y + 8 * s, 3 * s, RGBA(120, 80, 60, 255));
        break;
    }
}

static int row_count(const App *app)
{
    return app->browse.clients_tab ? app->browse.clients.shown_count : app->browse.listing.count;
}

/* A client's row: the photo's thumbnail (a placeholder while it is made, or
 * when the photo is missing), the client's name or the file name, and the
 * date of the plan's last change with the file name. */
static void client_row_draw(App *app, UiRect L, float ry, int row)
{
    Ui *ui = &app->ui;
    float s = ui->scale, bx = L.x + THUMB_X * s, by = ry + THUMB_Y * s, tw = THUMB_W * s, th = THUMB_H * s;
    AppClients *c = &app->browse.clients;
    int item = c->shown[row];
    const ClientPlan *p = &c->items[item];
    int thumb = atomic_load(&p->thumb);
    uint64_t key = p->path_hash ^ (uint64_t)p->mtime_ns * 0x9E3779B97F4A7C15ull; /* a changed plan: a new picture */
    if (thumb == THUMB_READY) {
        if (!pics_draw(&app->pics, ui->dl, key, bx, by, tw, th)) {
            pics_put(&app->pics, key, p->px);
            pics_draw(&app->pics, ui->dl, key, bx, by, tw, th);
        }
    } else {
        draw_rect(ui->dl, bx, by, tw, th, thumb == THUMB_MISSING ? THUMB_PLACEHOLDER : THUMB_LOADING);
        if (thumb == THUMB_MISSING)
            icon(ui, bx + (tw - 32 * s) * 0.5f, by + th * 0.5f, s, BROWSE_PHOTO);
    }
    char buf[APP_PATH_MAX + 8], when[96];
    float tx = bx + tw + 14 * s, room = L.x + L.w - tx - 14 * s;
    ui_text(ui, tx, ry + 6 * s, FONT_SMALL, fit(app, app_clients_name(p), room, false, buf, sizeof buf),
            ui->theme.text);
    time_t secs = (time_t)(p->mtime_ns / 1000000000);
    struct tm day;
    const char *slash = strrchr(p->path, '/');
    char date[32] = "?";
    if (localtime_r(&secs, &day))
        strftime(date, sizeof date, "%Y-%m-%d %H:%M", &day);
    snprintf(when, sizeof when, "Changed %s  %.50s", date, slash ? slash + 1 : p->path);
    ui_text(ui, tx, ry + 29 * s, FONT_SMALL, fit(app, when, room, false, buf, sizeof buf), ui->theme.text_dim);
}

static void draw_rows(App *app, UiRect L, float row_h, int hover)
{
    Ui *ui = &app->ui;
    float s = ui->scale;
    int n = row_count(app);
    const FontAtlas *f = &app->font;
    char buf[APP_PATH_MAX + 8];
    int first = (int)floorf(app->browse.scroll / row_h);
    for (int i = first < 0 ? 0 : first; i < n; i++) {
        float ry = L.y + i * row_h - app->browse.scroll;
        if (ry >= L.y + L.h)
            break;
        bool pressed = app->browse.press && !app->browse.drag && app->browse.press_row == i;
        uint32_t bg = pressed ? ui->theme.button_on : i == hover ? ui->theme.button_hot : (i & 1) ? RGBA(40, 44, 51, 255)
                                                                                                  : RGBA(36, 39, 46, 255);
        draw_rect(ui->dl, L.x, ry, L.w, row_h, bg);
        draw_rect(ui->dl, L.x, ry + row_h - 1 * s, L.w, 1 * s, RGBA(24, 26, 31, 255));
        float cy = ry + row_h * 0.5f, tx = L.x + 62 * s, room = L.w - (tx - L.x) - 90 * s;
        if (app->browse.clients_tab) {
            client_row_draw(app, L, ry, i);
            continue;
        }
        const BrowseEntry *e = &app->browse.listing.entries[i];
        icon(ui, L.x + 16 * s, cy, s, e->kind);
        const char *name = e->kind == BROWSE_UP ? "..  (up one folder)" : e->name;
        ui_text(ui, tx, cy - f->line_h[FONT_SMALL] * 0.5f, FONT_SMALL, fit(app, name, room, false, buf, sizeof buf),
                ui->theme.text);
        static const char *kinds[] = {"", "folder", "plan", "photo"};
        float kw = font_text_width(f, FONT_SMALL, kinds[e->kind]);
        ui_text(ui, L.x + L.w - kw - 18 * s, cy - f->line_h[FONT_SMALL] * 0.5f, FONT_SMALL, kinds[e->kind],
                ui->theme.text_dim);
    }
    if (n == 0)
        ui_text_centered(ui, (UiRect){L.x, L.y, L.w, row_h * 2}, FONT_SMALL,
                         app->browse.clients_tab ? (app->browse.clients.search[0] ? "No plan matches the search"
                                                                                   : "No plans yet: recent ones and this folder's show here")
                         : photos_only(app) ? "No photos in this folder"
                                            : "No photos or plans in this folder",
                         ui->theme.text_dim);
    /* scroll bar */
    float content = n * row_h;
    if (content > L.h) {
        float th = fmaxf(24 * s, L.h * L.h / content);
        float ty = L.y + (L.h - th) * (app->browse.scroll / (content - L.h));
        draw_rect(ui->dl, L.x + L.w - 6 * s, ty, 5 * s, th, RGBA(150, 156, 168, 200));
    }
}

/* The list's pointer: a press, a drag that scrolls it, a release on the
 * pressed row that chooses it. Returns the row chosen, -1 none; *hover gets
 * the row under the pointer to highlight, -1 none. */
static int list_input(App *app, UiRect L, float row_h, int *hover)
{
    Ui *ui = &app->ui;
    AppBrowse *br = &app->browse;
    int n = row_count(app);
    float max_scroll = fmaxf(0, n * row_h - L.h);
    bool inside = ui_inside(L, ui->mx, ui->my);
    int at = inside ? (int)floorf((ui->my - L.y + br->scroll) / row_h) : -1;
    if (at >= n)
        at = -1;
    if (ui->pressed && inside && !ui->active) {
        br->press = true;
        br->drag = false;
        br->press_y = ui->my;
        br->press_scroll = br->scroll;
        br->press_row = at;
    }
    if (br->press && (ui->down || ui->released)) {
        float dy = ui->my - br->press_y;
        if (fabsf(dy) > DRAG_SLOP * ui->scale)
            br->drag = true;
        if (br->drag)
            br->scroll = br->press_scroll - dy;
    }
    br->scroll = fminf(fmaxf(br->scroll, 0), max_scroll);
    *hover = br->press || !inside ? -1 : at;
    int chosen = -1;
    if (br->press && ui->released) {
        if (!br->drag && at >= 0 && at == br->press_row)
            chosen = at;
        br->press = br->drag = false;
    }
    return chosen;
}

/* The title, the Folder / Clients tabs, the missing photo, the path field and
 * the last error, above the list. */
static void browse_header(App *app, uint32_t dlg, UiRect box)
{
    Ui *ui = &app->ui;
    float s = ui->scale, x = box.x, y = box.y, w = box.w;
    bool locate = is_locate(app);
    char buf[APP_PATH_MAX + 64], title[APP_PATH_MAX + 64];
    float tabs_w = photos_only(app) ? 0 : 250 * s;
    if (locate) {
        const char *base = strrchr(app->locate.plan_path, '/');
        snprintf(title, sizeof title, "Locate the photo for %s", base ? base + 1 : app->locate.plan_path);
    } else if (is_logo(app)) {
        snprintf(title, sizeof title, "Choose the clinic's logo (PNG)");
    } else {
        snprintf(title, sizeof title, "Open a photo or plan");
    }
    /* a long plan name is cut rather than run past the box */
    ui_text(ui, x + 20 * s, y + 14 * s, FONT_LARGE,
            fit_size(app, FONT_LARGE, title, w - 40 * s - tabs_w, false, buf, sizeof buf), ui->theme.text);
    if (!photos_only(app)) {
        char clients[32];
        snprintf(clients, sizeof clients, "Clients (%d)", app->browse.clients.count);
        float tx = x + w - tabs_w - 14 * s;
        if (ui_button(ui, ui_id(dlg, "Folder"), (UiRect){tx, y + 6 * s, 120 * s, 50 * s}, "Folder",
                      !app->browse.clients_tab))
            app->browse.clients_tab = false, app->browse.scroll = 0;
        if (ui_button(ui, ui_id(dlg, "Clients"), (UiRect){tx + 125 * s, y + 6 * s, 125 * s, 50 * s}, clients,
                      app->browse.clients_tab))
            app->browse.clients_tab = true, app->browse.scroll = 0;
    }
    float fy = y + 60 * s;
    if (locate) {
        snprintf(title, sizeof title, "Not found: %s", app->locate.missing);
        ui_text(ui, x + 20 * s, fy, FONT_SMALL, fit(app, title, w - 40 * s, true, buf, sizeof buf),
                RGBA(255, 190, 120, 255));
        fy += 28 * s;
    }
    UiRect field = {x + 20 * s, fy, w - 40 * s, 50 * s};
    if (app->browse.clients_tab) /* the field searches the clients' plans */
        app_draw_text_field(app, field, app->browse.clients.search, false, true, "Search: client or file name");
    else
        app_draw_field(app, field);
    fy += 58 * s;
    if (app->browse.error[0])
        ui_text(ui, x + 20 * s, fy, FONT_SMALL, fit(app, app->browse.error, w - 40 * s, true, buf, sizeof buf),
                RGBA(255, 120, 110, 255));
}

/* The hint under the list and the Open / Cancel buttons: 1 open, -1 cancel, 0 neither. */
static int browse_footer(App *app, uint32_t dlg, UiRect box, float by, float bh)
{
    Ui *ui = &app->ui;
    float s = ui->scale, x = box.x, w = box.w;
    const BrowseList *list = &app->browse.listing;
    char buf[APP_PATH_MAX + 64], hint[96];
    if (app->browse.clients_tab)
        snprintf(hint, sizeof hint, "Newest change first: type to search");
    else if (list->more)
        snprintf(hint, sizeof hint, "%d shown, %d more: type a name", list->count, list->more);
    else
        snprintf(hint, sizeof hint, "Tap a folder to open it, a file to choose it");
    ui_text(ui, x + 22 * s, by + (bh - app->font.line_h[FONT_SMALL]) * 0.5f, FONT_SMALL,
            fit(app, hint, w - 380 * s, false, buf, sizeof buf), ui->theme.text_dim);
    if (ui_button(ui, ui_id(dlg, "OK"), (UiRect){x + w - 340 * s, by, 160 * s, bh}, is_locate(app) ? "Use photo" : is_logo(app) ? "Use logo" : "Open",
                  true))
        return 1;
    return ui_button(ui, ui_id(dlg, "Cancel"), (UiRect){x + w - 170 * s, by, 150 * s, bh}, "Cancel", false) ? -1 : 0;
}

/* Last in the frame, so a tab or a scroll of this frame counts: the rows on
 * screen ask for their thumbnails, and the background job starts. */
static void want_visible_thumbs(App *app, UiRect L, float row_h)
{
    AppClients *c = &app->browse.clients;
    app_clients_filter(c);
    int first = (int)floorf(app->browse.scroll / row_h), last = (int)ceilf((app->browse.scroll + L.h) / row_h);
    for (int i = first < 0 ? 0 : first; i < last && i < c->shown_count; i++)
        app_clients_want_thumb(c, c->shown[i]);
    app_clients_pump(c);
}

void app_browse_ui(App *app)
{
    Ui *ui = &app->ui;
    float s = ui->scale, W = (float)app->frame.width, H = (float)app->frame.height;
    uint32_t dlg = ui_id(0, "browser");
    float w = fminf(820 * s, W - 16 * s), h = fminf(700 * s, H - 16 * s);
    float x = floorf((W - w) * 0.5f), y = floorf((H - h) * 0.5f), bh = 56 * s, row_h = ROW_H * s;
    uint32_t fill = RGBA(30, 33, 39, 252);
    float top = y + 60 * s + (is_locate(app) ? 28 * s : 0) + 58 * s + (app->browse.error[0] ? 26 * s : 0);
    float bottom = y + h - bh - 28 * s;
    UiRect L = {x + 20 * s, top, w - 40 * s, fmaxf(row_h, bottom - top)};
    if (app->browse.clients_tab) /* names read since the last frame may match the search now */
        app_clients_filter(&app->browse.clients);
    int hover;
    int chosen = list_input(app, L, row_h, &hover);

    draw_rect(ui->dl, 0, 0, W, H, RGBA(0, 0, 0, 130));
    draw_rect(ui->dl, x, y, w, h, fill);
    draw_rows(app, L, row_h, hover);
    /* header and footer over the rows scrolled out of the list */
    draw_rect(ui->dl, x, y, w, L.y - y, fill);
    draw_rect(ui->dl, x, L.y + L.h, w, y + h - (L.y + L.h), fill);
    draw_rect_outline(ui->dl, x, y, w, h, 1 * s, ui->theme.panel_edge);
    draw_rect_outline(ui->dl, L.x - 1 * s, L.y - 1 * s, L.w + 2 * s, L.h + 2 * s, 1 * s, ui->theme.panel_edge);
    UiRect box = {x, y, w, h};
    browse_header(app, dlg, box);
    int answer = browse_footer(app, dlg, box, y + h - bh - 14 * s, bh);
    if (chosen >= 0)
        activate(app, chosen);
    else if (answer > 0)
        app_browse_confirm(app);
    else if (answer < 0)
        app_browse_cancel(app);
    if (app->dlg.kind == DLG_PATH && app->browse.clients_tab)
        want_visible_thumbs(app, L, row_h);
}
