#!/usr/bin/env bash
# Fresh work's redness (src/core/erythema.h) in the GPU view matches the CPU
# export; the negative control is the export without the flush.
. "$(dirname "$0")/../lib.sh"
PHOTO="$SHARED_PHOTOS/rf_top_crown_shaved-stubble_tan.jpg"
cd "$TMP" || exit 1
# The crown plan on the tan stubble photo, at the fresh stage (the plan is a test
# fixture with the photo path relative to it: write the copy beside it).
PLAN="$SMP_ROOT/tests/plans/.fresh_$$.smp"
sed 's/^{$/{ "stage": { "name": "fresh" },/' "$SMP_ROOT/tests/plans/crown_stubble_tan.smp" >"$PLAN"
trap 'rm -f "$PLAN"' EXIT
if ! "$SMPVIEW" "$PLAN" --size 800x600 --state-dir "$TMP/state" --replay "$UI/look_sheen.txt" >app.out 2>app.err; then
    fail fresh_gpu_replay_runs "$(head -c 300 app.err)"; exit 0
fi
ok fresh_gpu_replay_runs
"$SMPVIEW" render "$PLAN" --no-label -o cpu.png 2>cpu.err &&
"$SMPVIEW" render "$PLAN" --no-label --no-redness -o cpu_plain.png 2>>cpu.err &&
"$SMPVIEW" render --photo "$PHOTO" --no-label -o cpu_photo.png 2>>cpu.err || {
    fail fresh_gpu_matches_cpu "smpview render failed: $(head -c 300 cpu.err)"; exit 0; }
# The treated centre: photo (250, 250) to (390, 390), i.e. screen (330, 230).
LIMITS="--max 0.08 --tone 0.06"
for f in cpu cpu_plain cpu_photo; do "$IMGCMP" crop $f.png 250 250 140 140 ${f}_c.png; done
if r=$("$IMGCMP" dotlayer after.png before.png cpu_c.png cpu_photo_c.png 330 230 1 $LIMITS); then
    ok "fresh_gpu_matches_cpu ($r)"; else fail fresh_gpu_matches_cpu "$r"; fi
if r=$("$IMGCMP" dotlayer after.png before.png cpu_plain_c.png cpu_photo_c.png 330 230 1 $LIMITS); then
    fail fresh_gpu_redness_negative_control "matched the export without redness ($r)"
else ok "fresh_gpu_redness_negative_control ($r)"; fi
