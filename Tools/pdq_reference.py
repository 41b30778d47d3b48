#!/usr/bin/env python3
"""Pure numpy re-implementation of Meta's PDQ hash (ThreatExchange pdq/cpp),
emulating the float32 arithmetic order of the C++ reference so results are
bit-exact with the PyPI `pdqhash` package (which compiles that C++).

Usage:  python pdq_reference.py IMAGE...      (prints  hex,quality,path)
Image loading convention:  np.asarray(Image.open(p).convert("RGB"))  (uint8 HxWx3)
"""
import math
import sys

import numpy as np

F32 = np.float32
MIN_HASHABLE_DIM = 5
NUM_JAROSZ_XY_PASSES = 2


# ---------------------------------------------------------------- luma
def luma_from_rgb(rgb: np.ndarray) -> np.ndarray:
    """pdqhash (PyPI) does this in numpy float64, then casts to float32.
    (The C++ CLI does it in float32: 0.299f*R + 0.587f*G + 0.114f*B; the two
    can differ in the last float32 ulp, which essentially never flips a bit.)"""
    rgb = rgb.astype(np.float64)
    y = rgb[:, :, 0] * 0.299 + rgb[:, :, 1] * 0.587 + rgb[:, :, 2] * 0.114
    return y.astype(F32)


# ---------------------------------------------------------------- Jarosz
def jarosz_window_size(old_dim: int, new_dim: int = 64) -> int:
    # integer ceil(old_dim / (2*new_dim))
    return (old_dim + 2 * new_dim - 1) // (2 * new_dim)


def box1d_along_axis1(inp: np.ndarray, w: int) -> np.ndarray:
    """box1DFloat applied to every row of `inp` (vectorised over rows; the
    per-row float32 running sum is done in exactly the C++ order)."""
    n = inp.shape[1]
    out = np.empty_like(inp)
    half = (w + 2) // 2                      # 7->4, 8->5
    p1 = half - 1
    p2 = w - half + 1
    p3 = n - w
    p4 = half - 1
    s = np.zeros(inp.shape[0], dtype=F32)
    cnt = 0
    li = ri = oi = 0
    for _ in range(p1):                      # accumulate, no write
        s = s + inp[:, ri]; cnt += 1; ri += 1
    for _ in range(p2):                      # growing window, write
        s = s + inp[:, ri]; cnt += 1
        out[:, oi] = s / F32(cnt); ri += 1; oi += 1
    for _ in range(p3):                      # full window: add right, subtract left
        s = s + inp[:, ri]
        s = s - inp[:, li]
        out[:, oi] = s / F32(cnt); li += 1; ri += 1; oi += 1
    for _ in range(p4):                      # shrinking window, write
        s = s - inp[:, li]; cnt -= 1
        out[:, oi] = s / F32(cnt); li += 1; oi += 1
    return out


def jarosz_filter(luma: np.ndarray, win_along_rows: int, win_along_cols: int,
                  passes: int = NUM_JAROSZ_XY_PASSES) -> np.ndarray:
    buf = luma
    for _ in range(passes):
        buf = box1d_along_axis1(buf, win_along_rows)          # horizontal
        buf = box1d_along_axis1(buf.T.copy(), win_along_cols).T.copy()  # vertical
    return buf


def decimate(buf: np.ndarray, out_rows: int = 64, out_cols: int = 64) -> np.ndarray:
    in_rows, in_cols = buf.shape
    ri = [int(((i + 0.5) * in_rows) / out_rows) for i in range(out_rows)]
    ci = [int(((j + 0.5) * in_cols) / out_cols) for j in range(out_cols)]
    return buf[np.ix_(ri, ci)].astype(F32)


# ---------------------------------------------------------------- DCT
def dct_matrix() -> np.ndarray:
    scale = float(F32(math.sqrt(2.0 / 64.0)))     # stored as float in C++
    d = np.empty((16, 64), dtype=F32)
    for i in range(16):
        for j in range(64):
            d[i, j] = F32(scale * math.cos((math.pi / 2.0 / 64.0) * (i + 1) * (2 * j + 1)))
    return d


DCT = dct_matrix()


def dct64to16(a: np.ndarray) -> np.ndarray:
    """B = D A D^T, float32, sequential k-accumulation as in dct64To16."""
    t = np.zeros((16, 64), dtype=F32)
    for k in range(64):                           # T[i][j] += D[i][k]*A[k][j]
        t = t + DCT[:, k:k + 1] * a[k:k + 1, :]
    b = np.zeros((16, 16), dtype=F32)
    for k in range(64):                           # B[i][j] += T[i][k]*D[j][k]
        b = b + t[:, k:k + 1] * DCT[:, k][None, :]
    return b


# ---------------------------------------------------------------- quality
def quality_metric(b64: np.ndarray) -> int:
    def part(u, v):
        d = ((u - v) * F32(100)) / F32(255)        # float32 math
        return int(np.abs(np.trunc(d).astype(np.int64)).sum())  # (int) truncates toward 0
    g = part(b64[:-1, :], b64[1:, :]) + part(b64[:, :-1], b64[:, 1:])
    return min(g // 90, 100)


# ---------------------------------------------------------------- bits / hex
def torben_median(vals: np.ndarray) -> np.float32:
    # Torben's algorithm on 256 values always returns the lower median = sorted[127].
    return np.sort(vals.ravel())[(vals.size - 1) // 2]


def bits_from_dct(b16: np.ndarray) -> np.ndarray:
    med = torben_median(b16)
    return (b16 > med).astype(np.uint8)           # 16x16; bit index k = i*16 + j


def hex_from_bits(bits16x16: np.ndarray) -> str:
    n = 0
    for k, bit in enumerate(bits16x16.ravel()):    # k = row*16 + col
        if bit:
            n |= 1 << k
    return format(n, "064x")                      # == C++ Hash256::format() (w[15]..w[0], %04hx each)


# ---------------------------------------------------------------- top level
def pdq_from_luma(luma: np.ndarray):
    rows, cols = luma.shape
    if rows < MIN_HASHABLE_DIM or cols < MIN_HASHABLE_DIM:
        return "0" * 64, 0
    if rows == 64 and cols == 64:
        b64 = luma.astype(F32)
    else:
        filt = jarosz_filter(luma.astype(F32), jarosz_window_size(cols), jarosz_window_size(rows))
        b64 = decimate(filt)
    q = quality_metric(b64)
    return hex_from_bits(bits_from_dct(dct64to16(b64))), q


def pdq_from_rgb(rgb: np.ndarray):
    return pdq_from_luma(luma_from_rgb(rgb))


def pdq_from_path(path: str):
    from PIL import Image
    return pdq_from_rgb(np.asarray(Image.open(path).convert("RGB")))


if __name__ == "__main__":
    for p in sys.argv[1:]:
        h, q = pdq_from_path(p)
        print(f"{h},{q},{p}")
