#!/usr/bin/env bash
# Painting in another view (issue 11, core/scalp_views.h): in the top photo an
# exclude stroke across the treated band is saved with "view": 1 in that photo's
# pixels, takes the same dots (same ids) out of both the top and the front
# renders, shows at once in the editor's view of the top photo (its GPU dot layer
# against `render --view 1`, the render from before the stroke the control), and
# one undo gives the plan back byte for byte. V there fits that photo's head as the
# next label that fits (one undo step, view 0's fit untouched). The head brush there
# ("not head" across the band) corrects that photo's matte only: the top render
# loses those dots, the front render is byte-identical.
# 1280x1400: Photo chip (982, 84), View 1 (1115, 408), Areas chip (1141, 84),
# Exclude (1115, 138); panels hidden at 100 % the top photo's (0, 0) is at (40, 100).
. "$(dirname "$0")/../lib.sh"
views_setup views_paint
click() { printf 'mouse_down %s %s\nmouse_up %s %s\nwait 1\n' "$1" "$2" "$1" "$2"; }
{ echo "wait 5"; click 982 84; click 1115 408; echo "wait 40"; echo "dump $TMP/before.smp"
  click 1141 84; click 1115 138
  printf '%s\n' "key b" "key tab" "key 1" "wait 2" "mouse_down 560 1150" "mouse_move 610 1150" \
      "mouse_move 660 1150" "mouse_move 720 1150" "mouse_up 720 1150" "wait 30" "dump $TMP/painted.smp" \
      "key p" "wait 1" "screenshot after.png" "key_down space" "screenshot bare.png" "key_up space" \
      "key ctrl+z" "wait 30" "dump $TMP/undone.smp" "key v" "wait 30" "dump $TMP/relabelled.smp" \
      "key ctrl+z" "wait 30" "dump $TMP/relabel_undone.smp" "key k" "wait 1" "mouse_down 560 1150" \
      "mouse_move 610 1150" "mouse_move 660 1150" "mouse_move 720 1150" "mouse_up 720 1150" "wait 30" \
      "dump $TMP/unhead.smp" "quit"; } >paint.txt
"$SMPVIEW" seeds/plan.smp --size 1280x1400 --state-dir st --replay paint.txt >out 2>err ||
    fail views_paint_replay_runs "status $?: $(head -c 300 err)"
check views_paint_saved_in_view1 python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["regions"][-1]
sys.exit(not (r["kind"] == "exclude" and r.get("view") == 1 and r["points"][0][1] > 850))' painted.smp
for f in before painted; do
    "$SMPVIEW" render $f.smp --view 1 --no-label --dots-csv ${f}_1.csv -o ${f}_1.png 2>>cli.err
    "$SMPVIEW" render $f.smp --no-label --dots-csv ${f}_0.csv -o ${f}_0.png 2>>cli.err
done
read -r gone0 gone1 both added <<<"$(python3 -c 'import csv
ids = lambda f: {r["id"] for r in csv.DictReader(open(f))}
g0 = ids("before_0.csv") - ids("painted_0.csv"); g1 = ids("before_1.csv") - ids("painted_1.csv")
print(len(g0), len(g1), len(g0 & g1), len(ids("painted_0.csv") - ids("before_0.csv")))')"
check views_paint_same_dots_out_of_both test "$gone1" -gt 50 -a "$gone0" -gt 50 -a "$both" -ge $((gone0 * 9 / 10)) -a "$added" -eq 0
check views_paint_undo cmp -s before.smp undone.smp
"$SMPVIEW" render --photo assets/sample_top.jpg --no-label -o top_bare.png 2>>cli.err
for f in painted_1 before_1 top_bare; do "$IMGCMP" crop $f.png 540 1070 100 100 ${f}_c.png; done
if r=$("$IMGCMP" dotlayer after.png bare.png painted_1_c.png top_bare_c.png 580 1170 1 --max 0.03 --tone 0.03); then
    ok "views_paint_view_shows_it ($r)"; else fail views_paint_view_shows_it "$r"; fi
if ! "$IMGCMP" dotlayer after.png bare.png before_1_c.png top_bare_c.png 580 1170 1 --max 0.03 --tone 0.03 >/dev/null
then ok views_paint_view_control; else fail views_paint_view_control "the dots from before the stroke matched"; fi
check views_paint_v_refits_the_view python3 -c 'import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
sys.exit(not (b["views"][0]["head"]["view"] != a["views"][0]["head"]["view"] == "top" and a["head"] == b["head"]))' \
    undone.smp relabelled.smp
check views_paint_v_undo cmp -s undone.smp relabel_undone.smp
check views_paint_head_brush_saved_in_view1 python3 -c 'import json, sys
c = json.load(open(sys.argv[1]))["head_corrections"][-1]
sys.exit(not (c["mode"] == "not_head" and c.get("view") == 1))' unhead.smp
"$SMPVIEW" render unhead.smp --view 1 --no-label --dots-csv unhead_1.csv -o unhead_1.png 2>>cli.err
"$SMPVIEW" render unhead.smp --no-label -o unhead_0.png 2>>cli.err
"$SMPVIEW" render undone.smp --no-label -o undone_0.png 2>>cli.err
"$SMPVIEW" render undone.smp --view 1 --no-label --dots-csv undone_1.csv -o undone_1.png 2>>cli.err
gone=$(python3 -c 'import csv, sys
ids = lambda f: {r["id"] for r in csv.DictReader(open(f))}
print(len(ids(sys.argv[1]) - ids(sys.argv[2])))' undone_1.csv unhead_1.csv)
check views_paint_head_brush_view1_only sh -c "test $gone -gt 50 && cmp -s unhead_0.png undone_0.png"
