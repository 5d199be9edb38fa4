#!/usr/bin/env python3
"""Writes the app icons (src/web/icon-192.png, icon-512.png): Autodesk blue with a white "A", drawn with
plain zlib so no imaging library is needed. Run again only to change the icons."""
import pathlib, struct, zlib

def png(size):
    blue, white = (6, 150, 215), (255, 255, 255)
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            u, v = x / size, y / size
            # An "A": two slanted strokes and a bar, inside a 20% margin.
            left = abs((u - 0.5) + (v - 0.2) * 0.45) < 0.06 and 0.2 < v < 0.8
            right = abs((u - 0.5) - (v - 0.2) * 0.45) < 0.06 and 0.2 < v < 0.8
            bar = 0.55 < v < 0.63 and abs(u - 0.5) < (v - 0.2) * 0.45
            row += bytes(white if (left or right or bar) else blue)
        rows.append(bytes(row))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")

out = pathlib.Path(__file__).resolve().parent.parent / "src" / "web"
for size in (192, 512):
    (out / f"icon-{size}.png").write_bytes(png(size))
    print(f"wrote icon-{size}.png")
