#!/usr/bin/env bash
# bench_app.sh - the app's figures: frame times while dragging a hairline point
# (1280x800, offscreen SDL, software GL; bench/drag.txt on bench/drag.smp, the
# front sample at 100 dots/cm2, healed, then on the same plan at the fresh
# stage, whose redness map follows the dots), and start-up (to the first frame,
# to the photo with its dots, and the whole run with the mattes found). Medians
# of 5 drag runs and 3 start-ups; targets are printed, never enforced.
#   bench/bench_app.sh BUILD_DIR
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
app=$root/$build/smpview
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
stat_of() { sed -n "s/.*[ ]*$1=\([0-9.]*\).*/\1/p" "$2"; } # KEY FILE: one value per run

drag() { # LABEL PLAN
    local out=$tmp/drag.txt
    : >"$out"
    for _ in 1 2 3 4 5; do
        "$app" "$2" --size 1280x800 --replay "$root/bench/drag.txt" --stats 2>/dev/null | grep '^frames=' >>"$out"
    done
    if [ ! -s "$out" ]; then echo "app drag, $1: not measured ($app --replay --stats printed nothing)"; return; fi
    local med p95 dots
    med=$(stat_of frame_ms_median "$out" | median) p95=$(stat_of frame_ms_p95 "$out" | median)
    dots=$(stat_of dots "$out" | median)
    printf 'app drag, %s, 1280x800, offscreen GL, %s dots: frame %.1f ms median, p95 %.1f ms (medians of %d runs)   target p95 < 33 ms: %s\n' \
        "$1" "$dots" "$med" "$p95" "$(wc -l <"$out")" "$(awk -v p="$p95" 'BEGIN { print (p < 33 ? "met" : "NOT met") }')"
}

startup() {
    printf 'quit\n' >"$tmp/quit.txt"
    for _ in 1 2 3; do
        local s e
        s=$(date +%s%N)
        SMPVIEW_FIRST_FRAME=1 "$app" "$root/bench/drag.smp" --size 1280x800 --replay "$tmp/quit.txt" \
            2>"$tmp/first.err" >/dev/null
        e=$(date +%s%N)
        echo "$(stat_of first_frame_ms "$tmp/first.err") $(stat_of photo_shown_ms "$tmp/first.err") $(((e - s) / 1000000))"
    done >"$tmp/first.txt"
    awk '{ f[NR] = $1; p[NR] = $2; t[NR] = $3 }
        function mid(a, n,   i, j, x) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
            if (a[j] < a[i]) { x = a[i]; a[i] = a[j]; a[j] = x } return a[int((n + 1) / 2)] / 1000 }
        END { printf "app start-up: first frame %.3f s, the photo with its dots %.3f s, head and hair found (idle) %.3f s (medians of %d)   target photo < 0.5 s: %s\n",
            mid(f, NR), mid(p, NR), mid(t, NR), NR, (mid(p, NR) > 0 && mid(p, NR) < 0.5 ? "met" : "NOT met") }' "$tmp/first.txt"
}

# Switching views (issue 11): the front seed with the top sample added as view 1;
# the replay taps View 1 (which the app loads in the background once the Photo
# step lists the views; the replay waits for that), View 0, View 1, View 0; each
# switch is timed from the tap to the photo drawn whole with its dots.
views() {
    local d=$tmp/views
    mkdir -p "$d/assets" "$d/seeds"
    cp "$root/assets/sample_front.jpg" "$root/assets/sample_top.jpg" "$d/assets/"
    cp "$root/seeds/front_hairline.smp" "$d/seeds/plan.smp"
    "$app" plan-add-view "$d/seeds/plan.smp" "$d/assets/sample_top.jpg" --label top >/dev/null 2>&1 ||
        { echo "app view switch: not measured (plan-add-view failed)"; return; }
    for _ in 1 2 3; do
        SMPVIEW_FIRST_FRAME=1 "$app" "$d/seeds/plan.smp" --size 1280x800 --state-dir "$d/st" \
            --replay "$root/bench/views.txt" 2>&1 >/dev/null | sed -n 's/^photo_switch_ms=//p' | paste -sd' '
    done >"$tmp/switch.txt"
    awk 'NF == 4 { a[NR] = $1; b[NR] = $2; c[NR] = $3; d[NR] = $4; n++ }
        function mid(x,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
            if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t } return x[int((n + 1) / 2)] }
        END { if (!n) { print "app view switch: not measured"; exit }
            printf "app view switch, 1280x800: to view 1 %.0f ms, back to view 0 %.0f ms, to view 1 again %.0f ms, view 0 again %.0f ms (medians of %d)   target < 100 ms: %s\n",
                mid(a), mid(b), mid(c), mid(d), n, (mid(a) < 100 && mid(b) < 100 && mid(c) < 100 && mid(d) < 100 ? "met" : "NOT met") }' "$tmp/switch.txt"
}

[ -x "$app" ] || { echo "app figures: not measured (no $app)"; exit 0; }
# The fresh plan is written beside the healed one: its photo path is relative.
fresh=$root/bench/.drag_fresh_$$.smp
trap 'rm -rf "$tmp" "$fresh"' EXIT
sed 's/^{$/{ "stage": { "name": "fresh" },/' "$root/bench/drag.smp" >"$fresh"
drag "healed" "$root/bench/drag.smp"
drag "fresh (redness on)" "$fresh"
startup
views
