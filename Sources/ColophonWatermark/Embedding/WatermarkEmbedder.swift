import Foundation

/// Marks an image with a watermark id.
///
/// The tile (``TilePattern``) is added to R, G and B alike — luminance only, so JPEG's and WebP's
/// halved chroma take nothing from it — scaled at each pixel by a perceptual mask: 1.2 grey
/// levels in flat areas, up to 4 in texture. Before that, the embedder reads the image as the
/// detector will (whitened, folded) and gives each coded bit more energy where the image's own
/// content pulls against it and less where it helps (informed embedding); an image whose content
/// fights the payload hard is allowed more energy in all, within a floor of 38 dB PSNR.
public enum WatermarkEmbedder {
    /// Grey levels of the mask in flat areas and in texture.
    static let flatStrength: Float = 1.2
    static let textureStrength: Float = 4.0
    /// The local standard deviation (grey levels) at which the mask is halfway.
    static let textureKnee: Float = 6
    /// RMS of the change in grey levels: the usual cap (≈ 39.8 dB PSNR) and the hard one (≈ 38.3 dB).
    static let usualRMS: Float = 2.6
    static let hardRMS: Float = 3.1
    /// Per-bit energy factors of the informed embedding.
    static let bitGain: ClosedRange<Float> = 0.3...3.0

    /// What marking did to the image.
    public struct Report: Sendable, Equatable {
        public var id: WatermarkID
        /// RMS of the change, in grey levels, and the PSNR it makes.
        public var rms: Double
        public var psnr: Double
    }

    /// The smallest and largest sides a mark is written to.
    public static let sides = 256...8192

