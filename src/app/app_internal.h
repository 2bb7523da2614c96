/* app_internal.h - the editor's state, shared by the app_*.c files only.
 * The platform layer sees app.h. */
#ifndef SMP_APP_INTERNAL_H
#define SMP_APP_INTERNAL_H

#include "../core/hairline.h"
#include "../core/photo_look.h"
#include "../core/matte_apply.h"
#include "../core/plan.h"
#include "../core/scene.h"
#include "../core/skin_tone.h"
#include "app.h"
#include "browse.h"
#include "region_mask.h"
#include "draw.h"
#include "font.h"
#include "ui.h"
#include "undo.h"
#include "view.h"

#include <stdatomic.h>
#include <threads.h>

/* A widget's id: its group (a panel, a dialog) and its number in the group,
 * for every app_*.c that draws widgets (unique across them by group). */
#define ID(group, item) ((uint32_t)((group) << 8 | (item)))

enum { APP_PATH_MAX = 1024, APP_FIELD_MAX = 1024, APP_DRAW_CAPACITY = 1 << 18, APP_UNDO_DEPTH = 200 };

typedef enum Tool {
    TOOL_PAN = 0,
    TOOL_HAIRLINE,
    TOOL_BRUSH,
    TOOL_ERASER,
    TOOL_CALIBRATE,
    TOOL_LANDMARKS,
    TOOL_WHORL,
    TOOL_COUNT
} Tool;

typedef enum PanelTab { TAB_DOTS = 0, TAB_HAIRLINE, TAB_REGIONS, TAB_COUNT } PanelTab;

typedef enum DialogKind {
    DLG_NONE = 0,
    DLG_SAVE_CHANGES, /* before quit/open: save, don't save, cancel */
    DLG_RECOVER,      /* at start: recover the autosave or discard it */
    DLG_CALIBRATE,    /* number pad for the distance in mm */
    DLG_PATH,         /* open / save as / export: a path field */
    DLG_MESSAGE,      /* an error or a notice, OK */
    DLG_REPLACE,      /* save as / export onto an existing file: replace or cancel */
    DLG_FORGET,       /* Forget client: what goes, what stays on disk; forget or cancel */
} DialogKind;

/* PATH_OPEN and PATH_LOCATE show the folder browser (app_browser.c). */
typedef enum PathPurpose { PATH_OPEN = 0, PATH_SAVE_AS, PATH_EXPORT, PATH_LOCATE } PathPurpose;

/* What "Show the client" shows (app_show.c). */
typedef enum ShowLayout { SHOW_AFTER = 0, SHOW_SPLIT } ShowLayout;

typedef enum AfterAction { AFTER_NONE = 0, AFTER_QUIT, AFTER_OPEN } AfterAction;

/* What is being dragged in the view. */
typedef enum DragKind {
    DRAG_NONE = 0,
    DRAG_PAN,
    DRAG_HAIRLINE_POINT,
    DRAG_STROKE,
    DRAG_LANDMARK,
    DRAG_SPLIT,
    DRAG_PINCH,
    DRAG_CALIB, /* a scale point, placed on release */
    DRAG_WHORL,
} DragKind;

typedef struct ExportJob {
    thrd_t thread;
    bool running;
    atomic_int done; /* 1 when the thread has finished */
    bool ok;
    SmpError err;
    char path[APP_PATH_MAX];
    SmpImage photo; /* borrowed from the app: photos do not change while busy */
    SmpPlan plan;   /* own copy */
    bool label, view_only;
    int crop_x, crop_y, crop_w, crop_h;
} ExportJob;

/* Finding the head and hair mattes of the photo on screen, on a worker
 * thread started once the photo shows (app_mattes.c). */
typedef struct MatteJob {
    thrd_t thread;
    bool running;
    atomic_int done;  /* 1 when the thread has finished */
    bool ok;
    SmpError err;
    SmpImage photo;   /* a view of the photo it was started for ... */
    bool owns_photo;  /* ... owned here once a newer photo replaced it */
    unsigned photo_gen;
    SmpMattes mattes;
    SmpMatte ink_keep;
} MatteJob;

