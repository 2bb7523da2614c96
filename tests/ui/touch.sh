#!/usr/bin/env bash
# Touch input, replayed with finger_down/move/up (tests/ui/touch.txt): pinch
# zooms about the fingers' midpoint, two fingers pan, one finger draws and
# drags the hairline, a tap presses a panel button. Asserts on dumped plans:
# the Line tool's taps tell which photo point is under a screen position.
. "$(dirname "$0")/../lib.sh"
ui_setup
# the hairline's points are (x0, y0), (x1, y1) within 0.05 photo px
at() { # FILE x0 y0 x1 y1
    plan "$1" "len(p['hairline']['points']) == 2 and all(abs(a - b) < 0.05 for a, b in zip(sum(p['hairline']['points'], []), [$2, $3, $4, $5]))"
}
if "$SMPVIEW" photo.png --size 800x600 --replay "$UI/touch.txt" >out 2>err; then ok touch_replay_runs; else
    fail touch_replay_runs "status $?: $(head -c 300 err)"; fi
check touch_pinch_leaves_no_point plan pinch_none.smp "p['hairline']['points'] == []"
# photo (200, 150) under the new midpoint (450, 300); 150 px = 100 photo px: zoom x1.5
check touch_pinch_zooms_about_midpoint at pinch.smp 200 150 300 150
check touch_two_finger_drag_pans at pan2.smp 200 150 300 150
check touch_one_finger_left_pans at pan1.smp 200 150 300 150
check touch_tap_adds_one_point plan tap1.smp "p['hairline']['points'] == [[40, 150]]"
check touch_drag_moves_handle plan finger_drag.smp "p['hairline']['points'] == [[40, 100], [360, 150]]"
check touch_tap_panel_button plan broken.smp "p['hairline']['style'] == 'broken'"
check touch_panel_finger_blocks_pinch cmp -s broken.smp panel_then_view.smp
