/* ui.h - a small immediate-mode widget set (buttons, sliders, text fields)
 * that emits into a DrawList.
 *
 * Each frame: ui_begin with the pointer state gathered from events since the
 * last frame, then widget calls (each identified by a non-zero id, stable
 * across frames, derived with ui_id from a name and its parent's id), then
 * ui_end. A widget pressed keeps the pointer until release
 * (ui->active), so a slider follows a finger that leaves its track. Sizes are
 * in drawable px; callers multiply by ui->scale (HiDPI) and keep targets at
 * least UI_TARGET px tall for fingers. No allocation.
 */
#ifndef SMP_UI_H
#define SMP_UI_H

#include "draw.h"

#include <stdbool.h>
#include <stdint.h>

#define UI_TARGET 48.0f /* minimum touch target, px at scale 1 */

enum { UI_MAX_WIDGETS = 256 }; /* ids remembered per frame, to catch two widgets sharing one */

typedef struct UiTheme {
    uint32_t panel, panel_edge, button, button_hot, button_on, text, text_dim, accent, track;
} UiTheme;

typedef struct UiRect {
    float x, y, w, h;
} UiRect;

/* A control's one-line explanation (its tooltip), looked up by its label; NULL
 * when it has none. */
typedef const char *(*UiHintFn)(const char *label);

typedef enum UiKind { UI_KIND_BUTTON, UI_KIND_SLIDER } UiKind;

typedef struct Ui {
    DrawList *dl;
    float scale;
    UiTheme theme;
    /* pointer state for this frame */
    float mx, my;
    bool down, pressed, released;
    /* interaction */
    uint32_t hot, active;
    bool blocked; /* a modal dialog is open: widgets outside it ignore input */
    bool clip_on; /* scrolled content: only the part inside clip takes input */
    UiRect clip;
    /* hints: set once by the app; each frame the widget under the pointer and
     * the count of labelled widgets without a hint (the first one's label kept) */
    UiHintFn hint_of;
    uint32_t hover_id;
    UiKind hover_kind;
    UiRect hover_rect;
    const char *hover_hint;
    int unhinted;
    char first_unhinted[64];
    char pressed_label[64]; /* the labelled widget pressed this frame, "" none */
    /* this frame's widgets, in order (up to UI_MAX_WIDGETS): ids, where they
     * are, whether they can be used (not under a dialog, not scrolled off), their labels
     * (cut to fit), for the uniqueness check and the layout tests */
    uint32_t ids[UI_MAX_WIDGETS];
    UiRect rects[UI_MAX_WIDGETS];
    bool shown[UI_MAX_WIDGETS];
    char labels[UI_MAX_WIDGETS][40];
    int id_count;
} Ui;

typedef struct UiEdit {
    bool changed, began, ended;
} UiEdit;

/* A widget's id, hashed from a name (its label, or a fixed word when the label
 * changes with its state) and its parent's id (a panel's or a dialog's, from
 * ui_id(0, "its name")), as microui derives ids: the same every frame, unique
 * among a parent's children by their names, never 0. */
uint32_t ui_id(uint32_t parent, const char *name);

void ui_begin(Ui *ui, DrawList *dl, float scale);
/* Ends the frame; with SMP_ASSERTS (make asan) two widgets that shared an id
 * in it are an internal error. */
void ui_end(Ui *ui);
/* True when no two widgets of the frame so far had the same id. */
bool ui_ids_unique(const Ui *ui);

bool ui_inside(UiRect r, float x, float y);
/* Returns true on release over the button that was pressed. */
bool ui_button(Ui *ui, uint32_t id, UiRect r, const char *label, bool selected);
/* A labelled slider: "Density   90 dots/cm²" above a track. value is clamped to
 * [lo, hi] and rounded to `decimals`. */
UiEdit ui_slider(Ui *ui, uint32_t id, UiRect r, const char *label, const char *unit, double *value, double lo,
                 double hi, int decimals);
void ui_text(Ui *ui, float x, float y, int size, const char *text, uint32_t rgba);
void ui_text_centered(Ui *ui, UiRect r, int size, const char *text, uint32_t rgba);
void ui_panel(Ui *ui, UiRect r);

#endif
