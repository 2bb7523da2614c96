#!/usr/bin/env bash
# `size W H` in a replay (tests/ui/resize.txt): later screenshots are W x H
# with the whole app laid out at that size. Under SDL's offscreen driver the
# window's GL surface keeps its first size; a grown window used to come out
# with only its first 800x600 drawn and black bands around it.
. "$(dirname "$0")/../lib.sh"
ui_setup
if "$SMPVIEW" photo.png --size 800x600 --replay "$UI/resize.txt" >out 2>err; then ok resize_replay_runs; else
    fail resize_replay_runs "status $?: $(head -c 300 err)"; fi
printf 'wait 4\nscreenshot direct.png\n' >direct.txt
"$SMPVIEW" photo.png --size 1024x700 --replay direct.txt >/dev/null 2>&1
dims() { python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(*struct.unpack('>II', d[16:24]))" "$1"; }
panel="33 37 42 0" # status bar, top bar and side panels
for f in big.png:1024x700 back.png:800x600; do
    img=${f%%:*} want=${f#*:}
    if [ "$(dims "$img" 2>/dev/null)" = "${want/x/ }" ]; then ok "resize_${img%.png}_is_$want"; else
        fail "resize_${img%.png}_is_$want" "$(dims "$img" 2>&1)"; fi
done
# 1024x700: the status bar's last rows span the full width; the right
# panel reaches the right edge (its margin beside the buttons)
check resize_big_status_bar_full_width $PT uniform big.png 0 692 1024 8 $panel
check resize_big_status_bar_right_end $PT uniform big.png 1014 668 10 32 $panel
check resize_big_right_panel_at_edge $PT uniform big.png 1018 60 6 600 $panel
check resize_big_right_panel_near_1010_300 $PT uniform big.png 1006 290 12 20 $panel
# where the old 800x600 surface left black (x >= 800, y < 100): panel colour
bad=""
for p in "820 2" "1020 2" "400 2" "700 48" "850 690" "1014 690" "1010 300" "900 620" "1020 100" "1020 500"; do
    set -- $p
    px=$($PT pixel big.png "$1" "$2")
    [ "$px" = "33 37 42" ] || bad="$bad ($1,$2)=$px"
done
if [ -z "$bad" ]; then ok resize_big_no_black_band; else fail resize_big_no_black_band "$bad"; fi
if $PT find big.png 0 0 1024 700 0 0 0 10 >/dev/null; then
    fail resize_big_no_black_pixel "$($PT find big.png 0 0 1024 700 0 0 0 10)"; else ok resize_big_no_black_pixel; fi
# the bars and panels as in a window opened at 1024x700 (the view keeps its
# zoom on a resize, so the photo and the status text may differ)
check resize_big_top_bar_as_opened $PT region-equal big.png 0 0 direct.png 0 0 1024 56 0
check resize_big_tool_bar_as_opened $PT region-equal big.png 0 56 direct.png 0 56 104 610 0
check resize_big_panel_as_opened $PT region-equal big.png 696 56 direct.png 696 56 328 610 0
# back to 800x600: laid out as at the start, pixel for pixel
check resize_back_status_bar $PT uniform back.png 0 592 800 8 $panel
check resize_back_same_as_start $PT region-equal back.png 0 0 start.png 0 0 800 600 0
