#!/usr/bin/env bash
# "Show the client": one key into a full-screen view with no overlays. The
# view's pixels are checked against the plain render: with "before" held the
# whole photo equals it (no guide, curve, handle or tint anywhere), the after
# view's dot layer matches `smpview render`, the split's before side equals
# the photo outside its label box; negative control: the edit view, same
# hairline, same zoom, does not equal the photo (its overlays). Esc leaves;
# the divider drags.
. "$(dirname "$0")/../lib.sh"
ui_setup
if ! run mk_plan.txt photo.png; then fail show_fixture "$(head -c 300 mk_plan.txt.err)"; exit 0; fi
"$SMPVIEW" render --photo photo.png --no-label -o photo_ref.png 2>/dev/null
"$SMPVIEW" render made.smp --no-label -o cpu_after.png 2>/dev/null
if run show_client.txt made.smp; then ok show_client_runs; else
    fail show_client_runs "$(head -c 300 show_client.txt.err)"; exit 0; fi
# before held: every photo pixel is the photo's own (sRGB round trip: 1 step)
check show_before_has_no_overlay $PT region-equal show_before.png 200 118 photo_ref.png 0 0 400 300 1
# negative control: the edit view with before held still draws its overlays
if $PT region-equal edit_before.png 200 150 photo_ref.png 0 0 400 300 1 >/dev/null 2>&1; then
    fail show_negative_control "the edit view equals the photo: the check can't see overlays"; else
    ok show_negative_control_edit_view_has_overlays; fi
# after: the dot layer matches the CPU render (tolerances of app_replay.sh)
if r=$("$IMGCMP" dotlayer show_after.png show_before.png cpu_after.png photo_ref.png 200 118 1 --max 0.07 --tone 0.02); then
    ok "show_after_matches_render ($r)"; else fail show_after_matches_render "$r"; fi
# split: left of the divider (x 400, its handle 18 px round) the photo alone,
# right of it dots; the label boxes sit in the window's corners, off the photo
check show_split_before_side_is_photo $PT region-equal show_split.png 200 118 photo_ref.png 0 0 180 300 1
if $PT region-equal show_split.png 403 118 photo_ref.png 203 0 197 120 1 >/dev/null 2>&1; then
    fail show_split_after_side_has_dots "the after side equals the photo"; else ok show_split_after_side_has_dots; fi
if [ "$($PT pixel show_split.png 400 450)" = "255 255 255" ]; then ok show_split_divider; else
    fail show_split_divider "pixel at x=400: $($PT pixel show_split.png 400 450)"; fi
if [ "$($PT pixel show_split_moved.png 300 450)" = "255 255 255" ]; then ok show_split_divider_dragged; else
    fail show_split_divider_dragged "pixel at x=300: $($PT pixel show_split_moved.png 300 450)"; fi
# side by side: the before half is the photo alone (its label sits above the photo),
# the after half's dot layer matches the render; control: the after half is not the photo
check show_side_before_is_photo $PT region-equal show_side.png 0 118 photo_ref.png 0 0 400 300 1
if r=$("$IMGCMP" dotlayer show_side.png show_side_before.png cpu_after.png photo_ref.png 400 118 1 --max 0.07 --tone 0.02 \
    2>&1); then ok "show_side_after_matches_render ($r)"; else fail show_side_after_matches_render "$r"; fi
if $PT region-equal show_side.png 400 118 photo_ref.png 0 0 400 300 1 >/dev/null 2>&1; then
    fail show_side_after_has_dots "the after half equals the photo"; else ok show_side_after_has_dots; fi
if [ "$($PT pixel show_side.png 30 30)" != "$($PT pixel show_after.png 30 30)" ]; then ok show_side_labelled; else
    fail show_side_labelled "no BEFORE label at the top-left"; fi
# Esc: back to the editor (its top bar again)
if [ "$($PT pixel back.png 30 20)" != "$($PT pixel show_after.png 30 20)" ]; then ok show_esc_leaves; else
    fail show_esc_leaves "the top-left corner did not change"; fi
