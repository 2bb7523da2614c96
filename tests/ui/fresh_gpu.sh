#!/usr/bin/env bash
# Fresh work's redness (src/core/erythema.h) in the GPU view matches the CPU
# export; the negative control is the export without the flush (measured:
# ratio 0.009, tone 0.99; without the flush tone 1.26).
. "$(dirname "$0")/../lib.sh"
# The crown plan on the tan stubble photo at the fresh stage, written beside the
# original (its photo path is relative to it).
PLAN="$SMP_ROOT/tests/plans/.fresh_$$.smp"
sed 's/^{$/{ "stage": { "name": "fresh" },/' "$SMP_ROOT/tests/plans/crown_stubble_tan.smp" >"$PLAN"
trap 'rm -f "$PLAN"; rm -rf "$TMP"' EXIT
# The treated centre: photo (250, 250) to (390, 390).
gpu_dotlayer_check fresh_gpu "$PLAN" "$SHARED_PHOTOS/rf_top_crown_shaved-stubble_tan.jpg" 250 250 140 140 \
    "--max 0.08 --tone 0.06" --no-redness
# The flush is kept as it was while a drag moves the dots (app_doc_redness) and
# must catch up when it ends: after an eraser stroke through the centre the view
# still matches the export of the plan it shows.
gpu_dotlayer_check fresh_erase_gpu "$PLAN" "$SHARED_PHOTOS/rf_top_crown_shaved-stubble_tan.jpg" 250 250 140 140 \
    "--max 0.08 --tone 0.06" --no-redness "$UI/fresh_erase.txt"
