#!/usr/bin/env bash
# The browser build (make web) in Debian's chromium, headless, driven by
# tests/web/harness.js through tests/web/server.py (no npm packages):
# - the seeds rendered in the page (the CLI's code compiled to wasm, photos
#   decoded by the browser) are pixel-identical to `smpview render`;
# - the view shows the dots with the float render target and without
#   EXT_color_buffer_float (8-bit fallback, gfx.c), and both views agree;
#   the control is the same view with "before" held (no dots);
# - the page's content security policy refuses a request to another origin,
#   and nothing reached that origin's server.
#   tests/web/web_test.sh [BUILD_DIR]
build=${1:-build}
root=$(cd "$(dirname "$0")/../.." && pwd)
export SMP_ROOT=$root SMP_BUILD=$root/$build SMPVIEW=$root/$build/smpview
. "$root/tests/lib.sh"
. "$root/tests/web/page.sh"
if [ -z "$chrome" ]; then skip web_test "no chromium (make deps installs it)"; exit 0; fi
if [ ! -f "$web/smpview.wasm" ]; then fail web_build "no $web/smpview.wasm (make web)"; exit 0; fi
SEEDS="front_hairline crown_whorl scar_back"
WEB_JPEG_TOL=1 # JPEG: the colour conversions (ICC, CMYK) round differently (docs/web.md)

# The page's policy: only its own origin, stated in index.html itself.
if grep -q "Content-Security-Policy\" content=\"default-src 'self';" "$web/index.html" &&
   ! grep -Eq "(connect|default|script)-src[^;]*(https?:|\*)" "$web/index.html"; then ok web_csp_meta
else fail web_csp_meta "no strict Content-Security-Policy meta in index.html"; fi

# Photos for the parity checks: EXIF orientations 1-8 in JPEG and PNG (made
# by tests/gen_bad_inputs.py), a JPEG with an ICC profile and its copy
# without (gen_icc_photo.py), and the real CMYK JPEG with orientation 6.
fx=$TMP/float/fx
mkdir -p "$fx/gen"
python3 "$root/tests/gen_bad_inputs.py" "$fx/gen" "$SMP_BUILD/mkjpeg" >"$fx/gen.log" 2>&1 &&
    python3 "$root/tests/web/gen_icc_photo.py" "$fx" "$SMP_BUILD/mkjpeg" >>"$fx/gen.log" 2>&1 ||
    fail web_photo_fixtures "$(tail -3 "$fx/gen.log")"
PHOTOS="icc.jpg plain.jpg"
for o in 1 2 3 4 5 6 7 8; do
    cp "$fx/gen/o$o.jpg" "$fx/gen/o$o.png" "$fx/" 2>/dev/null
    PHOTOS="$PHOTOS o$o.jpg o$o.png"
done
if cp "$SHARED_PHOTOS/real_cmyk_adobe_orient6_giunchedi.jpg" "$fx/cmyk_o6.jpg" 2>/dev/null; then
    PHOTOS="$PHOTOS cmyk_o6.jpg"
else fail web_photo_cmyk_fixture "no $SHARED_PHOTOS/real_cmyk_adobe_orient6_giunchedi.jpg"; fi

# A second server stands for "outside": any request reaching it is a leak.
mkdir -p "$TMP/outside"
python3 "$root/tests/web/server.py" "$TMP/outside" "$TMP/outside" "$TMP/outside" "$TMP/outside/port" &
outside_pid=$!
for _ in $(seq 100); do [ -f "$TMP/outside/port" ] && break; sleep 0.1; done

page float "nosw=1&seeds=$(echo $SEEDS | tr ' ' ,)&photos=$(echo $PHOTOS | tr ' ' ,)&outside=$(cat "$TMP/outside/port")&export=1"
# Touch replays: tests/ui's scripts on the test photo in an 800x600 view.
REPLAYS="touch touch_only"
for r in $REPLAYS; do
    mkdir -p "$TMP/$r" "$TMP/desk_$r"
    "$IMGCMP" make-photo "$TMP/$r/photo.png" 400 300 && cp "$TMP/$r/photo.png" "$TMP/desk_$r/"
    page "$r" "nosw=1&replay=$r.txt"
