# render's export extras (issue 10): the contact sheet of every session and stage,
# the clinic's logo, and hiding the client (eyes pixelated, or the face cropped
# away). seeds/front_consent.smp is 1200 x 1600 with 3 sessions; its outer eye
# corners are at (362.5, 695) and (837.5, 695), its glabella at (600, 640).
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
consent=seeds/front_consent.smp
size_of() { "$IMGCMP" "$1" "$1" | cut -d' ' -f1-2; }
"$SMPVIEW" render "$consent" -o "$TMP/plain.png"

# Sheet: the photo, then a row per session of fresh / healed / aged, each cell a
# third of the photo (400 x 533) with 12 px white gaps: 3 x 400 + 4 x 12 wide.
"$SMPVIEW" render "$consent" --layout sheet -o "$TMP/sheet.png"
check sheet_size test "$(size_of "$TMP/sheet.png")" = "width=1248 height=2192"
cell() { "$IMGCMP" crop "$TMP/sheet.png" $((12 + $2 * 412)) $((12 + $1 * 545)) 400 533 "$TMP/cell_$1_$2.png"; }
cell 0 0; cell 0 1; cell 1 1; cell 3 1
# the scalp (below the caption, above the eyes) of the before cell has no dots,
# session 1 healed has some, session 3 healed is darker still than session 1
check sheet_dots_after test "$(cmp_field "$TMP/cell_0_0.png" "$TMP/cell_3_1.png" differing 100 40 300 150)" -gt 2000
check sheet_sessions_differ test "$(cmp_field "$TMP/cell_1_1.png" "$TMP/cell_3_1.png" differing 100 40 300 150)" -gt 500
check sheet_blank_beside_before "$IMGCMP" uniform "$TMP/cell_0_1.png" 0 0 400 533 255 255 255 0
check sheet_labelled test "$(cmp_field "$TMP/cell_1_1.png" "$TMP/cell_3_1.png" differing 0 0 120 30)" -gt 20

# Logo: placed at the bottom-left, the rest of the picture untouched.
"$IMGCMP" make-photo "$TMP/logo_in.png" 400 200
"$SMPVIEW" render "$consent" --logo "$TMP/logo_in.png" -o "$TMP/logo.png"
check logo_placed test "$(cmp_field "$TMP/logo.png" "$TMP/plain.png" differing 0 1300 300 1600)" -gt 1000
check logo_rest_untouched test "$(cmp_field "$TMP/logo.png" "$TMP/plain.png" differing 0 0 1200 1250)" -eq 0
expect_error logo_missing "$TMP/none.png" render "$consent" --logo "$TMP/none.png" -o "$TMP/x.png"
check logo_missing_writes_nothing test ! -e "$TMP/x.png"

# Clinic text: at the top-right (UTF-8 drawn as such), the rest untouched; text
# a label cannot take stops with one line and writes nothing.
"$SMPVIEW" render "$consent" --clinic-text "Clínica Sol · @solsmp" -o "$TMP/clinic.png"
"$SMPVIEW" render "$consent" --clinic-text "Clinica Sol . @solsmp" -o "$TMP/clinic_ascii.png"
check clinic_text_placed test "$(cmp_field "$TMP/clinic.png" "$TMP/plain.png" differing 700 0 1200 120)" -gt 1000
check clinic_text_rest_untouched test "$(cmp_field "$TMP/clinic.png" "$TMP/plain.png" differing 0 120 1200 1600)" -eq 0
check clinic_text_left_untouched test "$(cmp_field "$TMP/clinic.png" "$TMP/plain.png" differing 0 0 500 120)" -eq 0
check clinic_text_accents_drawn sh -c "! cmp -s '$TMP/clinic.png' '$TMP/clinic_ascii.png'"
expect_error clinic_text_control "--clinic-text: control characters" render "$consent" --clinic-text "$(printf 'a\tb')" -o "$TMP/x.png"
expect_error clinic_text_long "--clinic-text: longer than 80" render "$consent" --clinic-text "$(printf '%081d' 0)" -o "$TMP/x.png"
expect_error clinic_text_utf8 "--clinic-text: not valid UTF-8" render "$consent" --clinic-text "$(printf 'a\xffb')" -o "$TMP/x.png"
expect_error label_text_control "--label: control characters" render "$consent" --label "$(printf 'a\033b')" -o "$TMP/x.png"
check clinic_text_bad_writes_nothing test ! -e "$TMP/x.png"

# Eyes: the band across the eyes becomes coarse blocks; above it nothing changes.
"$SMPVIEW" render "$consent" --anonymise eyes -o "$TMP/eyes.png"
check eyes_size test "$(size_of "$TMP/eyes.png")" = "width=1200 height=1600"
check eyes_band_changed test "$(cmp_field "$TMP/eyes.png" "$TMP/plain.png" differing 230 540 970 830)" -gt 50000
check eyes_above_untouched test "$(cmp_field "$TMP/eyes.png" "$TMP/plain.png" differing 0 0 1200 520)" -eq 0
rgb=$("$IMGCMP" pixel "$TMP/eyes.png" 340 640 | tr -dc '0-9 ' )
check eyes_blocks_are_flat "$IMGCMP" uniform "$TMP/eyes.png" 320 628 80 80 $rgb 0
rgb=$("$IMGCMP" pixel "$TMP/plain.png" 340 640 | tr -dc '0-9 ')
check eyes_photo_not_flat_control sh -c "! '$IMGCMP' uniform '$TMP/plain.png' 320 628 80 80 $rgb 0 >/dev/null"

# Crop: only the rows above the brow line (the glabella) stay.
"$SMPVIEW" render "$consent" --anonymise crop --no-label -o "$TMP/crop.png"
"$SMPVIEW" render "$consent" --no-label -o "$TMP/plain_nl.png"
"$IMGCMP" crop "$TMP/plain_nl.png" 0 0 1200 640 "$TMP/plain_top.png"
check crop_size test "$(size_of "$TMP/crop.png")" = "width=1200 height=640"
check crop_is_the_top cmp -s "$TMP/crop.png" "$TMP/plain_top.png"

# Without the marks the export is refused, not sent out with the face.
expect_error eyes_need_marks "seeds/crown_whorl.smp: --anonymise eyes needs both outer eye corners" \
    render seeds/crown_whorl.smp --anonymise eyes -o "$TMP/x.png"
check eyes_refused_writes_nothing test ! -e "$TMP/x.png"
expect_error anonymise_bad_value "--anonymise face: expected eyes or crop" \
    render "$consent" --anonymise face -o "$TMP/x.png"
