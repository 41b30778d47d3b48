extension Plane {
    /// The detector's view of an image: luminance minus its 7 × 7 mean (the host's large, smooth
    /// structures, where no watermark lives), divided by the local RMS of that residual over
    /// 9 × 9 plus one grey level, so busy texture does not drown the rest.
    consuming func whitened() -> Plane {
        var out = self
        out.subtractLocalMean()
        out.divideByLocalRMS()
        return out
    }

    /// Replaces each value by itself minus its 7 × 7 mean. With `squares`, `visit` is shown
    /// each row's mean and mean square first (the embedder's mask is made from them).
    mutating func subtractLocalMean(
        squares: Bool = false,
        visit: (_ row: Int, _ mean: UnsafeBufferPointer<Double>, _ meanSquare: UnsafeBufferPointer<Double>) -> Void = {
            _,
            _,
            _ in
        }
    ) {
        let width = self.width
        let filter = RowBoxFilter(width: width, height: height, radius: 3, channels: squares ? 2 : 1)
        values.withUnsafeMutableBufferPointer { values in
            filter.run(
                source: { row, out in
                    for column in 0..<width {
                        let value = Double(values[row * width + column])
                        out[column] = value
                        if squares { out[width + column] = value * value }
                    }
                },
                emit: { row, means in
                    if squares {
                        visit(
                            row,
                            UnsafeBufferPointer(rebasing: means[0..<width]),
                            UnsafeBufferPointer(rebasing: means[width..<2 * width])
                        )
                    }
                    for column in 0..<width { values[row * width + column] -= Float(means[column]) }
                }
            )
        }
    }

    /// Divides each value by the RMS of the values over its 9 × 9 window plus one. `visit` is
    /// shown each finished row with the reciprocals of its divisors.
    mutating func divideByLocalRMS(
        visit: (_ row: Int, _ whitened: UnsafeBufferPointer<Float>, _ reciprocal: UnsafeBufferPointer<Double>) -> Void =
            {
                _,
                _,
                _ in
            }
    ) {
        let width = self.width
        let filter = RowBoxFilter(width: width, height: height, radius: 4, channels: 1)
        var divisor = [Double](repeating: 0, count: width)
        values.withUnsafeMutableBufferPointer { values in
            divisor.withUnsafeMutableBufferPointer { divisor in
                filter.run(
                    source: { row, out in
                        for column in 0..<width {
                            let value = Double(values[row * width + column])
                            out[column] = value * value
                        }
                    },
                    emit: { row, meanSquares in
                        // The divisor's reciprocal, which is what every user of it multiplies by.
                        for column in 0..<width {
                            divisor[column] = 1 / (max(meanSquares[column], 0).squareRoot() + 1)
                            values[row * width + column] = Float(Double(values[row * width + column]) * divisor[column])
                        }
                        visit(
                            row,
                            UnsafeBufferPointer(rebasing: values[(row * width)..<((row + 1) * width)]),
                            UnsafeBufferPointer(divisor)
                        )
                    }
                )
            }
        }
    }
}
