#!/usr/bin/env bash
# The craft's words explained on first use (src/app/app_hints.c): the first
# press of a control with a technical term puts a one-line explanation in the
# status; the next press, or the next session on the same device (state
# folder), does not repeat it; another device (a new state folder) gets it
# again. The seed plan opens on the Look step at 1280x800: Aged (1221, 636),
# Fresh (1009, 636).
. "$(dirname "$0")/../lib.sh"
ui_setup
export SMPVIEW_STATUS_LOG=$TMP/status.log
click() { printf 'mouse_down %s %s\nmouse_up %s %s\nwait 1\n' "$1" "$2" "$1" "$2"; }
{ echo "wait 2"; click 1221 636; click 1009 636; click 1221 636; echo quit; } >terms.txt
explained() { grep -c "^Aged: years on" status.log; }
"$SMPVIEW" "$SMP_ROOT/seeds/front_hairline.smp" --size 1280x800 --state-dir st --replay terms.txt >out 2>err ||
    fail terms_replay_runs "status $?: $(head -c 300 err)"
check terms_explained_on_first_use test "$(explained)" = 1
check terms_each_term_its_own grep -q "^Fresh: the first days" status.log
: >status.log
"$SMPVIEW" "$SMP_ROOT/seeds/front_hairline.smp" --size 1280x800 --state-dir st --replay terms.txt >out 2>err
check terms_not_repeated_next_session test "$(explained)" = 0
: >status.log
"$SMPVIEW" "$SMP_ROOT/seeds/front_hairline.smp" --size 1280x800 --state-dir st_other --replay terms.txt >out 2>err
check terms_new_device_explains_again test "$(explained)" = 1
