# One plan across several photos (plan format version 2, docs/plan-format.md "views"):
# plan-add-view fits the photo's head (and view 0's when it has none) and saves the plan
# as version 2; info lists the views; render --view 1 draws the other photo with view
# 0's candidate ids; a version-1 plan is untouched until saved; hostile views get one
# line naming the file.
. "$SMP_ROOT/tests/lib.sh"
cd "$TMP" || exit 1
mkdir assets seeds
cp "$SMP_ROOT"/assets/sample_front.jpg "$SMP_ROOT"/assets/sample_top.jpg assets/
cp "$SMP_ROOT"/seeds/front_hairline.smp seeds/plan.smp
cp seeds/plan.smp seeds/v1.smp
cp seeds/plan.smp v1_orig.smp

"$SMPVIEW" render seeds/plan.smp -o v1.png 2>/dev/null
check v1_plan_untouched_by_render cmp -s seeds/plan.smp v1_orig.smp
"$SMPVIEW" plan-add-view seeds/plan.smp assets/sample_top.jpg --label top >add.out 2>add.err
check add_view_says_what grep -q '^view=1 label=top fit=top$' add.out
check add_view_saves_v2 plan seeds/plan.smp "p['smpview_plan'] == 2 and len(p['views']) == 1"
check add_view_stores_photo plan seeds/plan.smp \
    "p['views'][0]['photo']['path'] == '../assets/sample_top.jpg' and p['views'][0]['photo']['hash'].startswith('sha256:')"
check add_view_fits_both plan seeds/plan.smp "p['head']['view'] == 'front' and p['views'][0]['head']['view'] == 'top'"
check add_view_keeps_treatment plan seeds/plan.smp "len(p['hairline']['points']) == 6 and len(p['regions']) == 1"

"$SMPVIEW" info seeds/plan.smp >info.out
check info_counts_views grep -q '^views=2$' info.out
check info_lists_view0 grep -q '^view=0 label= photo=../assets/sample_front.jpg size=1200x1600 fit=front' info.out
check info_lists_view1 grep -q '^view=1 label=top photo=../assets/sample_top.jpg size=1200x1200 fit=top' info.out
"$SMPVIEW" info seeds/v1.smp >info1.out
check info_one_view_unchanged sh -c '! grep -q "^view" info1.out'

