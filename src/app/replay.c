/* replay.c - parses one line of a replay script into an event or a driver command. */
#include "replay.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A cursor over the line: words are separated by spaces or tabs. */
typedef struct Cursor {
    const char *p, *end;
} Cursor;

static void skip_space(Cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++;
}

/* Copies the next word into buf (truncated safely); false at end of line. */
static bool next_word(Cursor *c, char *buf, size_t size)
{
    skip_space(c);
    if (c->p >= c->end)
        return false;
    size_t n = 0;
    while (c->p < c->end && *c->p != ' ' && *c->p != '\t') {
        if (n + 1 < size)
            buf[n++] = *c->p;
        c->p++;
    }
    buf[n] = 0;
    return true;
}

static void show_word(const char *w, char problem[REPLAY_PROBLEM_MAX], const char *what)
{
    char shown[48];
    size_t i = 0;
    for (; w[i] && i + 1 < sizeof shown; i++)
        shown[i] = isprint((unsigned char)w[i]) ? w[i] : '?';
    shown[i] = 0;
    snprintf(problem, REPLAY_PROBLEM_MAX, "%s '%s'", what, shown);
}

static bool read_number(Cursor *c, double lo, double hi, double *out, char problem[REPLAY_PROBLEM_MAX])
{
    char w[64];
    if (!next_word(c, w, sizeof w)) {
        snprintf(problem, REPLAY_PROBLEM_MAX, "missing number");
        return false;
    }
    char *end = NULL;
    errno = 0;
    double v = strtod(w, &end);
    if (end == w || *end || errno || !isfinite(v)) {
        show_word(w, problem, "bad number");
        return false;
    }
    if (v < lo || v > hi) {
        show_word(w, problem, "number out of range");
        return false;
    }
    *out = v;
    return true;
}

static bool read_int(Cursor *c, int lo, int hi, int *out, char problem[REPLAY_PROBLEM_MAX])
{
    double v;
    if (!read_number(c, lo, hi, &v, problem))
        return false;
    if (v != floor(v)) {
        snprintf(problem, REPLAY_PROBLEM_MAX, "expected a whole number, got %g", v);
        return false;
    }
    *out = (int)v;
    return true;
}

static bool read_xy(Cursor *c, AppEvent *e, char problem[REPLAY_PROBLEM_MAX])
{
    double x, y;
    if (!read_number(c, -1e6, 1e6, &x, problem) || !read_number(c, -1e6, 1e6, &y, problem))
        return false;
    e->x = (float)x;
    e->y = (float)y;
    return true;
}

static bool read_button(Cursor *c, AppEvent *e, char problem[REPLAY_PROBLEM_MAX])
{
    char w[32];
    e->button = APP_BUTTON_LEFT;
    if (!next_word(c, w, sizeof w))
        return true;
    if (!strcmp(w, "left"))
        e->button = APP_BUTTON_LEFT;
    else if (!strcmp(w, "right"))
        e->button = APP_BUTTON_RIGHT;
    else if (!strcmp(w, "middle"))
        e->button = APP_BUTTON_MIDDLE;
    else {
        show_word(w, problem, "unknown button");
        return false;
    }
    return true;
}

static bool at_end(Cursor *c, char problem[REPLAY_PROBLEM_MAX])
{
    skip_space(c);
    if (c->p < c->end) {
        char w[64];
        next_word(c, w, sizeof w);
        show_word(w, problem, "unexpected");
        return false;
    }
    return true;
}

