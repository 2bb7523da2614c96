#!/usr/bin/env bash
# The guided steps (src/app/app_steps.c), 800x600, the panel unfolded (D). The row of
# steps at y 84: Photo 502, Scale 555, Line 608, Areas 661, Look 714, Show 767.
# A photo with no scale opens on the Scale step (its tool on, its banner with
# what comes next); its two points and distance tick it; the Look step's panel
# holds the dot sliders (the Density track at y 148), the Scale step's does
# not; the tool bar shows only the step's tools (Areas: Brush, Eraser); a plan with scale, hairline and areas opens on Look.
. "$(dirname "$0")/../lib.sh"
ui_setup
export SMPVIEW_STATUS_LOG=$TMP/status.log
tap() { printf 'finger_down %s %s %s\nfinger_up %s %s %s\n' "$1" "$2" "$3" "$1" "$2" "$3"; }
drag() { printf 'finger_down %s %s %s\nfinger_move %s %s %s\nfinger_up %s %s %s\n' "$1" "$2" "$4" "$1" "$3" "$4" "$1" "$3" "$4"; }
{
    echo "key d"; echo "wait 2"; echo "screenshot opened.png"; echo "layout scale_step.txt"
    tap 9 661 84; echo "wait 1"; echo "layout areas_step.txt"; tap 10 555 84; echo "wait 1"
    drag 1 500 700 148; echo "dump scale_step.smp"        # the Scale step: no density slider there
    tap 2 200 300; tap 3 330 300; echo "layout pad.txt"   # the scale's two points: the number pad
    tap 4 602 302; tap 5 602 422; tap 6 517 490           # 5, 0, OK (the pad at the right)
    echo "wait 2"; echo "screenshot scaled.png"
    tap 7 714 84; drag 8 500 700 148; echo "dump look_step.smp"
    echo quit
} >steps.txt
if "$SMPVIEW" photo.png --size 800x600 --replay steps.txt >out 2>err; then ok steps_replay_runs
else fail steps_replay_runs "status $?: $(head -c 300 err)"; fi
check steps_open_on_scale grep -q "^Step 2 of 6, Scale (next: Head & hairline)\. Tap two points" status.log
check steps_scale_step_has_no_density plan scale_step.smp "p.get('dots', {}).get('density', 90) == 90"
check steps_scale_set_in_its_step plan look_step.smp "p['scale']['distance_mm'] == 50"
check steps_look_step_has_density plan look_step.smp "p['dots']['density'] > 100"
check steps_look_banner grep -q "^Step 5 of 6, Look (next: " status.log
# the number pad leaves the two measured points in sight (centred, it covered both)
check steps_pad_beside_points python3 -c "import sys
keys = [list(map(float, l.split()[2:6])) for l in open('pad.txt') if l.startswith('widget 1 ') and l.split()[6] in '0123456789']
sys.exit(not (len(keys) == 10 and min(k[0] for k in keys) > 330 + 16))"
# the tool bar (x < 104) holds Pan, the step's own tools, Split and Before:
# all seven tools in every step fails
tools() { python3 -c "import sys; print(','.join(l.split(maxsplit=6)[6].strip() for l in open(sys.argv[1])
    if l.startswith('widget 1 ') and float(l.split()[2]) < 104 and float(l.split()[3]) > 56))" "$1"; }
check steps_scale_tools_only test "$(tools scale_step.txt)" = "Pan,Scale,Split,Before"
check steps_areas_tools_only test "$(tools areas_step.txt)" = "Pan,Brush,Eraser,Split,Before"
# the Scale box's tick (green, its top right corner): only once the scale is set
tick="567 62 12 12 110 210 120 40"
check steps_scale_ticked_once_set $PT find scaled.png $tick
if ! $PT find opened.png $tick >/dev/null; then ok steps_scale_not_ticked_before
else fail steps_scale_not_ticked_before "a tick before the scale was set"; fi
# the photo is ticked from the start (its box's corner)
check steps_photo_ticked $PT find opened.png 514 62 12 12 110 210 120 40

# A plan that has it all up to the look opens there, its tool untouched.
{ echo "wait 2"; echo "dump reopened.smp"; echo quit; } >reopen.txt
: >status.log
"$SMPVIEW" "$SMP_ROOT/seeds/front_hairline.smp" --size 800x600 --state-dir "$TMP/st2" --replay reopen.txt >out2 2>err2
check steps_plan_opens_on_look grep -q "^Step 5 of 6, Look" status.log
