#!/usr/bin/env bash
# Layout at 800x600 and 1280x800, from screenshots: the help overlay's text
# stays inside its box (its right margin is empty), and the scale dialog ends
# 16 px below OK/Cancel (no empty band under them).
. "$(dirname "$0")/../lib.sh"
ui_setup
for size in 800x600 1280x800; do
    w=${size%x*} h=${size#*x}
    mkdir -p "$w" && cd "$w" || exit 1
    if "$SMPVIEW" ../photo.png --size "$size" --replay "$UI/layout.txt" >out 2>err; then ok "layout_${w}_replay_runs"
    else fail "layout_${w}_replay_runs" "status $?: $(head -c 300 err)"; fi
    cd "$TMP" || exit 1
    # help: 720 px wide, centred; the last 20 px inside its right edge hold
    # no text from the title down to the Close button (box colour only)
    bx=$(( (w - 720) / 2 + 720 - 21 )) top=$(( h > 622 ? (h - 622) / 2 : 0 ))
    check "layout_${w}_help_text_inside_box" $PT uniform "$w/help.png" "$bx" $((top + 10)) 20 440 28 31 36 3
    # scale dialog: 380 x 468, centred unless it would cover the two points
    # (x 200 and 300): at 800 wide it sits 8 px from the right edge; OK from
    # bottom - 72 to bottom - 16
    dx=$(( w == 800 ? w - 388 : (w - 380) / 2 )) dy=$(( (h - 468) / 2 ))
    check "layout_${w}_scale_ok_button" $PT uniform "$w/scale.png" $((dx + 26)) $((dy + 468 - 60)) 30 30 38 110 190 2
    check "layout_${w}_scale_margin_under_buttons" $PT uniform "$w/scale.png" $((dx + 4)) $((dy + 468 - 13)) 372 10 30 33 39 2
    # just below the box: no dialog colour (the old box ran 52 px further)
    if ! $PT uniform "$w/scale.png" $((dx + 4)) $((dy + 468 + 4)) 372 10 30 33 39 2 >/dev/null; then
        ok "layout_${w}_scale_box_ends_there"; else fail "layout_${w}_scale_box_ends_there" "dialog colour below the box"; fi
done
