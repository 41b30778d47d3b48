import Foundation

extension PDQHash {
    /// Two rounds of box filtering (Jarosz) then centre sampling to 64×64. Rows are filtered
    /// one by one; columns all at once, row by row, so memory is read in order — each column
    /// still sees exactly the reference's sequence of single-precision operations.
    static func downsample(_ image: inout [Float], rows: Int, cols: Int) -> [Float] {
        if rows == 64, cols == 64 { return image }
        // Every element is written by the first row pass before it is read.
        var scratch = [Float](unsafeUninitializedCapacity: rows * cols) { _, initialized in initialized = rows * cols }
        var sums = [Float](repeating: 0, count: cols)
        let rowWindow = (cols + 127) / 128
        let columnWindow = (rows + 127) / 128
        image.withUnsafeMutableBufferPointer { image in
            scratch.withUnsafeMutableBufferPointer { scratch in
                sums.withUnsafeMutableBufferPointer { sums in
                    for _ in 0..<2 {
                        var row = 0
                        while row + 8 <= rows {
                            boxRows8(UnsafeBufferPointer(image), scratch, firstRow: row, cols: cols, window: rowWindow)
                            row += 8
                        }
                        while row < rows {
                            boxRow(
                                UnsafeBufferPointer(image),
                                scratch,
                                start: row * cols,
                                count: cols,
                                window: rowWindow
                            )
                            row += 1
                        }
                        boxColumns(
                            UnsafeBufferPointer(scratch),
                            image,
                            sums: sums,
                            rows: rows,
                            cols: cols,
                            window: columnWindow
                        )
                    }
                }
            }
        }
        var out = [Float](repeating: 0, count: 64 * 64)
        for i in 0..<64 {
            let sourceRow = Int((Double(i) + 0.5) * Double(rows) / 64)
            for j in 0..<64 {
                let sourceCol = Int((Double(j) + 0.5) * Double(cols) / 64)
                out[i * 64 + j] = image[sourceRow * cols + sourceCol]
            }
        }
        return out
    }

    /// The reference's running-sum box filter along one row, edges shortened, not padded.
    static func boxRow(
        _ input: UnsafeBufferPointer<Float>,
        _ output: UnsafeMutableBufferPointer<Float>,
        start: Int,
        count: Int,
        window: Int
    ) {
        let half = (window + 2) / 2
        var sum: Float = 0
        var current: Float = 0
        var left = start
        var right = start
        var written = start
        for _ in 0..<(half - 1) {
            sum = sum + input[right]
            current += 1
            right += 1
        }
        for _ in 0..<(window - half + 1) {
            sum = sum + input[right]
            right += 1
            current += 1
            output[written] = sum / current
            written += 1
        }
        for _ in 0..<max(0, count - window) {
            sum = sum + input[right]
            sum = sum - input[left]
            right += 1
            left += 1
            output[written] = sum / current
            written += 1
        }
        for _ in 0..<(half - 1) {
            sum = sum - input[left]
            left += 1
            current -= 1
            output[written] = sum / current
            written += 1
        }
    }

    /// ``boxRow(_:_:start:count:window:)`` on eight rows at once, one SIMD lane per row: the
    /// running sum's dependency chain is what limits a single row.
    static func boxRows8(
        _ input: UnsafeBufferPointer<Float>,
        _ output: UnsafeMutableBufferPointer<Float>,
        firstRow: Int,
        cols: Int,
        window: Int
    ) {
        let half = (window + 2) / 2
        let base = firstRow * cols
        @inline(__always) func load(_ column: Int) -> SIMD8<Float> {
            let offset = base + column
            return SIMD8(
                input[offset],
                input[offset + cols],
                input[offset + 2 * cols],
                input[offset + 3 * cols],
                input[offset + 4 * cols],
                input[offset + 5 * cols],
                input[offset + 6 * cols],
                input[offset + 7 * cols]
            )
        }
        @inline(__always) func store(_ value: SIMD8<Float>, _ column: Int) {
            let offset = base + column
            for lane in 0..<8 { output[offset + lane * cols] = value[lane] }
        }
        var sum = SIMD8<Float>(repeating: 0)
        var current: Float = 0
        var left = 0
        var right = 0
        var written = 0
        for _ in 0..<(half - 1) {
            sum = sum + load(right)
            current += 1
            right += 1
        }
        for _ in 0..<(window - half + 1) {
            sum = sum + load(right)
            right += 1
            current += 1
            store(sum / SIMD8(repeating: current), written)
            written += 1
        }
        for _ in 0..<max(0, cols - window) {
            sum = sum + load(right)
            sum = sum - load(left)
            right += 1
            left += 1
            store(sum / SIMD8(repeating: current), written)
            written += 1
        }
        for _ in 0..<(half - 1) {
            sum = sum - load(left)
            left += 1
            current -= 1
            store(sum / SIMD8(repeating: current), written)
            written += 1
        }
    }

