#!/usr/bin/env python3
"""pngtool - image and plan checks for the UI replay tests, standard library only.

  pngtool.py make-photo OUT.png W H          a smooth skin-toned test photo
  pngtool.py make-big OUT.png W H            the same gradient, fast at any size
        (48 megapixels in about a second: each row is a slice of one long row)
  pngtool.py dotlayer-match GPU_AFTER GPU_BEFORE X Y CPU_AFTER CPU_BEFORE
        compares the dot layers (after - before, i.e. render minus photo) of a
        screenshot region at (X, Y) and a CPU render of the same size; prints
        "ratio=R mean_cpu=M" and exits 0 when the layers agree (R < 0.35) and
        the CPU layer is not empty, 1 otherwise.
  pngtool.py crop IN X Y W H OUT             writes that region of IN to OUT
  pngtool.py pixel IMG X Y                   prints "r g b"
  pngtool.py region-equal A AX AY B BX BY W H [TOL]   exit 0 when equal within TOL
  pngtool.py uniform IMG X Y W H R G B TOL   exit 0 when every pixel of the
        region is within TOL of (R, G, B); else prints the first one that is not
  pngtool.py find IMG X Y W H R G B TOL      exit 0 when some pixel of the region
        is within TOL of (R, G, B); prints how many are
  pngtool.py plan FILE EXPR                  evaluates EXPR with p = the plan JSON
"""
import json
import struct
import sys
import zlib


def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise SystemExit('%s: not a PNG' % path)
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
            if depth != 8 or interlace or ctype not in (2, 6):
                raise SystemExit('%s: only 8-bit RGB/RGBA non-interlaced PNG' % path)
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    out = bytearray(w * h * 3)
    prev = bytearray(stride)
    i = 0
    for y in range(h):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(w):
            out[(y * w + x) * 3:(y * w + x) * 3 + 3] = line[x * bpp:x * bpp + 3]
        prev = line
    return w, h, out


def write_png(path, w, h, rgb):
    raw = b''.join(b'\x00' + bytes(rgb[y * w * 3:(y + 1) * w * 3]) for y in range(h))
    def chunk(k, b):
        return struct.pack('>I', len(b)) + k + b + struct.pack('>I', zlib.crc32(k + b) & 0xffffffff)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
                           chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def make_photo(path, w, h):
    rgb = bytearray(w * h * 3)
    for y in range(h):
        for x in range(w):
            t = (x + y) / (w + h)
            rgb[(y * w + x) * 3:(y * w + x) * 3 + 3] = bytes((int(214 - 30 * t), int(170 - 25 * t), int(140 - 20 * t)))
    write_png(path, w, h, rgb)


def make_big(path, w, h):
    # colour at (x, y) depends on x + y only, as in make_photo
    base = bytearray()
    for i in range(w + h):
        t = i / (w + h)
        base += bytes((int(214 - 30 * t), int(170 - 25 * t), int(140 - 20 * t)))
    c = zlib.compressobj(1)
    idat = bytearray()
    for y in range(h):
        idat += c.compress(b'\x00' + bytes(base[y * 3:(y + w) * 3]))
    idat += c.flush()
    def chunk(k, b):
        return struct.pack('>I', len(b)) + k + b + struct.pack('>I', zlib.crc32(k + b) & 0xffffffff)
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
                           chunk(b'IDAT', bytes(idat)) + chunk(b'IEND', b''))


def layer(after, before, ax, ay, aw, bx, by, bw, w, h):
    out = []
    for y in range(h):
        for x in range(w):
            i = ((ay + y) * aw + ax + x) * 3
            j = ((by + y) * bw + bx + x) * 3
            out.append(sum(before[j + c] - after[i + c] for c in range(3)) / 3.0)
    return out


