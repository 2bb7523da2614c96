# render --preset: full keeps the photo's size; 1:1, 4:5 and 9:16 crop to the
# exact aspect around the head, always carry SIMULATION, and need the client's
# consent to marketing use recorded in the plan (seeds/front_consent.smp).
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
consent=seeds/front_consent.smp
size_of() { "$IMGCMP" "$1" "$1" | cut -d' ' -f1-2; }
for p in full 1:1 4:5 9:16; do
    case $p in full) want="width=1200 height=1600" ;; 1:1) want="width=1200 height=1200" ;;
        4:5) want="width=1200 height=1500" ;; 9:16) want="width=900 height=1600" ;; esac
    "$SMPVIEW" render "$consent" --preset "$p" -o "$TMP/p.png" 2>"$TMP/err"
    check "preset_${p/:/x}_size" test "$(size_of "$TMP/p.png")" = "$want"
done
"$SMPVIEW" render "$consent" --preset 4:5 --layout side -o "$TMP/side.png"
check preset_side_twice_the_width test "$(size_of "$TMP/side.png")" = "width=2400 height=1500"
# social presets keep the SIMULATION label even when asked for none; full does not
"$SMPVIEW" render "$consent" --preset 4:5 -o "$TMP/l.png"
"$SMPVIEW" render "$consent" --preset 4:5 --no-label -o "$TMP/nl.png"
check preset_social_keeps_label cmp -s "$TMP/l.png" "$TMP/nl.png"
"$SMPVIEW" render "$consent" -o "$TMP/fl.png"
"$SMPVIEW" render "$consent" --no-label -o "$TMP/fnl.png"
check preset_full_label_optional_control sh -c "! cmp -s '$TMP/fl.png' '$TMP/fnl.png'"
# no consent recorded, or consent refused: one line, nothing written
expect_error preset_social_needs_consent "seeds/front_hairline.smp: no consent to marketing use recorded" \
    render seeds/front_hairline.smp --preset 1:1 -o "$TMP/no.png"
check preset_refused_writes_nothing test ! -e "$TMP/no.png"
sed 's/"marketing": true/"marketing": false/' "$consent" >"$TMP/refused.smp"
sed -i 's|"path": "../assets/|"path": "'"$SMP_ROOT"'/assets/|' "$TMP/refused.smp"
expect_error preset_refused_consent "no consent to marketing use recorded" \
    render "$TMP/refused.smp" --preset 9:16 -o "$TMP/no.png"
expect_error preset_bad_name "--preset 3:2: expected full, 1:1, 4:5 or 9:16" \
    render "$consent" --preset 3:2 -o "$TMP/no.png"
