#!/usr/bin/env bash
# Issue 10's fixes, each through the real app on a replay at 1280x800 (photo
# (0, 0) at screen (327, 261) at 100 %): a hairline can't cross itself; undo
# says what it undid; a Treat stroke adds to the hairline's area and "only
# painted areas" is an explicit switch (old plans migrate to it); the split
# divider moves with the Pan tool; Symmetric keeps the half asked for; an
# autosave failure stays on screen. What the status bar shows is read from
# SMPVIEW_STATUS_LOG (one line per new text).
. "$(dirname "$0")/../lib.sh"
ui_setup
big() { # SCRIPT extra-args...: a replay at 1280x800, status log in SCRIPT.log
    local s=$1; shift
    : >"$TMP/$(basename "$s").log"
    SMPVIEW_STATUS_LOG="$TMP/$(basename "$s").log" "$SMPVIEW" "$@" --size 1280x800 --replay "$s" \
        >"$TMP/$(basename "$s").out" 2>"$TMP/$(basename "$s").err"
}
dots_of() { sed -n 's/.* dots=\([0-9]*\)$/\1/p' "$TMP/$1.out"; }

# ---- a hairline never crosses itself; undo says what it undid ---------------
if big "$UI/flow_cross_undo.txt" photo.png; then ok flow_cross_replay_runs; else
    fail flow_cross_replay_runs "$(head -c 300 flow_cross_undo.txt.err)"; fi
check flow_cross_four_points plan four.smp "len(p['hairline']['points']) == 4"
# the dragged point stopped short: no two non-adjacent segments cross
crosses='any((lambda a,b,c,d: (lambda o: o(c,d,a)*o(c,d,b) < 0 and o(a,b,c)*o(a,b,d) < 0)(lambda p,q,r: (q[0]-p[0])*(r[1]-p[1])-(q[1]-p[1])*(r[0]-p[0])))(P[i],P[i+1],P[j],P[j+1]) for i in range(len(P)-1) for j in range(i+2,len(P)-1))'
check flow_hairline_never_crosses plan dragged.smp \
    "(lambda P: len(P) == 4 and P[3] != [80, 110] and P[3] != [360, 150] and not $crosses)(p['hairline']['points'])"
# negative control: the same measure sees the crossing the drag asked for
check flow_cross_measure_control plan four.smp \
    "(lambda P: $crosses)(p['hairline']['points'][:3] + [[80, 110]])"
check flow_undo_restores plan undone.smp "p['hairline']['points'][3] == [360, 150]"
if grep -qx 'Undid: moved hairline point' flow_cross_undo.txt.log; then ok flow_undo_says_what; else
    fail flow_undo_says_what "status bar said: $(tr '\n' '|' <flow_cross_undo.txt.log | head -c 400)"; fi
if grep -q "can't cross itself" flow_cross_undo.txt.log; then ok flow_cross_says_why; else
    fail flow_cross_says_why "$(tr '\n' '|' <flow_cross_undo.txt.log | head -c 400)"; fi

# ---- a Treat stroke adds; "only painted areas" is a switch ------------------
stroke='key b\nmouse_down 527 300\nmouse_move 540 300\nmouse_up 545 300'
switch='mouse_down 1114 291\nmouse_up 1114 291'
sed -e 's/^STROKE$//' -e 's/^SWITCH$//' "$UI/flow_treat_adds.txt" >treat_line.txt
sed -e "s/^STROKE\$/$stroke/" -e 's/^SWITCH$//' "$UI/flow_treat_adds.txt" >treat_stroke.txt
sed -e "s/^STROKE\$/$stroke/" -e "s/^SWITCH\$/$switch/" "$UI/flow_treat_adds.txt" >treat_switch.txt
for s in treat_line treat_stroke treat_switch; do
    big "$TMP/$s.txt" photo.png --stats || fail "flow_${s}_runs" "$(head -c 300 "$s.txt.err")"
done
a=$(dots_of treat_line.txt) b=$(dots_of treat_stroke.txt) c=$(dots_of treat_switch.txt)
if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -gt 1000 ] && [ "$b" -ge "$a" ]; then
    ok "flow_treat_stroke_adds (hairline $a dots, + stroke $b)"; else
    fail flow_treat_stroke_adds "hairline $a dots, + stroke $b"; fi
if [ -n "$c" ] && [ "$c" -lt $((b / 4)) ]; then ok "flow_only_painted_switch ($c dots)"; else
    fail flow_only_painted_switch "switch on: $c dots (stroke: $b)"; fi
check flow_switch_off_by_default plan stroked.smp "p['only_painted'] is False and len(p['regions']) == 1"
check flow_switch_saved plan switched.smp "p['only_painted'] is True"
# old plans (no switch) with a treat region keep their meaning; without one, not
python3 - <<'PY'
import json
p = json.load(open('stroked.smp')); del p['only_painted']
json.dump(p, open('old_treat.smp', 'w'))
p = json.load(open('line.smp')); del p['only_painted']
json.dump(p, open('old_line.smp', 'w'))
PY
printf 'dump migrated.smp\n' >dump.txt
big "$TMP/dump.txt" old_treat.smp && mv migrated.smp migrated_treat.smp
big "$TMP/dump.txt" old_line.smp && mv migrated.smp migrated_line.smp
check flow_old_treat_plan_migrates plan migrated_treat.smp "p['only_painted'] is True"
check flow_old_plain_plan_stays plan migrated_line.smp "p['only_painted'] is False"

