/* app_tools.h - the tools in the photo view and the gesture in progress
 * (app_tools.c). */
#ifndef SMP_APP_TOOLS_H
#define SMP_APP_TOOLS_H

#include "../core/plan.h"
#include "app.h"

typedef enum AppTool {
    TOOL_PAN = 0,
    TOOL_HAIRLINE,
    TOOL_BRUSH,
    TOOL_ERASER,
    TOOL_CALIBRATE,
    TOOL_LANDMARKS,
    TOOL_WHORL,
    TOOL_HEAD_BRUSH, /* corrects the head matte (app_head_brush.c) */
    TOOL_EYEDROPPER, /* a tap samples the stubble for Match (app_match.h) */
    TOOL_COUNT
} AppTool;

/* The chosen tool and its settings. */
typedef struct AppTools {
    AppTool tool;
    int selected_point; /* hairline point, -1 none */
    double brush_mm;
    PlanRegionKind brush_kind;
    bool head_brush_head; /* the Head brush paints "head" (else "not head") */
    bool mark_ear;        /* "Mark an ear": the Marks tool's next tap places an ear */
} AppTools;

/* What is being dragged in the view. */
typedef enum AppDragKind {
    DRAG_NONE = 0,
    DRAG_PAN,
    DRAG_HAIRLINE_POINT,
    DRAG_STROKE,
    DRAG_LANDMARK,
    DRAG_SPLIT,
    DRAG_PINCH,
    DRAG_CALIB, /* a scale point, placed on release */
    DRAG_WHORL,
    DRAG_HEAD_STROKE, /* a Head brush stroke */
    DRAG_HEAD_HANDLE, /* a handle of the fitted head's outline (app_head_handles.c) */
    DRAG_VIEW_HAIRLINE, /* a hairline point on another view's photo (app_views_hairline.c) */
} AppDragKind;

/* The gesture in progress: a drag, a press that may become a tap or a hold,
 * the fingers of a pinch, the scale points clicked so far. */
typedef struct AppGesture {
    AppDragKind drag;
    int drag_index;        /* hairline point or landmark id */
    double last_x, last_y; /* pointer at the previous drag step */
    /* a press on an existing hairline handle: the point stays put until the
     * pointer moves past a few px (a tap selects it); a finger held still
     * there removes it (long press) */
    bool press_still, press_touch;
    float press_x, press_y;
    double press_time;
    bool touch_input;  /* the current press is a finger's */
    bool touch_lifted; /* the last finger lifted: no hover after this frame */
    int stroke_region; /* region being painted, -1 none */
    int stroke_correction; /* head correction being painted, -1 none */
    int calib_clicks;
    PlanPoint calib_a, calib_b;
    PlanHead head_start;       /* a head handle's drag: the head at the press ... */
    double head_px, head_py;   /* ... and the photo point pressed */
    /* fingers: up to two for pinch */
    int finger_id[2];
    bool finger_on[2];
    float finger_x[2], finger_y[2];
    double pinch_dist;
} AppGesture;

void app_tools_init(AppTools *t, AppGesture *g);
void app_tool_set(App *app, AppTool t);
void app_tool_pointer_down(App *app, float x, float y, int button);
void app_tool_pointer_move(App *app, float x, float y);
void app_tool_pointer_up(App *app, float x, float y, int button);
void app_tool_delete_under(App *app, float x, float y);
bool app_tool_delete_selected(App *app); /* the Hairline tab's "Delete point" */
void app_tool_poll(App *app);            /* each frame: the long press */
void app_draw_overlays(App *app);
/* "Scale set: N px/mm", or a warning when the scale is implausible. */
void app_tool_scale_message(const App *app, char *msg, size_t size);

/* A point's handle at screen (sx, sy), as the Line tool draws them. */
void app_draw_handle(App *app, double sx, double sy, bool selected, uint32_t fill);

#endif
