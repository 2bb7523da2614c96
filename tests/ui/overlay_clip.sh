#!/usr/bin/env bash
# View overlays (hairline curve, handles, guides, midline) are clipped to the
# photo view: zoomed in, the panels and bars around it keep their own colour
# where the curve and the midline would cross them.
. "$(dirname "$0")/../lib.sh"
ui_setup
if "$SMPVIEW" "$SMP_ROOT/seeds/front_hairline.smp" --size 1280x800 --replay "$UI/overlay_clip.txt" >out 2>err; then
    ok overlay_clip_replay_runs; else fail overlay_clip_replay_runs "status $?: $(head -c 300 err)"; fi
# 1280x800 at scale 1: top bar 0..56, tool bar 0..104, panel from x 950,
# status bar from y 766. Panel colour: (34, 37, 43, 240) over the background.
panel="33 37 42 0"
# control: the curve is drawn inside the view, near its right edge
check overlay_clip_curve_in_view $PT find zoom.png 930 330 19 60 243 229 223 12
# the side panel below its last text (y 650), and its right margin beside the
# controls, where the curve runs on toward the window's edge
check overlay_clip_side_panel $PT uniform zoom.png 952 660 326 100 $panel
check overlay_clip_side_margin $PT uniform zoom.png 1274 360 5 200 $panel
# the tool bar's left margin (the curve crosses it at y ~ 370)
check overlay_clip_tool_bar $PT uniform zoom.png 0 56 4 710 $panel
# the status bar between its texts (the midline crosses it at x = 527; the facts
# at the right, with the 3D head's label, start near x 790)
check overlay_clip_status_bar $PT uniform zoom.png 320 768 460 32 $panel
# the top bar's first rows, above the buttons (the midline again)
check overlay_clip_top_bar $PT uniform zoom.png 0 0 1280 3 $panel
# at fit zoom nothing changes in those places
check overlay_clip_panel_same_as_fit $PT region-equal zoom.png 952 660 fit.png 952 660 326 100 0
