import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Witnessing end to end: a witness cosigns a log's checkpoints, the log publishes only
/// cosigned ones, clients require the cosignature — and a log that shows two different trees
/// to two clients is caught.
@Suite struct WitnessTests {
    struct Setup {
        let cli: CLI
        let envelopes: [String]
        let witness: ServerProcess
        let witnessVKey: String
        let policy: String
    }

    static func setup(records: Int) throws -> Setup {
        let (cli, envelopes) = try ServerTests.ledger(records: records)
        let made = try cli.run(
            "witness",
            "new",
            "witness.colophon.example",
            "--out",
            cli.path("witness.key"),
            "--json",
            useLedger: false
        )
        #expect(made.status == 0, "\(made.stderr)")
        let vkey = made.json["vkey"] as? String ?? ""
        let witness = try ServerProcess(
            [
                "--key", cli.path("witness.key"), "--log", cli.ledger + "/log.vkey", "--state",
                cli.path("witness.state"),
            ],
            in: cli.root,
            command: ["witness", "serve"]
        )
        let logVKey = try String(contentsOfFile: cli.ledger + "/log.vkey", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let policy = try cli.write(
            "policy",
            "log \(logVKey)\nwitness w1 \(vkey) http://127.0.0.1:\(witness.port)\nquorum w1\n"
        )
        return Setup(
            cli: cli,
            envelopes: envelopes.map { String(decoding: $0, as: UTF8.self) },
            witness: witness,
            witnessVKey: vkey,
            policy: policy
        )
    }

    @Test func aSplitViewIsCaught() async throws {
        let setup = try Self.setup(records: 2)
        let cli = setup.cli
        defer { setup.witness.stop() }
        // The same log, forked: a copy of the folder, keys and all, shown to another client.
        let fork = cli.path("fork")
        try FileManager.default.copyItem(atPath: cli.ledger, toPath: fork)

        let honest = try ServerProcess(["--ledger", cli.ledger, "--witness-policy", setup.policy], in: cli.root)
        defer { honest.stop() }
        let first = try await honest.post("/v1/records?wait=true", Data(setup.envelopes[0].utf8))
        #expect(first.status == 201, "\(first.text)")
        let proof = first.json["proof"] as? String ?? ""
        #expect(
            proof.contains("\u{2014} witness.colophon.example "),
            "the published proof carries the witness's cosignature"
        )
        try cli.write("honest.tlog-proof", proof)
        try cli.write("first.json", setup.envelopes[0])
        let accepted = try cli.run(
            "log",
            "verify-proof",
            cli.path("honest.tlog-proof"),
            "--policy",
            setup.policy,
            "--entry",
            cli.path("first.json"),
            useLedger: false
        )
        #expect(accepted.status == 0, "\(accepted.stderr)")
        let checkpoint = try await honest.get("/checkpoint")
        #expect(checkpoint.text.contains("\u{2014} witness.colophon.example "))

        // The fork appends a different record at the same index: the witness refuses to cosign
        // it, so the fork cannot publish it and a waiting submitter is told so.
        let forked = try ServerProcess(
            ["--ledger", fork, "--witness-policy", setup.policy, "--wait-seconds", "2"],
            in: cli.root
        )
        defer { forked.stop() }
        let second = try await forked.post("/v1/records?wait=true", Data(setup.envelopes[1].utf8))
        #expect(second.status == 503, "\(second.text)")
        #expect(second.error["code"] as? String == "not-witnessed")
        // A client handed the fork's own proof checks the quorum and rejects it.
        try cli.write("second.json", setup.envelopes[1])
        let appendedID = try #require(
            (try cli.run("show", "#2", "--ledger", fork, "--json", useLedger: false).json["recordId"]) as? String
        )
        #expect(
            try cli.run(
                "log",
                "prove",
                appendedID,
                "--ledger",
                fork,
                "--out",
                cli.path("fork.tlog-proof"),
                useLedger: false
            ).status == 0
        )
        let rejected = try cli.run(
            "log",
            "verify-proof",
            cli.path("fork.tlog-proof"),
            "--policy",
            setup.policy,
            "--entry",
            cli.path("second.json"),
            useLedger: false
        )
        #expect(rejected.status == 1, "\(rejected.stdout) \(rejected.stderr)")
        #expect(rejected.stderr.contains("lacks the witness quorum"), "\(rejected.stderr)")
        // And the witness itself says why: its answer to the fork's checkpoint is 422.
        let note = try String(contentsOfFile: cli.path("fork.tlog-proof"), encoding: .utf8)
        let separator = try #require(note.range(of: "\n\n"))
        let forkNote = String(note[separator.upperBound...])
        let refused = try await setup.witness.post("/add-checkpoint", Data(("old 3\n\n" + forkNote).utf8))
        #expect(refused.status == 422, "\(refused.text)")
        #expect(refused.text.contains("two different roots"), "\(refused.text)")
    }

    @Test func theWitnessAnswersEveryCaseOfTheProtocol() async throws {
        let setup = try Self.setup(records: 0)
        let cli = setup.cli
        defer { setup.witness.stop() }
        let checkpoint = try cli.run("log", "checkpoint", "--json").json["note"] as? String ?? ""
        #expect(checkpoint.hasPrefix("cli.colophon.example/log\n2\n"))
        let stranger = try CLI.withLedger()
        let foreign = try stranger.run("log", "checkpoint", "--json").json["note"] as? String ?? ""
        let forged = checkpoint.replacingOccurrences(of: "\n2\n", with: "\n3\n")
        let cases: [(String, Int, String)] = [
            ("old 0\n\n" + checkpoint, 200, "\u{2014} witness.colophon.example "),
            ("old 0\n\n" + checkpoint, 409, "2\n"),
            ("old 2\n\n" + checkpoint, 200, "\u{2014} witness.colophon.example "),
            ("old 5\n\n" + checkpoint, 400, "exceeds"),
            ("not a request", 400, "old"),
            ("old 2\nnot-base64!\n\n" + checkpoint, 400, "base64"),
            ("old 2\n\n", 400, "no checkpoint"),
            (
                "old 0\n\n" + foreign.replacingOccurrences(of: "cli.colophon.example/log", with: "other.example/log"),
                404, "does not witness"
            ),
            ("old 2\n\n" + forged, 403, "no valid signature"),
        ]
        for (body, status, needle) in cases {
            let reply = try await setup.witness.post("/add-checkpoint", Data(body.utf8))
            #expect(reply.status == status, "\(body.prefix(40)): \(reply.status) \(reply.text)")
            #expect(reply.text.contains(needle), "\(body.prefix(40)): \(reply.text)")
            if status == 409 { #expect(reply.headers["content-type"] == "text/x.tlog.size") }
        }
        // The cosignature verifies under the witness's vkey: a policy requiring it accepts the note.
        let cosigned = try await setup.witness.post("/add-checkpoint", Data(("old 2\n\n" + checkpoint).utf8))
        try cli.write("cosigned.note", checkpoint + cosigned.text)
        // The state survives a restart: a new witness process still knows size 2.
        setup.witness.stop()
        let again = try ServerProcess(
            [
                "--key", cli.path("witness.key"), "--log", cli.ledger + "/log.vkey", "--state",
                cli.path("witness.state"),
            ],
            in: cli.root,
            command: ["witness", "serve"]
        )
        defer { again.stop() }
        let stale = try await again.post("/add-checkpoint", Data(("old 0\n\n" + checkpoint).utf8))
        #expect(stale.status == 409)
        #expect(stale.text == "2\n")
    }

    /// A witness that answers with a cosignature line under the right key id but a forged
    /// signature must not stop the log from publishing what the honest witness cosigned.
    @Test func aLyingWitnessCannotBlockTheQuorum() async throws {
        let setup = try Self.setup(records: 1)
        let cli = setup.cli
        defer { setup.witness.stop() }
        let liar = try cli.run(
            "witness",
            "new",
            "liar.colophon.example",
            "--out",
            cli.path("liar.key"),
            "--json",
            useLedger: false
        )
        let liarVKey = liar.json["vkey"] as? String ?? ""
        // The liar's key id (from its vkey), then 8 + 64 bytes of nonsense.
        let idHex = String(liarVKey.split(separator: "+")[1])
        let script = """
            import base64, http.server, sys
            line = "\\u2014 liar.colophon.example " + base64.b64encode(bytes.fromhex("\(idHex)") + bytes(72)).decode() + "\\n"
            class Handler(http.server.BaseHTTPRequestHandler):
                def do_POST(self):
                    self.rfile.read(int(self.headers["Content-Length"]))
                    body = line.encode()
                    self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args): pass
            import time
            server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
            server.timeout = 1
            print("listening on http://127.0.0.1:%d" % server.server_port, flush=True)
            deadline = time.time() + 60
            while time.time() < deadline:
                server.handle_request()
            """
        let fake = Process()
        fake.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        fake.arguments = ["python3", "-c", script]
        let output = Pipe()
        fake.standardOutput = output
        fake.standardError = FileHandle.nullDevice
        try fake.run()
        defer {
            kill(fake.processIdentifier, SIGKILL)
            fake.waitUntilExit()
        }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        let fakePort = try #require(
            line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        )
        let logVKey = try String(contentsOfFile: cli.ledger + "/log.vkey", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let policy = try cli.write(
            "any.policy",
            """
            log \(logVKey)
            witness w1 \(setup.witnessVKey) http://127.0.0.1:\(setup.witness.port)
            witness liar \(liarVKey) http://127.0.0.1:\(fakePort)
            group either 1 w1 liar
            quorum either

            """
        )
        let server = try ServerProcess(
            ["--ledger", cli.ledger, "--witness-policy", policy, "--wait-seconds", "5"],
            in: cli.root
        )
        defer { server.stop() }
        let submitted = try await server.post("/v1/records?wait=true", Data(setup.envelopes[0].utf8))
        #expect(submitted.status == 201, "\(submitted.text)")
        let proof = submitted.json["proof"] as? String ?? ""
        #expect(proof.contains("\u{2014} witness.colophon.example "))
        #expect(!proof.contains("\u{2014} liar.colophon.example "), "the forged line must be dropped")
    }
}
