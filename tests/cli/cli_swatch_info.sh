# swatch: true scale recorded in the PNG, density delivered; info on plans.
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
"$SMPVIEW" swatch --density 90 --size-mm 40x30 --dpi 254 -o "$TMP/s.png" --dots-csv "$TMP/s.csv"
check swatch_written test -s "$TMP/s.png"
size=$("$IMGCMP" "$TMP/s.png" "$TMP/s.png" | cut -d' ' -f1-2)
check swatch_true_scale test "$size" = "width=400 height=300"
# pHYs: 254 dpi = 10000 px per metre, unit 1.
phys=$(python3 -c '
import struct,sys
d=open(sys.argv[1],"rb").read(); i=8
while i<len(d):
    n,t=struct.unpack(">I4s",d[i:i+8])
    if t==b"pHYs":
        x,y,u=struct.unpack(">IIB",d[i+8:i+17]); print(x,y,u)
    i+=12+n' "$TMP/s.png")
check swatch_dpi_recorded test "$phys" = "10000 10000 1"
rows=$(($(wc -l <"$TMP/s.csv") - 1))
check swatch_density_within_3pct awk "BEGIN{d=$rows/12.0; exit !(d > 87.3 && d < 92.7)}"
"$SMPVIEW" swatch --density 90 --size-mm 40x30 --dpi 254 --seed 2 -o "$TMP/s2.png"
check swatch_seed_changes_look test "$(cmp_field "$TMP/s.png" "$TMP/s2.png" differing)" -gt 1000
"$SMPVIEW" swatch --density 90 --size-mm 40x30 --dpi 254 -o "$TMP/s3.png"
check swatch_reproducible cmp -s "$TMP/s.png" "$TMP/s3.png"

out=$("$SMPVIEW" info seeds/front_hairline.smp)
check info_plan_summary sh -c "echo '$out' | grep -q 'hairline=' && echo '$out' | grep -q 'density='"
cp seeds/front_hairline.smp "$TMP/plan-named.jpg"
# head corrections are counted only when a plan has some (older plans print as before)
check info_no_corrections_line sh -c "! echo '$out' | grep -q 'head_corrections='"
python3 - seeds/front_hairline.smp "$TMP/corrected.smp" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["photo"]["path"] = "" # the summary only
p["head_corrections"] = [{"mode": "not_head", "radius_px": 20, "points": [[10, 10], [50, 10]]},
                         {"mode": "head", "radius_px": 5, "points": [[100, 100]]},
                         {"mode": "not_head", "radius_px": 9, "points": [[300, 10]]}]
json.dump(p, open(sys.argv[2], "w"))
PY
check info_counts_corrections sh -c "'$SMPVIEW' info '$TMP/corrected.smp' | grep -qx 'head_corrections=3 head=1 not_head=2'"
out2=$("$SMPVIEW" info "$TMP/plan-named.jpg")
check info_plan_by_content sh -c "echo '$out2' | grep -q 'density='"
check version_prints sh -c "'$SMPVIEW' --version | grep -q '^smpview [0-9]'"
check help_prints sh -c "'$SMPVIEW' --help | grep -q 'smpview render'"

# info on a plan measures the client's skin and warns about the pigment
# (src/core/skin_tone.h): a dark, cool blend on light skin gets both warnings;
# a moderate neutral one none (negative control).
light="$SMP_ROOT/tests/plans/crown_light_top.smp"
sed 's|"photo": { "path": "../../../|"photo": { "path": "'"$SMP_ROOT"'/../|; s|"pigment": { "shade": 0.7 }|"pigment": { "shade": 0.9, "warmth": -0.5 }|' "$light" >"$TMP/dark_cool.smp"
out=$("$SMPVIEW" info "$TMP/dark_cool.smp")
check info_skin_measured sh -c "echo '$out' | grep -q '^skin=ITA [0-9]* (light\|very light)'"
check info_warns_too_dark_and_blue test "$(echo "$out" | grep -c '^warning=')" -eq 2
out=$("$SMPVIEW" info "$light")
check info_no_warning_for_moderate_blend test "$(echo "$out" | grep -c '^warning=')" -eq 0
