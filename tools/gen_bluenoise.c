/* TEMPORARY placeholder: jittered grid with hashed ranks (to be replaced). */
#include <stdio.h>
#include <stdint.h>
int main(int argc, char **argv)
{
    if (argc != 2) return 2;
    FILE *f = fopen(argv[1], "w");
    if (!f) return 1;
    const int n = 160; const double period = 128.0;
    fprintf(f, "#include <stdint.h>\nconst double bluenoise_tile_period_mm = %.1f;\nconst int bluenoise_tile_count = %d;\nconst uint16_t bluenoise_tile_xy[] = {\n", period, n * n);
    uint64_t s = 1;
    for (int i = 0; i < n * n; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        unsigned x = (unsigned)((i % n) * 65536 / n + ((s >> 33) & 255));
        unsigned y = (unsigned)((i / n) * 65536 / n + ((s >> 45) & 255));
        fprintf(f, "%u,%u,\n", x & 65535, y & 65535);
    }
    fprintf(f, "};\n");
    fclose(f);
    return 0;
}
