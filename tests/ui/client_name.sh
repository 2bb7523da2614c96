#!/usr/bin/env bash
# The client's name from the Photo step (issue 10), not only through Save as:
# "Name the client" opens a field; Enter puts the name in the plan as one undo
# step, Esc leaves the plan as it was, and the step then shows the name.
# 1280x800, the panel unfolded: the Photo step's chip (982, 84), its "Name the
# client" button (1115, 221), the dialog's field takes the keys.
. "$(dirname "$0")/../lib.sh"
ui_setup
cat >name.txt <<'S'
wait 2
mouse_down 982 84
mouse_up 982 84
wait 1
mouse_down 1115 221
mouse_up 1115 221
wait 1
text Ana Ruiz 0412
key escape
wait 1
dump cancelled.smp
mouse_down 1115 221
mouse_up 1115 221
wait 1
text Ana Ruiz 0412x
key backspace
key return
wait 1
dump named.smp
layout named.txt
key ctrl+z
wait 1
dump undone.smp
quit
S
if "$SMPVIEW" photo.png --size 1280x800 --state-dir st --replay name.txt >out 2>err; then ok client_name_replay_runs
else fail client_name_replay_runs "status $?: $(head -c 300 err)"; fi
check client_name_cancel_keeps_plan plan cancelled.smp "not p.get('client')"
check client_name_set plan named.smp "p.get('client') == 'Ana Ruiz 0412'"
check client_name_one_undo_step plan undone.smp "not p.get('client')"
check client_name_button_renamed grep -q "Change the client's name$" named.txt
