/* fuzz_replay.c - libFuzzer target: the replay-script parser (replay_parse_line), the input split into
 * lines as the replay driver does.
 * Built and run by `make fuzz` (tests/fuzz/fuzz.mk); checks in fuzz_checks.h.
 */
#include "fuzz_checks.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *problem = fuzz_check_replay(data, size);
    if (problem) {
        fprintf(stderr, "fuzz_replay: %s\n", problem);
        abort();
    }
    return 0;
}
