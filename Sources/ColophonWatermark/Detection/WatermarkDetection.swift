/// What the detector found in one image.
public struct WatermarkDetection: Sendable, Equatable {
    /// The watermark id, when a frame decoded and its 40 check bits held.
    public var id: WatermarkID?
    /// Coded bits the decoder corrected (of 312) in the frame it settled on.
    public var correctedBits: Int
    /// How far the synchronisation template's correlation peak stood above the rest, in standard
    /// deviations (4 and under is noise).
    public var templateScore: Double
    /// Frames decoded and checked: each could pass the check by chance.
    public var hypotheses: Int
    /// The chance that an image without this watermark would be reported as marked: at most
    /// hypotheses × 2⁻⁴⁰.
    public var falsePositiveBound: Double
    /// The lattice found: scale relative to the marked image, rotation in degrees, and where the
    /// tile's origin falls (tile pixels).
    public var scale: Double?
    public var rotationDegrees: Double?
    public var offset: (x: Double, y: Double)?

    public var found: Bool { id != nil }

    public static func == (lhs: WatermarkDetection, rhs: WatermarkDetection) -> Bool {
        lhs.id == rhs.id && lhs.correctedBits == rhs.correctedBits && lhs.templateScore == rhs.templateScore
            && lhs.hypotheses == rhs.hypotheses && lhs.scale == rhs.scale
            && lhs.rotationDegrees == rhs.rotationDegrees && lhs.offset?.x == rhs.offset?.x
            && lhs.offset?.y == rhs.offset?.y
    }
}
