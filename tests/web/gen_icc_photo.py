#!/usr/bin/env python3
"""gen_icc_photo.py - JPEGs with and without an ICC profile for the web test's
photo parity checks (tests/web/web_test.sh). Python stdlib only; MKJPEG
(tests/tools/mkjpeg.c) encodes, the profile is built and spliced in here.

The profile is an RGB matrix/curve profile whose "red" primary is sRGB's green
and whose "green" is sRGB's red (curves: sRGB's). Converted to sRGB (lcms2 on
the desktop, the browser's colour management in the page) the photo's red and
green trade places; read as if it had no profile they do not, so the copy
without the profile (plain.jpg) is the negative control.

    gen_icc_photo.py OUTDIR MKJPEG     writes OUTDIR/icc.jpg and OUTDIR/plain.jpg
"""
import os
import struct
import subprocess
import sys

W = H = 64
# sRGB's primaries adapted to D50 (Bradford), the profile connection space's white
SRGB_R, SRGB_G, SRGB_B = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)
D50 = (0.9642, 1.0, 0.8249)


def s15(v):
    return struct.pack(">i", round(v * 65536))


def xyz_tag(xyz):
    return b"XYZ \0\0\0\0" + b"".join(s15(v) for v in xyz)


def srgb_curve_tag(n=1024):
    def lin(v):
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    table = b"".join(struct.pack(">H", round(lin(i / (n - 1)) * 65535)) for i in range(n))
    return b"curv\0\0\0\0" + struct.pack(">I", n) + table


def desc_tag(text):
    a = text.encode() + b"\0"
    return b"desc\0\0\0\0" + struct.pack(">I", len(a)) + a + b"\0" * 8 + b"\0\0\0" + b"\0" * 67


def text_tag(text):
    return b"text\0\0\0\0" + text.encode() + b"\0"


def profile():
    curve = srgb_curve_tag()
    tags = [(b"desc", desc_tag("smpview test: red and green swapped")), (b"cprt", text_tag("no copyright")),
            (b"wtpt", xyz_tag(D50)), (b"rXYZ", xyz_tag(SRGB_G)), (b"gXYZ", xyz_tag(SRGB_R)),
            (b"bXYZ", xyz_tag(SRGB_B)), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table_size = 4 + 12 * len(tags)
    at, entries, body, placed = 128 + table_size, b"", b"", {}
    for sig, data in tags:
        if data not in placed:  # the three curves share one element
            placed[data] = at + len(body)
            body += data + b"\0" * (-len(data) % 4)
        entries += sig + struct.pack(">II", placed[data], len(data))
    size = 128 + table_size + len(body)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ " +
              struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 24 + struct.pack(">I", 0) +
              b"".join(s15(v) for v in D50) + b"\0" * 48)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + entries + body


def pixels():
    """A smooth field where red and green differ everywhere but on the diagonal."""
    return b"".join(bytes((x * 4, y * 4, 96)) for y in range(H) for x in range(W))


def with_icc(jpeg, icc):
    seg = b"ICC_PROFILE\0\x01\x01" + icc
    at = 4 + struct.unpack(">H", jpeg[4:6])[0]  # after SOI and mkjpeg's JFIF APP0
    return jpeg[:at] + b"\xff\xe2" + struct.pack(">H", len(seg) + 2) + seg + jpeg[at:]


def main():
    out, mkjpeg = sys.argv[1], sys.argv[2]
    raw, plain = os.path.join(out, "icc.rgb"), os.path.join(out, "plain.jpg")
    with open(raw, "wb") as f:
        f.write(pixels())
    subprocess.run([mkjpeg, raw, plain, str(W), str(H), "3"], check=True)
    os.remove(raw)
    with open(plain, "rb") as f:
        data = f.read()
    with open(os.path.join(out, "icc.jpg"), "wb") as f:
        f.write(with_icc(data, profile()))


if __name__ == "__main__":
    main()
