#!/usr/bin/env bash
# The photo's content hash in the app: a plan started from a photo records the
# photo's SHA-256 (so a swapped photo can be noticed later), and opening a plan
# whose photo changed warns, on stderr and in the status bar, like
# `smpview render` does, and still opens it.
. "$(dirname "$0")/../lib.sh"
ui_setup
printf 'wait 2\ndump plan.smp\nquit\n' >dump.txt
"$SMPVIEW" photo.png --size 800x600 --replay dump.txt >/dev/null 2>err
want="sha256:$(sha256sum photo.png | cut -d' ' -f1)"
got=$(python3 -c "import json,sys; print(json.load(open('plan.smp'))['photo'].get('hash', ''))" 2>/dev/null)
check new_plan_records_photo_hash test "$got" = "$want"

# The same plan opened again: no warning.
"$SMPVIEW" plan.smp --size 800x600 --replay dump.txt >/dev/null 2>err
check same_photo_no_warning sh -c "! grep -q 'content differs' err"
# The photo swapped for another of the same size (a labelled copy): a
# warning, and it opens.
"$SMPVIEW" render --photo photo.png --label OTHER -o other.png
mv other.png photo.png
"$SMPVIEW" plan.smp --size 800x600 --replay dump.txt >/dev/null 2>err
rc=$?
check swapped_photo_warns grep -q "warning: .*photo.png: the photo's content differs" err
check swapped_photo_still_opens test "$rc" -eq 0 -a -s plan.smp
