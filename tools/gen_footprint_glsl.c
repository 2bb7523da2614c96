/* gen_footprint_glsl - writes the dermal dot's constants (src/core/footprint_model.h)
 * as a GLSL #define block, put after the #version line of every shader, so the
 * GPU view and the CPU renderer read their numbers from one place.
 *   gen_footprint_glsl OUT.glsl */
#include "../src/core/footprint_model.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: gen_footprint_glsl OUT.glsl\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    /* Floats with a decimal point (GLSL has no implicit int -> float in ES). */
    fprintf(out, "// generated from src/core/footprint_model.h by tools/gen_footprint_glsl.c\n");
    fprintf(out, "#define FP_HALO_SHARE %.9f\n", (double)FP_HALO_SHARE);
    fprintf(out, "#define FP_SCATTER_MM %.9f\n", (double)FP_SCATTER_MM);
    fprintf(out, "#define FP_HALO_SPREAD %.9f\n", (double)FP_HALO_SPREAD);
    fprintf(out, "#define FP_HALO_POWER %.9f\n", (double)FP_HALO_POWER);
    fprintf(out, "#define FP_HALO_MIN_VAR_PX2 %.9f\n", (double)FP_HALO_MIN_VAR_PX2);
    fprintf(out, "#define FP_OUTLINE_AMP2 %.9f\n", (double)FP_OUTLINE_AMP2);
    fprintf(out, "#define FP_OUTLINE_AMP3 %.9f\n", (double)FP_OUTLINE_AMP3);
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
