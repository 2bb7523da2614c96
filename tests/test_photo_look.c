/* test_photo_look.c - the photo's blur, grain and sheen are measured, not guessed.
 *
 * Known blurs and noises are applied to synthetic and real photos and must be
 * found again; a shaded sphere with a known specular term must give it back.
 */
#include "test.h"

#include "core/photo_look.h"
#include "core/pigment.h"
#include "io/photo.h"
#include "shared_photos.h"

#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 88172645463325252ull;

static double rng_uniform(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return ((rng_state >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

static double rng_gauss(void)
{
    return sqrt(-2 * log(rng_uniform())) * cos(6.283185307179586 * rng_uniform());
}

static uint8_t to_byte(double v)
{
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v + 0.5);
}

/* Separable Gaussian blur of the RGB of an image, in its encoded values. */
static void blur_image(const SmpImage *src, double sigma, SmpImage *out)
{
    SmpError err;
    CHECK(image_copy(src, out, &err));
    if (sigma <= 0)
        return;
    int r = (int)ceil(4 * sigma), w = src->width, h = src->height;
    double *k = malloc(sizeof *k * (2 * r + 1)), sum = 0;
    for (int i = -r; i <= r; i++)
        sum += k[i + r] = exp(-0.5 * i * i / (sigma * sigma));
    float *tmp = malloc(sizeof *tmp * (size_t)w * h * 3);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++) {
                double acc = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = x + i < 0 ? 0 : x + i >= w ? w - 1 : x + i;
                    acc += k[i + r] * image_pixel(src, xx, y)[c];
                }
                tmp[((size_t)y * w + x) * 3 + c] = (float)(acc / sum);
            }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++) {
                double acc = 0;
                for (int i = -r; i <= r; i++) {
                    int yy = y + i < 0 ? 0 : y + i >= h ? h - 1 : y + i;
                    acc += k[i + r] * tmp[((size_t)yy * w + x) * 3 + c];
                }
                image_pixel(out, x, y)[c] = to_byte(acc / sum);
            }
    free(k);
    free(tmp);
}

/* Hard-edged discs and bars of random greys, point-sampled: as sharp as pixels allow. */
static void make_shapes(int w, int h, SmpImage *img)
{
    SmpError err;
    CHECK(image_create(w, h, img, &err));
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            memset(image_pixel(img, x, y), 120, 3);
    for (int n = 0; n < 60; n++) {
        double cx = rng_uniform() * w, cy = rng_uniform() * h, rad = 8 + rng_uniform() * 30;
        uint8_t v = (uint8_t)(30 + rng_uniform() * 190);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if ((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy) < rad * rad)
                    memset(image_pixel(img, x, y), v, 3);
    }
}

static PhotoLook look_of(const SmpImage *img, PhotoBox box)
{
    PhotoLook l;
    photo_look_estimate(img, box, &l);
    return l;
}

/* Blurring by s must be read as sqrt(s0^2 + s^2), s0^2 being the image's own
 * variance (signed: negative for a sharpened photo). */
static void check_blur_series(const SmpImage *sharp, PhotoBox box, const char *what)
{
    float v0 = look_of(sharp, box).blur_var, prev = look_of(sharp, box).blur_px;
    static const double sig[] = {1.0, 1.5, 2.0, 3.0};
    for (int i = 0; i < 4; i++) {
        SmpImage b;
        blur_image(sharp, sig[i], &b);
        float est = look_of(&b, box).blur_px;
        double want = sqrt(v0 + sig[i] * sig[i]);
        printf("  %s: s0^2 %.2f, blur %.1f: estimate %.2f, expected %.2f (%+.0f%%)\n", what, v0, sig[i], est, want,
               100 * (est / want - 1));
        CHECKF(fabs(est / want - 1) <= 0.20, "%s blur %.1f: %.2f vs %.2f", what, sig[i], est, want);
        CHECKF(est > prev, "%s: not monotonic at %.1f (%.2f after %.2f)", what, sig[i], est, prev);
        prev = est;
        image_free(&b);
    }
}

static void test_blur_synthetic(void)
{
    SmpImage sharp;
    make_shapes(480, 400, &sharp);
    PhotoBox box = {60, 50, 420, 350};
    check_blur_series(&sharp, box, "shapes");
    /* Negative controls: a sharp image is not read as blurred, and a flat
     * one (nothing to measure) gives no estimate rather than a number. */
    CHECKF(look_of(&sharp, box).blur_px < 0.7f, "sharp shapes read as %.2f px", look_of(&sharp, box).blur_px);
    SmpImage flat;
    SmpError err;
    CHECK(image_create(200, 200, &flat, &err));
    CHECK(look_of(&flat, (PhotoBox){0, 0, 200, 200}).blur_px == 0);
    image_free(&flat);
    image_free(&sharp);
}

static bool load_shared(const char *name, SmpImage *img)
{
    SmpError err;
    bool ok = shared_photo_load(name, img, &err);
    CHECKF(ok, "%s", err.msg);
    return ok;
}

static void test_blur_real(void)
{
    static const char *names[] = {"rf_top_crown_shaved-stubble_tan.jpg", "rf_top_crown_bald_dark-skin.jpg"};
    for (int i = 0; i < 2; i++) {
        SmpImage img;
        if (!load_shared(names[i], &img))
            return;
        PhotoBox box = {img.width / 4, img.height / 4, img.width * 3 / 4, img.height * 3 / 4};
        check_blur_series(&img, box, names[i]);
        image_free(&img);
    }
}

