#!/usr/bin/env bash
# The interactive app, run headless on replay scripts (tests/ui/*.txt):
# drawing and dragging hairline points, undo/redo, painting, split view, zoom,
# save and reopen, export, a failed open, recovery after kill -9, script errors.
# Every check asserts on dumped plans, written files or screenshots.
. "$(dirname "$0")/../lib.sh"
ui_setup
echo "not a photo" >not_a_photo.jpg

# ---- hairline: draw, drag, undo/redo, delete --------------------------------
if run hairline_draw.txt photo.png --stats; then ok app_replay_runs; else
    fail app_replay_runs "status $?: $(head -c 300 "$TMP/hairline_draw.txt.err")"; fi
check hairline_click_adds_points plan drawn.smp \
    "p['hairline']['points'] == [[40, 150], [200, 100], [360, 150]]"
check hairline_drag_moves_point plan dragged.smp \
    "p['hairline']['points'] == [[40, 150], [200, 60], [360, 150]]"
check undo_restores_exact_plan cmp -s drawn.smp undone.smp
check redo_restores_exact_plan cmp -s dragged.smp redone.smp
check undo_twice_removes_last_point plan undone2.smp "len(p['hairline']['points']) == 2"
check right_click_removes_point plan removed.smp \
    "p['hairline']['points'] == [[200, 60], [360, 150]]"
check delete_key_removes_point plan deleted.smp "p['hairline']['points'] == [[360, 150]]"
if grep -qE '^frames=[0-9]+ frame_ms_median=[0-9.]+ frame_ms_p95=[0-9.]+ dots=[0-9]+$' hairline_draw.txt.out; then
    ok stats_line_format; else fail stats_line_format "$(cat hairline_draw.txt.out)"; fi

# ---- the GPU view matches the CPU renderer on the dot layer ------------------
# after.png/before.png: 100 %, panels hidden, photo at (200, 150); the hairline's
# steering of the dots included. More zooms, a real photo and near-miss
# controls: gpu_matches_cpu.sh.
if "$SMPVIEW" render drawn.smp --no-label -o cpu_after.png 2>cpu.err &&
   "$SMPVIEW" render --photo photo.png --no-label -o cpu_before.png 2>>cpu.err; then
    # measured ratio 0.0239, tone 0.9945
    if r=$("$IMGCMP" dotlayer after.png before.png cpu_after.png cpu_before.png 200 150 1 --max 0.07 --tone 0.02); then
        ok "gpu_dots_match_cpu_render ($r)"; else fail gpu_dots_match_cpu_render "$r"; fi
    # Negative controls: a render without dots, and the CPU layer x0.8.
    if r=$("$IMGCMP" dotlayer after.png before.png cpu_before.png cpu_before.png 200 150 1 --max 0.07 --tone 0.02); then
        fail gpu_dots_negative_control "matched a render with no dots ($r)"; else ok gpu_dots_negative_control; fi
    if r=$("$IMGCMP" dotlayer after.png before.png cpu_after.png cpu_before.png 200 150 1 --max 0.07 --tone 0.02 \
           --cpu-scale 0.8); then
        fail gpu_dots_negative_control_x0.8 "matched ($r)"; else ok gpu_dots_negative_control_x0.8; fi
    # below the hairline handles: the photo's own pixels (sRGB round trip exact)
    check before_shows_photo_unchanged $PT region-equal before.png 200 320 cpu_before.png 0 170 400 130 1
else
    fail gpu_dots_match_cpu_render "smpview render failed: $(head -c 300 cpu.err)"
fi

# ---- painting, split view, zoom ---------------------------------------------
"$SMPVIEW" render --photo photo.png --no-label -o photo_ref.png 2>/dev/null
if run paint_split_zoom.txt photo.png; then ok paint_replay_runs; else
    fail paint_replay_runs "$(head -c 300 paint_split_zoom.txt.err)"; fi
check brush_adds_treat_stroke plan painted.smp \
    "len(p['regions']) == 1 and p['regions'][0]['kind'] == 'treat' and len(p['regions'][0]['points']) >= 3"
