#!/usr/bin/env python3
"""An independent decoder for Colophon's watermark, org.colophon.watermark.1, written from
docs/watermark.md with numpy alone (no code shared with the Swift detector).

    python3 Tools/watermark_reference.py IMAGE...     prints one JSON line per image

Each line: {"file", "found", "id" (16 hex digits or null), "correctedBits", "templateScore",
"hypotheses", "scale", "rotationDegrees"}. Images are read with Pillow and converted to RGB (alpha ignored,
as the scheme ignores it).
"""
import hashlib
import json
import math
import sys
import zlib

import numpy as np

TILE = 128
CHIP = 4
CHIPS_PER_SIDE = TILE // CHIP
CHIPS = CHIPS_PER_SIDE * CHIPS_PER_SIDE
FRAME_BITS = 104
CODED_BITS = 3 * FRAME_BITS
VERSION = 1
GENERATORS = (0o557, 0o663, 0o711)
CONSTRAINT = 9
TEMPLATE_SHARE = 0.35
CHIP_KERNEL = np.array([1, 2, 3, 4, 3, 2, 1], dtype=np.float64) / 16.0
SCALES = (0.45, 1.65)
MAX_ROTATION = 8.0
MIN_SIDE = 256
MAX_REGION = 2048
CLIMB_BELOW, CLIMB_WINDOW, CLIMB_EVALUATIONS, LOCKED_ENERGY = 768, 384, 120, 3.0


# -------------------------------------------------------------- §2 the scheme's random streams
def stream(label, count):
    out = bytearray()
    block = 0
    while len(out) < count:
        out += hashlib.sha256(b"colophon-wm/1/" + label.encode() + b"/" + block.to_bytes(4, "big")).digest()
        block += 1
    return bytes(out[:count])


def words(label, count):
    return np.frombuffer(stream(label, 4 * count), dtype=">u4").astype(np.int64)


