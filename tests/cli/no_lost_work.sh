#!/usr/bin/env bash
# Issue 13, items 1, 3 and 9 from the command line: an output never replaces
# one of its own inputs (compared as files, so other names for the same file
# count), FIFOs are written in place or refused at once, links stay links,
# read-only files stay as they are, over-long --size-mm is refused, and paths
# with control characters are printed escaped. Each refusal has a control that
# the same command with a harmless output works.
. "$SMP_ROOT/tests/lib.sh" || exit 1
[ -d "$TMP" ] && cd "$TMP" || exit 1
$PT make-photo c.png 160 120
sha() { sha256sum "$1" | cut -d' ' -f1; }
orig=$(sha c.png)

# ---- item 1: no output over an input -------------------------------------
expect_error render_o_over_photo "c.png: refusing to write over the photo it renders" render --photo c.png -o c.png
check render_o_over_photo_kept [ "$(sha c.png)" = "$orig" ]
ln -s c.png link.png
ln c.png hard.png
expect_error render_o_over_photo_symlink "refusing to write over the photo" render --photo c.png -o link.png
expect_error render_o_over_photo_hardlink "refusing to write over the photo" render --photo ./c.png -o hard.png
check render_photo_kept_all_names [ "$(sha c.png)" = "$orig" ]
"$SMPVIEW" render --photo c.png -o out.png 2>err
check render_other_output_control test -s out.png
# a plan naming the photo, and a dots CSV aimed at the plan or the photo
printf '{"smpview_plan": 1, "photo": {"path": "c.png"}}\n' >plan.smp
if "$SMPVIEW" info plan.smp >/dev/null 2>&1; then
    plan_sha=$(sha plan.smp)
    expect_error render_csv_over_plan "plan.smp: refusing to write over the plan it renders" \
        render plan.smp -o out2.png --dots-csv plan.smp
    check render_csv_over_plan_kept [ "$(sha plan.smp)" = "$plan_sha" ]
    expect_error render_o_over_plan_photo "refusing to write over the photo" render plan.smp -o c.png
    "$SMPVIEW" render plan.smp -o out2.png --dots-csv dots.csv 2>err
    check render_csv_control test -s dots.csv
else
    fail render_csv_fixture "$("$SMPVIEW" info plan.smp 2>&1 | head -c 200)"
fi
expect_error render_csv_over_photo "refusing to write over the photo" render --photo c.png -o out3.png --dots-csv c.png
check render_photo_kept_csv [ "$(sha c.png)" = "$orig" ]
expect_error swatch_csv_is_output "given both as -o and as --dots-csv" swatch --density 20 -o s.png --dots-csv s.png

# ---- item 3: special files and links -------------------------------------
mkfifo lonely.fifo
timeout 20 "$SMPVIEW" swatch --density 20 --size-mm 10 -o s1.png --dots-csv lonely.fifo >/dev/null 2>err
rc=$?
if [ "$rc" = 1 ] && grep -q "lonely.fifo: cannot save: nothing is reading from it" err; then
    ok fifo_without_reader_refused; else fail fifo_without_reader_refused "status $rc: $(head -c 200 err)"; fi
check fifo_without_reader_still_fifo test -p lonely.fifo
mkfifo read.fifo
ln -s read.fifo read_link.csv
exec 3<>read.fifo # a reader (and writer) that stays open, so no race with the write
timeout 20 "$SMPVIEW" swatch --density 20 --size-mm 10 -o s2.png --dots-csv read_link.csv 2>err
rc=$?
python3 -c 'import os; os.set_blocking(3, False); print(os.read(3, 1 << 20).decode(), end="")' >got.csv
exec 3<&-
if [ "$rc" = 0 ] && [ "$(head -c 5 got.csv)" = "x_px," ]; then ok fifo_written_through
else fail fifo_written_through "status $rc, $(wc -c <got.csv) bytes read: $(head -c 200 err)"; fi
check fifo_still_fifo test -p read.fifo
check fifo_link_still_link test -L read_link.csv
# /dev/stdout is the shell's descriptor: ">>" appends, the file is not replaced
# (stdout is a regular file here, so even a regression could not touch /dev)
echo "prior line" >appended.csv
"$SMPVIEW" swatch --density 20 --size-mm 10 -o s3.png --dots-csv /dev/stdout >>appended.csv 2>err
if [ "$(head -1 appended.csv)" = "prior line" ] && [ "$(sed -n 2p appended.csv | head -c 5)" = "x_px," ]; then
    ok dev_stdout_appends; else fail dev_stdout_appends "$(head -c 200 appended.csv)"; fi
ln -s later.png dangling.png
"$SMPVIEW" render --photo c.png -o dangling.png 2>err
if [ -L dangling.png ] && [ -s later.png ]; then ok dangling_link_kept; else
    fail dangling_link_kept "$(ls -l dangling.png later.png 2>&1 | head -c 300)"; fi
echo "old dots" >ro.csv
chmod 444 ro.csv
expect_error read_only_refused "ro.csv: cannot save: the file is read-only" \
    swatch --density 20 --size-mm 10 -o s4.png --dots-csv ro.csv
check read_only_kept [ "$(cat ro.csv)" = "old dots" ]
chmod 644 ro.csv
"$SMPVIEW" swatch --density 20 --size-mm 10 -o s4.png --dots-csv ro.csv 2>err
check read_only_control_writable_saved sh -c '! grep -q "old dots" ro.csv'
check no_temp_files_left sh -c '! ls -A | grep -q "\.tmp-"'

# ---- item 9: long --size-mm, control characters ------------------------------
long="20x20.$(printf '0%.0s' $(seq 60))junk" # cut at 63 characters it would be valid
expect_error size_mm_too_long_refused "--size-mm: 20x20.0000" swatch --density 20 --size-mm "$long" -o s5.png
check size_mm_too_long_no_output test ! -e s5.png
"$SMPVIEW" swatch --density 20 --size-mm "20x20.$(printf '0%.0s' $(seq 50))" -o s6.png 2>err
check size_mm_long_but_fitting_control test -s s6.png
esc=$'evil\033[2J\nsmpview: fake line.png'
expect_error escapes_control_characters 'evil\x1b[2J\x0asmpview: fake line.png' render --photo "$esc" -o e.png
check escapes_no_raw_escape_byte sh -c "! grep -q \$'\\033' '$TMP/err'"
cp c.png "$esc"
printf '{"smpview_plan": 1, "photo": {"path": "evil\\u001b[31m.png"}}\n' >esc.smp
"$SMPVIEW" info esc.smp >info.out 2>&1
if grep -qF 'photo=evil\x1b[31m.png' info.out && ! grep -q $'\033' info.out; then ok info_escapes_plan_photo
else fail info_escapes_plan_photo "$(head -c 200 info.out | od -c | head -3)"; fi
