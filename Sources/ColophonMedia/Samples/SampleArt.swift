/// Procedural pictures for samples, tests and benchmarks: deterministic, detailed enough for a
/// high PDQ quality, and made without any image file.
public enum SampleArt {
    /// A lighthouse on a headland at dawn: sky gradient, sun, sea, a striped tower.
    /// `grain` adds deterministic noise of that amplitude, so the picture compresses like a
    /// real generator output rather than like a drawing.
    public static func lighthouse(side: Int, grain: Int = 0) -> DecodedImage {
        var noise: UInt64 = 0x2545_F491_4F6C_DD1D
        var rgba = [UInt8](repeating: 255, count: side * side * 4)
        let horizon = side * 5 / 8
        for y in 0..<side {
            for x in 0..<side {
                var pixel: (Int, Int, Int)
                if y < horizon {
                    let t = y * 255 / horizon
                    pixel = (60 + t * 3 / 4, 80 + t / 2, 160 - t / 3)
                    let dx = x - side * 3 / 4
                    let dy = y - horizon + side / 10
                    if dx * dx + dy * dy < (side / 12) * (side / 12) { pixel = (255, 210, 120) }
                } else {
                    let wave = ((x / 9 + y / 5) % 7 == 0) ? 30 : 0
                    pixel = (20 + wave, 60 + wave, 110 + (y - horizon) / 3)
                }
                let towerLeft = side / 4
                let towerRight = side / 4 + side / 12
                if x >= towerLeft, x < towerRight, y > side / 4, y < horizon + side / 10 {
                    pixel = ((y / (side / 16)) % 2 == 0) ? (230, 40, 40) : (245, 245, 240)
                }
                if y > horizon + side / 12, x < side / 2 - (y - horizon) / 2 { pixel = (70, 55, 40) }
                if grain > 0 {
                    noise = noise &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let shift = Int(noise >> 58) % (2 * grain + 1) - grain
                    pixel = (pixel.0 + shift, pixel.1 + shift, pixel.2 + shift)
                }
                let offset = (y * side + x) * 4
                rgba[offset] = UInt8(clamping: pixel.0)
                rgba[offset + 1] = UInt8(clamping: pixel.1)
                rgba[offset + 2] = UInt8(clamping: pixel.2)
            }
        }
        return DecodedImage(
            width: side,
            height: side,
            rgba: rgba,
            source: .init(mediaType: .png, colorType: 6, bitDepth: 8, hasAlpha: true)
        )
    }
}