/* The rest of the line, trimmed, into dst. */
static bool rest_of_line(Cursor *c, char *dst, size_t size, bool trim, char problem[REPLAY_PROBLEM_MAX])
{
    if (trim)
        skip_space(c);
    else if (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
        c->p++; /* the one separator after the command */
    const char *e = c->end;
    if (trim)
        while (e > c->p && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
    size_t n = (size_t)(e - c->p);
    if (n + 1 > size) {
        snprintf(problem, REPLAY_PROBLEM_MAX, "text longer than %zu bytes", size - 1);
        return false;
    }
    if (memchr(c->p, 0, n)) {
        snprintf(problem, REPLAY_PROBLEM_MAX, "NUL byte in text");
        return false;
    }
    memcpy(dst, c->p, n);
    dst[n] = 0;
    c->p = c->end;
    return true;
}

/* mouse_down/up X Y [BUTTON], mouse_move X Y, wheel DY [X Y], finger_down/move/up ID X Y. */
static bool parse_pointer(Cursor *c, const char *cmd, AppEvent *e, char *problem)
{
    if (!strcmp(cmd, "mouse_down") || !strcmp(cmd, "mouse_up")) {
        e->kind = cmd[6] == 'd' ? APP_EV_MOUSE_DOWN : APP_EV_MOUSE_UP;
        return read_xy(c, e, problem) && read_button(c, e, problem);
    }
    if (!strcmp(cmd, "mouse_move")) {
        e->kind = APP_EV_MOUSE_MOVE;
        return read_xy(c, e, problem);
    }
    if (!strcmp(cmd, "wheel")) {
        double dy;
        e->kind = APP_EV_WHEEL;
        if (!read_number(c, -1000, 1000, &dy, problem))
            return false;
        e->dy = (float)dy;
        e->x = e->y = -1; /* at the pointer */
        skip_space(c);
        return c->p >= c->end || read_xy(c, e, problem);
    }
    if (!strcmp(cmd + 7, "down"))
        e->kind = APP_EV_FINGER_DOWN;
    else if (!strcmp(cmd + 7, "move"))
        e->kind = APP_EV_FINGER_MOVE;
    else if (!strcmp(cmd + 7, "up"))
        e->kind = APP_EV_FINGER_UP;
    else {
        show_word(cmd, problem, "unknown command");
        return false;
    }
    return read_int(c, 0, 1000000, &e->finger, problem) && read_xy(c, e, problem);
}

/* key / key_down / key_up COMBO */
static bool parse_key(Cursor *c, const char *cmd, ReplayCmd *out, char *problem)
{
    AppEvent *e = &out->event;
    char w[64];
    if (!next_word(c, w, sizeof w)) {
        snprintf(problem, REPLAY_PROBLEM_MAX, "missing key");
        return false;
    }
    if (!app_key_parse(w, &e->key, &e->mods)) {
        show_word(w, problem, "unknown key");
        return false;
    }
    e->kind = !strcmp(cmd, "key_up") ? APP_EV_KEY_UP : APP_EV_KEY_DOWN;
    if (!strcmp(cmd, "key"))
        out->kind = REPLAY_KEY;
    return true;
}

/* drop / screenshot / dump / layout PATH: the rest of the line. */
static bool parse_path_command(Cursor *c, const char *cmd, ReplayCmd *out, char *problem)
{
    AppEvent *e = &out->event;
    e->kind = APP_EV_DROP;
    out->kind = cmd[0] == 'd' && cmd[1] == 'r' ? REPLAY_EVENT
                : cmd[0] == 's'                ? REPLAY_SCREENSHOT
                : cmd[0] == 'l'                ? REPLAY_LAYOUT
                                               : REPLAY_DUMP;
    if (!rest_of_line(c, e->text, sizeof e->text, true, problem))
        return false;
    if (!e->text[0]) {
        snprintf(problem, REPLAY_PROBLEM_MAX, "missing path");
        return false;
    }
    if (out->kind != REPLAY_EVENT)
        e->kind = APP_EV_NONE;
    return true;
}

bool replay_parse_line(const char *line, size_t len, ReplayCmd *out, char problem[REPLAY_PROBLEM_MAX])
{
    memset(out, 0, sizeof *out);
    problem[0] = 0;
    while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n'))
        len--;
    Cursor c = {line, line + len};
    skip_space(&c);
    if (c.p >= c.end || *c.p == '#')
        return true; /* REPLAY_NOP */
    char cmd[32];
    next_word(&c, cmd, sizeof cmd);
    out->kind = REPLAY_EVENT;
    bool ok = true;
    if (!strncmp(cmd, "mouse_", 6) || !strcmp(cmd, "wheel") || !strncmp(cmd, "finger_", 7)) {
        bool mouse = !strcmp(cmd, "mouse_down") || !strcmp(cmd, "mouse_up") || !strcmp(cmd, "mouse_move");
        if (!mouse && cmd[0] == 'm') {
            show_word(cmd, problem, "unknown command");
            return false;
        }
        ok = parse_pointer(&c, cmd, &out->event, problem);
    } else if (!strcmp(cmd, "key") || !strcmp(cmd, "key_down") || !strcmp(cmd, "key_up")) {
        ok = parse_key(&c, cmd, out, problem);
    } else if (!strcmp(cmd, "text")) {
        out->event.kind = APP_EV_TEXT;
        return rest_of_line(&c, out->event.text, sizeof out->event.text, false, problem);
    } else if (!strcmp(cmd, "drop") || !strcmp(cmd, "screenshot") || !strcmp(cmd, "dump") || !strcmp(cmd, "layout")) {
        return parse_path_command(&c, cmd, out, problem);
    } else if (!strcmp(cmd, "size")) {
        out->kind = REPLAY_SIZE;
        ok = read_int(&c, 64, 16384, &out->w, problem) && read_int(&c, 64, 16384, &out->h, problem);
    } else if (!strcmp(cmd, "wait")) {
        out->kind = REPLAY_WAIT;
        ok = read_int(&c, 0, 100000, &out->n, problem);
    } else if (!strcmp(cmd, "quit")) {
        out->kind = REPLAY_QUIT;
    } else {
        show_word(cmd, problem, "unknown command");
        return false;
    }
    return ok && at_end(&c, problem);
}
