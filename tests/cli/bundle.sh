#!/usr/bin/env bash
# Bundles from the tablet (.smpb: a plan and its photo in one file) on the
# desktop: `info` describes one without unpacking it, `unpack` writes the plan
# and the photo's exact bytes into a folder beside it (the same folder when
# unpacked again, the next free one when that name holds other work), and the
# commands that read plans say what a bundle is instead of a JSON error.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
photo="$SMP_ROOT/assets/sample_front.jpg"
python3 "$SMP_ROOT/tests/tools/mkbundle.py" "$SMP_ROOT/seeds/front_hairline.smp" "$photo" client.smpb

"$SMPVIEW" info client.smpb >info.txt 2>info.err
check bundle_info_describes grep -q "^bundle: plan [0-9]* bytes, photo=sample_front.jpg $(stat -c %s "$photo") bytes$" info.txt
check bundle_info_reads_the_plan grep -q "^density=90 dots/cm2" info.txt
check bundle_info_unpacks_nothing test ! -e client

"$SMPVIEW" unpack client.smpb >unpack.txt 2>unpack.err
check bundle_unpack_names_the_plan grep -qx "plan=client/client.smp" unpack.txt
check bundle_unpack_photo_bytes cmp -s client/sample_front.jpg "$photo"
check bundle_unpack_plan_names_its_photo plan client/client.smp "p['photo']['path'] == 'sample_front.jpg'"
"$SMPVIEW" render client/client.smp -o unpacked.png 2>render.err &&
    "$SMPVIEW" render "$SMP_ROOT/seeds/front_hairline.smp" -o seed.png 2>>render.err
check bundle_unpacked_renders_as_the_plan cmp -s unpacked.png seed.png
"$SMPVIEW" unpack client.smpb >again.txt 2>&1
check bundle_unpack_again_same_folder sh -c 'grep -qx "plan=client/client.smp" again.txt && test ! -e client-2'

# Another client's work in a folder of the same name stays untouched.
mkdir other && echo '{"mine": 1}' >other/other.smp && cp client.smpb other.smpb
"$SMPVIEW" unpack other.smpb >other.txt 2>&1
check bundle_unpack_taken_folder_next grep -qx "plan=other-2/other.smp" other.txt
check bundle_unpack_taken_folder_untouched sh -c 'test "$(cat other/other.smp)" = "{\"mine\": 1}" && test ! -e other/sample_front.jpg'

head -c 2000 client.smpb >cut.smpb
expect_error bundle_cut_refused "cut.smpb: damaged bundle (truncated)" unpack cut.smpb
check bundle_cut_unpacks_nothing test ! -e cut
expect_error bundle_render_says_unpack "smpview unpack client.smpb" render client.smpb -o x.png
check bundle_render_writes_nothing test ! -e x.png
