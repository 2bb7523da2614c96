#!/usr/bin/env bash
# The Look step warns, in amber, when the pigment is likely to heal too dark or
# turn blue on the client's skin (src/core/skin_tone.h): a dark, cool blend on
# a light crown does; the plan's own moderate blend does not (negative control).
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
light="$SMP_ROOT/tests/plans/crown_light_top.smp"
sed 's|"photo": { "path": "../../../|"photo": { "path": "'"$SMP_ROOT"'/../|' "$light" >moderate.smp
sed 's|"pigment": { "shade": 0.7 }|"pigment": { "shade": 0.9, "warmth": -0.5 }|' moderate.smp >dark_cool.smp
printf 'mouse_down 1194 83\nmouse_up 1194 83\nwait 2\nscreenshot %s\nquit\n' "$TMP/shot.png" >tab.txt
amber() { "$IMGCMP" find "$1" 955 400 320 200 255 176 64 40; }
for plan in dark_cool moderate; do
    rm -f shot.png
    if ! "$SMPVIEW" $plan.smp --size 1280x800 --state-dir "$TMP/state_$plan" --replay tab.txt >$plan.out 2>$plan.err; then
        fail "pigment_warning_$plan" "$(head -c 300 $plan.err)"; continue
    fi
    cp shot.png $plan.png
done
if [ -f dark_cool.png ] && amber dark_cool.png; then ok pigment_warning_shown; else fail pigment_warning_shown "no amber warning in the Look step"; fi
if [ -f moderate.png ] && ! amber moderate.png; then ok pigment_warning_absent_for_moderate_blend
else fail pigment_warning_absent_for_moderate_blend "a warning for a moderate blend"; fi
