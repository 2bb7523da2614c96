#!/usr/bin/env bash
# The kept scene (src/gfx/gfx.c, scene_draw): while a hairline point is dragged
# on the zoomed-out view only the screen rectangle whose dots changed is drawn
# again. What the window shows must be pixel for pixel what a whole redraw of
# the same state shows (tests/ui/scene_kept.txt), at two points of the drag.
# Control: the drag changed the picture each time, so the equalities are not
# those of an untouched view.
. "$(dirname "$0")/../lib.sh"
ui_setup
if "$SMPVIEW" "$SMP_ROOT/bench/drag.smp" --size 1280x800 --state-dir "$TMP/state" --replay "$UI/scene_kept.txt" >out 2>err; then
    ok scene_kept_replay_runs; else fail scene_kept_replay_runs "status $?: $(head -c 300 err)"; fi
check scene_kept_mid_as_whole $PT region-equal mid.png 0 0 mid_whole.png 0 0 1280 800 0
check scene_kept_dragged_as_whole $PT region-equal dragged.png 0 0 dragged_whole.png 0 0 1280 800 0
for pair in "before mid" "mid dragged"; do
    set -- $pair
    n=$(cmp_field "$1.png" "$2.png" differing)
    if [ "${n:-0}" -gt 1000 ]; then ok "scene_kept_control_${1}_${2}_differ"; else
        fail "scene_kept_control_${1}_${2}_differ" "only ${n:-?} pixels changed"; fi
done
