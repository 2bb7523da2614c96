#!/usr/bin/env bash
# Runs libFuzzer targets (see tests/fuzz/fuzz.mk); called by `make fuzz`.
#   FUZZ_BUILD=build-fuzz FUZZ_SECONDS=600 FUZZ_TIMEOUT=20 tests/fuzz/run.sh TARGET...
# Each target runs on build-fuzz/corpus/TARGET, a working copy seeded from
# tests/fuzz/corpus/TARGET and tests/fuzz/regress/TARGET (tests/ is only read).
# Prints one line per target with the executions run; exits 1 if any target
# found a crash, hang or leak (the input is in build-fuzz/artifacts/TARGET/).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD:-build-fuzz}
seconds=${FUZZ_SECONDS:-600}
timeout=${FUZZ_TIMEOUT:-20}
cd "$root" || exit 2
status=0
for t in "$@"; do
    corpus="$build/corpus/$t" artifacts="$build/artifacts/$t" log="$build/fuzz_$t.log"
    mkdir -p "$corpus" "$artifacts"
    for d in "tests/fuzz/corpus/$t" "tests/fuzz/regress/$t"; do
        [ -d "$d" ] && cp -n "$d"/* "$corpus"/ 2>/dev/null
    done
    echo "fuzz_$t: ${seconds}s on $corpus (log: $log)"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$build/fuzz_$t" -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" >"$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    secs=$(sed -n 's/^stat::total_time_in_seconds\?: *//p' "$log" | tail -1)
    files=$(find "$corpus" -type f | wc -l)
    if [ "$rc" -eq 0 ]; then
        echo "fuzz_$t: ${execs:-?} executions in ${secs:-$seconds} s, corpus $files files, no crash"
    else
        status=1
        echo "fuzz_$t: FAILED after ${execs:-?} executions (status $rc); input(s):"
        ls "$artifacts" | sed "s|^|    $artifacts/|"
        grep -m1 -E 'ERROR: |runtime error|fuzz_[a-z]+: ' "$log" | sed 's/^/    /'
    fi
done
exit $status
