#!/usr/bin/env bash
# Every view a chart (issue 11, core/scalp_views.h): with a top photo added, the
# skin the front photo sees edge-on (the top of the head) is drawn from the top
# view's chart, and the editor's view 0 shows those dots as `render` draws them:
# the GPU view's dot layer near the top of the head against the CPU export, with
# the control the same plan without its top view (view 0's own, thinned dots).
# 1280x1400, the front photo (1200 x 1600) at 100 %, panels hidden: its (0, 0) is
# at screen (40, -100); the crop compared is photo (300, 130) 100 x 100, at the
# outline, where the GPU and CPU differ by 0.037 (tone 1.029) without views too:
# the limits are 1.5x that.
. "$(dirname "$0")/../lib.sh"
views_setup views_charts
{ echo "wait 5"; printf '%s\n' "key tab" "key 1" "wait 3" "dump $TMP/seeds/shown.smp" "screenshot after.png" \
      "key_down space" "screenshot before.png" "key_up space" "quit"; } >charts.txt
"$SMPVIEW" seeds/plan.smp --size 1280x1400 --state-dir st --replay charts.txt >out 2>err ||
    fail views_charts_replay_runs "status $?: $(head -c 300 err)"
python3 - seeds/shown.smp seeds/front_only.smp <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); p.pop("views", None)
json.dump(p, open(sys.argv[2], "w"))
PY
"$SMPVIEW" render seeds/shown.smp --no-label --dots-csv dots.csv -o cpu.png 2>cli.err
"$SMPVIEW" render seeds/front_only.smp --no-label -o front_only.png 2>>cli.err
"$SMPVIEW" render --photo assets/sample_front.jpg --no-label -o bare.png 2>>cli.err
# the top view's chart has dots in the crop (their ids carry view 1 in the top bits)
n=$(python3 -c 'import csv, sys
print(sum(1 for r in csv.DictReader(open(sys.argv[1])) if int(r["id"]) >> 29 == 1
          and 300 <= float(r["x_px"]) < 400 and 130 <= float(r["y_px"]) < 230))' dots.csv)
check views_charts_top_chart_in_crop test "$n" -gt 20
for f in cpu bare front_only; do "$IMGCMP" crop $f.png 300 130 100 100 ${f}_c.png; done
if r=$("$IMGCMP" dotlayer after.png before.png cpu_c.png bare_c.png 340 30 1 --max 0.06 --tone 0.05); then
    ok "views_charts_gpu_matches_render ($r)"; else fail views_charts_gpu_matches_render "$r"; fi
if ! "$IMGCMP" dotlayer after.png before.png front_only_c.png bare_c.png 340 30 1 --max 0.06 --tone 0.05 >/dev/null
then ok views_charts_gpu_control; else fail views_charts_gpu_control "the front-only dots matched the view"; fi
