#!/usr/bin/env bash
# Stage crops: for each plan, a 1:1 crop of the treated centre before, fresh,
# healed and aged. Needs `make` first (build/smpview, build/imgcmp).
#   tools/doc_crops.sh            the seeds on the project's own sample photos,
#                                 into docs/img/stage_*.png (docs/pigment.md)
#   tools/doc_crops.sh --real DIR the test plans on the real photos of
#                                 ../shared/photos, into DIR: to look at, never
#                                 to commit (their licences, SOURCES.md there)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
smpview="$root/build/smpview" imgcmp="$root/build/imgcmp"
out="$root/docs/img" plans="$root/seeds" size=200
names="front_hairline crown_whorl scar_back"
if [ "${1:-}" = --real ]; then
    out=${2:?usage: tools/doc_crops.sh --real DIR} plans="$root/tests/plans" size=160 # 3-4 px/mm: 4-5 cm
    names="crown_light_top crown_stubble_tan crown_dark_top norwood5_front"
    mkdir -p "$out"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | sed -n "$(($(wc -l <"$1") / 2))p"; }

for plan in $names; do
    "$smpview" render "$plans/$plan.smp" -o "$tmp/side.png" --layout side --no-label \
        --dots-csv "$tmp/dots.csv" >/dev/null
    tail -n +2 "$tmp/dots.csv" | cut -d, -f1 >"$tmp/x" && tail -n +2 "$tmp/dots.csv" | cut -d, -f2 >"$tmp/y"
    x=$(median "$tmp/x" <"$tmp/x") y=$(median "$tmp/y" <"$tmp/y")
    x0=$((${x%.*} - size / 2)) y0=$((${y%.*} - size / 2))
    "$imgcmp" crop "$tmp/side.png" "$x0" "$y0" "$size" "$size" "$out/stage_${plan}_before.png"
    for stage in fresh healed aged; do
        "$smpview" render "$plans/$plan.smp" -o "$tmp/after.png" --stage "$stage" --no-label >/dev/null
        "$imgcmp" crop "$tmp/after.png" "$x0" "$y0" "$size" "$size" "$out/stage_${plan}_$stage.png"
    done
    echo "$plan: crops at ($x0, $y0), ${size} px"
done
