#!/usr/bin/env bash
# Issue 13 item 8: "Forget client" with the client's photo open (not a plan)
# removes the client's plans from recent.txt (other clients stay), the temp
# files of the client's interrupted saves (other files' stay), and a last
# folder that was typed relative in Export. The same run without the click
# keeps them all, and stores the last folder as an absolute path.
. "$(dirname "$0")/../lib.sh" || exit 1
UI="$SMP_ROOT/tests/ui"
[ -d "$TMP" ] && cd "$TMP" || exit 1
mkdir -p clients/anna clients/bob
$PT make-photo clients/anna/front.png 400 300
cp clients/anna/front.png clients/bob/back.png
plan_for() { # FILE PHOTO_PATH: a minimal plan on that photo
    printf '{"smpview_plan": 1, "photo": {"path": "%s"}}\n' "$2" >"$1"
}
plan_for clients/anna/anna.smp front.png
plan_for clients/anna/anna_v2.smp front.png
plan_for clients/bob/bob.smp back.png
setup() { # STATE_DIR
    rm -rf "$1" && mkdir -p "$1"
    printf '%s\n' "$TMP/clients/bob/bob.smp" "$TMP/clients/anna/anna.smp" "$TMP/clients/anna/anna_v2.smp" \
        >"$1/recent.txt"
    touch clients/anna/.anna.smp.tmp-0123abcd clients/bob/.bob.smp.tmp-0123abcd
}
# Export typed as a relative path (the app runs in clients/), then the click.
run() { # STATE_DIR FORGET(yes|no)
    local click=()
    [ "$2" = yes ] && click=("mouse_down 535 28" "mouse_up 535 28" "key f")
    printf '%s\n' "key ctrl+e" "text anna/front_preview_$2.png" "key return" "wait 30" "${click[@]}" "wait 2" \
        >"$TMP/forget.txt"
    (cd clients && "$SMPVIEW" anna/front.png --size 800x600 --state-dir "../$1" --replay "$TMP/forget.txt" \
        >"$TMP/$1.out" 2>"$TMP/$1.err")
}
if "$SMPVIEW" info clients/anna/anna.smp >/dev/null 2>&1; then ok forget_photo_fixture; else
    fail forget_photo_fixture "$("$SMPVIEW" info clients/anna/anna.smp 2>&1 | head -c 200)"; fi

setup st_no
run st_no no
check forget_photo_control_exported test -s clients/anna/front_preview_no.png
check forget_photo_control_last_folder_absolute [ "$(cat st_no/last_folder.txt)" = "$TMP/clients/anna" ]
check forget_photo_control_recent_kept grep -qx "$TMP/clients/anna/anna.smp" st_no/recent.txt
check forget_photo_control_temp_kept test -e clients/anna/.anna.smp.tmp-0123abcd

setup st_yes
run st_yes yes
check forget_photo_removes_client_plans [ "$(cat st_yes/recent.txt)" = "$TMP/clients/bob/bob.smp" ]
check forget_photo_removes_relative_last_folder test ! -e st_yes/last_folder.txt
check forget_photo_removes_client_temp_files test ! -e clients/anna/.anna.smp.tmp-0123abcd
check forget_photo_keeps_other_temp_files test -e clients/bob/.bob.smp.tmp-0123abcd
