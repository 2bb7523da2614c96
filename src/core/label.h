/* label.h - the visible "SIMULATION" label on exports.
 *
 * Drawn with stb_truetype from DejaVu Sans (Debian's fonts-dejavu-core, embedded
 * at build time), white text on a translucent dark band at the bottom-right, sized
 * from the image so it stays legible on a phone and on a print.
 */
#ifndef SMP_LABEL_H
#define SMP_LABEL_H

#include "image.h"

typedef enum LabelCorner { LABEL_BOTTOM_RIGHT = 0, LABEL_TOP_LEFT } LabelCorner;

/* At the bottom-right (the SIMULATION label). */
bool label_draw(SmpImage *img, const char *text, SmpError *err);
/* At a corner (BEFORE / AFTER go top-left, clear of SIMULATION). */
bool label_draw_at(SmpImage *img, const char *text, LabelCorner corner, SmpError *err);

#endif