def blur(v, w, h):
    # 3x3 box: dots may land a pixel apart between the renderers' filters.
    out = [0.0] * len(v)
    for y in range(h):
        for x in range(w):
            s, n = 0.0, 0
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    xx, yy = x + dx, y + dy
                    if 0 <= xx < w and 0 <= yy < h:
                        s += v[yy * w + xx]
                        n += 1
            out[y * w + x] = s / n
    return out


def main(argv):
    cmd = argv[1]
    if cmd == 'make-photo':
        make_photo(argv[2], int(argv[3]), int(argv[4]))
    elif cmd == 'make-big':
        make_big(argv[2], int(argv[3]), int(argv[4]))
    elif cmd == 'crop':
        iw, ih, a = read_png(argv[2])
        x0, y0, w, h = map(int, argv[3:7])
        rows = [a[((y0 + y) * iw + x0) * 3:((y0 + y) * iw + x0 + w) * 3] for y in range(h)]
        write_png(argv[7], w, h, b''.join(bytes(r) for r in rows))
    elif cmd == 'pixel':
        w, h, p = read_png(argv[2])
        x, y = int(argv[3]), int(argv[4])
        print(*p[(y * w + x) * 3:(y * w + x) * 3 + 3])
    elif cmd == 'region-equal':
        aw, ah, a = read_png(argv[2])
        ax, ay = int(argv[3]), int(argv[4])
        bw, bh, b = read_png(argv[5])
        bx, by, w, h = map(int, argv[6:10])
        tol = int(argv[10]) if len(argv) > 10 else 0
        worst = 0
        for y in range(h):
            for x in range(w):
                i, j = ((ay + y) * aw + ax + x) * 3, ((by + y) * bw + bx + x) * 3
                worst = max(worst, max(abs(a[i + c] - b[j + c]) for c in range(3)))
        print('max_diff=%d' % worst)
        return 0 if worst <= tol else 1
    elif cmd == 'uniform':
        iw, ih, a = read_png(argv[2])
        x0, y0, w, h, r, g, b, tol = map(int, argv[3:11])
        for y in range(y0, y0 + h):
            for x in range(x0, x0 + w):
                px = a[(y * iw + x) * 3:(y * iw + x) * 3 + 3]
                if max(abs(px[0] - r), abs(px[1] - g), abs(px[2] - b)) > tol:
                    print('(%d, %d) is %d %d %d' % (x, y, *px))
                    return 1
        return 0
    elif cmd == 'find':
        iw, ih, a = read_png(argv[2])
        x0, y0, w, h, r, g, b, tol = map(int, argv[3:11])
        n = 0
        for y in range(y0, y0 + h):
            for x in range(x0, x0 + w):
                px = a[(y * iw + x) * 3:(y * iw + x) * 3 + 3]
                n += max(abs(px[0] - r), abs(px[1] - g), abs(px[2] - b)) <= tol
        print('found=%d' % n)
        return 0 if n else 1
    elif cmd == 'dotlayer-match':
        gw, gh, ga = read_png(argv[2])
        _, _, gb = read_png(argv[3])
        x0, y0 = int(argv[4]), int(argv[5])
        cw, ch, ca = read_png(argv[6])
        _, _, cb = read_png(argv[7])
        g = blur(layer(ga, gb, x0, y0, gw, x0, y0, gw, cw, ch), cw, ch)
        c = blur(layer(ca, cb, 0, 0, cw, 0, 0, cw, cw, ch), cw, ch)
        mean_c = sum(abs(v) for v in c) / len(c)
        mean_g = sum(abs(v) for v in g) / len(g)
        diff = sum(abs(a - b) for a, b in zip(g, c)) / len(c)
        ratio = diff / max(mean_c, mean_g, 1e-9)
        print('ratio=%.3f mean_cpu=%.3f mean_gpu=%.3f' % (ratio, mean_c, mean_g))
        return 0 if ratio < 0.35 and mean_c > 0.05 else 1
    elif cmd == 'plan':
        p = json.load(open(argv[2]))
        r = eval(argv[3], {'p': p, 'abs': abs, 'len': len})
        print(r)
        return 0 if r else 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
