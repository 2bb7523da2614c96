# Plans on real photos from ../shared/photos (tests/plans/*.smp): they render,
# and every dot lies where the plan allows it: inside the treat polygon, and
# (front plan) no further below the hairline than the strays allow.
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
if [ ! -d "$SHARED_PHOTOS" ]; then
    fail real_photos_present "no $SHARED_PHOTOS (CI puts ../shared beside the repo)"
    exit 0
fi

# Python reads the plan's polygon and hairline, and counts dots that break the rules.
dots_outside() { # plan csv -> "outside_polygon below_hairline total"
    python3 - "$1" "$2" <<'PY'
import csv, json, sys
plan = json.load(open(sys.argv[1]))
poly = [r for r in plan["regions"] if r["kind"] == "treat"][0]["points"]
def inside(x, y, pts, margin):
    # point in polygon, or within margin px of it (the footprint of a dot centre)
    c = False
    for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
        if (ay > y) != (by > y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            c = not c
    if c:
        return True
    for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1]):
        ex, ey = bx - ax, by - ay
        t = max(0, min(1, ((x - ax) * ex + (y - ay) * ey) / (ex * ex + ey * ey)))
        if (ax + t * ex - x) ** 2 + (ay + t * ey - y) ** 2 <= margin * margin:
            return True
    return False
hl = plan.get("hairline", {}).get("points", [])
lowest = max((p[1] for p in hl), default=None)
out = below = total = 0
for row in csv.DictReader(open(sys.argv[2])):
    x, y = float(row["x_px"]), float(row["y_px"])
    total += 1
    out += not inside(x, y, poly, 2.0)
    # strays reach a few mm past the line; 40 px is ~10 mm on these photos
    below += lowest is not None and y > lowest + 40
print(out, below, total)
PY
}

for name in norwood5_front crown_dark_top; do
    plan=tests/plans/$name.smp
    "$SMPVIEW" render "$plan" -o "$TMP/$name.png" --dots-csv "$TMP/$name.csv" 2>"$TMP/err"
    rc=$?
    check "${name}_renders" test "$rc" -eq 0 -a -s "$TMP/$name.png"
    read -r outside below total < <(dots_outside "$plan" "$TMP/$name.csv")
    # (1500: the mattes keep dots off the existing hair the treat areas reach)
    check "${name}_has_dots" test "${total:-0}" -gt 1500
    check "${name}_dots_inside_treat_area" test "${outside:-1}" -eq 0
    [ "$name" = norwood5_front ] && check "${name}_no_dots_below_hairline" test "${below:-1}" -eq 0
done

# Negative control: the same check catches dots outside a smaller polygon.
python3 - tests/plans/crown_dark_top.smp "$TMP/small.smp" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
p["regions"][0]["points"] = [[200, 200], [400, 200], [400, 400], [200, 400]]
json.dump(p, open(sys.argv[2], "w"))
PY
read -r outside _ _ < <(dots_outside "$TMP/small.smp" "$TMP/crown_dark_top.csv")
check dots_outside_check_can_fail test "${outside:-0}" -gt 1000
