#!/usr/bin/env bash
# "Forget client" in the top bar, clicked where it is drawn at 800x600 and at
# 1280x800: the client's plan leaves recent.txt (other clients stay), the last
# folder goes when it is the client's (stays when it is not), the autosave
# goes and no new one is written. A run without the click keeps them all.
# Every check asserts on the files in the state directory.
. "$(dirname "$0")/../lib.sh"
ui_setup
mkdir -p st_make clients/anna clients/bob
"$SMPVIEW" photo.png --size 800x600 --state-dir st_make --replay "$UI/mk_plan.txt" >/dev/null 2>mk.err ||
    fail forget_fixture "$(head -c 300 mk.err)"
cp photo.png clients/anna/front.png
cp photo.png clients/bob/back.png
# A copy of made.smp with the first hairline point at x and another photo path.
variant() { # SRC DST X PHOTO_PATH
    python3 - "$@" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p['hairline']['points'][0][0] = float(sys.argv[3])
p['photo']['path'] = sys.argv[4]
json.dump(p, open(sys.argv[2], 'w'), indent=2)
PY
}
variant made.smp clients/anna/anna.smp 100 front.png
variant made.smp clients/bob/bob.smp 110 back.png
# State: recent plans (anna's between two others), a last folder, and the
# autosave of anna's unsaved work (photo path absolute, like the app's).
state() { # DIR LAST_FOLDER
    mkdir -p "$1"
    printf '%s\n' "$TMP/clients/bob/bob.smp" "$TMP/clients/anna/anna.smp" "$TMP/other/carl.smp" >"$1/recent.txt"
    echo "$2" >"$1/last_folder.txt"
    variant made.smp "$1/autosave.smp" 150 "$TMP/clients/anna/front.png"
    echo "$TMP/clients/anna/anna.smp" >"$1/autosave.origin"
}
recent_is() { # DIR expected lines...
    local d=$1; shift
    [ "$(cat "$d/recent.txt")" = "$(printf '%s\n' "$@")" ]
}

for size in 800x600 1280x800; do
    w=${size%x*}
    st=st_$w
    # 800 px: the last folder is anna's (goes); 1280 px: bob's (stays)
    if [ "$w" = 800 ]; then x=535 last="$TMP/clients/anna"; else x=600 last="$TMP/clients/bob"; fi
    state "$st" "$last"
    mkdir -p "run_$w" && cd "run_$w" || exit 1
    sed "s/FORGET_X/$x/" "$UI/forget_client.txt" >forget.txt
    if "$SMPVIEW" --size "$size" --state-dir "../$st" --replay forget.txt >out 2>err; then ok "forget_${w}_replay_runs"
    else fail "forget_${w}_replay_runs" "status $?: $(head -c 300 err)"; fi
    cd "$TMP" || exit 1
    # the autosave was there and was anna's: R recovered her unsaved point
    check "forget_${w}_recovered_client" plan "run_$w/recovered.smp" "p['hairline']['points'][0][0] == 150"
    check "forget_${w}_removes_client_from_recent" recent_is "$st" "$TMP/clients/bob/bob.smp" "$TMP/other/carl.smp"
    if [ ! -e "$st/autosave.smp" ] && [ ! -e "$st/autosave.origin" ]; then ok "forget_${w}_removes_autosave"; else
        fail "forget_${w}_removes_autosave" "$(ls "$st")"; fi
    if [ "$w" = 800 ]; then
        if [ ! -e "$st/last_folder.txt" ]; then ok forget_800_removes_their_last_folder; else
            fail forget_800_removes_their_last_folder "last_folder.txt: $(cat "$st/last_folder.txt")"; fi
    else
        if [ "$(cat "$st/last_folder.txt")" = "$TMP/clients/bob" ]; then ok forget_1280_keeps_other_last_folder; else
            fail forget_1280_keeps_other_last_folder "last_folder.txt: $(cat "$st/last_folder.txt" 2>&1)"; fi
    fi
done

# Forgetting clears the screen: the photo and the plan are closed.
check forget_800_closes_the_photo plan run_800/forgotten.smp "not p.get('photo', {}).get('path')"
# The click only asks: cancelled (Esc), nothing is forgotten and the plan stays.
state st_cancel "$TMP/clients/anna"
printf 'key r\nmouse_down 535 28\nmouse_up 535 28\nkey escape\ndump kept.smp\n' >cancel.txt
"$SMPVIEW" --size 800x600 --state-dir st_cancel --replay cancel.txt >/dev/null 2>cancel.err
if grep -qx "$TMP/clients/anna/anna.smp" st_cancel/recent.txt && [ -f st_cancel/last_folder.txt ]; then
    ok forget_cancel_keeps_state; else fail forget_cancel_keeps_state "$(ls st_cancel): $(head -c 200 cancel.err)"; fi
check forget_cancel_keeps_the_plan plan kept.smp "p['hairline']['points'][0][0] == 150"

# Control: the same start without the click keeps everything (and the exit
# writes the autosave again), so the click above is what removed them.
state st_none "$TMP/clients/anna"
printf 'key r\nkey h\nmouse_down 300 400\nmouse_up 300 400\nwait 20\n' >none.txt
"$SMPVIEW" --size 800x600 --state-dir st_none --replay none.txt >/dev/null 2>none.err
if grep -qx "$TMP/clients/anna/anna.smp" st_none/recent.txt && [ -f st_none/last_folder.txt ] &&
   [ -f st_none/autosave.smp ]; then ok forget_control_without_click_keeps_state; else
    fail forget_control_without_click_keeps_state "$(ls st_none): $(head -c 200 none.err)"; fi
