/* utf8.h - decoding UTF-8 text one code point at a time (the app's fonts and
 * the labels burnt into exports). */
#ifndef SMP_UTF8_H
#define SMP_UTF8_H

#include <stdint.h>

/* The code point at *s, advancing *s past it. A broken, overlong or surrogate
 * sequence reads as U+FFFD (advancing past its valid prefix, at least a byte). */
uint32_t utf8_next(const char **s);

#endif
