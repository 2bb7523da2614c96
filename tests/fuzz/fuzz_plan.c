/* fuzz_plan.c - libFuzzer target: the plan file reader (plan_from_json); whatever loads must save and
 * read back equal.
 * Built and run by `make fuzz` (tests/fuzz/fuzz.mk); checks in fuzz_checks.h.
 */
#include "fuzz_checks.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *problem = fuzz_check_plan(data, size);
    if (problem) {
        fprintf(stderr, "fuzz_plan: %s\n", problem);
        abort();
    }
    return 0;
}
