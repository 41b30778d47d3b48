/// Box means over (2r+1)² windows (edges replicated), produced one output row at a time while
/// holding only 2r+2 rows of horizontal sums: the image-sized buffers a two-pass filter needs
/// cost more (the system maps and clears their pages) than the arithmetic.
///
/// Each of `channels` signals is given row by row by `source`, which fills one row of values;
/// the filter calls `emit` with each output row's means, channel after channel. A source row is
/// asked for only once, and before any output row that needs it, so `emit` may overwrite the
/// rows it has been given (row y of the output needs source rows up to y + r, all asked for).
struct RowBoxFilter {
    let width: Int
    let height: Int
    let radius: Int
    let channels: Int

    func run(
        source: (_ row: Int, _ values: UnsafeMutableBufferPointer<Double>) -> Void,
        emit: (_ row: Int, _ means: UnsafeBufferPointer<Double>) -> Void
    ) {
        let r = radius
        let span = 2 * r + 2
        let rowLength = channels * width
        var ring = [Double](repeating: 0, count: span * rowLength)
        var sums = [Double](repeating: 0, count: rowLength)
        var input = [Double](repeating: 0, count: rowLength)
        var output = [Double](repeating: 0, count: rowLength)
        var fetched = -1
        let scale = 1 / Double((2 * r + 1) * (2 * r + 1))
        ring.withUnsafeMutableBufferPointer { ring in
            sums.withUnsafeMutableBufferPointer { sums in
                input.withUnsafeMutableBufferPointer { input in
                    output.withUnsafeMutableBufferPointer { output in
                        // Empty only for an empty image, which has no rows to filter.
                        guard let ringBase = ring.baseAddress, let inputBase = input.baseAddress else { return }
                        // The horizontal sums of source row `row`, from the ring (computed once).
                        func horizontal(_ row: Int) -> UnsafeMutablePointer<Double> {
                            let slot = ringBase + (row % span) * rowLength
                            while fetched < row {
                                fetched += 1
                                let target = ringBase + (fetched % span) * rowLength
                                source(fetched, input)
                                for channel in 0..<channels {
                                    let values = inputBase + channel * width
                                    let out = target + channel * width
                                    var sum = 0.0
                                    for j in -r...r { sum += values[min(max(j, 0), width - 1)] }
                                    // The edges clamp; the columns between slide without checks.
                                    let inner = max(min(r, width), min(width - r - 1, width))
                                    var column = 0
                                    while column < min(r, width) {
                                        out[column] = sum
                                        sum += values[min(column + r + 1, width - 1)] - values[max(column - r, 0)]
                                        column += 1
                                    }
                                    while column < inner {
                                        out[column] = sum
                                        sum += values[column + r + 1] - values[column - r]
                                        column += 1
                                    }
                                    while column < width {
                                        out[column] = sum
                                        sum += values[min(column + r + 1, width - 1)] - values[max(column - r, 0)]
                                        column += 1
                                    }
                                }
                            }
                            return slot
                        }
                        for offset in -r...r {
                            let row = horizontal(min(max(offset, 0), height - 1))
                            for index in 0..<rowLength { sums[index] += row[index] }
                        }
                        for row in 0..<height {
                            for index in 0..<rowLength { output[index] = sums[index] * scale }
                            emit(row, UnsafeBufferPointer(output))
                            guard row + 1 < height else { break }
                            let entering = horizontal(min(row + r + 1, height - 1))
                            let leaving = horizontal(max(row - r, 0))
                            for index in 0..<rowLength { sums[index] += entering[index] - leaving[index] }
                        }
                    }
                }
            }
        }
    }
}
