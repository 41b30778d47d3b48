public import ColophonRecords

extension RecordID {
    /// The id cut to its first twelve hex digits, for report lines a person reads; every JSON
    /// output keeps the whole id.
    public var short: String {
        String(description.prefix(19)) + "…"
    }
}
