/* scene.h - the engine: a plan on a photo of a given size, turned into dots.
 *
 * Owns the candidate field (built once per photo size and scale), the density
 * field (rebuilt in parts after an edit) and the visible dot list. Call
 * scene_update after every plan edit with what changed; only that work is redone
 * (a hairline drag re-evaluates only the candidates where the hairline's distance
 * field changed, with results bit for bit those of a full update), and nothing
 * allocates once the buffers have grown to size. Not thread-safe: one scene per
 * editor or render job.
 */
#ifndef SMP_SCENE_H
#define SMP_SCENE_H

#include "dots.h"
#include "plan.h"

typedef enum SceneChange {
    SCENE_CHANGED_HAIRLINE = 1 << 0,  /* hairline points, style, irregularity, midline */
    SCENE_CHANGED_REGIONS = 1 << 1,   /* painted regions */
    SCENE_CHANGED_LOOK = 1 << 2,      /* dots, pigment, growth, session, stage, seed */
    SCENE_CHANGED_SCALE = 1 << 3,     /* scale: everything in mm moves */
    SCENE_CHANGED_ALL = 0xff,
} SceneChange;

typedef struct SmpScene SmpScene;

/* A scene for a photo of width x height pixels (upright). */
bool scene_create(int photo_width, int photo_height, SmpScene **out, SmpError *err);
void scene_destroy(SmpScene *scene);

/* Brings the dots up to date with plan. `changed` is a SceneChange mask; pass
 * SCENE_CHANGED_ALL when unsure (the first call always does everything). */
bool scene_update(SmpScene *scene, const SmpPlan *plan, unsigned changed, SmpError *err);

const DotList *scene_dots(const SmpScene *scene);

struct ScarSpotList;
/* FUE scars found in the photo (scar_spots_detect): each one on a painted scar
 * of the plan gets a dot of its own, after the candidate dots. Copied; takes
 * effect at the next scene_update. Positions are in mm: detect again after a
 * scale change. */
bool scene_set_scar_spots(SmpScene *scene, const struct ScarSpotList *spots, SmpError *err);
double scene_px_per_mm(const SmpScene *scene);

struct Head3D;
/* The fitted 3D head (head3d.h) or NULL for the flat photo (the default; a scene
 * without a head renders exactly as before). With a head, density is per cm2 of
 * skin and dots are foreshortened (head3d_dots.h). Copied; takes effect at the next
 * scene_update. */
void scene_set_head(SmpScene *scene, const struct Head3D *head);
struct ScalpViews;
/* One chart of a plan with several views (scalp_views.h): with its head set, the
 * scene keeps only the dots on skin `view` owns. NULL (the default): all it sees.
 * Copied; takes effect at the next scene_update. */
void scene_set_views(SmpScene *scene, const struct ScalpViews *views, int view);
int scene_candidate_count(const SmpScene *scene);
/* Bytes the scene keeps per candidate; candidate fields over a fixed budget
 * (a mis-set scale) are refused by scene_update with a one-line message. */
size_t scene_bytes_per_candidate(void);

#endif
