#!/usr/bin/env bash
# Opening files in the app, run headless on replay scripts: the open dialog as
# a file browser (rows, "..", wheel and finger scrolling, a typed path, the
# Clients tab), a plan whose photo is missing (locate and re-link), a plan from
# a newer smpview (refused, never written), and a 48-megapixel photo opened in
# the background (frames keep coming; a failed load keeps everything).
# Every check asserts on dumped plans, files or screenshots.
. "$(dirname "$0")/../lib.sh"
ui_setup
runs() { # name, script, args...: runs and reports whether the replay exited 0
    local name=$1; shift
    if run "$@"; then ok "$name"; else fail "$name" "status $?: $(head -c 300 "$TMP/$1.err")"; fi
}
near() { # IMG X Y R G B TOL: the pixel is within TOL of (R, G, B)
    local px; px=$($PT pixel "$1" "$2" "$3")
    python3 -c "import sys; a=list(map(int,'$px'.split())); b=[$4,$5,$6]; sys.exit(0 if max(abs(x-y) for x,y in zip(a,b))<=$7 else 1)"
}
# A copy of made.smp with the first hairline point at x and another photo path.
variant() { # SRC DST X PHOTO_PATH
    python3 - "$@" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
p['hairline']['points'][0][0] = float(sys.argv[3])
p['photo']['path'] = sys.argv[4]
json.dump(p, open(sys.argv[2], 'w'), indent=2)
EOF
}

runs make_plan_replay_runs mk_plan.txt photo.png
mkdir -p clients/anna "clients/Bob Smith" clients/many clients/.hidden recent reloc/photos st st_loc st_loc2 st_new
cp photo.png clients/anna/front.png
variant made.smp clients/anna/anna.smp 100 front.png
variant made.smp "clients/Bob Smith/bob.smp" 110 ../../photo.png
variant made.smp recent/r.smp 120 ../photo.png
# the Clients tab lists plans by their last change, newest first
touch -d "2026-01-03 10:00" "clients/Bob Smith/bob.smp"
touch -d "2026-01-02 10:00" clients/anna/anna.smp
touch -d "2026-01-01 10:00" recent/r.smp
for i in $(seq -w 0 29); do cp photo.png "clients/many/p$i.png"; done
echo notes >clients/notes.txt
echo "$TMP/clients" >st/last_folder.txt
echo "$TMP/recent/r.smp" >st/recent.txt

# ---- the open dialog as a file browser ----------------------------------------
# Hidden entries and other files are not listed, else the rows would shift.
# No photo argument: the bundled sample opens without touching the state.
runs browse_replay_runs browse_open.txt --state-dir st
check browse_click_folder_then_plan plan opened_row.smp \
    "p['hairline']['points'][0][0] == 100 and p['photo']['path'] == 'clients/anna/front.png'"
check browse_dotdot_goes_up plan opened_up.smp "p['hairline']['points'][0][0] == 110"
check browse_recent_tab_opens plan opened_recent.smp "p['hairline']['points'][0][0] == 120"
check browse_typed_folder_and_wheel_scroll plan opened_wheel.smp "p['photo']['path'] == 'clients/many/p05.png'"
check browse_finger_drag_scrolls_then_tap plan opened_finger.smp "p['photo']['path'] == 'clients/many/p03.png'"
if [ "$(cat st/last_folder.txt)" = "$TMP/clients/many" ]; then ok browse_remembers_last_folder; else
    fail browse_remembers_last_folder "last_folder.txt: $(cat st/last_folder.txt)"; fi
if [ "$(head -1 st/recent.txt)" = "$TMP/recent/r.smp" ] && grep -qx "$TMP/clients/anna/anna.smp" st/recent.txt; then
    ok browse_opened_plans_in_recent; else fail browse_opened_plans_in_recent "$(cat st/recent.txt)"; fi
# the dialog is drawn: the selected "Folder" tab and a 56 px row separator
check browse_dialog_drawn near browse_clients.png 560 20 38 110 190 2

