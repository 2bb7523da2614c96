#!/usr/bin/env bash
# The GPU view renders the photo's look like the CPU export (issue 8): on the
# highlight of a shiny scalp, the dot layer on screen matches `smpview render`
# (sheen kept on top), and does not match a render with the sheen off.
. "$(dirname "$0")/../lib.sh"
# The highlight: photo (360, 280) to (460, 380). 15k dots at 100 % take the
# zoomed-out grid path (lod.c) at full resolution: measured ratio 0.016, tone
# 1.011 on the flat photo; 0.031, 1.021 since the app fits the 3D head (the
# dots foreshortened, the CPU render of the plan as shown). When that grid laid sub-pixel dots as points, ignoring the photo's
# 1.6 px blur, the ratio was 0.34 (crisp dots on screen); the sheen-off control
# misses by ratio (0.60) and by tone (0.40).
gpu_dotlayer_check look_gpu "$SMP_ROOT/tests/plans/crown_dark_top.smp" \
    "$SHARED_PHOTOS/rf_top_crown_bald_dark-skin.jpg" 360 280 100 100 "--max 0.06 --tone 0.05" --no-sheen
