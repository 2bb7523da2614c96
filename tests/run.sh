#!/usr/bin/env bash
# Runs every test and prints one closing line "N passed, N failed, N skipped".
#   tests/run.sh BUILD_DIR
# Unit tests are the binaries BUILD_DIR/tests/test_*; script tests are
# tests/cli/*.sh and tests/ui/*.sh (each prints "ok NAME" / "FAIL NAME: why" /
# "skip NAME: why"). A binary or script that dies without reporting counts as one
# failure; a skip is printed and counted apart, never as passed.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export SMPVIEW="$root/$build/smpview" SMP_ROOT="$root" SMP_BUILD="$root/$build"
export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1
passed=0 failed=0 skipped=0
logdir="$root/$build/test-logs"
mkdir -p "$logdir"

run_one() { # name, command...
    local name=$1; shift
    local log="$logdir/$name.log"
    "$@" >"$log" 2>&1
    local rc=$?
    local p f k
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^FAIL ' "$log")
    k=$(grep -c '^skip ' "$log")
    grep -E '^(ok|FAIL|skip) ' "$log" | sed "s|^|[$name] |"
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name: exited with status $rc (see $log)"
        tail -5 "$log" | sed 's/^/    /'
        f=1
    elif [ "$f" -gt 0 ]; then
        grep -A3 -E '^(FAIL|.*runtime error|.*ERROR: )' "$log" | grep -vE '^(ok|FAIL|skip) ' | head -8 | sed 's/^/    /'
    fi
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + k))
}

for t in "$root/$build"/tests/test_*; do
    [ -x "$t" ] || continue
    run_one "$(basename "$t")" "$t"
done
for s in "$root"/tests/cli/*.sh "$root"/tests/ui/*.sh; do
    [ -f "$s" ] || continue
    run_one "$(basename "$s" .sh)" bash "$s"
done
# The browser build's test, once per `make test` (check-test sets this).
if [ "${SMP_WEB_TEST:-0}" = 1 ]; then
    run_one web_test bash "$root/tests/web/web_test.sh" "$build"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
