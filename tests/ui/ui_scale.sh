#!/usr/bin/env bash
# Issue 10, tablets: --ui-scale PCT sizes the whole UI. At 2048 x 1536 (a 10-inch
# tablet, 264 dpi) 175 % makes the 56 px top bar 98 px tall, 9.4 mm: the button
# under x = 1024 ("Forget client") reaches y = 90; at 100 % that row is the
# photo's view (control). Out-of-range values are one line.
. "$(dirname "$0")/../lib.sh" || exit 1
[ -d "$TMP" ] && cd "$TMP" || exit 1
printf '%s\n' "wait 3" "screenshot shot.png" "quit" >shot.txt
for pct in 100 175; do
    "$SMPVIEW" "$SMP_ROOT/seeds/front_hairline.smp" --size 2048x1536 --ui-scale $pct --state-dir st$pct \
        --replay shot.txt >/dev/null 2>&1 && mv shot.png ui_$pct.png
done
same_pixel() { [ "$($PT pixel "$1" "$2" "$3")" = "$($PT pixel "$1" "$4" "$5")" ]; }
check ui_scale_175_bar_is_98px same_pixel ui_175.png 1024 30 1024 90
differ() { ! same_pixel "$@"; }
check ui_scale_175_bar_ends differ ui_175.png 1024 30 1024 120
check ui_scale_100_control differ ui_100.png 1024 30 1024 90
expect_error ui_scale_out_of_range "--ui-scale: expected a percentage from 100 to 200" --ui-scale 300
expect_error ui_scale_not_a_number "--ui-scale: expected a percentage from 100 to 200" --ui-scale 150x

# The same from the app, for a tablet with no command line: the Photo step's
# "Buttons and text" (1115, 325 at 1280x800) cycles automatic, 100, 125 ... 200 %;
# the choice is kept for the next session (the state folder): two taps, 125 %.
tap() { printf 'mouse_down %s %s\nmouse_up %s %s\nwait 2\n' "$1" "$2" "$1" "$2"; }
{ echo "wait 3"; tap 982 84; tap 1115 325; tap 1115 325; echo "layout chosen.txt"; echo quit; } >size.txt
"$SMPVIEW" "$SMP_ROOT/assets/sample_front.jpg" --size 1280x800 --state-dir st_size --replay size.txt >/dev/null 2>&1
check ui_size_button_says_125 grep -q "Buttons and text: 125 %$" chosen.txt
printf '%s\n' "wait 3" "layout kept.txt" quit >next.txt
"$SMPVIEW" "$SMP_ROOT/assets/sample_front.jpg" --size 1280x800 --state-dir st_size --replay next.txt >/dev/null 2>&1
check ui_size_kept_next_session grep -q "^window 1280 800 1.25$" kept.txt
rm -f kept.txt
"$SMPVIEW" "$SMP_ROOT/assets/sample_front.jpg" --size 1280x800 --state-dir st_auto --replay next.txt >/dev/null 2>&1
check ui_size_auto_control grep -q "^window 1280 800 1.00$" kept.txt
