/* raster.c - the CPU reference renderer.
 *
 * Three passes: (1) footprints, one per dot, in parallel: everything the
 * pixel loop needs, including the ink normalisation, computed once per dot
 * (the same threads also take the output's page faults, see
 * footprint_worker); (2) binning into bands of BAND_ROWS rows, keeping list
 * order; (3) bands in parallel: splat each dot of the band into a float
 * transmittance buffer (L2-resident), then composite the band's rows straight
 * from the photo into the output, each byte written once (untouched stretches
 * are plain copies). Compositing goes through per-channel tables indexed by
 * photo byte and quantised coverage (COVER_LEVELS). The pixel loops are
 * written so that gcc -O2 and clang vectorise them without intrinsics.
 *
 * Figures (bench/bench_render.c, 24 MP, 300k dots, 1 thread, flat discs
 * ~68 ms): footprints ~10 ms, binning ~2 ms, splatting ~27 ms, compositing
 * ~27 ms (of which the kernel clearing the fresh output's pages is a good
 * part). The dermal dot (footprint.h) reaches more pixels: ~1.8x the cycles
 * for a sharp photo, ~2.9x with a 1 px photo blur (docs/bench.md).
 */
#include "raster.h"

#include "footprint.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#define BAND_ROWS 16 /* a band's transmittance (384 KB at 6000 px) stays in L2 */
#define SRGB_LUT_SIZE 16384
/* Levels of a pixel's combined coverage in the compositing tables: 256 would
 * drop the faint rim of sub-pixel dots (their tone then shimmers with
 * position, tests/test_raster.c); 512 is as good as exact there. */
#define COVER_LEVELS 512
#define LEVEL_RUN 8       /* pixels per coverage-level loop, see composite_band */
#define MAX_THREADS 64
#define PRINT_CHUNK 4096 /* dots per grab in the parallel footprint pass */
#define FAULT_CHUNK ((size_t)2 << 20) /* output bytes per grab, see footprint_worker */
/* Pixels per inner splat loop: a fixed trip count is what lets gcc -O2 (and
 * clang) vectorise it; 4 wastes fewer lanes than 8 on short rows. */
#define RUN 4
#define NARROW_RUNS 2 /* see splat */
#define PREFETCH_AHEAD 4
#define PHOTO_LINES_PER_DOT 4 /* see composite_band */
#define CLIP_ROWS_PX 12
#define GRAIN_TILE 256 /* side of the grain pattern (64 KB: stays in L2) */
#define GRAIN_ONE 24.0f /* a unit of grain in the pattern's int8 steps */
/* clang's cost model (the web build) leaves the splat's 4-pixel runs scalar,
 * which made the wasm export 2.5x native; gcc vectorises them unasked. */
#if defined(__clang__)
#define VECTORISE _Pragma("clang loop vectorize(enable) interleave(disable) unroll(disable)")
#else
#define VECTORISE
#endif
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* The bands a footprint reaches (first > last: none), for binning: reading
 * these is much cheaper than reading the footprints again. */
typedef struct BandRange {
    int first, last;
} BandRange;

typedef struct Job {
    const SmpImage *photo;
    SmpImage *out;
    const DotList *dots;
    FootprintGrid grid;
    Footprint *prints;
    BandRange *print_bands;
    const int *band_start; /* per band: first index into band_dots */
    const int *band_dots;  /* dot indices, in list order within each band */
    int bands;
    /* sRGB byte -> linear light, pre-scaled to an index into lut_to_srgb */
    float lut_to_linear[256];
    unsigned char lut_to_srgb[SRGB_LUT_SIZE];
    float pigment_k[3]; /* 1 - pigment colour, in [0, 1]: how much light a full dot removes */
    /* Per channel, coverage level x photo byte -> output byte, i.e.
     * to_srgb(to_linear(s) (1 - cover k)). */
    uint8_t shade[3 * COVER_LEVELS * 256];
    /* The photo's look (see RasterOptions): with it on, rows go through
     * composite_row_look; f_level[c][q] is the factor 1 - q k_c of level q. */
    bool look;
    float grain;
    uint32_t seed;
    const SheenMap *sheen;
    SheenMap sheen_here; /* opt->sheen in the window's pixels */
    int ox, oy;          /* RasterOptions origin */
    float f_level[3][COVER_LEVELS];
    float grain_level[COVER_LEVELS]; /* grain sigma x ink amount of level q / GRAIN_ONE */
    uint8_t clamp8[768];             /* clamp8[256 + v] = v clamped to a byte */
    int8_t grain_tile[GRAIN_TILE * GRAIN_TILE];
    atomic_int next;    /* next chunk of dots, then next band */
    int end;            /* ... up to this one (a step's share) */
    atomic_int next_fault; /* next FAULT_CHUNK of the output to touch */
} Job;

