#!/usr/bin/env bash
# The Head brush (issue 9): a "not head" stroke takes the dots off where it is painted,
# in the view and in the export of the plan it saves, changes nothing elsewhere, and
# undo brings the dots back (tests/ui/head_brush.txt). The photo is the plain skin-toned
# test photo: the mattes find no head there, so dots cover it until corrected.
. "$(dirname "$0")/../lib.sh"
ui_setup
cat >plan.smp <<'PLAN'
{"smpview_plan": 1, "photo": {"path": "photo.png"}, "only_painted": true,
 "regions": [{"kind": "treat", "points": [[0, 0], [400, 0], [400, 300], [0, 300]]}]}
PLAN
if ! run head_brush.txt plan.smp --state-dir "$TMP/state"; then
    fail head_brush_replay_runs "$(head -c 300 "$TMP/head_brush.txt.err")"; exit 0
fi
ok head_brush_replay_runs
check head_brush_stroke_in_plan plan corrected.smp \
    "len(p['head_corrections']) == 1 and p['head_corrections'][0]['mode'] == 'not_head' and len(p['head_corrections'][0]['points']) >= 3"
check head_brush_undo_removes_it plan undone.smp "'head_corrections' not in p"
# Screen: the stroke runs along y 330 from x 250 to 400, 22 px wide each side at 92 %.
STROKE="270 322"; ABOVE="130 190"
# shellcheck disable=SC2086 # x y pairs
check head_brush_dots_gone "$IMGCMP" region-equal s1.png $STROKE photo_only.png $STROKE 110 16 2
# shellcheck disable=SC2086
if "$IMGCMP" region-equal s0.png $STROKE photo_only.png $STROKE 110 16 2 >/dev/null; then
    fail head_brush_dots_were_there "negative control: no dots under the stroke before it"
else ok head_brush_dots_were_there; fi
# shellcheck disable=SC2086
check head_brush_nothing_else_changes "$IMGCMP" region-equal s1.png $ABOVE s0.png $ABOVE 300 60 0
# shellcheck disable=SC2086
check head_brush_undo_brings_dots_back "$IMGCMP" region-equal s2.png $STROKE s0.png $STROKE 110 16 0
# shellcheck disable=SC2086
if "$IMGCMP" region-equal overlay.png $STROKE s1.png $STROKE 110 16 8 >/dev/null; then
    fail head_brush_shows_mattes "the brush's overlay does not tint the corrected area"
else ok head_brush_shows_mattes; fi
# The export of the saved plan draws the same: no dots under the stroke (photo px
# x 180-300, y 162-180), dots there without it.
if "$SMPVIEW" render corrected.smp --no-label -o cpu.png 2>cpu.err && "$SMPVIEW" render plan.smp --no-label -o cpu0.png &&
   "$SMPVIEW" render --photo photo.png --no-label -o bare.png; then
    check head_brush_export_follows "$IMGCMP" region-equal cpu.png 180 162 bare.png 180 162 120 18 0
    if "$IMGCMP" region-equal cpu0.png 180 162 bare.png 180 162 120 18 0 >/dev/null; then
        fail head_brush_export_control "negative control: the uncorrected export has no dots there"
    else ok head_brush_export_control; fi
else fail head_brush_export_follows "render failed: $(head -c 300 cpu.err)"; fi
