/* fuzz_bundle.c - libFuzzer target: the bundle reader (bundle_parse, io/bundle.h): parts inside the input,
 * a bare photo name, one-line refusals.
 * Built and run by `make fuzz` (tests/fuzz/fuzz.mk); checks in fuzz_checks.h.
 */
#include "fuzz_checks.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *problem = fuzz_check_bundle(data, size);
    if (problem) {
        fprintf(stderr, "fuzz_bundle: %s\n", problem);
        abort();
    }
    return 0;
}
