public import ColophonRecords

/// The openings of one record's committed fields, as `colophon reveal` prints them and as an
/// evidence bundle carries them (`openings/<hex>.json`).
public struct RecordOpenings: Codable, Hashable, Sendable {
    public var record: String
    public var openings: [FieldOpening]

    public init(record: String, openings: [FieldOpening]) {
        self.record = record
        self.openings = openings
    }

    /// Why these openings do not open this record's commitments, or nil when every one does.
    public func problem(against statement: Statement) -> String? {
        guard let generation = try? statement.decodePredicate(as: GenerationPredicate.self) else {
            return "\(record) is not a generation record with committed fields"
        }
        for opening in openings {
            guard let commitment = FieldOpening.commitment(of: opening.field, in: generation) else {
                return "\(record) commits to no \(opening.field)"
            }
            guard commitment == opening.commitment else {
                return "the opening of \(opening.field) does not match \(record)'s commitment"
            }
        }
        return nil
    }
}
