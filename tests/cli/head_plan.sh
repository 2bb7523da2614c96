# The fitted 3D head in a plan (docs/head3d.md): info prints it, render uses it (dots
# foreshortened, so the picture changes), a plan without it renders as before, and a
# bad head is refused with one line naming the field.
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
# A copy of the crown seed with its photo path made absolute, with and without a head.
python3 - "$SMP_ROOT" "$TMP" <<'PY'
import json, os, sys
root, tmp = sys.argv[1], sys.argv[2]
plan = json.load(open(os.path.join(root, "seeds/crown_whorl.smp")))
plan["photo"]["path"] = os.path.normpath(os.path.join(root, "seeds", plan["photo"]["path"]))
json.dump(plan, open(os.path.join(tmp, "flat.smp"), "w"))
plan["head"] = {"view": "top", "yaw_deg": 0, "pitch_deg": 78, "roll_deg": 0, "size": 1.0,
                "centre_x_mm": 0, "centre_y_mm": 0, "centre_z_mm": 3000, "focal_px": 15000}
json.dump(plan, open(os.path.join(tmp, "head.smp"), "w"))
plan["head"]["size"] = 9
json.dump(plan, open(os.path.join(tmp, "bad.smp"), "w"))
PY
out=$("$SMPVIEW" info "$TMP/head.smp")
check head_info_printed sh -c "echo '$out' | grep -q '^head=top yaw=0.0 pitch=78.0'"
out=$("$SMPVIEW" info "$TMP/flat.smp")
check head_info_absent_without_fit sh -c "! echo '$out' | grep -q '^head='"
"$SMPVIEW" render "$TMP/flat.smp" -o "$TMP/flat.png" 2>/dev/null
"$SMPVIEW" render "$TMP/head.smp" -o "$TMP/head.png" 2>/dev/null
"$SMPVIEW" render "$TMP/flat.smp" -o "$TMP/flat2.png" 2>/dev/null
check head_render_written test -s "$TMP/head.png"
check head_render_changes_dots test "$(cmp_field "$TMP/flat.png" "$TMP/head.png" differing)" -gt 1000
check flat_render_unchanged cmp -s "$TMP/flat.png" "$TMP/flat2.png"
expect_error head_bad_size_refused "head.size" info "$TMP/bad.smp"
