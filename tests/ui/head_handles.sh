#!/usr/bin/env bash
# The fitted head's handles (docs/head3d.md "Correcting the fit"), on the front sample
# (its head fitted with its marks when it opens; 1280x800, Line tool):
# - opening shows the outline's 8 handles, writes no file and leaves nothing unsaved
#   (a photo opened alone neither, the front sample's and the top photo's);
# - the outline's left end dragged 40 px out (the mouse): the size grows by the drag
#   over the outline's width and the centre moves left, the pose is kept; one undo
#   step ("Undid: moved the head's outline") gives back the dumped plan byte for
#   byte (also after a face mark moved), redo the corrected one; the export (render
#   of the dumped plan) changes;
# - the corrected head stays when a face mark moves (the control: the automatic fit
#   is refitted by the same drag of the glabella, tests/ui/head_fit.sh);
# - a finger tilts (pitch up for a drag down), the mouse turns (yaw down for a drag
#   right) and rolls (clockwise about the centre), each its own undo step;
# - V is an undo step that leaves the plan unsaved; undone, the dump is as opened;
# - a plan saved with the corrected head reopens with it, marking nothing unsaved;
# - "Mark an ear" and a tap mark the ear the fit says (the client's right one on the
#   image's left of a front view), one undo step.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
mkdir assets seeds
cp "$SMP_ROOT"/assets/sample_front.jpg assets/
cp "$SMP_ROOT"/seeds/front_hairline.smp seeds/plan.smp
cp seeds/plan.smp orig.smp

replay() { # name plan script-lines...: the status bar's texts in NAME.log, state in st_NAME
    local name=$1 plan=$2; shift 2
    printf '%s\n' "$@" quit >"$name.txt"
    if SMPVIEW_STATUS_LOG="$TMP/$name.log" "$SMPVIEW" "$plan" --size 1280x800 --state-dir "$TMP/st_$name" \
        --replay "$name.txt" >"$name.out" 2>"$name.err"; then ok "head_handles_${name}_replay_runs"; return 0
    else fail "head_handles_${name}_replay_runs" "$(head -c 300 "$name.err")"; return 1; fi
}
unsaved() { [ -f "st_$1/autosave.smp" ]; } # the exit keeps unsaved work as autosave
head_of() { python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1])).get("head")))' "$1"; }

replay open seeds/plan.smp "key h" "layout $TMP/lay.txt" "dump $TMP/at_open.smp" || exit 0
check head_handles_shown test "$(grep -c '^handle ' lay.txt)" = 8
check head_handles_open_writes_nothing cmp -s orig.smp seeds/plan.smp
check head_handles_open_marks_nothing_unsaved sh -c "! [ -f st_open/autosave.smp ]"
# a photo opened alone (fitted too: every label tried) leaves nothing unsaved either
cp assets/sample_front.jpg photo.jpg && cp "$SHARED_PHOTOS/rf_top_crown_bald_dark-skin.jpg" top.jpg 2>/dev/null
for ph in photo.jpg top.jpg; do
    [ -f "$ph" ] || continue
    replay "photo_${ph%.jpg}" "$ph" "key h" "layout $TMP/lay_${ph%.jpg}.txt"
    check "head_handles_photo_${ph%.jpg}_marks_nothing_unsaved" sh -c "! [ -f st_photo_${ph%.jpg}/autosave.smp ]"
done
[ -f top.jpg ] && check head_handles_top_photo_shown test "$(grep -c '^handle ' lay_top.txt)" = 8
# The handles: the edge ends (0-3) with the left-most, the centre (4), tilt (5), turn (6), roll (7).
read -r LX LY CX CY TX TY UX UY RX RY <<<"$(python3 - <<'PY'
h = {int(p[1]): (float(p[2]), float(p[3])) for p in (l.split() for l in open("lay.txt")) if p[0] == "handle"}
left = min(range(4), key=lambda k: h[k][0])
print(*(f"{v:.0f}" for v in (*h[left], *h[4], *h[5], *h[6], *h[7])))
PY
)"

# ---- the outline's left end, dragged 40 px left --------------------------------
replay outline seeds/plan.smp "key h" "dump $TMP/before.smp" "mouse_down $LX $LY" "mouse_move $((LX - 20)) $LY" \
    "mouse_move $((LX - 40)) $LY" "mouse_up $((LX - 40)) $LY" "dump $TMP/dragged.smp" "screenshot $TMP/dragged.png" \
    "key ctrl+z" "dump $TMP/undone.smp" "key ctrl+y" "dump $TMP/redone.smp" \
    "key l" "mouse_down 527 340" "mouse_move 527 450" "mouse_move 527 600" "mouse_up 527 600" "dump $TMP/marked.smp"
