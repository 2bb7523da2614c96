/* anonymise.h - hiding who the client is in marketing exports.
 *
 * eyes: the band across both eyes (from the plan's outer eye corners) is
 * pixelated into blocks a fifth of the eyes' distance wide, coarse enough that
 * no one recognises the client. crop: everything below the brow line (the
 * glabella, or else a quarter of the eyes' distance above the eye corners) is
 * cut away, keeping the scalp. Both need the landmarks; without them the
 * export is refused rather than sent out with the face.
 */
#ifndef SMP_ANONYMISE_H
#define SMP_ANONYMISE_H

#include "image.h"
#include "plan.h"

typedef enum Anonymise { ANONYMISE_NONE = 0, ANONYMISE_EYES, ANONYMISE_CROP } Anonymise;

/* "eyes" or "crop"; false with a message naming the value otherwise. */
bool anonymise_parse(const char *name, Anonymise *out, SmpError *err);

/* The rectangle to hide or the rows to keep for the plan's landmarks on a
 * w x h photo: box = x0, y0, x1, y1 (exclusive ends, clipped). False with a
 * message saying which marks are missing. */
bool anonymise_region(const PlanLandmarks *marks, Anonymise how, int w, int h, int box[4], SmpError *err);

/* Applies it to img (photo coordinates): pixelates the eye band, or replaces
 * img with its rows above the brow line. */
bool anonymise_apply(SmpImage *img, Anonymise how, const int box[4], SmpError *err);

#endif
