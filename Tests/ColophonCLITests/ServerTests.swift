import Foundation
import Testing

/// `colophon serve` driven over HTTP as generators, publishers and monitors use it.
@Suite struct ServerTests {
    /// A ledger with key "studio" and `count` signed generation envelopes (not yet appended).
    static func ledger(records count: Int) throws -> (CLI, [Data]) {
        let cli = try CLI.withLedger()
        var envelopes: [Data] = []
        for seed in 0..<count {
            let statement = try cli.write("statement-\(seed).json", CLI.statement(seed))
            let signed = try cli.run("record", "sign", statement, "--key", "studio")
            precondition(signed.status == 0, signed.stderr)
            envelopes.append(Data(signed.stdout.utf8))
        }
        return (cli, envelopes)
    }

    @Test func submitsLooksUpProvesAndServesTiles() async throws {
        let (cli, envelopes) = try Self.ledger(records: 3)
        let server = try ServerProcess(["--ledger", cli.ledger], in: cli.root)
        defer { server.stop() }

        let first = try await server.post("/v1/records", envelopes[0])
        #expect(first.status == 201, "\(first.text)")
        let id = first.json["recordId"] as? String ?? ""
        #expect(first.json["index"] as? Int == 2)
        #expect(first.json["new"] as? Bool == true)
        // A replay is answered with the record's place, and adds nothing.
        let replay = try await server.post("/v1/records", envelopes[0])
        #expect(replay.status == 200)
        #expect(replay.json["new"] as? Bool == false)
        #expect(replay.json["index"] as? Int == 2)
        // wait=true brings the tlog-proof, which the command line verifies offline.
        let waited = try await server.post("/v1/records?wait=true", envelopes[1])
        #expect(waited.status == 201)
        let proof = waited.json["proof"] as? String ?? ""
        #expect(proof.hasPrefix("c2sp.org/tlog-proof@v1\n"))
        try cli.write("waited.tlog-proof", proof)
        try cli.write("waited.json", String(decoding: envelopes[1], as: UTF8.self))
        let checked = try cli.run(
            "log",
            "verify-proof",
            cli.path("waited.tlog-proof"),
            "--vkey",
            cli.ledger + "/log.vkey",
            "--entry",
            cli.path("waited.json")
        )
        #expect(checked.status == 0, "\(checked.stderr)")
        // A batch: an array in, an array out.
        let batch = try await server.post("/v1/records", Data("[".utf8) + envelopes[2] + Data("]".utf8))
        #expect(batch.status == 201)
        #expect((try JSONSerialization.jsonObject(with: batch.body) as? [[String: Any]])?.first?["index"] as? Int == 4)

        let record = try await server.get("/v1/records/\(id)")
        #expect(record.status == 200)
        #expect(record.json["recordId"] as? String == id)
        #expect(
            (record.json["envelope"] as? [String: Any])?["payloadType"] as? String == "application/vnd.in-toto+json"
        )
        let lookup = try await server.get("/v1/lookup?sha256=" + String(repeating: "0", count: 64))
        #expect(lookup.status == 200)
        #expect((lookup.json["matches"] as? [[String: Any]])?.first?["recordId"] as? String == id)
        let unmarked = try await server.get("/v1/lookup?watermark=0123456789abcdef")
        #expect(unmarked.status == 200)
        #expect((unmarked.json["matches"] as? [[String: Any]])?.isEmpty == true)
        #expect((unmarked.json["query"] as? [String: Any])?["kind"] as? String == "watermark")

        // The tiles are byte for byte what `log tiles` publishes.
        let checkpoint = try await server.get("/checkpoint")
        #expect(checkpoint.text.split(separator: "\n").dropFirst().first == "5")
        #expect(try cli.run("log", "tiles", "--out", cli.path("tiles")).status == 0)
        for path in ["tile/0/000.p/5", "tile/entries/000.p/5"] {
            let served = try await server.get("/" + path)
            #expect(served.status == 200, "\(path)")
            #expect(served.body == (try Data(contentsOf: URL(fileURLWithPath: cli.path("tiles/" + path)))), "\(path)")
        }
        #expect(try await server.get("/tile/0/000.p/6").status == 404)
        #expect(try await server.get("/tile/0/000").status == 404)

