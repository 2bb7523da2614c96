/* gen_bluenoise.c - build-time generator of the progressive blue-noise tile.
 *
 *   gen_bluenoise OUT.c
 *
 * Writes a C file defining
 *   const double   bluenoise_tile_period_mm;   side P of the square periodic tile
 *   const int      bluenoise_tile_count;       N points
 *   const uint16_t bluenoise_tile_xy[2 * N];   x, y as fractions of P * 65536,
 *                                              in rank order (index 0 shown first)
 * such that every prefix of the ranking is itself well-spread blue noise on the
 * torus (see docs/candidates.md and src/core/candidates.h).
 *
 * Method: progressive weighted sample elimination (Yuksel 2015, "Sample
 * Elimination for Generating Poisson Disk Sample Sets"), softened so the
 * spacing varies like hand-placed dots (nearest-neighbour CV about 0.2-0.25
 * instead of a Poisson disk's 0.08-0.12; see docs/candidates.md). Start from
 * M = 3 N random points on the torus; one classic stage (kernel (1 - d/d_max)^8
 * with weight limiting) takes them to 2 N. From there the elimination goes on in
 * stages of STEP with d_max recomputed for each stage's target t (the hexagonal
 * spacing at t), with two changes: the kernel is wide and soft,
 * (1 - d / (1.6 d_max))^2, so it evens the count of neighbours out to 1.6
 * spacings (what keeps low frequencies, clumps and holes, away) rather than
 * the distance to the nearest one; and each point's weight is multiplied by a
 * random factor U^2 redrawn every stage, so in every crowd a few points are
 * spared and close pairs survive now and then. A small short-range term keeps
 * dots from touching. Every stage does the same at its own scale, so the
 * statistics are the same at every density; the set passes N (the tile) after
 * a few stages. The reverse elimination order is the rank.
 *
 * Deterministic: own PRNG (splitmix64), positions quantised to the stored
 * uint16 grid before any distance is measured, and only +, -, *, /, sqrt
 * (correctly rounded in IEEE 754) in the arithmetic, so the output is the same
 * bytes on every run and machine.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PERIOD_MM 256.0
#define MAX_DENSITY_MM2 1.6 /* CANDIDATES_MAX_DENSITY_CM2 / 100 */
#define OVERSAMPLE 3        /* random points per output point */
#define FIRST_TARGET 2.0    /* the one-shot stage stops at 2 N; progressive from there */
#define STEP 0.1            /* fraction removed per progressive stage */
#define REACH 1.6           /* progressive kernel reach, in hexagonal spacings */
#define SHORT_REACH 0.5     /* short repulsion reach, in hexagonal spacings */
#define SHORT_WEIGHT 0.5

typedef struct Gen {
    int total;        /* points generated */
    uint16_t *x, *y;  /* quantised positions, fractions of the period */
    double *w;        /* elimination weights */
    int *heap, *pos;  /* max-heap of point indices, and each point's slot */
    int heap_n;
    unsigned char *alive;
    int *cell_start, *cell_items; /* grid for the current stage */
    int *cell_of;
    int grid;         /* cells per side, 0 = brute force */
    double d_max, d_min;
    double reach, short_reach; /* this stage's kernel, in units of d_max */
    int kexp;
    double *u;        /* per-point random factor on the weight, redrawn each stage */
    uint64_t seed;
} Gen;

static uint64_t splitmix64(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "gen_bluenoise: out of memory\n");
        exit(1);
    }
    return p;
}

/* Toroidal squared distance in units of the period. */
static double dist2(const Gen *g, int i, int j)
{
    int dx = abs((int)g->x[i] - (int)g->x[j]);
    int dy = abs((int)g->y[i] - (int)g->y[j]);
    if (dx > 32768)
        dx = 65536 - dx;
    if (dy > 32768)
        dy = 65536 - dy;
    const double fx = dx / 65536.0, fy = dy / 65536.0;
    return fx * fx + fy * fy;
}

static double ipow(double a, int e)
{
    double p = 1.0;
    for (int k = 0; k < e; k++)
        p *= a;
    return p;
}

static double unit(uint64_t *s) { return (double)(splitmix64(s) >> 11) * (1.0 / 9007199254740992.0); }

/* Weight of neighbour j on i: (1 - d / R)^kexp over R = reach d_max, with d
 * clamped below at d_min (Yuksel's weight limiting, first stage only), plus a
 * short repulsion that keeps dots from touching. */
static double weight(const Gen *g, int i, int j)
{
    const double r = g->d_max * g->reach;
    const double d2 = dist2(g, i, j);
    if (d2 >= r * r)
        return 0.0;
    const double d = sqrt(d2);
    double w = ipow(1.0 - (d < g->d_min ? g->d_min : d) / r, g->kexp);
    const double rs = g->d_max * g->short_reach;
    if (d < rs)
        w += SHORT_WEIGHT * ipow(1.0 - d / rs, 2);
    return w;
}

