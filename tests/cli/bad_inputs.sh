# Bad and unusual input through the whole command line: `smpview info FILE` and
# `smpview render --photo FILE` (or `render PLAN`) on every case written by
# tests/gen_bad_inputs.py. Each must end in status 0 with the right output (size,
# orientation, format, colours within a tolerance), or status 1 with exactly one
# stderr line "smpview: ..." naming the file; never a signal, a crash or a hang.
. "$SMP_ROOT/tests/lib.sh"
MKJPEG="$SMP_BUILD/mkjpeg"
cases="$TMP/cases"
mkdir -p "$cases"
if ! python3 "$SMP_ROOT/tests/gen_bad_inputs.py" "$cases" "$MKJPEG" >"$TMP/gen.log" 2>&1; then
    fail gen_bad_inputs "$(tail -3 "$TMP/gen.log")"
    exit 1
fi

run() { # command line; sets rc, leaves stdout/stderr in $TMP/out, $TMP/err
    timeout 20 "$SMPVIEW" "$@" >"$TMP/out" 2>"$TMP/err"
    rc=$?
}

# Status 0 or 1 only, and 1 means one "smpview: " line naming the file.
check_error() { # name, file, text
    local name=$1 file=$2 text=$3 lines
    lines=$(wc -l <"$TMP/err")
    if [ "$rc" -ne 1 ]; then fail "$name" "status $rc, expected 1: $(head -c 300 "$TMP/err")"
    elif [ "$lines" -ne 1 ]; then fail "$name" "$lines lines on stderr: $(head -c 300 "$TMP/err")"
    elif ! grep -q '^smpview: ' "$TMP/err"; then fail "$name" "no 'smpview: ' prefix: $(cat "$TMP/err")"
    elif ! grep -qF -- "$file" "$TMP/err"; then fail "$name" "message does not name the file: $(cat "$TMP/err")"
    elif [ "$text" != - ] && [ -n "$text" ] && ! grep -qF -- "$text" "$TMP/err"; then
        fail "$name" "expected '$text' in: $(cat "$TMP/err")"
    else ok "$name"; fi
}

crashed() { # name: true (and reports) when the run died or hung
    if [ "$rc" -eq 124 ]; then fail "$1" "timed out after 20 s"; return 0; fi
    if [ "$rc" -gt 128 ]; then fail "$1" "killed by signal $((rc - 128)): $(head -c 300 "$TMP/err")"; return 0; fi
    return 1
}

while IFS=$'\t' read -r cmd name file expect text a b c d; do
    [ -n "$cmd" ] || continue
    out="$TMP/out.png"
    rm -f "$out"
    if [ "$cmd" = info ]; then
        run info "$file"
    elif [ "${file%.smp}" != "$file" ]; then
        run render "$file" -o "$out"
    else
        run render --photo "$file" --no-label -o "$out"
    fi
    name="${cmd}_$name"
    crashed "$name" && continue
    case "$expect" in
    error)
        check_error "$name" "${a:-$file}" "$text"
        [ -e "$out" ] && fail "${name}_no_output" "an output file was left behind" ;;
    warn)
        if [ "$rc" -ne 0 ]; then fail "$name" "status $rc: $(head -c 300 "$TMP/err")"
        elif [ ! -s "$out" ]; then fail "$name" "no output written"
        elif grep -qv '^smpview: warning: ' "$TMP/err"; then fail "$name" "stderr: $(cat "$TMP/err")"
        elif ! grep -qF -- "$text" "$TMP/err"; then fail "$name" "expected a warning with '$text': $(cat "$TMP/err")"
        else ok "$name"; fi ;;
    ok)
        if [ "$rc" -ne 0 ]; then fail "$name" "status $rc: $(head -c 300 "$TMP/err")"
        elif [ -s "$TMP/err" ]; then fail "$name" "unexpected stderr: $(head -c 300 "$TMP/err")"
        elif [ "$cmd" = info ]; then
            if [ "${file%.smp}" != "$file" ]; then ok "$name" # a plan summary
            else
                want="width=$a height=$b orientation=$c format=$d"
                got=$(cat "$TMP/out")
                if [ "$got" = "$want" ]; then ok "$name"; else fail "$name" "got '$got', expected '$want'"; fi
            fi
        elif [ "${file%.smp}" != "$file" ]; then
            if [ -s "$out" ]; then ok "$name"; else fail "$name" "no output written"; fi
        else
            # render: the upright photo, compared with the reference (size must match)
            res=$("$IMGCMP" "$out" "$c" 2>&1)
            max=$(printf '%s\n' "$res" | tr ' ' '\n' | sed -n 's/^max=//p')
            size=$(printf '%s\n' "$res" | sed -n 's/^width=\([0-9]*\) height=\([0-9]*\).*/\1x\2/p')
            if [ "$size" != "${a}x$b" ]; then fail "$name" "expected ${a}x$b: $res"
            elif [ -z "$max" ] || [ "$max" -gt "$d" ]; then fail "$name" "colours off (tolerance $d): $res"
            else ok "$name"; fi
        fi ;;
    esac
done <"$cases/cases.tsv"

# A photo that disappears between planning and rendering, by absolute path.
printf '{"smpview_plan": 1, "photo": {"path": "%s"}}' "$cases/vanished.png" >"$cases/vanished.smp"
cp "$cases/photo.png" "$cases/vanished.png"
run render "$cases/vanished.smp" -o "$TMP/v.png"
[ "$rc" -eq 0 ] && ok render_plan_before_vanishing || fail render_plan_before_vanishing "status $rc"
rm -f "$cases/vanished.png" "$TMP/v.png"
run render "$cases/vanished.smp" -o "$TMP/v.png"
crashed render_plan_photo_vanished || check_error render_plan_photo_vanished "$cases/vanished.png" "-"

# A directory or an unreadable file given as the photo.
mkdir -p "$cases/dir.jpg"
run info "$cases/dir.jpg"
crashed info_directory || check_error info_directory "$cases/dir.jpg" "-"
run render --photo "$cases/dir.jpg" -o "$TMP/d.png"
crashed render_directory || check_error render_directory "$cases/dir.jpg" "-"
