/* app_browser.h - the open / locate dialog's folder browser and its Clients tab
 * (app_browser.c). */
#ifndef SMP_APP_BROWSER_H
#define SMP_APP_BROWSER_H

#include "app.h"
#include "app_doc.h"
#include "app_clients.h"
#include "browse.h"

enum { APP_RECENT_MAX = 10, APP_BROWSE_CAPACITY = 4096 };

typedef struct AppBrowse {
    BrowseList listing;  /* the folder shown */
    bool clients_tab; /* the Clients tab is shown */
    char recent[APP_RECENT_MAX][APP_PATH_MAX];
    int recent_count;
    AppClients clients; /* the recent plans and the folder's, newest first */
    float scroll;     /* px the list is scrolled by */
    bool press, drag; /* a press in the list; it became a scroll */
    float press_y, press_scroll;
    int press_row;
    char error[300];  /* why the last choice failed, shown in the dialog */
} AppBrowse;

void app_browse_open(App *app);                /* lists the start folder and the recent plans */
bool app_browse_go(App *app, const char *dir); /* false (and a status) when unreadable */
void app_browse_ui(App *app);                  /* draws and handles the dialog */
void app_browse_scroll(App *app, float px);
bool app_browse_confirm(App *app); /* Return: a folder navigates, a file opens */
void app_browse_cancel(App *app);
/* Typing in the Clients tab's search: text added, or one character removed. */
bool app_browse_search_text(App *app, const char *text);
bool app_browse_search_backspace(App *app);

#endif