static bool heap_less(const Gen *g, int a, int b) /* a below b in the max-heap */
{
    const double ka = g->w[a] * g->u[a], kb = g->w[b] * g->u[b];
    return ka < kb || (ka == kb && a > b);
}

static void heap_set(Gen *g, int slot, int i)
{
    g->heap[slot] = i;
    g->pos[i] = slot;
}

static void sift_down(Gen *g, int slot)
{
    int i = g->heap[slot];
    for (;;) {
        int c = 2 * slot + 1;
        if (c >= g->heap_n)
            break;
        if (c + 1 < g->heap_n && heap_less(g, g->heap[c], g->heap[c + 1]))
            c++;
        if (!heap_less(g, i, g->heap[c]))
            break;
        heap_set(g, slot, g->heap[c]);
        slot = c;
    }
    heap_set(g, slot, i);
}

static int heap_pop(Gen *g)
{
    int top = g->heap[0];
    g->heap_n--;
    if (g->heap_n > 0) {
        heap_set(g, 0, g->heap[g->heap_n]);
        sift_down(g, 0);
    }
    return top;
}

static int cell_coord(uint16_t v, int grid) { return (int)(((uint32_t)v * (uint32_t)grid) >> 16); }

/* Buckets the live points `cur` into a grid of cells no smaller than the kernel reach. */
static void build_grid(Gen *g, const int *cur, int n)
{
    int grid = (int)floor(1.0 / (g->d_max * g->reach));
    if (grid > 4096)
        grid = 4096;
    g->grid = grid >= 3 ? grid : 0;
    if (!g->grid)
        return;
    const int cells = grid * grid;
    memset(g->cell_start, 0, (size_t)(cells + 1) * sizeof *g->cell_start);
    for (int k = 0; k < n; k++) {
        int i = cur[k];
        g->cell_of[i] = cell_coord(g->y[i], grid) * grid + cell_coord(g->x[i], grid);
        g->cell_start[g->cell_of[i] + 1]++;
    }
    for (int c = 0; c < cells; c++)
        g->cell_start[c + 1] += g->cell_start[c];
    int *fill = xmalloc((size_t)cells * sizeof *fill);
    memcpy(fill, g->cell_start, (size_t)cells * sizeof *fill);
    for (int k = 0; k < n; k++) { /* in cur order: deterministic */
        int i = cur[k];
        g->cell_items[fill[g->cell_of[i]]++] = i;
    }
    free(fill);
}

/* Calls visit(g, i, j, w_ij) for every live j != i closer than d_max. */
typedef void (*Visit)(Gen *g, int i, int j, double wij);

static void for_neighbours(Gen *g, int i, const int *cur, int n, Visit visit)
{
    if (!g->grid) {
        for (int k = 0; k < n; k++) {
            int j = cur[k];
            if (j == i || !g->alive[j])
                continue;
            const double wij = weight(g, i, j);
            if (wij > 0.0)
                visit(g, i, j, wij);
        }
        return;
    }
    const int grid = g->grid;
    const int cx = cell_coord(g->x[i], grid), cy = cell_coord(g->y[i], grid);
    for (int oy = -1; oy <= 1; oy++) {
        int yy = (cy + oy + grid) % grid;
        for (int ox = -1; ox <= 1; ox++) {
            int c = yy * grid + (cx + ox + grid) % grid;
            for (int k = g->cell_start[c]; k < g->cell_start[c + 1]; k++) {
                int j = g->cell_items[k];
                if (j == i || !g->alive[j])
                    continue;
                const double wij = weight(g, i, j);
                if (wij > 0.0)
                    visit(g, i, j, wij);
            }
        }
    }
}

static void add_weight(Gen *g, int i, int j, double wij)
{
    (void)j;
    g->w[i] += wij;
}

/* The removed point i no longer weighs on j: j only moves down the heap. */
static void remove_from(Gen *g, int i, int j, double wij)
{
    (void)i;
    g->w[j] -= wij;
    sift_down(g, g->pos[j]);
}

/* Eliminates the live points cur[0..n) down to t, appending the removed ones to
 * order[*removed...]; returns the survivors compacted into cur. */
static int eliminate(Gen *g, int *cur, int n, int t, double d_min_fraction, int *order, int *removed)
{
    g->d_max = 2.0 * sqrt(1.0 / (2.0 * sqrt(3.0) * t));
    g->d_min = g->d_max * d_min_fraction;
    build_grid(g, cur, n);
    for (int k = 0; k < n; k++)
        g->w[cur[k]] = 0.0;
    for (int k = 0; k < n; k++)
        for_neighbours(g, cur[k], cur, n, add_weight);
    g->heap_n = n;
    for (int k = 0; k < n; k++)
        heap_set(g, k, cur[k]);
    for (int k = n / 2 - 1; k >= 0; k--)
        sift_down(g, k);
    for (int left = n; left > t; left--) {
        int i = heap_pop(g);
        g->alive[i] = 0;
        order[(*removed)++] = i;
        for_neighbours(g, i, cur, n, remove_from);
    }
    int m = 0;
    for (int k = 0; k < n; k++)
        if (g->alive[cur[k]])
            cur[m++] = cur[k];
    return m;
}


