/* label.h - the visible "SIMULATION" label on exports.
 *
 * Drawn with stb_truetype from DejaVu Sans (Debian's fonts-dejavu-core, embedded
 * at build time), white text on a translucent dark band at the bottom-right, sized
 * from the image so it stays legible on a phone and on a print.
 */
#ifndef SMP_LABEL_H
#define SMP_LABEL_H

#include "image.h"

typedef enum LabelCorner { LABEL_BOTTOM_RIGHT = 0, LABEL_TOP_LEFT, LABEL_TOP_RIGHT } LabelCorner;

/* The longest text a label takes, in bytes of UTF-8. */
#define LABEL_TEXT_MAX 80

/* At the bottom-right (the SIMULATION label). */
bool label_draw(SmpImage *img, const char *text, SmpError *err);
/* At a corner (BEFORE / AFTER go top-left, clear of SIMULATION; the clinic's
 * text top-right, clear of the logo at the bottom-left). */
bool label_draw_at(SmpImage *img, const char *text, LabelCorner corner, SmpError *err);
/* A label's text from outside (the command line, the app): valid UTF-8, no
 * control characters, at most LABEL_TEXT_MAX bytes; false with the reason. */
bool label_text_check(const char *text, SmpError *err);

#endif
