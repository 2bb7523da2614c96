#!/usr/bin/env bash
# The open dialog's Clients tab (issue 10): the recent plans and the plans of
# the folder shown, newest change first, each with a thumbnail of its photo
# (a placeholder when the photo is missing), the client's name from the plan,
# and a search by client or file name; and Save as naming the client.
# Replays tests/ui/clients.txt and clients_save.txt; checks dumped plans and
# screenshot pixels.
. "$(dirname "$0")/../lib.sh"
ui_setup
runs() { # name, script, args...: runs and reports whether the replay exited 0
    local name=$1; shift
    if run "$@"; then ok "$name"; else fail "$name" "status $?: $(head -c 300 "$TMP/$1.err")"; fi
}
# IMG X Y R G B TOL: the pixel is within TOL of (R, G, B) (near), or is read
# and is not (far); an unreadable image fails both.
pixel_is() { # near|far IMG X Y R G B TOL
    local px; px=$($PT pixel "$2" "$3" "$4") || return 1
    python3 -c "import sys; a=list(map(int,'$px'.split())); b=[$5,$6,$7]; d=max(abs(x-y) for x,y in zip(a,b))
sys.exit(0 if (d<=$8) == ('$1'=='near') else 1)"
}
near() { pixel_is near "$@"; }
far() { pixel_is far "$@"; }
# A copy of made.smp for a client (empty: none) with its photo and its x.
client_plan() { # DST CLIENT PHOTO X
    python3 - "$@" <<'PY'
import json, sys
p = json.load(open('made.smp'))
if sys.argv[2]:
    p['client'] = sys.argv[2]
p['photo']['path'] = sys.argv[3]
p['hairline']['points'][0][0] = float(sys.argv[4])
json.dump(p, open(sys.argv[1], 'w'), indent=2)
PY
}

runs make_plan_replay_runs mk_plan.txt photo.png
mkdir -p cl other fresh st
client_plan cl/bob.smp "Bob Carter" missing_front.png 101
client_plan fresh/erin.smp "Erin Gray" missing_front.png 105
client_plan other/dora.smp "Dora Diaz" ../photo.png 102
client_plan cl/anna.smp "Anna Berg" ../photo.png 103
client_plan cl/carl.smp "" ../photo.png 104
touch -d "2026-01-05 10:00" cl/bob.smp
touch -d "2026-01-04 10:00" other/dora.smp
touch -d "2026-01-03 10:00" cl/anna.smp
touch -d "2026-01-02 10:00" fresh/erin.smp
touch -d "2026-01-01 10:00" cl/carl.smp
# listed: the recent plans, the other plans of their folders, and the folder shown
echo "$TMP/fresh" >st/last_folder.txt
printf '%s\n' "$TMP/other/dora.smp" "$TMP/cl/bob.smp" >st/recent.txt

runs clients_replay_runs clients.txt --state-dir st
# newest change first: bob, dora, anna, erin (in the folder shown), carl
check clients_row1_is_second_newest plan opened_row1.smp "p['hairline']['points'][0][0] == 102"
check clients_search_by_client_name plan opened_search.smp \
    "p['hairline']['points'][0][0] == 103 and p['client'] == 'Anna Berg'"
check clients_search_by_file_name plan opened_carl.smp "p['hairline']['points'][0][0] == 104 and 'client' not in p"
# nothing found: Return opened nothing, the document is still carl.smp
check clients_search_nothing_found cmp -s opened_carl.smp after_none.smp
# Thumbnail boxes: 64x48 at (36, 130 + 56 N). Row 0 (bob.smp, photo missing)
# shows the placeholder; row 2 (anna.smp) shows the photo: its centre is the
# mean of photo.png's 6.25 x 6.25 px block at (200, 150).
check clients_missing_photo_placeholder near clients_list.png 40 134 92 98 112 2
check clients_row3_erin_placeholder near clients_list.png 40 302 92 98 112 2
check clients_row4_carl_photo far clients_list.png 40 358 92 98 112 2
ref=$($PT pixel photo.png 206 156)
read -r R G B <<<"$ref"
check clients_thumbnail_shows_photo near clients_list.png 69 267 "$R" "$G" "$B" 8
# negative controls: the placeholder is not the photo, nor the photo the placeholder
check clients_placeholder_not_photo far clients_list.png 40 134 "$R" "$G" "$B" 8
check clients_thumbnail_not_placeholder far clients_list.png 69 267 92 98 112 2
# the search shows one row: where a second row's thumbnail would be, no photo
check clients_search_filters far clients_search.png 69 211 "$R" "$G" "$B" 8
check clients_search_row0_is_anna near clients_search.png 69 155 "$R" "$G" "$B" 8

# ---- Save as names the client ------------------------------------------------
runs clients_save_replay_runs clients_save.txt photo.png --state-dir st_save
check save_as_stores_client plan eve.smp "p['client'] == 'Eve Fox'"
check save_as_client_in_document plan eve_dump.smp "p['client'] == 'Eve Fox'"
# an unnamed plan writes no client field (old readers see the same file)
check unnamed_plan_has_no_client plan made.smp "'client' not in p"

# Thumbnails are pictures, not mosaics: a photo of vertical stripes 25 px apart
# (4 px apart in the 64 px thumbnail) shows them, dark and light within a few
# pixels along the thumbnail's middle row; 32 cells of the old mosaic made each
# stripe pair one flat mean.
mkdir -p stripes st_stripes
python3 - <<'PY'
import struct, zlib
w, h = 400, 300
row = b"".join(bytes((60, 40, 30) if x % 25 < 12 else (220, 180, 150)) for x in range(w))
raw = b"".join(b"\0" + row for _ in range(h))
chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
open("stripes/stripes.png", "wb").write(png + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open("stripes/stripes.smp", "w").write('{"smpview_plan": 1, "photo": {"path": "stripes.png"}, "client": "Stripes"}')
PY
echo "$TMP/stripes/stripes.smp" >st_stripes/recent.txt
printf '%s\n' "wait 2" "key ctrl+o" "mouse_down 715 39" "mouse_up 715 39" "wait 20" "screenshot stripes_list.png" quit >stripes.txt
"$SMPVIEW" photo.png --size 800x600 --state-dir st_stripes --replay stripes.txt >/dev/null 2>stripes.err
lum=$(for x in $(seq 36 99); do $PT pixel stripes_list.png "$x" 154; done | awk '{ print int(($1 + $2 + $3) / 3) }' | sort -n)
lo=$(echo "$lum" | head -1) hi=$(echo "$lum" | tail -1)
if [ "$hi" -gt $((lo + 80)) ]; then ok "clients_thumbnail_resolves_stripes (grey $lo to $hi)"
else fail clients_thumbnail_resolves_stripes "grey $lo to $hi along the thumbnail: no stripes"; fi
