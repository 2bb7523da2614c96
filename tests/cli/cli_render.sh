# smpview render on the bundled sample and its plan: sizes, label, compare,
# CSV, thread-independence, photo-only renders.
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
plan=seeds/front_hairline.smp
photo=assets/sample_front.jpg
"$SMPVIEW" render "$plan" -o "$TMP/a.png" --threads 1 --dots-csv "$TMP/a.csv" 2>"$TMP/err"
check render_plan_ok test -s "$TMP/a.png" -a ! -s "$TMP/err"
"$SMPVIEW" render "$plan" -o "$TMP/b.png" --threads 2 --dots-csv "$TMP/b.csv"
check threads_bit_identical cmp -s "$TMP/a.png" "$TMP/b.png"
check csv_thread_identical cmp -s "$TMP/a.csv" "$TMP/b.csv"
check csv_header test "$(head -1 "$TMP/a.csv")" = "x_px,y_px,x_mm,y_mm,diameter_mm,elongation,angle_deg,darkness,visible,id"
rows=$(($(wc -l <"$TMP/a.csv") - 1))
check csv_has_thousands_of_dots test "$rows" -gt 3000
check csv_lf_only test "$(tr -cd '\r' <"$TMP/a.csv" | wc -c)" -eq 0
# Every row: 10 fields, diameter below 1.2 mm, elongation >= 1, angle in [0,180), darkness in (0,1],
# visible in [0,1], a whole-number id.
bad=$(awk -F, 'NR>1 && (NF!=10 || $10 !~ /^[0-9]+$/ || $5<=0 || $5>1.2 || $6<1 || $7<0 || $7>=180 || $8<=0 || $8>1 || $9<0 || $9>1)' "$TMP/a.csv" | wc -l)
check csv_rows_valid test "$bad" -eq 0

info=$("$SMPVIEW" info "$photo")
w=$(echo "$info" | sed -n 's/.*width=\([0-9]*\).*/\1/p'); h=$(echo "$info" | sed -n 's/.*height=\([0-9]*\).*/\1/p')
check info_photo_format test "$(echo "$info" | sed -n 's/.*format=\([a-z]*\).*/\1/p')" = jpeg
out=$("$IMGCMP" "$TMP/a.png" "$TMP/a.png")
check render_size_is_photo_size test "$(echo "$out" | cut -d' ' -f1-2)" = "width=$w height=$h"

# Photo only: upright, no dots; with --no-label identical to the photo itself.
"$SMPVIEW" render --photo "$photo" --no-label -o "$TMP/photo.png"
check photo_only_equals_photo test "$(cmp_field "$TMP/photo.png" "$photo" differing)" = 0
# The dots change the picture (negative control for the previous check).
"$SMPVIEW" render "$plan" --no-label -o "$TMP/nolabel.png"
check dots_change_picture test "$(cmp_field "$TMP/nolabel.png" "$photo" differing)" -gt 1000
# The label only touches the bottom-right corner.
check label_bottom_right test "$(cmp_field "$TMP/nolabel.png" "$TMP/a.png" differing 0 0 $((w / 2)) $h)" = 0
check label_present test "$(cmp_field "$TMP/nolabel.png" "$TMP/a.png" differing $((w / 2)) $((h * 3 / 4)) $w $h)" -gt 200
"$SMPVIEW" render "$plan" --label "PREVIEW ONLY" -o "$TMP/custom.png"
check custom_label_differs test "$(cmp_field "$TMP/custom.png" "$TMP/a.png" differing)" -gt 50

# Compare: side doubles the width; split keeps the left half as the photo, each
# half labelled BEFORE / AFTER at its top-left (the top eighth holds the label).
"$SMPVIEW" render "$plan" --no-label --compare side -o "$TMP/side.png"
check side_by_side_width test "$("$IMGCMP" "$TMP/side.png" "$TMP/side.png" | cut -d' ' -f1)" = "width=$((w * 2))"
"$SMPVIEW" render "$plan" --no-label --compare split -o "$TMP/split.png"
check split_left_is_before test "$(cmp_field "$TMP/split.png" "$photo" differing 0 $((h / 8)) $((w / 2 - 3)) $h)" = 0
check split_right_is_after test "$(cmp_field "$TMP/split.png" "$TMP/nolabel.png" differing $((w / 2 + 3)) $((h / 8)) $w $h)" = 0
check split_before_labelled test "$(cmp_field "$TMP/split.png" "$photo" differing 0 0 $((w / 4)) $((h / 8)))" -gt 50
check split_after_labelled test "$(cmp_field "$TMP/split.png" "$TMP/nolabel.png" differing $((w / 2 + 3)) 0 $((w * 3 / 4)) $((h / 8)))" -gt 50

# Sessions and stages: fewer dots early; fresh darker than healed.
"$SMPVIEW" render "$plan" --session 1 -o "$TMP/s1.png" --dots-csv "$TMP/s1.csv"
rows1=$(($(wc -l <"$TMP/s1.csv") - 1))
check session1_sparser test "$rows1" -lt $((rows * 7 / 10))
"$SMPVIEW" render "$plan" --stage fresh --no-label -o "$TMP/fresh.png"
fresh=$(cmp_field "$TMP/fresh.png" "$photo" mean_abs); healed=$(cmp_field "$TMP/nolabel.png" "$photo" mean_abs)
check fresh_darker_than_healed awk "BEGIN{exit !($fresh > $healed * 1.2)}"

# JPEG output by extension, any case.
"$SMPVIEW" render "$plan" -o "$TMP/out.JPEG"
check jpeg_by_extension test "$(head -c 3 "$TMP/out.JPEG" | od -An -tx1 | tr -d ' ')" = ffd8ff

# Every bundled seed renders, without warnings (its photo hash matches), with dots.
for seed in seeds/*.smp; do
    name=$(basename "$seed" .smp)
    "$SMPVIEW" render "$seed" -o "$TMP/$name.png" --dots-csv "$TMP/$name.csv" 2>"$TMP/err"
    check "seed_${name}_renders" test $? -eq 0 -a -s "$TMP/$name.png" -a ! -s "$TMP/err"
    check "seed_${name}_has_dots" test "$(($(wc -l <"$TMP/$name.csv") - 1))" -gt 3000
done
check three_seeds_or_more test "$(ls seeds/*.smp | wc -l)" -ge 3
