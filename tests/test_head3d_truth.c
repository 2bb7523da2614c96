/* test_head3d_truth.c - the head fit against the sample generator's truth: the skull
 * alone seen from the front, top, both sides, the back and the clinic's top view tipped
 * 12 degrees (gen_sample --truth writes view_*_mask.png and view_*.json, with the face
 * landmarks' pixels, into $SMP_BUILD/truth). Pose within 5 degrees, size within 5%,
 * centre within 8 mm; a wrong label is caught or fits worse; the landmarks recover the
 * tipped top view and cut a front view's face off, and contradicting ones are caught. */
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
    PlanLandmarks marks; /* those the whole head (face included) leaves in sight */
} Truth;

static bool read_vec(const char *json, const char *key, float v[3])
{
    const char *at = strstr(json, key);
    return at && sscanf(at + strlen(key), " [%f, %f, %f]", &v[0], &v[1], &v[2]) == 3;
}

/* "key": [x, y, visible, ...]: a landmark's pixel, kept only when in sight. */
static bool read_mark(const char *json, const char *key, bool *has, PlanPoint *p)
{
    const char *at = strstr(json, key);
    int visible = 0;
    if (!at || sscanf(at + strlen(key), " [%lf, %lf, %d", &p->x, &p->y, &visible) != 3) return false;
    *has = visible != 0;
    return true;
}

/* The eye corners as the plan holds them: left and right as seen in the image. */
static bool read_marks(const char *json, PlanLandmarks *lm)
{
    bool has_a, has_b;
    PlanPoint a, b;
    if (!read_mark(json, "\"glabella\":", &lm->has_glabella, &lm->glabella)
        || !read_mark(json, "\"eye_corner_subject_left\":", &has_a, &a)
        || !read_mark(json, "\"eye_corner_subject_right\":", &has_b, &b))
        return false;
    bool a_left = a.x < b.x;
    lm->has_eye_left = a_left ? has_a : has_b, lm->eye_left = a_left ? a : b;
    lm->has_eye_right = a_left ? has_b : has_a, lm->eye_right = a_left ? b : a;
    return true;
}

