/* app_dialog.h - the modal dialogs: their state and their keys (app_dialog.c). */
#ifndef SMP_APP_DIALOG_H
#define SMP_APP_DIALOG_H

#include "../core/label.h"
#include "../core/render.h"
#include "app.h"
#include "app_doc.h"
#include "ui.h"

enum { APP_FIELD_MAX = 1024 };

typedef enum AppDialogKind {
    DLG_NONE = 0,
    DLG_SAVE_CHANGES, /* before quit/open: save, don't save, cancel */
    DLG_RECOVER,      /* at start: recover the autosave or discard it */
    DLG_CALIBRATE,    /* number pad for the distance in mm */
    DLG_PATH,         /* open / save as / export: a path field */
    DLG_MESSAGE,      /* an error or a notice, OK */
    DLG_REPLACE,      /* save as / export onto an existing file: replace or cancel */
    DLG_FORGET,       /* Forget client: what goes, what stays on disk; forget or cancel */
    DLG_CLIENT,       /* the client's name or reference: a field, OK or cancel */
    DLG_CLINIC_TEXT,  /* Export's clinic text: a field, OK or cancel, back to Export */
} AppDialogKind;

/* PATH_OPEN, PATH_LOCATE and PATH_LOGO show the folder browser (app_browser.c);
 * PATH_LOGO chooses the Export dialog's logo, then returns to it. */
typedef enum AppPathPurpose { PATH_OPEN = 0, PATH_SAVE_AS, PATH_EXPORT, PATH_LOCATE, PATH_LOGO } AppPathPurpose;

typedef enum AppAfterAction { AFTER_NONE = 0, AFTER_QUIT, AFTER_OPEN } AppAfterAction;

typedef struct AppDialogs {
    AppDialogKind kind; /* the dialog open, DLG_NONE for none */
    AppPathPurpose purpose;
    AppAfterAction after; /* what the "save changes?" question came before */
    char after_path[APP_PATH_MAX];
    char field[APP_FIELD_MAX]; /* the text being typed */
    bool field_fresh;          /* proposed text, replaced by the first key */
    char client[PLAN_CLIENT_MAX]; /* Save as, Client: the client's name or reference, kept in the plan */
    bool client_focus;            /* Save as: typing goes to the client field (always in Client) */
    char message[512];
    char message_title[64];  /* what kind of message: an error, or a refusal by rule */
    bool export_label, export_view_only;
    ComposeLayout export_layout;   /* after, before | after, side by side, sheet */
    ComposePreset export_preset;   /* full photo or a social crop around the head */
    Anonymise export_anonymise;    /* hide the eyes or crop the face away */
    char export_logo[APP_PATH_MAX]; /* the clinic's logo placed by exports, "" none (as render --logo) */
    char export_text[LABEL_TEXT_MAX + 1]; /* the clinic's text placed by exports, "" none (render --clinic-text) */
    char text_edit[LABEL_TEXT_MAX + 1];   /* the clinic text being typed */
    char export_field[APP_FIELD_MAX]; /* the export's path, kept while the logo is chosen */
    int forget_files;              /* what Forget client could delete, counted when asked */
} AppDialogs;

bool app_dialog_key(App *app, int key, int mods);
void app_dialog_text(App *app, const char *text);
void app_open_dialog(App *app, AppDialogKind kind);
/* Opens the path dialog (or the browser) to open, save as, export or locate. */
void app_ask_path(App *app, AppPathPurpose purpose);
void app_draw_field(App *app, UiRect r); /* the dialog's field */
/* A text field showing t, with a cursor at its end when keys go to it;
 * selected: t is highlighted (the first key replaces it); placeholder (may be
 * NULL): shown when t is empty. */
void app_draw_text_field(App *app, UiRect r, const char *t, bool selected, bool cursor, const char *placeholder);
void app_draw_dialogs(App *app);
/* Adds typed text to a field of `size` bytes; removes its last UTF-8 character. */
void app_field_append(char *f, size_t size, const char *text);
void app_field_backspace(char *f);
/* The logo chooser's answer: path (NULL: cancelled), back to the Export dialog. */
void app_logo_chosen(App *app, const char *path);
/* True while the open / locate dialog shows the folder browser. */
bool app_dialog_browsing(const App *app);

#endif
