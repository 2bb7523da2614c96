#!/usr/bin/env bash
# Another photo of the plan in the editor (issue 11, app_views.h): the Photo
# step lists the plan's views; a tap on "View 1: top" shows that photo with view
# 0's dots carried over, as `render --view 1` draws them (the GPU view's dot layer
# against the CPU export, with the flat view-0 dots as the control); the view
# is read-only (the Line tool is refused, a tap adds no point); Export there
# writes `render --view 1`'s bytes; "View 0" goes back to editing.
# 1280x1400: the Photo step's chip (982, 84), View 0 (1115, 354), View 1 (1115, 408).
. "$(dirname "$0")/../lib.sh"
views_setup views_app
export SMPVIEW_STATUS_LOG=$TMP/status.log
click() { printf 'mouse_down %s %s\nmouse_up %s %s\nwait 1\n' "$1" "$2" "$1" "$2"; }
# The top photo (1200 x 1200) at 100 %, panels hidden, in 1280x1400: its (0, 0)
# is at screen (40, 100); the crop compared is photo (400, 1100) 100 x 100, dense
# with the hairline's dots seen from above.
{ echo "wait 5"; click 982 84; echo "layout views.txt"; echo "screenshot panel.png"; click 1115 408; echo "wait 40"
  echo "dump $TMP/seeds/shown.smp"; echo "key h"; click 600 300; echo "dump $TMP/seeds/after_tap.smp"
  printf '%s\n' "key ctrl+e" "wait 2" "text $TMP/app_view1.png" "key return" "wait 20"
  printf '%s\n' "key tab" "key 1" "wait 2" "screenshot after.png" "key_down space" "screenshot before.png" \
      "key_up space" "key tab" "wait 1"
  click 982 84; click 1115 354; echo "wait 5"; echo "layout back.txt"; echo quit; } >views.txt
"$SMPVIEW" seeds/plan.smp --size 1280x1400 --state-dir st --replay views.txt >out 2>err ||
    fail views_app_replay_runs "status $?: $(head -c 300 err)"
check views_app_listed grep -q "View 1: top$" views.txt
# each view's button has its photo's thumbnail at its left (956, 330 + 54 n, 64 x 48):
# a picture, not a flat placeholder
for n in 0 1; do
    y=$((330 + 54 * n)) rgb=$("$IMGCMP" pixel panel.png 960 $((330 + 54 * n + 4)) | tr -dc '0-9 ')
    # shellcheck disable=SC2086
    if ! "$IMGCMP" uniform panel.png 956 $y 64 48 $rgb 12 >/dev/null; then ok "views_app_thumbnail_$n"
    else fail "views_app_thumbnail_$n" "flat"; fi
done
check views_app_shown grep -q "^View 1, top: shown as exported" status.log
check views_app_read_only grep -q "^Drag a point of the hairline here" status.log
check views_app_tap_adds_nothing cmp -s seeds/shown.smp seeds/after_tap.smp
"$SMPVIEW" render seeds/shown.smp --view 1 -o cli_view1.png 2>cli.err
"$SMPVIEW" render seeds/shown.smp -o cli_view0.png 2>>cli.err
check views_app_export_is_render_view cmp -s app_view1.png cli_view1.png
check views_app_export_control sh -c "! cmp -s app_view1.png cli_view0.png"
"$SMPVIEW" render seeds/shown.smp --view 1 --no-label -o cpu.png 2>>cli.err
"$SMPVIEW" render --photo assets/sample_top.jpg --no-label -o bare.png 2>>cli.err
for f in cpu bare; do "$IMGCMP" crop $f.png 400 1100 100 100 ${f}_c.png; done
if r=$("$IMGCMP" dotlayer after.png before.png cpu_c.png bare_c.png 440 1200 1 --max 0.03 --tone 0.03); then
    ok "views_app_gpu_matches_render_view ($r)"; else fail views_app_gpu_matches_render_view "$r"; fi
# control: view 0's render cropped at the same place is not what the view shows
"$IMGCMP" crop cli_view0.png 400 1100 100 100 v0_c.png
if ! "$IMGCMP" dotlayer after.png before.png v0_c.png bare_c.png 440 1200 1 --max 0.03 --tone 0.03 >/dev/null; then
    ok views_app_gpu_control; else fail views_app_gpu_control "view 0's dots matched the view of view 1"; fi
check views_app_back_to_view0 grep -q "^View 0: the plan's own photo" status.log
