#!/usr/bin/env bash
# bench_wasm.sh - wasm vs native for the same core work (bench/bench_wasm.c):
# the dots of a 24 MP plan, a hairline edit, a 24 MP export's raster, one
# thread each. Builds the program natively and with Debian's emscripten (the
# web build's objects, make web), runs the wasm under node, prints both and
# the ratio against the issue's target (wasm <= 2x native).
#   bench/bench_wasm.sh BUILD_DIR
set -u
build=${1:-build}
cd "$(dirname "$0")/.." || exit 1
command -v emcc >/dev/null || { echo "wasm vs native: skipped (no emcc; make deps)"; exit 0; }
make --no-print-directory BUILD="$build" web >/dev/null || exit 1
out=$build/bench
mkdir -p "$out"
cc -std=c11 -O2 -Wall -Wextra -Wpedantic -Wshadow -Werror -D_POSIX_C_SOURCE=200809L -Isrc -o "$out/bench_wasm" \
    bench/bench_wasm.c "$build/libsmp.a" $(pkg-config --libs stb) -lm -lpthread || exit 1
objs=$(ls "$build"/web-obj/src/core/*.o "$build"/web-obj/gen/*.o "$build"/web-obj/src/platform/web/threads_web.o \
    "$build"/web-obj/src/platform/web/stb_truetype_web.o)
NODE_PATH=/usr/share/nodejs emcc -std=c11 -O2 -msimd128 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Isrc \
    -sENVIRONMENT=node -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -o "$out/bench_wasm.js" bench/bench_wasm.c $objs || exit 1
native=$("$out/bench_wasm") || exit 1
wasm=$(node --no-experimental-fetch "$out/bench_wasm.js") || exit 1
get() { echo "$1" | sed -n "s/^$2=//p"; }
echo "wasm vs native ($(get "$native" dots) dots on 6000x4000, 1 thread, medians of 3):"
for k in plan_dots_s hairline_edit_s export_raster_24mp_s; do
    n=$(get "$native" $k) w=$(get "$wasm" $k)
    awk -v k="$k" -v n="$n" -v w="$w" 'BEGIN { r = w / n; printf "  %-22s native %.3f s  wasm %.3f s  %.2fx (target <= 2x: %s)\n", k, n, w, r, (r <= 2 ? "met" : "NOT met") }'
done
echo "the export's raster in the app's steps (app_job.h; the page draws a frame between tasks), medians of 3:"
for side in native wasm; do
    v=$([ $side = native ] && echo "$native" || echo "$wasm")
    awk -v side=$side -v n="$(get "$v" raster_steps)" -v all="$(get "$v" raster_stepped_s)" \
        -v one="$(get "$v" export_raster_24mp_s)" -v most="$(get "$v" raster_longest_step_s)" \
        'BEGIN { printf "  %-6s %d steps, longest %.1f ms, %.3f s in all (%.2fx in one go)\n", side, n, most * 1000, all, all / one }'
done
