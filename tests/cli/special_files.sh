#!/usr/bin/env bash
# Special files given as photos (issue 13, item 6): a FIFO or a device must be
# refused with one line, never waited on. `info`, `render` (directly and
# through a plan naming the FIFO) and the app (started on it, or a drop) all
# run under `timeout`: a hang shows as status 124, not as a slow pass.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
mkfifo pipe.jpg
python3 - "$SMP_ROOT/seeds/front_hairline.smp" fifo_plan.smp "$TMP/pipe.jpg" <<'EOF'
import json, sys
p = json.load(open(sys.argv[1]))
p['photo']['path'] = sys.argv[3]
p['photo'].pop('hash', None)
json.dump(p, open(sys.argv[2], 'w'))
EOF
T="timeout 20"
expect_refused() { # name, args...: status 1, one line naming the file as not regular
    local name=$1; shift
    $T "$SMPVIEW" "$@" >out 2>err
    local rc=$?
    if [ "$rc" -eq 124 ]; then fail "$name" "hung (killed by timeout)"
    elif [ "$rc" -ne 1 ]; then fail "$name" "status $rc: $(head -c 200 err)"
    elif [ "$(wc -l <err)" -ne 1 ]; then fail "$name" "$(wc -l <err) lines: $(head -c 300 err)"
    elif ! grep -q "pipe.jpg.*not a regular file\|/dev/zero.*not a regular file" err; then fail "$name" "$(cat err)"
    else ok "$name"; fi
}
expect_refused info_fifo_refused info pipe.jpg
expect_refused info_device_refused info /dev/zero
expect_refused render_fifo_photo_refused render --photo pipe.jpg "$SMP_ROOT/seeds/front_hairline.smp" -o out.png
expect_refused render_plan_naming_fifo_refused render fifo_plan.smp -o out.png
expect_refused unpack_fifo_refused unpack pipe.jpg
# Negative control: the same commands on a regular file still work.
cp "$SMP_ROOT/assets/sample_front.jpg" regular.jpg
if $T "$SMPVIEW" info regular.jpg >out 2>err; then ok info_regular_file_still_works; else
    fail info_regular_file_still_works "$(cat err)"; fi

# The app: dropped, and given on the command line. The replay must reach its end.
printf 'drop %s\nwait 2\ndump after_drop.smp\nquit\n' "$TMP/pipe.jpg" >drop.txt
$T "$SMPVIEW" regular.jpg --size 640x480 --replay drop.txt >app.out 2>app.err
rc=$?
if [ "$rc" -eq 124 ]; then fail app_drop_fifo_no_hang "hung"
elif [ "$rc" -ne 0 ]; then fail app_drop_fifo_no_hang "status $rc: $(head -c 300 app.err)"
elif [ ! -f after_drop.smp ]; then fail app_drop_fifo_no_hang "no dump after the drop"
else ok app_drop_fifo_no_hang; fi
check app_drop_fifo_says_why grep -q "not a regular file" app.err
printf 'wait 2\nquit\n' >start.txt
$T "$SMPVIEW" pipe.jpg --size 640x480 --replay start.txt >app2.out 2>app2.err
rc=$?
if [ "$rc" -eq 124 ]; then fail app_start_on_fifo_no_hang "hung"; else ok app_start_on_fifo_no_hang; fi
