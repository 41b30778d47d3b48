import ColophonCrypto
import ColophonLedger
import ColophonLog
import ColophonRecords
import ColophonStorage
import Foundation

/// Where the time of one append goes, per entry, single-threaded: the breakdown behind the
/// log benchmark's totals.
enum PartsBench {
    static func run() async throws {
        let key = try SigningKey.generate(.ed25519)
        let envelopes = try await LogBench.sign(5_000, key: key, offset: 0)
        let bodies = try envelopes.map { try $0.canonicalBytes() }
        let statements = try envelopes.map { try $0.statement() }
        func perEntry(_ name: String, _ body: () throws -> Void) rethrows {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(envelopes.count)
            print("\(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(String(format: "%8.2f", micros)) µs/entry")
        }
        print("Per-entry cost of an append's parts (one core, \(envelopes.count) entries of \(bodies[0].count) bytes)")
        try perEntry("parse envelope JSON") { for body in bodies { _ = try Envelope(jsonBytes: body) } }
        try perEntry("parse statement (strict JSON + in-toto)") {
            for envelope in envelopes { _ = try JSONParser().parse(envelope.payload) }
        }
        try perEntry("statement() incl. schema and canonical check") { for envelope in envelopes { _ = try envelope.statement() } }
        try perEntry("schema validation alone") {
            for statement in statements { _ = try PredicateSchemas.violations(of: statement.predicate, as: .generation) }
        }
        try perEntry("envelope canonical bytes") { for envelope in envelopes { _ = try envelope.canonicalBytes() } }
        try perEntry("Ed25519 verify") {
            for envelope in envelopes { _ = envelope.verifies(envelope.signatures[0], with: key.verifyingKey) }
        }
        let hasher = MerkleHasher()
        var range = CompactRange()
        perEntry("leaf hash + tree extension") { for body in bodies { _ = range.append(hasher.leafHash(body), hasher: hasher) } }
    }
}
