#!/usr/bin/env bash
# bench_page.sh - the browser build opening a 24 MP photo (6000x4000 JPEG) as
# the file picker would, in Debian's chromium, headless, on software GL
# (tests/web/harness.js bigOpen, as web_test.sh runs it): the open, from the
# pick to the photo on screen whole (the issue's target: at most 2 s, and no
# wait between frames over 50 ms meanwhile), then the mattes found after it.
# Medians of 3 runs; the idle page's longest wait is the software GL's floor.
#   bench/bench_page.sh BUILD_DIR
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
export SMP_ROOT=$root SMP_BUILD=$root/$build SMPVIEW=$root/$build/smpview
. "$root/tests/lib.sh"
. "$root/tests/web/page.sh"
if [ -z "$chrome" ] || [ ! -f "$web/smpview.wasm" ]; then
    echo "page open, 24 MP: skipped (no chromium or no web build; make deps, make web)"
    exit 0
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
runs=$TMP/runs.txt
: >"$runs"
big_photo run1
for i in 1 2 3; do
    [ "$i" = 1 ] || { mkdir -p "$TMP/run$i" && cp "$TMP/run1/big24.jpg" "$TMP/run$i/"; }
    page "run$i" "nosw=1&bigopen=big24.jpg"
    cat "$TMP/run$i/bigopen.txt" >>"$runs" 2>/dev/null
done
if ! grep -q "drawn_ms=[0-9]" "$runs"; then echo "page open, 24 MP: not measured ($(head -c 200 "$runs"))"; exit 0; fi
of() { grep -Eo "(^| )$1=[0-9]+" "$runs" | sed 's/.*=//' | median; }
drawn=$(of drawn_ms) gap=$(of open_max_frame_gap_ms) over=$(of open_gaps_over_50ms)
printf 'page open, 24 MP, chromium on software GL: %.2f s to the photo drawn whole (target <= 2 s: %s), longest wait between frames %d ms, %d waits over 50 ms (target: none over 50 ms: %s)\n' \
    "$(echo "$drawn" | awk '{ print $1 / 1000 }')" "$([ "$drawn" -le 2000 ] && echo met || echo 'NOT met')" \
    "$gap" "$over" "$([ "$gap" -le 50 ] && echo met || echo 'NOT met')"
printf '  then the mattes found at %.2f s (longest wait %d ms, 95th percentile %d ms); idle page longest wait %d ms (medians of %d runs)\n' \
    "$(of mattes_ms | awk '{ print $1 / 1000 }')" "$(of max_frame_gap_ms)" "$(of frame_gap_p95_ms)" "$(of idle_frame_gap_ms)" \
    "$(grep -c drawn_ms "$runs")"
