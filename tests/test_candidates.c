/* test_candidates.c - the candidate field is progressive blue noise, measured.
 *
 *   test_candidates            run the tests (figures are printed on stdout)
 *   test_candidates --plot DIR also write PNGs to look at: the visible points at
 *                              30 and 90 dots/cm2 over 60 x 60 mm, and the power
 *                              spectra of the tile and of the controls
 *
 * Spacing is judged against the hexagonal spacing h = sqrt(2 / (sqrt(3) rho))
 * of the requested density rho (dots/mm2). Dots must read hand-placed: the
 * coefficient of variation of the nearest-neighbour distances in [0.2, 0.3]
 * (a Poisson disk, the old tile, measures 0.08-0.12 and looks like a printing
 * screen; white noise 0.52) with close pairs only occasional (1st percentile
 * >= 0.3 h: no touching dots), and the low-frequency energy of the power
 * spectrum (|k| < 0.5 / h) far below white noise (no clumps, no holes). Every
 * measure has a negative control that must fail it: uniform random points,
 * a mildly jittered square grid (too even), and a grid jittered enough to pass
 * the spacing figures, whose spectral peaks (rows) the spectrum test catches.
 * All figures are measured on the output of candidates_build.
 */
#include "core/candidates.h"
#include "test.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <stb_image_write.h>

static const double PI_ = 3.14159265358979323846;

static const double densities_cm2[] = {10, 30, 60, 90, 120, 160};
#define N_DENSITIES (int)(sizeof densities_cm2 / sizeof densities_cm2[0])

static double hex_spacing(double density_cm2) { return sqrt(2.0 / (sqrt(3.0) * density_cm2 / 100.0)); }

typedef struct Pts {
    int n;
    double *x, *y;
} Pts;

static Pts pts_alloc(int n)
{
    Pts p = {n, malloc((size_t)(n ? n : 1) * sizeof(double)), malloc((size_t)(n ? n : 1) * sizeof(double))};
    return p;
}

static void pts_free(Pts *p)
{
    free(p->x);
    free(p->y);
    p->x = p->y = NULL;
}

/* The shipped field's visible prefix at a density over one tile period: the
 * output of candidates_build over exactly P x P mm (one whole torus), keeping
 * the candidates with rank < density / max, as the density test does. */
static Pts field_prefix(double density_cm2)
{
    const double period = candidates_tile_period_mm();
    CandidateSet set;
    SmpError err = {{0}};
    if (!candidates_build(period, period, &set, &err)) {
        printf("  candidates_build(%g, %g): %s\n", period, period, err.msg);
        return pts_alloc(0);
    }
    const float f = (float)(density_cm2 / CANDIDATES_MAX_DENSITY_CM2);
    Pts p = pts_alloc(set.count);
    p.n = 0;
    for (int i = 0; i < set.count; i++)
        if (set.items[i].rank < f) {
            p.x[p.n] = set.items[i].x_mm;
            p.y[p.n] = set.items[i].y_mm;
            p.n++;
        }
    candidates_free(&set);
    return p;
}

