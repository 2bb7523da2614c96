#!/usr/bin/env bash
# Panels at 800x600 (tests/ui/panels.txt): the tool bar's buttons all end
# above the status bar, the Look step (taller than the panel) scrolls with a
# "More below" button and the wheel, and the wheel over the bars leaves the
# photo's zoom alone.
. "$(dirname "$0")/../lib.sh"
ui_setup
if "$SMPVIEW" photo.png --size 800x600 --replay "$UI/panels.txt" >out 2>err; then ok panels_replay_runs; else
    fail panels_replay_runs "status $?: $(head -c 300 err)"; fi
panel="33 37 42 0" # (34, 37, 43, 240) over the background
# tool bar 56..566: the Before button (last) ends above the status bar
check panels_tool_bar_fits $PT uniform start.png 6 561 90 5 $panel
# the view (104, 56, 366 x 510) is unchanged by the wheel over the bars
check panels_wheel_over_bars_no_zoom $PT region-equal start.png 104 56 after_wheel.png 104 56 366 510 0
# Reshuffle and Aged, below the fold, were reached and work
check panels_dots_tab_end_reachable $PT plan end_buttons.smp "p['stage']['name'] == 'aged' and p['seed'] != 1"
# scrolled: the panel shows other content; the wheel brings the top back
if ! $PT region-equal dots_top.png 476 114 dots_more.png 476 114 324 380 0 >/dev/null; then
    ok panels_more_scrolls; else fail panels_more_scrolls "the panel did not move"; fi
check panels_wheel_scrolls_back $PT region-equal dots_top.png 476 114 dots_back.png 476 114 324 380 0
# the scrolled content stays inside its area: the strip above the More button
check panels_content_clipped $PT uniform dots_more.png 472 512 326 3 $panel