# expected: size x (1 + 40 px / the outline's width), the width 2 x |left end - centre|
r=$(python3 - "$LX" "$LY" "$CX" "$CY" <<'PY'
import json, math, sys
lx, ly, cx, cy = map(float, sys.argv[1:])
a, b = json.load(open("before.smp"))["head"], json.load(open("dragged.smp"))["head"]
semi = math.hypot(lx - cx, ly - cy); t = 40 * (cx - lx) / semi  # the drag along the axis
want = a["size"] * (1 + t / (2 * semi))
pose = all(a[k] == b[k] for k in ("yaw_deg", "pitch_deg", "roll_deg", "centre_z_mm", "focal_px", "view"))
print(f"{b['size']:.4f} {want:.4f} {a['size']:.4f} {b['centre_x_mm'] - a['centre_x_mm']:.2f} {int(pose)}")
PY
)
read -r got want was dx pose <<<"$r"
echo "# outline dragged 40 px: size $was -> $got (expected $want), centre x moved $dx mm"
check head_handles_outline_grows python3 -c "import sys; sys.exit(not abs($got - $want) <= 0.01 * $want and $got > $was)"
check head_handles_outline_moves_left python3 -c "import sys; sys.exit(not $dx < -1)"
check head_handles_outline_keeps_pose test "$pose" = 1
check head_handles_undo_is_one_step grep -q "Undid: moved the head's outline" outline.log
check head_handles_undo_byte_identical cmp -s before.smp undone.smp
check head_handles_redo_byte_identical cmp -s dragged.smp redone.smp
check head_handles_before_is_opened cmp -s before.smp at_open.smp
check head_handles_drag_marks_unsaved unsaved outline
check head_handles_kept_when_mark_moves test "$(head_of marked.smp)" = "$(head_of dragged.smp)"
# the control: without the correction the same mark drag refits (to flat: no head)
replay automark seeds/plan.smp "key l" "mouse_down 527 340" "mouse_move 527 450" "mouse_move 527 600" \
    "mouse_up 527 600" "dump $TMP/automark.smp"
check head_handles_control_auto_refits sh -c "! grep -q '\"head\"' automark.smp"
# the export follows the corrected head: the render of the dumped plans
if "$SMPVIEW" render before.smp --no-label -o r_before.png 2>r.err && "$SMPVIEW" render dragged.smp --no-label -o r_dragged.png 2>>r.err &&
   "$SMPVIEW" render undone.smp --no-label -o r_undone.png 2>>r.err; then
    check head_handles_export_changes sh -c "! cmp -s r_before.png r_dragged.png"
    check head_handles_export_undone_same cmp -s r_before.png r_undone.png
else fail head_handles_export_changes "$(head -c 300 r.err)"; fi

# after a face mark moved (the automatic fit made again from it), a drag undone
# gives back that fit, not a fresh guess
replay remark seeds/plan.smp "key l" "mouse_down 422 364" "mouse_move 426 367" "mouse_up 426 367" "key h" \
    "dump $TMP/m0.smp" "mouse_down $LX $LY" "mouse_move $((LX - 40)) $LY" "mouse_up $((LX - 40)) $LY" \
    "key ctrl+z" "dump $TMP/m1.smp"
check head_handles_remarked_fit plan m0.smp "p['landmarks']['eye_left'] != [362.5, 695] and 'head' in p"
check head_handles_remarked_undo_byte_identical cmp -s m0.smp m1.smp

# ---- tilt with a finger, turn with the mouse -------------------------------------
replay pose seeds/plan.smp "key h" "dump $TMP/p0.smp" "finger_down 1 $TX $TY" "finger_move 1 $TX $((TY + 20))" \
    "finger_move 1 $TX $((TY + 40))" "finger_up 1 $TX $((TY + 40))" "dump $TMP/tilted.smp" \
    "mouse_down $UX $UY" "mouse_move $((UX + 20)) $UY" "mouse_move $((UX + 40)) $UY" "mouse_up $((UX + 40)) $UY" \
    "dump $TMP/turned.smp" "key ctrl+z" "dump $TMP/unturned.smp" \
    "mouse_down $RX $RY" "mouse_move $((RX + 15)) $((RY - 15))" "mouse_move $((RX + 30)) $((RY - 30))" \
    "mouse_up $((RX + 30)) $((RY - 30))" "dump $TMP/rolled.smp" "key ctrl+z"