static bool load_json(const char *path, Truth *t)
{
    char buf[4096] = "";
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
    return read_marks(buf, &t->marks);
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

static HeadFit fit_marked(const Truth *t, HeadView label, const PlanLandmarks *marks)
{
    /* The truth is orthographic: a far camera with the same px per mm. */
    HeadFitOptions opt = { label, t->ppm, 1e6f, marks };
    HeadFit f;
    SmpError err;
    memset(&f, 0, sizeof f);
    CHECKF(head3d_fit_mask(t->mask, t->w, t->h, t->w, &opt, &f, &err), "%s", err.msg);
    return f;
}

static HeadFit fit(const Truth *t, HeadView label) { return fit_marked(t, label, NULL); }

static float pose_error_deg(const Head3D *h, mat3s truth)
{
    mat3s d = glms_mat3_mul(glms_mat3_transpose(head3d_rotation(h)), truth);
    float c = 0.5f * (d.raw[0][0] + d.raw[1][1] + d.raw[2][2] - 1.0f);
    return acosf(fminf(fmaxf(c, -1.0f), 1.0f)) * 180.0f / (float)GLM_PI;
}

/* Fits the view with or without its visible landmarks; checks and returns the pose error. */
static float check_view_marked(const char *name, HeadView label, bool marked)
{
    Truth t = { 0 };
    bool ok = load_truth(name, &t);
    CHECKF(ok, "no truth for %s (run gen_sample --truth)", name);
    float deg = 180.0f;
    if (ok) {
        HeadFit f = fit_marked(&t, label, marked ? &t.marks : NULL);
        deg = pose_error_deg(&f.head, t.rot);
        float px, py;
        head3d_project(&f.head, f.head.centre, &px, &py);
        float off_mm = hypotf(px - 0.5f * (float)t.w, py - 0.5f * (float)t.h) / t.ppm;
        printf("# %s%s: pose off by %.2f deg, size %.3f, centre off by %.1f mm, cost %.2f, landmarks off %.1f mm\n",
               name, marked ? " (landmarks)" : "", deg, f.size, off_mm, f.cost, f.landmark_mm);
        CHECKF(fabsf(f.size - 1.0f) < 0.05f, "%s: size %.3f", name, f.size);
        CHECKF(off_mm < 8.0f, "%s: centre off by %.1f mm", name, off_mm);
        CHECKF(f.plausible, "%s: cost %.2f", name, f.cost);
    }
    free(t.mask);
    return deg;
}

static void check_view(const char *name, HeadView label)
{
    float bare = check_view_marked(name, label, false), marked = check_view_marked(name, label, true);
    CHECKF(bare < 5.0f, "%s: pose off by %.2f deg", name, bare);
    CHECKF(marked < 5.0f, "%s with landmarks: pose off by %.2f deg", name, marked);
}

static void test_truth_front(void) { check_view("front", HEAD_VIEW_FRONT); }
static void test_truth_top(void) { check_view("top", HEAD_VIEW_TOP); }
static void test_truth_left(void) { check_view("left", HEAD_VIEW_LEFT); }
static void test_truth_right(void) { check_view("right", HEAD_VIEW_RIGHT); }
static void test_truth_back(void) { check_view("back", HEAD_VIEW_BACK); }

/* The clinic's top view tipped 12 degrees toward the face: its outline barely shows the
 * tilt (the bare fit stays at the label's pose: the control), the glabella pins it. */
static void test_truth_top12_landmarks(void)
{
    float bare = check_view_marked("top12", HEAD_VIEW_TOP, false);
    float marked = check_view_marked("top12", HEAD_VIEW_TOP, true);
    CHECKF(bare > 8.0f, "the outline alone found the tilt (%.2f deg off): the test shows nothing", bare);
    CHECKF(marked < 5.0f, "top12 with landmarks: pose off by %.2f deg", marked);
}

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

/* Marks placed as if the head were turned (or tipped) the other way: mirrored across
 * the image. The fit must call itself implausible and keep the outline's own pose
 * rather than chase the marks into a wild one. */
static void check_contradiction(const char *name, HeadView label)
{
    Truth t = { 0 };
    bool ok = load_truth(name, &t);
    CHECK(ok);
    if (ok) {
        PlanLandmarks lm = t.marks;
        bool side = label == HEAD_VIEW_LEFT || label == HEAD_VIEW_RIGHT;
        PlanPoint *pts[3] = { &lm.glabella, &lm.eye_left, &lm.eye_right };
        for (int i = 0; i < 3; i++) {
            if (side) pts[i]->x = t.w - pts[i]->x;
            else pts[i]->y = t.h - pts[i]->y;
        }
        HeadFit f = fit_marked(&t, label, &lm), bare = fit(&t, label);
        float deg = head3d_pose_distance(&f.head, &bare.head) * 180.0f / (float)GLM_PI;
        printf("# %s, contradicting landmarks: cost %.2f (bare %.2f), landmarks off %.1f mm, %.1f deg from the bare pose\n",
               name, f.cost, bare.cost, f.landmark_mm, deg);
        CHECKF(!f.plausible, "%s: contradicting landmarks fit plausibly (cost %.2f)", name, f.cost);
        CHECK(bare.plausible); /* the control: the outline alone was fine */
        CHECKF(deg < 1.0f, "%s: a wild pose, %.1f deg from the outline's", name, deg);
    }
    free(t.mask);
}

static void test_truth_contradicting_landmarks(void)
{
    check_contradiction("left", HEAD_VIEW_LEFT);
    check_contradiction("top12", HEAD_VIEW_TOP);
    check_contradiction("front", HEAD_VIEW_FRONT);
}

/* A front view's matte holds the face as well: a face-sized ellipse below the brow is
 * added to the skull's truth. Without landmarks the fit takes it for scalp (the
 * control); with them it cuts at the brow and recovers the skull. */
static void test_truth_front_face_cut(void)
{
    Truth t = { 0 };
    bool ok = load_truth("front", &t);
    CHECK(ok);
    if (!ok) return;
    float cx = (float)t.marks.glabella.x, cy = (float)t.marks.glabella.y + 45.0f * t.ppm;
    float ax = 50.0f * t.ppm, ay = 55.0f * t.ppm;
    for (int y = 0; y < t.h; y++)
        for (int x = 0; x < t.w; x++) {
            float dx = ((float)x + 0.5f - cx) / ax, dy = ((float)y + 0.5f - cy) / ay;
            if (dx * dx + dy * dy <= 1.0f) t.mask[(size_t)y * (size_t)t.w + (size_t)x] = 255;
        }
    HeadFit bare = fit(&t, HEAD_VIEW_FRONT), cut = fit_marked(&t, HEAD_VIEW_FRONT, &t.marks);
    float px, py, bx, by;
    head3d_project(&cut.head, cut.head.centre, &px, &py);
    head3d_project(&bare.head, bare.head.centre, &bx, &by);
    float off = hypotf(px - 0.5f * (float)t.w, py - 0.5f * (float)t.h) / t.ppm;
    float bare_off = hypotf(bx - 0.5f * (float)t.w, by - 0.5f * (float)t.h) / t.ppm;
    printf("# front with a face: bare size %.3f centre off %.1f mm; cut at the brow: size %.3f, centre off %.1f mm, pose off %.1f deg\n",
           bare.size, bare_off, cut.size, off, pose_error_deg(&cut.head, t.rot));
    CHECKF(fabsf(bare.size - 1.0f) > 0.05f || bare_off > 8.0f, "the face did not disturb the bare fit: no test");
    CHECKF(fabsf(cut.size - 1.0f) < 0.05f, "size %.3f", cut.size);
    CHECKF(off < 8.0f, "centre off by %.1f mm", off);
    CHECK(pose_error_deg(&cut.head, t.rot) < 5.0f);
    CHECK(cut.plausible);
    free(t.mask);
}

/* The focal unknown: the marks' spread against the outline tells the truth's far
 * (orthographic) camera from a phone's; forced to the phone's focal, the same marks
 * miss by far more (the control). */
static void test_truth_focal_from_landmarks(void)
{
    Truth t = { 0 };
    bool ok = load_truth("front", &t);
    CHECK(ok);
    if (!ok) return;
    float phone = 1.2f * (float)(t.w > t.h ? t.w : t.h);
    HeadFitOptions guess = { HEAD_VIEW_FRONT, t.ppm, 0.0f, &t.marks }, forced = { HEAD_VIEW_FRONT, t.ppm, phone, &t.marks };
    HeadFit g, p;
    SmpError err;
    CHECKF(head3d_fit_mask(t.mask, t.w, t.h, t.w, &guess, &g, &err) && head3d_fit_mask(t.mask, t.w, t.h, t.w, &forced, &p, &err),
           "%s", err.msg);
    printf("# front, focal unknown: %.0f px chosen, marks off %.1f mm, pose off %.1f deg; at a phone's %.0f px: marks off %.1f mm\n",
           g.head.focal, g.landmark_mm, pose_error_deg(&g.head, t.rot), phone, p.landmark_mm);
    CHECK(g.head.focal > 10.0f * phone);
    CHECK(g.landmark_mm < 2.0f && g.plausible && pose_error_deg(&g.head, t.rot) < 5.0f);
    CHECK(p.landmark_mm > 3.0f * g.landmark_mm + 2.0f);
    free(t.mask);
}

int main(void)
{
    TEST_RUN(test_truth_front);
    TEST_RUN(test_truth_top);
    TEST_RUN(test_truth_left);
    TEST_RUN(test_truth_right);
    TEST_RUN(test_truth_back);
    TEST_RUN(test_truth_top12_landmarks);
    TEST_RUN(test_truth_contradicting_landmarks);
    TEST_RUN(test_truth_front_face_cut);
    TEST_RUN(test_truth_focal_from_landmarks);
    TEST_RUN(test_truth_wrong_label);
    return TEST_SUMMARY();
}
