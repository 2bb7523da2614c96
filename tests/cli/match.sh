# smpview match (docs/cli.md): prints the sample, the patch and the proposal as
# key=value lines; the plan changes only with -o (atomically, never over the photo);
# bad arguments get one line. Needs the real photos in ../shared/photos.
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
plan=tests/plans/match_stubble_tan.smp
if [ ! -r "$SHARED_PHOTOS/rf_top_crown_shaved-stubble_tan.jpg" ]; then
    skip match_cli "no ../shared/photos"
    exit 0
fi
cp "$plan" "$TMP/before.smp"
out=$("$SMPVIEW" match "$plan")
check match_prints_three_lines test "$(echo "$out" | grep -c '^sample at=\|^patch at=\|^proposal shade=')" -eq 3
check match_no_o_leaves_plan cmp -s "$plan" "$TMP/before.smp"
miss=$(echo "$out" | sed -n 's/.* miss=\([0-9.]*\).*/\1/p')
check match_miss_within_15pct awk "BEGIN{exit !($miss <= 0.15)}"

"$SMPVIEW" match "$plan" -o "$TMP/matched.smp" >"$TMP/o.txt"
check match_o_same_output cmp -s "$TMP/o.txt" <(echo "$out")
density=$(echo "$out" | sed -n 's/^proposal .*density=\([0-9.]*\).*/\1/p')
check match_o_writes_proposal plan "$TMP/matched.smp" "abs(p['dots']['density'] - $density) < 0.06"
"$SMPVIEW" info "$TMP/matched.smp" >"$TMP/info.txt"
check match_o_plan_loads grep -q "^density=" "$TMP/info.txt"
check match_o_keeps_photo grep -q "rf_top_crown_shaved-stubble_tan.jpg" "$TMP/info.txt"
# the written plan renders the proposal: its dots differ from the plan's before
"$SMPVIEW" render "$plan" -o "$TMP/a.png" --no-label
"$SMPVIEW" render "$TMP/matched.smp" -o "$TMP/b.png" --no-label
check match_o_changes_render test "$(cmp_field "$TMP/a.png" "$TMP/b.png" differing)" -gt 100

out2=$("$SMPVIEW" match "$plan" --at 585,320,12)
check match_at_samples_there sh -c "echo '$out2' | grep -q '^sample at=585,320 r=12 '"
check match_deterministic test "$("$SMPVIEW" match "$plan")" = "$out"

ln -s "$SHARED_PHOTOS/rf_top_crown_shaved-stubble_tan.jpg" "$TMP/photo.jpg"
expect_error match_refuses_photo "refusing to write over the plan's photo" match "$plan" -o "$TMP/photo.jpg"
expect_error match_bad_at "--at 5: expected X,Y" match "$plan" --at 5
expect_error match_at_off_head "not on head skin" match "$plan" --at -500,-500
expect_error match_no_plan "no plan given" match
expect_error match_unknown_option "unknown option --x" match "$plan" --x 1
expect_error match_missing_plan "missing.smp" match "$TMP/missing.smp"
printf '{ "smpview_plan": 1, "photo": { "path": "%s" } }\n' "$SHARED_PHOTOS/rf_top_crown_shaved-stubble_tan.jpg" >"$TMP/none.smp"
expect_error match_nothing_treated "treats no area" match "$TMP/none.smp"
