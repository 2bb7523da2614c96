/* head3d_edit.h - the technician's corrections of a fitted head (docs/head3d.md,
 * "Correcting the fit"): the head's outline as the photo shows it, the handles
 * around it, and the head a handle's drag makes.
 *
 * The outline is the ellipse of head3d_outline_shape (weak perspective) around
 * the projected centre. Its four axis ends move and scale it (the opposite end
 * stays: the size follows, the distance and the pose are kept), its centre moves
 * it, the tilt handle (upper right) changes the pitch, the turn handle (lower
 * right) the yaw and the roll handle (upper left) the roll, so that the skin nearest the camera follows the pointer. Everything else
 * of the head (camera, label, the other angles) is kept bit for bit. Pure, no
 * allocation; photo pixels throughout.
 */
#ifndef SMP_HEAD3D_EDIT_H
#define SMP_HEAD3D_EDIT_H

#include <stdbool.h>

#include "plan.h"

typedef enum HeadHandle {
    HEAD_HANDLE_EDGE_0 = 0, /* the outline's axis ends: +major, +minor, -major, -minor */
    HEAD_HANDLE_EDGE_1,
    HEAD_HANDLE_EDGE_2,
    HEAD_HANDLE_EDGE_3,
    HEAD_HANDLE_MOVE,       /* the centre: moves the whole outline */
    HEAD_HANDLE_TILT,       /* outside the outline, upper right: pitch (drag up or down) */
    HEAD_HANDLE_TURN,       /* outside the outline, lower right: yaw (drag sideways) */
    HEAD_HANDLE_ROLL,       /* outside the outline, upper left: roll (drag around the centre) */
    HEAD_HANDLE_COUNT
} HeadHandle;

typedef struct HeadOutline {
    double cx, cy;          /* the projected centre, px */
    double axis[2][2];      /* unit directions of the semi-axes, major first */
    double semi[2];         /* semi-axis lengths, px */
    double up[2], right[2]; /* the head's up and right in the image (its roll), unit */
} HeadOutline;

/* The outline of a plan's head on a photo of w x h px; false without a usable head. */
bool head3d_outline_of(const PlanHead *ph, int w, int h, HeadOutline *o);
/* The outline's point at angle t (radians) from the major axis end. */
void head3d_outline_point(const HeadOutline *o, double t, double *x, double *y);
/* Where handle k sits; the tilt and turn handles stand `margin` px outside. */
void head3d_handle_at(const HeadOutline *o, HeadHandle k, double margin, double *x, double *y);
/* The head after handle k was dragged from photo point (x0, y0), where it was
 * pressed, to (x1, y1), `in` being the head at the press (the roll: the angle swept
 * about the centre). False when the result is outside the plan's bounds
 * (plan_head_in_bounds) or puts the lens inside the head: the caller keeps the last
 * good head. The size is held to 0.5-2 (the outline stops growing or shrinking there). */
bool head3d_handle_drag(const PlanHead *in, int w, int h, HeadHandle k, double x0, double y0, double x1, double y1,
                        PlanHead *out);

#endif
