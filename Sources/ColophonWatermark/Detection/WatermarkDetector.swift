import Foundation

/// Reads the watermark from pixels as delivered, knowing nothing of the original's size,
/// position or angle: whiten, find the lattice's scale and rotation from the template's spectral
/// peaks, sharpen them from the template's drift across nine blocks, fold the whole image into
/// one tile, find the tile's origin from the template, read the chips, decode the convolutional
/// code and check the frame's 40 check bits.
public enum WatermarkDetector {
    /// The smallest side read (the lattice needs a 256-pixel square).
    public static let minimumSide = 256
    /// Refinement passes over the nine blocks.
    static let refinementPasses = 2
    /// The largest square read: the centre of a bigger image (256 tiles are plenty, and time and
    /// memory stay bounded whatever the image's size).
    public static let maximumRegion = 2048

    /// The whitened luminance of the image's centre, at most `maximumRegion` a side.
    static func signal(_ pixels: RGBAPixels) -> Plane {
        let height = min(pixels.height, maximumRegion)
        let width = min(pixels.width, maximumRegion)
        let top = (pixels.height - height) / 2
        let left = (pixels.width - width) / 2
        return pixels.luma(rows: top..<(top + height), columns: left..<(left + width)).whitened()
    }

    /// The result for one image; `found` is false for images too small or unmarked.
    public static func detect(_ pixels: RGBAPixels) -> WatermarkDetection {
        var result = WatermarkDetection(
            id: nil,
            correctedBits: 0,
            templateScore: 0,
            hypotheses: 0,
            falsePositiveBound: 0,
            scale: nil,
            rotationDegrees: nil,
            offset: nil
        )
        guard pixels.width >= minimumSide, pixels.height >= minimumSide else { return result }
        let signal = Self.signal(pixels)
        // Hypothesis 1: the lattice the template's peaks give, refined. Hypothesis 2, when that
        // fails and was not already the unmoved lattice: the image as marked.
        var candidates: [Matrix2] = []
        if let lattice = Self.lattice(signal) { candidates.append(lattice) }
        if !candidates.contains(where: Self.isUnmoved) { candidates.append(.identity) }
        for toTile in candidates {
            result = decode(signal, toTile: toTile, hypotheses: result.hypotheses + 1)
            if result.found { break }
        }
        return result
    }

    /// The lattice (image pixel to tile coordinates) from the spectrum, sharpened: by the drift
    /// of the template across nine blocks, and in a small image, whose blocks are too small for
    /// that, by climbing the template's energy from the fitted lattice and, unless that
    /// locked, from the coarse one — whichever stands higher. Choosing by the template alone keeps it one hypothesis.
    static func lattice(_ signal: Plane) -> Matrix2? {
        guard let spectrum = Spectrum(signal), let found = LatticeSearch.find(in: spectrum) else { return nil }
        let small = min(signal.width, signal.height) < LatticeClimb.smallSide
        var best: (toTile: Matrix2, energy: Double)?
        for start in small ? [found.map, found.coarse] : [found.map] {
            guard var toTile = start.inverse else { continue }
            for _ in 0..<refinementPasses { toTile = AffineRefinement.refine(toTile, signal: signal) }
            guard small else { return toTile }
            let climbed = LatticeClimb.climb(toTile, signal: signal)
            if climbed.energy > best?.energy ?? -1 { best = climbed }
            if climbed.energy >= LatticeClimb.lockedEnergy { break }
        }
        return best?.toTile
    }

    /// Reads the watermark only as the image was made — no search for scale, rotation or crop —
    /// at a quarter of the cost: enough to tell whether pixels about to be marked already carry
    /// a mark (a generator's img2img from a marked image keeps its geometry).
    public static func detectUnmoved(_ pixels: RGBAPixels) -> WatermarkDetection {
        guard pixels.width >= minimumSide, pixels.height >= minimumSide else {
            return decodeNothing()
        }
        return decode(Self.signal(pixels), toTile: .identity, hypotheses: 1)
    }

    static func decodeNothing() -> WatermarkDetection {
        WatermarkDetection(
            id: nil,
            correctedBits: 0,
            templateScore: 0,
            hypotheses: 0,
            falsePositiveBound: 0,
            scale: nil,
            rotationDegrees: nil,
            offset: nil
        )
    }

    /// Within a tenth of a pixel of the identity over a tile.
    static func isUnmoved(_ toTile: Matrix2) -> Bool {
        let difference = toTile - .identity
        return max(abs(difference.a), abs(difference.b), abs(difference.c), abs(difference.d))
            < 0.1 / Double(WatermarkScheme.tile)
    }

    /// Folds, aligns and decodes under one lattice: hypothesis number `hypotheses`.
    static func decode(_ signal: Plane, toTile: Matrix2, hypotheses: Int) -> WatermarkDetection {
        var result = WatermarkDetection(
            id: nil,
            correctedBits: 0,
            templateScore: 0,
            hypotheses: hypotheses,
            falsePositiveBound: Double(hypotheses) * pow(2, -Double(WatermarkScheme.checkBits)),
            scale: nil,
            rotationDegrees: nil,
            offset: nil
        )
        let folded = TileFold.fold(signal, toTile: toTile, rows: 0..<signal.height, columns: 0..<signal.width)
        let offset = TileFold.templateOffset(folded)
        let side = WatermarkScheme.tile
        let row = Int(offset.row.rounded(.toNearestOrEven)) % side
        let column = Int(offset.column.rounded(.toNearestOrEven)) % side
        var aligned = [Float](repeating: 0, count: side * side)
        for v in 0..<side {
            for u in 0..<side { aligned[v * side + u] = folded[((v + row) % side) * side + (u + column) % side] }
        }
        var soft = TilePattern.bitSums(aligned)
        let mean = soft.reduce(0, +) / Float(soft.count)
        let deviation = (soft.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(soft.count)).squareRoot()
        for index in soft.indices { soft[index] = 2 * soft[index] / (deviation + 1e-12) }
        let bits = ConvolutionalCode.decode(soft)
        let recoded = ConvolutionalCode.encode(bits)
        result.correctedBits = zip(soft, recoded).filter { ($0 < 0 ? 1 : 0) != $1 }.count
        result.templateScore = offset.score
        if let map = toTile.inverse {
            result.scale = (abs(map.determinant)).squareRoot()
            result.rotationDegrees = atan2(map.c, map.a) * 180 / Double.pi
        }
        result.offset = (offset.column, offset.row)
        result.id = WatermarkFrame.payload(from: bits).map(WatermarkID.init)
        return result
    }
}
