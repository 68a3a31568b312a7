#!/usr/bin/env python3
"""Writes the tiny PNGs of tests/core/image (palette + tRNS, gray + alpha, 1-bit gray) byte by byte,
so that their stored values are exactly the ones the tests expect. Run from this folder."""
import struct
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body) & 0xFFFFFFFF)


def png(path, width, height, bit_depth, color_type, rows, extra=b''):
    raw = b''.join(b'\x00' + row for row in rows)  # filter type 0 per row
    data = b'\x89PNG\r\n\x1a\n'
    data += chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, bit_depth, color_type, 0, 0, 0))
    data += extra
    data += chunk(b'IDAT', zlib.compress(raw, 9))
    data += chunk(b'IEND', b'')
    open(path, 'wb').write(data)


# Palette (colour type 3) with tRNS: entry 4 is half transparent, entry 5 fully transparent.
palette = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255), (128, 64, 32), (10, 20, 30)]
plte = chunk(b'PLTE', bytes(c for rgb in palette for c in rgb))
trns = chunk(b'tRNS', bytes([255, 255, 255, 255, 128, 0]))
png('palette_alpha_3x2.png', 3, 2, 8, 3, [bytes([0, 1, 2]), bytes([3, 4, 5])], plte + trns)

# Gray + alpha (colour type 4), 8 bit: (gray, alpha) pairs.
png('gray_alpha_3x2.png', 3, 2, 8, 4, [bytes([10, 255, 90, 128, 200, 0]), bytes([255, 255, 0, 255, 77, 10])])

# 1-bit gray (colour type 0): row 0 = 0 1 1, row 1 = 1 1 0 (bits packed MSB first).
png('gray1_3x2.png', 3, 2, 1, 0, [bytes([0b01100000]), bytes([0b11000000])])