def bits(label, count):
    return np.unpackbits(np.frombuffer(stream(label, (count + 7) // 8), dtype=np.uint8))[:count].astype(np.int64)


def order(label, count):
    return np.lexsort((np.arange(count), words(label, count)))


# -------------------------------------------------------------- §3 the tile's layout
def template_layout():
    candidates = []
    for k in range(0, 13):
        for l in range(-12, 13):
            if not (k > 0 or (k == 0 and l > 0)):
                continue
            if 5 <= math.hypot(k, l) <= 12 and math.gcd(k, l) == 1:
                candidates.append((k, l))
    chosen = []
    for index in order("template-order", len(candidates)):
        k, l = candidates[index]
        turned = (l, -k) if (l > 0 or (l == 0 and -k > 0)) else (-l, k)
        if turned in chosen:
            continue
        chosen.append((k, l))
        if len(chosen) == 16:
            break
    phases = words("template-phases", len(chosen)) / 2**32 * 2 * math.pi
    return np.array(chosen), phases


FREQUENCIES, PHASES = template_layout()
SLOT_CHIP = order("chip-order", CHIPS)
SLOT_SIGN = 1 - 2 * bits("payload-signs", CHIPS)
SLOT_BIT = np.arange(CHIPS) % CODED_BITS
WHITENING = bits("whitening", FRAME_BITS)


def template_tile():
    u = np.arange(TILE)
    tile = np.zeros((TILE, TILE))
    for (k, l), phase in zip(FREQUENCIES, PHASES):
        tile += np.cos(2 * np.pi * (k * u[None, :] + l * u[:, None]) / TILE + phase)
    return tile / np.sqrt(np.mean(tile * tile))


TEMPLATE = template_tile()
_U = np.arange(TILE)
# e^{-2πi (k u + l v)/T} for each template frequency: the fold's coefficients there.
TEMPLATE_BASIS = np.array([np.exp(-2j * np.pi * (k * _U[None, :] + l * _U[:, None]) / TILE) for k, l in FREQUENCIES])


def smooth(tile):
    out = np.zeros_like(tile)
    for i, w in enumerate(CHIP_KERNEL):
        out += w * np.roll(tile, i - 3, axis=1)
    result = np.zeros_like(out)
    for i, w in enumerate(CHIP_KERNEL):
        result += w * np.roll(out, i - 3, axis=0)
    return result


# -------------------------------------------------------------- §4 the frame and the code
def encode(info):
    mask = (1 << (CONSTRAINT - 1)) - 1
    state = 0
    for b in info[-(CONSTRAINT - 1):]:
        state = ((state << 1) | int(b)) & mask
    out = []
    for b in info:
        register = (state << 1) | int(b)
        out += [bin(register & g).count("1") & 1 for g in GENERATORS]
        state = register & mask
    return np.array(out, dtype=np.int64)


def trellis():
    states = 1 << (CONSTRAINT - 1)
    pred = np.zeros((states, 2), dtype=np.int64)
    outs = np.zeros((states, 2, 3))
    for target in range(states):
        bit = target & 1
        sources = [s for s in range(states) if ((s << 1) | bit) & (states - 1) == target]
        for slot, source in enumerate(sources):
            register = (source << 1) | bit
            pred[target, slot] = source
            outs[target, slot] = [1 - 2 * (bin(register & g).count("1") & 1) for g in GENERATORS]
    return pred, outs


PRED, OUTS = trellis()


def viterbi(soft):
    """Tail-biting: three turns of the circular trellis, the middle one kept. soft > 0 means 0."""
    n = len(soft) // 3
    received = np.tile(soft.reshape(-1, 3), (3, 1))
    metric = np.zeros(len(PRED))
    back = np.zeros((len(received), len(PRED)), dtype=np.int64)
    for step, values in enumerate(received):
        m0 = metric[PRED[:, 0]] + OUTS[:, 0] @ values
        m1 = metric[PRED[:, 1]] + OUTS[:, 1] @ values
        choose = m1 > m0
        metric = np.where(choose, m1, m0)
        metric -= metric.max()
        back[step] = np.where(choose, PRED[:, 1], PRED[:, 0])
    state = int(np.argmax(metric))
    decoded = np.zeros(len(received), dtype=np.int64)
    for step in range(len(received) - 1, -1, -1):
        decoded[step] = state & 1
        state = back[step, state]
    return decoded[n:2 * n]


def payload(frame_bits):
    data = np.packbits((frame_bits ^ WHITENING).astype(np.uint8)).tobytes()
    if data[8] != VERSION or zlib.crc32(data[:9]) != int.from_bytes(data[9:13], "big"):
        return None
    return data[:8].hex()


# -------------------------------------------------------------- §5 detection
def box_mean(plane, radius):
    padded = np.pad(plane, radius, mode="edge")
    cum = np.pad(np.cumsum(np.cumsum(padded, axis=0), axis=1), ((1, 0), (1, 0)))
    n = 2 * radius + 1
    total = cum[n:, n:] - cum[:-n, n:] - cum[n:, :-n] + cum[:-n, :-n]
    return total / (n * n)


def whiten(rgb):
    rgb = rgb.astype(np.float64)
    luma = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]
    residual = luma - box_mean(luma, 3)
    return residual / (np.sqrt(np.maximum(box_mean(residual * residual, 4), 0)) + 1)


def area_matrix(source, target):
    scale = source / target
    m = np.zeros((target, source))
    for i in range(target):
        start, end = i * scale, (i + 1) * scale
        for j in range(int(math.floor(start)), min(int(math.ceil(end)), source)):
            covered = min(end, j + 1) - max(start, j)
            if covered > 0:
                m[i, j] = covered / scale
    return m


def spectrum(signal):
    h, w = signal.shape
    extent = min(h, w, 1024)
    size = 512 if extent >= 512 else 256
    top, left = (h - extent) // 2, (w - extent) // 2
    region = signal[top:top + extent, left:left + extent]
    if extent == 2 * size:
        region = 0.25 * (region[0::2, 0::2] + region[0::2, 1::2] + region[1::2, 0::2] + region[1::2, 1::2])
    elif extent != size:
        m = area_matrix(extent, size)
        region = m @ region @ m.T
    window = 0.5 - 0.5 * np.cos(2 * np.pi * (np.arange(size) + 0.5) / size)
    power = np.abs(np.fft.fft2(region * np.outer(window, window))) ** 2
    power = np.fft.fftshift(power)
    offsets = np.arange(size) - size // 2
    ring = np.floor(np.hypot(offsets[:, None], offsets[None, :]) + 0.5).astype(np.int64)
    ring_mean = np.bincount(ring.ravel(), weights=power.ravel()) / np.maximum(np.bincount(ring.ravel()), 1)
    return power / (ring_mean[ring] + 1e-30), extent


def sample(plane, x, y):
    size = plane.shape[0]
    px, py = x + size // 2, y + size // 2
    x0, y0 = np.floor(px).astype(np.int64), np.floor(py).astype(np.int64)
    inside = (x0 >= 0) & (y0 >= 0) & (x0 < size - 1) & (y0 < size - 1)
    x0c, y0c = np.clip(x0, 0, size - 2), np.clip(y0, 0, size - 2)
    fx, fy = px - x0, py - y0
    value = (plane[y0c, x0c] * (1 - fx) * (1 - fy) + plane[y0c, x0c + 1] * fx * (1 - fy)
             + plane[y0c + 1, x0c] * (1 - fx) * fy + plane[y0c + 1, x0c + 1] * fx * fy)
    return np.where(inside, value, 1.0)


def dilate(plane):
    across = np.maximum(plane, np.maximum(np.roll(plane, 1, axis=1), np.roll(plane, -1, axis=1)))
    return np.maximum(across, np.maximum(np.roll(across, 1, axis=0), np.roll(across, -1, axis=0)))


def log_vertex(a, b, c):
    a, b, c = math.log(max(a, 1e-9)), math.log(b), math.log(max(c, 1e-9))
    curvature = a - 2 * b + c
    return 0.0 if curvature >= 0 else 0.5 * (a - c) / curvature


def lattice(power, extent):
    """The map from tile to image pixels (2x2), from the template's spectral peaks."""
    dilated = dilate(power)
    k, l = FREQUENCIES[:, 0].astype(np.float64), FREQUENCIES[:, 1].astype(np.float64)
    low, high = math.log(SCALES[0]), math.log(SCALES[1])
    steps = int(math.ceil((high - low) / 0.01))
    best = (-math.inf, 1.0, 0.0)
    for step in range(steps):
        scale = math.exp(low + 0.01 * step)
        spacing = extent / (scale * TILE)
        for angle_step in range(int(round(2 * MAX_ROTATION / 0.5)) + 1):
            angle = math.radians(-MAX_ROTATION + 0.5 * angle_step)
            c, s = math.cos(angle), math.sin(angle)
            values = sample(dilated, spacing * (c * k - s * l), spacing * (s * k + c * l))
            score = float(np.sum(np.log(np.maximum(values, 1e-30))))
            if score > best[0]:
                best = (score, scale, angle)
    _, scale, angle = best
    coarse = scale * np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    mapping = coarse
    size = power.shape[0]
    centre = size / 2
    for _ in range(2):
        to_frequency = (extent / TILE) * np.linalg.inv(mapping).T
        rows, targets, weights = [], [], []
        for kk, ll in FREQUENCIES:
            fx, fy = to_frequency @ np.array([kk, ll], dtype=np.float64)
            x, y = int(round(centre + fx)), int(round(centre + fy))
            if not (3 <= x < size - 3 and 3 <= y < size - 3):
                continue
            patch = power[y - 2:y + 3, x - 2:x + 3]
            j = int(np.argmax(patch))
            py, px = y - 2 + j // 5, x - 2 + j % 5
            peak = power[py, px]
            if peak < 4:
                continue
            ox = log_vertex(power[py, px - 1], peak, power[py, px + 1])
            oy = log_vertex(power[py - 1, px], peak, power[py + 1, px])
            rows.append((kk, ll))
            targets.append((px + ox - centre, py + oy - centre))
            weights.append(math.log(peak))
        if len(rows) < 6:
            break
        root = np.sqrt(np.array(weights))[:, None]
        solution, *_ = np.linalg.lstsq(np.array(rows, dtype=np.float64) * root, np.array(targets) * root, rcond=None)
        mapping = np.linalg.inv(((TILE / extent) * solution.T).T)
    return coarse, mapping


def fold(signal, to_tile, rows, columns, step=1, averaged=True):
    ys = np.arange(rows[0], rows[1], step)
    xs = np.arange(columns[0], columns[1], step)
    grid_x, grid_y = np.meshgrid(xs, ys)
    u = np.mod(to_tile[0, 0] * grid_x + to_tile[0, 1] * grid_y, TILE)
    v = np.mod(to_tile[1, 0] * grid_x + to_tile[1, 1] * grid_y, TILE)
    iu = np.minimum(np.floor(u).astype(np.int64), TILE - 1)
    iv = np.minimum(np.floor(v).astype(np.int64), TILE - 1)
    fu, fv = u - iu, v - iv
    values = signal[grid_y, grid_x].ravel()
    total = np.zeros(TILE * TILE)
    weight = np.zeros(TILE * TILE)
    for du, dv, w in ((0, 0, (1 - fu) * (1 - fv)), (1, 0, fu * (1 - fv)), (0, 1, (1 - fu) * fv), (1, 1, fu * fv)):
        index = (((iv + dv) % TILE) * TILE + (iu + du) % TILE).ravel()
        total += np.bincount(index, weights=w.ravel() * values, minlength=TILE * TILE)
        weight += np.bincount(index, weights=w.ravel(), minlength=TILE * TILE)
    if not averaged:
        return total.reshape(TILE, TILE)
    return (total / np.maximum(weight, 1e-9)).reshape(TILE, TILE)


def template_offset(folded):
    u = np.arange(TILE)
    surface = np.zeros((TILE, TILE))
    for (k, l), phase in zip(FREQUENCIES, PHASES):
        coefficient = np.sum(folded * np.exp(-2j * np.pi * (k * u[None, :] + l * u[:, None]) / TILE))
        psi = math.atan2(coefficient.imag, coefficient.real) - phase
        surface += np.cos(psi + 2 * np.pi * ((k * u[None, :] + l * u[:, None]) % TILE) / TILE)
    best = int(np.argmax(surface))
    row, column = divmod(best, TILE)

    def parabola(a, b, c):
        curvature = a - 2 * b + c
        return 0.0 if curvature >= 0 else 0.5 * (a - c) / curvature
    dy = parabola(surface[(row - 1) % TILE, column], surface[row, column], surface[(row + 1) % TILE, column])
    dx = parabola(surface[row, (column - 1) % TILE], surface[row, column], surface[row, (column + 1) % TILE])
    score = (surface[row, column] - surface.mean()) / (surface.std() + 1e-12)
    return row + dy, column + dx, score


def refine(signal, to_tile):
    h, w = signal.shape
    points = []
    for block_row in range(3):
        for block_column in range(3):
            rows = (block_row * h // 3, (block_row + 1) * h // 3)
            columns = (block_column * w // 3, (block_column + 1) * w // 3)
            row, column, score = template_offset(fold(signal, to_tile, rows, columns, step=2))
            if score < 4.0:
                continue
            points.append(((columns[0] + columns[1] - 1) / 2, (rows[0] + rows[1] - 1) / 2, column, row, score))
    if len(points) < 4:
        return to_tile
    points = np.array(points)
    reference = points[int(np.argmax(points[:, 4]))]
    offsets = reference[2:4] + np.mod(points[:, 2:4] - reference[2:4] + TILE / 2, TILE) - TILE / 2
    design = np.column_stack([points[:, 0], points[:, 1], np.ones(len(points))])
    weights = points[:, 4]
    normal = design.T @ (design * weights[:, None])
    try:
        solution = np.linalg.solve(normal, design.T @ (offsets * weights[:, None]))
    except np.linalg.LinAlgError:
        return to_tile
    return to_tile - solution[:2].T


def climb(signal, to_tile):
    """A small image's lattice: pattern search for the greatest template energy."""
    h, w = signal.shape
    height, width = min(h, CLIMB_WINDOW), min(w, CLIMB_WINDOW)
    rows = ((h - height) // 2, (h - height) // 2 + height)
    columns = ((w - width) // 2, (w - width) // 2 + width)
    samples = signal[rows[0]:rows[1]:2, columns[0]:columns[1]:2].astype(np.float64)
    unit = len(FREQUENCIES) * math.sqrt(math.pi * float(np.sum(samples * samples))) / 2 + 1e-12

    def energy(candidate):
        folded = fold(signal, candidate, rows, columns, step=2, averaged=False)
        return float(np.sum(np.abs(np.tensordot(TEMPLATE_BASIS, folded, axes=([1, 2], [0, 1]))))) / unit

    best, best_energy, evaluations, step = to_tile.copy(), energy(to_tile), 1, 0.004
    while step >= 0.0005 and evaluations < CLIMB_EVALUATIONS:
        improved = False
        size = np.max(np.abs(best)) * step
        for i, j in ((0, 0), (0, 1), (1, 0), (1, 1)):
            for sign in (1.0, -1.0):
                candidate = best.copy()
                candidate[i, j] += sign * size
                candidate_energy = energy(candidate)
                evaluations += 1
                if candidate_energy > best_energy:
                    best, best_energy, improved = candidate, candidate_energy, True
                    break
        if not improved:
            step /= 2
    return best, best_energy


def bit_sums(aligned):
    cleaned = aligned - TEMPLATE * np.sum(aligned * TEMPLATE) / np.sum(TEMPLATE * TEMPLATE)
    chips = smooth(cleaned).reshape(CHIPS_PER_SIDE, CHIP, CHIPS_PER_SIDE, CHIP).sum(axis=(1, 3)).ravel()
    sums = np.zeros(CODED_BITS)
    np.add.at(sums, SLOT_BIT, SLOT_SIGN * chips[SLOT_CHIP])
    return sums


def decode(signal, to_tile, hypotheses):
    h, w = signal.shape
    folded = fold(signal, to_tile, (0, h), (0, w))
    row, column, score = template_offset(folded)
    shift = (int(round(row)) % TILE, int(round(column)) % TILE)
    soft = bit_sums(np.roll(folded, (-shift[0], -shift[1]), axis=(0, 1)))
    soft = 2 * soft / (soft.std() + 1e-12)
    decoded = viterbi(soft)
    mapping = np.linalg.inv(to_tile)
    found = payload(decoded)
    return {
        "found": found is not None,
        "id": found,
        "correctedBits": int(np.sum((soft < 0).astype(np.int64) != encode(decoded))),
        "templateScore": float(score),
        "hypotheses": hypotheses,
        "scale": float(math.sqrt(abs(np.linalg.det(mapping)))),
        "rotationDegrees": math.degrees(math.atan2(mapping[1, 0], mapping[0, 0])),
    }


def detect(rgb):
    """Hypothesis 1: the lattice from the template's peaks, refined. Hypothesis 2, if that fails
    and was not already the unmoved lattice: the identity."""
    result = {"found": False, "id": None, "correctedBits": 0, "templateScore": 0.0, "hypotheses": 0,
              "scale": None, "rotationDegrees": None}
    h, w = rgb.shape[:2]
    if h < MIN_SIDE or w < MIN_SIDE:
        return result
    # The centred region of at most MAX_REGION a side.
    top, left = (h - min(h, MAX_REGION)) // 2, (w - min(w, MAX_REGION)) // 2
    rgb = rgb[top:top + min(h, MAX_REGION), left:left + min(w, MAX_REGION)]
    h, w = rgb.shape[:2]
    signal = whiten(rgb)
    power, extent = spectrum(signal)
    coarse, fitted = lattice(power, extent)
    small = min(h, w) < CLIMB_BELOW
    best = None
    for start in ((fitted, coarse) if small else (fitted,)):
        to_tile = np.linalg.inv(start)
        for _ in range(2):
            to_tile = refine(signal, to_tile)
        if not small:
            best = (to_tile, 0.0)
            break
        climbed = climb(signal, to_tile)
        if best is None or climbed[1] > best[1]:
            best = climbed
        if climbed[1] >= LOCKED_ENERGY:
            break
    to_tile = best[0]
    candidates = [to_tile]
    if np.max(np.abs(to_tile - np.eye(2))) >= 0.1 / TILE:
        candidates.append(np.eye(2))
    for number, candidate in enumerate(candidates, start=1):
        result = decode(signal, candidate, number)
        if result["found"]:
            break
    return result


def main(paths):
    from PIL import Image
    for path in paths:
        rgb = np.asarray(Image.open(path).convert("RGB"))
        print(json.dumps({"file": path, **detect(rgb)}), flush=True)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1:])