/* The pixel centres x + 0.5 of a row that may be inside the support: [xs, xe],
 * not clipped to the image. False when the row misses it. */
static inline bool row_span(const Footprint *f, float dy, int *xs, int *xe)
{
    float disc = f->sb * f->sb * dy * dy - f->sa * (f->sc * dy * dy - 1.0f);
    if (!(disc > 0))
        return false;
    float root = sqrtf(disc), mid = -f->sb * dy;
    *xs = (int)ceilf(f->cx + (mid - root) * f->inv_sa - 0.5f);
    *xe = (int)floorf(f->cx + (mid + root) * f->inv_sa - 0.5f);
    return *xs <= *xe;
}

/* Multiplies one dot into a band's transmittance rows [band_y0, band_y1),
 * visiting the pixels of its bounding box (of its support on each row, for
 * wide dots), and widens each row's touched range [lo, hi]. Rows are done in
 * whole RUNs (the buffer has RUN - 1 columns of padding): a fixed-length inner
 * loop the compiler vectorises even at -O2; pixels beyond the support
 * multiply by exactly 1. Runs the core cannot reach get the (cheaper) halo
 * alone: most of a dermal dot's box is halo. */
static inline void splat_row(const Footprint *f, float *row, float dx0, float dy, int runs, int k0, int k1)
{
    for (int k = 0; k < runs; k++, row += RUN, dx0 += RUN) {
        if (k >= k0 && k <= k1)
            VECTORISE for (int i = 0; i < RUN; i++)
                row[i] *= 1.0f - footprint_alpha(f, dx0 + (float)i, dy);
        else
            VECTORISE for (int i = 0; i < RUN; i++)
                row[i] *= 1.0f - footprint_halo_alpha(f, dx0 + (float)i, dy);
    }
}

/* The runs [k0, k1] of a row starting at xs that the core reaches on row y
 * (none: k0 > k1). */
static inline void core_runs(const Footprint *f, int y, int xs, int *k0, int *k1)
{
    bool in = y >= f->core_y0 && y <= f->core_y1;
    *k0 = in ? (f->core_x0 - xs) / RUN - (f->core_x0 < xs) : 1;
    *k1 = in ? (f->core_x1 - xs) / RUN : 0;
    if (in && f->core_x1 < xs)
        *k0 = 1, *k1 = 0;
}

/* Rows [y0, y1] of a dot less than runs x RUN pixels across, in runs runs. */
static inline void splat_narrow(const Footprint *fp, int runs, float *trans, size_t stride, int *lo, int *hi,
                                int y0, int y1, int band_y0)
{
    const Footprint f = *fp;
    int xs = f.x0, xe = f.x0 + runs * RUN - 1;
    for (int y = y0; y <= y1; y++) {
        int r = y - band_y0, k0, k1;
        if (xs < lo[r]) lo[r] = xs;
        if (xe > hi[r]) hi[r] = xe;
        core_runs(&f, y, xs, &k0, &k1);
        splat_row(&f, trans + (size_t)r * stride + xs, xs + 0.5f - f.cx, y + 0.5f - f.cy, runs, k0, k1);
    }
}

