/* frame_stats.h - frame times for --stats: a fixed histogram of 0.01 ms bins
 * (no allocation per frame, any session length), median and p95 by nearest
 * rank. */
#ifndef SMP_FRAME_STATS_H
#define SMP_FRAME_STATS_H

#include <stdbool.h>

enum { FRAME_STATS_BINS = 200000 }; /* 0 .. 2000 ms */

typedef struct FrameStats {
    unsigned *bins; /* FRAME_STATS_BINS + 1 (the last counts longer frames) */
    long frames;
} FrameStats;

bool frame_stats_init(FrameStats *s);
void frame_stats_free(FrameStats *s);
void frame_stats_add(FrameStats *s, double ms);
/* Nearest-rank percentile p in (0, 100], in ms. */
double frame_stats_percentile(const FrameStats *s, double p);

#endif