# ---- the split divider moves with the Pan tool ------------------------------
if big "$UI/flow_split_pan.txt" photo.png; then
    if [ "$($PT pixel split_pan.png 427 700)" = "255 255 255" ]; then ok flow_split_drag_with_pan; else
        fail flow_split_drag_with_pan "pixel at x=427: $($PT pixel split_pan.png 427 700)"; fi
    # control: the divider left its old place, and the photo did not pan
    if [ "$($PT pixel split_pan.png 527 700)" != "255 255 255" ]; then ok flow_split_left_old_place; else
        fail flow_split_left_old_place "still white at x=527"; fi
    if [ "$($PT pixel split_pan.png 326 400)" != "$($PT pixel split_pan.png 328 400)" ]; then ok flow_split_no_pan; else
        fail flow_split_no_pan "the photo's left edge moved from x=327"; fi
else fail flow_split_drag_with_pan "$(head -c 300 flow_split_pan.txt.err)"; fi

# ---- Symmetric keeps the half asked for -------------------------------------
python3 - <<'PY'
import json
p = json.load(open('line.smp'))
p['hairline']['points'] = [[40, 150], [150, 120], [260, 100], [360, 160]]
p['landmarks'] = {'midline': [[200, 0], [200, 300]]}
json.dump(p, open('sym.smp', 'w'))
PY
if big "$UI/flow_symmetric.txt" sym.smp; then ok flow_symmetric_runs; else
    fail flow_symmetric_runs "$(head -c 300 flow_symmetric.txt.err)"; fi
check flow_symmetric_keeps_left_half plan kept.smp \
    "p['hairline']['symmetric'] and len(p['hairline']['points']) == 3 and all(x <= 200.001 for x, y in p['hairline']['points']) and abs(p['hairline']['points'][-1][0] - 200) < 1e-6"

# ---- an autosave that fails stays on screen ---------------------------------
mkdir -p st_bad st_good   # st_bad's autosave leads into a folder that does not exist: writing it fails
ln -s "$TMP/no/such/folder/autosave.smp" st_bad/autosave.smp
for st in st_bad st_good; do
    : >"$st.log"
    SMPVIEW_STATUS_LOG="$TMP/$st.log" "$SMPVIEW" photo.png --size 1280x800 --state-dir "$st" \
        --replay "$UI/flow_autosave.txt" >"$st.out" 2>"$st.err"
done
if [ "$(tail -n 1 st_bad.log)" != "" ] && tail -n 1 st_bad.log | grep -q '^Autosave failed'; then
    ok flow_autosave_failure_stays_on_screen; else
    fail flow_autosave_failure_stays_on_screen "status bar said: $(tr '\n' '|' <st_bad.log | head -c 400)"; fi
if ! grep -q 'Autosave failed' st_good.log && [ -f st_good/autosave.smp ]; then ok flow_autosave_control; else
    fail flow_autosave_control "$(tr '\n' '|' <st_good.log | head -c 300)"; fi

# ---- no scale: a visible warning, the estimate said to be one ---------------
if big "$UI/flow_scale.txt" line.smp; then
    if grep -q 'ESTIMATED from a typical phone portrait' flow_scale.txt.log; then ok flow_no_scale_warns; else
        fail flow_no_scale_warns "$(tr '\n' '|' <flow_scale.txt.log | head -c 400)"; fi
    # once the scale is set, the warning is gone (an empty line logged after it)
    if plan scaled.smp "p['scale']['distance_mm'] == 63" &&
       [ "$(grep -A100 'ESTIMATED' flow_scale.txt.log | grep -c '^$')" -ge 1 ]; then ok flow_scale_set_clears_warning; else
        fail flow_scale_set_clears_warning "$(tr '\n' '|' <flow_scale.txt.log | head -c 400)"; fi
else fail flow_no_scale_warns "$(head -c 300 flow_scale.txt.err)"; fi
# control: a plan with a scale never shows it
printf 'wait 2\n' >scaled_open.txt
big "$TMP/scaled_open.txt" scaled.smp
if [ -f scaled.smp ] && ! grep -q 'ESTIMATED' scaled_open.txt.log; then ok flow_scaled_plan_no_warning; else
    fail flow_scaled_plan_no_warning "$(tr '\n' '|' <scaled_open.txt.log | head -c 300)"; fi

# ---- painted areas: one even tint, on the photo only; the eraser removes it -
if big "$UI/flow_tint.txt" photo.png; then
    # outside the photo (left of x 327) nothing was drawn
    check flow_tint_clipped_to_photo $PT region-equal tint1.png 296 380 tint0.png 296 380 30 62 0
    # the stroke's inside (16 px either side of its axis; radius 24 px): the
    # same tint everywhere (overlapping discs would darken some of it)
    spread=$(for x in 345 352 360 367 375 380; do for y in 395 403 411 419 427; do
        echo "$($PT pixel tint1.png $x $y) $($PT pixel tint0.png $x $y)"; done; done |
        awk '{d=$2-$5; if (NR==1||d<lo) lo=d; if (NR==1||d>hi) hi=d} END {print hi-lo}')
    tinted=$(echo "$($PT pixel tint1.png 360 411) $($PT pixel tint0.png 360 411)" | awk '{print ($2 != $5)}')
    if [ "$tinted" = 1 ] && [ -n "$spread" ] && [ "$spread" -le 3 ]; then ok "flow_tint_even (green spread $spread)"; else
        fail flow_tint_even "tinted=$tinted, green spread $spread"; fi
    # erased over the same path: no tint left anywhere on the stroke
    check flow_eraser_removes_tint $PT region-equal tint2.png 327 380 tint0.png 327 380 100 62 0
else fail flow_tint_clipped_to_photo "$(head -c 300 flow_tint.txt.err)"; fi