static void splat(const Footprint *fp, float *trans, size_t stride, int *lo, int *hi, int band_y0, int band_y1)
{
    const Footprint f = *fp; /* a local copy: stores to rows can't alias it */
    int y0 = f.y0 > band_y0 ? f.y0 : band_y0, y1 = f.y1 < band_y1 - 1 ? f.y1 : band_y1 - 1;
    /* Most dots: every row gets the same number of runs, a constant trip
     * count, so the loops branch the same way on every row (rows of one run
     * or two, at random, cost mispredicted branches). Same values as below:
     * the extra pixels multiply by exactly 1. */
    if (f.x1 - f.x0 < NARROW_RUNS * RUN) {
        splat_narrow(&f, NARROW_RUNS, trans, stride, lo, hi, y0, y1, band_y0);
        return;
    }
    for (int y = y0; y <= y1; y++) {
        float dy = y + 0.5f - f.cy;
        /* Clipping a row to the ellipse costs a square root and some
         * rounding; it pays for dots over CLIP_ROWS_PX across (the corners of a halo's box). */
        int xs = f.x0, xe = f.x1;
        if (xe - xs >= CLIP_ROWS_PX) {
            if (!row_span(&f, dy, &xs, &xe))
                continue;
            xs = xs > f.x0 ? xs : f.x0;
            xe = xe < f.x1 ? xe : f.x1;
            if (xs > xe)
                continue;
        }
        int r = y - band_y0, runs = (xe - xs + RUN) / RUN, k0, k1;
        if (xs < lo[r]) lo[r] = xs;
        if (xs + runs * RUN - 1 > hi[r]) hi[r] = xs + runs * RUN - 1;
        core_runs(&f, y, xs, &k0, &k1);
        splat_row(&f, trans + (size_t)r * stride + xs, xs + 0.5f - f.cx, dy, runs, k0, k1);
    }
}

/* A well-mixed 32-bit hash (integer avalanche). */
static inline uint32_t grain_hash(uint32_t x, uint32_t y, uint32_t seed)
{
    uint32_t h = x * 0x9E3779B1u ^ (y + 0x7F4A7C15u) * 0x85EBCA77u ^ seed * 0xC2B2AE3Du;
    h ^= h >> 16;
    h *= 0x7FEB352Du;
    h ^= h >> 15;
    h *= 0x846CA68Bu;
    h ^= h >> 16;
    return h;
}

/* The grain pattern: GRAIN_TILE^2 values of unit Gaussian-like noise x
 * GRAIN_ONE, from a hash of (x, y, seed); the sum of the hash's four bytes is
 * close to Gaussian (Irwin-Hall, bounded at +-3.5 sigma). Rows of tiles are
 * shifted by a hash of their index, so no repeat lines up. A table read per
 * pixel costs far less than hashing each one (bench/bench_render.c). */
static void grain_tile_make(int8_t *tile, uint32_t seed)
{
    for (int y = 0; y < GRAIN_TILE; y++)
        for (int x = 0; x < GRAIN_TILE; x++) {
            uint32_t h = grain_hash((uint32_t)x, (uint32_t)y, seed);
            int sum = (int)(h & 255) + (int)((h >> 8) & 255) + (int)((h >> 16) & 255) + (int)(h >> 24);
            float v = (float)(sum - 510) * (GRAIN_ONE / 147.8f);
            tile[y * GRAIN_TILE + x] = (int8_t)(v < -127 ? -127 : v > 127 ? 127 : v);
        }
}

/* One composited row with the photo's look: the ink gets grain in proportion
 * to its amount, and where the row has sheen S (linear) it stays on top,
 * out = S + (P - S) f. Level 0 (no ink) gives back the pixel exactly: the
 * level-0 table is the identity and its grain scale is 0. */
