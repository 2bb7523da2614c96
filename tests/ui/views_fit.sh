#!/usr/bin/env bash
# Correcting another view's fit (issue 11): in view 1 (the top photo) the Head &
# hairline step draws that photo's head outline with its handles; dragging the
# outline's lower end up shrinks view 1's head in the plan (view 0's is kept), the
# view's render changes, and one undo gives the plan back byte for byte.
# 1280x1400: Photo chip (982, 84), View 1 (1115, 408), Head & hairline chip (1088, 84).
. "$(dirname "$0")/../lib.sh"
views_setup views_fit
export SMPVIEW_STATUS_LOG=$TMP/status.log
click() { printf 'mouse_down %s %s\nmouse_up %s %s\nwait 1\n' "$1" "$2" "$1" "$2"; }
{ echo "wait 5"; click 982 84; click 1115 408; echo "wait 30"; echo "dump $TMP/before.smp"; click 1088 84
  echo "layout $TMP/handles.txt"; } >fit1.txt
"$SMPVIEW" seeds/plan.smp --size 1280x1400 --state-dir st1 --replay fit1.txt >out 2>err ||
    fail views_fit_replay_runs "status $?: $(head -c 300 err)"
# the outline's lower end: the handle lowest on the screen among its axis ends (0-3)
read -r hx hy <<<"$(awk '$1 == "handle" && $2 < 4 && $4 > y { x = $3; y = $4 } END { print x, y }' handles.txt)"
check views_fit_handles_shown test -n "$hy"
{ cat fit1.txt; printf '%s\n' "mouse_down $hx $hy" "mouse_move $hx $((${hy%.*} - 50))" \
      "mouse_move $hx $((${hy%.*} - 100))" "mouse_up $hx $((${hy%.*} - 100))" "wait 30" "dump $TMP/fitted.smp" \
      "key ctrl+z" "wait 30" "dump $TMP/undone.smp" "quit"; } >fit2.txt
"$SMPVIEW" seeds/plan.smp --size 1280x1400 --state-dir st2 --replay fit2.txt >out2 2>err2 ||
    fail views_fit_drag_runs "status $?: $(head -c 300 err2)"
check views_fit_view1_smaller python3 -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
va, vb = a["views"][0]["head"], b["views"][0]["head"]
sys.exit(not (0.7 < vb["size"] / va["size"] < 0.97 and a["head"] == b["head"]))' before.smp fitted.smp
"$SMPVIEW" render before.smp --view 1 --no-label -o before_1.png 2>cli.err
"$SMPVIEW" render fitted.smp --view 1 --no-label -o fitted_1.png 2>>cli.err
check views_fit_render_changes sh -c '! cmp -s before_1.png fitted_1.png'
check views_fit_undo cmp -s before.smp undone.smp
check views_fit_undo_said grep -q "^Undid: changed a view.s 3D head" status.log
