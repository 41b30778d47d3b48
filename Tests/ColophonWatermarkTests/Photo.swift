import ColophonMedia
import ColophonWatermark
import Foundation

/// The repository's natural photographs (Tests/Fixtures/photos, public domain and CC0 from
/// scikit-image), decoded, and simple edits made in Swift.
enum Photo {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/photos").standardized
    static let names = ["astronaut", "coffee", "chelsea", "rocket"]

    static func load(_ name: String) throws -> RGBAPixels {
        let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name + ".jpg")))
        let image = try ImageDecoder.decode(bytes)
        return try RGBAPixels(width: image.width, height: image.height, bytes: image.rgba)
    }

    /// Bilinear resampling to a new size.
    static func resized(_ image: RGBAPixels, width: Int, height: Int) throws -> RGBAPixels {
        var out = [UInt8](repeating: 255, count: width * height * 4)
        let sx = Double(image.width) / Double(width)
        let sy = Double(image.height) / Double(height)
        for y in 0..<height {
            let fy = max(0, min(Double(image.height - 1), (Double(y) + 0.5) * sy - 0.5))
            let y0 = Int(fy)
            let y1 = min(y0 + 1, image.height - 1)
            let wy = fy - Double(y0)
            for x in 0..<width {
                let fx = max(0, min(Double(image.width - 1), (Double(x) + 0.5) * sx - 0.5))
                let x0 = Int(fx)
                let x1 = min(x0 + 1, image.width - 1)
                let wx = fx - Double(x0)
                for channel in 0..<3 {
                    func at(_ px: Int, _ py: Int) -> Double {
                        Double(image.bytes[(py * image.width + px) * 4 + channel])
                    }
                    let value =
                        (at(x0, y0) * (1 - wx) + at(x1, y0) * wx) * (1 - wy) + (at(x0, y1) * (1 - wx) + at(x1, y1) * wx)
                        * wy
                    out[(y * width + x) * 4 + channel] = UInt8(min(max(value.rounded(), 0), 255))
                }
            }
        }
        return try RGBAPixels(width: width, height: height, bytes: out)
    }

    static func cropped(_ image: RGBAPixels, x: Int, y: Int, width: Int, height: Int) throws -> RGBAPixels {
        var out: [UInt8] = []
        out.reserveCapacity(width * height * 4)
        for row in y..<(y + height) {
            let start = (row * image.width + x) * 4
            out += image.bytes[start..<(start + width * 4)]
        }
        return try RGBAPixels(width: width, height: height, bytes: out)
    }
}
