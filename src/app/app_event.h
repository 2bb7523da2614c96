/* app_event.h - input as plain data: what the platform layer (SDL, or a replay
 * script, or a test) tells the editor.
 *
 * Coordinates are drawable pixels of the window (the platform scales window
 * points by the HiDPI ratio). Keys are layout-independent names: printable keys
 * are their lowercase ASCII character, the others APP_KEY_* codes. Nothing here
 * allocates; app_key_parse/app_key_name are pure functions (fuzzed with the
 * replay parser).
 */
#ifndef SMP_APP_EVENT_H
#define SMP_APP_EVENT_H

#include <stdbool.h>

enum {
    APP_KEY_NONE = 0,
    APP_KEY_BACKSPACE = 8,
    APP_KEY_TAB = 9,
    APP_KEY_RETURN = 13,
    APP_KEY_ESCAPE = 27,
    APP_KEY_SPACE = ' ',
    APP_KEY_DELETE = 127,
    APP_KEY_F1 = 256, /* F1..F12 are consecutive */
    APP_KEY_F12 = APP_KEY_F1 + 11,
    APP_KEY_LEFT,
    APP_KEY_RIGHT,
    APP_KEY_UP,
    APP_KEY_DOWN,
    APP_KEY_HOME,
    APP_KEY_END,
    APP_KEY_PAGEUP,
    APP_KEY_PAGEDOWN,
    APP_KEY_KP_PLUS,
    APP_KEY_KP_MINUS,
    APP_KEY_COUNT_
};

enum { APP_MOD_CTRL = 1, APP_MOD_SHIFT = 2, APP_MOD_ALT = 4 };

typedef enum AppButton { APP_BUTTON_LEFT = 0, APP_BUTTON_RIGHT, APP_BUTTON_MIDDLE } AppButton;

typedef enum AppEventKind {
    APP_EV_NONE = 0,
    APP_EV_MOUSE_DOWN,
    APP_EV_MOUSE_UP,
    APP_EV_MOUSE_MOVE,
    APP_EV_WHEEL,      /* dy notches, + = away from the user = zoom in; at x, y */
    APP_EV_FINGER_DOWN,
    APP_EV_FINGER_MOVE,
    APP_EV_FINGER_UP,
    APP_EV_KEY_DOWN,
    APP_EV_KEY_UP,
    APP_EV_TEXT,       /* UTF-8 in text */
    APP_EV_DROP,       /* path in text */
    APP_EV_RESIZE,     /* new drawable size in x, y */
    APP_EV_QUIT,       /* the user closed the window: may ask to save */
} AppEventKind;

enum { APP_EVENT_TEXT_MAX = 1024 };

typedef struct AppEvent {
    AppEventKind kind;
    float x, y;    /* pointer position, or resize size */
    float dy;      /* wheel notches (fractional for trackpads) */
    int button;    /* AppButton */
    int finger;    /* finger id */
    int key, mods; /* APP_KEY_* / ASCII and APP_MOD_* */
    char text[APP_EVENT_TEXT_MAX];
} AppEvent;

/* Parses "ctrl+shift+z", "f1", "space", "delete", "?" (case-insensitive).
 * Returns false for an unknown name. */
bool app_key_parse(const char *combo, int *key, int *mods);

/* The name app_key_parse accepts for key, e.g. "f1", "a"; "" when unknown. */
const char *app_key_name(int key, char buf[8]);

#endif
