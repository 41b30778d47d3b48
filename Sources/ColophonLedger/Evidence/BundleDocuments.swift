import ColophonCrypto
import ColophonMedia
import ColophonRecords
import ColophonStorage
import Foundation

/// The human-readable files of an evidence bundle: the custody summary, the report, the
/// verification walk-through and the hash-certification template. They say what the bundle
/// proves — integrity, order and time of the records — and what it does not: the truth of what
/// the records claim.
struct BundleDocuments {
    let manifest: BundleManifest
    let entries: [StoredEntry]
    let registry: KeyRegistry
    let contentsDigest: String
    let missing: [String]
    /// How many files `SHA256SUMS` will list.
    let sumsCount: Int

    func custodyJSON(custody: CustodyPredicate) throws -> [UInt8] {
        let value: JSONValue = .object([
            "record": .string(manifest.custody),
            "action": .string(custody.action.rawValue),
            "actor": .string(custody.actor.name),
            "exporterKey": .string(manifest.exporter.keyId),
            "reason": .string(custody.authority ?? ""),
            "scope": .string(manifest.scope.value),
            "createdAt": .string(custody.createdAt.text),
            "contents": .string("contents.sha256"),
            "contentsSha256": .string(contentsDigest),
            "log": .string(manifest.log.origin),
        ])
        return try CanonicalJSON.encode(value)
    }

