import Foundation

/// Folding: every pixel of (part of) the whitened image added into one tile at the tile
/// coordinates the lattice gives it, split over the four nearest tile pixels. All the copies of
/// the tile then add up while the image's own content, which does not repeat, averages away.
enum TileFold {
    static let side = WatermarkScheme.tile

    /// The fold of the rows `rows` and columns `columns` of `signal` under `toTile` (image pixel
    /// to tile coordinates).
    static func fold(_ signal: Plane, toTile: Matrix2, rows: Range<Int>, columns: Range<Int>) -> [Float] {
        var sum = [Double](repeating: 0, count: side * side)
        var weight = [Double](repeating: 0, count: side * side)
        let period = Double(side)
        signal.values.withUnsafeBufferPointer { values in
            for y in rows {
                let yd = Double(y)
                for x in columns {
                    var u = toTile.a * Double(x) + toTile.b * yd
                    var v = toTile.c * Double(x) + toTile.d * yd
                    u -= (u / period).rounded(.down) * period
                    v -= (v / period).rounded(.down) * period
                    let iu = min(Int(u), side - 1)
                    let iv = min(Int(v), side - 1)
                    let fu = u - Double(iu)
                    let fv = v - Double(iv)
                    let value = Double(values[y * signal.width + x])
                    let u1 = (iu + 1) % side
                    let v1 = (iv + 1) % side
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
                }
            }
        }
        return zip(sum, weight).map { Float($0 / max($1, 1e-9)) }
    }

    /// Where the template sits in a folded tile: the peak of the phase-only correlation with the
    /// template (its row and column, to a fraction of a pixel) and how far the peak stands above
    /// the rest, in standard deviations.
    static func templateOffset(_ folded: [Float]) -> (row: Double, column: Double, score: Double) {
        let fft = FFT(size: side)
        var real = folded
        var imaginary = [Float](repeating: 0, count: side * side)
        fft.transform2D(&real, &imaginary)
        let reference = TemplateSpectrum.shared
        for index in real.indices {
            // X · conj(Y) / |X|
            let xr = real[index]
            let xi = imaginary[index]
            let magnitude = (xr * xr + xi * xi).squareRoot() + 1e-9
            let yr = reference.real[index]
            let yi = reference.imaginary[index]
            real[index] = (xr * yr + xi * yi) / magnitude
            imaginary[index] = (xi * yr - xr * yi) / magnitude
        }
        fft.transform2D(&real, &imaginary, inverse: true)
        var best = 0
        var mean = 0.0
        for index in real.indices {
            if real[index] > real[best] { best = index }
            mean += Double(real[index])
        }
        mean /= Double(real.count)
        var variance = 0.0
        for value in real { variance += (Double(value) - mean) * (Double(value) - mean) }
        let deviation = (variance / Double(real.count)).squareRoot()
        let row = best / side
        let column = best % side
        func at(_ r: Int, _ c: Int) -> Float { real[((r + side) % side) * side + (c + side) % side] }
        let rowOffset = parabola(at(row - 1, column), at(row, column), at(row + 1, column))
        let columnOffset = parabola(at(row, column - 1), at(row, column), at(row, column + 1))
        return (
            Double(row) + rowOffset, Double(column) + columnOffset,
            (Double(real[best]) - mean) / (deviation + 1e-12)
        )
    }

    static func parabola(_ before: Float, _ middle: Float, _ after: Float) -> Double {
        let curvature = Double(before) - 2 * Double(middle) + Double(after)
        return curvature >= 0 ? 0 : 0.5 * (Double(before) - Double(after)) / curvature
    }

    /// The template's 2-D transform, computed once.
    struct TemplateSpectrum: Sendable {
        let real: [Float]
        let imaginary: [Float]
        static let shared = TemplateSpectrum()

        private init() {
            var real = TileLayout.shared.template
            var imaginary = [Float](repeating: 0, count: real.count)
            FFT(size: WatermarkScheme.tile).transform2D(&real, &imaginary)
            self.real = real
            self.imaginary = imaginary
        }
    }
}