    /// The same filter down every column at once, eight columns per SIMD operation.
    static func boxColumns(
        _ input: UnsafeBufferPointer<Float>,
        _ output: UnsafeMutableBufferPointer<Float>,
        sums: UnsafeMutableBufferPointer<Float>,
        rows: Int,
        cols: Int,
        window: Int
    ) {
        guard let source = input.baseAddress, let target = output.baseAddress, let totals = sums.baseAddress else {
            return
        }
        let half = (window + 2) / 2
        let vectorColumns = cols & ~7
        for c in 0..<cols { totals[c] = 0 }
        var current: Float = 0
        var left = 0
        var right = 0
        var written = 0
        @inline(__always) func update(adding row: Int?, subtracting old: Int?) {
            var c = 0
            while c < vectorColumns {
                var value = UnsafeRawPointer(totals + c).loadUnaligned(as: SIMD8<Float>.self)
                if let row {
                    value = value + UnsafeRawPointer(source + (row &* cols &+ c)).loadUnaligned(as: SIMD8<Float>.self)
                }
                if let old {
                    value = value - UnsafeRawPointer(source + (old &* cols &+ c)).loadUnaligned(as: SIMD8<Float>.self)
                }
                UnsafeMutableRawPointer(totals + c).storeBytes(of: value, as: SIMD8<Float>.self)
                c &+= 8
            }
            while c < cols {
                if let row { totals[c] = totals[c] + source[row &* cols &+ c] }
                if let old { totals[c] = totals[c] - source[old &* cols &+ c] }
                c &+= 1
            }
        }
        @inline(__always) func write(_ row: Int) {
            let divisor = SIMD8<Float>(repeating: current)
            var c = 0
            while c < vectorColumns {
                let value = UnsafeRawPointer(totals + c).loadUnaligned(as: SIMD8<Float>.self) / divisor
                UnsafeMutableRawPointer(target + (row &* cols &+ c)).storeBytes(of: value, as: SIMD8<Float>.self)
                c &+= 8
            }
            while c < cols {
                target[row &* cols &+ c] = totals[c] / current
                c &+= 1
            }
        }
        for _ in 0..<(half - 1) {
            update(adding: right, subtracting: nil)
            current += 1
            right += 1
        }
        for _ in 0..<(window - half + 1) {
            update(adding: right, subtracting: nil)
            right += 1
            current += 1
            write(written)
            written += 1
        }
        for _ in 0..<max(0, rows - window) {
            update(adding: right, subtracting: left)
            right += 1
            left += 1
            write(written)
            written += 1
        }
        for _ in 0..<(half - 1) {
            update(adding: nil, subtracting: left)
            left += 1
            current -= 1
            write(written)
            written += 1
        }
    }

    static let dctMatrix: [Float] = {
        let scale = Double(Float((2.0 / 64.0).squareRoot()))
        var matrix = [Float](repeating: 0, count: 16 * 64)
        for i in 0..<16 {
            for j in 0..<64 {
                matrix[i * 64 + j] = Float(scale * cos(Double.pi / 2 / 64 * Double(i + 1) * Double(2 * j + 1)))
            }
        }
        return matrix
    }()

    /// B = D·A·Dᵀ with sequential single-precision sums, as the reference computes it.
    static func dct(_ a: [Float]) -> [Float] {
        let d = dctMatrix
        var t = [Float](repeating: 0, count: 16 * 64)
        for i in 0..<16 {
            for j in 0..<64 {
                var sum: Float = 0
                for k in 0..<64 {
                    let product = d[i * 64 + k] * a[k * 64 + j]
                    sum = sum + product
                }
                t[i * 64 + j] = sum
            }
        }
        var b = [Float](repeating: 0, count: 256)
        for i in 0..<16 {
            for j in 0..<16 {
                var sum: Float = 0
                for k in 0..<64 {
                    let product = t[i * 64 + k] * d[j * 64 + k]
                    sum = sum + product
                }
                b[i * 16 + j] = sum
            }
        }
        return b
    }

    /// Gradient energy of the 64×64 buffer, scaled to 0…100.
    static func quality(_ buffer: [Float]) -> Int {
        var total = 0
        for i in 0..<63 {
            for j in 0..<64 {
                let difference = (buffer[i * 64 + j] - buffer[(i + 1) * 64 + j]) * 100 / 255
                total += abs(Int(difference))
            }
        }
        for i in 0..<64 {
            for j in 0..<63 {
                let difference = (buffer[i * 64 + j] - buffer[i * 64 + j + 1]) * 100 / 255
                total += abs(Int(difference))
            }
        }
        return min(total / 90, 100)
    }
}
