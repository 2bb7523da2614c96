#!/usr/bin/env bash
# Issue 10: the app's Export dialog offers the CLI's layouts, social crops and
# hiding the face, and its files are byte for byte what `smpview render` writes
# with the same options, on the plan as the app holds it (dumped: it carries the 3D
# head the app fitted when the photo opened). Marketing consent is recorded from the
# dialog (one undo step, today's date); without it a social crop is refused and
# nothing is written.
# Buttons at 1280x800 (dialog 720 x 440 at scale 1): Layout (465, 397), Crop
# (805, 397), Face (465, 461), Consent (805, 461), Export (750, 575).
. "$(dirname "$0")/../lib.sh" || exit 1
[ -d "$TMP" ] && cd "$TMP" || exit 1
abs_plan() { # SEED OUT: the seed with its photo path made absolute
    sed 's|"path": "../assets/|"path": "'"$SMP_ROOT"'/assets/|' "$SMP_ROOT/seeds/$1" >"$2"
}
abs_plan front_consent.smp consent.smp
abs_plan front_hairline.smp noconsent.smp
click() { printf 'mouse_down %s %s\nmouse_up %s %s\n' "$1" "$2" "$1" "$2"; }
export_script() { # OUT-FILE CLICKS...: Export with the clicks, then quit keeping nothing
    local out=$1; shift
    printf '%s\n' "wait 5" "key ctrl+e" "wait 2" "text $TMP/$out"
    for c in "$@"; do click ${c/,/ }; done
    printf '%s\n' "wait 2" "mouse_down 750 575" "mouse_up 750 575" "wait 5" "dump ${out%.png}.smp"
}

# Side by side, cropped 4:5: Layout twice, Crop twice.
{ export_script app_side45.png 465,397 465,397 805,397 805,397; echo quit; } >side.txt
"$SMPVIEW" consent.smp --size 1280x800 --state-dir st1 --replay side.txt >/dev/null 2>side.err
"$SMPVIEW" render app_side45.smp --layout side --preset 4:5 -o cli_side45.png
check export_app_side45_written test -s app_side45.png
check export_app_side45_is_cli cmp -s app_side45.png cli_side45.png
"$SMPVIEW" render app_side45.smp --layout split --preset 4:5 -o cli_split45.png
check export_layout_control sh -c "! cmp -s app_side45.png cli_split45.png"

# Before | after with the eyes hidden: Layout once, Face once.
{ export_script app_eyes.png 465,397 465,461; echo quit; } >eyes.txt
"$SMPVIEW" consent.smp --size 1280x800 --state-dir st2 --replay eyes.txt >/dev/null 2>eyes.err
"$SMPVIEW" render app_eyes.smp --layout split --anonymise eyes -o cli_eyes.png
check export_app_eyes_is_cli cmp -s app_eyes.png cli_eyes.png

# No consent: a 1:1 export is refused; recorded from the dialog, the same export
# is written and the plan says yes (with a date).
{ export_script app_refused.png 805,397; echo "screenshot refused.png"; echo "key return"; export_script app_square.png 805,397 805,461
  echo "dump consented.smp"; echo quit; } >consent.txt
"$SMPVIEW" noconsent.smp --size 1280x800 --state-dir st3 --replay consent.txt >/dev/null 2>consent.err
check export_social_refused_without_consent test ! -e app_refused.png
check export_refusal_says_why grep -q "consent to marketing" consent.err
check export_social_after_consent test -s app_square.png
check export_consent_recorded plan consented.smp \
    'p["consent"]["marketing"] is True and len(p["consent"]["date"]) == 10'

# The contact sheet (Layout three times) is the slow export: the status bar says
# how far it is while it renders, and the file is the CLI's.
{ export_script app_sheet.png 465,397 465,397 465,397; echo quit; } >sheet.txt
SMPVIEW_STATUS_LOG="$TMP/sheet_status.log" "$SMPVIEW" consent.smp --size 1280x800 --state-dir st4 \
    --replay sheet.txt >/dev/null 2>sheet.err
"$SMPVIEW" render app_sheet.smp --layout sheet -o cli_sheet.png
check export_app_sheet_is_cli cmp -s app_sheet.png cli_sheet.png
check export_progress_shown grep -qE '^Exporting\.\.\. [1-9][0-9]?%$' "$TMP/sheet_status.log"

# The clinic's logo: the Logo button (465, 575) opens the browser to choose a
# picture; Esc goes back to the Export dialog with its file name kept; a typed
# path and Return choose the logo; the file is `render --logo`'s.
"$IMGCMP" make-photo logo.png 160 80
{ printf '%s\n' "wait 5" "key ctrl+e" "wait 2" "text $TMP/app_logo.png"; click 465 575
  printf '%s\n' "wait 2" "key escape" "wait 2"; click 465 575
  printf '%s\n' "wait 2" "screenshot logo_browser.png" "text $TMP/logo.png" "key return" "wait 2" \
      "screenshot logo_chosen.png" "mouse_down 750 575" "mouse_up 750 575" "wait 5" "dump app_logo.smp" quit; } >logo.txt
"$SMPVIEW" consent.smp --size 1280x800 --state-dir st5 --replay logo.txt >/dev/null 2>logo.err
"$SMPVIEW" render app_logo.smp --logo logo.png -o cli_logo.png
"$SMPVIEW" render app_logo.smp -o cli_nologo.png
check export_app_logo_written test -s app_logo.png
check export_app_logo_is_cli cmp -s app_logo.png cli_logo.png
check export_logo_control sh -c "! cmp -s app_logo.png cli_nologo.png"

# The clinic's text: the Clinic text button (465, 514) opens its field; Return
# goes back to the Export dialog; the file is `render --clinic-text`'s. The text
# is kept: the next session's export (same state folder) carries it untouched.
{ printf '%s\n' "wait 5" "key ctrl+e" "wait 2" "text $TMP/app_clinic.png"; click 465 514
  printf '%s\n' "wait 2" "text Clínica Sol" "key return" "wait 2" "screenshot clinic_chosen.png"
  click 750 575; printf '%s\n' "wait 5" "dump app_clinic.smp" quit; } >clinic.txt
"$SMPVIEW" consent.smp --size 1280x800 --state-dir st6 --replay clinic.txt >/dev/null 2>clinic.err
{ printf '%s\n' "wait 5" "key ctrl+e" "wait 2" "text $TMP/app_clinic2.png" "key return" "wait 5" quit; } >clinic2.txt
"$SMPVIEW" consent.smp --size 1280x800 --state-dir st6 --replay clinic2.txt >/dev/null 2>clinic2.err
"$SMPVIEW" render app_clinic.smp --clinic-text "Clínica Sol" -o cli_clinic.png
check export_app_clinic_text_is_cli cmp -s app_clinic.png cli_clinic.png
check export_clinic_text_control sh -c "! cmp -s app_clinic.png cli_nologo.png"
check export_clinic_text_kept cmp -s app_clinic2.png cli_clinic.png
