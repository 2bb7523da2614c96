/* head_fixture.h - known heads for the fit's tests: a template head of a given pose
 * and size 600 mm from a phone-like camera, and the outline mask it makes on a
 * HEAD_W x HEAD_H photo (what a perfect head matte would be). */
#ifndef SMP_HEAD_FIXTURE_H
#define SMP_HEAD_FIXTURE_H

#include <stdlib.h>

#include "core/head3d.h"

enum { HEAD_W = 600, HEAD_H = 800 };

/* The view's pose, turned by `turn` and rolled by `roll` (radians), template x size. */
static inline Head3D head_fixture(HeadView v, float size, float turn, float roll)
{
    Head3D h = { 0 };
    head3d_view_pose(v, &h.yaw, &h.pitch);
    h.yaw += turn;
    h.roll = roll;
    h.radii = glms_vec3_scale(head3d_template_radii(), size);
    h.centre = (vec3s){{ 15, -25, 600 }};
    h.focal = 1.2f * HEAD_H;
    h.cx = 0.5f * HEAD_W, h.cy = 0.5f * HEAD_H;
    return h;
}

/* 255 where a pixel's ray meets the head, 0 elsewhere; malloc'ed (NULL: no memory). */
static inline unsigned char *head_fixture_mask(const Head3D *h)
{
    unsigned char *m = calloc((size_t)HEAD_W * HEAD_H, 1);
    for (int y = 0; m && y < HEAD_H; y++)
        for (int x = 0; x < HEAD_W; x++) {
            vec3s u;
            if (head3d_unproject(h, (float)x + 0.5f, (float)y + 0.5f, &u)) m[(size_t)y * HEAD_W + x] = 255;
        }
    return m;
}

#endif
