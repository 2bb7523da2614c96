#!/usr/bin/env bash
# Match in the app (src/app/app_match.c) on the tan stubble photo: the Look step's
# "Match stubble" shows a proposal and changes nothing until Apply; Apply sets the
# plan's dots and pigment to what `smpview match` proposes for the same plan (one
# core), as one undo step (Ctrl+Z brings the plan back, the dots with it); Cancel
# leaves the plan; the eyedropper (I, then a tap on the stubble) proposes what
# `smpview match --at` does there.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
if [ ! -r "$SHARED_PHOTOS/rf_top_crown_shaved-stubble_tan.jpg" ]; then
    skip ui_match "no ../shared/photos"
    exit 0
fi
sed 's|"path": "../../../|"path": "'"$SMP_ROOT"'/../|' "$SMP_ROOT/tests/plans/match_stubble_tan.smp" >tan.smp
# 1280x800: the Look step at (1194, 83); "Match stubble" (1035, 487), then Apply
# (1035, 615) and Cancel (1194, 615) under the proposal; the photo at 111%
# from (172, 56): photo pixel 585,320 (stubble) is at (821, 411).
cat >auto.txt <<EOS
mouse_down 1194 83
mouse_up 1194 83
wait 3
screenshot $TMP/before.png
mouse_down 1035 487
mouse_up 1035 487
wait 1
dump $TMP/offered.smp
mouse_down 1035 615
mouse_up 1035 615
wait 2
dump $TMP/applied.smp
screenshot $TMP/applied.png
key ctrl+z
wait 2
dump $TMP/undone.smp
screenshot $TMP/undone.png
mouse_down 1035 487
mouse_up 1035 487
wait 1
mouse_down 1194 615
mouse_up 1194 615
wait 1
dump $TMP/cancelled.smp
key i
mouse_down 821 411
mouse_up 821 411
wait 1
mouse_down 1035 615
mouse_up 1035 615
wait 1
dump $TMP/dropper.smp
quit
EOS
if ! "$SMPVIEW" tan.smp --size 1280x800 --state-dir "$TMP/state" --replay auto.txt >auto.out 2>auto.err; then
    fail ui_match_replay "$(head -c 300 auto.err)"
    exit 0
fi
want=$("$SMPVIEW" match tan.smp | sed -n 's/^proposal shade=\([0-9.]*\) .*density=\([0-9.]*\) .*/\1 \2/p')
at=$("$SMPVIEW" match tan.smp --at 585,320 | sed -n 's/^proposal shade=\([0-9.]*\) .*density=\([0-9.]*\) .*/\1 \2/p')
same_look() { # FILE "SHADE DENSITY"
    plan "$1" "abs(p['pigment']['shade'] - $(echo "$2" | cut -d' ' -f1)) < 0.0006 and abs(p['dots']['density'] - $(echo "$2" | cut -d' ' -f2)) < 0.06"
}
check ui_match_offer_changes_nothing plan offered.smp "p['dots']['density'] == 90 and p['pigment']['shade'] == 0.7"
check ui_match_apply_takes_proposal same_look applied.smp "$want"
check ui_match_apply_changes_plan plan applied.smp "p['dots']['density'] != 90"
check ui_match_undo_one_step plan undone.smp "p['dots']['density'] == 90 and p['pigment']['shade'] == 0.7 and p['dots']['diameter_mm'] == [0.35, 0.75]"
check ui_match_cancel_leaves_plan plan cancelled.smp "p['dots']['density'] == 90 and p['pigment']['shade'] == 0.7"
check ui_match_eyedropper_takes_proposal same_look dropper.smp "$at"
# the view follows: the applied look's dots differ from the undone one's, which is the plan's own
check ui_match_view_changes test "$(cmp_field applied.png undone.png differing 172 56 882 766)" -gt 500
check ui_match_view_undone test "$(cmp_field before.png undone.png differing 172 56 882 766)" -lt 50
