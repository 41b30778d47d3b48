/// The tile as signals: the pattern a payload makes, and the chip statistics read back from a
/// folded tile. The embedder uses both (it predicts what the detector will read); the detector
/// uses the second.
enum TilePattern {
    static let side = WatermarkScheme.tile

    /// The watermark tile for per-slot chip amplitudes (sign included): the template at its
    /// share of the energy plus the smoothed chip grid, each at unit RMS.
    static func tile(slotAmplitudes: [Float]) -> [Float] {
        var chips = [Float](repeating: 0, count: WatermarkScheme.chips)
        let layout = TileLayout.shared
        for (slot, amplitude) in slotAmplitudes.enumerated() { chips[layout.slotChip[slot]] = amplitude }
        let chipSide = WatermarkScheme.chip
        var grid = [Float](repeating: 0, count: side * side)
        for v in 0..<side {
            for u in 0..<side {
                grid[v * side + u] = chips[(v / chipSide) * WatermarkScheme.chipsPerSide + u / chipSide]
            }
        }
        let payload = smooth(grid)
        let energy = payload.reduce(0) { $0 + Double($1) * Double($1) } / Double(payload.count)
        let payloadScale = Float(((1 - WatermarkScheme.templateShare) / max(energy, 1e-30)).squareRoot())
        let templateScale = Float(WatermarkScheme.templateShare.squareRoot())
        return zip(layout.template, payload).map { templateScale * $0 + payloadScale * $1 }
    }

    /// The chip kernel applied circularly along rows, then columns.
    static func smooth(_ tile: [Float]) -> [Float] {
        let kernel = WatermarkScheme.chipKernel.map { $0 / WatermarkScheme.chipKernel.reduce(0, +) }
        let reach = kernel.count / 2
        var rows = [Float](repeating: 0, count: tile.count)
        for v in 0..<side {
            for u in 0..<side {
                var sum: Float = 0
                for (index, weight) in kernel.enumerated() {
                    sum += weight * tile[v * side + (u + index - reach + side) % side]
                }
                rows[v * side + u] = sum
            }
        }
        var out = [Float](repeating: 0, count: tile.count)
        for v in 0..<side {
            for u in 0..<side {
                var sum: Float = 0
                for (index, weight) in kernel.enumerated() {
                    sum += weight * rows[((v + index - reach + side) % side) * side + u]
                }
                out[v * side + u] = sum
            }
        }
        return out
    }

    /// How many image pixels fall on each tile pixel when a `width` × `height` image is folded
    /// at offset 0.
    static func foldCounts(width: Int, height: Int) -> [Float] {
        var counts = [Float](repeating: 0, count: side * side)
        for v in 0..<side {
            let rowsHere = Float(height / side + (v < height % side ? 1 : 0))
            for u in 0..<side { counts[v * side + u] = rowsHere * Float(width / side + (u < width % side ? 1 : 0)) }
        }
        return counts
    }

    /// A tile minus its circular 7 × 7 mean: the whitening's high-pass, in the tile's own
    /// coordinates.
    static func highPass(_ tile: [Float]) -> [Float] {
        var rows = [Float](repeating: 0, count: tile.count)
        for v in 0..<side {
            for u in 0..<side {
                var sum: Float = 0
                for offset in -3...3 { sum += tile[v * side + (u + offset + side) % side] }
                rows[v * side + u] = sum
            }
        }
        var out = tile
        for v in 0..<side {
            for u in 0..<side {
                var sum: Float = 0
                for offset in -3...3 { sum += rows[((v + offset + side) % side) * side + u] }
                out[v * side + u] -= sum / 49
            }
        }
        return out
    }

    /// Per coded bit, the sum over its slots of sign × chip response, read from a folded tile
    /// already aligned to the tile's origin: the template's part is projected out, the chip
    /// kernel applied, and each chip's 4 × 4 block summed.
    static func bitSums(_ folded: [Float]) -> [Float] {
        let layout = TileLayout.shared
        var dot: Float = 0
        var norm: Float = 0
        for (value, template) in zip(folded, layout.template) {
            dot += value * template
            norm += template * template
        }
        let projection = dot / max(norm, 1e-30)
        let cleaned = smooth(zip(folded, layout.template).map { $0 - projection * $1 })
        let chipSide = WatermarkScheme.chip
        var chips = [Float](repeating: 0, count: WatermarkScheme.chips)
        for v in 0..<side {
            for u in 0..<side {
                chips[(v / chipSide) * WatermarkScheme.chipsPerSide + u / chipSide] += cleaned[v * side + u]
            }
        }
        var sums = [Float](repeating: 0, count: WatermarkScheme.codedBits)
        for slot in 0..<WatermarkScheme.chips {
            sums[TileLayout.bit(ofSlot: slot)] += layout.slotSign[slot] * chips[layout.slotChip[slot]]
        }
        return sums
    }
}
