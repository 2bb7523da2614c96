/* frame_stats.c - frame times for --stats in a fixed histogram, and their percentiles. */
#include "frame_stats.h"

#include <math.h>
#include <stdlib.h>

bool frame_stats_init(FrameStats *s)
{
    s->frames = 0;
    s->bins = calloc(FRAME_STATS_BINS + 1, sizeof *s->bins);
    return s->bins != NULL;
}

void frame_stats_free(FrameStats *s)
{
    free(s->bins);
    s->bins = NULL;
}

void frame_stats_add(FrameStats *s, double ms)
{
    long b = ms < 0 ? 0 : (long)floor(ms * 100.0 + 0.5);
    s->bins[b > FRAME_STATS_BINS ? FRAME_STATS_BINS : b]++;
    s->frames++;
}

double frame_stats_percentile(const FrameStats *s, double p)
{
    if (s->frames == 0)
        return 0;
    long rank = (long)ceil(p / 100.0 * (double)s->frames), seen = 0;
    if (rank < 1)
        rank = 1;
    for (long b = 0; b <= FRAME_STATS_BINS; b++) {
        seen += s->bins[b];
        if (seen >= rank)
            return b / 100.0;
    }
    return FRAME_STATS_BINS / 100.0;
}
