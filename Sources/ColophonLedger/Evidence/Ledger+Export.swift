public import ColophonCrypto
import ColophonLog
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation

extension Ledger {
    /// What to export, and why.
    public struct ExportRequest: Sendable {
        public var scope: ExportScope
        /// Why the export was made: a request, a court order, an audit. Goes into the custody record.
        public var reason: String
        /// The bundle's file name, as the custody record names it.
        public var bundleName: String
        /// The requester's pinned checkpoint (a signed note of this log): the bundle then
        /// proves that the log it shows extends the one they saw.
        public var since: String?
        /// The exporting program and its version, for the custody record.
        public var tool: String
        /// The authority that timestamps the checkpoint and the manifest; by default the one
        /// the ledger is configured with (none: no timestamps).
        public var timestampAuthority: TimestampAuthority?
        /// Files that may be the assets themselves (page images, generated images): each whose
        /// SHA-256 is the subject of an exported record goes into `assets/`. The ledger keeps no
        /// images, so it has to be given them.
        public var assets: [(name: String, bytes: [UInt8])]
        /// Committed fields whose openings stay out of the bundle (``FieldOpening/fields``).
        /// Other openings this ledger keeps go in, so the bundle shows what the records commit to.
        public var redact: Set<String>

        public init(
            scope: ExportScope,
            reason: String,
            bundleName: String,
            since: String? = nil,
            tool: String,
            redact: Set<String> = [],
            timestampAuthority: TimestampAuthority? = nil,
            assets: [(name: String, bytes: [UInt8])] = []
        ) {
            self.assets = assets
            self.redact = redact
            self.timestampAuthority = timestampAuthority
            self.scope = scope
            self.reason = reason
            self.bundleName = bundleName
            self.since = since
            self.tool = tool
        }
    }

    /// What ``exportBundle(_:key:)`` made.
    public struct BundleExported: Sendable {
        /// The zip archive.
        public var bytes: [UInt8]
        public var manifest: BundleManifest
        /// The custody record appended for this export, which the bundle contains.
        public var custody: AppendResult
        public var blobs: Int
        /// Records cited by records in scope that this ledger does not hold.
        public var missing: [String]
    }

    /// The largest number of records one bundle holds.
    public static let maxBundleRecords = 200_000

