# Shared helpers for the script tests (sourced, not run).
# Each check prints "ok NAME", "FAIL NAME: why" or "skip NAME: why" (could not
# run here: a tool missing); tests/run.sh counts them, skips apart from passes.
SMPVIEW=${SMPVIEW:-build/smpview}
SMP_ROOT=${SMP_ROOT:-$(pwd)}
SMP_BUILD=${SMP_BUILD:-$SMP_ROOT/build}
IMGCMP="$SMP_BUILD/imgcmp"
SHARED_PHOTOS="$SMP_ROOT/../shared/photos"
UI="$SMP_ROOT/tests/ui"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "skip $1: $2"; }
check() { # name, condition command...
    local name=$1; shift
    if "$@"; then ok "$name"; else fail "$name" "$*"; fi
}

# Runs smpview expecting failure: status 1 and exactly one stderr line that
# starts with "smpview: " and contains the given text.
expect_error() { # name, expected-substring, args...
    local name=$1 want=$2; shift 2
    "$SMPVIEW" "$@" >"$TMP/out" 2>"$TMP/err"
    local rc=$?
    local lines
    lines=$(wc -l <"$TMP/err")
    if [ "$rc" -ne 1 ]; then fail "$name" "status $rc, expected 1 ($(head -c 200 "$TMP/err"))"
    elif [ "$lines" -ne 1 ]; then fail "$name" "$lines lines on stderr: $(head -c 300 "$TMP/err")"
    elif ! grep -q '^smpview: ' "$TMP/err"; then fail "$name" "no 'smpview: ' prefix: $(cat "$TMP/err")"
    elif ! grep -qF -- "$want" "$TMP/err"; then fail "$name" "expected '$want' in: $(cat "$TMP/err")"
    else ok "$name"; fi
}

# Value of key=value in imgcmp's output.
cmp_field() { # A B field [rect...]
    local a=$1 b=$2 f=$3; shift 3
    "$IMGCMP" "$a" "$b" "$@" | tr ' ' '\n' | sed -n "s/^$f=//p"
}

# ---- for the UI replays (tests/ui/*.sh) ----------------------------------------
# $PT CMD ...: the image tool (imgcmp: pixel, region-equal, uniform, find,
# make-photo, dotlayer), plus `plan FILE EXPR`.
PT=imgtool
imgtool() {
    case $1 in
    plan) shift; plan "$@" ;;
    make-big) shift; "$IMGCMP" make-photo "$@" ;; # the same gradient, at any size
    *) "$IMGCMP" "$@" ;;
    esac
}

# True when the Python expression EXPR holds for p = the plan file's JSON.
plan() { # FILE EXPR
    python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2], {"p": p}) else 1)' "$@" 2>/dev/null
}

# The UI tests work in $TMP, on a 400x300 skin-toned test photo.png.
ui_setup() {
    cd "$TMP" || exit 1
    "$IMGCMP" make-photo photo.png 400 300 || { fail ui_setup "cannot make photo.png"; exit 1; }
}

# In $TMP: seeds/plan.smp, the front seed with the top sample added as view 1
# ("top", its head fitted), the photos in assets/; exits the test on failure.
views_setup() { # test name
    cd "$TMP" || exit 1
    mkdir assets seeds
    cp "$SMP_ROOT"/assets/sample_front.jpg "$SMP_ROOT"/assets/sample_top.jpg assets/
    cp "$SMP_ROOT"/seeds/front_hairline.smp seeds/plan.smp
    "$SMPVIEW" plan-add-view seeds/plan.smp assets/sample_top.jpg --label top >/dev/null 2>add.err ||
        { fail "$1_setup" "$(head -c 300 add.err)"; exit 0; }
}

# A replay in an 800x600 window; stdout and stderr in $TMP/SCRIPT.out, .err.
run() { # script, extra args...
    local s=$1; shift
    "$SMPVIEW" "$@" --size 800x600 --replay "$UI/$s" >"$TMP/$s.out" 2>"$TMP/$s.err"
}

# The app's view of PLAN against its CPU export (tests/tools/dotlayer.c). The
# replay tests/ui/look_sheen.txt shows a 640 px crown photo at 100 % with the
# panels hidden (photo (0, 0) at screen (80, -20) in 800x600), holding "before"
# for the second screenshot. The photo box X Y W H of `smpview render PLAN`
# must match the view's dot layer within LIMITS, and a render with the extra
# CONTROL option (the look without one of its parts) must not: ok/FAIL lines
# NAME_replay_runs, NAME_matches_cpu and NAME_negative_control. The CPU renders
# are of the plan as the app showed it (dumped: with the 3D head it fitted).
gpu_dotlayer_check() { # name plan photo x y w h limits control-option [replay, default look_sheen.txt]
    local name=$1 plan=$2 photo=$3 x=$4 y=$5 w=$6 h=$7 limits=$8 control=$9 replay=${10:-$UI/look_sheen.txt} r
    local dir="$TMP/$name"
    mkdir -p "$dir" && cd "$dir" || return
    if ! "$SMPVIEW" "$plan" --size 800x600 --state-dir "$dir/state" --replay "$replay" >app.out 2>app.err
    then fail "${name}_replay_runs" "$(head -c 300 app.err)"; return; fi
    ok "${name}_replay_runs"
    if ! { "$SMPVIEW" render shown.smp --no-label -o cpu.png && "$SMPVIEW" render shown.smp --no-label "$control" -o ctl.png &&
           "$SMPVIEW" render --photo "$photo" --no-label -o bare.png; } 2>cpu.err; then
        fail "${name}_matches_cpu" "smpview render failed: $(head -c 300 cpu.err)"; return; fi
    for f in cpu ctl bare; do "$IMGCMP" crop $f.png "$x" "$y" "$w" "$h" ${f}_c.png; done
    local sx=$((x + 80)) sy=$((y - 20))
    # shellcheck disable=SC2086 # limits are several words
    if r=$("$IMGCMP" dotlayer after.png before.png cpu_c.png bare_c.png $sx $sy 1 $limits); then
        ok "${name}_matches_cpu ($r)"; else fail "${name}_matches_cpu" "$r"; fi
    # shellcheck disable=SC2086
    if r=$("$IMGCMP" dotlayer after.png before.png ctl_c.png bare_c.png $sx $sy 1 $limits); then
        fail "${name}_negative_control" "matched the render with $control ($r)"
    else ok "${name}_negative_control ($r)"; fi
}
