/* app_match.h - Match in the editor (app_match.c): the Dots tab's Match button samples
 * the client's stubble beside the treated area, the eyedropper tool the disc tapped;
 * the proposal (core/match.h) is found on a worker thread (on copies of the photo,
 * its mattes and the plan) and shown with Apply (one undo step) and Cancel. */
#ifndef SMP_APP_MATCH_H
#define SMP_APP_MATCH_H

#include "../core/match.h"
#include "app.h"

#include <stdatomic.h>
#include <stdint.h>
#include <threads.h>

typedef struct AppMatchJob {
    thrd_t thread;
    bool running;
    atomic_int done; /* 1 when the thread has finished */
    bool ok;
    SmpError err;
    SmpImage photo;  /* copies: the document may change while it works */
    SmpMattes mattes;
    bool has_mattes;
    SmpPlan plan;
    MatchDisc at;
    bool has_at;
    SkinTone skin; /* the document's: Match keeps clear of the warnings the Look step shows */
    MatchProposal p;
} AppMatchJob;

typedef struct AppMatch {
    AppMatchJob job;
    unsigned photo_gen; /* the photo the job or the proposal is for: another drops it */
    bool offered;       /* a proposal waits for Apply or Cancel */
    MatchProposal p;
} AppMatch;

/* at: the eyedropper's disc in photo pixels, or NULL for the automatic sample. */
void app_match_run(App *app, const MatchDisc *at);
/* The eyedropper's tap at photo pixel (px, py): a disc of MATCH_DISC_MM. */
void app_match_tap(App *app, double px, double py);
/* Each frame: folds in a finished proposal. */
void app_match_poll(App *app);
void app_match_join(App *app);
bool app_match_running(const App *app);
void app_match_apply(App *app);
void app_match_cancel(App *app);
/* The Dots tab's rows (Match, Eyedropper, the proposal); returns the y under them. */
float app_match_rows(App *app, uint32_t tab, float x, float y, float w);

#endif
