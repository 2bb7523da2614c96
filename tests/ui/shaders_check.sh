#!/usr/bin/env bash
# Every shader compiles with the reference GLSL front end (glslangValidator,
# Debian glslang-tools) as desktop "#version 330 core" and as "#version 300 es"
# (the WebGL2 build swaps the first line). llvmpipe alone accepts too much.
. "$(dirname "$0")/../lib.sh"
if ! command -v glslangValidator >/dev/null; then
    fail shaders_check "glslangValidator not found (apt-get install glslang-tools)"
    exit 0
fi
n=0
for f in "$SMP_ROOT"/shaders/*.vert "$SMP_ROOT"/shaders/*.frag; do
    [ -f "$f" ] || continue
    ext=${f##*.}
    name=$(basename "$f")
    if [ "$(head -1 "$f")" != "#version 330 core" ]; then
        fail "shader_$name" "first line must be '#version 330 core'"
        continue
    fi
    for v in "330 core" "300 es"; do
        tag=${v// /_}
        # The generated constants go after the version line, as gfx.c does.
        sed "1s/.*/#version $v/; 1r $SMP_BUILD/gen/footprint.glsl" "$f" >"$TMP/s.$ext"
        if out=$(glslangValidator -S "$ext" "$TMP/s.$ext" 2>&1); then
            ok "shader_${name}_$tag"
        else
            fail "shader_${name}_$tag" "$(echo "$out" | grep -m2 ERROR | tr '\n' ' ')"
        fi
        n=$((n + 1))
    done
done
[ "$n" -gt 0 ] || fail shaders_check "no shaders found"
