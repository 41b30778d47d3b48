/// A single-channel image of floats, row-major: luminance and the signals derived from it.
struct Plane: Sendable {
    let width: Int
    let height: Int
    var values: [Float]

    init(width: Int, height: Int, values: [Float]) {
        precondition(values.count == width * height, "plane size mismatch")
        self.width = width
        self.height = height
        self.values = values
    }

    init(width: Int, height: Int, repeating value: Float = 0) {
        self.init(width: width, height: height, values: [Float](repeating: value, count: width * height))
    }

    /// The mean over the (2r+1)² window around each pixel, edges replicated: two running sums,
    /// one per direction, so the cost does not depend on `r` (kept in Double: a float running
    /// sum drifts over a row of thousands of pixels).
    func boxMean(radius r: Int) -> Plane {
        var horizontal = [Double](repeating: 0, count: values.count)
        let scale = 1 / Double((2 * r + 1) * (2 * r + 1))
        values.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { out in
                for row in 0..<height {
                    let base = row * width
                    var sum: Double = 0
                    for offset in -r...r { sum += Double(source[base + min(max(offset, 0), width - 1)]) }
                    for column in 0..<width {
                        out[base + column] = sum
                        let leaving = source[base + max(column - r, 0)]
                        let entering = source[base + min(column + r + 1, width - 1)]
                        sum += Double(entering) - Double(leaving)
                    }
                }
            }
        }
        var result = [Float](repeating: 0, count: values.count)
        horizontal.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { out in
                var sums = [Double](repeating: 0, count: width)
                for offset in -r...r {
                    let row = min(max(offset, 0), height - 1)
                    for column in 0..<width { sums[column] += source[row * width + column] }
                }
                for row in 0..<height {
                    let leaving = max(row - r, 0) * width
                    let entering = min(row + r + 1, height - 1) * width
                    let base = row * width
                    for column in 0..<width {
                        out[base + column] = Float(sums[column] * scale)
                        sums[column] += source[entering + column] - source[leaving + column]
                    }
                }
            }
        }
        return Plane(width: width, height: height, values: result)
    }
}
