public import ColophonRecords

/// One version of a work as the ledger holds it.
public struct WorkVersion: Sendable {
    public var record: RecordID
    public var index: UInt64
    /// With every page's elements, read from the elements blob when the record keeps them there.
    public var predicate: WorkPredicate

    public init(record: RecordID, index: UInt64, predicate: WorkPredicate) {
        self.record = record
        self.index = index
        self.predicate = predicate
    }

    /// Every element with its page number.
    public var elements: [(page: Int, element: WorkPredicate.Element)] {
        predicate.pages.flatMap { page in (page.elements ?? []).map { (page.number, $0) } }
    }
}
