#!/usr/bin/env bash
# The 3D head in the editor (docs/head3d.md): opening a top-view photo fits the head
# from its matte with the label guessed (top), shown in the status bar; the plan file
# gets the fit only when saved; V fits the next label (left), which is implausible for
# a top view: the flat view is kept with an amber notice, and saved so (no head);
# a plan saved with a head reopens with it, without fitting again, and the GPU view
# draws its foreshortened dots as the CPU export does.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
if [ ! -f "$SHARED_PHOTOS/rf_top_crown_bald_dark-skin.jpg" ]; then
    skip head_fit "the shared photos are not beside the repository"; exit 0
fi
sed 's|"photo": { "path": "../../../|"photo": { "path": "'"$SMP_ROOT"'/../|' \
    "$SMP_ROOT/tests/plans/crown_dark_top.smp" >orig.smp
replay() { # name plan script-lines...: the status bar's texts in NAME.log
    local name=$1 plan=$2; shift 2
    printf '%s\n' "$@" quit >"$name.txt"
    if SMPVIEW_STATUS_LOG="$TMP/$name.log" "$SMPVIEW" "$plan" --size 1280x800 --state-dir "$TMP/state_$name" \
        --replay "$name.txt" >"$name.out" 2>"$name.err"; then ok "head_fit_${name}_replay_runs"
    else fail "head_fit_${name}_replay_runs" "$(head -c 300 "$name.err")"; fi
}
# The status bar's facts (right): amber (255 190 90) only with the notice.
amber_facts() { "$IMGCMP" find "$1" 700 770 580 24 255 190 90 40 >/dev/null; }

cp orig.smp open.smp
replay open open.smp "screenshot $TMP/fit.png" "dump $TMP/at_open.smp"
check head_fit_on_open grep -q "3D head: top view" open.log
check head_fit_not_written_until_saved cmp -s orig.smp open.smp
check head_fit_in_written_plan plan at_open.smp "p['head']['view'] == 'top' and 60 <= p['head']['pitch_deg'] <= 120"
if [ -f fit.png ] && ! amber_facts fit.png; then ok head_fit_no_notice_when_plausible
else fail head_fit_no_notice_when_plausible "amber in the status bar of a plausible fit"; fi

cp orig.smp saved.smp
replay save saved.smp "key ctrl+s" "dump $TMP/at_save.smp"
check head_fit_saved plan saved.smp "p['head']['view'] == 'top'"
check head_fit_saved_as_dumped cmp -s saved.smp at_save.smp

cp orig.smp flat.smp
replay relabel flat.smp "key v" "screenshot $TMP/notice.png" "key ctrl+s"
check head_implausible_notice_logged grep -q "No 3D head as a left view" relabel.log
if [ -f notice.png ] && amber_facts notice.png; then ok head_implausible_notice_shown
else fail head_implausible_notice_shown "no amber notice in the status bar"; fi
# written by the save (the plan writer's layout, not the hand-made original), without a head
check head_implausible_saved_flat sh -c "! cmp -s orig.smp flat.smp && ! grep -q '\"head\"' flat.smp"

replay reopen saved.smp "dump $TMP/reopened.smp"
check head_from_plan_not_refitted sh -c "grep -q 'Opened saved.smp' reopen.log && ! grep -q '3D head' reopen.log"
check head_from_plan_kept cmp -s saved.smp reopened.smp

# The GPU view of the saved head matches the CPU export of it near the outline,
# where the dots are foreshortened (photo (420, 400) to (520, 500), 0.55-0.85 of the
# radius, on bald skin; at 100 %, panels hidden: tests/ui/look_sheen.txt). Measured
# ratio 0.004; the control, the flat render, 0.084.
if "$SMPVIEW" saved.smp --size 800x600 --state-dir "$TMP/state_gpu" --replay "$UI/look_sheen.txt" >gpu.out 2>gpu.err &&
   "$SMPVIEW" render saved.smp --no-label -o cpu.png 2>>gpu.err && "$SMPVIEW" render orig.smp --no-label -o flat.png 2>>gpu.err &&
   "$SMPVIEW" render --photo "$SHARED_PHOTOS/rf_top_crown_bald_dark-skin.jpg" --no-label -o bare.png 2>>gpu.err; then
    for f in cpu flat bare; do "$IMGCMP" crop $f.png 420 400 100 100 ${f}_c.png; done
    if r=$("$IMGCMP" dotlayer after.png before.png cpu_c.png bare_c.png 500 380 1 --max 0.03 --tone 0.03); then
        ok "head_gpu_matches_cpu ($r)"; else fail head_gpu_matches_cpu "$r"; fi
    if r=$("$IMGCMP" dotlayer after.png before.png flat_c.png bare_c.png 500 380 1 --max 0.03 --tone 0.03); then
        fail head_gpu_negative_control "matched the flat render ($r)"; else ok "head_gpu_negative_control ($r)"; fi
else
    fail head_gpu_matches_cpu "$(head -c 300 gpu.err)"
fi

# Moving a face mark fits the head again: the front sample fits as a front view with
# its marks; its glabella dragged down to the mouth contradicts the outline (the
# flat view, the notice); undone, the fit is back.
replay marks "$SMP_ROOT/seeds/front_hairline.smp" "key l" "mouse_down 527 340" "mouse_move 527 450" \
    "mouse_move 527 600" "mouse_up 527 600" "dump $TMP/moved.smp" "key ctrl+z" "dump $TMP/undone.smp"
check head_front_sample_fitted grep -q "3D head: front view" marks.log
check head_refit_when_mark_moved sh -c "grep -q 'No 3D head as a front view' marks.log && ! grep -q '\"head\"' moved.smp"
check head_refit_on_undo plan undone.smp "p['landmarks']['glabella'] == [600, 640] and p['head']['view'] == 'front'"