    /// Exports an evidence bundle that verifies offline: every record in scope and every
    /// record they cite, their corrections and every key record, as DSSE envelopes; the blobs
    /// they cite; one tlog-proof per record against one checkpoint; a consistency proof from
    /// the requester's checkpoint; the log's vkey; a custody record of the export itself
    /// (appended before the bundle is sealed, and inside it); a signed manifest and
    /// `SHA256SUMS`; a human-readable report, `VERIFY.md` and a hash-certification template.
    ///
    /// - Throws: ``LedgerError`` `.notFound` for a scope that names nothing, `.badInput` for a
    ///   `since` checkpoint that is not this log's.
    /// `progress` is told the records proven and the records to prove (one inclusion proof each).
    public func exportBundle(
        _ request: ExportRequest,
        key: SigningKey,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) async throws -> BundleExported {
        let registry = try await keyRegistry()
        guard let exporter = registry.key(id: key.verifyingKey.keyID), exporter.isActive else {
            throw LedgerError(.invalid, "the exporting key is not an active key of this ledger")
        }
        // Everything that can refuse the request is checked before the custody record is
        // appended: a failed export leaves the log as it was.
        let since = try await pinnedCheckpoint(request.since)
        let (entries, missing) = try await exportRecords(request.scope)
        var files: [String: [UInt8]] = [:]
        var blobCount = 0
        var subjects: Set<String> = []
        for entry in entries {
            files["records/\(entry.recordID.digest.hex).json"] = entry.body
            guard let statement = try? Envelope(jsonBytes: entry.body).statement() else { continue }
            subjects.formUnion(statement.subjects.compactMap(\.sha256))
            for blob in statement.referencedBlobs {
                let hex = String(blob.dropFirst("sha256:".count))
                guard files["blobs/\(hex)"] == nil, let digest = SHA256Digest(hex: hex),
                    let bytes = try await storage({ try await store.blob(digest) })
                else { continue }
                files["blobs/\(hex)"] = bytes
                blobCount += 1
            }
        }
        for field in request.redact where !FieldOpening.fields.contains(field) {
            throw LedgerError(
                .badInput,
                "\(field) cannot be redacted; these can: \(FieldOpening.fields.joined(separator: ", "))"
            )
        }
        for entry in entries where entry.predicateType == PredicateType.generation.rawValue {
            guard var kept = try openings(of: entry.recordID) else { continue }
            kept.openings.removeAll { request.redact.contains($0.field) }
            guard !kept.openings.isEmpty else { continue }
            files["openings/\(entry.recordID.digest.hex).json"] = try CanonicalJSON.encode(JSONValue(encoding: kept))
        }
        for asset in request.assets {
            let digest = SHA256.hash(asset.bytes).hex
            guard subjects.contains(digest) else { continue }
            let base = asset.name.split(separator: "/").last.map(String.init) ?? "asset"
            let safe = ZipReader.problem(withName: base) == nil ? base : "asset"
            files["assets/\(digest.prefix(12))-\(safe)"] = asset.bytes
        }
        let contents = Self.sums(files)
        let contentsDigest = SHA256.hash(contents).hex

        // The custody record names what is exported before the bundle is sealed.
        var custody = CustodyPredicate(
            action: .export,
            actor: exporter.owner ?? Party(name: exporter.name, role: exporter.role.rawValue, keyId: exporter.keyID)
        )
        custody.authority = GenerationBuilder.prefix(request.reason, bytes: 4096)
        custody.scope = .init(query: "\(request.scope.kind) \(request.scope.description)")
        custody.package = .init(name: request.bundleName, sha256: contentsDigest, sizeBytes: contents.count)
        custody.tool = .init(name: "colophon", version: request.tool)
        custody.source = "log \(configuration.origin)"
        let custodyStatement: Statement
        do {
            custodyStatement = try Statement(
                subjects: [Subject(name: "contents.sha256", sha256: contentsDigest)],
                predicate: custody
            )
        } catch {
            throw LedgerError(.badInput, "the custody record: \(error)")
        }
        let custodyRecord = try await appendOne(
            try Envelope.sign(custodyStatement, with: key),
            what: "the custody record"
        )
        guard let custodyEntry = try await storage({ try await store.entry(recordID: custodyRecord.recordID) }) else {
            throw LedgerError(.internalError, "the custody record was not stored")
        }
        files["records/\(custodyRecord.recordID.digest.hex).json"] = custodyEntry.body
        files["contents.sha256"] = contents

        let head = try await latestCheckpoint()
        // A key record logged while the bundle was assembled would be missing from its key
        // history (and from what the custody record names): refuse rather than seal it.
        let held = Set(entries.map(\.recordID))
        let keys = try await storage { try await store.entries(predicateType: PredicateType.key.rawValue) }
        if keys.contains(where: { $0.index < head.size && !held.contains($0.recordID) }) {
            throw LedgerError(.internalError, "a key record was logged while the bundle was being made; export again")
        }
        let exported = entries + [custodyEntry]
        var manifestRecords: [BundleManifest.Record] = []
        for (done, entry) in exported.enumerated() {
            progress?(done, exported.count)
            let hex = entry.recordID.digest.hex
            let proof = try await inclusionProof(for: entry.recordID, size: head.size)
            files["proofs/\(hex).tlog-proof"] = Array(proof.text.utf8)
            manifestRecords.append(
                BundleManifest.Record(
                    id: entry.recordID.description,
                    index: entry.index,
                    integratedAt: RFC3339.format(entry.integratedAt),
                    predicateType: entry.predicateType,
                    file: "records/\(hex).json",
                    proof: "proofs/\(hex).tlog-proof"
                )
            )
        }
        progress?(exported.count, exported.count)
        files["log/checkpoint"] = Array(head.note.utf8)
        let authority = request.timestampAuthority ?? configuration.timestampAuthority
        var timestamps: BundleManifest.Timestamps?
        if let authority {
            let token = try await authority.timestamp(SHA256.hash(Array(head.note.utf8)))
            files["timestamps/checkpoint.tsq"] = token.request
            files["timestamps/checkpoint.tsr"] = token.response
            files["timestamps/tsa-roots.pem"] = Array(authority.roots.utf8)
            timestamps = .init(
                authority: authority.url,
                roots: "timestamps/tsa-roots.pem",
                checkpoint: "timestamps/checkpoint.tsr",
                checkpointRequest: "timestamps/checkpoint.tsq",
                manifest: "timestamps/manifest.tsr",
                manifestRequest: "timestamps/manifest.tsq",
                checkpointTime: token.time
            )
        }
        files["log/vkey"] = Array((verifier.vkey + "\n").utf8)
        var sinceFiles: BundleManifest.Since?
        if let (note, old) = since {
            let proof = try await consistencyProof(from: old.size, to: head.size)
            guard proof.oldRoot == old.root else {
                throw LedgerError(.invalid, "the --since checkpoint's root is not this log's root at size \(old.size)")
            }
            let json: JSONValue = .object([
                "old": .object(["size": .number(Double(old.size)), "root": .string(Base64.encode(old.root.bytes))]),
                "new": .object(["size": .number(Double(head.size)), "root": .string(Base64.encode(head.root.bytes))]),
                "proof": .array(proof.proof.map { .string(Base64.encode($0.bytes)) }),
            ])
            files["log/since.checkpoint"] = Array(note.utf8)
            files["log/consistency.json"] = try CanonicalJSON.encode(json)
            sinceFiles = .init(size: old.size, checkpoint: "log/since.checkpoint", proof: "log/consistency.json")
        }

        var manifest = BundleManifest(
            format: BundleManifest.currentFormat,
            createdAt: RFC3339.format(Date()),
            tool: "colophon \(request.tool)",
            exporter: .init(keyId: exporter.keyID, name: exporter.name),
            scope: .init(kind: request.scope.kind, value: request.scope.description, reason: request.reason),
            log: .init(
                origin: configuration.origin,
                vkey: verifier.vkey,
                size: head.size,
                root: Base64.encode(head.root.bytes),
                checkpoint: "log/checkpoint",
                since: sinceFiles
            ),
            custody: custodyRecord.recordID.description,
            contents: "contents.sha256",
            redacted: request.redact.sorted(),
            timestamps: timestamps,
            records: manifestRecords,
            files: []
        )
        let documents = BundleDocuments(
            manifest: manifest,
            entries: entries + [custodyEntry],
            registry: try await keyRegistry(),
            contentsDigest: contentsDigest,
            missing: missing,
            // What is there now, the five documents below, MANIFEST.json, MANIFEST.sig and the
            // manifest's timestamp request and token.
            sumsCount: files.count + 7 + (authority == nil ? 0 : 2)
        )
        files["custody.json"] = try documents.custodyJSON(custody: custody)
        files["report.html"] = Array(documents.reportHTML().utf8)
        files["VERIFY.md"] = Array(documents.verifyMarkdown().utf8)
        files["certification/FRE-902-14.md"] = Array(documents.certification().utf8)
        files["verify/verify_bundle.py"] = PackageResources.verify_bundle_py
        manifest.files = files.keys.sorted().compactMap { path in
            files[path].map { BundleManifest.File(path: path, sha256: SHA256.hash($0).hex, size: $0.count) }
        }
        let manifestBytes = try CanonicalJSON.encode(JSONValue(encoding: manifest))
        files["MANIFEST.json"] = manifestBytes
        files["MANIFEST.sig"] = try Self.manifestSignature(manifestBytes, manifest: manifest, key: key)
        if let authority {
            let token = try await authority.timestamp(SHA256.hash(manifestBytes))
            files["timestamps/manifest.tsq"] = token.request
            files["timestamps/manifest.tsr"] = token.response
        }
        files["SHA256SUMS"] = Self.sums(files)

        let archive: [UInt8]
        do {
            archive = try ZipWriter.archive(
                files.keys.sorted().compactMap { path in
                    files[path].map { ZipWriter.Entry(name: path, bytes: $0, deflate: !path.hasPrefix("blobs/")) }
                }
            )
        } catch {
            throw LedgerError(.internalError, "the bundle could not be written: \(error.reason)")
        }
        return BundleExported(
            bytes: archive,
            manifest: manifest,
            custody: custodyRecord,
            blobs: blobCount,
            missing: missing
        )
    }

