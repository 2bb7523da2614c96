/* plan.h - the treatment plan: everything needed to re-render a preview.
 *
 * A plan is plain data (no pointers except the region arrays) in photo pixel
 * coordinates; millimetres come from the scale. plan_init fills the defaults
 * documented in docs/plan-format.md. The JSON file format lives in plan_json.h.
 *
 * Conventions:
 *   - points are photo pixels of the upright photo, x right, y down;
 *   - the hairline is an ordered list of control points; the treated (scalp) side
 *     is on the LEFT when walking from the first point to the last in image
 *     coordinates, i.e. ABOVE a hairline drawn left to right on a front photo;
 *   - angles are degrees from +x toward +y (clockwise on screen).
 */
#ifndef SMP_PLAN_H
#define SMP_PLAN_H

#include "error.h"

#include <stdbool.h>
#include <stdint.h>

#define PLAN_FORMAT_VERSION 2

enum {
    PLAN_MAX_HAIRLINE_POINTS = 64,
    PLAN_MAX_REGIONS = 256,
    PLAN_MAX_REGION_POINTS = 4096, /* per region */
    PLAN_PATH_MAX = 1024,
    PLAN_CLIENT_MAX = 128, /* bytes of the client's name or reference, with its NUL */
    PLAN_MAX_HEAD_CORRECTIONS = 128,
    PLAN_MAX_CORRECTION_POINTS = 1024, /* per correction stroke */
    PLAN_MAX_VIEWS = 8, /* photos of one treatment: view 0 and 7 more */
    PLAN_LABEL_MAX = 32, /* a view's label, with its NUL */
};
#define PLAN_MAX_CORRECTION_RADIUS_PX 1000.0

typedef struct PlanPoint {
    double x, y;
} PlanPoint;

typedef enum PlanHairlineStyle {
    HAIRLINE_SOFT = 0, /* wide transition, natural (default) */
    HAIRLINE_BROKEN,   /* strong macro irregularity */
    HAIRLINE_EDGED,    /* crisp barber line, narrow transition */
    HAIRLINE_MATURE,   /* higher, receded temples, soft */
    HAIRLINE_STYLE_COUNT
} PlanHairlineStyle;

typedef enum PlanRegionKind {
    REGION_TREAT = 0, /* add dots here */
    REGION_EXCLUDE,   /* never dots here (eyebrows, ears, background) */
    REGION_SCAR,      /* treat, with the pattern extended beyond the edge */
    REGION_KIND_COUNT
} PlanRegionKind;

typedef enum PlanRegionShape {
    REGION_POLYGON = 0, /* closed polygon through the points */
    REGION_STROKE,      /* brush stroke: capsules of `radius_mm` along the points */
} PlanRegionShape;

typedef struct PlanRegion {
    PlanRegionKind kind;
    PlanRegionShape shape;
    bool erase;       /* stroke that removes its kind instead of adding it */
    double radius_mm; /* brush radius for strokes, mm of skin */
    int view;         /* the photo it was painted on: 0, or one of the plan's views */
    int count;
    PlanPoint *points; /* owned, `count` entries, in that view's photo pixels */
} PlanRegion;

typedef enum PlanStage {
    STAGE_FRESH = 0, /* just after the session: bolder, darker, slightly larger */
    STAGE_HEALED,    /* about a month: what the client lives with (default) */
    STAGE_AGED,      /* years later: faded, softer, slightly blue */
    STAGE_COUNT
} PlanStage;

typedef struct PlanScale {
    bool set;
    PlanPoint a, b;     /* two photo points ... */
    double distance_mm; /* ... this far apart in reality */
} PlanScale;

typedef struct PlanLandmarks {
    bool has_glabella, has_eye_left, has_eye_right;
    PlanPoint glabella, eye_left, eye_right; /* eye = outer corner, as seen */
    bool has_midline;
    PlanPoint midline_a, midline_b; /* facial midline, two points */
    /* optional: the ears' centres, by the client's side (not as seen): they pin the
     * head's turn, and left from right in a side view (docs/head3d.md) */
    bool has_ear_left, has_ear_right;
    PlanPoint ear_left, ear_right;
} PlanLandmarks;

typedef struct PlanHairline {
    int count;
    PlanPoint points[PLAN_MAX_HAIRLINE_POINTS];
    bool symmetric;            /* mirror the points about the midline */
    PlanHairlineStyle style;
    double transition_mm;      /* width of the density ramp, 5..10 typical */
    double macro_irregularity; /* 0..1: waves and points along the line */
    double micro_irregularity; /* 0..1: stray dots ahead of the line */
} PlanHairline;