# ---- a plan whose photo is missing: locate it ----------------------------------
variant made.smp reloc/client.smp 130 front_missing.png
cp photo.png reloc/photos/new_front.png
cp reloc/client.smp reloc_orig.smp
runs locate_replay_runs locate.txt photo.png --state-dir st_loc
check locate_cancel_keeps_document cmp -s loc_before.smp loc_cancel.smp
check locate_relinks_photo plan relinked.smp \
    "p['photo']['path'] == 'reloc/photos/new_front.png' and p['hairline']['points'][0][0] == 130"
check locate_does_not_write_plan cmp -s reloc/client.smp reloc_orig.smp
# unsaved: the exit keeps it as autosave, belonging to the plan file
if [ -f st_loc/autosave.smp ] && [ "$(cat st_loc/autosave.origin)" = "$TMP/reloc/client.smp" ]; then
    ok locate_marks_plan_unsaved; else fail locate_marks_plan_unsaved "no autosave for reloc/client.smp"; fi
runs locate_save_replay_runs locate_save.txt photo.png --state-dir st_loc2
check locate_saved_path_relative_to_plan plan reloc/client.smp \
    "p['photo']['path'] == 'photos/new_front.png' and p['hairline']['points'][0][0] == 130"

# ---- a plan from a newer smpview ---------------------------------------------
sed -E 's/"smpview_plan": [0-9]+,/"smpview_plan": 99,/' made.smp >newer.smp
cp newer.smp newer_orig.smp
check newer_fixture_is_newer grep -q '"smpview_plan": 99' newer.smp
runs newer_replay_runs newer.txt photo.png --state-dir st_new
check newer_file_unchanged cmp -s newer.smp newer_orig.smp
check newer_keeps_document cmp -s new_before.smp new_after.smp
check newer_keeps_document_from_dialog cmp -s new_before.smp new_after2.smp
if [ "$(grep -c 'format version 99 is newer than this smpview supports' newer.txt.err)" -ge 2 ]; then
    ok newer_refused_with_message; else fail newer_refused_with_message "$(head -c 300 newer.txt.err)"; fi
# the message box (dark, centred) covers the photo's middle
check newer_message_visible near newer_msg.png 400 232 30 33 39 3
if [ -f st_new/autosave.smp ] && ! grep -q newer st_new/autosave.origin; then ok newer_autosave_not_over_it; else
    fail newer_autosave_not_over_it "autosave.origin: $(cat st_new/autosave.origin 2>/dev/null)"; fi
printf 'quit\n' >quit.txt
expect_error newer_refused_on_command_line "newer than this smpview supports" newer.smp --replay quit.txt
check newer_file_unchanged_after_cli cmp -s newer.smp newer_orig.smp

# ---- a 48-megapixel photo opens in the background ---------------------------------
$PT make-big big.png 8000 6000
runs big_photo_replay_runs big_photo.txt photo.png --stats
frames=$(sed -n 's/^frames=\([0-9]*\) .*/\1/p' big_photo.txt.out)
# 5 script lines (+ the first photo): many more frames were drawn while loading
if [ -n "$frames" ] && [ "$frames" -gt 14 ]; then ok "big_photo_frames_while_loading (frames=$frames)"; else
    fail big_photo_frames_while_loading "frames=$frames: $(cat big_photo.txt.out)"; fi
check big_photo_opened plan big.smp "p['photo']['width'] == 8000 and p['photo']['height'] == 6000"
# the window centre shows the photo centre (4000, 3000): colour (199, 157, 130)
check big_photo_shown near big_shot.png 400 300 199 157 130 4
# the line after the drop already sees the whole photo, undimmed, with no
# "Opening" box over it (at 800x600 that box covers 170..630 x 234..366):
# the view's centre (287, 311) shows the photo's centre
check big_photo_whole_on_next_line near big_first.png 287 311 199 157 130 4
head -c 300000 big.png >trunc.png
runs big_fail_replay_runs big_fail.txt photo.png
check failed_load_keeps_plan cmp -s bf_before.smp bf_after.smp
check failed_load_keeps_undo plan bf_undo.smp "len(p['hairline']['points']) == 1"
if grep -q 'trunc.png' big_fail.txt.err; then ok failed_load_says_why; else
    fail failed_load_says_why "$(head -c 300 big_fail.txt.err)"; fi
