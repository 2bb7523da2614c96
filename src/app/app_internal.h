/* app_internal.h - the editor's state, shared by the app_*.c files only.
 * The platform layer sees app.h. Each room of App (the document, the undo
 * history, the tools and the gesture in progress, the dialogs, the browser,
 * the status line, the state folder, the panels, the worker jobs) is a struct
 * declared in the header of the file that works on it. */
#ifndef SMP_APP_INTERNAL_H
#define SMP_APP_INTERNAL_H

#include "app_views.h"
#include "app_charts.h"
#include "app.h"
#include "app_browser.h"
#include "app_dialog.h"
#include "app_doc.h"
#include "app_edit.h"
#include "app_export.h"
#include "app_file.h"
#include "app_head_brush.h"
#include "app_head_handles.h"
#include "app_hints.h"
#include "app_load.h"
#include "app_match.h"
#include "app_mattes.h"
#include "app_path.h"
#include "app_show.h"
#include "app_state.h"
#include "app_status.h"
#include "app_tools.h"
#include "app_ui.h"
#include "draw.h"
#include "font.h"
#include "region_mask.h"
#include "ui.h"
#include "view.h"

enum { APP_DRAW_CAPACITY = 1 << 18 };

struct App {
    AppConfig cfg;
    bool quit;
    double now;

    AppDoc doc;
    AppHistory history;
    AppTools tools;
    AppGesture gesture;
    AppDialogs dlg;
    AppBrowse browse;
    AppStatus status;
    AppStateFolder state;
    AppPanels panels;
    AppExportJob job;
    AppLoadJob load;
    AppMatteJob matte_job;
    AppMatch match;
    AppLocate locate;
    AppHint hint;
    AppSteps steps;

    /* the view */
    ViewState view;
    bool view_ready;
    bool mattes_overlay; /* M: tint what the mattes keep the dots off */
    bool ui_hidden, help_open;
    float help_scroll; /* px the help's rows are scrolled up (clamped when drawn) */
    uint64_t explained; /* the craft's terms already explained on this device (app_hints.c), a bit each */
    int ui_size_pct;    /* the technician's size of buttons and text, 100-200 %; 0: from the display */
    bool split_on, before_held;
    RegionMask region_mask; /* the painted areas' tint, rebuilt when they change */
    bool region_mask_built;
    bool show_client; /* full-screen view for the client, no overlays */
    AppShowLayout show_layout;
    float split_frac;
    float mx, my; /* pointer */

    /* drawing the UI */
    FontAtlas font;
    float font_scale;
    DrawList dl;
    PicAtlas pics; /* the UI's small pictures (thumbnails), drawn through dl */
    AppViews views; /* the plan's other photos, shown read-only (app_views.h) */
    AppCharts charts; /* the other views' dots in view 0's photo (app_charts.h) */
    Ui ui;
    bool ptr_down, ptr_pressed, ptr_released; /* for widgets, gathered between frames */
    AppFrame frame;
    char title[APP_PATH_MAX + 32];
};

#endif