static void composite_row_look(const Job *job, int y, int start, int end, const uint16_t *lv, const uint8_t *src,
                               uint8_t *dst, float *sheen_row)
{
    /* locals: byte stores may alias anything in *job */
    const float *lin = job->lut_to_linear, *gs = job->grain_level;
    const float *f0 = job->f_level[0], *f1 = job->f_level[1], *f2 = job->f_level[2];
    const uint8_t *to_srgb = job->lut_to_srgb, *shade = job->shade, *clamp = job->clamp8 + 256;
    bool sheen = sheen_row && photo_look_sheen_span(job->sheen, y, start, end, SRGB_LUT_SIZE - 1, sheen_row);
    int gy = y + job->oy; /* the grain belongs to the whole picture's pixels */
    const int8_t *grain = job->grain_tile + (gy & (GRAIN_TILE - 1)) * GRAIN_TILE;
    int shift = (int)(grain_hash((uint32_t)gy / GRAIN_TILE, 0x5EEDu, job->seed) & (GRAIN_TILE - 1)) + job->ox;
    for (int x = start; x <= end; x++) {
        const uint8_t *s = src + x * 4;
        uint8_t *o = dst + x * 4;
        int q = lv[x - start];
        int d = (int)(gs[q] * grain[(x + shift) & (GRAIN_TILE - 1)] + 256.5f) - 256;
        float sh = sheen ? sheen_row[x - start] : 0;
        if (sh > 0 && q > 0) {
            float p[3] = {lin[s[0]], lin[s[1]], lin[s[2]]};
            float m = p[0] < p[1] ? p[0] : p[1];
            m = m < p[2] ? m : p[2];
            sh = sh < m ? sh : m; /* the upsampled map may overshoot a darker pixel */
            o[0] = clamp[to_srgb[(int)(sh + (p[0] - sh) * f0[q] + 0.5f)] + d];
            o[1] = clamp[to_srgb[(int)(sh + (p[1] - sh) * f1[q] + 0.5f)] + d];
            o[2] = clamp[to_srgb[(int)(sh + (p[2] - sh) * f2[q] + 0.5f)] + d];
        } else {
            const uint8_t *row = shade + q * 256;
            o[0] = clamp[row[s[0]] + d];
            o[1] = clamp[row[256 * COVER_LEVELS + s[1]] + d];
            o[2] = clamp[row[2 * 256 * COVER_LEVELS + s[2]] + d];
        }
        o[3] = s[3];
    }
}

/* trans holds BAND_ROWS rows of 1.0 on entry and is left that way: only the
 * touched range of each row is composited and reset. */
static void composite_band(Job *job, int band, float *trans, size_t stride, uint16_t *lv, float *sheen_row)
{
    const SmpImage *in = job->photo;
    int w = in->width;
    int y0 = band * BAND_ROWS, y1 = y0 + BAND_ROWS < in->height ? y0 + BAND_ROWS : in->height;
    int lo[BAND_ROWS], hi[BAND_ROWS];
    for (int r = 0; r < BAND_ROWS; r++)
        lo[r] = w, hi[r] = -1;
    const int *ids = job->band_dots + job->band_start[band];
    int n = job->band_start[band + 1] - job->band_start[band];
    /* The band's photo rows are read below; asking for a few of their cache
     * lines after each dot hides that memory traffic behind the splatting. */
    const uint8_t *ahead = image_pixel(in, 0, y0), *ahead_end = image_pixel(in, 0, y1);
    for (int k = 0; k < n; k++) {
        /* A band's dots are scattered through the list: ask for the next
         * ones early so their cache misses overlap the splatting. */
        if (k + PREFETCH_AHEAD < n)
            PREFETCH(&job->prints[ids[k + PREFETCH_AHEAD]]);
        splat(&job->prints[ids[k]], trans, stride, lo, hi, y0, y1);
        for (int j = 0; j < PHOTO_LINES_PER_DOT && ahead < ahead_end; j++, ahead += 64)
            PREFETCH(ahead);
    }
    /* Each thread writes its own bands, so the copy of the photo runs in
     * parallel; in each row only [lo, end] is composited, the rest copied.
     * Locals, since byte stores may alias anything in *job. */
    const uint8_t *shade = job->shade;
    for (int y = y0; y < y1; y++) {
        int r = y - y0;
        const uint8_t *src = image_pixel(in, 0, y);
        uint8_t *dst = image_pixel(job->out, 0, y);
        float *t = trans + (size_t)r * stride;
        int start = lo[r], end = hi[r] < w - 1 ? hi[r] : w - 1; /* padding is never shown */
        if (end < start) /* no dot on this row */
            start = w, end = w - 1;
        memcpy(dst, src, (size_t)start * 4);
        /* Coverage levels first (a loop that vectorises), then one table
         * look-up per channel. No branch on coverage: level 0 maps every
         * byte to itself. All factors are in [0, 1], so no clamp is needed. */
        int chunks = (end - start + LEVEL_RUN) / LEVEL_RUN; /* the padding of t covers the last one */
        float *tc = t + start;
        for (int k = 0; k < chunks; k++, tc += LEVEL_RUN)
            for (int i = 0; i < LEVEL_RUN; i++) {
                lv[k * LEVEL_RUN + i] = (uint16_t)((1.0f - tc[i]) * (COVER_LEVELS - 1) + 0.5f);
                tc[i] = 1.0f;
            }
        if (job->look && start <= end)
            composite_row_look(job, y, start, end, lv, src, dst, sheen_row);
        else
            for (int x = start; x <= end; x++) {
                const uint8_t *s = src + x * 4;
                const uint8_t *row = shade + lv[x - start] * 256;
                uint8_t *o = dst + x * 4;
                o[0] = row[s[0]];
                o[1] = row[256 * COVER_LEVELS + s[1]];
                o[2] = row[2 * 256 * COVER_LEVELS + s[2]];
                o[3] = s[3];
            }
        for (int x = start + chunks * LEVEL_RUN; x <= hi[r]; x++) /* the rest of the padding */
            t[x] = 1.0f;
        if (end + 1 < w)
            memcpy(dst + (size_t)(end + 1) * 4, src + (size_t)(end + 1) * 4, (size_t)(w - end - 1) * 4);
    }
}

