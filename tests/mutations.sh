#!/usr/bin/env bash
# Do the tests notice a broken feature? Applies each deliberate mutation below
# to a scratch copy of the repository, builds it, runs the tests that guard that
# feature and reports "caught" (some check failed) or "SURVIVED" (all passed).
# On demand only (not part of make test): a build per mutation takes minutes.
#   bash tests/mutations.sh [NAME...]     (default: every mutation)
# Exits 0 when every mutation was caught; 1 when one survived, did not apply
# (its source line changed: update the pattern here) or the unmutated copy
# fails its own tests.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d /tmp/smp-mutations.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
repo="$scratch/repo"

# name @ file @ sed expression @ tests (unit binaries test_*, scripts cli/x.sh or ui/x.sh)
MUTATIONS=(
"gpu_ink_x0.7@shaders/dots.frag@s/float alpha = min(v_core.w \* core + v_halo.z \* halo, 1.0);/float alpha = min(0.7 * (v_core.w * core + v_halo.z * halo), 1.0);/@ui/gpu_matches_cpu.sh"
"gpu_ink_x0.8@shaders/dots.frag@s/float alpha = min(v_core.w \* core + v_halo.z \* halo, 1.0);/float alpha = min(0.8 * (v_core.w * core + v_halo.z * halo), 1.0);/@ui/gpu_matches_cpu.sh"
"gpu_angle_plus_90@shaders/dots.vert@s/vec2 axis_u = a_axis.xy, axis_v = vec2(-a_axis.y, a_axis.x);/vec2 axis_u = vec2(-a_axis.y, a_axis.x), axis_v = vec2(-a_axis.x, -a_axis.y);/@ui/gpu_matches_cpu.sh"
"lod_ink_x0.5@src/gfx/lod.c@s/\*= 1.0f - alpha;/*= 1.0f - 0.5f * alpha;/;s/d->darkness \* 3.14159265f/0.5f * d->darkness * 3.14159265f/@ui/gpu_matches_cpu.sh"
"scene_darkness_x0.85@src/core/scene.c@s/l->darkness = (float)(dark < 0/l->darkness = 0.85f * (float)(dark < 0/@test_darkness test_scene"
"ink_integral_x0.9@src/core/footprint.c@s/float ink = PI_F \* s->a \* s->b \* d->darkness;/float ink = 0.9f * PI_F * s->a * s->b * d->darkness;/@test_darkness test_raster"
"density_x0.9@src/core/scene.c@s/s->threshold\[i\] = (float)(share \* ds.coverage/s->threshold[i] = (float)(0.9 * share * ds.coverage/@test_scene"
"exif_rotations_ignored@src/io/photo_orient.c@/^bool orient_apply/,/^}/s/orientation > 8)/orientation > 5)/@test_photo"
"undo_first_step_lost@src/app/undo.c@/^bool undo_pop/,/^}/s/if (st->count == 0)/if (st->count < 2)/@test_app_replay ui/app_replay.sh"
"view_ignores_mattes@src/app/app_doc.c@s/^    if (!app->doc.mattes.head.alpha)$/    if (1)/@ui/look_gpu.sh"
"lod_point_dots_ignore_blur@src/gfx/lod.c@s/s->point = a < 1.0f \&\& grid->blur_px < 0.25f;/s->point = a < 1.0f;/@ui/look_gpu.sh"
"lod_frag_ink_x0.5@shaders/lod.frag@s/float t = texture(u_grid, v_uv).r;/float t = 0.5 + 0.5 * texture(u_grid, v_uv).r;/@ui/gpu_matches_cpu.sh"
"gpu_halo_dropped@shaders/dots.frag@s/v_core.w \* core + v_halo.z \* halo, 1.0)/v_core.w * core + 0.0 * halo, 1.0)/@ui/gpu_matches_cpu.sh"
"ui_ids_ignore_names@src/app/ui.c@s/h = (h ^ \*p) \* 16777619u;/h = h * 16777619u;/@test_ui"
)

# Runs the named tests against the scratch build; prints the first failure.
# Status 0 when all passed.
run_tests() { # tests...
    local t out rc=0
    export SMPVIEW="$repo/build/smpview" SMP_ROOT="$repo" SMP_BUILD="$repo/build"
    export SDL_VIDEODRIVER=offscreen LIBGL_ALWAYS_SOFTWARE=1
    for t in "$@"; do
        case $t in
        test_*) out=$("$repo/build/tests/$t" 2>&1) ;;
        *) out=$(bash "$repo/tests/$t" 2>&1) ;;
        esac
        local st=$?
        if [ "$st" -ne 0 ] || grep -q '^FAIL ' <<<"$out"; then
            rc=1
            echo "    $t: $(grep -m1 '^FAIL ' <<<"$out" || echo "status $st")" | cut -c1-200
        fi
    done
    return $rc
}

build() { make -C "$repo" -j2 >"$scratch/build.log" 2>&1; }

# The working tree's files (tracked and new, not ignored, not build output),
# and the shared photos beside it as in the real layout.
mkdir -p "$repo"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$repo"
[ -d "$root/../shared" ] && ln -s "$root/../shared" "$scratch/shared"

echo "building the unmutated copy in $repo"
if ! build; then echo "FAIL: the unmutated copy does not build (see $scratch/build.log)"; tail -5 "$scratch/build.log"; exit 1; fi
caught=0 survived=0 broken=0
declare -A baseline_ok # test list -> 1 once the unmutated copy passed it
for m in "${MUTATIONS[@]}"; do
    IFS='@' read -r name file expr tests <<<"$m"
    if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
    # shellcheck disable=SC2086
    if [ -z "${baseline_ok[$tests]:-}" ] && ! run_tests $tests >/dev/null; then
        echo "BROKEN $name: the unmutated copy fails $tests"; broken=$((broken + 1)); continue
    fi
    baseline_ok[$tests]=1
    cp "$repo/$file" "$scratch/orig"
    sed -i "$expr" "$repo/$file"
    if cmp -s "$repo/$file" "$scratch/orig"; then
        echo "BROKEN $name: the pattern no longer matches $file"; broken=$((broken + 1)); continue
    fi
    if ! build; then
        echo "BROKEN $name: the mutated copy does not build"; tail -3 "$scratch/build.log" | sed 's/^/    /'
        broken=$((broken + 1))
    # shellcheck disable=SC2086
    elif report=$(run_tests $tests); then
        echo "SURVIVED $name ($file; ran $tests)"; survived=$((survived + 1))
    else
        echo "caught $name ($file; ran $tests)"; echo "$report"; caught=$((caught + 1))
    fi
    cp "$scratch/orig" "$repo/$file"
    build || { echo "FAIL: cannot rebuild after undoing $name"; exit 1; }
done
echo "$caught caught, $survived survived, $broken broken"
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