typedef struct PlanGrowth {
    double front_angle_deg; /* dot direction away from the crown, image plane */
    bool has_whorl;
    PlanPoint whorl;        /* crown whorl centre, photo px */
    bool whorl_clockwise;
    double whorl_radius_mm; /* how far the swirl reaches */
} PlanGrowth;

typedef struct PlanDots {
    double density;          /* dots per cm2 at full treatment, last session */
    double diameter_min_mm;  /* healed dot diameter range */
    double diameter_max_mm;
    double elongation;       /* mean major/minor, >= 1 */
    double angle_spread_deg; /* random spread around the growth direction */
} PlanDots;

typedef struct PlanPigment {
    double shade;  /* 0 = very diluted grey .. 1 = undiluted carbon black */
    double warmth; /* -1 cool/ash .. 0 neutral .. +1 warm/brown */
} PlanPigment;

/* The fitted 3D head (docs/head3d.md): optional; absent in older plans. */
typedef struct PlanHead {
    bool set;
    int view;                /* HeadView: 0 front, 1 top, 2 left, 3 right, 4 back */
    double yaw_deg, pitch_deg, roll_deg;
    double size;             /* relative to the template scalp */
    double centre_mm[3];     /* ellipsoid centre, camera frame */
    double focal_px;
    /* The editor's only (never in a file): with `set` false, the label `view` was
     * chosen (V) and the head is fitted as it; false: the label is guessed. */
    bool view_chosen;
} PlanHead;

/* Whether a head lies within the bounds a plan file's head is read with
 * (docs/plan-format.md): a fit outside them could be written but not read back. */
bool plan_head_in_bounds(const PlanHead *h);

/* A technician's correction of the head matte (docs/mattes.md): a brush stroke of
 * capsules along the points that says "this is head" or "this is not head". Only
 * these go into the plan; the automatic matte is re-derived from the photo. */
typedef struct HeadCorrection {
    bool head;        /* true: head (forces 1, and seeds the matte); false: not head (forces 0) */
    double radius_px; /* brush radius in photo pixels */
    int count;
    PlanPoint *points; /* owned, `count` entries */
    int view;         /* the photo whose matte it corrects: 0, or one of the plan's views */
} HeadCorrection;

/* The client's consent to marketing use of the pictures (exports for social
 * media need it): recorded or not, the answer and the day it was given. */
typedef struct PlanConsent {
    bool recorded;
    bool marketing;
    char date[11]; /* YYYY-MM-DD */
} PlanConsent;

/* Another photo of the same client (format version 2, docs/plan-format.md): the
 * plan's own photo and head are view 0; these are views 1, 2, ... The treatment is
 * view 0's and reaches these through both fits (docs/head3d.md, "Several views"). */
typedef struct PlanView {
    char photo_path[PLAN_PATH_MAX]; /* relative to the plan file */
    char photo_hash[80];
    int photo_width, photo_height;
    char label[PLAN_LABEL_MAX];     /* "top", "left side", ... may be empty */
    PlanHead head;                  /* its fit; a view without one cannot be drawn */
} PlanView;

typedef struct SmpPlan {
    int version;
    char photo_path[PLAN_PATH_MAX]; /* relative to the plan file, may be empty */
    char photo_hash[80];            /* content hash of the photo, may be empty */
    char client[PLAN_CLIENT_MAX];   /* the client's name or reference, may be empty; no control characters */
    int photo_width, photo_height;  /* upright size the plan was made on, 0 = unknown */
    PlanScale scale;
    PlanLandmarks landmarks;
    PlanHairline hairline;
    int region_count;
    PlanRegion regions[PLAN_MAX_REGIONS];
    double edge_blend_mm; /* painted areas thin out over this width inside their edge, 0..20 */
    /* true: only painted treat/scar areas get dots (the hairline shapes them);
     * false (default): treat strokes add to the hairline's treated side */
    bool only_painted;
    PlanGrowth growth;
    PlanDots dots;
    PlanPigment pigment;
    int sessions;     /* 2..4, default 3 */
    int session;      /* 1..sessions: the one shown */
    PlanStage stage;
    double aged_years; /* for STAGE_AGED */
    uint32_t seed;
    PlanHead head;
    PlanConsent consent;
    int head_correction_count; /* applied in order; none in older plans */
    HeadCorrection head_corrections[PLAN_MAX_HEAD_CORRECTIONS];
    /* Several photos (version 2): view 0 is the fields above, with this label. */
    char photo_label[PLAN_LABEL_MAX];
    int extra_view_count; /* 0 .. PLAN_MAX_VIEWS - 1 */
    PlanView extra_views[PLAN_MAX_VIEWS - 1]; /* views 1 .. extra_view_count */
} SmpPlan;