static int footprint_worker(void *arg)
{
    Job *job = arg;
    const DotList *dots = job->dots;
    /* The output is fresh memory: its first write to each page is a kernel
     * page fault that clears the page. Touched here, in parallel chunks, those
     * faults are shared evenly by the threads; left to the band pass, threads
     * on neighbouring bands meet on the same (huge) page and wait for each
     * other. The bytes written are overwritten later. */
    size_t bytes = (size_t)job->out->width * (size_t)job->out->height * 4;
    for (;;) {
        size_t c = (size_t)atomic_fetch_add(&job->next_fault, 1) * FAULT_CHUNK;
        if (c >= bytes)
            break;
        size_t end = c + FAULT_CHUNK < bytes ? c + FAULT_CHUNK : bytes;
        for (size_t i = c; i < end; i += 4096)
            job->out->pixels[i] = 0;
    }
    for (;;) {
        int i0 = atomic_fetch_add(&job->next, PRINT_CHUNK);
        if (i0 >= job->end)
            break;
        int i1 = i0 + PRINT_CHUNK < job->end ? i0 + PRINT_CHUNK : job->end;
        for (int i = i0; i < i1; i++) {
            const Footprint *f = &job->prints[i];
            if (job->ox || job->oy) {
                footprint_make(&dots->items[i], &job->grid, job->ox + job->photo->width,
                               job->oy + job->photo->height, &job->prints[i]);
                footprint_translate(&job->prints[i], job->ox, job->oy);
            } else
                footprint_make(&dots->items[i], &job->grid, job->photo->width, job->photo->height,
                               &job->prints[i]);
            bool empty = f->x0 > f->x1 || f->y0 > f->y1;
            job->print_bands[i] = (BandRange){empty ? 1 : f->y0 / BAND_ROWS, empty ? 0 : f->y1 / BAND_ROWS};
        }
    }
    return 0;
}

