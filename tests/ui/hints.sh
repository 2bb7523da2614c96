#!/usr/bin/env bash
# Every control explains itself (src/app/app_hints.c; test_ui checks that each
# control of every tab and dialog has a hint): the mouse resting on a button
# for a second shows its hint and a quick pass does not; a finger held on a
# button shows its hint and lifting it does not press the button, while a tap
# still does. 800x600, the panel unfolded (it starts folded there; tests/ui/touch_only.txt lists the button
# positions: Export (236, 28), Undo (298, 28)).
. "$(dirname "$0")/../lib.sh"
ui_setup
export SMPVIEW_STATUS_LOG=$TMP/status.log
cat >mouse.txt <<'S'
key d
mouse_move 298 28
wait 10
screenshot quick.png
mouse_move 236 28
wait 30
screenshot rested.png
quit
S
if "$SMPVIEW" photo.png --size 800x600 --replay mouse.txt >out 2>err; then ok hints_mouse_replay_runs
else fail hints_mouse_replay_runs "status $?: $(head -c 300 err)"; fi
check hints_mouse_rest_shows_hint grep -qx "hint: Write a picture for the client or for marketing (Ctrl+E)" status.log
check hints_quick_pass_shows_none test "$(grep -c "hint: Take back" status.log)" = 0
# the hint's box (accent border, dark inside) is on screen under the resting
# pointer and not after the quick pass: the two screenshots differ below Export
if ! $PT region-equal quick.png 150 50 rested.png 150 50 300 60 0 >/dev/null; then ok hints_box_drawn
else fail hints_box_drawn "nothing drawn below the Export button"; fi

# A finger: the Line step (the app opens on the Scale step: no scale), a
# hairline point, then Undo held for 20 frames (0.67 s): the hint,
# and the point stays; then Undo tapped: the point goes.
: >status.log
cat >finger.txt <<'S'
wait 2
finger_down 8 635 28
finger_up 8 635 28
wait 1
finger_down 9 608 84
finger_up 9 608 84
finger_down 1 300 300
finger_up 1 300 300
dump one.smp
finger_down 2 298 28
wait 20
finger_up 2 298 28
wait 2
dump held.smp
finger_down 3 298 28
finger_up 3 298 28
wait 2
dump tapped.smp
quit
S
if "$SMPVIEW" photo.png --size 800x600 --replay finger.txt >out 2>err; then ok hints_finger_replay_runs
else fail hints_finger_replay_runs "status $?: $(head -c 300 err)"; fi
check hints_finger_hold_shows_hint grep -qx "hint: Take back the last change (Ctrl+Z)" status.log
check hints_point_drawn plan one.smp "len(p['hairline']['points']) == 1"
check hints_held_button_not_pressed cmp -s one.smp held.smp
check hints_tapped_button_pressed plan tapped.smp "len(p.get('hairline', {}).get('points', [])) == 0"
