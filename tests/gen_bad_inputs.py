#!/usr/bin/env python3
"""Writes the bad-input suite of tests/cli/bad_inputs.sh into a directory.

    gen_bad_inputs.py OUTDIR MKJPEG

Python stdlib only; JPEGs are encoded by MKJPEG (tests/tools/mkjpeg.c) and then
cut, patched or given EXIF segments here. Writes OUTDIR/cases.tsv, one case per
line, tab-separated:

    info    NAME FILE ok    -    W H ORIENTATION FORMAT
    render  NAME FILE ok    -    W H REF TOL     (render --no-label == REF within TOL)
    CMD     NAME FILE error TEXT [NAMED]         (status 1, one line naming FILE or NAMED, with TEXT)
    render  NAME FILE warn  TEXT                 (status 0, output written, TEXT on stderr)

CMD is info or render; for render, FILE is a photo (--photo) unless it ends in
.smp. Every picture is a 64x32 pattern of four flat quadrants, so it is
asymmetric (a wrong orientation shows) and survives JPEG within a few levels.
"""
import hashlib
import os
import struct
import subprocess
import sys
import zlib

UW, UH = 64, 32
QUAD = [(220, 30, 30), (30, 200, 40), (30, 40, 210), (230, 220, 40)]  # TL TR BL BR
GRAYS = [30, 100, 170, 240]
JPEG_TOL = 10

out_dir, mkjpeg = sys.argv[1], sys.argv[2]
cases = []


def path(name):
    return os.path.join(out_dir, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)
    return path(name)


def case(*fields):
    cases.append("\t".join(str(f) for f in fields))


# ---- pixels -------------------------------------------------------------------

