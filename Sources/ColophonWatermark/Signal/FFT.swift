import Foundation

/// A radix-2 complex FFT of one power-of-two size, on split real and imaginary arrays, with its
/// twiddle factors and bit-reversal table computed once. Forward is e^{-2πi kn/N}, unscaled.
struct FFT: Sendable {
    let size: Int
    private let cosines: [Float]
    private let sines: [Float]
    private let reversed: [Int]

    init(size: Int) {
        precondition(size >= 2 && size & (size - 1) == 0, "FFT sizes are powers of two")
        self.size = size
        cosines = (0..<size / 2).map { Float(cos(2 * Double.pi * Double($0) / Double(size))) }
        sines = (0..<size / 2).map { Float(-sin(2 * Double.pi * Double($0) / Double(size))) }
        let bits = size.trailingZeroBitCount
        reversed = (0..<size).map { index in
            var out = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { out |= 1 << (bits - 1 - bit) }
            return out
        }
    }

    /// Transforms `count` consecutive rows of `size` values in place, starting at `offset`.
    /// `inverse` uses e^{+2πi kn/N} (still unscaled).
    func transform(
        _ real: UnsafeMutablePointer<Float>,
        _ imaginary: UnsafeMutablePointer<Float>,
        inverse: Bool = false
    ) {
        for index in 0..<size {
            let target = reversed[index]
            if target > index {
                swap(&real[index], &real[target])
                swap(&imaginary[index], &imaginary[target])
            }
        }
        let direction: Float = inverse ? -1 : 1
        cosines.withUnsafeBufferPointer { cosines in
            sines.withUnsafeBufferPointer { sines in
                var half = 1
                while half < size {
                    let stride = size / (2 * half)
                    for offset in 0..<half {
                        let wr = cosines[offset * stride]
                        let wi = direction * sines[offset * stride]
                        var top = offset
                        while top < size {
                            let bottom = top + half
                            let br = real[bottom] * wr - imaginary[bottom] * wi
                            let bi = real[bottom] * wi + imaginary[bottom] * wr
                            let tr = real[top]
                            let ti = imaginary[top]
                            real[bottom] = tr - br
                            imaginary[bottom] = ti - bi
                            real[top] = tr + br
                            imaginary[top] = ti + bi
                            top += 2 * half
                        }
                    }
                    half *= 2
                }
            }
        }
    }

    /// A two-dimensional transform of a `size` × `size` row-major array, in place.
    func transform2D(_ real: inout [Float], _ imaginary: inout [Float], inverse: Bool = false) {
        precondition(real.count == size * size && imaginary.count == size * size, "2-D FFT of the wrong size")
        var columnReal = [Float](repeating: 0, count: size)
        var columnImaginary = [Float](repeating: 0, count: size)
        real.withUnsafeMutableBufferPointer { real in
            imaginary.withUnsafeMutableBufferPointer { imaginary in
                guard let realBase = real.baseAddress, let imaginaryBase = imaginary.baseAddress else { return }
                for row in 0..<size {
                    transform(realBase + row * size, imaginaryBase + row * size, inverse: inverse)
                }
                columnReal.withUnsafeMutableBufferPointer { columnReal in
                    columnImaginary.withUnsafeMutableBufferPointer { columnImaginary in
                        guard let cr = columnReal.baseAddress, let ci = columnImaginary.baseAddress else { return }
                        for column in 0..<size {
                            for row in 0..<size {
                                cr[row] = realBase[row * size + column]
                                ci[row] = imaginaryBase[row * size + column]
                            }
                            transform(cr, ci, inverse: inverse)
                            for row in 0..<size {
                                realBase[row * size + column] = cr[row]
                                imaginaryBase[row * size + column] = ci[row]
                            }
                        }
                    }
                }
            }
        }
    }
}
