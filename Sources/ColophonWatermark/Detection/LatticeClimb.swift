import Foundation

/// Sharpens the lattice of a small image, where the nine-block refinement has too few pixels per
/// block to see the template: a pattern search over the map's four entries for the greatest
/// template energy (the summed magnitudes of the 16 template frequencies of the fold).
///
/// The energy is taken over a central window of at most `window` pixels a side, every other
/// pixel each way, from the fold's plain sums: a mean fold of a sparse sampling leaves tile
/// pixels empty near whole-number scales, which would bias the search away from them.
enum LatticeClimb {
    /// Images whose shorter side is below this are climbed; larger ones refine well by blocks.
    static let smallSide = 768
    static let window = 384
    /// Relative steps, from the first to the last: 0.4 % halved down to 0.05 %.
    static let firstStep = 0.004
    static let lastStep = 0.0005
    /// A bound on energy evaluations, whatever the image.
    static let maximumEvaluations = 120
    /// An energy an unmarked image does not reach (it gives 1 to 2.3): the lattice has locked,
    /// and a second start is not needed.
    static let lockedEnergy = 3.0

    /// The climbed map (image pixel to tile coordinates) and its energy in units of what an
    /// unmarked image gives (about 1 there; a locked lattice stands several times higher).
    static func climb(_ toTile: Matrix2, signal: Plane) -> (toTile: Matrix2, energy: Double) {
        let height = min(signal.height, window)
        let width = min(signal.width, window)
        let rows = ((signal.height - height) / 2)..<((signal.height - height) / 2 + height)
        let columns = ((signal.width - width) / 2)..<((signal.width - width) / 2 + width)
        var power = 0.0
        for y in Swift.stride(from: rows.lowerBound, to: rows.upperBound, by: 2) {
            for x in Swift.stride(from: columns.lowerBound, to: columns.upperBound, by: 2) {
                let value = Double(signal.values[y * signal.width + x])
                power += value * value
            }
        }
        // An unmarked image's coefficients are Rayleigh-distributed with mean √(π·power)/2.
        let unit = Double(TileLayout.shared.frequencies.count) * (Double.pi * power).squareRoot() / 2 + 1e-12
        func energy(_ map: Matrix2) -> Double {
            let folded = TileFold.fold(signal, toTile: map, rows: rows, columns: columns, step: 2, averaged: false)
            return TileFold.templateCoefficients(folded).reduce(0) {
                $0 + ($1.real * $1.real + $1.imaginary * $1.imaginary).squareRoot()
            } / unit
        }
        var best = toTile
        var bestEnergy = energy(toTile)
        var evaluations = 1
        var step = firstStep
        while step >= lastStep, evaluations < maximumEvaluations {
            var improved = false
            let size = max(abs(best.a), abs(best.b), abs(best.c), abs(best.d)) * step
            for entry in 0..<4 {
                for sign in [1.0, -1.0] {
                    var candidate = best
                    switch entry {
                    case 0: candidate.a += sign * size
                    case 1: candidate.b += sign * size
                    case 2: candidate.c += sign * size
                    default: candidate.d += sign * size
                    }
                    let candidateEnergy = energy(candidate)
                    evaluations += 1
                    if candidateEnergy > bestEnergy {
                        best = candidate
                        bestEnergy = candidateEnergy
                        improved = true
                        break
                    }
                }
            }
            if !improved { step /= 2 }
        }
        return (best, bestEnergy)
    }
}