static int band_worker(void *arg)
{
    Job *job = arg;
    /* Padding for the runs of a splat row and the last LEVEL_RUN of a
     * composited one (RUN <= NARROW_RUNS * RUN). */
    int pad = NARROW_RUNS * RUN > LEVEL_RUN ? NARROW_RUNS * RUN : LEVEL_RUN;
    size_t stride = (size_t)job->photo->width + (size_t)pad - 1;
    size_t n = (size_t)BAND_ROWS * stride;
    float *trans = malloc(sizeof *trans * n);
    uint16_t *lv = malloc(sizeof *lv * stride); /* a row of coverage levels */
    float *sheen_row = job->sheen ? malloc(sizeof *sheen_row * stride) : NULL;
    if (!trans || !lv || (job->sheen && !sheen_row)) {
        free(trans);
        free(lv);
        free(sheen_row);
        return 1;
    }
    for (size_t i = 0; i < n; i++)
        trans[i] = 1.0f;
    for (;;) {
        int band = atomic_fetch_add(&job->next, 1);
        if (band >= job->end)
            break;
        composite_band(job, band, trans, stride, lv, sheen_row);
    }
    free(trans);
    free(lv);
    free(sheen_row);
    return 0;
}

/* Runs fn on `threads` threads (this one included) over items [first, end) (dots
 * or bands); nonzero if any failed. */
static int run_threads(int (*fn)(void *), Job *job, int threads, int first, int end)
{
    thrd_t tid[MAX_THREADS];
    int started = 0;
    atomic_store(&job->next, first);
    job->end = end;
    for (int i = 1; i < threads; i++)
        if (thrd_create(&tid[started], fn, job) == thrd_success)
            started++;
    int failed = fn(job);
    for (int i = 0; i < started; i++) {
        int rc = 0;
        thrd_join(tid[i], &rc);
        failed |= rc;
    }
    return failed;
}

/* Bins dots into bands by counting sort, keeping list order inside each band,
 * which is what makes the output independent of the thread count. */
static bool bin_dots(const BandRange *range, int n, int bands, int **start_out, int **dots_out)
{
    int *start = calloc((size_t)bands + 1, sizeof *start);
    if (!start)
        return false;
    size_t total = 0;
    for (int i = 0; i < n; i++)
        for (int b = range[i].first; b <= range[i].last; b++)
            start[b + 1]++, total++;
    for (int b = 0; b < bands; b++)
        start[b + 1] += start[b];
    int *dots = malloc(sizeof *dots * (total + 1));
    int *fill = malloc(sizeof *fill * ((size_t)bands + 1));
    if (!dots || !fill) {
        free(start);
        free(dots);
        free(fill);
        return false;
    }
    memcpy(fill, start, sizeof *fill * ((size_t)bands + 1));
    for (int i = 0; i < n; i++)
        for (int b = range[i].first; b <= range[i].last; b++)
            dots[fill[b]++] = i;
    free(fill);
    *start_out = start;
    *dots_out = dots;
    return true;
}

/* The compositing tables: sRGB <-> linear, the shade of every coverage level
 * and photo byte, and the photo's look (grain pattern and scales). */
static void shading_tables_make(Job *job, const PigmentLook *look, const RasterOptions *opt)
{
    /* Linear -> sRGB through a table fine enough that 8-bit results match the
     * exact formula (the steep part near black needs the resolution). */
    for (int i = 0; i < SRGB_LUT_SIZE; i++)
        job->lut_to_srgb[i] = pigment_linear_to_srgb((float)i / (SRGB_LUT_SIZE - 1));
    for (int i = 0; i < 256; i++) {
        job->lut_to_linear[i] = pigment_srgb_to_linear((unsigned char)i) * (SRGB_LUT_SIZE - 1);
        /* Untouched pixels must come back bit-identical; this already holds
         * for these tables, the assignment just makes it a guarantee. */
        job->lut_to_srgb[(int)(job->lut_to_linear[i] + 0.5f)] = (unsigned char)i;
    }
    for (int c = 0; c < 3; c++) {
        float k = 1.0f - look->color_linear[c];
        job->pigment_k[c] = k > 0 ? (k < 1 ? k : 1) : 0; /* NaN -> 0 too */
        uint8_t *tab = job->shade + c * COVER_LEVELS * 256;
        for (int q = 0; q < COVER_LEVELS; q++) {
            float f = 1.0f - (float)q / (COVER_LEVELS - 1) * job->pigment_k[c];
            job->f_level[c][q] = f;
            for (int v = 0; v < 256; v++)
                tab[q * 256 + v] = job->lut_to_srgb[(int)(job->lut_to_linear[v] * f + 0.5f)];
        }
    }
    job->grain = opt->grain_sigma > 0 ? opt->grain_sigma : 0; /* NaN -> 0 too */
    job->seed = opt->seed;
    job->sheen = NULL;
    if (opt->sheen && opt->sheen->values && opt->sheen->width > 0) {
        job->sheen_here = *opt->sheen;
        job->sheen_here.x0 -= opt->origin_x, job->sheen_here.y0 -= opt->origin_y;
        job->sheen = &job->sheen_here;
    }
    job->look = job->grain > 0 || job->sheen;
    if (job->look) {
        grain_tile_make(job->grain_tile, job->seed);
        for (int q = 0; q < COVER_LEVELS; q++)
            job->grain_level[q] = job->grain * ((float)q / (COVER_LEVELS - 1)) / GRAIN_ONE;
        for (int v = 0; v < 768; v++)
            job->clamp8[v] = (uint8_t)(v < 256 ? 0 : v > 511 ? 255 : v - 256);
    }
}

