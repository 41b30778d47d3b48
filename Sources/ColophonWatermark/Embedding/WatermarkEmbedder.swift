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
        let luma = pixels.luma
        let strength = mask(luma)
        let coded = ConvolutionalCode.encode(WatermarkFrame.bits(payload: id.value))
        let layout = TileLayout.shared
        let bitSign = coded.map { Float(1 - 2 * Int($0)) }
        var amplitudes = (0..<WatermarkScheme.chips).map { layout.slotSign[$0] * bitSign[TileLayout.bit(ofSlot: $0)] }

        // Informed embedding: the host's and the plain mark's contribution to each bit, as the
        // detector will read them from the unmoved image.
        let (hostSignal, divisor) = luma.whitened()
        let host = zip(TilePattern.bitSums(TilePattern.fold(hostSignal)), bitSign).map { $0 * $1 }
        let plain = spread(TilePattern.tile(slotAmplitudes: amplitudes), strength: strength, scale: 1)
        let mark = zip(TilePattern.bitSums(TilePattern.fold(plain.whitened(dividingBy: divisor))), bitSign).map {
            $0 * $1
        }
        let margin = median(mark)
        let gains = zip(host, mark).map { host, mark in
            min(max((margin - host) / max(mark, 1e-9), bitGain.lowerBound), bitGain.upperBound)
        }
        for slot in amplitudes.indices { amplitudes[slot] *= gains[TileLayout.bit(ofSlot: slot)] }
        let boost = max((gains.reduce(0) { $0 + $1 * $1 } / Float(gains.count)).squareRoot(), 1)

        var delta = spread(TilePattern.tile(slotAmplitudes: amplitudes), strength: strength, scale: 1)
        let rms = (delta.values.reduce(0) { $0 + Double($1) * Double($1) } / Double(delta.values.count)).squareRoot()
        let cap = Double(min(usualRMS * boost, hardRMS))
        if rms > cap {
            let scale = Float(cap / rms)
            for index in delta.values.indices { delta.values[index] *= scale }
        }
        var squared: Double = 0
        delta.values.withUnsafeBufferPointer { delta in
            pixels.bytes.withUnsafeMutableBufferPointer { rgba in
                for index in 0..<delta.count {
                    for channel in 0..<3 {
                        let old = rgba[4 * index + channel]
                        let new = UInt8(min(max((Float(old) + delta[index]).rounded(.toNearestOrEven), 0), 255))
                        rgba[4 * index + channel] = new
                        let change = Double(Int(new) - Int(old))
                        squared += change * change
                    }
                }
            }
        }
        let changed = (squared / Double(3 * delta.values.count)).squareRoot()
        return Report(id: id, rms: changed, psnr: changed > 0 ? 20 * log10(255 / changed) : .infinity)
    }

    /// The mask: grey levels of change the eye does not see at each pixel, from the local
    /// standard deviation of luminance over 9 × 9.
    static func mask(_ luma: Plane) -> Plane {
        let mean = luma.boxMean(radius: 4)
        var squares = luma
        for index in squares.values.indices { squares.values[index] *= squares.values[index] }
        let meanSquares = squares.boxMean(radius: 4)
        var out = mean
        let knee = textureKnee * textureKnee
        for index in out.values.indices {
            let variance = max(meanSquares.values[index] - mean.values[index] * mean.values[index], 0)
            out.values[index] = flatStrength + (textureStrength - flatStrength) * variance / (variance + knee)
        }
        return out
    }

    /// The tile repeated over the image from its top-left corner, times the mask.
    static func spread(_ tile: [Float], strength: Plane, scale: Float) -> Plane {
        let side = WatermarkScheme.tile
        var out = strength
        for y in 0..<out.height {
            let row = (y % side) * side
            for x in 0..<out.width {
                out.values[y * out.width + x] *= scale * tile[row + x % side]
            }
        }
        return out
    }

    static func median(_ values: [Float]) -> Float {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
