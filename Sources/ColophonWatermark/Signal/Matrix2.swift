import Foundation

/// A 2 × 2 matrix: the linear part of the map between image pixels and tile coordinates.
struct Matrix2: Sendable, Equatable {
    var a: Double
    var b: Double
    var c: Double
    var d: Double

    static let identity = Matrix2(a: 1, b: 0, c: 0, d: 1)

    /// Scale `s` and rotation `angle` (radians): [[s cos, −s sin], [s sin, s cos]].
    static func similarity(scale s: Double, angle: Double) -> Matrix2 {
        Matrix2(a: s * cos(angle), b: -s * sin(angle), c: s * sin(angle), d: s * cos(angle))
    }

    var determinant: Double { a * d - b * c }

    var inverse: Matrix2? {
        let det = determinant
        guard abs(det) > 1e-12 else { return nil }
        return Matrix2(a: d / det, b: -b / det, c: -c / det, d: a / det)
    }

    var transposed: Matrix2 { Matrix2(a: a, b: c, c: b, d: d) }

    func times(_ x: Double, _ y: Double) -> (Double, Double) { (a * x + b * y, c * x + d * y) }

    static func * (lhs: Matrix2, rhs: Matrix2) -> Matrix2 {
        Matrix2(
            a: lhs.a * rhs.a + lhs.b * rhs.c,
            b: lhs.a * rhs.b + lhs.b * rhs.d,
            c: lhs.c * rhs.a + lhs.d * rhs.c,
            d: lhs.c * rhs.b + lhs.d * rhs.d
        )
    }

    static func * (lhs: Double, rhs: Matrix2) -> Matrix2 {
        Matrix2(a: lhs * rhs.a, b: lhs * rhs.b, c: lhs * rhs.c, d: lhs * rhs.d)
    }

    static func - (lhs: Matrix2, rhs: Matrix2) -> Matrix2 {
        Matrix2(a: lhs.a - rhs.a, b: lhs.b - rhs.b, c: lhs.c - rhs.c, d: lhs.d - rhs.d)
    }
}