static void add_noise(SmpImage *img, double sigma)
{
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++) {
            double n = sigma * rng_gauss();
            uint8_t *p = image_pixel(img, x, y);
            for (int c = 0; c < 3; c++)
                p[c] = to_byte(p[c] + n);
        }
}

static void test_grain(void)
{
    SmpError err;
    static const double sig[] = {2, 4, 8};
    SmpImage img;
    CHECK(image_create(300, 260, &img, &err));
    PhotoBox box = {0, 0, 300, 260};
    for (int k = -1; k < 3; k++) {
        /* smooth shading: no grain of its own */
        for (int y = 0; y < img.height; y++)
            for (int x = 0; x < img.width; x++)
                memset(image_pixel(&img, x, y), to_byte(90 + 60 * sin(x / 40.0) * cos(y / 55.0)), 3);
        if (k < 0) { /* negative control */
            CHECKF(look_of(&img, box).grain_sigma < 0.5f, "clean image has grain %.2f", look_of(&img, box).grain_sigma);
            continue;
        }
        add_noise(&img, sig[k]);
        float est = look_of(&img, box).grain_sigma;
        printf("  noise %.0f: estimate %.2f\n", sig[k], est);
        CHECKF(fabs(est / sig[k] - 1) <= 0.20, "noise %.0f read as %.2f", sig[k], est);
    }
    image_free(&img);
}

static void test_grain_real(void)
{
    SmpImage img;
    if (!load_shared("rf_top_crown_shaved-stubble_tan.jpg", &img))
        return;
    PhotoBox box = {img.width / 4, img.height / 4, img.width * 3 / 4, img.height * 3 / 4};
    float n0 = look_of(&img, box).grain_sigma;
    add_noise(&img, 4);
    float n1 = look_of(&img, box).grain_sigma;
    double want = sqrt(n0 * n0 + 16);
    printf("  real: own grain %.2f, +4: %.2f (expected %.2f)\n", n0, n1, want);
    CHECKF(fabs(n1 / want - 1) <= 0.20, "%.2f vs %.2f", n1, want);
    image_free(&img);
}

/* A lit sphere: diffuse albedo x Lambert plus a white Phong highlight. */
static void make_sphere(int size, SmpImage *img, float *spec)
{
    SmpError err;
    CHECK(image_create(size, size, img, &err));
    static const double albedo[3] = {0.42, 0.20, 0.11};
    double lx = -0.3, ly = -0.4, lz = 0.866; /* light direction, normalised below */
    double ln = sqrt(lx * lx + ly * ly + lz * lz);
    lx /= ln, ly /= ln, lz /= ln;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            double nx = (x + 0.5 - size / 2.0) / (size * 0.45), ny = (y + 0.5 - size / 2.0) / (size * 0.45);
            double r2 = nx * nx + ny * ny, shade = 0.05, s = 0;
            if (r2 < 1) {
                double nz = sqrt(1 - r2), nl = nx * lx + ny * ly + nz * lz;
                shade = 0.1 + 0.9 * (nl > 0 ? nl : 0);
                double rz = 2 * nl * nz - lz; /* reflection of the light towards the viewer */
                s = rz > 0 ? 0.45 * pow(rz, 40) : 0;
            }
            spec[y * size + x] = (float)s;
            uint8_t *p = image_pixel(img, x, y);
            for (int c = 0; c < 3; c++)
                p[c] = pigment_linear_to_srgb((float)(albedo[c] * shade + s));
        }
}

static void test_sheen_sphere(void)
{
    int size = 400;
    SmpImage img;
    float *spec = malloc(sizeof *spec * size * size);
    make_sphere(size, &img, spec);
    SheenMap map;
    SmpError err;
    CHECKF(photo_look_sheen(&img, (PhotoBox){0, 0, size, size}, &map, &err), "%s", err.msg);
    CHECK(map.width * map.cell >= size && (size_t)map.width * map.height * 4 <= (size_t)size * size);
    /* Error inside the sphere, away from its rim (cells straddle it) */
    double err_sum = 0, spec_sum = 0, peak = 0, peak_est = 0, off_sum = 0;
    int n = 0, n_off = 0;
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            double nx = (x + 0.5 - size / 2.0) / (size * 0.45), ny = (y + 0.5 - size / 2.0) / (size * 0.45);
            if (nx * nx + ny * ny > 0.85)
                continue;
            double s = spec[y * size + x], e = photo_look_sheen_at(&map, x, y);
            err_sum += fabs(e - s), spec_sum += s, n++;
            if (s > peak)
                peak = s, peak_est = e;
            if (s < 1e-3)
                off_sum += e, n_off++;
        }
    double mean_err = err_sum / n, mean_spec = spec_sum / n, off = off_sum / n_off;
    printf("  sphere: mean |error| %.4f (mean sheen %.4f), peak %.3f read %.3f, sheen-free mean %.4f\n", mean_err,
           mean_spec, peak, peak_est, off);
    CHECKF(mean_err < 0.25 * mean_spec, "mean error %.4f vs mean sheen %.4f", mean_err, mean_spec);
    CHECKF(fabs(peak_est - peak) < 0.25 * peak, "peak %.3f read %.3f", peak, peak_est);
    CHECKF(off < 0.005, "sheen-free skin reads %.4f", off); /* negative control: diffuse is not sheen */
    photo_look_sheen_free(&map);
    image_free(&img);
    free(spec);
}

int main(void)
{
    TEST_RUN(test_blur_synthetic);
    TEST_RUN(test_blur_real);
    TEST_RUN(test_grain);
    TEST_RUN(test_grain_real);
    TEST_RUN(test_sheen_sphere);
    return TEST_SUMMARY();
}