def quadrant(x, y, w=UW, h=UH):
    return (y >= h // 2) * 2 + (x >= w // 2)


def stored_to_upright(o, sx, sy):
    """Where stored pixel (sx, sy) lands upright, from the EXIF definition."""
    return {
        2: (UW - 1 - sx, sy), 3: (UW - 1 - sx, UH - 1 - sy), 4: (sx, UH - 1 - sy),
        5: (sy, sx), 6: (UW - 1 - sy, sx), 7: (UW - 1 - sy, UH - 1 - sx), 8: (sy, UH - 1 - sx),
    }.get(o, (sx, sy))


def stored_pattern(o):
    """Stored RGB rows (bytes) and size for orientation o."""
    w, h = (UH, UW) if o >= 5 else (UW, UH)
    rows = []
    for y in range(h):
        row = bytearray()
        for x in range(w):
            ux, uy = stored_to_upright(o, x, y)
            row += bytes(QUAD[quadrant(ux, uy)])
        rows.append(bytes(row))
    return w, h, rows


def flat_rows(w, h, rgb):
    return [bytes(rgb) * w for _ in range(h)]


# ---- PNG ------------------------------------------------------------------------

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(w, h, rows, color_type=2, depth=8, interlace=False, extra=b"", bpp=None):
    """rows: one bytes object per row, in the PNG's own sample layout."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    bpp = bpp or channels * depth // 8  # bytes per pixel for depth >= 8
    raw = bytearray()
    if not interlace:
        for r in rows:
            raw += b"\0" + r
    else:
        for x0, y0, dx, dy in ADAM7:
            xs = range(x0, w, dx)
            if not xs:
                continue
            for y in range(y0, h, dy):
                raw += b"\0" + b"".join(rows[y][x * bpp:(x + 1) * bpp] for x in xs)
    ihdr = struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0, 1 if interlace else 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


def ref_png(name, w, h, rows):
    return write(name, png(w, h, rows))


# ---- JPEG -----------------------------------------------------------------------

def jpeg(name, w, h, comps, raw, progressive=False):
    rawpath = path(name + ".raw")
    with open(rawpath, "wb") as f:
        f.write(raw)
    args = [mkjpeg, rawpath, path(name), str(w), str(h), str(comps)] + (["progressive"] if progressive else [])
    subprocess.run(args, check=True)
    os.remove(rawpath)
    with open(path(name), "rb") as f:
        return f.read()


def rgb_jpeg(name, w, h, rows, progressive=False):
    return jpeg(name, w, h, 3, b"".join(rows), progressive)


def with_app1(data, payload):
    """The JPEG with an APP1 segment right after SOI."""
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + data[2:]


def cut_in_scan(data):
    """The JPEG cut halfway through its first scan: the header is whole, pixels are missing."""
    sos = data.index(b"\xff\xda")
    return data[:(sos + len(data)) // 2]


def set_jpeg_size(data, w, h):
    i = 2
    while i + 9 < len(data) and data[i] == 0xFF:
        marker, seglen = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            return data[:i + 5] + struct.pack(">HH", h, w) + data[i + 9:]
        i += 2 + seglen
    raise SystemExit("no SOF marker")


# ---- EXIF -----------------------------------------------------------------------

def tiff(entries, big=True, ifd_offset=8, count=None, next_ifd=0, tail=b""):
    """A TIFF block with IFD0 at ifd_offset holding (tag, type, n, value-bytes) entries."""
    e = ">" if big else "<"
    head = (b"MM\0*" if big else b"II*\0") + struct.pack(e + "I", ifd_offset)
    body = struct.pack(e + "H", len(entries) if count is None else count)
    for tag, typ, n, value in entries:
        body += struct.pack(e + "HHI", tag, typ, n) + value.ljust(4, b"\0")
    return head + body + struct.pack(e + "I", next_ifd) + tail


def orientation_entry(o, big=True):
    return (0x0112, 3, 1, struct.pack(">H" if big else "<H", o))


def exif_payload(t):
    return b"Exif\0\0" + t


# ---- photos that must load --------------------------------------------------------

def expect_photo(name, file, w, h, orient, fmt, ref, tol):
    case("info", name, file, "ok", "-", w, h, orient, fmt)
    case("render", name, file, "ok", "-", w, h, ref, tol)


def expect_error(name, file, text, cmds=("info", "render")):
    for c in cmds:
        case(c, name, file, "error", text)


upright_ref = ref_png("ref_upright.png", UW, UH, stored_pattern(1)[2])

# every EXIF orientation, in JPEG (both byte orders) and PNG eXIf
base_jpeg = {}
for o in range(1, 9):
    w, h, rows = stored_pattern(o)
    data = rgb_jpeg("o%d.jpg" % o, w, h, rows)
    base_jpeg[o] = data
    big = o % 2 == 0
    f = write("o%d.jpg" % o, with_app1(data, exif_payload(tiff([orientation_entry(o, big)], big))))
    expect_photo("jpeg_orientation_%d" % o, f, UW, UH, o, "jpeg", upright_ref, JPEG_TOL)
    exif = chunk(b"eXIf", tiff([orientation_entry(o, not big)], not big))
    f = write("o%d.png" % o, png(w, h, rows, extra=exif))
    expect_photo("png_orientation_%d" % o, f, UW, UH, o, "png", upright_ref, 0)

# malformed EXIF: ignored, the photo opens as stored (orientation 1)
plain = base_jpeg[1]
bad_exif = {
    "exif_truncated_ifd": tiff([orientation_entry(6)], count=5)[:8 + 2 + 6],
    "exif_count_past_end": tiff([(0x010F, 2, 4, b"Cam\0")], count=0xFFFF)[:-4],
    "exif_ifd_offset_out_of_range": tiff([orientation_entry(6)], ifd_offset=0xFFFFFF00),
    "exif_ifd_offset_inside_header": tiff([orientation_entry(6)], ifd_offset=2),
    "exif_ifd_loop": tiff([(0x8769, 4, 1, struct.pack(">I", 8))], next_ifd=8),
    "exif_orientation_out_of_range": tiff([orientation_entry(9)]),
    "exif_orientation_zero": tiff([orientation_entry(0)]),
    "exif_orientation_wrong_type": tiff([(0x0112, 2, 4, b"six\0")]),
    "exif_orientation_zero_count": tiff([(0x0112, 3, 0, b"\0\6")]),
    "exif_bad_byte_order": b"XX\0*" + tiff([orientation_entry(6)])[4:],
    "exif_header_only": b"",
    "exif_tiny": b"MM\0",
}
for name, t in bad_exif.items():
    f = write(name + ".jpg", with_app1(plain, exif_payload(t)))
    expect_photo(name, f, UW, UH, 1, "jpeg", upright_ref, JPEG_TOL)
f = write("exif_app1_two_bytes.jpg", with_app1(plain, b"Ex"))
expect_photo("exif_app1_two_bytes", f, UW, UH, 1, "jpeg", upright_ref, JPEG_TOL)
f = write("png_exif_truncated.png", png(UW, UH, stored_pattern(1)[2], extra=chunk(b"eXIf", b"MM\0*\0\0\0\x08\0\x05")))
expect_photo("png_exif_truncated", f, UW, UH, 1, "png", upright_ref, 0)

# colour: every PNG flavour and JPEG kind in the right colours
rows = stored_pattern(1)[2]
f = write("progressive.jpg", rgb_jpeg("progressive.jpg", UW, UH, rows, progressive=True))
expect_photo("jpeg_progressive", f, UW, UH, 1, "jpeg", upright_ref, JPEG_TOL)
# CMYK as Photoshop stores it (255 = no ink): C' = R, M' = G, Y' = B with K' = 255 (no black)
cmyk = b"".join(bytes(QUAD[quadrant(x, y)]) + b"\xff" for y in range(UH) for x in range(UW))
f = write("cmyk.jpg", jpeg("cmyk.jpg", UW, UH, 4, cmyk))
expect_photo("jpeg_cmyk", f, UW, UH, 1, "jpeg", upright_ref, JPEG_TOL)
# and with black ink: K' = 128 darkens every channel to v * 128 / 255
cmyk_k = b"".join(bytes(QUAD[quadrant(x, y)]) + b"\x80" for y in range(UH) for x in range(UW))
dark_rows = [b"".join(bytes((c * 128 + 127) // 255 for c in QUAD[quadrant(x, y)]) for x in range(UW))
             for y in range(UH)]
f = write("cmyk_black.jpg", jpeg("cmyk_black.jpg", UW, UH, 4, cmyk_k))
expect_photo("jpeg_cmyk_black_ink", f, UW, UH, 1, "jpeg", ref_png("ref_dark.png", UW, UH, dark_rows), JPEG_TOL)
gray = bytes(GRAYS[quadrant(x, y)] for y in range(UH) for x in range(UW))
gray_ref = ref_png("ref_gray.png", UW, UH,
                   [b"".join(bytes([GRAYS[quadrant(x, y)]] * 3) for x in range(UW)) for y in range(UH)])
f = write("gray.jpg", jpeg("gray.jpg", UW, UH, 1, gray))
expect_photo("jpeg_grayscale", f, UW, UH, 1, "jpeg", gray_ref, JPEG_TOL)

f = write("rgb16.png", png(UW, UH, [b"".join(struct.pack(">HHH", *(c * 257 for c in QUAD[quadrant(x, y)]))
                                              for x in range(UW)) for y in range(UH)], depth=16))
expect_photo("png_16bit_rgb", f, UW, UH, 1, "png", upright_ref, 1)
f = write("gray8.png", png(UW, UH, [gray[y * UW:(y + 1) * UW] for y in range(UH)], color_type=0))
expect_photo("png_gray8", f, UW, UH, 1, "png", gray_ref, 0)
f = write("gray16.png", png(UW, UH, [b"".join(struct.pack(">H", GRAYS[quadrant(x, y)] * 257) for x in range(UW))
                                     for y in range(UH)], color_type=0, depth=16))
expect_photo("png_gray16", f, UW, UH, 1, "png", gray_ref, 1)
plte = chunk(b"PLTE", b"".join(bytes(c) for c in QUAD))
f = write("palette.png", png(UW, UH, [bytes(quadrant(x, y) for x in range(UW)) for y in range(UH)],
                             color_type=3, extra=plte))
expect_photo("png_palette", f, UW, UH, 1, "png", upright_ref, 0)
f = write("interlaced.png", png(UW, UH, rows, interlace=True))
expect_photo("png_interlaced", f, UW, UH, 1, "png", upright_ref, 0)
f = write("interlaced_palette.png", png(UW, UH, [bytes(quadrant(x, y) for x in range(UW)) for y in range(UH)],
                                        color_type=3, interlace=True, extra=plte))
expect_photo("png_interlaced_palette", f, UW, UH, 1, "png", upright_ref, 0)

# extreme but valid sizes
one = [bytes((200, 100, 50))]
one_ref = ref_png("ref_1x1.png", 1, 1, one)
expect_photo("png_1x1", write("one.png", png(1, 1, one)), 1, 1, 1, "png", one_ref, 0)
expect_photo("jpeg_1x1", write("one.jpg", rgb_jpeg("one.jpg", 1, 1, one)), 1, 1, 1, "jpeg", one_ref, JPEG_TOL)
long_rows = flat_rows(20000, 100, (40, 120, 200))
long_ref = ref_png("ref_long.png", 20000, 100, long_rows)
expect_photo("png_20000x100", write("long.png", png(20000, 100, long_rows)), 20000, 100, 1, "png", long_ref, 0)
expect_photo("jpeg_20000x100", write("long.jpg", rgb_jpeg("long.jpg", 20000, 100, long_rows)), 20000, 100, 1,
             "jpeg", long_ref, JPEG_TOL)

# PNG bytes under a .jpg name: recognised by content
expect_photo("png_named_jpg", write("really_png.jpg", png(UW, UH, rows)), UW, UH, 1, "png", upright_ref, 0)

# ---- photos that must be refused ---------------------------------------------------

expect_error("zero_byte_jpg", write("zero.jpg", b""), "empty file")
expect_error("zero_byte_png", write("zero.png", b""), "empty file")
expect_error("text_named_jpg", write("notes.jpg", b"Client: J. Doe\nNotes: hairline at 7 cm\n"), "text")
expect_error("html_named_png", write("page.png", b"<!DOCTYPE html><html><body>404</body></html>\n"), "text")
good_png = png(UW, UH, rows)
# (info reads only the header, which is intact: it reports the size)
f = write("cut_idat.png", good_png[:len(good_png) - 30])
case("info", "png_truncated_in_idat", f, "ok", "-", UW, UH, 1, "png")
expect_error("png_truncated_in_idat", f, "truncated", ["render"])
expect_error("png_truncated_in_header", write("cut_header.png", good_png[:20]), "PNG")
expect_error("png_signature_only", write("sig.png", good_png[:8]), "PNG")
bad_crc = bytearray(good_png)
bad_crc[29] ^= 0xFF
expect_error("png_bad_ihdr_crc", write("bad_crc.png", bytes(bad_crc)), "PNG")
f = write("cut_scan.jpg", cut_in_scan(plain))
case("info", "jpeg_truncated_in_scan", f, "ok", "-", UW, UH, 1, "jpeg")
expect_error("jpeg_truncated_in_scan", f, "truncated", ["render"])
expect_error("jpeg_truncated_in_header", write("cut_header.jpg", plain[:40]), "JPEG")
expect_error("jpeg_soi_only", write("soi.jpg", b"\xff\xd8\xff"), "JPEG")
with open(path("progressive.jpg"), "rb") as fh:
    prog = fh.read()
f = write("cut_prog.jpg", cut_in_scan(prog))
case("info", "jpeg_progressive_truncated", f, "ok", "-", UW, UH, 1, "jpeg")
expect_error("jpeg_progressive_truncated", f, "truncated", ["render"])

# huge declared size in a tiny file: refused from the header, before any allocation
huge = bytearray(good_png)
huge[16:24] = struct.pack(">II", 60000, 60000)
huge[29:33] = struct.pack(">I", zlib.crc32(bytes(huge[12:29])) & 0xFFFFFFFF)
expect_error("png_huge_dimensions", write("huge.png", bytes(huge)),
             "60000x60000 pixels is over the 200-megapixel limit")
expect_error("jpeg_huge_dimensions", write("huge.jpg", set_jpeg_size(plain, 60000, 60000)),
             "60000x60000 pixels is over the 200-megapixel limit")
expect_error("jpeg_zero_width", write("zero_width.jpg", set_jpeg_size(plain, 0, 32)), "JPEG")

# ---- plans --------------------------------------------------------------------------

photo = write("photo.png", good_png)
photo_hash = "sha256:" + hashlib.sha256(good_png).hexdigest()


def plan(name, text):
    return write(name, text.encode() if isinstance(text, str) else text)


def plan_case(name, text, render, render_text="", info="ok", info_text="", named=""):
    """named: the file the render's message must name when it is not the plan (its photo)."""
    f = plan(name + ".smp", text)
    case("render", name, f, render, render_text or "-", *([named] if named else []))
    case("info", name, f, info, info_text or "-")


P = '{"smpview_plan": 1, "photo": {"path": "photo.png"}%s}'
plan_case("plan_minimal", P % "", "ok")
plan_case("plan_unknown_keys", P % ', "future": {"x": [1, {"y": null}]}, "dots": {"sparkle": true}', "ok")
plan_case("plan_region_missing_points", P % ', "regions": [{"kind": "treat"}]', "error",
          "regions[0].points: missing", "error", "regions[0].points: missing")
plan_case("plan_point_wrong_type", P % ', "hairline": {"points": [[1, "a"]]}', "error", "hairline.points[0]",
          "error", "hairline.points[0]")
plan_case("plan_seed_string", P % ', "seed": "one"', "error", "seed", "error", "seed")
plan_case("plan_sessions_fraction", P % ', "sessions": {"count": 3.5}', "error", "sessions.count",
          "error", "sessions.count")
plan_case("plan_stage_number", P % ', "stage": 4', "error", "stage", "error", "stage")
plan_case("plan_density_nan", P % ', "dots": {"density": NaN}', "error", "invalid JSON", "error", "invalid JSON")
plan_case("plan_density_infinity", P % ', "dots": {"density": -Infinity}', "error", "line 1, column",
          "error", "line 1, column")
plan_case("plan_density_1e999", P % ', "dots": {"density": 1e999}', "error", "dots.density",
          "error", "dots.density")
plan_case("plan_density_1e308", P % ', "dots": {"density": 1e308}', "error", "dots.density",
          "error", "dots.density")
plan_case("plan_point_huge", P % ', "scale": {"a": [1e300, 0], "b": [0, 0]}', "error", "scale.a",
          "error", "scale.a")
plan_case("plan_width_huge", '{"smpview_plan": 1, "photo": {"path": "photo.png", "width": 1e300}}', "error",
          "photo.width", "error", "photo.width")
plan_case("plan_seed_too_big", P % ', "seed": 4294967296', "error", "seed", "error", "seed")
plan_case("plan_long_number", P % (', "seed": 1' + "0" * 80), "error", "", "error", "")
plan_case("plan_nan_in_unknown_key", P % ', "future": NaN', "error", "invalid JSON", "error", "invalid JSON")
plan_case("plan_newer_version", '{"smpview_plan": 3, "photo": {"path": "photo.png"}, "dots": "???"}', "error",
          "format version 3 is newer than this smpview supports", "error", "format version 3 is newer")
plan_case("plan_version_1e999", '{"smpview_plan": 1e999}', "error", "smpview_plan", "error", "smpview_plan")
plan_case("plan_version_string", '{"smpview_plan": "1"}', "error", "smpview_plan", "error", "smpview_plan")
plan_case("plan_version_zero", '{"smpview_plan": 0}', "error", "smpview_plan", "error", "smpview_plan")
plan_case("plan_truncated", (P % ', "hairline": {"points": [[1, 2], [3, 4]]}')[:60], "error", "",
          "error", "")
plan_case("plan_deep_nesting", '{"smpview_plan": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}", "error", "",
          "error", "")
plan_case("plan_nul_byte", b'{"smpview_plan": 1,\0 "seed": 2}', "error", "", "error", "")
plan_case("plan_no_photo", '{"smpview_plan": 1}', "error", "names no photo")
plan_case("plan_photo_gone", '{"smpview_plan": 1, "photo": {"path": "gone.jpg"}}', "error", "cannot open",
          named=path("gone.jpg"))
plan_case("plan_photo_is_text", '{"smpview_plan": 1, "photo": {"path": "notes.jpg"}}', "error", "text",
          named=path("notes.jpg"))
# the photo was edited after planning (same size, other bytes): a warning, the render goes on
changed = png(UW, UH, flat_rows(UW, UH, (90, 90, 90)))
write("changed.png", changed)
plan_case("plan_photo_changed",
          '{"smpview_plan": 1, "photo": {"path": "changed.png", "hash": "%s", "width": %d, "height": %d}}'
          % (photo_hash, UW, UH), "warn", "content differs")
plan_case("plan_photo_resized",
          '{"smpview_plan": 1, "photo": {"path": "photo.png", "hash": "%s", "width": 640, "height": 320}}'
          % photo_hash, "warn", "640x320")
plan_case("plan_photo_same", '{"smpview_plan": 1, "photo": {"path": "photo.png", "hash": "%s", "width": %d, '
          '"height": %d}}' % (photo_hash, UW, UH), "ok")

with open(path("cases.tsv"), "w") as f:
    f.write("\n".join(cases) + "\n")