done
# A 24 MP photo opened as the file picker would (harness.js bigOpen).
big_photo big && mkdir -p "$TMP/big_onego" && cp "$TMP/big/big24.jpg" "$TMP/big_onego/"
page big "nosw=1&bigopen=big24.jpg&export=1"
page big_onego "nosw=1&bigopen=big24.jpg&onego=1&export=1&encode=page" # the control: each job, and the export, in one go
# Photos kept across reloads (harness.js persist1-3): the control runs the
# same steps with keep=0, the photo in memory only (the old behaviour).
for p in persist persist_control persist_noreopen; do
    mkdir -p "$TMP/$p"
    "$IMGCMP" make-photo "$TMP/$p/photo.png" 400 300 &&
        "$SMPVIEW" render --photo "$TMP/$p/photo.png" --no-label -o "$TMP/$p/photo.jpg" 2>/dev/null &&
        "$SMPVIEW" render --photo "$root/assets/sample_front.jpg" --no-label -o "$TMP/$p/second.jpg" 2>/dev/null &&
        "$SMPVIEW" render "$root/seeds/front_hairline.smp" --no-label -o "$TMP/$p/third.jpg" 2>/dev/null
done
page persist "nosw=1&persist=1"
page persist_control "nosw=1&persist=1&keep=0"
page persist_noreopen "nosw=1&persist=1&reopen=0" # the control of the recent plan opening by itself
page nofloat "nosw=1&nofloat=1&export=1&encode=refused" # the export's PNG: the worker says no
page no16f "nosw=1&nofloat=2"
page offline "offline=1"
page offline_control "offline=1&nosw=1"
kill "$outside_pid" 2>/dev/null

for s in $SEEDS; do
    got=$TMP/float/render_$s.png
    "$SMPVIEW" render "$root/seeds/$s.smp" --no-label -o "$TMP/cli_$s.png" 2>"$TMP/cli_$s.err"
    if [ ! -f "$got" ]; then fail "web_render_$s" "no render from the page ($(cat "$TMP/float/render_$s.err" 2>/dev/null))"
    elif r=$("$IMGCMP" "$got" "$TMP/cli_$s.png") && [ "$(cmp_field "$got" "$TMP/cli_$s.png" max)" = 0 ]; then
        ok "web_render_${s}_identical ($r)"
    else fail "web_render_${s}_identical" "$r"; fi
done

# Each photo decoded by the browser and rendered bare in the page against
# `smpview render --photo` (libjpeg, libpng, lcms2): same size, and pixels
# within TOL levels (PNG: exact; JPEG: the two IDCTs round differently).
photo_matches() { # NAME TOL [DESKTOP_PHOTO]: status 0 when the page's render is within TOL
    local got=$TMP/float/photo_$1.png want=$TMP/desk_$1.png; r=""
    "$SMPVIEW" render --photo "${3:-$fx/$1}" --no-label -o "$want" 2>/dev/null &&
        [ -f "$got" ] && r=$("$IMGCMP" "$got" "$want" 2>&1) && [ "$(cmp_field "$got" "$want" max)" -le "$2" ]
}
for f in $PHOTOS; do
    case $f in *.png) tol=0 ;; *) tol=$WEB_JPEG_TOL ;; esac
    if photo_matches "$f" $tol; then ok "web_photo_${f%.*}_${f##*.}_matches_desktop ($r)"
    else fail "web_photo_${f%.*}_${f##*.}_matches_desktop" "${r:-$(cat "$TMP/float/photo_$f.err" 2>/dev/null)}"; fi
done
# The upright JPEG's pixels were read as a video frame's (decode.js); the
# other orientations' (which chromium's frame keeps as stored) and the PNGs'
# through a canvas, and they matched the desktop's above.
via="" want=""
for o in 1 2 3 4 5 6 7 8; do
    via="$via $(cat "$TMP/float/photo_o$o.jpg.via" 2>/dev/null) $(cat "$TMP/float/photo_o$o.png.via" 2>/dev/null)"
    want="$want $([ $o = 1 ] && echo frame || echo canvas) canvas"
