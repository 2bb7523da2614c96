#!/usr/bin/env bash
# M shows where the mattes keep the dots off (the wall behind a top view) and
# leaves the scalp untinted; pressed again, the view is as before.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
PLAN="$SMP_ROOT/tests/plans/crown_dark_top.smp"
printf 'wait 2\nscreenshot %s/off.png\nkey m\nwait 2\nscreenshot %s/on.png\nkey m\nwait 1\nscreenshot %s/off2.png\nquit\n' \
    "$TMP" "$TMP" "$TMP" >ov.txt
if ! "$SMPVIEW" "$PLAN" --size 1280x800 --state-dir "$TMP/state" --replay ov.txt >app.out 2>app.err; then
    fail mattes_overlay_replay_runs "$(head -c 300 app.err)"; exit 0
fi
ok mattes_overlay_replay_runs
# the wall at the top left of the photo, and the scalp below the crown
if "$IMGCMP" region-equal on.png 190 70 off.png 190 70 120 60 8 >/dev/null; then
    fail mattes_overlay_tints_background "the wall looks the same with the overlay on"
else ok mattes_overlay_tints_background; fi
check mattes_overlay_leaves_scalp "$IMGCMP" region-equal on.png 420 600 off.png 420 600 60 40 0
check mattes_overlay_leaves_scalp_2 "$IMGCMP" region-equal on.png 560 620 off.png 560 620 60 40 0
check mattes_overlay_off_again "$IMGCMP" region-equal off2.png 172 56 off.png 172 56 700 700 0
