#!/usr/bin/env bash
# Correcting another view's fit (issue 11): in view 1 (the top photo) the Head &
# hairline step draws that photo's head outline with its handles; dragging the
# outline's lower end up shrinks view 1's head in the plan (view 0's is kept), the
# view's render changes, and one undo gives the plan back byte for byte. With the
# Line tool the hairline is drawn there, carried from view 0, and a point dragged
# toward the crown in the top photo moves up in the front photo (only that point).
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
# the hairline in view 1: its middle point, dragged 40 px toward the crown
{ echo "wait 5"; click 982 84; click 1115 408; echo "wait 30"; echo "key h"; echo "wait 1"
  echo "layout $TMP/hairline.txt"; } >line1.txt
"$SMPVIEW" seeds/plan.smp --size 1280x1400 --state-dir st3 --replay line1.txt >out3 2>err3 ||
    fail views_fit_line_runs "status $?: $(head -c 300 err3)"
read -r k lx ly <<<"$(awk '$1 == "hairline" { p[n++] = $2 " " $3 " " $4 } END { if (n) print p[int(n / 2)] }' hairline.txt)"
check views_fit_hairline_shown test -n "$ly"
{ cat line1.txt; printf '%s\n' "mouse_down $lx $ly" "mouse_move $lx $((${ly%.*} - 20))" "mouse_move $lx $((${ly%.*} - 40))" \
      "mouse_up $lx $((${ly%.*} - 40))" "wait 30" "dump $TMP/moved.smp" "key ctrl+z" "wait 30" "dump $TMP/unmoved.smp" "quit"; } >line2.txt
"$SMPVIEW" seeds/plan.smp --size 1280x1400 --state-dir st4 --replay line2.txt >out4 2>err4 ||
    fail views_fit_line_drag_runs "status $?: $(head -c 300 err4)"
check views_fit_hairline_point_moves_up python3 -c 'import json, sys
a, b = (json.load(open(f))["hairline"]["points"] for f in sys.argv[1:3])
k = int(sys.argv[3])
moved = [i for i in range(len(a)) if a[i] != b[i]]
dx, dy = b[k][0] - a[k][0], b[k][1] - a[k][1]
sys.exit(not (moved == [k] and dy < -3 and abs(dx) < abs(dy)))' before.smp moved.smp "$k"
check views_fit_hairline_undo cmp -s before.smp unmoved.smp
