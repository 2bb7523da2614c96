/* input_web.c - DOM events (mouse, wheel, touch, keys) to AppEvents, in the
 * canvas's device pixels, as platform.c does for SDL's. */
#include "web.h"

#include <ctype.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <stdio.h>
#include <string.h>

#define CANVAS "#canvas"

void web_js_touch_init(void); /* library_web.js: touches to web_touch */

static App *the_app;

static EM_BOOL on_mouse(int type, const EmscriptenMouseEvent *m, void *user)
{
    (void)user;
    int w, h;
    float r;
    web_canvas_size(&w, &h, &r);
    AppEvent e = {0};
    e.kind = type == EMSCRIPTEN_EVENT_MOUSEDOWN ? APP_EV_MOUSE_DOWN
             : type == EMSCRIPTEN_EVENT_MOUSEUP ? APP_EV_MOUSE_UP : APP_EV_MOUSE_MOVE;
    e.x = (float)m->clientX * r, e.y = (float)m->clientY * r; /* the canvas fills the page from 0, 0 */
    e.button = m->button == 2 ? APP_BUTTON_RIGHT : m->button == 1 ? APP_BUTTON_MIDDLE : APP_BUTTON_LEFT;
    app_event(the_app, &e);
    return EM_TRUE;
}

static EM_BOOL on_wheel(int type, const EmscriptenWheelEvent *wh, void *user)
{
    (void)type, (void)user;
    AppEvent e = {0};
    e.kind = APP_EV_WHEEL;
    /* DOM: + = towards the user, in pixels (mode 0) or lines (1); one notch ~ 100 px / 3 lines */
    double notches = wh->deltaMode == DOM_DELTA_PIXEL ? wh->deltaY / 100.0 : wh->deltaY / 3.0;
    e.dy = (float)-notches;
    e.x = e.y = -1;
    app_event(the_app, &e);
    return EM_TRUE;
}

/* A finger from library_web.js, in CSS pixels from the canvas's corner; the
 * DOM's touches are fractional (html5.h's touch points round them to whole
 * CSS pixels, half a device pixel off on a tablet). kind: 0 down, 1 move,
 * 2 up or cancelled. */
EMSCRIPTEN_KEEPALIVE void web_touch(int kind, int id, double x, double y)
{
    int w, h;
    float r;
    web_canvas_size(&w, &h, &r);
    AppEvent e = {0};
    e.kind = kind == 0 ? APP_EV_FINGER_DOWN : kind == 1 ? APP_EV_FINGER_MOVE : APP_EV_FINGER_UP;
    e.finger = id & 0x7fffffff;
    e.x = (float)(x * r), e.y = (float)(y * r);
    app_event(the_app, &e);
}

/* DOM KeyboardEvent.key / .code names to APP_KEY_*; printable keys are their
 * lowercase character. */
static int map_key(const EmscriptenKeyboardEvent *k)
{
    static const struct {
        const char *name;
        int key;
    } named[] = {
        {"ArrowLeft", APP_KEY_LEFT}, {"ArrowRight", APP_KEY_RIGHT}, {"ArrowUp", APP_KEY_UP},
        {"ArrowDown", APP_KEY_DOWN}, {"Home", APP_KEY_HOME}, {"End", APP_KEY_END},
        {"PageUp", APP_KEY_PAGEUP}, {"PageDown", APP_KEY_PAGEDOWN}, {"Backspace", APP_KEY_BACKSPACE},
        {"Tab", APP_KEY_TAB}, {"Enter", APP_KEY_RETURN}, {"Escape", APP_KEY_ESCAPE},
        {"Delete", APP_KEY_DELETE},
    };
    if (!strcmp(k->code, "NumpadAdd"))
        return APP_KEY_KP_PLUS;
    if (!strcmp(k->code, "NumpadSubtract"))
        return APP_KEY_KP_MINUS;
    if (k->key[0] == 'F' && k->key[1] >= '1' && k->key[1] <= '9') {
        int n = 0;
        if (sscanf(k->key + 1, "%d", &n) == 1 && n >= 1 && n <= 12)
            return APP_KEY_F1 + n - 1;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (!strcmp(k->key, named[i].name))
            return named[i].key;
    unsigned char c = (unsigned char)k->key[0];
    if (c && !k->key[1] && c < 128)
        return tolower(c);
    return APP_KEY_NONE;
}

static EM_BOOL on_key(int type, const EmscriptenKeyboardEvent *k, void *user)
{
    (void)user;
    AppEvent e = {0};
    e.key = map_key(k);
    if (e.key == APP_KEY_NONE || (k->repeat && e.key == APP_KEY_SPACE))
        return EM_FALSE;
    e.kind = type == EMSCRIPTEN_EVENT_KEYDOWN ? APP_EV_KEY_DOWN : APP_EV_KEY_UP;
    e.mods = ((k->ctrlKey || k->metaKey) ? APP_MOD_CTRL : 0) | (k->shiftKey ? APP_MOD_SHIFT : 0) |
             (k->altKey ? APP_MOD_ALT : 0);
    app_event(the_app, &e);
    /* typed text, as SDL's TEXTINPUT follows a key */
    if (type == EMSCRIPTEN_EVENT_KEYDOWN && !(e.mods & (APP_MOD_CTRL | APP_MOD_ALT)) &&
        (unsigned char)k->key[0] >= 0x20 && strlen(k->key) <= 4 && (k->key[1] == 0 || (k->key[0] & 0x80))) {
        AppEvent t = {0};
        t.kind = APP_EV_TEXT;
        snprintf(t.text, sizeof t.text, "%s", k->key);
        app_event(the_app, &t);
    }
    return EM_TRUE; /* the app has the keys (F1, Tab, ctrl+s) */
}

void web_input_init(App *app)
{
    the_app = app;
    emscripten_set_mousedown_callback(CANVAS, NULL, EM_TRUE, on_mouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, NULL, EM_TRUE, on_mouse);
    emscripten_set_mousemove_callback(CANVAS, NULL, EM_TRUE, on_mouse);
    emscripten_set_wheel_callback(CANVAS, NULL, EM_TRUE, on_wheel);
    web_js_touch_init();
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, NULL, EM_TRUE, on_key);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, NULL, EM_TRUE, on_key);
}
