#!/usr/bin/env bash
# The app opens a bundle from the tablet (.smpb) as it opens a plan: unpacked
# beside it (as `smpview unpack`), the plan and its photo shown, the status
# saying where they now are; a damaged bundle changes nothing and says why. Both come as a drop.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
export SMPVIEW_STATUS_LOG=$TMP/status.log
python3 "$SMP_ROOT/tests/tools/mkbundle.py" "$SMP_ROOT/seeds/front_hairline.smp" "$SMP_ROOT/assets/sample_front.jpg" \
    client.smpb
printf 'wait 1\ndrop client.smpb\nwait 2\ndump opened.smp\nquit\n' >open.txt
if "$SMPVIEW" --size 800x600 --state-dir st --replay open.txt >out 2>err; then ok bundle_open_replay_runs
else fail bundle_open_replay_runs "status $?: $(head -c 300 err)"; fi
check bundle_open_status grep -q "^Opened client.smpb: its plan and photo are unpacked beside it, in client/$" status.log
check bundle_open_photo_shown plan opened.smp "p['photo']['width'] == 1200 and p['photo']['path'] == 'client/sample_front.jpg'"
check bundle_open_is_the_plan plan opened.smp "p['dots']['density'] == 90 and len(p['hairline']['points']) == 6"

head -c 3000 client.smpb >cut.smpb
printf 'wait 1\ndrop cut.smpb\nwait 1\nquit\n' >cut.txt
"$SMPVIEW" --size 800x600 --state-dir st2 --replay cut.txt >cut.out 2>cut.err
check bundle_open_damaged_says_why grep -q "cut.smpb: damaged bundle (truncated)" cut.err
check bundle_open_damaged_unpacks_nothing test ! -e cut
