#!/usr/bin/env bash
# bench_memory.sh - peak memory of `smpview render` on 24 and 48 MP photos and
# of the app opening a 48 MP photo, as a multiple of the decoded RGBA size
# (width x height x 4). Peak RSS comes from getrusage(RUSAGE_CHILDREN) of one
# child per run (the median of RUNS). Targets are printed, never enforced.
#   bench/bench_memory.sh BUILD_DIR
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
SMPVIEW=${SMPVIEW_BIN:-$root/$build/smpview}
RUNS=${RUNS:-3}
TARGET=2.5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

peak_kb() { # command...: prints the child's peak RSS in KB (its output is dropped)
    python3 -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}
median_kb() { # command...: the median of RUNS peaks
    for _ in $(seq "$RUNS"); do peak_kb "$@"; done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
# A plan for the photo at a head's scale (the photo about 300 mm wide), with
# the front sample's hairline and treated area stretched over it.
# With "default", no scale: 4 px/mm, the photo 2 m wide (the worst case of a
# plan made before its scale is set).
mkplan() { # OUT PHOTO W H [default]
    python3 - "$root/seeds/front_hairline.smp" "$@" <<'EOF'
import json, sys
seed, out, photo, w, h = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
p = json.load(open(seed))
sx, sy = w / p['photo']['width'], h / p['photo']['height']
p['photo'] = {"path": photo, "width": w, "height": h}
p['scale'] = {"a": [0, 0], "b": [w, 0], "distance_mm": 300}
if len(sys.argv) > 6:
    del p['scale']
p.pop('landmarks', None)
p['hairline']['points'] = [[x * sx, y * sy] for x, y in p['hairline']['points']]
for r in p['regions']:
    r['points'] = [[x * sx, y * sy] for x, y in r['points']]
json.dump(p, open(out, 'w'))
EOF
}
report() { # LABEL KB W H
    awk -v l="$1" -v kb="$2" -v w="$3" -v h="$4" -v t="$TARGET" -v n="$RUNS" 'BEGIN {
        dec = w * h * 4 / 1048576; peak = kb / 1024; r = peak / dec;
        printf "%s: peak %.0f MB = %.2fx the decoded %.0f MB (median of %d)   target <= %.1fx: %s\n",
            l, peak, r, dec, n, t, (r <= t ? "met" : "NOT met") }'
}
report_plain() { # LABEL KB W H
    awk -v l="$1" -v kb="$2" -v w="$3" -v h="$4" -v n="$RUNS" 'BEGIN {
        dec = w * h * 4 / 1048576; peak = kb / 1024;
        printf "%s: peak %.0f MB = %.2fx the decoded %.0f MB (median of %d)\n", l, peak, peak / dec, dec, n }'
}

[ -x "$SMPVIEW" ] || { echo "memory: not measured ($SMPVIEW missing)"; exit 0; }
for mp in 24 48; do
    if [ "$mp" = 24 ]; then w=6000 h=4000; else w=8000 h=6000; fi
    "$root/$build/imgcmp" make-photo "$tmp/p$mp.png" $w $h
    mkplan "$tmp/p$mp.smp" "p$mp.png" $w $h
    kb=$(median_kb "$SMPVIEW" render "$tmp/p$mp.smp" -o "$tmp/out$mp.png")
    report "render $mp MP ($w x $h), front plan at 20-27 px/mm" "$kb" $w $h
done
mkplan "$tmp/p48d.smp" p48.png 8000 6000 default
kb=$(median_kb "$SMPVIEW" render "$tmp/p48d.smp" -o "$tmp/out48d.png")
report_plain "render 48 MP, same plan with no scale (4 px/mm: 2 x 1.5 m, 4.8 M candidates)" "$kb" 8000 6000
printf 'wait 3\nquit\n' >"$tmp/open.txt"
kb=$(SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1 median_kb "$SMPVIEW" "$tmp/p48.png" --size 1280x800 \
    --state-dir "$tmp/state" --replay "$tmp/open.txt")
report_plain "app opening a 48 MP photo (8000 x 6000), offscreen GL" "$kb" 8000 6000