/* Small deterministic PRNG for the controls. */
static double rng_unit(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

static Pts white_noise(int n, double period, uint64_t seed)
{
    Pts p = pts_alloc(n);
    for (int i = 0; i < n; i++) {
        p.x[i] = rng_unit(&seed) * period;
        p.y[i] = rng_unit(&seed) * period;
    }
    return p;
}

/* Square grid at the density, each point moved by up to +-jitter spacings. */
static Pts jittered_grid(double density_cm2, double period, double jitter, uint64_t seed)
{
    const int m = (int)floor(period * sqrt(density_cm2 / 100.0) + 0.5);
    const double s = period / m;
    Pts p = pts_alloc(m * m);
    for (int j = 0; j < m; j++)
        for (int i = 0; i < m; i++) {
            double x = (i + 0.5 + jitter * (2.0 * rng_unit(&seed) - 1.0)) * s;
            double y = (j + 0.5 + jitter * (2.0 * rng_unit(&seed) - 1.0)) * s;
            p.x[j * m + i] = fmod(x + period, period);
            p.y[j * m + i] = fmod(y + period, period);
        }
    return p;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-neighbour figures: the 1st percentile, the mean and the coefficient
 * of variation (standard deviation / mean) of the distances, and how many
 * points were measured. */
typedef struct NnStats {
    double q01, mean, cv;
    int count;
} NnStats;

/* Nearest-neighbour distances of points `p` (periodic with `period` when > 0),
 * only for points inside [lo, hi)^2, neighbours searched among all points. */
static NnStats nn_stats(const Pts *p, double period, double extent, double lo, double hi)
{
    /* Grid with about 2 points per cell; search rings until the best is safe. */
    int g = (int)sqrt(p->n / 2.0);
    if (g < 1)
        g = 1;
    const double cell = extent / g;
    int *start = calloc((size_t)g * g + 1, sizeof *start), *items = malloc((size_t)p->n * sizeof *items);
    int *fill = malloc((size_t)g * g * sizeof *fill);
    double *d = malloc((size_t)p->n * sizeof *d);
#define CELL_OF(v) (((int)((v) / cell) < g) ? (int)((v) / cell) : g - 1)
    for (int i = 0; i < p->n; i++)
        start[CELL_OF(p->y[i]) * g + CELL_OF(p->x[i]) + 1]++;
    for (int c = 0; c < g * g; c++)
        start[c + 1] += start[c];
    memcpy(fill, start, (size_t)g * g * sizeof *fill);
    for (int i = 0; i < p->n; i++)
        items[fill[CELL_OF(p->y[i]) * g + CELL_OF(p->x[i])]++] = i;
    int m = 0;
    for (int i = 0; i < p->n; i++) {
        if (p->x[i] < lo || p->x[i] >= hi || p->y[i] < lo || p->y[i] >= hi)
            continue;
        const int cx = CELL_OF(p->x[i]), cy = CELL_OF(p->y[i]);
        double best2 = INFINITY;
        for (int ring = 0; ring <= g; ring++) {
            if (ring >= 2 && (ring - 1) * cell * (ring - 1) * cell > best2)
                break;
            for (int oy = -ring; oy <= ring; oy++)
                for (int ox = -ring; ox <= ring; ox++) {
                    if (abs(ox) != ring && abs(oy) != ring)
                        continue;
                    int xx = cx + ox, yy = cy + oy;
                    if (period > 0) {
                        if (2 * ring + 1 > g && (abs(ox) > g / 2 || abs(oy) > g / 2))
                            continue;
                        xx = (xx % g + g) % g;
                        yy = (yy % g + g) % g;
                    } else if (xx < 0 || yy < 0 || xx >= g || yy >= g) {
                        continue;
                    }
                    const int c = yy * g + xx;
                    for (int k = start[c]; k < start[c + 1]; k++) {
                        int j = items[k];
                        if (j == i)
                            continue;
                        double dx = fabs(p->x[i] - p->x[j]), dy = fabs(p->y[i] - p->y[j]);
                        if (period > 0) {
                            dx = fmin(dx, period - dx);
                            dy = fmin(dy, period - dy);
                        }
                        double d2 = dx * dx + dy * dy;
                        if (d2 < best2)
                            best2 = d2;
                    }
                }
        }
        d[m++] = sqrt(best2);
    }
#undef CELL_OF
    qsort(d, (size_t)m, sizeof *d, cmp_double);
    NnStats st = {0.0, 0.0, 0.0, m};
    if (m) {
        double sum = 0.0, sum2 = 0.0;
        for (int i = 0; i < m; i++)
            sum += d[i];
        st.mean = sum / m;
        for (int i = 0; i < m; i++)
            sum2 += (d[i] - st.mean) * (d[i] - st.mean);
        st.q01 = d[(int)floor(0.01 * (m - 1))];
        st.cv = st.mean > 0.0 ? sqrt(sum2 / m) / st.mean : 0.0;
    }
    free(start);
    free(items);
    free(fill);
    free(d);
    return st;
}

/* ---- power spectrum over the torus -------------------------------------- */

/* In-place radix-2 FFT of n complex values (re, im interleaved), stride s. */
static void fft(double *a, int n, int s, const double *tw /* cos, sin of 2 pi k / n, k < n/2 */)
{
    for (int i = 1, j = 0; i < n; i++) {
        int bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            double *pi = a + 2 * (size_t)i * s, *pj = a + 2 * (size_t)j * s;
            double t0 = pi[0], t1 = pi[1];
            pi[0] = pj[0];
            pi[1] = pj[1];
            pj[0] = t0;
            pj[1] = t1;
        }
    }
    for (int len = 2; len <= n; len <<= 1) {
        const int step = n / len;
        for (int i = 0; i < n; i += len)
            for (int k = 0; k < len / 2; k++) {
                const double c = tw[2 * k * step], sn = -tw[2 * k * step + 1];
                double *u = a + 2 * (size_t)(i + k) * s, *v = a + 2 * (size_t)(i + k + len / 2) * s;
                const double vr = v[0] * c - v[1] * sn, vi = v[0] * sn + v[1] * c;
                v[0] = u[0] - vr;
                v[1] = u[1] - vi;
                u[0] += vr;
                u[1] += vi;
            }
    }
}

/* Periodogram |sum exp(-2 pi i k.x / P)|^2 / n at integer k of the torus,
 * |kx|, |ky| < G/2, computed by bilinear (cloud-in-cell) deposit on a G x G
 * grid, an FFT and division by the deposit's own transfer function: aliasing
 * is O((k/G)^4), negligible for k <= G/4 where the tests look. White noise
 * has expectation 1 at every k != 0. */
typedef struct Spectrum {
    int g;
    double *power; /* g x g, index (ky mod g) * g + (kx mod g) */
} Spectrum;

static Spectrum spectrum_compute(const Pts *p, double period, int g)
{
    double *a = calloc((size_t)g * g * 2, sizeof *a);
    double *tw = malloc((size_t)g * sizeof *tw);
    for (int k = 0; k < g / 2; k++) {
        tw[2 * k] = cos(2.0 * PI_ * k / g);
        tw[2 * k + 1] = sin(2.0 * PI_ * k / g);
    }
    for (int i = 0; i < p->n; i++) {
        double u = p->x[i] / period * g, v = p->y[i] / period * g;
        int x0 = (int)floor(u), y0 = (int)floor(v);
        double fx = u - x0, fy = v - y0;
        for (int dy = 0; dy < 2; dy++)
            for (int dx = 0; dx < 2; dx++) {
                int xx = ((x0 + dx) % g + g) % g, yy = ((y0 + dy) % g + g) % g;
                a[2 * ((size_t)yy * g + xx)] += (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy);
            }
    }
    for (int r = 0; r < g; r++)
        fft(a + 2 * (size_t)r * g, g, 1, tw);
    for (int c = 0; c < g; c++)
        fft(a + 2 * (size_t)c, g, g, tw);
    Spectrum s = {g, malloc((size_t)g * g * sizeof(double))};
    for (int ky = 0; ky < g; ky++)
        for (int kx = 0; kx < g; kx++) {
            const int sx = kx < g / 2 ? kx : kx - g, sy = ky < g / 2 ? ky : ky - g;
            double wx = sx ? sin(PI_ * sx / g) / (PI_ * sx / g) : 1.0;
            double wy = sy ? sin(PI_ * sy / g) / (PI_ * sy / g) : 1.0;
            double transfer = wx * wx * wy * wy;
            const double *z = a + 2 * ((size_t)ky * g + kx);
            s.power[(size_t)ky * g + kx] = (z[0] * z[0] + z[1] * z[1]) / p->n / (transfer * transfer);
        }
    free(a);
    free(tw);
    return s;
}

/* Mean power over frequencies with lo <= |k| / k_peak < hi (k != 0); *max_out
 * receives the largest single value there. */
static double spectrum_band(const Spectrum *s, double k_peak, double lo, double hi, double *max_out)
{
    const int g = s->g;
    double sum = 0.0, mx = 0.0;
    int n = 0;
    for (int ky = 0; ky < g; ky++)
        for (int kx = 0; kx < g; kx++) {
            const int sx = kx < g / 2 ? kx : kx - g, sy = ky < g / 2 ? ky : ky - g;
            if (!sx && !sy)
                continue;
            const double f = sqrt((double)sx * sx + (double)sy * sy) / k_peak;
            if (f < lo || f >= hi)
                continue;
            const double v = s->power[(size_t)ky * g + kx];
            sum += v;
            mx = v > mx ? v : mx;
            n++;
        }
    if (max_out)
        *max_out = mx;
    return n ? sum / n : 0.0;
}

static void spectrum_free(Spectrum *s)
{
    free(s->power);
    s->power = NULL;
}

/* The spectral figures of a point set at a density, on the torus. */
typedef struct SpecFigures {
    double low;  /* mean power for |k| < 0.5 / h, white noise = 1 */
    double peak; /* max / mean power for 0.5 / h <= |k| < 1.5 / h */
} SpecFigures;

enum { SPEC_GRID = 1024 };
#define LOW_MAX 0.2  /* low-frequency energy limit, fraction of white noise */
#define PEAK_MAX 40.0 /* largest single frequency over the band mean */

static SpecFigures spec_figures(const Pts *p, double period, double density_cm2)
{
    Spectrum s = spectrum_compute(p, period, SPEC_GRID);
    const double k_peak = period / hex_spacing(density_cm2);
    SpecFigures f;
    double mx;
    f.low = spectrum_band(&s, k_peak, 0.0, 0.5, NULL);
    double mean = spectrum_band(&s, k_peak, 0.5, 1.5, &mx);
    f.peak = mx / mean;
    spectrum_free(&s);
    return f;
}

/* ---- tests ---------------------------------------------------------------- */

static void test_tile_shape(void)
{
    const double period = candidates_tile_period_mm();
    const int n = candidates_tile_count();
    const double density = n / (period * period) * 100.0;
    printf("  tile: period %.1f mm, %d points, %.3f dots/cm2\n", period, n, density);
    /* No repetition within a whole head: a scalp seen in one photo spans well
     * under 200 mm in either direction. */
    CHECKF(period >= 200.0, "period %g mm", period);
    CHECK_NEAR(density, CANDIDATES_MAX_DENSITY_CM2, 0.01);
    double x, y;
    for (int i = 0; i < n; i++) {
        candidates_tile_point(i, &x, &y);
        CHECK(x >= 0.0 && x < period && y >= 0.0 && y < period);
    }
}

/* Spacing limits, in units of the hexagonal spacing h (see the file comment). */
#define NN_CV_MIN 0.2  /* below: a printing screen (the old tile measured 0.11-0.13) */
#define NN_CV_MAX 0.3  /* above: heading for white noise (0.52) */
#define NN_Q01_MIN 0.3 /* occasional close pairs, never touching dots (white noise: 0.05) */

/* Do the spacing figures read hand-placed? */
static bool nn_hand_placed(NnStats st, double h)
{
    return st.cv >= NN_CV_MIN && st.cv <= NN_CV_MAX && st.q01 >= NN_Q01_MIN * h;
}

/* Spacing across tile seams, on the real output of candidates_build. */
static void test_spacing_every_density(void)
{
    CandidateSet set;
    SmpError err = {{0}};
    const double side = 320.0; /* crosses the seams at 256 mm */
    bool ok = candidates_build(side, side, &set, &err);
    CHECKF(ok, "%s", err.msg);
    if (!ok)
        return;
    for (int di = 0; di < N_DENSITIES; di++) {
        const double d = densities_cm2[di], f = d / CANDIDATES_MAX_DENSITY_CM2, h = hex_spacing(d);
        Pts p = pts_alloc(set.count);
        p.n = 0;
        for (int i = 0; i < set.count; i++)
            if (set.items[i].rank < f) {
                p.x[p.n] = set.items[i].x_mm;
                p.y[p.n] = set.items[i].y_mm;
                p.n++;
            }
        const double lo = 10.0, hi = side - 10.0;
        const NnStats st = nn_stats(&p, 0.0, side, lo, hi);
        const double measured = st.count / ((hi - lo) * (hi - lo)) * 100.0;
        printf("  %5.0f dots/cm2: NN mean %.3f h, CV %.3f, 1st percentile %.3f h (h = %.3f mm), "
               "density %.2f (%+.2f%%)\n",
               d, st.mean / h, st.cv, st.q01 / h, h, measured, (measured / d - 1.0) * 100.0);
        CHECKF(st.cv >= NN_CV_MIN && st.cv <= NN_CV_MAX, "at %g dots/cm2 the NN spacing CV is %.3f", d, st.cv);
        CHECKF(st.q01 >= NN_Q01_MIN * h, "at %g dots/cm2 the 1st-percentile NN distance is %.3f h", d,
               st.q01 / h);
        CHECKF(fabs(measured / d - 1.0) <= 0.03, "at %g dots/cm2 measured %.2f", d, measured);
        pts_free(&p);
    }
    candidates_free(&set);
}

/* The same measures must reject white noise (clumps, touching dots) and a
 * mildly jittered grid (a printing screen: too even). A grid jittered enough
 * to pass them is the spectrum test's negative control. */
static void test_spacing_controls(void)
{
    const double period = candidates_tile_period_mm(), d = 60.0, h = hex_spacing(d);
    Pts tile = field_prefix(d);
    Pts white = white_noise(tile.n, period, 7);
    Pts even = jittered_grid(d, period, 0.15, 11);
    Pts rough = jittered_grid(d, period, 0.35, 13);
    const NnStats st = nn_stats(&tile, period, period, 0, period);
    const NnStats sw = nn_stats(&white, period, period, 0, period);
    const NnStats se = nn_stats(&even, period, period, 0, period);
    const NnStats sr = nn_stats(&rough, period, period, 0, period);
    printf("  NN CV / 1st percentile at %g dots/cm2: field %.3f / %.3f h, white noise %.3f / %.3f h, "
           "grid +-0.15 %.3f / %.3f h, grid +-0.35 %.3f / %.3f h\n",
           d, st.cv, st.q01 / h, sw.cv, sw.q01 / h, se.cv, se.q01 / h, sr.cv, sr.q01 / h);
    CHECK(nn_hand_placed(st, h));
    CHECKF(!nn_hand_placed(sw, h), "white noise passed the spacing test (CV %.3f)", sw.cv);
    CHECKF(!nn_hand_placed(se, h), "a +-0.15 jittered grid passed the spacing test (CV %.3f)", se.cv);
    CHECKF(nn_hand_placed(sr, h), "+-0.35 jittered grid control (CV %.3f, %.3f h): the spectral test must catch it",
           sr.cv, sr.q01 / h);
    pts_free(&tile);
    pts_free(&white);
    pts_free(&even);
    pts_free(&rough);
}

static void test_spectrum_every_density(void)
{
    const double period = candidates_tile_period_mm();
    for (int di = 0; di < N_DENSITIES; di++) {
        const double d = densities_cm2[di];
        Pts p = field_prefix(d);
        SpecFigures f = spec_figures(&p, period, d);
        printf("  %5.0f dots/cm2: low-frequency energy %.3f of white noise, peak/mean %.1f (%d points)\n", d,
               f.low, f.peak, p.n);
        CHECKF(p.n > 0, "no candidates at %g dots/cm2", d);
        CHECKF(f.low < LOW_MAX, "at %g dots/cm2 low-frequency energy %.3f", d, f.low);
        CHECKF(f.peak < PEAK_MAX, "at %g dots/cm2 spectral peak %.1f x the mean", d, f.peak);
        pts_free(&p);
    }
}

static void test_spectrum_controls(void)
{
    const double period = candidates_tile_period_mm(), d = 60.0;
    Pts white = white_noise((int)(period * period * d / 100.0), period, 3);
    Pts grid = jittered_grid(d, period, 0.35, 5);
    SpecFigures fw = spec_figures(&white, period, d), fg = spec_figures(&grid, period, d);
    printf("  controls at %g dots/cm2: white noise low %.3f peak %.1f; +-0.35 jittered grid low %.3f peak %.1f\n",
           d, fw.low, fw.peak, fg.low, fg.peak);
    CHECKF(fw.low >= LOW_MAX, "white noise passed the low-frequency test (%.3f)", fw.low);
    CHECKF(fw.low > 0.8 && fw.low < 1.2, "white noise should measure ~1, got %.3f", fw.low);
    CHECKF(fg.peak >= PEAK_MAX, "jittered grid passed the peak test (%.1f)", fg.peak);
    pts_free(&white);
    pts_free(&grid);
}

static int cmp_by_id(const void *a, const void *b)
{
    uint32_t x = ((const Candidate *)a)->id, y = ((const Candidate *)b)->id;
    return (x > y) - (x < y);
}

static void test_superset_and_stability(void)
{
    CandidateSet small, big;
    SmpError err = {{0}};
    CHECKF(candidates_build(100.0, 80.0, &small, &err), "%s", err.msg);
    CHECKF(candidates_build(300.0, 270.0, &big, &err), "%s", err.msg);
    if (!small.items || !big.items) {
        candidates_free(&small);
        candidates_free(&big);
        return;
    }
    /* Every candidate of the small photo is in the big one, same id and place;
     * the big one has nothing else in the small one's area. */
    qsort(big.items, (size_t)big.count, sizeof *big.items, cmp_by_id);
    int in_area = 0;
    for (int i = 0; i < big.count; i++)
        in_area += big.items[i].x_mm < 100.0f && big.items[i].y_mm < 80.0f;
    CHECKF(in_area == small.count, "%d vs %d", in_area, small.count);
    for (int i = 0; i < small.count; i++) {
        const Candidate *c = &small.items[i];
        const Candidate *b = bsearch(c, big.items, (size_t)big.count, sizeof *big.items, cmp_by_id);
        CHECKF(b && b->x_mm == c->x_mm && b->y_mm == c->y_mm && b->rank == c->rank, "id %u", (unsigned)c->id);
        if (!b)
            break;
    }
    /* Raising the threshold only adds: the visible set at f1 is inside the one
     * at f2 > f1, and counts grow with the threshold. */
    int prev = -1;
    for (int di = 0; di < N_DENSITIES; di++) {
        const float f = (float)(densities_cm2[di] / CANDIDATES_MAX_DENSITY_CM2);
        int n = 0;
        for (int i = 0; i < small.count; i++)
            n += small.items[i].rank < f;
        CHECK(n > prev);
        prev = n;
    }
    printf("  %d candidates in 100 x 80 mm, all found unchanged in 300 x 270 mm (%d)\n", small.count, big.count);
    candidates_free(&small);
    candidates_free(&big);
}

static void test_order_ranks_and_ids(void)
{
    CandidateSet a, b;
    SmpError err = {{0}};
    CHECKF(candidates_build(530.0, 300.0, &a, &err), "%s", err.msg); /* 3 x 2 cells */
    CHECKF(candidates_build(530.0, 300.0, &b, &err), "%s", err.msg);
    if (!a.items || !b.items) {
        candidates_free(&a);
        candidates_free(&b);
        return;
    }
    CHECK(a.count == b.count);
    CHECK(memcmp(a.items, b.items, (size_t)a.count * sizeof *a.items) == 0);
    const int n = candidates_tile_count();
    const double period = candidates_tile_period_mm();
    int bad_rank = 0, bad_bounds = 0, bad_order = 0;
    for (int i = 0; i < a.count; i++) {
        const Candidate *c = &a.items[i];
        bad_rank += !(c->rank > 0.0f && c->rank < 1.0f);
        bad_bounds += !(c->x_mm >= 0.0f && c->x_mm < 530.0f && c->y_mm >= 0.0f && c->y_mm < 300.0f);
        if (i > 0) { /* same cell: rank increases; else the cell changes */
            const Candidate *p = &a.items[i - 1];
            const bool same_cell = floor(p->x_mm / period) == floor(c->x_mm / period) &&
                                   floor(p->y_mm / period) == floor(c->y_mm / period);
            bad_order += same_cell && !(p->rank < c->rank);
        }
    }
    CHECKF(bad_rank == 0, "%d ranks outside (0, 1)", bad_rank);
    CHECKF(bad_bounds == 0, "%d candidates outside the area", bad_bounds);
    CHECKF(bad_order == 0, "%d out of rank order within a cell", bad_order);
    /* Rank fractions are (index + 0.5) / N: the first candidate of cell (0, 0). */
    CHECK_NEAR(a.items[0].rank, 0.5 / n, 1e-9);
    qsort(a.items, (size_t)a.count, sizeof *a.items, cmp_by_id);
    int dup = 0;
    for (int i = 1; i < a.count; i++)
        dup += a.items[i].id == a.items[i - 1].id;
    CHECKF(dup == 0, "%d duplicate ids", dup);
    printf("  %d candidates over 530 x 300 mm: identical twice, ids unique\n", a.count);
    candidates_free(&a);
    candidates_free(&b);
}

static void test_bad_areas(void)
{
    CandidateSet set;
    SmpError err = {{0}};
    CHECK(!candidates_build(-1.0, 10.0, &set, &err) && strstr(err.msg, "invalid area"));
    CHECK(set.count == 0 && set.items == NULL);
    CHECK(!candidates_build(10.0, NAN, &set, &err));
    CHECK(!candidates_build(INFINITY, 10.0, &set, &err));
    /* Too large for stable 32-bit ids: refused with a message, nothing allocated. */
    CHECK(!candidates_build(1e6, 10.0, &set, &err) && strstr(err.msg, "limit"));
    CHECK(set.items == NULL);
    CHECK(candidates_build(0.0, 0.0, &set, &err) && set.count == 0);
    candidates_free(&set);
    CHECK(candidates_build(0.5, 0.5, &set, &err));
    candidates_free(&set);
    candidates_free(NULL);
}

/* ---- pictures --------------------------------------------------------------- */

static void plot_points(const char *dir, double density_cm2)
{
    const double side = 60.0, ppm = 12.0;
    const int px = (int)(side * ppm);
    unsigned char *img = malloc((size_t)px * px);
    memset(img, 235, (size_t)px * px);
    CandidateSet set;
    SmpError err;
    if (!candidates_build(side, side, &set, &err)) {
        free(img);
        return;
    }
    const float f = (float)(density_cm2 / CANDIDATES_MAX_DENSITY_CM2);
    const double rad = 0.22 * ppm;
    for (int i = 0; i < set.count; i++) {
        if (set.items[i].rank >= f)
            continue;
        const double cx = set.items[i].x_mm * ppm, cy = set.items[i].y_mm * ppm;
        for (int y = (int)(cy - rad - 1); y <= (int)(cy + rad + 1); y++)
            for (int x = (int)(cx - rad - 1); x <= (int)(cx + rad + 1); x++)
                if (x >= 0 && y >= 0 && x < px && y < px && (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy) <= rad * rad)
                    img[(size_t)y * px + x] = 30;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/candidates_%.0f.png", dir, density_cm2);
    stbi_write_png(path, px, px, 1, img, px);
    printf("wrote %s\n", path);
    candidates_free(&set);
    free(img);
}

/* Centre 512 x 512 of the (symmetric) periodogram, log-scaled, plus its
 * radial average as a plot under it. */
static void plot_spectrum(const char *dir, const char *name, const Pts *p, double period, double density_cm2)
{
    Spectrum s = spectrum_compute(p, period, SPEC_GRID);
    const int w = 512, g = s.g, plot_h = 200;
    unsigned char *img = malloc((size_t)w * (w + plot_h));
    memset(img, 255, (size_t)w * (w + plot_h));
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++) {
            int kx = x - w / 2, ky = y - w / 2;
            double v = s.power[(size_t)((ky + g) % g) * g + (kx + g) % g];
            double t = (log10(v + 1e-3) + 1.5) / 2.5; /* 0.03 .. 10 */
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            img[(size_t)y * w + x] = (unsigned char)(255 * t);
        }
    const double k_peak = period / hex_spacing(density_cm2);
    for (int x = 0; x < w; x++) { /* radial average, 0 .. 2.5 k_peak; power 0 .. 2.5 */
        double lo = x * 2.5 / w, hi = (x + 1) * 2.5 / w;
        double v = spectrum_band(&s, k_peak, lo, hi, NULL);
        int yv = (int)(plot_h - 1 - v / 2.5 * (plot_h - 1));
        yv = yv < 0 ? 0 : yv;
        for (int y = yv; y < plot_h; y++)
            img[(size_t)(w + y) * w + x] = 60;
        img[(size_t)(w + plot_h - 1 - (plot_h - 1) / 2.5) * w + x] = 200; /* white-noise level */
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/spectrum_%s.png", dir, name);
    stbi_write_png(path, w, w + plot_h, 1, img, w);
    printf("wrote %s\n", path);
    free(img);
    spectrum_free(&s);
}

static int plot_all(const char *dir)
{
    plot_points(dir, 30);
    plot_points(dir, 90);
    const double period = candidates_tile_period_mm();
    for (int di = 0; di < N_DENSITIES; di++) {
        Pts p = field_prefix(densities_cm2[di]);
        char name[64];
        snprintf(name, sizeof name, "tile_%.0f", densities_cm2[di]);
        plot_spectrum(dir, name, &p, period, densities_cm2[di]);
        pts_free(&p);
    }
    Pts white = white_noise((int)(period * period * 0.6), period, 3);
    Pts grid = jittered_grid(60, period, 0.35, 5);
    plot_spectrum(dir, "white_60", &white, period, 60);
    plot_spectrum(dir, "jittered_grid_60", &grid, period, 60);
    pts_free(&white);
    pts_free(&grid);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--plot") == 0)
        return plot_all(argv[2]);
    TEST_RUN(test_tile_shape);
    TEST_RUN(test_spacing_every_density);
    TEST_RUN(test_spacing_controls);
    TEST_RUN(test_spectrum_every_density);
    TEST_RUN(test_spectrum_controls);
    TEST_RUN(test_superset_and_stability);
    TEST_RUN(test_order_ranks_and_ids);
    TEST_RUN(test_bad_areas);
    return TEST_SUMMARY();
}
