/* fuzz_photo.c - libFuzzer target: the photo loader from memory: format
 * sniffing, JPEG/PNG/HEIF/WebP decoding, EXIF orientation, ICC profiles, size limits (photo_probe_memory, then
 * photo_load_memory), plus the EXIF reader alone on the raw bytes.
 * Built and run by `make fuzz` (tests/fuzz/fuzz.mk); checks in fuzz_checks.h.
 */
#include "fuzz_checks.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *problem = fuzz_check_photo(data, size);
    if (problem) {
        fprintf(stderr, "fuzz_photo: %s\n", problem);
        abort();
    }
    return 0;
}