/* Work units of a step (app_job.h: about a nanosecond of native time each, on
 * one thread), from bench_wasm's 24 MP plan: */
#define UNITS_PER_PRINT 60  /* a dot's footprint */
#define UNITS_PER_BIN 10    /* a dot binned */
#define UNITS_PER_PIXEL 6   /* a pixel of a band composited, with the photo's look */
#define UNITS_PER_SPLAT 500 /* a dot splatted into a band */

struct RasterSteps {
    Job job;
    SmpImage out;
    Footprint *prints;
    BandRange *print_bands; /* until binned */
    int *band_start, *band_dots;
    int threads;
    int64_t budget;
    int next_dot, next_band; /* footprints made below next_dot, bands drawn below next_band */
    bool binned, failed;
    SmpError err; /* why it failed */
};

RasterSteps *raster_steps_begin(const SmpImage *photo, const DotList *dots, const PigmentLook *look,
                                const RasterOptions *opt, int64_t budget)
{
    RasterSteps *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->threads = opt->threads < 1 ? 1 : opt->threads > MAX_THREADS ? MAX_THREADS : opt->threads;
    s->budget = budget > 0 ? budget : 1;
    /* Footprints are 112 bytes, on 16-byte boundaries. */
    size_t print_bytes = (sizeof(Footprint) * ((size_t)dots->count + 1) + 63) / 64 * 64;
    s->prints = image_buffer_alloc(print_bytes); /* 34 MB for 300k dots */
    s->print_bands = malloc(sizeof *s->print_bands * ((size_t)dots->count + 1));
    /* Every output pixel is written by the band workers (photo or dots), so
     * the image is allocated without a fill. */
    s->failed = !image_alloc(photo->width, photo->height, &s->out, &s->err) ||
                ((!s->prints || !s->print_bands) && !smp_fail(&s->err, "out of memory rendering %d dots", dots->count));
    Job *job = &s->job;
    job->photo = photo;
    job->out = &s->out;
    job->dots = dots;
    job->ox = opt->origin_x, job->oy = opt->origin_y;
    job->grid = (FootprintGrid){opt->px_per_mm, opt->blur_px > 0 ? opt->blur_px : 0, 1.0f};
    job->prints = s->prints;
    job->print_bands = s->print_bands;
    job->bands = (photo->height + BAND_ROWS - 1) / BAND_ROWS;
    atomic_init(&job->next_fault, 0);
    shading_tables_make(job, look, opt);
    return s;
}

/* How many of `left` items of `units` each fit in the budget: one at least. */
static int items_in_budget(int64_t budget, int64_t units, int left)
{
    int64_t n = budget / units;
    return n < 1 ? 1 : n < left ? (int)n : left;
}

/* The end of the next bands that fit in the budget, after `work` done already. */
static int bands_in_budget(const RasterSteps *s, int64_t work)
{
    int64_t row_units = (int64_t)s->job.photo->width * BAND_ROWS * UNITS_PER_PIXEL;
    int b = s->next_band;
    do {
        work += row_units + (int64_t)(s->band_start[b + 1] - s->band_start[b]) * UNITS_PER_SPLAT;
        b++;
    } while (b < s->job.bands && work < s->budget);
    return b;
}

