public import ColophonRecords

extension Region {
    /// The smallest box around the region; nil for a mask (its shape is in another file) or a
    /// polygon with a point that is not finite.
    public var bounds: Box? {
        switch self {
        case .box(let box):
            return box
        case .polygon(let points):
            let xs = points.compactMap { $0.count == 2 ? $0[0] : nil }
            let ys = points.compactMap { $0.count == 2 ? $0[1] : nil }
            guard xs.count == points.count, let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(),
                let maxY = ys.max(), (xs + ys).allSatisfy(\.isFinite)
            else { return nil }
            return Box(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
        case .mask:
            return nil
        }
    }

    /// Why the region is not a usable shape, or nil: boxes need a positive size, polygons at
    /// least three points of two finite coordinates each.
    public var problem: String? {
        switch self {
        case .box(let box):
            guard [box.x, box.y, box.width, box.height].allSatisfy(\.isFinite) else {
                return "the box has a coordinate that is not a finite number"
            }
            return box.width > 0 && box.height > 0 ? nil : "the box has no area (width and height must be positive)"
        case .polygon(let points):
            guard points.count >= 3 else { return "a polygon needs at least 3 points" }
            return bounds == nil ? "every polygon point needs two finite coordinates" : nil
        case .mask(let digest):
            return Ledger.isHex(digest, length: 64) ? nil : "the mask digest is not 64 lower-case hex digits"
        }
    }

    /// Whether the region lies inside a page of this size (within half a pixel, for rounding).
    public func fits(width: Int, height: Int) -> Bool {
        guard let box = bounds else { return true }
        let slack = 0.5
        return box.x >= -slack && box.y >= -slack && box.x + box.width <= Double(width) + slack
            && box.y + box.height <= Double(height) + slack
    }
}
