/* text_escape.h - making untrusted text safe to print in a message.
 *
 * File names and plan fields are user data: a name holding "\033[2J" or a
 * newline would clear the terminal or forge a second message line. Every
 * message that shows such text goes through smp_escape_controls first.
 */
#ifndef SMP_TEXT_ESCAPE_H
#define SMP_TEXT_ESCAPE_H

#include <stddef.h>

/* Copies `in` to `out` with C0 controls, DEL and the UTF-8 encoded C1 controls
 * (U+0080..U+009F) written as \xNN per byte; other bytes pass unchanged.
 * Always NUL-terminates (when size > 0); never splits an escape. Returns out. */
char *smp_escape_controls(const char *in, char *out, size_t size);

#endif
