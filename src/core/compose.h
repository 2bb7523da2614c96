/* compose.h - export layouts and presets: crops a finished image to a social
 * aspect ratio (1:1, 4:5, 9:16) around the head, or leaves it whole (full).
 *
 * The crop is the largest rectangle of the exact aspect that fits the image,
 * centred on the head box (or the image centre when no box is known) and
 * shifted inward so it never leaves the image.
 */
#ifndef SMP_COMPOSE_H
#define SMP_COMPOSE_H

#include "image.h"

typedef enum ComposePreset { PRESET_FULL, PRESET_1_1, PRESET_4_5, PRESET_9_16 } ComposePreset;

/* A box in image pixels; w or h <= 0 means "unknown, use the centre". */
typedef struct ComposeBox {
    int x, y, w, h;
} ComposeBox;

typedef struct ComposeRect {
    int x, y, w, h;
} ComposeRect;

/* "full", "1:1", "4:5" or "9:16"; false (with a message naming the value) otherwise. */
bool compose_parse_preset(const char *name, ComposePreset *out, SmpError *err);
/* Social presets must carry the SIMULATION label and need recorded consent. */
bool compose_preset_is_social(ComposePreset preset);
/* Where the preset crops an image of width x height around head. */
ComposeRect compose_preset_rect(int width, int height, ComposePreset preset, ComposeBox head);
/* Copies that rectangle of src into out (a new image). */
bool compose_apply_preset(const SmpImage *src, ComposePreset preset, ComposeBox head, SmpImage *out,
                          SmpError *err);

#endif
