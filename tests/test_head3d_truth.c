/* test_head3d_truth.c - the head fit against the sample generator's truth: the skull
 * alone seen from the front, top, both sides and the back (gen_sample --truth writes
 * view_*_mask.png and view_*.json into $SMP_BUILD/truth). Pose within 5 degrees, size
 * within 5%, centre within 8 mm; a wrong label is caught or fits worse. */
#include <stdlib.h>
#include <string.h>

#include "core/head3d_fit.h"
#include "io/photo.h"
#include "test.h"

typedef struct {
    int w, h;
    unsigned char *mask;
    float ppm;
    mat3s rot;   /* head frame -> camera frame (x right, y down, z forward) */
} Truth;

static bool read_vec(const char *json, const char *key, float v[3])
{
    const char *at = strstr(json, key);
    return at && sscanf(at + strlen(key), " [%f, %f, %f]", &v[0], &v[1], &v[2]) == 3;
}

static bool load_json(const char *path, Truth *t)
{
    char buf[2048] = "";
    FILE *f = fopen(path, "r");
    if (!f) return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    float r[3], u[3], d[3];
    const char *ppm = strstr(buf, "\"px_per_mm\":");
    if (!ppm || sscanf(ppm + 12, "%f", &t->ppm) != 1) return false;
    if (!read_vec(buf, "\"right\":", r) || !read_vec(buf, "\"up\":", u) || !read_vec(buf, "\"fwd\":", d))
        return false;
    for (int j = 0; j < 3; j++) {
        t->rot.raw[j][0] = r[j];
        t->rot.raw[j][1] = -u[j];
        t->rot.raw[j][2] = d[j];
    }
    return true;
}

static bool load_truth(const char *view, Truth *t)
{
    const char *build = getenv("SMP_BUILD");
    char path[1024];
    SmpImage img = { 0 };
    SmpError err;
    snprintf(path, sizeof path, "%s/truth/view_%s_mask.png", build ? build : "build", view);
    if (!photo_load(path, &img, NULL, &err)) {
        printf("# %s\n", err.msg);
        return false;
    }
    t->w = img.width, t->h = img.height;
    t->mask = malloc((size_t)t->w * (size_t)t->h);
    for (int y = 0; t->mask && y < t->h; y++)
        for (int x = 0; x < t->w; x++) t->mask[(size_t)y * (size_t)t->w + (size_t)x] = image_pixel(&img, x, y)[0];
    image_free(&img);
    snprintf(path, sizeof path, "%s/truth/view_%s.json", build ? build : "build", view);
    return t->mask && load_json(path, t);
}

static HeadFit fit(const Truth *t, HeadView label)
{
    /* The truth is orthographic: a far camera with the same px per mm. */
    HeadFitOptions opt = { label, t->ppm, 1e6f };
    HeadFit f;
    SmpError err;
    memset(&f, 0, sizeof f);
    CHECKF(head3d_fit_mask(t->mask, t->w, t->h, t->w, &opt, &f, &err), "%s", err.msg);
    return f;
}

static float pose_error_deg(const Head3D *h, mat3s truth)
{
    mat3s d = glms_mat3_mul(glms_mat3_transpose(head3d_rotation(h)), truth);
    float c = 0.5f * (d.raw[0][0] + d.raw[1][1] + d.raw[2][2] - 1.0f);
    return acosf(fminf(fmaxf(c, -1.0f), 1.0f)) * 180.0f / (float)GLM_PI;
}

static void check_view(const char *name, HeadView label)
{
    Truth t = { 0 };
    bool ok = load_truth(name, &t);
    CHECKF(ok, "no truth for %s (run gen_sample --truth)", name);
    if (ok) {
        HeadFit f = fit(&t, label);
        float deg = pose_error_deg(&f.head, t.rot);
        float px, py;
        head3d_project(&f.head, f.head.centre, &px, &py);
        float off_mm = hypotf(px - 0.5f * (float)t.w, py - 0.5f * (float)t.h) / t.ppm;
        printf("# %s: pose off by %.2f deg, size %.3f, centre off by %.1f mm, cost %.2f\n", name, deg,
               f.size, off_mm, f.cost);
        CHECKF(deg < 5.0f, "%s: pose off by %.2f deg", name, deg);
        CHECKF(fabsf(f.size - 1.0f) < 0.05f, "%s: size %.3f", name, f.size);
        CHECKF(off_mm < 8.0f, "%s: centre off by %.1f mm", name, off_mm);
        CHECKF(f.plausible, "%s: cost %.2f", name, f.cost);
    }
    free(t.mask);
}

static void test_truth_front(void) { check_view("front", HEAD_VIEW_FRONT); }
static void test_truth_top(void) { check_view("top", HEAD_VIEW_TOP); }
static void test_truth_left(void) { check_view("left", HEAD_VIEW_LEFT); }
static void test_truth_right(void) { check_view("right", HEAD_VIEW_RIGHT); }
static void test_truth_back(void) { check_view("back", HEAD_VIEW_BACK); }

/* Negative control: the side view fitted as a front view. */
static void test_truth_wrong_label(void)
{
    Truth t = { 0 };
    bool ok = load_truth("left", &t);
    CHECK(ok);
    if (ok) {
        HeadFit right = fit(&t, HEAD_VIEW_LEFT), wrong = fit(&t, HEAD_VIEW_FRONT);
        CHECKF(!wrong.plausible || wrong.cost > right.cost + 1.0f, "cost %.2f vs %.2f", wrong.cost, right.cost);
        CHECK(pose_error_deg(&wrong.head, t.rot) > 30.0f);
    }
    free(t.mask);
}

int main(void)
{
    TEST_RUN(test_truth_front);
    TEST_RUN(test_truth_top);
    TEST_RUN(test_truth_left);
    TEST_RUN(test_truth_right);
    TEST_RUN(test_truth_back);
    TEST_RUN(test_truth_wrong_label);
    return TEST_SUMMARY();
}
