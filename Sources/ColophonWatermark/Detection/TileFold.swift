import Foundation

/// Folding: every pixel of (part of) the whitened image added into one tile at the tile
/// coordinates the lattice gives it, split over the four nearest tile pixels. All the copies of
/// the tile then add up while the image's own content, which does not repeat, averages away.
enum TileFold {
    static let side = WatermarkScheme.tile

    /// The fold of the rows `rows` and columns `columns` of `signal` under `toTile` (image pixel
    /// to tile coordinates), taking every `step`-th pixel along both: the mean at each tile
    /// pixel, or with `averaged` false the plain sum (which a sparse sampling leaves unbiased,
    /// where the mean of a tile pixel no sample reached would read as zero).
    static func fold(
        _ signal: Plane,
        toTile: Matrix2,
        rows: Range<Int>,
        columns: Range<Int>,
        step: Int = 1,
        averaged: Bool = true
    ) -> [Float] {
        var sum = [Float](repeating: 0, count: side * side)
        var weight = [Float](repeating: 0, count: side * side)
        let period = Double(side)
        func wrap(_ value: Double) -> Double { value - (value / period).rounded(.down) * period }
        let stepU = toTile.a * Double(step)
        let stepV = toTile.c * Double(step)
        signal.values.withUnsafeBufferPointer { values in
            sum.withUnsafeMutableBufferPointer { sum in
                weight.withUnsafeMutableBufferPointer { weight in
                    for y in Swift.stride(from: rows.lowerBound, to: rows.upperBound, by: step) {
                        let x0 = Double(columns.lowerBound)
                        var u = wrap(toTile.a * x0 + toTile.b * Double(y))
                        var v = wrap(toTile.c * x0 + toTile.d * Double(y))
                        let base = y * signal.width
                        for x in Swift.stride(from: columns.lowerBound, to: columns.upperBound, by: step) {
                            let iu = min(Int(u), side - 1)
                            let iv = min(Int(v), side - 1)
                            let fu = Float(u - Double(iu))
                            let fv = Float(v - Double(iv))
                            let value = values[base + x]
                            let u1 = iu + 1 == side ? 0 : iu + 1
                            let v1 = iv + 1 == side ? 0 : iv + 1
                            let w00 = (1 - fu) * (1 - fv)
                            let w10 = fu * (1 - fv)
                            let w01 = (1 - fu) * fv
                            let w11 = fu * fv
                            sum[iv * side + iu] += w00 * value
                            weight[iv * side + iu] += w00
                            sum[iv * side + u1] += w10 * value
                            weight[iv * side + u1] += w10
                            sum[v1 * side + iu] += w01 * value
                            weight[v1 * side + iu] += w01
                            sum[v1 * side + u1] += w11 * value
                            weight[v1 * side + u1] += w11
                            u += stepU
                            v += stepV
                            if u >= period { u -= period } else if u < 0 { u += period }
                            if v >= period { v -= period } else if v < 0 { v += period }
                        }
                    }
                }
            }
        }
        guard averaged else { return sum }
        return zip(sum, weight).map { $0 / max($1, 1e-9) }
    }

    /// The folded tile's discrete Fourier transform at each template frequency, in the layout's
    /// order: one row transform per distinct k, then one column sum per frequency.
    static func templateCoefficients(_ folded: [Float]) -> [(real: Double, imaginary: Double)] {
        let layout = TileLayout.shared
        let table = Phasors.shared
        var rowTransforms: [Int: (real: [Double], imaginary: [Double])] = [:]
        for k in Set(layout.frequencies.map(\.k)) {
            var real = [Double](repeating: 0, count: side)
            var imaginary = [Double](repeating: 0, count: side)
            for v in 0..<side {
                var sr = 0.0
                var si = 0.0
                var index = 0
                for u in 0..<side {
                    let value = Double(folded[v * side + u])
                    sr += value * table.cosine[index]
                    si -= value * table.sine[index]
                    index = (index + k) & (side - 1)
                }
                real[v] = sr
                imaginary[v] = si
            }
            rowTransforms[k] = (real, imaginary)
        }
        return layout.frequencies.map { frequency in
            guard let rows = rowTransforms[frequency.k] else { return (0, 0) }
            var xr = 0.0
            var xi = 0.0
            for v in 0..<side {
                let at = ((frequency.l * v) % side + side) % side
                // rows · e^{-2πi l v / T}
                xr += rows.real[v] * table.cosine[at] + rows.imaginary[v] * table.sine[at]
                xi += rows.imaginary[v] * table.cosine[at] - rows.real[v] * table.sine[at]
            }
            return (xr, xi)
        }
    }

    /// Where the template sits in a folded tile: the peak of its phase-only correlation with the
    /// template (row and column, to a fraction of a pixel) and how far the peak stands above the
    /// rest, in standard deviations.
    ///
    /// The template has 16 frequencies, so the correlation is the sum of 16 cosines whose phases
    /// are the folded tile's phases there minus the template's: evaluated directly, without a
    /// 2-D transform.
    static func templateOffset(_ folded: [Float]) -> (row: Double, column: Double, score: Double) {
        let layout = TileLayout.shared
        let table = Phasors.shared
        var phaseCosines: [Double] = []
        var phaseSines: [Double] = []
        for (index, coefficient) in templateCoefficients(folded).enumerated() {
            let phase = atan2(coefficient.imaginary, coefficient.real) - layout.phases[index]
            phaseCosines.append(cos(phase))
            phaseSines.append(sin(phase))
        }
        var surface = [Double](repeating: 0, count: side * side)
        for (index, frequency) in layout.frequencies.enumerated() {
            let (c, s) = (phaseCosines[index], phaseSines[index])
            // cos(ψ + 2π m / T), m = k x + l y modulo T (a power of two).
            var start = 0
            for y in 0..<side {
                var at = start
                for x in 0..<side {
                    surface[y * side + x] += c * table.cosine[at] - s * table.sine[at]
                    at = (at + frequency.k) & (side - 1)
                }
                start = (start + frequency.l) & (side - 1)
            }
        }
        var best = 0
        var mean = 0.0
        for index in surface.indices {
            if surface[index] > surface[best] { best = index }
            mean += surface[index]
        }
        mean /= Double(surface.count)
        var variance = 0.0
        for value in surface { variance += (value - mean) * (value - mean) }
        let deviation = (variance / Double(surface.count)).squareRoot()
        let row = best / side
        let column = best % side
        func at(_ r: Int, _ c: Int) -> Double { surface[((r + side) % side) * side + (c + side) % side] }
        return (
            Double(row) + parabola(at(row - 1, column), at(row, column), at(row + 1, column)),
            Double(column) + parabola(at(row, column - 1), at(row, column), at(row, column + 1)),
            (surface[best] - mean) / (deviation + 1e-12)
        )
    }

    static func parabola(_ before: Double, _ middle: Double, _ after: Double) -> Double {
        let curvature = before - 2 * middle + after
        return curvature >= 0 ? 0 : 0.5 * (before - after) / curvature
    }

    /// cos and sin of 2π m / T for m in 0..<T.
    struct Phasors: Sendable {
        let cosine: [Double]
        let sine: [Double]
        static let shared = Phasors()

        private init() {
            let side = WatermarkScheme.tile
            cosine = (0..<side).map { cos(2 * Double.pi * Double($0) / Double(side)) }
            sine = (0..<side).map { sin(2 * Double.pi * Double($0) / Double(side)) }
        }
    }
}
