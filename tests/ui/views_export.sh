#!/usr/bin/env bash
# Exporting every view of a plan from the app (issue 11): the Export dialog's
# Layout offers "every view" once the plan has two photos; the file is the one
# `smpview render PLAN --layout views` writes, byte for byte. 1280x800: the
# dialog's Layout button (465, 394) cycles after, split, side, sheet, views;
# Export (750, 575).
. "$(dirname "$0")/../lib.sh"
views_setup views_export
click() { printf 'mouse_down %s %s\nmouse_up %s %s\nwait 1\n' "$1" "$2" "$1" "$2"; }
{ printf '%s\n' "wait 5" "key ctrl+e" "wait 2" "text $TMP/app_views.png"
  for _ in 1 2 3 4; do click 465 394; done
  printf '%s\n' "layout dialog.txt"; click 750 575; printf '%s\n' "wait 20" "dump $TMP/seeds/dumped.smp" quit; } >views.txt
"$SMPVIEW" seeds/plan.smp --size 1280x800 --state-dir st --replay views.txt >out 2>err ||
    fail views_export_replay_runs "status $?: $(head -c 300 err)"
check views_export_offered grep -q "Layout: every view$" dialog.txt
"$SMPVIEW" render seeds/dumped.smp --layout views -o cli_views.png 2>cli.err
check views_export_written test -s app_views.png
check views_export_is_cli cmp -s app_views.png cli_views.png
"$SMPVIEW" render seeds/dumped.smp --layout sheet -o cli_sheet.png 2>>cli.err
check views_export_control sh -c "! cmp -s app_views.png cli_sheet.png"
# a one-photo plan is not offered the layout (the fifth tap comes back to "after only")
{ printf '%s\n' "wait 5" "key ctrl+e" "wait 2"; for _ in 1 2 3 4; do click 465 394; done
  printf '%s\n' "layout one.txt" quit; } >one.txt
"$SMPVIEW" "$SMP_ROOT/seeds/front_hairline.smp" --size 1280x800 --state-dir st2 --replay one.txt >/dev/null 2>&1
check views_export_not_for_one_photo grep -q "Layout: after only$" one.txt