"$SMPVIEW" render seeds/plan.smp -o front.png --dots-csv front.csv 2>/dev/null
"$SMPVIEW" render seeds/plan.smp --view 1 -o top.png --dots-csv top.csv 2>/dev/null
check view1_rendered test -s top.png
# every view in one sheet: front 1200x1600 and top 1200x1200 halved into 640 x 800
# cells, with three 18 px gaps; refused with a dots list or a social crop
"$SMPVIEW" render seeds/plan.smp --layout views -o views.png 2>views.err
check views_sheet_size python3 -c 'import struct, sys; d = open("views.png", "rb").read(24); sys.exit(struct.unpack(">II", d[16:24]) != (1334, 836))'
expect_error views_sheet_no_csv "--layout views: needs a plan file, and lists no dots" render seeds/plan.smp --layout views --dots-csv v.csv -o v.png
png_size() { python3 -c 'import struct, sys; d = open(sys.argv[1], "rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"; }
check view1_on_its_photo test "$(png_size top.png)" = "1200x1200" -a "$(png_size front.png)" = "1200x1600"
# The top view shows view 0's dots (same ids), fewer (part of the front faces away);
# the only ids it adds are its own chart's (view 1 in their top bits: skin the front
# sees edge-on or not at all); a second render is the same picture.
python3 - front.csv top.csv >ids.out <<'PY'
import csv, sys
a = {int(r['id']) for r in csv.DictReader(open(sys.argv[1]))}
b = {int(r['id']) for r in csv.DictReader(open(sys.argv[2]))}
print(len(a), len(b), len(b - a), len({i for i in b - a if i >> 29 != 1}))
PY
read -r n0 n1 added foreign <ids.out
check view1_ids_are_view0s test "$n1" -gt 1000 -a "$foreign" -eq 0 -a "$added" -lt $((n1 / 20)) -a "$n1" -lt "$n0"
"$SMPVIEW" render seeds/plan.smp --view 1 -o top2.png 2>/dev/null
check view1_deterministic cmp -s top.png top2.png

# A plan without views: --view 1 is refused; a view with a missing photo names it.
expect_error view_out_of_range "the plan has 1 view" render seeds/v1.smp --view 1 -o x.png
expect_error view_bad_number "--view 9" render seeds/plan.smp --view 9 -o x.png
expect_error view_needs_plan "--view 1 needs a plan file" render --photo assets/sample_top.jpg --view 1 -o x.png
python3 - <<'PY'
import json
p = json.load(open("seeds/plan.smp"))
p["views"][0]["photo"]["path"] = "gone.jpg"
json.dump(p, open("gone.smp", "w"))
q = json.load(open("seeds/plan.smp"))
q["views"] = [q["views"][0]] * 8
json.dump(q, open("many.smp", "w"))
r = json.load(open("seeds/plan.smp"))
r["views"][0]["head"]["focal_px"] = -5
json.dump(r, open("badfit.smp", "w"))
s = json.load(open("seeds/plan.smp"))
del s["views"][0]["head"]
json.dump(s, open("seeds/nofit.smp", "w"))
for name, view, pts in (("regview", 2, [[10, 10]]), ("regneg", -1, [[10, 10]]),
                        ("seeds/regwild", 1, [[9e6, -9e6], [-9e6, 9e6], [600, 600], [9e6, 9e6]])):
    t = json.load(open("seeds/plan.smp"))
    t["regions"].append({"kind": "exclude", "shape": "stroke", "radius_mm": 100, "view": view, "points": pts})
    t["regions"].append({"kind": "treat", "shape": "polygon", "view": view, "points": pts})
    json.dump(t, open(name + ".smp", "w"))
u = json.load(open("seeds/plan.smp"))
u["head_corrections"] = [{"mode": "not_head", "radius_px": 20, "view": 3, "points": [[10, 10]]}]
json.dump(u, open("corrview.smp", "w"))
PY
# Areas painted in a view: a view the plan lacks is refused with one line; wild
# points in view 1 are carried (or dropped) and both views still draw.
expect_error region_view_missing "regview.smp: regions[1].view: view 2 does not exist (the plan has 2)" info regview.smp
expect_error region_view_negative "regneg.smp: regions[1].view" info regneg.smp
expect_error correction_view_missing "corrview.smp: head_corrections[0].view: view 3 does not exist" info corrview.smp
check region_view_wild_renders sh -c '"$SMPVIEW" render seeds/regwild.smp -o w0.png && "$SMPVIEW" render seeds/regwild.smp --view 1 -o w1.png'
expect_error view_photo_missing "gone.jpg" render gone.smp --view 1 -o x.png
expect_error too_many_views "views: 8 views is over the limit of 7" info many.smp
expect_error view_fit_bad "badfit.smp: views[0].head.focal_px" info badfit.smp
expect_error view_without_fit "view 1 cannot be drawn: it has no fitted head" render seeds/nofit.smp --view 1 -o x.png
for i in 2 3 4 5 6 7; do "$SMPVIEW" plan-add-view seeds/plan.smp assets/sample_top.jpg >/dev/null 2>&1; done
cp seeds/plan.smp full.smp
expect_error add_view_limit "too many views" plan-add-view seeds/plan.smp assets/sample_top.jpg
check add_view_limit_leaves_plan cmp -s seeds/plan.smp full.smp
expect_error add_view_bad_photo "nothere.jpg" plan-add-view seeds/plan.smp nothere.jpg
printf 'not an image' >junk.jpg
expect_error add_view_junk_photo "junk.jpg" plan-add-view seeds/v1.smp junk.jpg
check add_view_junk_leaves_plan cmp -s seeds/v1.smp v1_orig.smp
