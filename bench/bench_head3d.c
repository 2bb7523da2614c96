/* bench_head3d.c - `make bench` figures for issue 11: fitting the 3D head to a head
 * outline (a 1200 x 1600 matte, the sample photos' size), a top view from its outline
 * alone, a front view with its landmarks marked (the brow cut's extra passes) and the
 * app's guess (every label tried, on its mattes thread), median of 9 runs each. */
#include <stdio.h>
#include <stdlib.h>

#include "bench_time.h"
#include "core/head3d_fit.h"

enum { W = 1200, H = 1600, RUNS = 9 };

static unsigned char *render_mask(const Head3D *t)
{
    unsigned char *mask = calloc((size_t)W * H, 1);
    for (int y = 0; mask && y < H; y++)
        for (int x = 0; x < W; x++) {
            vec3s u;
            mask[(size_t)y * W + x] = head3d_unproject(t, (float)x + 0.5f, (float)y + 0.5f, &u) ? 255 : 0;
        }
    return mask;
}

/* The template's glabella and eye corners as this camera sees them. */
static PlanLandmarks marks_of(const Head3D *t)
{
    vec3s g, e;
    head3d_template_landmarks(&g, &e);
    vec3s pts[3] = { g, {{ -e.x, e.y, e.z }}, e };
    PlanPoint at[3];
    for (int i = 0; i < 3; i++) {
        float px, py;
        head3d_project(t, glms_vec3_add(t->centre, glms_mat3_mulv(head3d_rotation(t), pts[i])), &px, &py);
        at[i] = (PlanPoint){ px, py };
    }
    PlanLandmarks lm = { 0 };
    lm.has_glabella = lm.has_eye_left = lm.has_eye_right = true;
    lm.glabella = at[0], lm.eye_left = at[1], lm.eye_right = at[2];
    return lm;
}

/* view < 0: the guess over every label (head3d_fit_photo). */
static int time_fit(const char *what, int view, bool marked)
{
    Head3D t = { 0 };
    head3d_view_pose(view < 0 ? HEAD_VIEW_TOP : (HeadView)view, &t.yaw, &t.pitch);
    t.roll = 0.1f;
    t.radii = head3d_template_radii();
    t.centre = (vec3s){{ 0, 0, 500 }};
    t.focal = 1.2f * H, t.cx = 0.5f * W, t.cy = 0.5f * H;
    unsigned char *mask = render_mask(&t);
    if (!mask) return 1;
    PlanLandmarks lm = marks_of(&t);
    HeadFitOptions opt = { view < 0 ? HEAD_VIEW_TOP : (HeadView)view, head3d_surface_ppm(&t), t.focal,
                           marked ? &lm : NULL };
    SmpMatte matte = { W, H, mask, false };
    double ms[RUNS];
    HeadFit f = { 0 };
    PlanHead ph;
    for (int i = 0; i < RUNS; i++) {
        double s = now_s();
        bool ok = view < 0 ? head3d_fit_photo(&matte, W, H, opt.landmarks, opt.ppm, -1, &f, &ph, NULL)
                           : head3d_fit_mask(mask, W, H, W, &opt, &f, NULL);
        if (!ok) return 1;
        ms[i] = (now_s() - s) * 1e3;
    }
    double med = median(ms, RUNS);
    printf("head fit (1200x1600 matte, %s): %.1f ms (median of %d)   target <= 200 ms: %s\n",
           what, med, RUNS, med <= 200.0 ? "met" : "NOT met");
    free(mask);
    return 0;
}

int main(void)
{
    return time_fit("top view", HEAD_VIEW_TOP, false) || time_fit("front view, landmarks", HEAD_VIEW_FRONT, true) ||
           time_fit("top view, label guessed", -1, false);
}