    /// Counts of records by predicate type, largest first.
    var counts: [(type: String, count: Int)] {
        var counts: [String: Int] = [:]
        for entry in entries {
            counts[PredicateType(rawValue: entry.predicateType)?.shortName ?? entry.predicateType, default: 0] += 1
        }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    func signer(_ entry: StoredEntry) -> String {
        guard let envelope = try? Envelope(jsonBytes: entry.body) else { return "?" }
        return envelope.signatures.map { registry.key(id: $0.keyID)?.name ?? String($0.keyID.prefix(16)) }
            .joined(separator: ", ")
    }

    func reportHTML() -> String {
        let e = MarkupText.escape
        var body: [String] = []
        body.append("<h1>Evidence bundle: \(e(manifest.scope.value))</h1>")
        body.append(
            "<p>Exported \(e(manifest.createdAt)) by key <code>\(e(manifest.exporter.name))</code> (\(e(manifest.exporter.keyId))) from the log <code>\(e(manifest.log.origin))</code>, for: \(e(manifest.scope.reason)).</p>"
        )
        body.append(
            "<p>The export is itself logged: custody record <code>\(e(manifest.custody))</code>, which names the SHA-256 of <code>contents.sha256</code> (\(contentsDigest)).</p>"
        )
        body.append(
            """
            <section id="limits"><h2>What this bundle proves, and what it does not</h2>
            <p>It proves the <b>integrity</b> of every record (its id is the SHA-256 of its bytes, and its signatures verify against the keys the log registered, judged at the record's place in the log), their <b>order</b> and <b>time</b> in an append-only log (each record's inclusion proof against a checkpoint the log signed, of size \(manifest.log.size)), and who exported them, when and why. It does <b>not</b> prove that what the records say is true: a generation record says which model made an image because its signer said so; a contribution record is its author's attestation; an attribution is a claim with a stated basis and confidence.</p></section>
            """
        )
        body.append("<section id=\"counts\"><h2>Records</h2><table><tr><th>Type</th><th>Count</th></tr>")
        body += counts.map { "<tr><td>\(e($0.type))</td><td>\($0.count)</td></tr>" }
        body.append("</table></section>")
        if !missing.isEmpty {
            body.append(
                "<p class=\"warn\">Records cited but not held by this ledger (not in the bundle): \(missing.map(e).joined(separator: ", "))</p>"
            )
        }
        body.append(
            "<section id=\"timeline\"><h2>Timeline</h2><table><tr><th>#</th><th>Logged</th><th>Type</th><th>Signed by</th><th>Record</th><th>What</th></tr>"
        )
        for entry in entries.prefix(2000) {
            let type = PredicateType(rawValue: entry.predicateType)?.shortName ?? entry.predicateType
            body.append(
                "<tr><td>\(entry.index)</td><td>\(e(RFC3339.format(entry.integratedAt)))</td><td>\(e(type))</td><td>\(e(signer(entry)))</td><td><code>\(e(entry.recordID.short))</code></td><td>\(e(summary(entry)))</td></tr>"
            )
        }
        body.append("</table>")
        if entries.count > 2000 { body.append("<p>… and \(entries.count - 2000) more, in MANIFEST.json.</p>") }
        body.append("</section>")
        body.append(worksSection())
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Colophon evidence bundle</title>
            <style>body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}code{font-size:.85em}.warn{color:#a00}</style>
            </head><body>
            \(body.joined(separator: "\n"))
            </body></html>

            """
    }

    /// One line on what a record says.
    func summary(_ entry: StoredEntry) -> String {
        guard let statement = try? Envelope(jsonBytes: entry.body).statement() else { return "" }
        switch entry.predicateType {
        case PredicateType.generation.rawValue:
            guard let generation = try? statement.decodePredicate(as: GenerationPredicate.self) else { return "" }
            let adapters = (generation.adapters ?? []).map { $0.name + ($0.weight.map { " @ \($0)" } ?? "") }
            var parts = [generation.model?.name ?? generation.model?.hash ?? "unknown model"]
            if !adapters.isEmpty { parts.append("LoRAs: " + adapters.joined(separator: ", ")) }
            if let seed = generation.parameters?.seed { parts.append("seed \(seed)") }
            if let prompt = generation.prompt?.clearText { parts.append("prompt: " + String(prompt.prefix(160))) }
            return parts.joined(separator: "; ")
        case PredicateType.contribution.rawValue:
            guard let contribution = try? statement.decodePredicate(as: ContributionPredicate.self) else { return "" }
            return
                "\(contribution.category.rawValue) by \(contribution.contributor.name): \(contribution.attestation.prefix(160))"
        case PredicateType.consent.rawValue:
            guard let consent = try? statement.decodePredicate(as: ConsentPredicate.self) else { return "" }
            let answers = consent.declarations.map { "\($0.scope.rawValue) \($0.status.rawValue)" }
            return "\(consent.artist.name): " + answers.joined(separator: ", ")
        case PredicateType.attribution.rawValue:
            guard let attribution = try? statement.decodePredicate(as: AttributionPredicate.self) else { return "" }
            return
                "\(attribution.adapter.name ?? "adapter") → \(attribution.artist.name) (\(attribution.basis.rawValue), \(attribution.confidence))"
        case PredicateType.work.rawValue:
            guard let work = try? statement.decodePredicate(as: WorkPredicate.self) else { return "" }
            return "\(work.title) version \(work.version)"
        default:
            return statement.subjects.first?.name ?? ""
        }
    }

    /// Per page of each work: its elements by origin.
    func worksSection() -> String {
        let e = MarkupText.escape
        var rows: [String] = []
        for entry in entries where entry.predicateType == PredicateType.work.rawValue {
            guard let statement = try? Envelope(jsonBytes: entry.body).statement(),
                let work = try? statement.decodePredicate(as: WorkPredicate.self)
            else { continue }
            for page in work.pages {
                let elements = page.elements ?? []
                let count = { (origin: String) in elements.filter { $0.origin == origin }.count }
                rows.append(
                    "<tr><td>\(e(work.title)) v\(work.version)</td><td>\(page.number)</td><td>\(count("ai"))</td><td>\(count("human"))</td><td>\(count("mixed"))</td></tr>"
                )
            }
        }
        guard !rows.isEmpty else { return "" }
        return
            "<section id=\"pages\"><h2>Pages: human and AI elements</h2><table><tr><th>Work</th><th>Page</th><th>AI</th><th>Human</th><th>AI, modified by hand</th></tr>"
            + rows.joined()
            + "</table><p>Works whose elements are kept in a blob list them in that blob (blobs/).</p></section>"
    }

    func verifyMarkdown() -> String {
        let records = manifest.records.count
        return """
            # Verifying this bundle offline

            This bundle holds \(records) signed records from the log `\(manifest.log.origin)`, \
            exported \(manifest.createdAt) by the key `\(manifest.exporter.name)` \
            (`\(manifest.exporter.keyId)`) for: \(manifest.scope.reason).

            Nothing here needs Colophon, and nothing needs a network.

            ## 1. Every file is what the manifest says

                unzip BUNDLE.zip -d bundle && cd bundle
                sha256sum -c SHA256SUMS

            Expected: `OK` for each of the \(sumsCount) files listed, and no `FAILED`.

            ## 2. The manifest is signed by the exporter

            `MANIFEST.sig` is a DSSE envelope (payload type `application/vnd.in-toto+json`) over an \
            in-toto statement whose subject is `MANIFEST.json` with its SHA-256. It is signed by the \
            key `\(manifest.exporter.keyId)`, registered in the log by one of the key records in \
            `records/` (predicate type `https://colophon.dev/predicate/key@v1`).

            ## 3. Every record, proof and key

            With Python 3 and the `cryptography` package (`verify/verify_bundle.py` is included; \
            it shares no code with Colophon and can be read in an afternoon):

                python3 verify/verify_bundle.py bundle BUNDLE.zip

            Expected: `{"blobs": …, "checkpoint": \(manifest.log.size), "records": \(records), "uncitedBlobs": 0, "verified": true}` and exit status 0. \
            It checks, for each record: its id is the SHA-256 of its DSSE payload; its signatures \
            verify (DSSE PAE, Ed25519 or ECDSA P-256) with the keys registered by the key records, \
            judged at the record's log index and time (rotations and revocations, including \
            compromise times, apply); its tlog-proof proves inclusion at its index in the \
            checkpoint in `log/checkpoint`, which is signed by the log key in `log/vkey`:

                \(manifest.log.vkey)

            The checkpoint is of size \(manifest.log.size) with root `\(manifest.log.root)`.

            Or, with Colophon: `colophon bundle verify BUNDLE.zip` (add `--policy FILE` to pin the \
            log key instead of taking it from the bundle).

            ## 4. The export is in the log

            The custody record `\(manifest.custody)` names the SHA-256 of `contents.sha256` \
            (`\(contentsDigest)`), the list of every record and blob file with its digest: \
            `sha256sum contents.sha256` must print it, and `sha256sum -c contents.sha256` must \
            pass. Its tlog-proof shows it was logged before this bundle was sealed.
            \(manifest.log.since.map { "\n## 5. The log extends your checkpoint\n\n`log/consistency.json` proves that the log of size \(manifest.log.size) extends the checkpoint you pinned (`log/since.checkpoint`, size \($0.size)).\n" } ?? "")
            \(manifest.timestamps.map { "\n## Time-stamps\n\nThe checkpoint and MANIFEST.json carry RFC 3161 tokens from \($0.authority) (`timestamps/`), whose signatures chain to the roots in `\($0.roots)` (pin your own with `--tsa-roots`). With OpenSSL:\n\n    openssl ts -verify -data log/checkpoint -in timestamps/checkpoint.tsr -CAfile timestamps/tsa-roots.pem\n    openssl ts -verify -data MANIFEST.json -in timestamps/manifest.tsr -CAfile timestamps/tsa-roots.pem\n\nExpected: `Verification: OK` twice. The checkpoint was stamped \($0.checkpointTime).\n" } ?? "")
            ## What this proves

            Integrity, order and time of the records; who exported them, when and why. Not the \
            truth of what they claim.

            """
    }

    func certification() -> String {
        let manifestDigest = "(the SHA-256 of MANIFEST.json, from SHA256SUMS)"
        return """
            # Certification of records generated by an electronic process or system (FRE 902(13), 902(14))

            I, ______________________ (name), ______________________ (title), of \
            ______________________ (organisation), certify:

            1. I am qualified to make this certification: I am responsible for, or familiar with, \
            the Colophon ledger whose log origin is `\(manifest.log.origin)` and whose log key is \
            `\(manifest.log.vkey)`.
            2. The evidence bundle described here was exported from that ledger on \
            \(manifest.createdAt) by the key `\(manifest.exporter.name)` (`\(manifest.exporter.keyId)`), \
            for: \(manifest.scope.reason).
            3. The bundle holds \(manifest.records.count) records. Each file in it is identified by \
            its SHA-256 hash value in `SHA256SUMS`; `MANIFEST.json` is identified by \
            \(manifestDigest) and is signed in `MANIFEST.sig`.
            4. The contents of the bundle (`contents.sha256`, SHA-256 `\(contentsDigest)`) were \
            recorded in the log by the custody record `\(manifest.custody)` before the bundle was sealed.
            5. A copy of any file of the bundle is authenticated by comparing its SHA-256 hash value \
            with the value listed in `SHA256SUMS` (FRE 902(14)); the records' integrity and their \
            inclusion in the log are verified as described in `VERIFY.md` (FRE 902(13)).
            6. This certification concerns the integrity, order and time of the records, not the \
            truth of what they state.

            I declare under penalty of perjury under the laws of the United States of America that \
            the foregoing is true and correct (28 U.S.C. § 1746).

            Executed on ______________ (date) at ______________ (place).

            Signature: ______________________

            """
    }
}