    /// Marks `pixels` in place with `id`.
    ///
    /// - Throws: ``WatermarkError`` `.unsupportedSize` outside 256…8192 pixels a side.
    @discardableResult
    public static func embed(_ id: WatermarkID, into pixels: inout RGBAPixels) throws(WatermarkError) -> Report {
        guard sides.contains(pixels.width), sides.contains(pixels.height) else {
            throw WatermarkError(
                .unsupportedSize,
                "a \(pixels.width)×\(pixels.height) image cannot be watermarked: each side must be \(sides.lowerBound) to \(sides.upperBound) pixels"
            )
        }
        // Two image-sized buffers: luminance (then its residual) and the mask; the filters hold
        // a few rows each.
        var signal = pixels.luma
        let count = signal.values.count
        var strength = [Float](repeating: 0, count: count)
        let width = pixels.width
        let knee = textureKnee * textureKnee
        strength.withUnsafeMutableBufferPointer { strength in
            signal.subtractLocalMean(squares: true) { row, mean, meanSquare in
                for column in 0..<width {
                    let variance = Float(max(meanSquare[column] - mean[column] * mean[column], 0))
                    strength[row * width + column] =
                        flatStrength + (textureStrength - flatStrength) * variance / (variance + knee)
                }
            }
        }
        let coded = ConvolutionalCode.encode(WatermarkFrame.bits(payload: id.value))
        let layout = TileLayout.shared
        let bitSign = coded.map { Float(1 - 2 * Int($0)) }
        var amplitudes = (0..<WatermarkScheme.chips).map { layout.slotSign[$0] * bitSign[TileLayout.bit(ofSlot: $0)] }

        // Informed embedding: the host's contribution to each bit as the detector will read it
        // from the unmoved image, and the plain mark's (to first order, the high-passed tile
        // times the mean of mask ÷ whitening divisor).
        // The host as the detector will fold it, and the mean of mask ÷ divisor, row by row.
        let side = WatermarkScheme.tile
        var hostSum = [Float](repeating: 0, count: side * side)
        var gain: Double = 0
        strength.withUnsafeBufferPointer { strength in
            hostSum.withUnsafeMutableBufferPointer { hostSum in
                signal.divideByLocalRMS { row, whitened, reciprocal in
                    let tileRow = (row % side) * side
                    var u = 0
                    for column in 0..<width {
                        hostSum[tileRow + u] += whitened[column]
                        gain += Double(strength[row * width + column]) * reciprocal[column]
                        u = u + 1 == side ? 0 : u + 1
                    }
                }
            }
        }
        gain /= Double(count)
        let folded = TilePattern.foldCounts(width: pixels.width, height: pixels.height).enumerated().map {
            $0.element > 0 ? hostSum[$0.offset] / $0.element : 0
        }
        let host = zip(TilePattern.bitSums(folded), bitSign).map { $0 * $1 }
        let plainTile = TilePattern.highPass(TilePattern.tile(slotAmplitudes: amplitudes))
        let mark = zip(TilePattern.bitSums(plainTile), bitSign).map { Float(gain) * $0 * $1 }
        let margin = median(mark)
        let gains = zip(host, mark).map { host, mark in
            min(max((margin - host) / max(mark, 1e-9), bitGain.lowerBound), bitGain.upperBound)
        }
        for slot in amplitudes.indices { amplitudes[slot] *= gains[TileLayout.bit(ofSlot: slot)] }
        let boost = max((gains.reduce(0) { $0 + $1 * $1 } / Float(gains.count)).squareRoot(), 1)

        let tile = TilePattern.tile(slotAmplitudes: amplitudes)
        // RMS of mask × tile over the image, then the scale that keeps it within the cap.
        let height = pixels.height
        var energy: Double = 0
        strength.withUnsafeBufferPointer { strength in
            tile.withUnsafeBufferPointer { tile in
                for y in 0..<height {
                    let row = (y % side) * side
                    var u = 0
                    for index in (y * width)..<((y + 1) * width) {
                        let value = strength[index] * tile[row + u]
                        energy += Double(value * value)
                        u = u + 1 == side ? 0 : u + 1
                    }
                }
            }
        }
        let rms = (energy / Double(width * height)).squareRoot()
        // A small image holds few tiles to average: below 512 × 512 pixels it may spend more.
        let small = Float(max(1, (Double(512 * 512) / Double(count)).squareRoot()))
        let cap = Double(min(usualRMS * max(boost, small), hardRMS))
        let scale = Float(rms > cap ? cap / rms : 1)
        // The pixels are whole grey levels, so rounding the sum is the pixel plus the rounded
        // change: one rounding per pixel, clamped per channel.
        var squared = 0
        pixels.bytes.withUnsafeMutableBufferPointer { rgba in
            strength.withUnsafeBufferPointer { strength in
                tile.withUnsafeBufferPointer { tile in
                    var scaled = [Float](repeating: 0, count: side * side)
                    for index in scaled.indices { scaled[index] = scale * tile[index] }
                    for y in 0..<height {
                        let row = (y % side) * side
                        var u = 0
                        for index in (y * width)..<((y + 1) * width) {
                            let value = strength[index] * scaled[row + u]
                            u = u + 1 == side ? 0 : u + 1
                            // Rounded half away from zero, inline (Float.rounded() is a call).
                            let change = Int32(value + (value < 0 ? -0.5 : 0.5))
                            guard change != 0 else { continue }
                            let base = 4 * index
                            let r = Int32(rgba[base]) + change
                            let g = Int32(rgba[base + 1]) + change
                            let b = Int32(rgba[base + 2]) + change
                            if r | g | b >= 0, r | g | b < 256 {
                                // No channel clips: each moved by the whole change.
                                rgba[base] = UInt8(truncatingIfNeeded: r)
                                rgba[base + 1] = UInt8(truncatingIfNeeded: g)
                                rgba[base + 2] = UInt8(truncatingIfNeeded: b)
                                squared += 3 * Int(change * change)
                            } else {
                                for channel in base..<base + 3 {
                                    let old = Int(rgba[channel])
                                    let new = min(max(old + Int(change), 0), 255)
                                    rgba[channel] = UInt8(truncatingIfNeeded: new)
                                    squared += (new - old) * (new - old)
                                }
                            }
                        }
                    }
                }
            }
        }
        let changed = (Double(squared) / Double(3 * count)).squareRoot()
        return Report(id: id, rms: changed, psnr: changed > 0 ? 20 * log10(255 / changed) : .infinity)
    }

    static func median(_ values: [Float]) -> Float {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
