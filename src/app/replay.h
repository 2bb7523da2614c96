/* replay.h - the scripted-input language of `smpview --replay SCRIPT`.
 *
 * One command per line (see docs/app.md): input events that become AppEvents,
 * plus driver commands (size, wait, screenshot, dump, quit). replay_parse_line
 * is a pure function over one line of text: it never allocates, never reads
 * files and accepts any bytes (it is a fuzz target). A line that is empty or
 * starts with '#' parses as REPLAY_NOP. Errors fill `problem` with a short
 * phrase ("unknown command 'foo'", "bad number 'x'") for the caller to prefix
 * with SCRIPT:LINE.
 */
#ifndef SMP_REPLAY_H
#define SMP_REPLAY_H

#include "app_event.h"
#include "../core/error.h"

#include <stddef.h>
#include <stdio.h>

typedef enum ReplayKind {
    REPLAY_NOP = 0, /* blank or comment: no frame */
    REPLAY_EVENT,   /* `event` holds the input */
    REPLAY_KEY,     /* key press and release: two events, one frame */
    REPLAY_SIZE,    /* resize the window to w x h */
    REPLAY_WAIT,    /* n more frames */
    REPLAY_SCREENSHOT,
    REPLAY_DUMP,
    REPLAY_LAYOUT, /* the last frame's widgets and view, to event.text (app_dump_layout) */
    REPLAY_QUIT,
} ReplayKind;

enum { REPLAY_PROBLEM_MAX = 160, REPLAY_LINE_MAX = 4096 };

typedef struct ReplayCmd {
    ReplayKind kind;
    AppEvent event; /* REPLAY_EVENT, REPLAY_KEY (key down), or path in event.text */
    int w, h, n;
} ReplayCmd;

/* Parses `len` bytes of one line (no newline needed; a trailing \r is ignored). */
bool replay_parse_line(const char *line, size_t len, ReplayCmd *out, char problem[REPLAY_PROBLEM_MAX]);

/* A script read as a stream: replay_script_open checks every line first (so a
 * bad script fails before anything happens) and then reads the file again
 * one line at a time while the replay runs; memory stays one line whatever
 * the length. Scripts over REPLAY_SCRIPT_MAX_BYTES, lines over
 * REPLAY_LINE_MAX bytes and files that are not regular are refused with a
 * one-line message "SCRIPT: problem" or "SCRIPT:LINE: problem". */
#define REPLAY_SCRIPT_MAX_BYTES ((long long)64 << 20)

typedef struct ReplayScript {
    FILE *f;
    char path[1024];
    int line; /* of the command last returned */
    char buf[REPLAY_LINE_MAX + 1];
} ReplayScript;

bool replay_script_open(ReplayScript *s, const char *path, SmpError *err);
/* The next command (blank lines and comments are skipped): 1, or 0 at the
 * end, or -1 with err filled (a file changed since it was checked). */
int replay_script_next(ReplayScript *s, ReplayCmd *out, SmpError *err);
void replay_script_close(ReplayScript *s);

#endif
