/* hairline_edit.h - hairline edits the editor checks or applies. */
#ifndef SMP_HAIRLINE_EDIT_H
#define SMP_HAIRLINE_EDIT_H

#include "plan.h"

/* Symmetric editing: keeps the hairline's points on one side of the midline
 * (the photo's left or right), ending on the midline where the line crossed
 * it, and turns mirroring on, so the other half becomes the kept half's
 * mirror image. False (plan unchanged) when that side has under two points. */
bool hairline_keep_half(SmpPlan *plan, bool keep_left);

/* True when the effective control polygon (mirrored points included) crosses
 * itself: the treated side would be ambiguous. */
bool hairline_crosses_itself(const SmpPlan *plan);

#endif