        let inclusion = try await server.get("/v1/proof/inclusion?id=\(id)&size=5")
        #expect(inclusion.status == 200)
        #expect(inclusion.text.hasPrefix("c2sp.org/tlog-proof@v1\n"))
        let consistency = try await server.get("/v1/proof/consistency?old=3&new=5")
        #expect(consistency.status == 200, "\(consistency.text)")
        #expect((consistency.json["proof"] as? [String])?.isEmpty == false)
        let health = try await server.get("/healthz")
        #expect(health.json["size"] as? Int == 5)
        let metrics = try await server.get("/metrics")
        #expect(metrics.text.contains("colophon_submissions_accepted_total 3"))
        #expect(metrics.text.contains("colophon_log_size 5"))
        // Per route, method and status, counted and timed without streaming the bodies.
        #expect(
            metrics.text.contains(
                #"hb_requests{http_route="/v1/records",http_request_method="POST",http_response_status_code="201"} 3"#
            )
        )
        #expect(metrics.text.contains(#"http_server_request_duration_count{http_route="/healthz""#))
        #expect(
            metrics.text.contains(
                #"hb_request_errors{http_route="/tile/**",http_request_method="GET",error_type="404"} 2"#
            )
        )
    }

    @Test func badRequestsGetJSONErrorsAndTheServerKeepsServing() async throws {
        let (cli, envelopes) = try Self.ledger(records: 1)
        // A key that was never registered here.
        let stranger = try CLI.withLedger()
        let statement = try stranger.write("s.json", CLI.statement(7))
        let foreign = Data(try stranger.run("record", "sign", statement, "--key", "studio").stdout.utf8)
        let server = try ServerProcess(["--ledger", cli.ledger, "--max-body-kib", "64"], in: cli.root)
        defer { server.stop() }

        let cases: [(String, String, Data?, Int)] = [
            ("POST", "/v1/records", Data(), 400),
            ("POST", "/v1/records", Data("{not json".utf8), 400),
            ("POST", "/v1/records", Data(#"{"payloadType":"x","payload":"","signatures":[]}"#.utf8), 400),
            ("POST", "/v1/records", Data("[]".utf8), 400),
            ("POST", "/v1/records", Data(repeating: 0x20, count: 65 << 10), 413),
            ("POST", "/v1/records", foreign, 422),
            ("POST", "/v1/records?wait=maybe", envelopes[0], 400),
            ("GET", "/v1/records/sha256:zz", nil, 400),
            ("GET", "/v1/records/sha256:" + String(repeating: "a", count: 64), nil, 404),
            ("GET", "/v1/blobs/..%2F..%2Fetc%2Fpasswd", nil, 400),
            ("GET", "/v1/blobs/" + String(repeating: "b", count: 64), nil, 404),
            ("GET", "/tile/0/x001/..%2F..%2Fetc", nil, 400),
            ("GET", "/tile/0/0001", nil, 400),
            ("GET", "/tile/99/000", nil, 400),
            ("GET", "/tile/entries/000.p/0", nil, 400),
            ("GET", "/v1/lookup", nil, 400),
            ("GET", "/v1/lookup?sha256=abc", nil, 400),
            ("GET", "/v1/lookup?pdq=1&artist=x", nil, 400),
            ("GET", "/v1/lookup?lora=nothing-like-it", nil, 404),
            ("GET", "/v1/lookup?watermark=%2B000000000000001", nil, 400),
            ("GET", "/v1/lookup?watermark=12345", nil, 400),
            ("GET", "/v1/proof/inclusion?id=sha256:1", nil, 400),
            ("GET", "/v1/proof/inclusion?id=sha256:" + String(repeating: "c", count: 64), nil, 404),
            ("GET", "/v1/proof/consistency?old=-1&new=2", nil, 400),
            ("GET", "/v1/proof/consistency?old=2&new=99999", nil, 404),
            ("GET", "/v1/proof/consistency?old=2&new=1", nil, 400),
            ("DELETE", "/v1/records", nil, 405),
            ("PUT", "/checkpoint", nil, 405),
            ("GET", "/v1/proof/consistency?old=99999999999999999999999&new=1", nil, 400),
            ("POST", "/v1/verify", Data(), 400),
            ("POST", "/v1/verify", Data("not an image".utf8), 422),
            ("POST", "/v1/verify", Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]), 422),
            ("GET", "/no/such/route", nil, 404),
            // Numbers past 2^63 or 2^64 are refused, never trapped on.
            (
                "GET",
                "/v1/proof/inclusion?id=sha256:" + String(repeating: "c", count: 64) + "&size=18446744073709551615",
                nil, 400
            ),
            (
                "GET",
                "/v1/proof/inclusion?id=sha256:" + String(repeating: "c", count: 64) + "&size=9223372036854775807", nil,
                404
            ),
            (
                "GET", "/v1/lookup?pdq=" + String(repeating: "a", count: 64) + "&maxDistance=9223372036854775808", nil,
                400
            ),
            ("GET", "/v1/lookup?pdq=" + String(repeating: "a", count: 64) + "&maxDistance=257", nil, 400),
            ("GET", "/tile/entries/x072/x057/x594/x037/x927/935", nil, 404),
            ("GET", "/tile/0/x018/x446/x744/x073/x709/x551/999", nil, 400),
            ("GET", "/tile/0/x018/x446/x744/x073/x709/x551/615", nil, 404),
        ]
        for (method, path, body, status) in cases {
            let reply = try await server.request(method, path, body: body)
            #expect(reply.status == status, "\(method) \(path): \(reply.status) \(reply.text)")
            #expect(reply.error["status"] as? Int == status, "\(method) \(path): \(reply.text)")
            #expect((reply.error["message"] as? String)?.isEmpty == false, "\(method) \(path)")
        }
        // Still serving, and nothing was appended.
        let health = try await server.get("/healthz")
        #expect(health.status == 200)
        #expect(health.json["size"] as? Int == 2)
    }

    @Test func bearerTokensAndRateLimitsGuardWrites() async throws {
        let (cli, envelopes) = try Self.ledger(records: 4)
        let tokens = try cli.write("tokens", "# writers\nsecret-one\n")
        let server = try ServerProcess(
            ["--ledger", cli.ledger, "--token-file", tokens, "--rate-per-key", "0.001"],
            in: cli.root
        )
        defer { server.stop() }
        let anonymous = try await server.post("/v1/records", envelopes[0])
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        let wrong = try await server.post("/v1/records", envelopes[0], headers: ["Authorization": "Bearer secret-two"])
        #expect(wrong.status == 401)
        let authorised = ["Authorization": "Bearer secret-one"]
        // Envelopes that only claim the key's id (forged signatures) are refused and do not
        // spend its allowance.
        var forged = try #require(try JSONSerialization.jsonObject(with: envelopes[3]) as? [String: Any])
        var signatures = try #require(forged["signatures"] as? [[String: Any]])
        signatures[0]["sig"] = Data(repeating: 7, count: 64).base64EncodedString()
        forged["signatures"] = signatures
        let forgedBody = try JSONSerialization.data(withJSONObject: forged)
        for _ in 0..<3 {
            #expect(try await server.post("/v1/records", forgedBody, headers: authorised).status == 422)
        }
        // The key's bucket holds a burst of two submissions at this rate.
        #expect(try await server.post("/v1/records", envelopes[0], headers: authorised).status == 201)
        #expect(try await server.post("/v1/records", envelopes[1], headers: authorised).status == 201)
        let limited = try await server.post("/v1/records", envelopes[2], headers: authorised)
        #expect(limited.status == 429)
        #expect(Int(limited.headers["retry-after"] ?? "") ?? 0 > 0)
        #expect(limited.error["code"] as? String == "rate-limited")
        // Reads are not limited.
        #expect(try await server.get("/checkpoint").status == 200)
    }

    @Test func aStoppedServerLosesNothingItAccepted() async throws {
        let (cli, envelopes) = try Self.ledger(records: 40)
        let server = try ServerProcess(["--ledger", cli.ledger], in: cli.root)
        // Ten answered before the signal, then thirty at once with SIGTERM sent among them.
        var accepted: [String] = []
        for envelope in envelopes.prefix(10) {
            let reply = try await server.post("/v1/records", envelope)
            #expect(reply.status == 201)
            if let id = reply.json["recordId"] as? String { accepted.append(id) }
        }
        accepted += try await withThrowingTaskGroup(of: String?.self) { group in
            for (position, envelope) in envelopes.dropFirst(10).enumerated() {
                group.addTask {
                    if position == 10 { _ = kill(server.process.processIdentifier, SIGTERM) }
                    guard let reply = try? await server.post("/v1/records", envelope), reply.status == 201 else {
                        return nil
                    }
                    return reply.json["recordId"] as? String
                }
            }
            var ids: [String] = []
            for try await id in group {
                if let id { ids.append(id) }
            }
            return ids
        }
        #expect(server.stop() == 0, "\(server.log)")
        for id in accepted {
            #expect(try cli.run("show", id).status == 0, "\(id) was acknowledged but is not in the log")
        }
    }

    @Test func stalledClientsAreCutOffRevokedKeysRefusedAndLogsAreJSON() async throws {
        let (cli, envelopes) = try Self.ledger(records: 2)
        let server = try ServerProcess(
            ["--ledger", cli.ledger, "--idle-seconds", "1", "--log-format", "json", "--access-log"],
            in: cli.root
        )
        defer { server.stop() }
        // Half a request, then silence: the server hangs up after the idle timeout.
        let stalled = try RawConnection(port: server.port)
        stalled.send("POST /v1/records HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{")
        try await Task.sleep(for: .milliseconds(2500))
        #expect(stalled.isClosedByPeer(), "a stalled request must not hold its connection forever")
        #expect(try await server.get("/healthz").status == 200)

        // A key revoked by another process after the server last judged with it (its keys are
        // cached): the server sees the key record come in and judges again, so the submission
        // is refused.
        #expect(try await server.post("/v1/records", envelopes[0]).status == 201)
        #expect(try cli.run("key", "revoke", "studio", "--reason", "laptop stolen").status == 0)
        let refused = try await server.post("/v1/records", envelopes[1])
        #expect(refused.status == 422, "\(refused.text)")
        #expect((refused.error["message"] as? String)?.contains("revoked") == true, "\(refused.text)")

        let lines = server.log.split(separator: "\n").filter { !$0.isEmpty }
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["message"] is String, "\(line)")
            #expect(object?["level"] is String, "\(line)")
        }
    }
}
