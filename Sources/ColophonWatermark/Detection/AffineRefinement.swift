/// Sharpens the lattice from the template's position in nine blocks of the image: a scale or
/// angle that is slightly off moves the template's apparent offset linearly across the image,
/// and a least-squares fit of that drift corrects the map far more finely than the spectrum can.
enum AffineRefinement {
    static let grid = 3
    /// Blocks whose template peak stands lower than this (standard deviations) are left out.
    static let minimumScore = 4.0

    static func refine(_ toTile: Matrix2, signal: Plane) -> Matrix2 {
        let side = Double(WatermarkScheme.tile)
        var points: [(x: Double, y: Double, u: Double, v: Double, weight: Double)] = []
        for blockRow in 0..<grid {
            for blockColumn in 0..<grid {
                let rows = (blockRow * signal.height / grid)..<((blockRow + 1) * signal.height / grid)
                let columns = (blockColumn * signal.width / grid)..<((blockColumn + 1) * signal.width / grid)
                // Every other pixel each way: the template lies below a quarter cycle per pixel.
                let folded = TileFold.fold(signal, toTile: toTile, rows: rows, columns: columns, step: 2)
                let offset = TileFold.templateOffset(folded)
                guard offset.score >= minimumScore else { continue }
                points.append(
                    (
                        Double(columns.lowerBound + columns.upperBound - 1) / 2,
                        Double(rows.lowerBound + rows.upperBound - 1) / 2,
                        offset.column, offset.row, offset.score
                    )
                )
            }
        }
        guard points.count >= 4, let strongest = points.indices.max(by: { points[$0].weight < points[$1].weight })
        else { return toTile }
        // Offsets are known modulo the tile: unwrap them around the strongest block's.
        let reference = points[strongest]
        func unwrap(_ value: Double, around centre: Double) -> Double {
            let shifted = value - centre + side / 2
            return centre + shifted - (shifted / side).rounded(.down) * side - side / 2
        }
        // Weighted least squares of u and v on (x, y, 1).
        var normal = [[Double]](repeating: [Double](repeating: 0, count: 3), count: 3)
        var rightU = [Double](repeating: 0, count: 3)
        var rightV = [Double](repeating: 0, count: 3)
        for point in points {
            let row = [point.x, point.y, 1]
            let u = unwrap(point.u, around: reference.u)
            let v = unwrap(point.v, around: reference.v)
            for i in 0..<3 {
                for j in 0..<3 { normal[i][j] += point.weight * row[i] * row[j] }
                rightU[i] += point.weight * row[i] * u
                rightV[i] += point.weight * row[i] * v
            }
        }
        guard let solutionU = solve3(normal, rightU), let solutionV = solve3(normal, rightV) else { return toTile }
        return toTile - Matrix2(a: solutionU[0], b: solutionU[1], c: solutionV[0], d: solutionV[1])
    }

    /// Solves a 3 × 3 system by Cramer's rule; nil when it is singular.
    static func solve3(_ m: [[Double]], _ r: [Double]) -> [Double]? {
        func det(_ a: [[Double]]) -> Double {
            a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
        }
        let d = det(m)
        guard abs(d) > 1e-9 else { return nil }
        return (0..<3).map { column in
            var replaced = m
            for row in 0..<3 { replaced[row][column] = r[row] }
            return det(replaced) / d
        }
    }
}
