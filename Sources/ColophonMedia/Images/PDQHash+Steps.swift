import Foundation

extension PDQHash {
    /// Two rounds of box filtering (Jarosz) then centre sampling to 64×64.
    static func downsample(_ input: [Float], rows: Int, cols: Int) -> [Float] {
        if rows == 64, cols == 64 { return input }
        var image = input
        var scratch = [Float](repeating: 0, count: rows * cols)
        let rowWindow = (cols + 127) / 128
        let columnWindow = (rows + 127) / 128
        for _ in 0..<2 {
            for row in 0..<rows {
                box(image, &scratch, start: row * cols, stride: 1, count: cols, window: rowWindow)
            }
            for col in 0..<cols {
                box(scratch, &image, start: col, stride: cols, count: rows, window: columnWindow)
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

    /// The reference's running-sum box filter along one line, edges shortened, not padded.
    static func box(_ input: [Float], _ output: inout [Float], start: Int, stride: Int, count: Int, window: Int) {
        let half = (window + 2) / 2
        var sum: Float = 0
        var current: Float = 0
        var left = 0
        var right = 0
        var written = 0
        for _ in 0..<(half - 1) {
            sum = sum + input[start + right * stride]
            current += 1
            right += 1
        }
        for _ in 0..<(window - half + 1) {
            sum = sum + input[start + right * stride]
            right += 1
            current += 1
            output[start + written * stride] = sum / current
            written += 1
        }
        for _ in 0..<max(0, count - window) {
            sum = sum + input[start + right * stride]
            sum = sum - input[start + left * stride]
            right += 1
            left += 1
            output[start + written * stride] = sum / current
            written += 1
        }
        for _ in 0..<(half - 1) {
            sum = sum - input[start + left * stride]
            left += 1
            current -= 1
            output[start + written * stride] = sum / current
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
