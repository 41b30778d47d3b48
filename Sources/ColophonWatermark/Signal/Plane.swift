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

    /// The mean over the (2r+1)² window around each pixel (of the values, or with `squares`
    /// of their squares), edges replicated: running sums, one per direction, so the cost does
    /// not depend on `r`. The sums run in Double (a float running sum drifts over a row of
    /// thousands of pixels); the row sums between the passes are stored as floats.
    func boxMean(radius r: Int, squares: Bool = false) -> Plane {
        var scratch = [Float](repeating: 0, count: values.count)
        var out = [Float](repeating: 0, count: values.count)
        boxMean(radius: r, squares: squares, scratch: &scratch, into: &out)
        return Plane(width: width, height: height, values: out)
    }

    /// The same into `out`, with `scratch` for the row sums (both `width × height`): large
    /// images are cheaper with buffers reused than with fresh ones, whose pages the system must
    /// first map and clear.
    func boxMean(radius r: Int, squares: Bool, scratch: inout [Float], into out: inout [Float]) {
        let width = self.width
        let height = self.height
        values.withUnsafeBufferPointer { source in
            scratch.withUnsafeMutableBufferPointer { horizontal in
                for row in 0..<height {
                    let base = row * width
                    @inline(__always) func at(_ j: Int) -> Double {
                        let value = Double(source[base + j])
                        return squares ? value * value : value
                    }
                    var sum = 0.0
                    for j in -r...r { sum += at(min(max(j, 0), width - 1)) }
                    // Edges clamp; the columns in between slide without.
                    let inner = max(r, min(width - r - 1, width))
                    var column = 0
                    while column < min(r, width) {
                        horizontal[base + column] = Float(sum)
                        sum += at(min(column + r + 1, width - 1)) - at(max(column - r, 0))
                        column += 1
                    }
                    if squares {
                        while column < inner {
                            horizontal[base + column] = Float(sum)
                            let entering = Double(source[base + column + r + 1])
                            let leaving = Double(source[base + column - r])
                            sum += entering * entering - leaving * leaving
                            column += 1
                        }
                    } else {
                        while column < inner {
                            horizontal[base + column] = Float(sum)
                            sum += Double(source[base + column + r + 1]) - Double(source[base + column - r])
                            column += 1
                        }
                    }
                    while column < width {
                        horizontal[base + column] = Float(sum)
                        sum += at(min(column + r + 1, width - 1)) - at(max(column - r, 0))
                        column += 1
                    }
                }
            }
        }
        let scale = 1 / Double((2 * r + 1) * (2 * r + 1))
        var sums = [Double](repeating: 0, count: width)
        scratch.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { out in
                sums.withUnsafeMutableBufferPointer { sums in
                    for offset in -r...r {
                        let row = min(max(offset, 0), height - 1) * width
                        for column in 0..<width { sums[column] += Double(source[row + column]) }
                    }
                    for row in 0..<height {
                        let leaving = max(row - r, 0) * width
                        let entering = min(row + r + 1, height - 1) * width
                        let base = row * width
                        for column in 0..<width {
                            out[base + column] = Float(sums[column] * scale)
                            sums[column] += Double(source[entering + column]) - Double(source[leaving + column])
                        }
                    }
                }
            }
        }
    }
}
