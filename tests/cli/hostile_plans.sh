#!/usr/bin/env bash
# Hostile plans (issue 13, items 4 and 5) finish with bounded memory or are
# refused with one line: many large self-crossing polygons, long brush strokes
# at the largest radius, and a scale of 10 px for 63 mm. Peak memory is read
# from getrusage (RUSAGE_CHILDREN), not guessed; `timeout` only turns a hang
# into a failure; the CPU-time limit below bounds the cost (the old polygon
# fill needed minutes of CPU here). Neither asserts on speed.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
"$IMGCMP" make-photo photo.png 1500 1500
LIMIT_KB=$((2 * 1024 * 1024))
# A plain (non-sanitizer) build also gets an address-space limit, so a
# regression fails fast instead of taking the machine's memory.
# (AddressSanitizer reserves terabytes of address space: no limit there.)
if ldd "$SMPVIEW" 2>/dev/null | grep -q libc.so && ! ldd "$SMPVIEW" 2>/dev/null | grep -q libasan; then
    ulimit -v $((3 * 1024 * 1024))
fi
# Cost bound: 60 s of CPU per command (getrlimit, not a clock). The old fill
# needed ~160 s of CPU for the polygons below; now ~2 s (~6 s under ASan).
ulimit -t 60
mkplan() { # OUT KIND [REGIONS POINTS RADIUS]: random points over the photo
    python3 - "$@" <<'EOF'
import json, random, sys
out, kind = sys.argv[1], sys.argv[2]
nr, npt, rad = (int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])) if len(sys.argv) > 3 else (0, 0, 0)
rnd = random.Random(13)
p = {"smpview_plan": 1, "photo": {"path": "photo.png", "width": 1500, "height": 1500},
     "scale": {"a": [0, 0], "b": [315, 0], "distance_mm": 63}, "regions": [], "seed": 1,
     "hairline": {"points": [[150, 450], [750, 300], [1350, 450]]}}
if kind == "tiny":
    p["scale"]["b"] = [10, 0]
for i in range(nr):
    r = {"kind": ["treat", "exclude", "scar"][(i + nr) % 3],  # the last one excludes
         "points": [[round(rnd.uniform(0, 1500), 1), round(rnd.uniform(0, 1500), 1)] for _ in range(npt)]}
    r.update({"shape": "stroke", "radius_mm": rad} if kind == "strokes" else {"shape": "polygon"})
    p["regions"].append(r)
if kind == "corrections":  # head-matte corrections at their limits: widest and thinnest brushes
    p["head_corrections"] = [{"mode": ["head", "not_head"][i % 2], "radius_px": [1000, 0.5, 37][i % 3],
                              "points": [[round(rnd.uniform(-100, 1600), 1), round(rnd.uniform(-100, 1600), 1)]
                                         for _ in range(1024)]} for i in range(128)]
json.dump(p, open(out, "w"))
EOF
}
# Runs smpview; leaves its status in $rc and its peak RSS (KB) in $kb.
measure() {
    local line
    line=$(timeout 300 python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=open("out.txt", "w"), stderr=open("err.txt", "w"))
print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$SMPVIEW" "$@")
    rc=${line%% *} kb=${line##* }
    [ -n "$line" ] || { rc=124 kb=0; }
}
bounded() { # NAME ARGS...: exits 0 within the memory limit
    local name=$1; shift
    measure "$@"
    if [ "$rc" -ne 0 ]; then fail "$name" "status $rc: $(head -c 300 err.txt)"
    elif [ "$kb" -gt "$LIMIT_KB" ]; then fail "$name" "peak RSS ${kb} KB over ${LIMIT_KB} KB"
    else ok "$name"; fi
}

mkplan polygons.smp polygons 64 4096 0
bounded polygons_64x4096_self_crossing_render render polygons.smp -o polygons.png
mkplan strokes.smp strokes 16 4096 100
bounded strokes_16x4096_at_100mm_render render strokes.smp -o strokes.png --dots-csv strokes.csv
mkplan corrections.smp corrections 1 3 0
bounded corrections_128x1024_render render corrections.smp -o corrections.png
# The fills did their work: the last stroke excludes most of the photo, so far
# fewer dots show than with no regions at all (the hairline alone).
mkplan bare.smp bare
bounded bare_render render bare.smp -o bare.png --dots-csv bare.csv
s_dots=$(($(wc -l <strokes.csv) - 1)) b_dots=$(($(wc -l <bare.csv) - 1))
if [ "$b_dots" -gt 1000 ] && [ "$s_dots" -lt $((b_dots / 2)) ]; then ok strokes_paint_regions; else
    fail strokes_paint_regions "strokes $s_dots dots, no regions $b_dots"; fi

mkplan tiny.smp tiny
measure render tiny.smp -o tiny.png
if [ "$rc" -ne 1 ]; then fail tiny_scale_refused "status $rc: $(head -c 300 err.txt)"
elif [ "$(wc -l <err.txt)" -ne 1 ] || ! grep -q "^smpview: tiny.smp: .*check the scale" err.txt; then
    fail tiny_scale_refused "$(head -c 300 err.txt)"
else ok tiny_scale_refused; fi
if [ "$kb" -le "$LIMIT_KB" ]; then ok tiny_scale_memory_bounded; else fail tiny_scale_memory_bounded "${kb} KB"; fi
# Negative control: the same plan at a sane scale renders.
mkplan sane.smp sane
bounded sane_scale_renders render sane.smp -o sane.png

# The app opens the tiny-scale plan anyway, without dots, and says why (so the
# scale can be fixed); its memory stays bounded too.
printf 'wait 2\ndump app_tiny.smp\nquit\n' >tiny.txt
measure tiny.smp --size 640x480 --state-dir st --replay tiny.txt
if [ "$rc" -ne 0 ] || [ ! -f app_tiny.smp ]; then fail app_opens_tiny_scale_plan "status $rc: $(head -c 300 err.txt)"
elif ! grep -q "check the scale" err.txt; then fail app_opens_tiny_scale_plan "no reason given: $(head -c 300 err.txt)"
elif [ "$kb" -gt "$LIMIT_KB" ]; then fail app_opens_tiny_scale_plan "peak RSS ${kb} KB"
else ok app_opens_tiny_scale_plan; fi
