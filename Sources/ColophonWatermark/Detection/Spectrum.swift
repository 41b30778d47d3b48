import Foundation

/// The power spectrum the detector finds the template in: the largest centred square of the
/// whitened image up to 1024 pixels a side, area-resampled to 512 (or 256) samples — the
/// template lies below a quarter cycle per pixel, so halving keeps it while the frequency
/// resolution stays that of the whole square — Hann-windowed, and divided by its mean over each
/// ring of equal radius, so a peak's height means the same at every frequency.
struct Spectrum {
    /// Samples per side.
    let size: Int
    /// The square's side in image pixels: bin (x, y) from the centre is (x, y) / extent cycles
    /// per pixel.
    let extent: Int
    /// Normalised power, centred (DC at (size/2, size/2)), row-major.
    let power: [Float]

    init?(_ signal: Plane) {
        let extent = min(signal.width, signal.height, 1024)
        guard extent >= 256 else { return nil }
        let size = extent >= 512 ? 512 : 256
        self.extent = extent
        self.size = size
        let top = (signal.height - extent) / 2
        let left = (signal.width - extent) / 2
        let window = (0..<size).map { Float(0.5 - 0.5 * cos(2 * Double.pi * (Double($0) + 0.5) / Double(size))) }
        var real = Self.resampled(signal, top: top, left: left, extent: extent, size: size)
        for row in 0..<size {
            for column in 0..<size { real[row * size + column] *= window[row] * window[column] }
        }
        var imaginary = [Float](repeating: 0, count: size * size)
        FFT(size: size).transform2D(&real, &imaginary)
        var power = [Float](repeating: 0, count: size * size)
        let half = size / 2
        var ringSum = [Double](repeating: 0, count: size)
        var ringCount = [Double](repeating: 0, count: size)
        var ring = [Int](repeating: 0, count: size * size)
        for y in 0..<size {
            for x in 0..<size {
                let source = ((y + half) % size) * size + (x + half) % size
                let value = real[source] * real[source] + imaginary[source] * imaginary[source]
                let radius = Int(Double((x - half) * (x - half) + (y - half) * (y - half)).squareRoot().rounded())
                power[y * size + x] = value
                ring[y * size + x] = radius
                ringSum[radius] += Double(value)
                ringCount[radius] += 1
            }
        }
        for index in power.indices {
            let radius = ring[index]
            power[index] = Float(Double(power[index]) / (ringSum[radius] / max(ringCount[radius], 1) + 1e-30))
        }
        self.power = power
    }

    /// The square of side `extent` at (`top`, `left`), area-averaged to `size` × `size`:
    /// 2 × 2 means when the square is twice the size (the usual case), fractional cell coverage
    /// otherwise.
    static func resampled(_ signal: Plane, top: Int, left: Int, extent: Int, size: Int) -> [Float] {
        var out = [Float](repeating: 0, count: size * size)
        signal.values.withUnsafeBufferPointer { values in
            if extent == size {
                for row in 0..<size {
                    for column in 0..<size {
                        out[row * size + column] = values[(top + row) * signal.width + left + column]
                    }
                }
            } else if extent == 2 * size {
                for row in 0..<size {
                    let upper = (top + 2 * row) * signal.width + left
                    let lower = upper + signal.width
                    for column in 0..<size {
                        out[row * size + column] =
                            0.25
                            * (values[upper + 2 * column] + values[upper + 2 * column + 1] + values[lower + 2 * column]
                                + values[lower + 2 * column + 1])
                    }
                }
            } else {
                let weights = areaWeights(from: extent, to: size)
                var across = [Float](repeating: 0, count: extent * size)
                for row in 0..<extent {
                    let base = (top + row) * signal.width + left
                    for (index, taps) in weights.enumerated() {
                        var sum: Float = 0
                        for (column, weight) in taps { sum += weight * values[base + column] }
                        across[row * size + index] = sum
                    }
                }
                for (index, taps) in weights.enumerated() {
                    for column in 0..<size {
                        var sum: Float = 0
                        for (row, weight) in taps { sum += weight * across[row * size + column] }
                        out[index * size + column] = sum
                    }
                }
            }
        }
        return out
    }

    /// For each of `to` equal cells over `from` samples, the samples it covers and the share of
    /// each (fractions at the edges), normalised to an average.
    static func areaWeights(from: Int, to: Int) -> [[(Int, Float)]] {
        let scale = Double(from) / Double(to)
        return (0..<to).map { cell in
            let start = Double(cell) * scale
            let end = Double(cell + 1) * scale
            var taps: [(Int, Float)] = []
            var sample = Int(start.rounded(.down))
            while sample < min(Int(end.rounded(.up)), from) {
                let covered = min(end, Double(sample + 1)) - max(start, Double(sample))
                if covered > 0 { taps.append((sample, Float(covered / scale))) }
                sample += 1
            }
            return taps
        }
    }

    /// The power at a fractional position from the centre (bilinear); 1 (the normalised mean)
    /// outside.
    func value(x: Double, y: Double, in plane: [Float]? = nil) -> Float {
        let values = plane ?? power
        let px = x + Double(size / 2)
        let py = y + Double(size / 2)
        let x0 = Int(px.rounded(.down))
        let y0 = Int(py.rounded(.down))
        guard x0 >= 0, y0 >= 0, x0 < size - 1, y0 < size - 1 else { return 1 }
        let fx = Float(px - Double(x0))
        let fy = Float(py - Double(y0))
        let base = y0 * size + x0
        return values[base] * (1 - fx) * (1 - fy) + values[base + 1] * fx * (1 - fy)
            + values[base + size] * (1 - fx) * fy + values[base + size + 1] * fx * fy
    }

    /// Each value replaced by the largest of its 3 × 3 neighbourhood (wrapping at the edges):
    /// the maximum across, then down.
    func dilated() -> [Float] {
        var across = power
        for y in 0..<size {
            let base = y * size
            for x in 0..<size {
                let left = power[base + (x + size - 1) % size]
                let right = power[base + (x + 1) % size]
                across[base + x] = max(power[base + x], max(left, right))
            }
        }
        var out = across
        for y in 0..<size {
            let up = ((y + size - 1) % size) * size
            let down = ((y + 1) % size) * size
            let base = y * size
            for x in 0..<size { out[base + x] = max(across[base + x], max(across[up + x], across[down + x])) }
        }
        return out
    }
}