check eraser_adds_erase_stroke plan erased.smp \
    "len(p['regions']) == 2 and p['regions'][1].get('erase') is True"
# split: left of the divider is the photo alone (as with space held)
check split_left_shows_photo $PT region-equal split.png 200 260 photo_ref.png 0 110 150 190 1
check split_right_shows_dots $PT region-equal split.png 420 160 painted.png 420 160 150 100 1
if [ "$($PT pixel split.png 400 420)" = "255 255 255" ]; then ok split_divider_drawn; else
    fail split_divider_drawn "pixel at x=400: $($PT pixel split.png 400 420)"; fi
if [ "$($PT pixel split_moved.png 300 420)" = "255 255 255" ]; then ok split_divider_dragged; else
    fail split_divider_dragged "pixel at x=300: $($PT pixel split_moved.png 300 420)"; fi
check wheel_zoom_keeps_point_under_cursor plan zoomed.smp \
    "abs(p['hairline']['points'][0][0] - 300) < 0.01 and abs(p['hairline']['points'][0][1] - 250) < 0.01"

# ---- save, export, quit with "save changes?", reopen --------------------------
if run save_export.txt photo.png; then ok save_replay_runs; else
    fail save_replay_runs "$(head -c 300 save_export.txt.err)"; fi
check save_as_writes_plan plan saved.smp "len(p['hairline']['points']) >= 2"
check quit_dialog_saves_changes plan saved.smp "len(p['hairline']['points']) == 3"
check saved_plan_names_photo_relative plan saved.smp "p['photo']['path'] == 'photo.png'"
"$SMPVIEW" render at_save.smp -o cli_export.png 2>/dev/null
check export_identical_to_cli_render cmp -s export.png cli_export.png
if run reopen.txt saved.smp; then ok reopen_replay_runs; else
    fail reopen_replay_runs "$(head -c 300 reopen.txt.err)"; fi
check reopen_gives_saved_plan cmp -s before_quit.smp reopened.smp
check failed_open_keeps_plan cmp -s edited.smp after_bad_drop.smp
check failed_open_keeps_undo cmp -s reopened.smp reopened_undo.smp
if grep -q 'not_a_photo.jpg' reopen.txt.err; then ok failed_open_says_why; else
    fail failed_open_says_why "no message naming the file: $(head -c 200 reopen.txt.err)"; fi

# ---- autosave and recovery after kill -9 --------------------------------------
mkdir -p state
"$SMPVIEW" photo.png --size 800x600 --state-dir state --replay "$UI/recover.txt" >/dev/null 2>recover.err &
pid=$!
for _ in $(seq 1 100); do [ -f state/autosave.smp ] && break; sleep 0.1; done
sleep 0.2
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ -f state/autosave.smp ]; then ok autosave_written_after_edit; else fail autosave_written_after_edit "no state/autosave.smp"; fi
run recover_answer.txt photo.png --state-dir state
check recovery_offered_not_applied plan offered.smp "p['hairline']['points'] == []"
# the "Recover unsaved work?" box (600x210, centred) is drawn
# (its fill is 252/255 opaque: within 2 of 30 33 39 whatever is behind it)
if python3 -c "import sys; sys.exit(not all(abs(a - b) <= 2 for a, b in zip(map(int, sys.argv[1:]), (30, 33, 39))))" \
    $($PT pixel offered.png 650 230); then ok recovery_dialog_shown; else
    fail recovery_dialog_shown "pixel at (650, 230): $($PT pixel offered.png 650 230)"; fi
check recovery_restores_edit plan recovered.smp "p['hairline']['points'] == [[40, 150], [360, 150]]"

# ---- script errors and the headless refusal ----------------------------------
printf 'key h\nfrobnicate 1 2\n' >bad.txt
expect_error replay_unknown_command "bad.txt:2: unknown command 'frobnicate'" photo.png --replay bad.txt
printf 'mouse_down 10 abc\n' >bad2.txt
expect_error replay_bad_number "bad2.txt:1: bad number 'abc'" photo.png --replay bad2.txt
expect_error offscreen_refuses_interactive "smpview render" photo.png
