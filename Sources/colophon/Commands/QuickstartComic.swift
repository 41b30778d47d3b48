import ColophonMedia
import Foundation

/// The quickstart's three-page comic, drawn on the spot: AI panel art (the sample lighthouse,
/// stamped with A1111 parameters), a border, and a lettered balloon per page; page 2's art is
/// the AI panel with a hand redraw over it.
struct QuickstartComic {
    let folder: URL

    static let pageWidth = 600
    static let pageHeight = 860
    static let art = (x: 60, y: 60, side: 480)
    static let balloon = (x: 80, y: 600, width: 440, height: 200)

    func panelPath(_ number: Int) -> String { folder.appendingPathComponent("panel-\(number).png").path }
    func pagePath(_ number: Int) -> String {
        folder.appendingPathComponent("pages").appendingPathComponent("page-\(number).png").path
    }

    /// Panel `number` as a generator saved it, with its A1111 parameters; panels 1 and 2 used
    /// the LoRA, panel 3 did not.
    func writePanel(_ number: Int, seed: Int, modelHash: String, loraHash: String?) throws -> [UInt8] {
        let lora = loraHash.map { _ in ", <lora:painterly:0.8>" } ?? ""
        let hashes = loraHash.map { ", Lora hashes: \"painterly: \($0.prefix(12))\"" } ?? ""
        let text = """
            a lighthouse keeper at dawn, panel \(number), oil painting\(lora)
            Negative prompt: blurry, watermark
            Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: \(seed), \
            Size: \(Self.art.side)x\(Self.art.side), Model hash: \(modelHash.prefix(10)), Model: sd_xl_base_sample\(hashes), \
            Version: v1.10.1
            """
        var png = try PNGFile(bytes: try PNGEncoder.encode(SampleArt.lighthouse(side: Self.art.side, grain: number)))
        try png.setText(PNGText(keyword: "parameters", text: text, kind: .text))
        let bytes = png.serialized()
        try Data(bytes).write(to: URL(fileURLWithPath: panelPath(number)))
        return bytes
    }

    /// The panel with the author's hand redraw over the keeper: dark strokes, as a paint-over.
    func redraw(_ panel: DecodedImage) -> DecodedImage {
        var rgba = panel.rgba
        for y in 150..<330 {
            for x in 150..<210 where (x + y) % 7 < 3 {
                let offset = (y * panel.width + x) * 4
                rgba[offset] = 30
                rgba[offset + 1] = 24
                rgba[offset + 2] = 20
            }
        }
        return DecodedImage(width: panel.width, height: panel.height, rgba: rgba, source: panel.source)
    }

    /// A page: white paper, a black border round the art, the art, and a balloon with lines of
    /// lettering.
    func page(art: DecodedImage, lines: Int) -> DecodedImage {
        let width = Self.pageWidth
        var rgba = [UInt8](repeating: 255, count: width * Self.pageHeight * 4)
        func fill(_ x0: Int, _ y0: Int, _ w: Int, _ h: Int, _ value: UInt8) {
            for y in y0..<(y0 + h) {
                for x in x0..<(x0 + w) {
                    let offset = (y * width + x) * 4
                    rgba[offset] = value
                    rgba[offset + 1] = value
                    rgba[offset + 2] = value
                }
            }
        }
        fill(Self.art.x - 10, Self.art.y - 10, Self.art.side + 20, Self.art.side + 20, 0)
        for y in 0..<art.height {
            for x in 0..<art.width {
                let from = (y * art.width + x) * 4
                let to = ((Self.art.y + y) * width + Self.art.x + x) * 4
                rgba[to] = art.rgba[from]
                rgba[to + 1] = art.rgba[from + 1]
                rgba[to + 2] = art.rgba[from + 2]
            }
        }
        let b = Self.balloon
        fill(b.x, b.y, b.width, b.height, 0)
        fill(b.x + 3, b.y + 3, b.width - 6, b.height - 6, 255)
        for line in 0..<lines {
            fill(b.x + 30, b.y + 30 + line * 40, b.width - 60 - (line % 2) * 80, 14, 40)
        }
        return DecodedImage(
            width: width,
            height: Self.pageHeight,
            rgba: rgba,
            source: .init(mediaType: .png, colorType: 2, bitDepth: 8, hasAlpha: false)
        )
    }

    /// Writes a page image and returns its bytes.
    func writePage(_ number: Int, _ image: DecodedImage) throws -> [UInt8] {
        let bytes = try PNGEncoder.encode(image, alpha: false)
        let url = URL(fileURLWithPath: pagePath(number))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return bytes
    }
}
