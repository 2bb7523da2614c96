#!/usr/bin/env bash
# The dot layer without a float render target (SMP_GL_NO_FLOAT=1: the 8-bit
# fallback that WebGL2 devices without EXT_color_buffer_float get, gfx.c
# fbo_ensure) still shows the dots the CPU renderer draws: the same dot-layer
# comparison as gpu_matches_cpu.sh at 100 %, with its controls (ink x0.8,
# dots turned 90 degrees) that must fail. The thresholds are gpu_matches_cpu's
# 100 % ones: 8-bit transmittance bands faint dots by at most 1/255 a layer.
. "$(dirname "$0")/../lib.sh"
ui_setup

plan_file() { # OUT ANGLE [REGIONS]
    local regions='[{"kind": "treat", "shape": "polygon", "points": [[0, 0], [400, 0], [400, 300], [0, 300]]}]'
    [ $# -gt 2 ] && regions=$3
    cat >"$1" <<JSON
{"smpview_plan": 1, "photo": {"path": "photo.png"}, "scale": {"a": [0, 0], "b": [20, 0], "distance_mm": 1},
 "regions": $regions, "growth": {"front_angle_deg": $2},
 "dots": {"density": 60, "diameter_mm": [0.5, 0.9], "elongation": 2.2, "angle_spread_deg": 10}, "seed": 5}
JSON
}
plan_file syn.smp 30
plan_file syn90.smp 120
plan_file syn_0.smp 30 "[]"
printf 'key tab\nkey 1\nwait 2\nscreenshot z100.png\n' >syn.txt
for p in syn syn_0; do
    mkdir -p "$p"
    (cd "$p" && SMP_GL_NO_FLOAT=1 "$SMPVIEW" "../$p.smp" --size 800x600 --replay ../syn.txt >out 2>err) ||
        fail "gpu_no_float_${p}_replay_runs" "status $?: $(head -c 300 "$p/err")"
done
# The fallback is silent only because it is right: no "cannot draw the dots" warning.
if grep -q "cannot draw the dots" syn/err; then fail gpu_no_float_no_warning "$(head -c 200 syn/err)"
else ok gpu_no_float_no_warning; fi
for p in syn syn90 syn_0; do
    "$SMPVIEW" render "$p.smp" --no-label -o "$p.png" 2>"$p.err" || fail "gpu_no_float_render_$p" "$(head -c 300 "$p.err")"
done
dl() { # CPU CPU_0 [OPTION...]
    local c=$1 c0=$2; shift 2
    "$IMGCMP" dotlayer syn/z100.png syn_0/z100.png "$c" "$c0" 200 150 1 --max 0.01 --tone 0.02 "$@"
}
if r=$(dl syn.png syn_0.png); then ok "gpu_no_float_matches_cpu ($r)"; else fail gpu_no_float_matches_cpu "$r"; fi
if r=$(dl syn.png syn_0.png --cpu-scale 0.8 2>&1); then fail gpu_no_float_control_x0.8 "matched ($r)"
else ok "gpu_no_float_control_x0.8 ($r)"; fi
if r=$(dl syn90.png syn_0.png 2>&1); then fail gpu_no_float_control_turned "matched ($r)"
else ok "gpu_no_float_control_turned ($r)"; fi
