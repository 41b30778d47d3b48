public import ColophonCrypto
public import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// What ``recordWork(_:key:)`` appended.
    public struct WorkRecorded: Sendable {
        public var record: AppendResult
        public var version: WorkVersion
        /// The version this one replaces.
        public var supersedes: RecordID?
        /// True when the elements went to a blob because they did not fit in the record.
        public var elementsInBlob: Bool
    }

    /// The element kinds, origins and modification extents a work may use.
    static let elementKinds: Set<String> = [
        "panel", "panel_art", "balloon", "caption", "sfx", "border", "background", "other",
    ]
    static let origins: Set<String> = ["ai", "human", "mixed"]
    static let extents: Set<String> = ["none", "minor", "extensive"]

    /// The subject that files every version of a work under its id.
    public static func workSubject(_ workId: String) -> Subject {
        Subject(name: "work:" + workId, sha256: SHA256.hash(utf8: "colophon-work:" + workId).hex)
    }

    /// Appends a version of a work. Its version number follows the current one's, and it names
    /// the record it supersedes (when the same key signed that one, a `correction` marks it
    /// superseded too). Every generation and contribution record an element cites must exist
    /// and be of that type; boxes must lie on their page. Elements that do not fit in one
    /// record go to a blob the record binds by digest.
    ///
    /// - Throws: ``LedgerError`` `.badInput` for an inconsistent work, `.notFound` for a cited
    ///   record that is not in the ledger.
    public func recordWork(_ work: WorkPredicate, key: SigningKey) async throws -> WorkRecorded {
        var predicate = work
        try Self.check(predicate)
        try await checkReferences(predicate)
        let current = try await currentWork(predicate.workId)
        let (next, overflow) = (current?.predicate.version ?? 0).addingReportingOverflow(1)
        guard !overflow else { throw LedgerError(.badInput, "the work \(predicate.workId) has no version number left") }
        predicate.version = next
        predicate.supersedesRecord = current?.record.description
        predicate.elementsBlob = nil

        var subjects = [Self.workSubject(predicate.workId)]
        var seen: Set<String> = []
        for page in predicate.pages where seen.insert(page.sha256).inserted {
            subjects.append(Subject(name: page.fileName ?? "page-\(page.number)", sha256: page.sha256))
        }
        var statement = try Self.workStatement(subjects: subjects, predicate: predicate)
        var inBlob = false
        var blobs: [[UInt8]] = []
        if statement == nil {
            // Too big for one record. The pages with their elements go to a blob the record
            // binds by digest; the record keeps the bare page list if it fits, and as many
            // page digests as subjects as fit, so the work is still found from its pages.
            let blob = try CanonicalJSON.encode(JSONValue(encoding: predicate.pages))
            var slim = predicate
            slim.elementsBlob = Self.blobReference(blob)
            blobs.append(blob)
            slim.pages = predicate.pages.map { page in
                var bare = page
                bare.elements = nil
                return bare
            }
            inBlob = true
            statement = try Self.workStatement(subjects: subjects, predicate: slim)
            if statement == nil {
                slim.pages = []
                let short = [subjects[0]] + subjects.dropFirst().map { Subject(name: nil, sha256: $0.sha256 ?? "") }
                var fitting = short.count
                while fitting > 1 {
                    statement = try Self.workStatement(subjects: Array(short.prefix(fitting)), predicate: slim)
                    if statement != nil { break }
                    fitting = max(1, fitting * 9 / 10)
                }
                if statement == nil { statement = try Self.workStatement(subjects: [subjects[0]], predicate: slim) }
            }
        }
        guard let statement else {
            throw LedgerError(
                .badInput,
                "the work \(predicate.workId) has too many pages (\(predicate.pages.count)) for one record; record it as volumes"
            )
        }
        let appended = try await appendOne(try Envelope.sign(statement, with: key), what: "the work", blobs: blobs)
        if let current,
            try await record(current.record).envelope.signatures.contains(where: {
                $0.keyID == key.verifyingKey.keyID
            })
        {
            _ = try await appendOne(
                try Self.supersession(of: current.record, by: appended.recordID, key: key),
                what: "the supersession of the previous version"
            )
        }
        return WorkRecorded(
            record: appended,
            version: WorkVersion(record: appended.recordID, index: appended.index, predicate: predicate),
            supersedes: current?.record,
            elementsInBlob: inBlob
        )
    }

    /// The newest standing version of a work (not retracted, signatures valid), with its
    /// elements; nil when the ledger has none.
    public func currentWork(_ workId: String) async throws -> WorkVersion? {
        try await workVersions(workId).last
    }

    /// Every standing version of a work, oldest first.
    public func workVersions(_ workId: String) async throws -> [WorkVersion] {
        let subject = Self.workSubject(workId)
        var versions: [WorkVersion] = []
        for entry in try await entries(subject: "sha256", value: subject.sha256 ?? "")
        where entry.predicateType == PredicateType.work.rawValue {
            let found = try await record(entry: entry, registry: nil)
            guard found.verdict.isValid, found.status != "retracted",
                let version = try await workVersion(found), version.predicate.workId == workId
            else { continue }
            versions.append(version)
        }
        return versions
    }

    /// A work record read in full: its elements blob, if it has one, is loaded and checked.
    public func workVersion(_ found: LedgerRecord) async throws -> WorkVersion? {
        guard var predicate = try? found.statement.decodePredicate(as: WorkPredicate.self) else { return nil }
        if let blob = predicate.elementsBlob {
            guard let digest = SHA256Digest(hex: blob.dropFirst("sha256:".count)),
                let bytes = try await storage({ try await store.blob(digest) })
            else {
                throw LedgerError(.notFound, "the elements blob \(blob) of work \(predicate.workId) is missing")
            }
            do {
                let value = try JSONParser().parse(bytes)
                predicate.pages = try value.decode(as: [WorkPredicate.Page].self)
                // The blob was never schema-checked: check it as a new work would be.
                try Self.check(predicate)
            } catch {
                throw LedgerError(
                    .storage,
                    "the elements blob \(blob) of work \(predicate.workId) does not parse: \(error)"
                )
            }
        }
        return WorkVersion(record: found.recordID, index: found.entry.index, predicate: predicate)
    }

    /// A work by record id, or by work id (its current version).
    public func work(_ reference: String) async throws -> WorkVersion {
        if let id = RecordID(reference) {
            let found = try await record(id)
            guard let version = try await workVersion(found) else {
                throw LedgerError(.badInput, "\(reference) is not a work record")
            }
            return version
        }
        guard let version = try await currentWork(reference) else {
            throw LedgerError(.notFound, "no work \(reference) in this ledger")
        }
        return version
    }

    /// The statement, or nil when it is over the record budget.
    static func workStatement(subjects: [Subject], predicate: WorkPredicate) throws -> Statement? {
        do {
            let statement = try Statement(subjects: subjects, predicate: predicate)
            return try statement.canonicalBytes().count <= Statement.maxBytes ? statement : nil
        } catch let error as RecordError where error.code == .tooLarge {
            return nil
        } catch {
            throw LedgerError(.badInput, "the work \(predicate.workId): \(error)")
        }
    }

    static func supersession(of old: RecordID, by new: RecordID, key: SigningKey) throws -> Envelope {
        let statement = try correction(
            of: old,
            action: .supersede,
            reason: "a new version of the work",
            replacement: new
        )
        return try Envelope.sign(statement, with: key)
    }

    static func check(_ work: WorkPredicate) throws {
        let name = work.workId
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError(.badInput, "a work needs an id")
        }
        guard !work.title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError(.badInput, "the work \(name) needs a title")
        }
        guard !work.pages.isEmpty else { throw LedgerError(.badInput, "the work \(name) has no pages") }
        var numbers: Set<Int> = []
        var ids: Set<String> = []
        for page in work.pages {
            guard page.number >= 1, numbers.insert(page.number).inserted else {
                throw LedgerError(.badInput, "page number \(page.number) of \(name) is repeated or below 1")
            }
            guard Self.isHex(page.sha256, length: 64) else {
                throw LedgerError(.badInput, "page \(page.number) of \(name): the digest is not 64 lower-case hex")
            }
            for element in page.elements ?? [] {
                let at = "element \(element.id) on page \(page.number) of \(name)"
                guard ids.insert(element.id).inserted else { throw LedgerError(.badInput, "\(at) is repeated") }
                guard elementKinds.contains(element.kind) else {
                    throw LedgerError(.badInput, "\(at): unknown kind \(element.kind)")
                }
                guard origins.contains(element.origin) else {
                    throw LedgerError(.badInput, "\(at): the origin must be ai, human or mixed, not \(element.origin)")
                }
                if let extent = element.humanModification, !extents.contains(extent) {
                    throw LedgerError(.badInput, "\(at): the modification must be none, minor or extensive")
                }
                if let box = element.box {
                    if let problem = Region.box(box).problem { throw LedgerError(.badInput, "\(at): \(problem)") }
                    if let width = page.width, let height = page.height,
                        !Region.box(box).fits(width: width, height: height)
                    {
                        throw LedgerError(
                            .badInput,
                            "\(at): the box lies outside the page, which is \(width)×\(height) pixels"
                        )
                    }
                }
            }
        }
    }

    /// Every record an element or the work cites exists and is of the right type.
    func checkReferences(_ work: WorkPredicate) async throws {
        var wanted: [(String, PredicateType, String)] = []
        for page in work.pages {
            for element in page.elements ?? [] {
                let at = "element \(element.id) on page \(page.number)"
                wanted += (element.generationRecords ?? []).map { ($0, .generation, at) }
                wanted += (element.contributionRecords ?? []).map { ($0, .contribution, at) }
            }
        }
        wanted += (work.contributionRecords ?? []).map { ($0, .contribution, "the work") }
        for (text, type, at) in wanted {
            guard let id = RecordID(text) else { throw LedgerError(.badInput, "\(at): \(text) is not a record id") }
            guard let entry = try await storage({ try await store.entry(recordID: id) }) else {
                throw LedgerError(.notFound, "\(at) cites \(text), which is not in this ledger")
            }
            guard entry.predicateType == type.rawValue else {
                throw LedgerError(.badInput, "\(at) cites \(text) as a \(type.shortName) record, but it is not one")
            }
        }
    }

    /// Exactly `length` lower-case hex digits.
    static func isHex(_ text: String, length: Int) -> Bool {
        hex(text, length: length) == text
    }
}
