import ColophonCrypto
public import ColophonLog
import ColophonMedia
import ColophonRecords
import Foundation

/// Checks an evidence bundle offline, trusting nothing in it but what it proves: file
/// digests, the manifest's signature, every record's id and signatures against the key
/// history in the bundle (judged at the record's place in the log), every inclusion proof
/// against one checkpoint signed by the log key, the consistency proof, and the custody record.
public enum BundleVerifier {
    /// The bounds a bundle is read within.
    static let limits = ZipLimits(maxEntries: 700_000, maxTotalBytes: 4 << 30, maxCompressionRatio: 100)

    /// Verifies the bundle at `path`. With `policy`, the log key (and any witness quorum) comes
    /// from it; without, from the bundle's own `log/vkey`, which then proves only consistency.
    ///
    /// - Throws: ``LedgerError`` `.badInput` when the archive cannot be read at all (zip-slip
    ///   names, duplicate entries, a zip bomb, not a zip).
    ///
    /// `openings` are revealed later (`colophon reveal`): each must open its record's
    /// commitments, as the openings inside the bundle must. `progress` is told the records
    /// checked and the records listed (each one's signatures and inclusion proof).
    public static func verify(
        path: String,
        policy: TlogPolicy? = nil,
        openings: [RecordOpenings] = [],
        timestampRoots: String? = nil,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> BundleVerification {
        let contents: ZipReader.Contents
        do {
            contents = try ZipReader.read(path: path, what: "bundle", limits: limits) { _ in 1 << 30 }
        } catch {
            throw LedgerError(.badInput, error.reason)
        }
        var files: [String: [UInt8]] = [:]
        for entry in contents.entries { files[entry.name] = entry.bytes }
        var result = BundleVerification(checks: [], records: 0, checkpointSize: nil, logKeySource: "the bundle")
        check(files, policy: policy, timestampRoots: timestampRoots, progress: progress, into: &result)
        checkOpenings(files, extra: openings, into: &result)
        return result
    }

    static func check(
        _ files: [String: [UInt8]],
        policy: TlogPolicy?,
        timestampRoots: String?,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil,
        into result: inout BundleVerification
    ) {
        // 1. SHA256SUMS covers every other file, and every file matches.
        guard let sums = files["SHA256SUMS"], let listed = parseSums(sums) else {
            result.check("SHA256SUMS", false, "missing or malformed")
            return
        }
        let others = Set(files.keys).subtracting(["SHA256SUMS"])
        let mismatched = listed.filter { path, digest in files[path].map { SHA256.hash($0).hex != digest } ?? true }
        let unlisted = others.subtracting(listed.keys)
        result.check(
            "SHA256SUMS",
            mismatched.isEmpty && unlisted.isEmpty,
            mismatched.isEmpty && unlisted.isEmpty
                ? "\(listed.count) files match"
                : "mismatched or missing: \(mismatched.keys.sorted().prefix(5).joined(separator: ", "))\(unlisted.isEmpty ? "" : "; not listed: \(unlisted.sorted().prefix(5).joined(separator: ", "))")"
        )

        // 2. The manifest, its file list, and its signature (checked once keys are known).
        guard let manifestBytes = files["MANIFEST.json"],
            let manifest = try? JSONParser(limits: .init(maxBytes: 1 << 30)).parse(manifestBytes).decode(
                as: BundleManifest.self
            ),
            manifest.format == BundleManifest.currentFormat
        else {
            result.check("manifest", false, "MANIFEST.json is missing or not a colophon-bundle/v1 manifest")
            return
        }
        let described = Set(manifest.files.map(\.path))
        let actual = others.subtracting(["MANIFEST.json", "MANIFEST.sig"] + Self.afterManifest(manifest))
        let wrong = manifest.files.filter { file in files[file.path].map { SHA256.hash($0).hex != file.sha256 } ?? true
        }
        result.check(
            "manifest files",
            described == actual && wrong.isEmpty,
            described == actual && wrong.isEmpty
                ? "\(described.count) files as listed"
                : "the manifest and the archive disagree: \((wrong.map(\.path) + Array(described.symmetricDifference(actual))).sorted().prefix(5).joined(separator: ", "))"
        )
        checkTimestamps(files, manifest: manifest, roots: timestampRoots, into: &result)

        // 3. The log key and the checkpoint.
        let verifier: NoteVerifier
        let logPolicy: TlogPolicy
        do {
            if let policy {
                logPolicy = policy
                verifier = try NoteVerifier(vkey: manifest.log.vkey)
                result.logKeySource = "the policy"
            } else {
                verifier = try NoteVerifier(
                    vkey: String(decoding: files["log/vkey"] ?? [], as: UTF8.self).trimmingCharacters(
                        in: .whitespacesAndNewlines
                    )
                )
                logPolicy = TlogPolicy(log: verifier)
                result.logKeySource = "the bundle (pin it with --policy)"
            }
        } catch {
            result.check("log key", false, "\(error)")
            return
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try logPolicy.verify(
                checkpointNote: String(decoding: files[manifest.log.checkpoint] ?? [], as: UTF8.self)
            )
        } catch {
            result.check("checkpoint", false, "\(error)")
            return
        }
        result.checkpointSize = checkpoint.size
        result.check(
            "checkpoint",
            checkpoint.size == manifest.log.size && Base64.encode(checkpoint.root.bytes) == manifest.log.root,
            "signed by \(verifier.name), size \(checkpoint.size)"
        )

        // The manifest's record list: one entry per record file, in strictly rising log order
        // with times that never go back, each labelled with its statement's own type.
        let ordered = manifest.records.sorted { $0.index < $1.index }
        // Every record file parsed once; what does not parse is absent here.
        var parsed: [String: (envelope: Envelope, statement: Statement)] = [:]
        for (path, bytes) in files where path.hasPrefix("records/") {
            if let envelope = try? Envelope(jsonBytes: bytes), let statement = try? envelope.statement() {
                parsed[path] = (envelope, statement)
            }
        }
        var listProblems: [String] = []
        let recordFiles = Set(files.keys.filter { $0.hasPrefix("records/") })
        if Set(ordered.map(\.file)) != recordFiles || Set(ordered.map(\.file)).count != ordered.count {
            listProblems.append("the manifest does not list each record file exactly once")
        }
        var previous: (index: UInt64, time: Date)?
        for record in ordered {
            guard let time = RFC3339.parse(record.integratedAt) else {
                listProblems.append("\(record.id): its time \(record.integratedAt) is not RFC 3339")
                continue
            }
            if let previous, record.index <= previous.index || time < previous.time {
                listProblems.append("\(record.id): its index or time goes back")
            }
            previous = (record.index, time)
            let stated = parsed[record.file]?.statement.predicateType
            if stated != record.predicateType {
                listProblems.append(
                    "\(record.id) is labelled \(record.predicateType), but its statement says \(stated ?? "nothing")"
                )
            }
        }
        result.check(
            "record list",
            listProblems.isEmpty,
            listProblems.isEmpty
                ? "\(ordered.count) records in log order" : listProblems.prefix(3).joined(separator: "; ")
        )

        // 4. Key history, in log order, from the key records.
        var registry = KeyRegistry()
        var keyProblems: [String] = []
        for record in ordered where record.predicateType == PredicateType.key.rawValue {
            guard let (envelope, statement) = parsed[record.file],
                let predicate = try? statement.decodePredicate(as: KeyPredicate.self),
                let time = RFC3339.parse(record.integratedAt)
            else {
                keyProblems.append("\(record.id): unreadable key record")
                continue
            }
            let verdict = registry.verify(envelope, statement: statement, index: record.index, time: time)
            guard verdict.isValid else {
                keyProblems.append("\(record.id): \(verdict.problem ?? "invalid")")
                continue
            }
            do {
                try registry.apply(predicate, statement: statement, envelope: envelope, index: record.index, time: time)
            } catch {
                keyProblems.append("\(record.id): \(error.reason)")
            }
        }
        result.check(
            "key history",
            keyProblems.isEmpty,
            keyProblems.isEmpty ? "\(registry.keys.count) keys" : keyProblems.prefix(3).joined(separator: "; ")
        )

        // 5. Every record: id, signatures at its place in the log, inclusion.
        var problems: [String] = []
        var cited: Set<String> = []
        var custodyStatement: Statement?
        for (index, record) in ordered.enumerated() {
            defer { progress?(index + 1, ordered.count) }
            guard let (envelope, statement) = parsed[record.file] else {
                problems.append("\(record.file) is missing or not a DSSE envelope of a statement")
                continue
            }
            guard envelope.recordID.description == record.id,
                record.file == "records/\(envelope.recordID.digest.hex).json"
            else {
                problems.append("\(record.file) hashes to \(envelope.recordID), not \(record.id)")
                continue
            }
            guard let time = RFC3339.parse(record.integratedAt) else { continue }
            let verdict = registry.verify(envelope, statement: statement, index: record.index, time: time)
            if let problem = verdict.problem { problems.append("\(record.id.prefix(19))…: \(problem)") }
            do {
                let proof = try TlogProof(parsing: String(decoding: files[record.proof] ?? [], as: UTF8.self))
                let proved = try proof.verify(entry: try envelope.canonicalBytes(), policy: logPolicy)
                if proof.index != record.index || proved.size != checkpoint.size || proved.root != checkpoint.root {
                    problems.append(
                        "\(record.proof) proves index \(proof.index) in a checkpoint of size \(proved.size), not \(record.index) in \(checkpoint.size)"
                    )
                }
            } catch {
                problems.append("\(record.proof): \(error)")
            }
            cited.formUnion(statement.referencedBlobs)
            if record.id == manifest.custody { custodyStatement = statement }
        }
        result.records = ordered.count
        result.check(
            "records",
            problems.isEmpty,
            problems.isEmpty
                ? "\(ordered.count) records: ids, signatures and inclusion verify"
                : problems.prefix(5).joined(separator: "; ")
        )

        // Assets: each is the subject of a record in the bundle.
        let subjects = Set(ordered.flatMap { parsed[$0.file]?.statement.subjects.compactMap(\.sha256) ?? [] })
        let assets = files.keys.filter { $0.hasPrefix("assets/") }
        let strays = assets.filter { path in files[path].map { !subjects.contains(SHA256.hash($0).hex) } ?? true }
        if !assets.isEmpty {
            result.check(
                "assets",
                strays.isEmpty,
                strays.isEmpty
                    ? "\(assets.count) files, each the subject of a record"
                    : "match no record: \(strays.sorted().prefix(5).joined(separator: ", "))"
            )
        }

        // 6. Blobs: each hashes to its name; every cited blob is present.
        let blobFiles = files.keys.filter { $0.hasPrefix("blobs/") }
        let badBlobs = blobFiles.filter { path in files[path].map { "blobs/" + SHA256.hash($0).hex != path } ?? true }
        let absent = cited.filter { files["blobs/" + $0.dropFirst("sha256:".count)] == nil }
        result.check(
            "blobs",
            badBlobs.isEmpty,
            badBlobs.isEmpty
                ? "\(blobFiles.count) blobs match their names\(absent.isEmpty ? "" : "; \(absent.count) cited blobs not exported")"
                : "do not hash to their names: \(badBlobs.sorted().prefix(5).joined(separator: ", "))"
        )

        // 7. The manifest signature, by the exporter's key as of the export.
        let exportIndex = ordered.first { $0.id == manifest.custody }?.index
        let signature = files["MANIFEST.sig"].flatMap { try? Envelope(jsonBytes: $0) }
        var signatureProblem: String?
        // The exporter is whoever signed the logged custody record, not whoever the manifest names.
        let custodySigners =
            parsed[ordered.first { $0.id == manifest.custody }?.file ?? ""]?.envelope.signatures.map(\.keyID) ?? []
        if let signature, let statement = try? JSONParser().parse(signature.payload),
            statement["subject"]?.arrayValue?.first?["digest"]?["sha256"]?.stringValue
                == SHA256.hash(manifestBytes).hex,
            statement["predicateType"]?.stringValue == Ledger.manifestPredicateType
        {
            if !custodySigners.contains(manifest.exporter.keyId) {
                signatureProblem = "the manifest's exporter did not sign the custody record of the export"
            } else if !signature.signatures.contains(where: { $0.keyID == manifest.exporter.keyId }) {
                signatureProblem = "not signed by the exporter's key \(manifest.exporter.keyId.prefix(16))…"
            } else {
                let time =
                    ordered.first { $0.id == manifest.custody }.flatMap { RFC3339.parse($0.integratedAt) } ?? Date()
                let verdict = registry.verify(signature, statement: nil, index: exportIndex, time: time)
                signatureProblem =
                    verdict.signatures.first { $0.keyID == manifest.exporter.keyId && !$0.valid }?.problem
            }
        } else {
            signatureProblem = "MANIFEST.sig is missing, or does not sign this MANIFEST.json"
        }
        result.check(
            "manifest signature",
            signatureProblem == nil,
            signatureProblem ?? "signed by \(manifest.exporter.name)"
        )

        // 8. The custody record names these contents.
        var custodyProblem: String?
        if let statement = custodyStatement, let custody = try? statement.decodePredicate(as: CustodyPredicate.self),
            custody.action == .export
        {
            let contents = files[manifest.contents] ?? []
            let listedContents = parseSums(contents) ?? [:]
            let expected = Set(
                files.keys.filter {
                    $0.hasPrefix("records/") || $0.hasPrefix("blobs/") || $0.hasPrefix("openings/")
                        || $0.hasPrefix("assets/")
                }
            ).subtracting([
                "records/" + String(manifest.custody.dropFirst("sha256:".count)) + ".json"
            ])
            if custody.package?.sha256 != SHA256.hash(contents).hex {
                custodyProblem = "the custody record names other contents than contents.sha256"
            } else if Set(listedContents.keys) != expected
                || listedContents.contains(where: { files[$0.key].map { SHA256.hash($0).hex } != $0.value })
            {
                custodyProblem = "contents.sha256 does not list exactly the bundle's records, blobs and openings"
            }
        } else {
            custodyProblem = "the custody record \(manifest.custody) is missing or not an export"
        }
        result.check("custody", custodyProblem == nil, custodyProblem ?? "the export is record \(manifest.custody)")

        // 9. The log shown extends the requester's checkpoint.
        if let since = manifest.log.since {
            var problem: String?
            do {
                let old = try logPolicy.verify(
                    checkpointNote: String(decoding: files[since.checkpoint] ?? [], as: UTF8.self)
                )
                let json = try JSONParser().parse(files[since.proof] ?? [])
                let proof = (json["proof"]?.arrayValue ?? []).compactMap {
                    $0.stringValue.flatMap { Base64.decode($0) }.flatMap { SHA256Digest(bytes: $0) }
                }
                try MerkleProof.verifyConsistency(
                    size1: old.size,
                    size2: checkpoint.size,
                    root1: old.root,
                    root2: checkpoint.root,
                    proof: proof
                )
            } catch {
                problem = "\(error)"
            }
            result.check(
                "consistency",
                problem == nil,
                problem ?? "the log of size \(checkpoint.size) extends the checkpoint of size \(since.size)"
            )
        }
    }

    /// The openings in the bundle, and any given: each names a record in the bundle and opens
    /// its commitments.
    static func checkOpenings(
        _ files: [String: [UInt8]],
        extra: [RecordOpenings],
        into result: inout BundleVerification
    ) {
        var all: [(String, RecordOpenings?)] = files.keys.filter { $0.hasPrefix("openings/") }.sorted().map { path in
            (path, try? JSONParser().parse(files[path] ?? []).decode(as: RecordOpenings.self))
        }
        all += extra.map { ("the opening given for \($0.record)", $0) }
        guard !all.isEmpty else { return }
        var problems: [String] = []
        for (name, openings) in all {
            guard let openings, let id = RecordID(openings.record) else {
                problems.append("\(name) is not an openings file")
                continue
            }
            guard let bytes = files["records/\(id.digest.hex).json"],
                let statement = try? Envelope(jsonBytes: bytes).statement()
            else {
                problems.append("\(name) opens \(id), which is not in the bundle")
                continue
            }
            if let problem = openings.problem(against: statement) { problems.append(problem) }
        }
        result.check(
            "openings",
            problems.isEmpty,
            problems.isEmpty
                ? "\(all.count) record\(all.count == 1 ? "'s" : "s'") committed fields open"
                : problems.prefix(3).joined(separator: "; ")
        )
    }

    /// The files made after the manifest: its own timestamp token and request.
    static func afterManifest(_ manifest: BundleManifest) -> [String] {
        manifest.timestamps.map { [$0.manifest, $0.manifestRequest] } ?? []
    }

    /// The RFC 3161 tokens over the checkpoint and the manifest, against the TSA roots given
    /// (or, without them, the bundle's own).
    static func checkTimestamps(
        _ files: [String: [UInt8]],
        manifest: BundleManifest,
        roots pinned: String?,
        into result: inout BundleVerification
    ) {
        guard let timestamps = manifest.timestamps else {
            if pinned != nil { result.check("timestamps", false, "the bundle carries no RFC 3161 tokens") }
            return
        }
        let roots = pinned ?? String(decoding: files[timestamps.roots] ?? [], as: UTF8.self)
        var times: [String] = []
        var problems: [String] = []
        for (token, data) in [(timestamps.checkpoint, manifest.log.checkpoint), (timestamps.manifest, "MANIFEST.json")]
        {
            do {
                times.append(
                    try TimestampVerifier.verify(
                        response: files[token] ?? [],
                        sha256: SHA256.hash(files[data] ?? []),
                        roots: roots
                    )
                )
            } catch {
                problems.append("\(token): \(error)")
            }
        }
        result.check(
            "timestamps",
            problems.isEmpty,
            problems.isEmpty
                ? "checkpoint stamped \(times[0]), manifest stamped \(times[1]) by \(timestamps.authority)\(pinned == nil ? " (TSA roots from the bundle)" : "")"
                : problems.joined(separator: "; ")
        )
    }

    /// `sha256sum` lines as path → hex; nil when a line is malformed.
    static func parseSums(_ bytes: [UInt8]) -> [String: String]? {
        var result: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64, parts[1].hasPrefix(" ") else { return nil }
            result[String(parts[1].dropFirst())] = String(parts[0])
        }
        return result
    }
}
