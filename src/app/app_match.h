/* app_match.h - Match in the editor (app_match.c): the Dots tab's Match button samples
 * the client's stubble beside the treated area, the eyedropper tool the disc tapped;
 * the proposal (core/match.h) is shown with Apply (one undo step) and Cancel. */
#ifndef SMP_APP_MATCH_H
#define SMP_APP_MATCH_H

#include "../core/match.h"
#include "app.h"

#include <stdint.h>

typedef struct AppMatch {
    bool offered;       /* a proposal waits for Apply or Cancel */
    unsigned photo_gen; /* ... made on this photo: another photo drops it */
    MatchProposal p;
} AppMatch;

/* at: the eyedropper's disc in photo pixels, or NULL for the automatic sample. */
void app_match_run(App *app, const MatchDisc *at);
/* The eyedropper's tap at photo pixel (px, py): a disc of MATCH_DISC_MM. */
void app_match_tap(App *app, double px, double py);
void app_match_apply(App *app);
void app_match_cancel(App *app);
/* The Dots tab's rows (Match, Eyedropper, the proposal); returns the y under them. */
float app_match_rows(App *app, uint32_t tab, float x, float y, float w);

#endif