r=$(python3 - <<'PY'
import json
a, b, c = (json.load(open(f))["head"] for f in ("p0.smp", "tilted.smp", "turned.smp"))
print(f"{b['pitch_deg'] - a['pitch_deg']:.2f} {b['yaw_deg'] - a['yaw_deg']:.2f} {c['yaw_deg'] - b['yaw_deg']:.2f} "
      f"{c['pitch_deg'] - b['pitch_deg']:.2f} {int(a['size'] == b['size'] == c['size'])}")
PY
)
read -r dpitch dyaw0 dyaw dpitch1 same_size <<<"$r"
echo "# 40 px: tilt $dpitch deg (yaw $dyaw0), turn $dyaw deg (pitch $dpitch1)"
check head_handles_finger_tilts python3 -c "import sys; sys.exit(not (2 < $dpitch < 20 and $dyaw0 == 0))"
check head_handles_mouse_turns python3 -c "import sys; sys.exit(not (-20 < $dyaw < -2 and $dpitch1 == 0 and $same_size))"
check head_handles_turn_undone cmp -s tilted.smp unturned.smp
check head_handles_turn_undo_named grep -q "Undid: turned the head" pose.log
# the roll handle (upper left) moved clockwise about the centre: the roll grows, only it
check head_handles_mouse_rolls python3 -c "import json, sys
a, b = (json.load(open(f))['head'] for f in ('tilted.smp', 'rolled.smp'))
sys.exit(not (2 < b['roll_deg'] - a['roll_deg'] < 20 and a['yaw_deg'] == b['yaw_deg'] and a['pitch_deg'] == b['pitch_deg']))"
check head_handles_roll_undo_named grep -q "Undid: rolled the head" pose.log

# ---- V: an undo step, unsaved ----------------------------------------------------
replay relabel seeds/plan.smp "key v" "dump $TMP/relabelled.smp" "key ctrl+z" "dump $TMP/unrelabelled.smp"
check head_handles_v_relabels sh -c "grep -q 'as a top view' relabel.log || grep -q '3D head: top view' relabel.log"
check head_handles_v_undo_named grep -q "Undid: changed the head's view" relabel.log
check head_handles_v_undone_as_opened cmp -s unrelabelled.smp at_open.smp
check head_handles_v_changed_dump sh -c "! cmp -s relabelled.smp at_open.smp"
replay relabel_kept seeds/plan.smp "key v"
check head_handles_v_marks_unsaved unsaved relabel_kept

# ---- saved with the correction, reopened: the same head, nothing unsaved ----------
cp orig.smp seeds/saved.smp
replay save seeds/saved.smp "key h" "mouse_down $LX $LY" "mouse_move $((LX - 40)) $LY" "mouse_up $((LX - 40)) $LY" "key ctrl+s"
check head_handles_saved_corrected test "$(head_of seeds/saved.smp)" = "$(head_of dragged.smp)"
cp seeds/saved.smp saved_copy.smp
replay reopen seeds/saved.smp "key h" "dump $TMP/reopened.smp"
check head_handles_reopened_same test "$(head_of reopened.smp)" = "$(head_of seeds/saved.smp)"
check head_handles_reopen_writes_nothing cmp -s seeds/saved.smp saved_copy.smp
check head_handles_reopen_marks_nothing_unsaved sh -c "! [ -f st_reopen/autosave.smp ]"

# ---- ears: "Mark an ear", then a tap on the ear at the image's left: the client's
# right ear in this front view (told by the fit); one undo step takes it away
read -r EX EY <<<"$(awk '/^widget 1 .* Mark an ear$/ {printf "%.0f %.0f", $3 + $5 / 2, $4 + $6 / 2}' lay.txt)"
replay ear seeds/plan.smp "key h" "mouse_down $EX $EY" "mouse_up $EX $EY" "mouse_down 355 420" "mouse_up 355 420" \
    "dump $TMP/ear.smp" "key ctrl+z" "dump $TMP/ear_undone.smp"
check head_handles_ear_marked plan ear.smp "'ear_right' in p['landmarks'] and 'ear_left' not in p['landmarks']"
check head_handles_ear_side_named grep -q "Marked the client's right ear" ear.log
check head_handles_ear_undone cmp -s ear_undone.smp at_open.smp