    /// The requester's pinned checkpoint, opened with this log's key and checked against this
    /// log as it is now; nil without one.
    ///
    /// - Throws: ``LedgerError`` `.badInput` for a note this log did not sign or a size beyond
    ///   it, `.invalid` for a root this log never had.
    func pinnedCheckpoint(_ note: String?) async throws -> (note: String, checkpoint: Checkpoint)? {
        guard let note else { return nil }
        let old: Checkpoint
        do {
            old = try Checkpoint.open(note: note, verifier: verifier).checkpoint
        } catch {
            throw LedgerError(.badInput, "the --since checkpoint is not a checkpoint of this log: \(error)")
        }
        let head = try await latestCheckpoint()
        guard old.size <= head.size else {
            throw LedgerError(
                .badInput,
                "the --since checkpoint (size \(old.size)) is beyond this log (size \(head.size))"
            )
        }
        guard try await consistencyProof(from: old.size, to: head.size).oldRoot == old.root else {
            throw LedgerError(.invalid, "the --since checkpoint's root is not this log's root at size \(old.size)")
        }
        return (note, old)
    }

    /// `sha256sum` lines for every file, sorted by path.
    static func sums(_ files: [String: [UInt8]]) -> [UInt8] {
        Array(files.keys.sorted().map { "\(SHA256.hash(files[$0] ?? []).hex)  \($0)\n" }.joined().utf8)
    }

    /// The predicate type of the statement `MANIFEST.sig` signs.
    public static let manifestPredicateType = "https://colophon.dev/bundle/manifest@v1"

    /// A DSSE envelope over an in-toto statement whose subject is `MANIFEST.json`: any in-toto
    /// tool can check it, and the manifest itself can be any size.
    static func manifestSignature(_ bytes: [UInt8], manifest: BundleManifest, key: SigningKey) throws -> [UInt8] {
        let statement: JSONValue = .object([
            "_type": .string(Statement.statementType),
            "subject": .array([
                .object([
                    "name": .string("MANIFEST.json"), "digest": .object(["sha256": .string(SHA256.hash(bytes).hex)]),
                ])
            ]),
            "predicateType": .string(manifestPredicateType),
            "predicate": .object([
                "createdAt": .string(manifest.createdAt),
                "custodyRecord": .string(manifest.custody),
                "exporter": .string(manifest.exporter.keyId),
            ]),
        ])
        var envelope = Envelope(
            payloadType: Envelope.inTotoPayloadType,
            payload: try CanonicalJSON.encode(statement),
            signatures: []
        )
        try envelope.addSignature(with: key)
        return try envelope.canonicalBytes()
    }
}
