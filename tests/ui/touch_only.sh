#!/usr/bin/env bash
# A tablet with no keyboard and no mouse (tests/ui/touch_only.txt): every
# editing action by finger events alone. Long press and "Delete point" remove
# hairline points, undo/redo and Before by their buttons, the brush radius by
# its slider, landmarks, whorl and its direction, the scale's number pad, the
# split divider, and save as / export accepting the proposed names (never
# overwriting an earlier file). A tapped button is not left hovered.
. "$(dirname "$0")/../lib.sh"
ui_setup
# The script itself: finger events only (and waits, dumps, screenshots).
if grep -vqE '^(#|$|finger_(down|move|up) |wait |dump |screenshot )' "$UI/touch_only.txt"; then
    fail touch_only_script_uses_fingers_only "$(grep -vE '^(#|$|finger_|wait |dump |screenshot )' "$UI/touch_only.txt" | head -3)"
else ok touch_only_script_uses_fingers_only; fi
if "$SMPVIEW" photo.png --size 800x600 --replay "$UI/touch_only.txt" >out 2>err; then ok touch_only_replay_runs; else
    fail touch_only_replay_runs "status $?: $(head -c 300 err)"; fi
pts() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['hairline']['points'])" "$1" 2>/dev/null; }
P3=$(pts three.smp)
check touch_three_points plan three.smp "len(p['hairline']['points']) == 3"
# a long press removes the pressed point, and only it
check touch_long_press_removes_point plan held.smp "p['hairline']['points'] == $P3[:1] + $P3[2:]"
# a short press, a few px off the handle's centre: nothing removed, nothing nudged
check touch_short_press_keeps_point cmp -s held.smp short.smp
# held still too long after moving: a drag, the point moves down and stays
check touch_held_drag_moves_not_removes plan moved.smp \
    "len(p['hairline']['points']) == 2 and p['hairline']['points'][1][1] > $P3[2][1] + 10"
check touch_undo_button_restores_removed_point cmp -s three.smp undone.smp
check touch_redo_button cmp -s held.smp redone.smp
check touch_delete_button_removes_selected plan button_del.smp "p['hairline']['points'] == $P3[2:]"
check touch_delete_button_needs_selection cmp -s button_del.smp button_none.smp
# Before held by a finger: above the hairline, the photo as before any dots;
# released, the dots are back
check touch_before_hold_shows_photo $PT region-equal start.png 110 180 before_held.png 110 180 180 45 0
if ! $PT region-equal start.png 110 180 before_off.png 110 180 180 45 0 >/dev/null; then
    ok touch_before_release_shows_dots; else fail touch_before_release_shows_dots "no dots after release"; fi
# the Fit button: lit while pressed, plain once the finger is gone
check touch_pressed_button_lit test "$($PT pixel pressed.png 392 12)" = "70 77 90"
check touch_tap_leaves_no_hover test "$($PT pixel after_tap.png 392 12)" = "52 57 66"
check touch_brush_radius_slider plan brush.smp \
    "len(p['regions']) == 1 and p['regions'][0]['kind'] == 'exclude' and abs(p['regions'][0]['radius_mm'] - 15.8) < 0.051"
check touch_landmarks plan marks.smp \
    "set(p['landmarks']) == {'glabella', 'eye_left', 'eye_right', 'midline'} and p['landmarks']['eye_left'][0] < p['landmarks']['glabella'][0] < p['landmarks']['eye_right'][0]"
# the glabella dragged from 50 to 70 screen px above the eye corners (92 %)
check touch_landmark_drag plan marks.smp \
    "abs(p['landmarks']['eye_left'][1] - p['landmarks']['glabella'][1] - 70 / (366 / 400)) < 0.5"
check touch_whorl_and_direction plan whorl.smp "'at' in p['growth']['whorl'] and p['growth']['whorl']['clockwise'] is False"
check touch_scale_number_pad plan scale.smp "p['scale']['distance_mm'] == 50 and 'a' in p['scale']"
check touch_split_divider_dragged test "$($PT pixel split.png 200 420)" = "255 255 255"
# save as, twice, with the proposed names: two files, the first not overwritten
check touch_save_as_proposed_name plan photo.smp "p['photo']['path'] == 'photo.png' and p['scale']['distance_mm'] == 50"
check touch_save_as_again_new_name cmp -s second.smp photo-2.smp
if ! cmp -s photo.smp photo-2.smp; then ok touch_save_as_keeps_first; else
    fail touch_save_as_keeps_first "photo.smp was overwritten"; fi
"$SMPVIEW" render second.smp -o cli_export.png 2>/dev/null
check touch_export_proposed_name cmp -s photo_preview.png cli_export.png
check touch_export_again_new_name cmp -s photo_preview-2.png cli_export.png
