# Nothing leaks: exports of a real camera photo (EXIF with camera, lens, serial
# number, author and dates; an Adobe profile) carry none of it, nor the
# photo's file name; and the program has no network code.
. "$SMP_ROOT/tests/lib.sh"
cd "$SMP_ROOT" || exit 1
photo="$SHARED_PHOTOS/face_receding-hairline_light_giunchedi.jpg"
if [ ! -f "$photo" ]; then
    fail privacy_photo_present "no $photo (CI puts ../shared beside the repo)"
    exit 0
fi
# What the source carries (so the checks below can fail): strings from its EXIF.
secrets="Canon EOS|EF85mm|212020002232|HOLLERO|Hollero|2015:01:21|Lightroom|giunchedi|Exif"
check source_has_metadata grep -qaE "$secrets" "$photo"

for ext in png jpg; do
    "$SMPVIEW" render --photo "$photo" -o "$TMP/export.$ext" 2>"$TMP/err"
    check "export_${ext}_written" test -s "$TMP/export.$ext"
    check "export_${ext}_no_metadata" sh -c "! grep -qaE '$secrets|xmp|GPS|http://' '$TMP/export.$ext'"
done
# PNG: only the chunks an image needs (IHDR, sRGB/gAMA/cHRM/pHYs allowed, IDAT, IEND).
chunks=$(python3 - "$TMP/export.png" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read(); pos = 8; names = []
while pos < len(d):
    n = struct.unpack(">I", d[pos:pos + 4])[0]; names.append(d[pos + 4:pos + 8].decode()); pos += 12 + n
print(" ".join(sorted(set(names))))
PY
)
check png_only_image_chunks sh -c "echo '$chunks' | tr ' ' '\n' | grep -vqE '^(IHDR|IDAT|IEND|sRGB|gAMA|cHRM|pHYs)$' && exit 1 || exit 0"
# JPEG: no APP1 (EXIF/XMP), APP13 (IPTC) or COM (comment) markers.
markers=$(python3 - "$TMP/export.jpg" <<'PY'
import sys
d = open(sys.argv[1], "rb").read(); pos = 2; found = []
while pos + 4 <= len(d) and d[pos] == 0xFF:
    m = d[pos + 1]
    if m == 0xDA: break
    n = (d[pos + 2] << 8) | d[pos + 3]; found.append("%02X" % m); pos += 2 + n
print(" ".join(found))
PY
)
check jpeg_no_exif_or_comment sh -c "! echo '$markers' | grep -qE 'E1|ED|FE'"

# No network code: the program imports no socket or name-resolution functions.
check no_network_imports sh -c "! nm -D '$SMPVIEW' | grep -qE ' U (socket|connect|getaddrinfo|gethostbyname|sendto|recvfrom|bind|listen)(@|$)'"