/* Opening a photo (or a plan's photo) on a worker thread: the window keeps
 * drawing; the result is committed by app_frame when the thread is done. */
typedef struct LoadJob {
    thrd_t thread;
    bool running;    /* started and not joined yet */
    bool cancelled;  /* Esc: the result is dropped when the thread ends */
    atomic_int done; /* 1 when the thread has finished */
    atomic_int abort; /* 1: the result is unwanted (closing, Esc): skip what is left */
    bool ok;
    SmpError err;
    double started;  /* app->now at the start, for the indicator */
    char photo_path[APP_PATH_MAX]; /* absolute */
    char plan_path[APP_PATH_MAX];  /* absolute; "" for a photo alone */
    SmpPlan plan;                  /* the plan being opened (a photo alone: a new plan) */
    bool has_plan;
    bool relink;                   /* the photo was chosen for a plan whose photo is missing */
    bool recover;                  /* the autosave: the work belongs to `origin`, unsaved */
    bool quiet;                    /* the bundled sample: not a recent plan, not a last folder */
    char origin[APP_PATH_MAX];
    char hash[80];                 /* relink: the new photo's hash, when the plan had one */
    SmpImage photo;
    SmpScene *scene;               /* the plan's dots on that photo, built on the thread too */
    PhotoLook photo_look;          /* measured on the thread too, like the export does */
    SheenMap sheen;
} LoadJob;

/* A plan whose photo is missing, waiting for the user to locate it. */
typedef struct Locate {
    bool active;
    SmpPlan plan;
    char plan_path[APP_PATH_MAX]; /* absolute */
    char missing[APP_PATH_MAX];   /* where the plan says the photo is */
    bool recover;
    char origin[APP_PATH_MAX];
} Locate;

enum { APP_RECENT_MAX = 10, APP_BROWSE_CAPACITY = 4096 };

struct App {
    AppConfig cfg;
    char state_dir[APP_PATH_MAX];
    bool quit;
    double now;

    /* the document */
    SmpImage photo;
    bool has_photo;
    SmpMattes mattes;              /* of the photo (docs/mattes.md); head.uncertain: not found */
    SkinTone skin;                 /* measured on head skin once the mattes are found */
    bool mattes_overlay;           /* M: tint what the mattes keep the dots off */
    SmpMatte ink_keep;             /* what the view keeps of the dot layer (mattes_keep_mask) */
    MatteCover cover;              /* hair coverage grid for filtering dots, at cover.px_per_mm */
    DotList drawn;                 /* the scene's dots the mattes keep: what the view draws */
    unsigned drawn_gen;            /* dots_gen that `drawn` was filtered from */
    unsigned photo_gen;
    PhotoLook photo_look;          /* the photo's blur and grain, around the treated area */
    SheenMap sheen;                /* its sheen map (photo_look.h) */
    SheenMap redness;              /* the flush of fresh work over the drawn dots (erythema.h) */
    unsigned redness_dots_gen;     /* the dots_gen and strength it was made for */
    float redness_strength;
    unsigned redness_gen;
    bool shown_known;              /* a renderer reports what it shows (app_photo_shown) */
    unsigned shown_gen;            /* photo_gen the renderer draws whole */
    float upload_progress;         /* 0..1 while the photo goes to the GPU */
    char photo_path[APP_PATH_MAX]; /* absolute when known */
    SmpPlan plan;
    SmpPlan saved;                 /* as last saved/opened: dirty = differs */
    bool dirty;
    char plan_path[APP_PATH_MAX];  /* "" until saved */
    SmpScene *scene;
    unsigned dots_gen;
    unsigned pending;              /* SceneChange mask waiting for the next frame */
    HairlineCurve curve;           /* for the overlay */
    bool curve_stale;

    /* undo: snapshots before each edit */
    UndoStack undo, redo;
    SmpPlan edit_before;
    bool editing;

