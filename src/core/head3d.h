/* head3d.h - a 3D scalp (ellipsoid) seen through a pinhole camera: projection of
 * surface points to photo pixels and back, normals, visibility and the local Jacobian
 * that tells how a small disc of skin maps to an ellipse in the photo.
 *
 * Design and conventions: docs/head3d.md. In short:
 *  - head frame (millimetres, as tools/gen_sample.c): origin at the ellipsoid centre,
 *    +x subject's left, +y up, +z out of the face;
 *  - camera frame: origin at the pinhole, +x image right, +y image DOWN, +z forward;
 *  - pixel = (cx + f x / z, cy + f y / z); f in pixels.
 * All vector and matrix maths is cglm's struct API. Pure functions, no allocation.
 */
#ifndef SMP_HEAD3D_H
#define SMP_HEAD3D_H

#include <stdbool.h>

#include <cglm/struct.h>

/* Which side of the head the photo shows; the fit starts from this pose. */
typedef enum { HEAD_VIEW_FRONT, HEAD_VIEW_TOP, HEAD_VIEW_LEFT, HEAD_VIEW_RIGHT,
               HEAD_VIEW_BACK, HEAD_VIEW_COUNT } HeadView;

typedef struct Head3D {
    /* Pose: yaw turns the head about its own vertical (+ shows its left side), pitch
     * tips it about its own x axis (+ shows the top), roll turns the picture about the
     * optical axis (+ clockwise on screen). Radians. */
    float yaw, pitch, roll;
    vec3s radii;    /* ellipsoid half-axes along head x, y, z, mm */
    vec3s centre;   /* ellipsoid centre in the camera frame, mm (z > 0) */
    float focal;    /* pinhole focal length, px */
    float cx, cy;   /* principal point, px */
} Head3D;

/* What a small round patch of skin becomes in the photo. */
typedef struct {
    float area;       /* image px^2 per mm^2 of skin: |det J| */
    float major;      /* px per mm along the ellipse's long axis */
    float minor;      /* px per mm along its short axis (the squash) */
    float angle;      /* long axis angle in the image, radians, from +x toward +y (down) */
    float cos_view;   /* cosine between the normal and the line of sight (1 faces us) */
} HeadFootprint;

/* The skull template used when nothing is known: an adult scalp, mm. */
vec3s head3d_template_radii(void);

/* Rotation head frame -> camera frame for the pose. */
mat3s head3d_rotation(const Head3D *h);
/* The pose of a view label (yaw, pitch; roll 0). */
void head3d_view_pose(HeadView v, float *yaw, float *pitch);
const char *head3d_view_name(HeadView v);
/* "front", "top", ... -> view; false for an unknown name. */
bool head3d_view_parse(const char *name, HeadView *out);

/* Surface point for a unit direction u in the head frame (u = unit sphere point). */
vec3s head3d_surface(const Head3D *h, vec3s u);
/* Outward unit normal at that point, camera frame. */
vec3s head3d_normal(const Head3D *h, vec3s u);
/* Camera-frame point -> pixel; false behind the camera. */
bool head3d_project(const Head3D *h, vec3s p, float *px, float *py);
/* True when the surface at u faces the camera (cos_view > 0). */
bool head3d_visible(const Head3D *h, vec3s u);
/* The nearest surface point seen through pixel (px, py): its unit direction u in the
 * head frame. False when the ray misses the head. */
bool head3d_unproject(const Head3D *h, float px, float py, vec3s *u_out);
/* Image displacement (px) of a small camera-frame displacement v (mm) at point p. */
vec2s head3d_project_dir(const Head3D *h, vec3s p, vec3s v);
/* The Jacobian of skin (mm, tangent plane) -> image (px) at u. */
HeadFootprint head3d_footprint(const Head3D *h, vec3s u);
/* Photo px per mm on the skin nearest the camera (on the line of sight through the
 * centre): what a ruler held on the scalp measures, the plan's scale. */
float head3d_surface_ppm(const Head3D *h);
/* Distance (mm) from the centre to the skin along the line of sight through it. */
float head3d_depth_radius(const Head3D *h);
/* The outline's ellipse under weak perspective (scale f / centre.z): its second
 * moment matrix S (px^2; the filled outline is {y : y' S^-1 y <= 1} around the
 * projected centre), as xx, xy, yy. */
void head3d_outline_shape(const Head3D *h, float *sxx, float *sxy, float *syy);

#endif
