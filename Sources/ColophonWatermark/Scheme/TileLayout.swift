import Foundation

/// Where everything sits in a tile: the template's frequencies and phases, and which chip
/// carries which coded bit with which sign. Derived once from ``SchemeRandom``.
struct TileLayout: Sendable {
    /// Template frequencies `(k, l)` in cycles per tile along x and y.
    let frequencies: [(k: Int, l: Int)]
    /// Template phases in radians.
    let phases: [Double]
    /// Chip index (row-major in the 32 × 32 grid) of payload slot `j`.
    let slotChip: [Int]
    /// Spreading sign of payload slot `j`.
    let slotSign: [Float]
    /// The template tile, unit RMS, row-major.
    let template: [Float]

    static let shared = TileLayout()

    private init() {
        // Candidates in the half plane (k > 0, or k = 0 and l > 0), k outer, l inner, with a
        // radius in the template band and no common factor (so that no scale of the lattice
        // by 1/2 or 2 matches another template point).
        var candidates: [(k: Int, l: Int)] = []
        for k in 0...12 {
            for l in -12...12 where k > 0 || (k == 0 && l > 0) {
                let radius = (Double(k * k + l * l)).squareRoot()
                if WatermarkScheme.templateRadius.contains(radius), Self.gcd(k, l) == 1 { candidates.append((k, l)) }
            }
        }
        var chosen: [(k: Int, l: Int)] = []
        for index in SchemeRandom.order("template-order", count: candidates.count) {
            let (k, l) = candidates[index]
            // Its quarter turn, in the half plane: a template is never its own rotation by 90°.
            let turned = l > 0 || (l == 0 && -k > 0) ? (k: l, l: -k) : (k: -l, l: k)
            if chosen.contains(where: { $0.k == turned.k && $0.l == turned.l }) { continue }
            chosen.append((k, l))
            if chosen.count == WatermarkScheme.templateFrequencies { break }
        }
        frequencies = chosen
        phases = SchemeRandom.words("template-phases", count: chosen.count).map {
            Double($0) / 4_294_967_296 * 2 * Double.pi
        }
        slotChip = SchemeRandom.order("chip-order", count: WatermarkScheme.chips)
        slotSign = SchemeRandom.bits("payload-signs", count: WatermarkScheme.chips).map { $0 == 0 ? 1 : -1 }

        let side = WatermarkScheme.tile
        var tile = [Double](repeating: 0, count: side * side)
        for (index, frequency) in chosen.enumerated() {
            for v in 0..<side {
                for u in 0..<side {
                    let angle = 2 * Double.pi * Double(frequency.k * u + frequency.l * v) / Double(side)
                    tile[v * side + u] += cos(angle + phases[index])
                }
            }
        }
        let rms = (tile.reduce(0) { $0 + $1 * $1 } / Double(tile.count)).squareRoot()
        template = tile.map { Float($0 / rms) }
    }

    /// The coded bit payload slot `j` carries.
    static func bit(ofSlot slot: Int) -> Int { slot % WatermarkScheme.codedBits }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