/* Footprints, then binning, then bands: a step stops at the first budget's end. */
bool raster_steps_next(RasterSteps *s)
{
    if (!s || s->failed || s->next_band >= s->job.bands)
        return false;
    Job *job = &s->job;
    int count = job->dots->count;
    int64_t work = 0;
    if (s->next_dot < count) {
        int end = s->next_dot + items_in_budget(s->budget, UNITS_PER_PRINT, count - s->next_dot);
        run_threads(footprint_worker, job, s->threads, s->next_dot, end);
        work += (int64_t)(end - s->next_dot) * UNITS_PER_PRINT;
        s->next_dot = end;
        if (end < count || work >= s->budget)
            return true;
    }
    if (!s->binned) {
        s->binned = true;
        s->failed = !bin_dots(s->print_bands, count, job->bands, &s->band_start, &s->band_dots);
        free(s->print_bands); /* read by the binning only */
        s->print_bands = job->print_bands = NULL;
        job->band_start = s->band_start, job->band_dots = s->band_dots;
        work += (int64_t)count * UNITS_PER_BIN;
        if (s->failed || work >= s->budget)
            return !s->failed;
    }
    int end = bands_in_budget(s, work);
    s->failed = run_threads(band_worker, job, s->threads, s->next_band, end) != 0;
    s->next_band = end;
    return !s->failed && end < job->bands;
}

int raster_steps_permille(const RasterSteps *s)
{
    return s && s->job.bands > 0 ? (int)(1000LL * s->next_band / s->job.bands) : 0;
}

bool raster_steps_end(RasterSteps *s, SmpImage *out, SmpError *err)
{
    if (!s)
        return smp_fail(err, "out of memory preparing a render");
    bool ok = !s->failed && s->next_band == s->job.bands;
    if (ok)
        *out = s->out;
    else {
        image_free(&s->out);
        if (!s->err.msg[0])
            smp_fail(&s->err, "out of memory rendering %d dots", s->job.dots->count);
        smp_fail(err, "%s", s->err.msg);
    }
    free(s->band_start);
    free(s->band_dots);
    free(s->print_bands);
    free(s->prints);
    free(s);
    return ok;
}

bool raster_render(const SmpImage *photo, const DotList *dots, const PigmentLook *look,
                   const RasterOptions *opt, SmpImage *out, SmpError *err)
{
    RasterSteps *s = raster_steps_begin(photo, dots, look, opt, INT64_MAX);
    while (raster_steps_next(s))
        ;
    return raster_steps_end(s, out, err);
}

bool raster_compare(const SmpImage *before, const SmpImage *after, CompareMode mode, int split_x,
                    SmpImage *out, SmpError *err)
{
    if (before->width != after->width || before->height != after->height)
        return smp_fail(err, "before and after differ in size");
    int w = before->width, h = before->height;
    if (mode == COMPARE_SIDE) {
        if (!image_alloc(w * 2, h, out, err)) /* every pixel is copied below */
            return false;
        for (int y = 0; y < h; y++) {
            memcpy(image_pixel(out, 0, y), image_pixel(before, 0, y), (size_t)w * 4);
            memcpy(image_pixel(out, w, y), image_pixel(after, 0, y), (size_t)w * 4);
        }
        return true;
    }
    if (!image_copy(after, out, err))
        return false;
    if (mode != COMPARE_SPLIT)
        return true;
    if (split_x < 0) split_x = 0;
    if (split_x > w) split_x = w;
    int line = w >= 600 ? 3 : 1; /* a divider that reads at print and phone size */
    for (int y = 0; y < h; y++) {
        memcpy(image_pixel(out, 0, y), image_pixel(before, 0, y), (size_t)split_x * 4);
        for (int x = split_x - line / 2; x < split_x - line / 2 + line; x++)
            if (x >= 0 && x < w) {
                uint8_t *p = image_pixel(out, x, y);
                p[0] = p[1] = p[2] = 255;
            }
    }
    return true;
}