done
if [ "$via" = "$want" ]; then ok "web_photo_orientations_read_as_frames (JPEG 1 only)"
else fail web_photo_orientations_read_as_frames "got (JPEG, PNG for 1-8):$via"; fi
# Controls: orientation 3 read as stored (its EXIF cut out), and the ICC
# photo read as if it had no profile, must not pass the same comparison.
python3 - "$fx/o3.jpg" "$fx/o3_noexif.jpg" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
i = d.index(b"\xff\xe1")
open(sys.argv[2], "wb").write(d[:i] + d[i + 2 + int.from_bytes(d[i + 2:i + 4], "big"):])
PY
if photo_matches o3.jpg "$WEB_JPEG_TOL" "$fx/o3_noexif.jpg"; then fail web_photo_orientation_control "matched the photo as stored ($r)"
else ok "web_photo_orientation_control ($r)"; fi
if photo_matches icc.jpg "$WEB_JPEG_TOL" "$fx/plain.jpg"; then fail web_photo_icc_control "matched the photo without its profile ($r)"
else ok "web_photo_icc_control ($r)"; fi
# A photo rendered again after its first render took the registered pixels
# (photo_decode_web.c) gets the page's copy: the same pixels. Control: with
# the page's copies dropped the same render fails (harness.js decodedAgain).
last=${PHOTOS##* } again=$TMP/float/again.txt
if grep -q "^again_rc=0 " "$again" 2>/dev/null && r=$("$IMGCMP" "$TMP/float/photo_again.png" "$TMP/float/photo_$last.png") &&
    [ "$(cmp_field "$TMP/float/photo_again.png" "$TMP/float/photo_$last.png" max)" = 0 ]
then ok "web_photo_decoded_again_from_the_page ($r)"
else fail web_photo_decoded_again_from_the_page "$(cat "$again" 2>/dev/null || echo 'no result') $r"; fi
if grep -Eq "lost_rc=[1-9]" "$again" 2>/dev/null; then ok "web_photo_decoded_again_control ($(cut -c1-120 "$again"))"
else fail web_photo_decoded_again_control "$(cat "$again" 2>/dev/null || echo 'no result')"; fi

# The replays in the page (DOM touch, mouse and key events through
# input_web.c) leave the same plans (byte for byte) and exports (pixel for
# pixel) as `smpview --replay`; every file the desktop run wrote must be there. The page's plans
# also pass touch.sh's own checks (pinch about the fingers' midpoint etc.), so
# a replay that did nothing, identically on both sides, cannot pass.
for r in $REPLAYS; do
    (cd "$TMP/desk_$r" && "$SMPVIEW" photo.png --size 800x600 --replay "$UI/$r.txt" >out 2>err) ||
        fail "web_replay_${r}_desktop" "$(head -c 300 "$TMP/desk_$r/err")"
    n=0 bad=""
    for f in "$TMP/desk_$r"/*.smp "$TMP/desk_$r"/*_preview*.png; do
        [ -f "$f" ] || continue
        n=$((n + 1))
        g=$TMP/$r/replay_$(basename "$f")
        case $f in # exports: the same pixels (stb_image_write's PNG bytes are not libpng's)
        *.png) [ -f "$g" ] && [ "$(cmp_field "$f" "$g" max)" = 0 ] || bad="$bad $(basename "$f")" ;;
        *) cmp -s "$f" "$g" || bad="$bad $(basename "$f")" ;;
        esac
    done
    if [ $n -gt 0 ] && [ -z "$bad" ]; then ok "web_replay_${r}_same_plans ($n files identical)"
    else fail "web_replay_${r}_same_plans" "$n files, differing or missing:$bad ($(cat "$TMP/$r/replay_done.txt" 2>/dev/null))"; fi
done
cd "$TMP/touch" 2>/dev/null && for f in replay_*.smp; do cp "$f" "${f#replay_}"; done
check web_touch_pinch_zooms_about_midpoint plan pinch.smp \
    "[[round(v, 2) for v in q] for q in p['hairline']['points']] == [[200, 150], [300, 150]]"
check web_touch_drag_moves_handle plan finger_drag.smp "p['hairline']['points'] == [[40, 100], [360, 150]]"
check web_touch_tap_panel_button plan broken.smp "p['hairline']['style'] == 'broken'"
cd "$TMP/touch_only" 2>/dev/null && for f in replay_*.smp; do cp "$f" "${f#replay_}"; done
check web_touch_scale_number_pad plan scale.smp "p['scale']['distance_mm'] == 50 and 'a' in p['scale']"
cd "$TMP" || exit 1

# The dot target each page reported (gfx.h: 1 half float, 2 8-bit): without
# EXT_color_buffer_float the half float extension still serves (an iPad);
# without both, the 8-bit fallback.
check web_view_float_target test "$(cat "$TMP/float/dot_target.txt" 2>/dev/null)" = 1
check web_view_nofloat_target test "$(cat "$TMP/nofloat/dot_target.txt" 2>/dev/null)" = 1
check web_view_no16f_target test "$(cat "$TMP/no16f/dot_target.txt" 2>/dev/null)" = 2
# The treated scalp of the sample in a 1280x800 window (the layout of the
# screenshots in docs/web.md); the "BEFORE" badge and button are outside it.
scalp="330 60 720 140"
for v in float nofloat no16f; do
    d=$TMP/$v
    if [ ! -f "$d/view.png" ] || [ ! -f "$d/before.png" ]; then fail "web_view_${v}_dots" "no screenshots"; continue; fi
    r=$("$IMGCMP" "$d/view.png" "$d/before.png" $scalp)
    mean=$(cmp_field "$d/view.png" "$d/before.png" mean_abs $scalp)
    # the dots darken the scalp: the view differs from "before" (measured 3.2; 0.03 between the float and 8-bit views)
    if python3 -c "import sys; sys.exit(0 if float('$mean') > 1.5 else 1)"; then ok "web_view_${v}_shows_dots ($r)"
    else fail "web_view_${v}_shows_dots" "the scalp looks as without dots ($r)"; fi
    [ $v = float ] && continue
    r=$("$IMGCMP" "$TMP/float/view.png" "$d/view.png" $scalp)
    mean=$(cmp_field "$TMP/float/view.png" "$d/view.png" mean_abs $scalp)
    if python3 -c "import sys; sys.exit(0 if float('$mean') < 0.3 else 1)"; then ok "web_view_${v}_matches_float ($r)"
    else fail "web_view_${v}_matches_float" "$r"; fi
done

# Nothing reached the outside server, and the page saw its fetch refused.
if [ -s "$TMP/outside/requests.log" ]; then fail web_no_outside_request "$(head -3 "$TMP/outside/requests.log")"
else ok web_no_outside_request; fi
if grep -q "fetch_succeeded=no" "$TMP/float/outside.txt" 2>/dev/null && ! grep -q "violations=0" "$TMP/float/outside.txt"; then
    ok "web_csp_refuses_other_origin"
else fail web_csp_refuses_other_origin "$(head -c 300 "$TMP/float/outside.txt" 2>/dev/null)"; fi

# A bundle (plan + photo in one file, docs/plan-format.md): the photo inside is
# the sample's bytes, the plan names it by its bare name, and opening the
# bundle shows the plan with its dots; a bundle cut short is refused.
b=$TMP/float/client.smpb
if [ -f "$b" ] && python3 - "$b" "$root/assets/sample_front.jpg" <<'PY'
import json, sys
data, photo = open(sys.argv[1], "rb").read(), open(sys.argv[2], "rb").read()
head, rest = data.split(b"\n", 1)
assert head == b"SMPVIEW-BUNDLE 1"
line, rest = rest.split(b"\n", 1)
n = int(line.split()[1]); plan = json.loads(rest[:n]); rest = rest[n + 1:]
line, rest = rest.split(b"\n", 1)
kind, name, size = line.split()
assert kind == b"photo" and name.decode() == plan["photo"]["path"] == "sample_front.jpg"
assert rest[:int(size)] == photo and rest[int(size):] == b"\n"
PY
then ok web_bundle_format; else fail web_bundle_format "$b is not plan + the sample photo"; fi
if grep -Eq "title=client.smp .* dots=[1-9][0-9]* error=$" "$TMP/float/bundle.txt" 2>/dev/null; then
    ok "web_bundle_opens ($(head -1 "$TMP/float/bundle.txt"))"
else fail web_bundle_opens "$(head -c 300 "$TMP/float/bundle.txt" 2>/dev/null)"; fi
if grep -q "cut_banner=damaged bundle" "$TMP/float/bundle.txt" 2>/dev/null; then ok web_bundle_cut_refused
else fail web_bundle_cut_refused "$(tail -1 "$TMP/float/bundle.txt" 2>/dev/null)"; fi

# The 24 MP photo opened, its dots shown (no error). The times it took (to
# the photo drawn whole: the open; to the mattes found), the longest wait
# between frames over the open and over it all (and the 95th percentiles,
# the waits over 50 ms), the longest job task, the longest task on the page's
# thread and the idle page's longest wait between frames (the software GL's
# share) are figures, not checks (they depend on the machine's load;
# docs/web.md), printed beside the control's (each job in one go) from the
# same run.
b=$TMP/big/bigopen.txt
figures() { grep -Eo 'drawn_ms=[0-9-]+ open_max_frame_gap_ms=[0-9]+ open_frame_gap_p95_ms=[0-9]+ open_gaps_over_50ms=[0-9]+ mattes_ms=[0-9]+ max_frame_gap_ms=[0-9]+ frame_gap_p95_ms=[0-9]+ gaps_over_50ms=[0-9]+ frames=[0-9]+|shown_ms=[0-9-]+|longest_job_task_ms=[0-9]+|longest_task_ms=[0-9]+|idle_frame_gap_ms=[0-9]+' "$1" | tr '\n' ' '; }
if grep -Eq "title=big24.jpg - smpview error=$|title=big24.jpg - smpview error= " "$b" 2>/dev/null; then
    ok "web_big_photo_opens ($(figures "$b"); one go: $(figures "$TMP/big_onego/bigopen.txt" 2>/dev/null))"
else fail web_big_photo_opens "$(head -c 300 "$b" 2>/dev/null || echo 'no result')"; fi
# The open and the mattes ran in steps, those that fit in a budget a task
# (app_job.h, threads_web.c; app.js runJobs), not in one go: at least the
# 4 + 4 steps over at least 8 tasks, with frames drawn meanwhile. Control:
# the same open with each job in one go fails it.
sliced() { # FILE: status 0 when the jobs' steps ran over many tasks
    python3 - "$1" <<'PY'
import sys
f = dict(w.split("=", 1) for w in open(sys.argv[1]).read().split() if "=" in w)
steps, tasks, frames = (int(f[k]) for k in ("job_steps", "job_tasks", "frames"))
sys.exit(0 if steps >= 8 and tasks >= 8 and frames >= 8 else 1)
PY
}
steps_of() { grep -Eo 'job_steps=[0-9]+ job_tasks=[0-9]+ most_steps_a_task=[0-9]+' "$1" 2>/dev/null; }
if sliced "$b" 2>/dev/null; then ok "web_big_photo_open_in_steps ($(steps_of "$b"))"
else fail web_big_photo_open_in_steps "$(steps_of "$b" || echo 'no result')"; fi
if sliced "$TMP/big_onego/bigopen.txt" 2>/dev/null; then fail web_big_photo_steps_control "passed in one go: $(steps_of "$TMP/big_onego/bigopen.txt")"
elif [ -f "$TMP/big_onego/bigopen.txt" ]; then ok "web_big_photo_steps_control ($(steps_of "$TMP/big_onego/bigopen.txt"))"
else fail web_big_photo_steps_control "no result"; fi
# the page decoded it (and the sample before it) in decode_worker.js, not on its own thread
if grep -Eq "worker_decodes=[1-9]" "$b" 2>/dev/null; then ok "web_photo_decoded_in_worker ($(grep -Eo 'worker_decodes=[0-9]+' "$b"))"
else fail web_photo_decoded_in_worker "$(head -c 300 "$b" 2>/dev/null || echo 'no result')"; fi
# its pixels read from the worker's bitmap as a video frame (decode.js), not through a canvas
if grep -Eq "frame_reads=[1-9]" "$b" 2>/dev/null; then ok "web_photo_read_as_frame ($(grep -Eo 'frame_reads=[0-9]+' "$b"))"
else fail web_photo_read_as_frame "$(head -c 300 "$b" 2>/dev/null || echo 'no result')"; fi
# The photo drawn first: while its tiles went to the GPU (seen in at least
# one frame) no step of the mattes ran for the first PHOTO_FIRST_MS (app.js
# jobTask; after that they go on, so a slow draw on a loaded machine does not
# hold the mattes up: a step then is no fault).
figure() { grep -Eo "(^| )$2=[^ ]*" "$1" 2>/dev/null | sed 's/.*=//'; } # FILE NAME: that figure of a result
value() { figure "$b" "$1"; } # NAME: that figure of bigopen.txt
soonest=$(value soonest_step_while_drawing_ms) first=$(value photo_first_ms)
steps="drawing_seen=$(value drawing_seen) steps_while_drawing=$(value steps_while_drawing) soonest=$soonest photo_first_ms=$first"
if [ "$(value drawing_seen)" = true ] && [ -n "$first" ] && { [ "$soonest" = none ] || [ "${soonest:-0}" -ge "$first" ]; }; then
    ok "web_big_photo_drawn_before_mattes ($steps)"
else fail web_big_photo_drawn_before_mattes "$steps"; fi

# Exports (harness.js exportPicture, as the Export dialog's button): the PNG
# encoded by the browser in encode_worker.js, the page drawing meanwhile.
ex() { figure "$TMP/$1" "$2"; } # FILE (in TMP) NAME
exported() { [ "$(ex "$1" written)" = true ] && [ -z "$(ex "$1" error)" ] && [ "$(ex "$1" worker_encodes)" = "$2" ]; }
# The sample plan's export: by the worker, and the same pixels as the
# desktop app's export of it (Ctrl+E in a replay of the same window); where
# the worker refuses (nofloat), stb encodes it on the page, the same pixels.
d=$TMP/desk_export && mkdir -p "$d" && printf 'key ctrl+e\ntext %s\nkey return\nwait 2\n' "$d/export.png" >"$d/export.txt"
(cd "$root" && "$SMPVIEW" seeds/front_hairline.smp --size 1280x800 --state-dir "$d/state" --replay "$d/export.txt" >/dev/null 2>&1)
same_as_desktop() { [ -f "$d/export.png" ] && [ "$(cmp_field "$d/export.png" "$TMP/$1/export.png" max)" = 0 ]; }
if exported float/export.txt 1 && same_as_desktop float; then ok "web_export_encoded_in_worker ($(cat "$TMP/float/export.txt"))"
else fail web_export_encoded_in_worker "$(cat "$TMP/float/export.txt" 2>/dev/null || echo 'no result') $("$IMGCMP" "$d/export.png" "$TMP/float/export.png" 2>&1)"; fi
if exported nofloat/export.txt 0 && same_as_desktop nofloat; then ok "web_export_worker_refused_stb_writes_it ($(cat "$TMP/nofloat/export.txt"))"
else fail web_export_worker_refused_stb_writes_it "$(cat "$TMP/nofloat/export.txt" 2>/dev/null || echo 'no result') $("$IMGCMP" "$d/export.png" "$TMP/nofloat/export.png" 2>&1)"; fi
# Its JPEG, by stb in the worker (jpeg_encoder.js): the bytes stb writes on
# the page where the worker refuses (nofloat), chroma kept whole (4:4:4, as
# the desktop's: the canvas's JPEG would be 4:2:0), and the PNG's picture.
sampling() { python3 - "$1" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
i = d.find(b"\xff\xc0")  # baseline frame header: per component id, sampling, table
n = d[i + 9] if i >= 0 else 0
print(" ".join("%x" % d[i + 11 + 3 * c] for c in range(n)) or "none")
PY
}
jf=$TMP/float/export_jpg.jpg jn=$TMP/nofloat/export_jpg.jpg
jpeg_ex="$(cat "$TMP/float/export_jpg.txt" 2>/dev/null); sampling $(sampling "$jf" 2>&1); against the PNG: $("$IMGCMP" "$TMP/float/export.png" "$jf" 2>&1)"
if exported float/export_jpg.txt 1 && exported nofloat/export_jpg.txt 0 && cmp -s "$jf" "$jn" &&
   [ "$(sampling "$jf")" = "11 11 11" ] && [ "$(cmp_field "$TMP/float/export.png" "$jf" psnr | cut -d. -f1)" -ge 38 ] 2>/dev/null; then
    ok "web_export_jpeg_in_worker ($jpeg_ex)"
else fail web_export_jpeg_in_worker "$jpeg_ex; stb on the page: $(cat "$TMP/nofloat/export_jpg.txt" 2>/dev/null)"; fi

# The 24 MP export: the same pixels as the control's (the whole export in
# one go, stb on the page), and frames drawn while its mattes are found and
# its picture drawn in steps and the worker encodes: at least 10 and a
# shorter longest wait than the control's, which draws none (under 10: the
# measure tells them apart). Figures beside the control's.
big_ex="$(cat "$TMP/big/bigexport.txt" 2>/dev/null); control: $(cat "$TMP/big_onego/bigexport.txt" 2>/dev/null)"
if exported big/bigexport.txt 1 && exported big_onego/bigexport.txt 0 &&
   [ "$(cmp_field "$TMP/big/bigexport.png" "$TMP/big_onego/bigexport.png" max)" = 0 ]; then
    ok "web_export_24mp_same_pixels ($("$IMGCMP" "$TMP/big/bigexport.png" "$TMP/big_onego/bigexport.png"))"
else fail web_export_24mp_same_pixels "$big_ex"; fi
if [ "$(ex big/bigexport.txt frames)" -ge 10 ] 2>/dev/null && [ "$(ex big_onego/bigexport.txt frames)" -lt 10 ] &&
   [ "$(ex big/bigexport.txt max_frame_gap_ms)" -lt "$(ex big_onego/bigexport.txt max_frame_gap_ms)" ]; then
    ok "web_export_24mp_page_draws ($big_ex)"
else fail web_export_24mp_page_draws "$big_ex"; fi
# its mattes found in steps over many tasks (app_export.c); the control ran them in one
if [ "$(ex big/bigexport.txt job_tasks)" -ge 8 ] 2>/dev/null && [ "$(ex big_onego/bigexport.txt job_tasks)" = 1 ]; then
    ok "web_export_24mp_mattes_in_steps (job_tasks=$(ex big/bigexport.txt job_tasks), control $(ex big_onego/bigexport.txt job_tasks))"
else fail web_export_24mp_mattes_in_steps "$big_ex"; fi
# and its picture too: no task of the export's a twentieth of the control's
# one task (drawn in one go, the picture alone was about a tenth of it)
if [ "$(ex big/bigexport.txt longest_job_task_ms)" -gt 0 ] 2>/dev/null &&
   [ "$(( $(ex big/bigexport.txt longest_job_task_ms) * 20 ))" -lt "$(ex big_onego/bigexport.txt longest_job_task_ms)" ]; then
    ok "web_export_24mp_picture_in_steps (longest job task $(ex big/bigexport.txt longest_job_task_ms) ms, control $(ex big_onego/bigexport.txt longest_job_task_ms) ms)"
else fail web_export_24mp_picture_in_steps "$big_ex"; fi

# Web Share (harness.js share()): the file goes to the share sheet where the
# browser shares its type, else (or when the share is refused) downloads.
sh=$TMP/float/share.txt
size=$(sed -n 's/^png_size=//p' "$sh" 2>/dev/null)
want_line() { grep -qx "$1" "$sh" 2>/dev/null; }
check web_share_sheet_gets_the_file want_line "sharing: shared share view.png image/png $size"
check web_share_other_type_downloads want_line "sharing_other_type: downloaded download client.smpb"
check web_share_refused_downloads want_line "refused: downloaded download view.png"
check web_share_closed_sheet_nothing want_line "closed: cancelled "
check web_share_control_no_share_downloads want_line "native: downloaded download view.png"

# Offline: once the service worker is in, the app starts with every GET refused.
# Control: without the service worker the same frame cannot start.
# The browser's own update check of sw.js (which never goes through the worker)
# may come and fail offline: the installed worker stays. Any other GET is a miss.
gets() { grep -v '^/sw\.js$' "$TMP/$1/offline_gets.log" 2>/dev/null | wc -l; }
if grep -Eq "dot_target=[12]" "$TMP/offline/offline.txt" 2>/dev/null && [ "$(gets offline)" -eq 0 ]; then
    ok "web_offline_start_from_cache (no GET reached the server)"
else fail web_offline_start_from_cache "$(cat "$TMP/offline/offline.txt" 2>/dev/null || echo 'no result'), $(gets offline) GETs: $(grep -v '^/sw\.js$' "$TMP/offline/offline_gets.log" 2>/dev/null | head -3 | tr '\n' ' ')"; fi
if grep -q "dot_target=0" "$TMP/offline_control/offline.txt" 2>/dev/null && [ "$(gets offline_control)" -gt 0 ]; then
    ok "web_offline_control_without_worker_fails ($(gets offline_control) GETs refused)"
else fail web_offline_control_without_worker_fails "$(cat "$TMP/offline_control/offline.txt" 2>/dev/null || echo 'no result')"; fi

# Everything a first visit downloads (the whole build), gzipped: at most 2 MB.
gz=0
for f in $(find "$web" -type f); do gz=$((gz + $(gzip -9c "$f" | wc -c))); done
if [ "$gz" -le 2000000 ]; then ok "web_first_visit_size (gzipped $gz bytes)"
else fail web_first_visit_size "gzipped $gz bytes > 2000000"; fi

# Photos kept across reloads: the photo opened in the page (as image.jpg,
# then again as copy.jpg) is in IndexedDB once, under its SHA-256; after a
# reload Recover brings the plan back with its photo: the plan rendered is
# pixel-identical to before. Control: with the photo in memory only (keep=0,
# the old behaviour) the same comparison fails.
recovered() { # DIR: status 0 when the plan came back with its photo
    local d=$TMP/$1; r=""
    grep -Eq "^title=(\* )?image.jpg - smpview error= " "$d/persist2.txt" 2>/dev/null && [ -f "$d/before.png" ] && [ -f "$d/after.png" ] &&
        r=$("$IMGCMP" "$d/before.png" "$d/after.png" 2>&1) && [ "$(cmp_field "$d/before.png" "$d/after.png" max)" = 0 ]
}
if recovered persist; then ok "web_persist_recovers_photo ($r)"
else fail web_persist_recovers_photo "$(head -1 "$TMP/persist/persist2.txt" 2>/dev/null) $r $(cat "$TMP/persist/after.png.err" 2>/dev/null)"; fi
if recovered persist_control; then fail web_persist_control_not_kept "recovered without keeping the photo"
else ok "web_persist_control_not_kept ($(head -1 "$TMP/persist_control/persist2.txt" 2>/dev/null | cut -c1-120))"; fi
hash=$(sha256sum "$TMP/persist/photo.jpg" | cut -c1-64)
idb() { # FILE [SECTION]: the listing (persist2.txt: the part after "--- SECTION")
    if [ -n "${2:-}" ]; then sed -n "/^--- $2/,/^---/p" "$1" 2>/dev/null; else grep '^/' "$1" 2>/dev/null; fi | grep -v '^---'

}
photos=$(idb "$TMP/persist/persist1.txt" | grep "^/work/photos/$hash/" | grep -v '\.smp ')
if [ "$(echo "$photos" | grep -c .)" = 1 ] && echo "$photos" | grep -q "^/work/photos/$hash/image.jpg $(stat -c %s "$TMP/persist/photo.jpg")$"; then
    ok "web_persist_photo_kept_once_by_hash ($photos)"
else fail web_persist_photo_kept_once_by_hash "$(idb "$TMP/persist/persist1.txt" | grep photos | head -5 | tr '\n' ' ')"; fi
# The bound: after the reload, a photo folder nothing names (planted in
# phase 1, in IndexedDB then) is gone, the recovered photo stays.
stale="^/work/photos/0000000000000000000000000000000000000000000000000000000000000000"
if idb "$TMP/persist/persist1.txt" | grep -q "$stale/old.jpg" && ! idb "$TMP/persist/persist2.txt" "before forget" | grep -q "$stale" &&
   idb "$TMP/persist/persist2.txt" "before forget" | grep -q "^/work/photos/$hash/image.jpg "; then
    ok web_persist_unreachable_photo_dropped
else fail web_persist_unreachable_photo_dropped "$(idb "$TMP/persist/persist2.txt" "before forget" | grep photos | head -4 | tr '\n' ' ')"; fi
# Forget client: right after it, and after one more reload, IndexedDB holds
# no file of the photo's folder, no autosave, and no state file naming it;
# the control is the listing before Forget, where the same search finds them.
client_in_idb() { grep -Eq "^/work/photos/$hash|^/work/state/autosave|$hash" <<<"$1"; }
before=$(idb "$TMP/persist/persist2.txt" "before forget")
after=$(idb "$TMP/persist/persist2.txt" "after forget")
reload=$(idb "$TMP/persist/persist3.txt")
listed() { grep -q "^/work/state" <<<"$1"; } # the listing was read
if client_in_idb "$before" && listed "$after" && ! client_in_idb "$after" && listed "$reload" && ! client_in_idb "$reload"; then
    ok "web_persist_forget_clears_indexeddb ($(grep -c . <<<"$before") entries before, $(grep -c . <<<"$after") after)"
else fail web_persist_forget_clears_indexeddb "before: $(grep -c . <<<"$before"), after: $(grep -E "photos/.|autosave|$hash" <<<"$after" | head -3 | tr '\n' ' '), reloaded: $(grep -E "photos/.|autosave|$hash" <<<"$reload" | head -3 | tr '\n' ' ')"; fi
# A recent plan after the reload (the bundle of phase 1, kept beside its
# photo), opened once: its photo is read when the app first asks (it says
# so) and the plan then opens by itself with its dots. Control: the page
# that reads the photo but does not call the app back (reopen=0) stays on
# the message.
recent() { sed -n '/^--- recent plan/,$p' "$TMP/$1/persist2.txt" 2>/dev/null | sed -n "$2p"; }
opened_later() { recent "$1" 3 | grep -Eq "^title=client.smp - smpview dots=[1-9]"; }
if recent persist 2 | grep -q "error=.*: the photo is being read" && opened_later persist &&
   recent persist_noreopen 2 | grep -q "error=.*: the photo is being read" && ! opened_later persist_noreopen; then
    ok "web_persist_recent_plan_opens ($(recent persist 3 | cut -c1-60); control: $(recent persist_noreopen 3 | cut -c1-60))"
else fail web_persist_recent_plan_opens "$(recent persist 2 | cut -c1-120) / $(recent persist 3 | cut -c1-120); control: $(recent persist_noreopen 3 | cut -c1-120)"; fi
# A plan picked with the photo it names (by name, no hash in the plan) is
# kept beside it, naming it by its kept name, and opens with its dots.
h3=$(sha256sum "$TMP/persist/third.jpg" | cut -c1-64)
kept_beside() { # DIR: status 0 when the plan and its photo are in that page's IndexedDB
    grep -Eq "^picked: title=client3.smp - smpview dots=[1-9]" "$TMP/$1/persist1.txt" 2>/dev/null &&
        idb "$TMP/$1/persist1.txt" | grep -q "^/work/photos/$h3/client3.smp " && idb "$TMP/$1/persist1.txt" | grep -q "^/work/photos/$h3/third.jpg "
}
# control: keep=0 opens the same pick (in memory) but keeps nothing
if kept_beside persist && ! kept_beside persist_control && grep -Eq "^picked: title=client3.smp - smpview dots=[1-9]" "$TMP/persist_control/persist1.txt"; then
    ok "web_persist_plan_kept_beside_its_photo ($(grep '^picked:' "$TMP/persist/persist1.txt"))"
else fail web_persist_plan_kept_beside_its_photo "$(grep '^picked:' "$TMP/persist/persist1.txt" 2>/dev/null) $(idb "$TMP/persist/persist1.txt" | grep -c "$h3") entries; control: $(grep '^picked:' "$TMP/persist_control/persist1.txt" 2>/dev/null)"; fi
