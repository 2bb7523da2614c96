/* app_hints.h - a one-line explanation for every control (app_hints.c): shown
 * when the mouse rests on it, or while a finger is held on it (a held button
 * then does not fire: lift the finger to dismiss). */
#ifndef SMP_APP_HINTS_H
#define SMP_APP_HINTS_H

#include "app.h"

#include <stdbool.h>
#include <stdint.h>

#define APP_HINT_HOVER_S 0.8 /* the mouse rests this long */
#define APP_HINT_HOLD_S 0.5  /* a finger is held this long */

typedef struct AppHint {
    uint32_t id;      /* the widget the pointer is on, 0 none */
    double since;     /* since when */
    char logged[200]; /* the last hint written to the status log */
} AppHint;

/* The hint of a control's label (UiHintFn): the table entry the label starts
 * with (labels that change with their state share an entry), or NULL. */
const char *app_hint_of(const char *label);

/* After the widgets of a frame: times the pointer's rest and draws the hint
 * on top of everything; the first time a control with a technical term is
 * pressed, the status explains the term in one line (once per device: the
 * terms explained are kept in the state folder). */
void app_hint_frame(App *app);

#endif
