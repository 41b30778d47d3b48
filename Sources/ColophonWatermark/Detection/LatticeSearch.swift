import Foundation

/// Finds how the tile lattice sits in an image — its scale and rotation, as the linear map from
/// tile pixels to image pixels — from the template's peaks in the power spectrum: a coarse
/// search over scale and angle scoring the (dilated) power at the 16 predicted peaks, then a
/// least-squares fit of the map to the peaks found near their predicted places.
enum LatticeSearch {
    /// The map from tile to image pixels — the coarse search's similarity and the map fitted to
    /// the peaks from it (the same when too few peaks stand out) — and the coarse score.
    static func find(in spectrum: Spectrum) -> (coarse: Matrix2, map: Matrix2, score: Double)? {
        let layout = TileLayout.shared
        let dilated = spectrum.dilated()
        let extent = Double(spectrum.extent)
        let tile = Double(WatermarkScheme.tile)
        var best = (score: -Double.infinity, scale: 1.0, angle: 0.0)
        let logLow = log(WatermarkScheme.scaleRange.lowerBound)
        let logHigh = log(WatermarkScheme.scaleRange.upperBound)
        let steps = Int(((logHigh - logLow) / 0.01).rounded(.up))
        let angleSteps = Int((2 * WatermarkScheme.maxRotationDegrees / 0.5).rounded()) + 1
        for step in 0..<steps {
            let scale = exp(logLow + 0.01 * Double(step))
            let spacing = extent / (scale * tile)
            for angleStep in 0..<angleSteps {
                let angle = (-WatermarkScheme.maxRotationDegrees + 0.5 * Double(angleStep)) * Double.pi / 180
                let (cosine, sine) = (cos(angle), sin(angle))
                var score = 0.0
                for frequency in layout.frequencies {
                    let k = Double(frequency.k)
                    let l = Double(frequency.l)
                    let value = spectrum.value(
                        x: spacing * (cosine * k - sine * l),
                        y: spacing * (sine * k + cosine * l),
                        in: dilated
                    )
                    score += log(max(Double(value), 1e-30))
                }
                if score > best.score { best = (score, scale, angle) }
            }
        }
        let coarse = Matrix2.similarity(scale: best.scale, angle: best.angle)
        var map = coarse
        for _ in 0..<2 {
            guard let fitted = fit(map, spectrum: spectrum) else { break }
            map = fitted
        }
        return (coarse, map, best.score)
    }

    /// One round of the peak fit: each template peak looked for within ±2 bins of where `map`
    /// puts it, located to a fraction of a bin (a parabola through the log power), and the map
    /// fitted to them by weighted least squares. Nil with fewer than six clear peaks.
    static func fit(_ map: Matrix2, spectrum: Spectrum) -> Matrix2? {
        let layout = TileLayout.shared
        let size = spectrum.size
        let centre = Double(size / 2)
        let scale = Double(spectrum.extent) / Double(WatermarkScheme.tile)
        guard let inverse = map.inverse else { return nil }
        let toFrequency = scale * inverse.transposed
        var normal = (xx: 0.0, xy: 0.0, yy: 0.0)
        var rightX = (0.0, 0.0)
        var rightY = (0.0, 0.0)
        var used = 0
        for frequency in layout.frequencies {
            let k = Double(frequency.k)
            let l = Double(frequency.l)
            let (fx, fy) = toFrequency.times(k, l)
            let x = Int((centre + fx).rounded(.toNearestOrEven))
            let y = Int((centre + fy).rounded(.toNearestOrEven))
            guard x >= 3, x < size - 3, y >= 3, y < size - 3 else { continue }
            var (peakX, peakY) = (x - 2, y - 2)
            for dy in -2...2 {
                for dx in -2...2 where spectrum.power[(y + dy) * size + x + dx] > spectrum.power[peakY * size + peakX] {
                    (peakX, peakY) = (x + dx, y + dy)
                }
            }
            let peak = spectrum.power[peakY * size + peakX]
            guard peak >= 4 else { continue }
            let power = spectrum.power
            let offsetX = vertex(power[peakY * size + peakX - 1], peak, power[peakY * size + peakX + 1])
            let offsetY = vertex(power[(peakY - 1) * size + peakX], peak, power[(peakY + 1) * size + peakX])
            let measuredX = Double(peakX) + offsetX - centre
            let measuredY = Double(peakY) + offsetY - centre
            let weight = log(Double(peak))
            normal.xx += weight * k * k
            normal.xy += weight * k * l
            normal.yy += weight * l * l
            rightX.0 += weight * k * measuredX
            rightX.1 += weight * l * measuredX
            rightY.0 += weight * k * measuredY
            rightY.1 += weight * l * measuredY
            used += 1
        }
        guard used >= 6 else { return nil }
        let det = normal.xx * normal.yy - normal.xy * normal.xy
        guard abs(det) > 1e-12 else { return nil }
        func solve(_ right: (Double, Double)) -> (Double, Double) {
            ((normal.yy * right.0 - normal.xy * right.1) / det, (normal.xx * right.1 - normal.xy * right.0) / det)
        }
        let rowX = solve(rightX)
        let rowY = solve(rightY)
        let fitted = Matrix2(a: rowX.0, b: rowX.1, c: rowY.0, d: rowY.1)
        return ((1 / scale) * fitted).transposed.inverse
    }

    /// Where a parabola through the logarithms of three neighbouring values peaks, relative to
    /// the middle one (0 when they do not curve down).
    static func vertex(_ before: Float, _ middle: Float, _ after: Float) -> Double {
        let a = log(max(Double(before), 1e-9))
        let b = log(Double(middle))
        let c = log(max(Double(after), 1e-9))
        let curvature = a - 2 * b + c
        return curvature >= 0 ? 0 : 0.5 * (a - c) / curvature
    }
}
