public import ColophonCrypto
public import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// What ``declareConsent(_:key:)`` appended.
    public struct ConsentDeclared: Sendable {
        public var record: AppendResult
        /// The earlier declaration by the same signer for the same artist that this one replaces.
        public var supersedes: RecordID?
        /// `attribution` records made for registered adapters whose own records name the artist.
        public var attributions: [AdapterAttribution]
    }

    /// Appends an artist's declaration, signed by `key`. A later declaration by the same signer
    /// for the same name supersedes the earlier one (it says so in `supersedesRecord`); nothing
    /// is deleted. Registered adapters whose training metadata names the artist are linked to
    /// them by `attribution` records in the same step.
    ///
    /// - Throws: ``LedgerError`` `.badInput` for a nameless artist, no scopes or a scope given twice.
    public func declareConsent(_ declaration: ConsentPredicate, key: SigningKey) async throws -> ConsentDeclared {
        var predicate = declaration
        let names = Self.names(of: predicate.artist)
        guard let primary = ArtistName(predicate.artist.name) else {
            throw LedgerError(.badInput, "the artist's name \"\(predicate.artist.name)\" has no letters or digits")
        }
        guard !predicate.declarations.isEmpty else {
            throw LedgerError(.badInput, "a consent declaration needs at least one scope")
        }
        let scopes = predicate.declarations.map(\.scope)
        if let repeated = scopes.first(where: { scope in scopes.filter { $0 == scope }.count > 1 }) {
            throw LedgerError(.badInput, "the scope \(repeated.rawValue) is declared twice")
        }
        let registry = try await keyRegistry()
        let signer = registry.key(id: key.verifyingKey.keyID)?.name
        let book = try await consentBook()
        let previous = book.declarations.last { $0.signer == signer && $0.names.contains(primary) }
        predicate.supersedesRecord = previous?.record.description
        var seen: Set<String> = []
        let subjects = names.map(\.subject).filter { seen.insert($0.sha256 ?? "").inserted }
        let statement: Statement
        do {
            statement = try Statement(subjects: subjects, predicate: predicate)
        } catch {
            throw LedgerError(.badInput, "the declaration for \(predicate.artist.name): \(error)")
        }
        let appended = try await appendOne(try Envelope.sign(statement, with: key), what: "the declaration")
        let updated = try await consentBook()
        var attributions: [AdapterAttribution] = []
        if let current = updated.declarations.first(where: { $0.record == appended.recordID }) {
            let catalog = try await modelCatalog()
            for entry in catalog.entries where entry.type == .adapter {
                let links = entry.attributions(to: current.names, artist: current.predicate.artist.name)
                guard !links.isEmpty else { continue }
                attributions += try await recordAttributions(
                    links,
                    book: updated,
                    consent: current.record,
                    assertedBy: Party(name: current.predicate.artist.name, role: "artist"),
                    key: key
                )
            }
        }
        return ConsentDeclared(record: appended, supersedes: previous?.record, attributions: attributions)
    }

    /// Appends an `attribution` record for each link not recorded already (same adapter,
    /// artist and basis), and returns the links with their new record ids.
    func recordAttributions(
        _ links: [AdapterAttribution],
        book: ConsentBook,
        consent: RecordID?,
        assertedBy: Party?,
        key: SigningKey
    ) async throws -> [AdapterAttribution] {
        var made: [AdapterAttribution] = []
        for link in links {
            let artist = ArtistName(link.artist)
            let known = book.recorded.contains {
                $0.adapter == link.adapter && $0.basis == link.basis && ArtistName($0.artist) == artist
            }
            guard !known else { continue }
            let adapter = try await record(link.adapter)
            var predicate = AttributionPredicate(
                adapter: .init(
                    record: link.adapter.description,
                    name: link.adapterName,
                    sha256: adapter.statement.subjects.first?.sha256
                ),
                artist: .init(name: link.artist, consentRecord: consent?.description),
                basis: link.basis,
                confidence: link.confidence
            )
            predicate.evidence = GenerationBuilder.prefix(link.evidence, bytes: 2048)
            predicate.assertedBy = assertedBy
            let subjects = adapter.statement.subjects.filter { $0.sha256 != nil }
            let statement: Statement
            do {
                statement = try Statement(subjects: subjects, predicate: predicate)
            } catch {
                throw LedgerError(.badInput, "the attribution of \(link.adapterName) to \(link.artist): \(error)")
            }
            let appended = try await appendOne(try Envelope.sign(statement, with: key), what: "the attribution")
            var recorded = link
            recorded.record = appended.recordID
            made.append(recorded)
        }
        return made
    }

    /// The declarations in force and the recorded attributions. Records whose signatures do
    /// not hold, and retracted ones, do not count.
    public func consentBook() async throws -> ConsentBook {
        let registry = try await keyRegistry()
        var declarations: [ConsentBook.Declaration] = []
        for entry in try await storage({ try await store.entries(predicateType: PredicateType.consent.rawValue) }) {
            let record = try await record(entry: entry, registry: registry)
            guard record.verdict.isValid, record.status != "retracted",
                let predicate = try? record.statement.decodePredicate(as: ConsentPredicate.self)
            else { continue }
            let names = Self.names(of: predicate.artist)
            guard let primary = ArtistName(predicate.artist.name) else { continue }
            let signature = record.verdict.signatures.first
            let signer = signature?.keyName ?? String((signature?.keyID ?? "").prefix(16))
            var declaration = ConsentBook.Declaration(
                record: record.recordID,
                index: entry.index,
                integratedAt: entry.integratedAt,
                signer: signer,
                signerRole: signature?.role ?? "unknown",
                predicate: predicate,
                names: names,
                supersedes: []
            )
            // Entries come in log order: a later declaration replaces the earlier one.
            if let earlier = declarations.firstIndex(where: { $0.signer == signer && $0.names.contains(primary) }) {
                declaration.supersedes = declarations[earlier].supersedes + [declarations[earlier].record]
                declarations.remove(at: earlier)
            }
            declarations.append(declaration)
        }
        var recorded: [AdapterAttribution] = []
        let attributionType = PredicateType.attribution.rawValue
        for entry in try await storage({ try await store.entries(predicateType: attributionType) }) {
            let record = try await record(entry: entry, registry: registry)
            guard record.verdict.isValid, record.status != "retracted",
                let predicate = try? record.statement.decodePredicate(as: AttributionPredicate.self),
                let adapter = RecordID(predicate.adapter.record)
            else { continue }
            recorded.append(
                AdapterAttribution(
                    adapter: adapter,
                    adapterName: predicate.adapter.name ?? adapter.short,
                    artist: predicate.artist.name,
                    basis: predicate.basis,
                    confidence: predicate.confidence,
                    evidence: predicate.evidence ?? "attribution record",
                    record: record.recordID
                )
            )
        }
        return ConsentBook(declarations: declarations, recorded: recorded)
    }

    /// The artist's name first, then each alias, normalised and without repeats.
    static func names(of artist: ConsentPredicate.Artist) -> [ArtistName] {
        var names: [ArtistName] = []
        for text in [artist.name] + (artist.aliases ?? []) {
            if let name = ArtistName(text), !names.contains(name) { names.append(name) }
        }
        return names
    }
}
