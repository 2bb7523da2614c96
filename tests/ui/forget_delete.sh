#!/usr/bin/env bash
# Issue 10: Forget client offers to delete the client's files too. With anna's
# photo open: her plans in the recent list and the image exported in this
# session are deleted by "D"; her photo is never deleted; bob's plan and a file
# anna never exported stay. Control: "F" alone deletes nothing. The dialog says
# how many files (2 plans + 1 export).
. "$(dirname "$0")/../lib.sh" || exit 1
[ -d "$TMP" ] && cd "$TMP" || exit 1
setup() { # STATE_DIR
    rm -rf clients "$1" && mkdir -p clients/anna clients/bob "$1"
    $PT make-photo clients/anna/front.png 400 300
    cp clients/anna/front.png clients/bob/back.png
    printf '{"smpview_plan": 1, "photo": {"path": "front.png"}}\n' >clients/anna/anna.smp
    printf '{"smpview_plan": 1, "photo": {"path": "front.png"}}\n' >clients/anna/anna_v2.smp
    printf '{"smpview_plan": 1, "photo": {"path": "back.png"}}\n' >clients/bob/bob.smp
    echo keep >clients/anna/notes.txt
    printf '%s\n' "$TMP/clients/bob/bob.smp" "$TMP/clients/anna/anna.smp" "$TMP/clients/anna/anna_v2.smp" \
        >"$1/recent.txt"
}
run() { # STATE_DIR KEY: export a preview, then Forget client answered with KEY
    printf '%s\n' "wait 5" "key ctrl+e" "text $TMP/clients/anna/preview.png" "key return" "wait 30" \
        "mouse_down 535 28" "mouse_up 535 28" "wait 2" "screenshot $1.png" "key $2" "wait 2" >"$1.txt"
    "$SMPVIEW" clients/anna/front.png --size 800x600 --state-dir "$1" --replay "$1.txt" >"$1.out" 2>"$1.err"
}
setup st_keep
run st_keep f
check forget_keep_control_exported test -s clients/anna/preview.png
check forget_keep_control_plans_stay test -e clients/anna/anna.smp -a -e clients/anna/anna_v2.smp
setup st_del
run st_del d
check forget_delete_plans test ! -e clients/anna/anna.smp -a ! -e clients/anna/anna_v2.smp
check forget_delete_export test ! -e clients/anna/preview.png
check forget_delete_keeps_photo test -s clients/anna/front.png
check forget_delete_keeps_other_files test -e clients/anna/notes.txt -a -e clients/bob/bob.smp -a -e clients/bob/back.png
check forget_delete_recent_is_bobs [ "$(cat st_del/recent.txt)" = "$TMP/clients/bob/bob.smp" ]
