#!/usr/bin/env bash
# The app does not lose views (plan format version 2): a plan with a second photo
# opened in the app, edited on view 0 (a hairline point added) and saved keeps its
# second view, fit and label, byte for byte in its fields; the edit is saved too.
# Saved as into another folder, the second view's photo path follows (relative to
# the new plan); negative control: the plan saved in place keeps its own.
. "$(dirname "$0")/../lib.sh"
ui_setup
"$IMGCMP" make-photo top.png 300 300 || { fail views_fixture "cannot make top.png"; exit 0; }
cat >plan.smp <<'PLAN'
{"smpview_plan": 2, "photo": {"path": "photo.png", "width": 400, "height": 300, "label": "front"},
 "head": {"view": "front", "yaw_deg": 0, "pitch_deg": 0, "roll_deg": 0, "size": 1,
          "centre_x_mm": 0, "centre_y_mm": 0, "centre_z_mm": 2000, "focal_px": 2400},
 "hairline": {"points": [[100, 150]]},
 "views": [{"photo": {"path": "top.png", "hash": "", "width": 300, "height": 300, "label": "top"},
            "head": {"view": "top", "yaw_deg": 0, "pitch_deg": 84, "roll_deg": 1.5, "size": 1.02,
                     "centre_x_mm": 3, "centre_y_mm": -4, "centre_z_mm": 1900, "focal_px": 2300}}]}
PLAN
cp plan.smp before.smp
mkdir sub
if ! run views_kept.txt plan.smp --state-dir "$TMP/state"; then
    fail views_kept_replay_runs "$(head -c 300 "$TMP/views_kept.txt.err")"; exit 0; fi
ok views_kept_replay_runs
check views_kept_edit_saved plan plan.smp "len(p['hairline']['points']) == 2 and p['smpview_plan'] == 2"
check views_kept_file_changed sh -c '! cmp -s plan.smp before.smp'
check views_kept_second_view plan plan.smp \
    "len(p['views']) == 1 and p['views'][0]['photo']['path'] == 'top.png' and p['views'][0]['photo']['label'] == 'top'"
check views_kept_second_fit plan plan.smp \
    "p['views'][0]['head'] == {'view': 'top', 'yaw_deg': 0, 'pitch_deg': 84, 'roll_deg': 1.5, 'size': 1.02, 'centre_x_mm': 3, 'centre_y_mm': -4, 'centre_z_mm': 1900, 'focal_px': 2300}"
check views_kept_view0_label plan plan.smp "p['photo']['label'] == 'front'"
check views_kept_in_dump plan edited.smp "len(p['views']) == 1"
"$SMPVIEW" render plan.smp --view 1 -o top_render.png 2>render.err
check views_kept_view1_renders test -s top_render.png
check views_kept_save_as_moves_path plan sub/moved.smp "p['views'][0]['photo']['path'] == '../top.png'"
check views_kept_save_in_place_path plan plan.smp "p['views'][0]['photo']['path'] == 'top.png'"
"$SMPVIEW" render sub/moved.smp --view 1 -o moved_render.png 2>moved.err
check views_kept_moved_view1_renders cmp -s moved_render.png top_render.png