    /* view and tools */
    View view;
    bool view_ready;
    Tool tool;
    PanelTab tab;
    bool ui_hidden, help_open;
    bool split_on, before_held;
    UiRect load_cancel;            /* the Cancel button of the "Opening" box ... */
    bool load_cancel_on;           /* ... while it is shown (the decode can be cancelled) */
    RegionMask region_mask;        /* the painted areas' tint, rebuilt when they change */
    bool region_mask_built;
    bool show_client;              /* full-screen view for the client, no overlays */
    ShowLayout show_layout;
    float split_frac;
    DragKind drag;
    int drag_index;                /* hairline point or landmark id */
    double last_x, last_y;         /* pointer at the previous drag step */
    float mx, my;                  /* pointer */
    int selected_point;
    /* a press on an existing hairline handle: the point stays put until the
     * pointer moves past a few px (a tap selects it); a finger held still
     * there removes it (long press) */
    bool press_still, press_touch;
    float press_x, press_y;
    double press_time;
    bool touch_input;  /* the current press is a finger's */
    bool touch_lifted; /* the last finger lifted: no hover after this frame */
    double brush_mm;
    RegionKind brush_kind;
    int stroke_region;             /* region being painted, -1 none */
    int calib_clicks;
    PlanPoint calib_a, calib_b;
    /* fingers: up to two for pinch */
    int finger_id[2];
    bool finger_on[2];
    float finger_x[2], finger_y[2];
    double pinch_dist;

    /* UI */
    UiFont font;
    float font_scale;
    DrawList dl;
    Ui ui;
    bool ptr_down, ptr_pressed, ptr_released; /* for widgets, gathered between frames */
    AppFrame frame;
    ViewRect top_bar, tool_bar, side_panel, status_bar;
    float panel_scroll, panel_content_h; /* the side panel's tab, when taller than the window */
    PanelTab panel_tab;

    /* dialogs */
    DialogKind dialog;
    PathPurpose path_purpose;
    AfterAction after;
    char after_path[APP_PATH_MAX];
    char field[APP_FIELD_MAX];     /* the text being typed */
    bool field_fresh;              /* proposed text, replaced by the first key */
    char message[512];
    bool export_label, export_view_only;

    /* status line and errors */
    char status[256];
    double status_time;
    char status_shown[256];  /* what the status bar showed last (SMPVIEW_STATUS_LOG) */
    char banner_shown[256];  /* the no-scale warning shown last, "" none (logged too) */
    char autosave_error[256]; /* the last autosave failed: stays on screen until one works */
    char last_error[512];
    char title[APP_PATH_MAX + 32];

    /* autosave */
    double autosave_due; /* 0 = nothing pending */
    bool forgotten;      /* "Forget client": no autosave of this document until the next open or save */
    int state_lock;      /* fd + 1 of the state folder's lock file, 0 = not held */
    bool autosave_off;   /* another instance holds the lock: no autosave or recovery here */

    ExportJob job;
    LoadJob load;
    MatteJob matte_job;
    unsigned mattes_gen;           /* changes when mattes and ink_keep change */
    Locate locate;

    /* the open dialog's folder browser */
    Browser browser;
    bool browse_recent;            /* the Recent tab is shown */
    char recent[APP_RECENT_MAX][APP_PATH_MAX];
    int recent_count;
    float br_scroll;               /* px the list is scrolled by */
    bool br_press, br_drag;        /* a press in the list; it became a scroll */
    float br_press_y, br_press_scroll;
    int br_press_row;
    char br_error[300];            /* why the last choice failed, shown in the dialog */
};

/* app.c */
void app_copy_str(char *dst, size_t size, const char *src);
void app_absolute_path(const char *path, char *out, size_t size);
void app_mark_changed(App *app, unsigned scene_change);
void app_set_error(App *app, const char *msg);
void app_set_status(App *app, const char *msg);
/* "Scale set: N px/mm", or a warning when the scale is implausible. */
void app_tool_scale_message(const App *app, char *msg, size_t size);
bool app_save_to(App *app, const char *path, SmpError *err);
void app_request_quit(App *app);
void app_request_open(App *app, const char *path);
void app_export_start(App *app, const char *path);

/* app_load.c: opening files. app_open_path reads a plan and checks the photo
 * now (errors are immediate and leave everything as it was), then decodes the
 * photo on a worker thread; a plan whose photo is missing opens the "locate"
 * dialog instead. Returns false with err on an immediate failure. */
