import ColophonRecords

/// Whether a stored entry's statement names a subject digest — the exact check behind the
/// subject index, whose 64-bit keys may collide.
enum SubjectMatch {
    static func entry(_ body: [UInt8], has subject: SubjectDigest) -> Bool {
        guard let envelope = try? Envelope(jsonBytes: body),
            let statement = try? JSONParser().parse(envelope.payload),
            let subjects = statement["subject"]?.arrayValue
        else { return false }
        return subjects.contains { $0["digest"]?[subject.algorithm]?.stringValue == subject.value }
    }
}