/* Redraws every point's random factor on its weight: u = U^2, U uniform, so a
 * few points in every crowd are spared and others go first (see the header). */
static void draw_noise(Gen *g)
{
    for (int i = 0; i < g->total; i++) {
        const double v = unit(&g->seed);
        g->u[i] = 1e-3 + v * v;
    }
}

/* Runs the elimination schedule over all g->total points: order[] receives
 * them in elimination order, so its last n_out entries are the tile, last
 * survivor last. */
static void rank_points(Gen *g, int *cur, int *order, int n_out)
{
    /* One-shot M -> 2 N, the classic narrow kernel with weight limiting
     * (Yuksel: beta 0.65, gamma 1.5), no noise: a well-spread start. */
    int removed = 0, n = g->total;
    const int n_first = (int)floor(FIRST_TARGET * n_out + 0.5);
    const double ratio = (double)n_first / g->total; /* (N / M)^1.5 without pow() */
    const double limit = 0.65 * (1.0 - ratio * sqrt(ratio));
    g->reach = 1.0;
    g->kexp = 8;
    g->short_reach = 0.0;
    n = eliminate(g, cur, n, n_first, limit, order, &removed);
    /* Progressive, from 2 N down to 1: stages of STEP, d_max for each stage's
     * target, the wide soft kernel and fresh noise. The set passes N (the tile)
     * after a few stages, so the tile already has the stages' statistics. */
    g->reach = REACH;
    g->kexp = 2;
    g->short_reach = SHORT_REACH;
    while (n > 1) {
        int t = (int)floor(n * (1.0 - STEP));
        if (t >= n)
            t = n - 1;
        if (t < 1)
            t = 1;
        draw_noise(g);
        n = eliminate(g, cur, n, t, 0.0, order, &removed);
    }
    if (n == 1)
        order[removed++] = cur[0];
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_bluenoise OUT.c\n");
        return 2;
    }
    const int n_out = (int)floor(MAX_DENSITY_MM2 * PERIOD_MM * PERIOD_MM + 0.5);
    Gen g;
    memset(&g, 0, sizeof g);
    g.total = OVERSAMPLE * n_out;
    const size_t total = (size_t)g.total;
    g.x = xmalloc(total * sizeof *g.x);
    g.y = xmalloc(total * sizeof *g.y);
    g.w = xmalloc(total * sizeof *g.w);
    g.u = xmalloc(total * sizeof *g.u);
    g.heap = xmalloc(total * sizeof *g.heap);
    g.pos = xmalloc(total * sizeof *g.pos);
    g.alive = xmalloc(total);
    g.cell_of = xmalloc(total * sizeof *g.cell_of);
    g.cell_items = xmalloc(total * sizeof *g.cell_items);
    g.cell_start = xmalloc((size_t)(4096 * 4096 + 1) * sizeof *g.cell_start);
    int *cur = xmalloc(total * sizeof *cur);
    int *order = xmalloc(total * sizeof *order);

    g.seed = 0x5EED5EED2015ull;
    for (int i = 0; i < g.total; i++) {
        uint64_t r = splitmix64(&g.seed);
        g.x[i] = (uint16_t)(r >> 48);
        g.y[i] = (uint16_t)(r >> 32);
        g.alive[i] = 1;
        g.u[i] = 1.0;
        cur[i] = i;
    }

    rank_points(&g, cur, order, n_out);

    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fprintf(f,
            "/* Generated by tools/gen_bluenoise.c: progressive blue-noise tile. Do not edit. */\n"
            "#include <stdint.h>\n"
            "const double bluenoise_tile_period_mm = %.1f;\n"
            "const int bluenoise_tile_count = %d;\n"
            "const uint16_t bluenoise_tile_xy[] = {\n",
            PERIOD_MM, n_out);
    for (int r = 0; r < n_out; r++) {
        int i = order[g.total - 1 - r];
        fprintf(f, "%u,%u,%s", (unsigned)g.x[i], (unsigned)g.y[i], r % 8 == 7 ? "\n" : "");
    }
    fprintf(f, "\n};\n");
    if (fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    free(g.x);
    free(g.y);
    free(g.w);
    free(g.heap);
    free(g.pos);
    free(g.alive);
    free(g.u);
    free(g.cell_of);
    free(g.cell_items);
    free(g.cell_start);
    free(cur);
    free(order);
    return 0;
}
