# smpview render --layout: the export names for the compare modes give the same
# bytes as --compare; a bad layout is one clear line.
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
plan=seeds/front_hairline.smp
"$SMPVIEW" render "$plan" --threads 1 --compare side -o "$TMP/cmp_side.png"
"$SMPVIEW" render "$plan" --threads 1 --layout side -o "$TMP/lay_side.png"
check layout_side_is_compare_side cmp -s "$TMP/cmp_side.png" "$TMP/lay_side.png"
"$SMPVIEW" render "$plan" --threads 1 --layout after -o "$TMP/lay_after.png"
"$SMPVIEW" render "$plan" --threads 1 -o "$TMP/plain.png"
check layout_after_is_default cmp -s "$TMP/lay_after.png" "$TMP/plain.png"
width_of() { "$IMGCMP" "$1" "$1" | cut -d' ' -f1 | sed 's/^width=//'; }
check layout_side_doubles_width test "$(width_of "$TMP/lay_side.png")" -eq $(($(width_of "$TMP/lay_after.png") * 2))
expect_error layout_bad_value "--layout diagonal: expected after, split, side, sheet or views" \
    render "$plan" --layout diagonal -o "$TMP/x.png"