bool app_open_path(App *app, const char *path, SmpError *err);
bool app_open_sample(App *app, const char *path, SmpError *err);
bool app_open_recover(App *app, const char *autosave, const char *origin, SmpError *err);
/* The user picked the photo for the plan waiting in app->locate. */
bool app_locate_choose(App *app, const char *photo_path, SmpError *err);
void app_locate_cancel(App *app);
/* Commits a finished load (from app_frame); joins and drops one on exit. */
void app_load_poll(App *app);
void app_load_join(App *app);
/* The FUE scars in the plan's painted scars, given to the scene (as render_plan does). */
bool app_scar_spots_find(SmpScene *scene, const SmpImage *photo, const SmpPlan *plan, SmpError *err);
/* The mattes (app_mattes.c): started for the photo just committed, folded in
 * by the poll when found; the photo the app replaces or frees while they are
 * being found goes to app_mattes_release_photo instead of image_free. */
void app_mattes_start(App *app);
void app_mattes_poll(App *app);
void app_mattes_release_photo(App *app);
void app_mattes_join(App *app);
/* M: shows or hides where the mattes keep the dots off (background, hair), with a word why not. */
void app_toggle_mattes_overlay(App *app);
/* Forget client, confirmed: the state folder forgets them (app_state_forget_client)
 * and the photo and plan leave the screen; the status says what stays on disk. */
void app_forget_client(App *app);
bool app_mattes_running(const App *app);
bool app_loading(const App *app); /* a load the user is waiting for */
bool app_uploading(const App *app); /* the photo is opened but not yet drawn whole */
void app_load_cancel(App *app);

/* app_browser.c: the open / locate dialog */
void app_browse_open(App *app);            /* lists the start folder and the recent plans */
bool app_browse_go(App *app, const char *dir); /* false (and a status) when unreadable */
void app_browse_ui(App *app);              /* draws and handles the dialog */
void app_browse_scroll(App *app, float px);
bool app_browse_confirm(App *app);         /* Return: a folder navigates, a file opens */
void app_browse_cancel(App *app);

/* app_edit.c: undo grouping. Begin before changing the plan, end when the
 * gesture ends; an edit that changed nothing leaves no undo step. */
void app_edit_begin(App *app);
void app_edit_end(App *app);
void app_edit_cancel(App *app);
void app_undo(App *app);
void app_redo(App *app);
unsigned app_plan_diff(const SmpPlan *a, const SmpPlan *b);

/* app_tools.c */
void app_tool_pointer_down(App *app, float x, float y, int button);
void app_tool_pointer_move(App *app, float x, float y);
void app_tool_pointer_up(App *app, float x, float y, int button);
void app_tool_delete_under(App *app, float x, float y);
bool app_tool_delete_selected(App *app); /* the Hairline tab's "Delete point" */
void app_tool_poll(App *app);            /* each frame: the long press */
void app_draw_overlays(App *app);

/* app_ui.c */
void app_layout(App *app, int w, int h, float scale);
void app_draw_ui(App *app);
bool app_dialog_key(App *app, int key, int mods);
void app_dialog_text(App *app, const char *text);
void app_open_dialog(App *app, DialogKind kind);
void app_draw_field(App *app, UiRect r);
void app_panel_scroll(App *app, float notches);

/* app_show.c: "Show the client" */
void app_show_enter(App *app);
void app_show_exit(App *app);
bool app_show_key(App *app, int key, int mods); /* true: the key was the show mode's */
float app_show_bar_height(const App *app);      /* px at scale 1; 0 when not showing */
void app_show_draw(App *app);
void app_show_pointer_down(App *app, float x);

/* app_state.c: the state directory */
bool app_state_lock(App *app);
void app_state_unlock(App *app);
void app_state_autosave(App *app);
void app_state_clear_autosave(App *app);
bool app_state_has_autosave(const App *app);
bool app_state_recover(App *app, SmpError *err);
void app_state_add_recent(App *app, const char *path);
int app_state_recent(const App *app, char out[][APP_PATH_MAX], int max);
void app_state_set_last_folder(App *app, const char *path);
void app_state_last_folder(const App *app, char *out, size_t size);
void app_state_forget_client(App *app);

#endif
