/* label.h - the visible "SIMULATION" label on exports.
 *
 * Drawn with stb_truetype from DejaVu Sans (Debian's fonts-dejavu-core, embedded
 * at build time), white text on a translucent dark band at the bottom-right, sized
 * from the image so it stays legible on a phone and on a print.
 */
#ifndef SMP_LABEL_H
#define SMP_LABEL_H

#include "image.h"

bool label_draw(SmpImage *img, const char *text, SmpError *err);

#endif