/* The blend width of plans made before it could be set. */
#define PLAN_DEFAULT_EDGE_BLEND_MM 3.0
#define PLAN_MAX_EDGE_BLEND_MM 20.0

/* Default px/mm when a plan has no scale: a typical phone portrait. */
#define PLAN_DEFAULT_PX_PER_MM 4.0

/* Fills the defaults (no photo, no hairline, no regions). */
void plan_init(SmpPlan *plan);
/* Frees region points and resets to defaults. */
void plan_free(SmpPlan *plan);
/* Deep copy (dst must not hold allocations, or be plan_free'd first). */
bool plan_copy(const SmpPlan *src, SmpPlan *dst, SmpError *err);
/* The parts in which two plans differ, field by field (region points
 * included; a whorl, landmark or midline that is absent in both counts as
 * equal wherever it sits): a mask of PlanPart, 0 when the plans are equal. */
typedef enum PlanPart {
    PLAN_PART_PHOTO = 1 << 0,     /* version, photo path, hash and size */
    PLAN_PART_SCALE = 1 << 1,
    PLAN_PART_LANDMARKS = 1 << 2, /* glabella, eye corners and ears */
    PLAN_PART_MIDLINE = 1 << 3,   /* the facial midline (mirrors the hairline) */
    PLAN_PART_HAIRLINE = 1 << 4,
    PLAN_PART_REGIONS = 1 << 5,
    PLAN_PART_LOOK = 1 << 6,      /* growth, dots, pigment, sessions, stage, seed */
    PLAN_PART_HEAD = 1 << 7,      /* the fitted 3D head */
    PLAN_PART_CONSENT = 1 << 8,   /* consent to marketing use */
    PLAN_PART_HEAD_CORRECTIONS = 1 << 9, /* the head matte's correction strokes */
    PLAN_PART_VIEWS = 1 << 10,    /* view 0's label and the other views */
    PLAN_PART_CLIENT = 1 << 11,   /* the client's name or reference */
} PlanPart;
unsigned plan_diff(const SmpPlan *a, const SmpPlan *b);
/* plan_diff(a, b) == 0. */
bool plan_equal(const SmpPlan *a, const SmpPlan *b);

/* Appends a region, copying the points. */
bool plan_add_region(SmpPlan *plan, PlanRegionKind kind, PlanRegionShape shape, bool erase,
                     double radius_mm, const PlanPoint *points, int count, SmpError *err);

/* Appends a head-matte correction stroke, copying the points. */
bool plan_add_head_correction(SmpPlan *plan, bool head, double radius_px, const PlanPoint *points, int count,
                              SmpError *err);

/* Appends a view (views 1 ..): false with a message when PLAN_MAX_VIEWS are there. */
bool plan_add_view(SmpPlan *plan, const PlanView *view, SmpError *err);
/* Views in the plan: 1 + the extra ones. */
int plan_view_count(const SmpPlan *plan);
/* View n as a PlanView (n = 0: the plan's own photo and head); n must be in range. */
PlanView plan_view(const SmpPlan *plan, int n);

/* True when a painted region adds treatment (treat or scar, not an eraser). */
bool plan_adds_treatment(const SmpPlan *plan);

/* Pixels per millimetre from the scale (PLAN_DEFAULT_PX_PER_MM when unset). */
double plan_px_per_mm(const SmpPlan *plan);

/* Style presets: set transition and irregularity for a hairline style. */
void plan_apply_style(SmpPlan *plan, PlanHairlineStyle style);

const char *plan_stage_name(PlanStage s);
const char *plan_style_name(PlanHairlineStyle s);
const char *plan_region_kind_name(PlanRegionKind k);
/* Parse names; return false for unknown names. */
bool plan_stage_parse(const char *name, PlanStage *out);
bool plan_style_parse(const char *name, PlanHairlineStyle *out);
bool plan_region_kind_parse(const char *name, PlanRegionKind *out);

#endif
