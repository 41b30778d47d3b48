import ColophonMedia
import Foundation
import Testing

/// The comic story from the command line: the quickstart's comic verified by `verify COMIC.cbz`,
/// its HTML report rendered by headless Chromium, and bad input to `contribute`, `work` and
/// `verify`.
@Suite struct ComicCLITests {
    /// Chromium from Debian, when installed. `Tools/test` installs it and sets
    /// COLOPHON_REQUIRE_CHROMIUM, so there the test cannot be skipped.
    static let chromium: String? = {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    static var chromiumRequired: Bool { ProcessInfo.processInfo.environment["COLOPHON_REQUIRE_CHROMIUM"] != nil }

    /// The quickstart kept in a folder: its ledger, CBZ and report.
    static func quickstart() throws -> (CLI, folder: String) {
        let cli = try CLI()
        let folder = cli.path("story")
        let result = try cli.run(["quickstart", "--keep", folder, "--json"], useLedger: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json["comicVerified"] as? Bool == true)
        #expect(result.json["flaggedPages"] as? [Int] == [1, 2])
        return (cli, folder)
    }

    @Test func theQuickstartComicVerifiesForAPublisher() throws {
        let (cli, folder) = try Self.quickstart()
        let ledger = ["--ledger", folder + "/ledger"]
        let checked = try cli.run(["verify", folder + "/lighthouse.cbz", "--json"] + ledger, useLedger: false)
        #expect(checked.status == 0, "\(checked.stderr)")
        let summary = checked.json["summary"] as? [String: Any] ?? [:]
        #expect(summary["ai"] as? Int == 2 && summary["human"] as? Int == 6 && summary["humanModifiedAI"] as? Int == 1)
        let claim = checked.json["claim"] as? [String: Any] ?? [:]
        #expect(
            claim["newMaterialIncluded"] as? String
                == "Text; selection, coordination, and arrangement of text, lettering and artificial-intelligence-generated images; human modifications of artificial-intelligence-generated images (page 2)."
        )
        #expect(claim["authors"] as? [String] == ["Kris Kashtanova"])
        let text = try cli.run(["verify", folder + "/lighthouse.cbz"] + ledger, useLedger: false).stdout
        #expect(text.hasPrefix("VERIFIED"))
        #expect(text.contains("Author Created:"))
        #expect(text.contains("CONSENT CONFLICT: conflicts with Greg Rutkowski's declared refusal"))
        // A page swapped for another image: not verified, exit 1.
        let pages = folder + "/samples/pages"
        try FileManager.default.copyItem(atPath: folder + "/samples/panel-3.png", toPath: pages + "/page-4.png")
        let extra = try cli.run(["verify", pages, "--json"] + ledger, useLedger: false)
        #expect(extra.status == 1)
        #expect((extra.json["summary"] as? [String: Any])?["unknownProvenance"] as? [String] == [])
        #expect((extra.json["pages"] as? [[String: Any]])?.last?["status"] as? String == "not-in-work")
    }

    @Test func worksAreEditedAndReimportedAsNewVersions() throws {
        let (cli, folder) = try Self.quickstart()
        let ledger = ["--ledger", folder + "/ledger", "--key", "kris", "--json"]
        let edited = try cli.run(
            ["work", "edit", "lighthouse", "--title", "The Keeper", "--publisher", "Press"] + ledger,
            useLedger: false
        )
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.json["version"] as? Int == 2 && edited.json["elements"] as? Int == 9)
        // New page images for page 3: `work create` (an alias of import) keeps every page's elements.
        let pages = folder + "/samples/pages"
        var page3 = try PNGFile(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: pages + "/page-3.png"))))
        try page3.setText(PNGText(keyword: "Comment", text: "relettered", kind: .text))
        try Data(page3.serialized()).write(to: URL(fileURLWithPath: pages + "/page-3.png"))
        let again = try cli.run(["work", "create", pages, "--id", "lighthouse"] + ledger, useLedger: false)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.json["version"] as? Int == 3 && again.json["elements"] as? Int == 9)
        #expect(again.json["title"] as? String == "The Keeper")
        let shown = try cli.run(
            ["work", "show", "lighthouse", "--ledger", folder + "/ledger", "--json"],
            useLedger: false
        )
        #expect((shown.json["versions"] as? [Any])?.count == 3)
        #expect(shown.json["publisher"] as? String == "Press")
        // The old CBZ is version 1: it still verifies, and the report names the newer version.
        let old = try cli.run(
            [
                "verify", folder + "/lighthouse.cbz", "--ledger", folder + "/ledger", "--json", "--html",
                cli.path("r.html"), "--html-images", "0",
            ],
            useLedger: false
        )
        #expect(old.status == 0, "\(old.stderr)")
        #expect((old.json["work"] as? [String: Any])?["newerVersion"] as? String != nil)
        let html = try String(contentsOfFile: cli.path("r.html"), encoding: .utf8)
        #expect(!html.contains("data:image/png;base64,") && html.contains("the report's image budget is spent"))
        // Elements files that do not fit the comic.
        try cli.write("bad.json", "{\"pages\": [{\"number\": 9, \"elements\": []}]}")
        let wrongPage = try cli.run(
            ["work", "import", pages, "--id", "x", "--title", "X", "--elements", cli.path("bad.json")] + ledger,
            useLedger: false
        )
        #expect(wrongPage.status == 2 && wrongPage.stderr.contains("page 9"), "\(wrongPage.stderr)")
        try cli.write("worse.json", "[1, 2")
        let malformed = try cli.run(
            ["work", "import", pages, "--id", "x", "--title", "X", "--elements", cli.path("worse.json")] + ledger,
            useLedger: false
        )
        #expect(malformed.status == 2 && malformed.stderr.contains("not an elements file"), "\(malformed.stderr)")
        let nothing = try cli.run(["work", "edit", "lighthouse"] + ledger, useLedger: false)
        #expect(nothing.status == 2 && nothing.stderr.contains("nothing to change"))
    }

    @Test(.enabled(if: chromium != nil || chromiumRequired))
    func theHTMLReportRendersInHeadlessChromium() throws {
        let chromium = try #require(Self.chromium, "Chromium is required here but not installed")
        let (cli, folder) = try Self.quickstart()
        let report = folder + "/lighthouse-report.html"
        let shot = cli.path("report.png")
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1100,1600",
            "--user-data-dir=\(cli.path("chromium-profile"))",
        ]
        let rendered = try Self.run(chromium, arguments + ["--screenshot=\(shot)", "file://\(report)"])
        #expect(rendered == 0)
        let image = try ImageDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: shot))))
        #expect(image.width == 1100 && image.height == 1600)
        // The AI overlay's orange border and the human overlay's blue border are on screen.
        var orange = 0
        var blue = 0
        for offset in stride(from: 0, to: image.rgba.count, by: 4) {
            let (r, g, b) = (Int(image.rgba[offset]), Int(image.rgba[offset + 1]), Int(image.rgba[offset + 2]))
            if r > 200, (60...110).contains(g), b < 40 { orange += 1 }
            if r < 50, (80...120).contains(g), b > 170 { blue += 1 }
        }
        #expect(orange > 500, "orange overlay pixels: \(orange)")
        #expect(blue > 500, "blue overlay pixels: \(blue)")
        // The DOM Chromium built holds the verdict, the legend, the overlays and the claim.
        let dom = cli.path("dom.html")
        #expect(try Self.run(chromium, arguments + ["--dump-dom", "file://\(report)"], output: dom) == 0)
        let text = try String(contentsOfFile: dom, encoding: .utf8)
        #expect(text.contains("id=\"verdict\">VERIFIED<"))
        #expect(text.contains("id=\"legend\""))
        #expect(text.components(separatedBy: "class=\"box ai").count - 1 == 2)
        #expect(text.components(separatedBy: "class=\"box mixed").count - 1 == 1)
        #expect(text.contains("id=\"author-created\">Text; selection, coordination, and arrangement"))
    }

    static func run(_ executable: String, _ arguments: [String], output: String? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        if let output {
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        } else {
            process.standardOutput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(
        arguments: [
            (["contribute", "--category", "lettering", "--attestation", "mine"], "needs something it is about"),
            (["contribute", "--category", "lettering", "--attestation", "x", "--box", "1,2,3"], "x,y,width,height"),
            (["contribute", "--category", "lettering", "--attestation", "x", "--page", "1"], "need --work"),
            (["contribute", "--category", "lettering", "--attestation", "x", "--box", "1,a,3,4"], "must be a number"),
            (["contribute", "--category", "poetry", "--attestation", "x"], "poetry"),
            (
                ["contribute", "--category", "lettering", "--attestation", "x", "--from", "yesterday", "--to", "now"],
                "RFC 3339"
            ),
            (["contribute", "--category", "selection", "--attestation", "x", "--chosen", "a.png"], "--candidate"),
            (
                ["contribute", "--category", "lettering", "--attestation", "x", "--tool", ":generative"],
                "--tool needs a name"
            ),
            (
                ["contribute", "--category", "lettering", "--attestation", "x", "--evidence", "missing.psd"],
                "no such file"
            ),
            (["work", "import", "missing-folder", "--id", "w"], "no such file"),
            (["work", "import", ".", "--id", " "], "--id"),
            (["work", "element", "nothing", "--page", "1", "--id", "e"], "--kind and --origin"),
            (["verify", "missing.cbz"], "no such file"),
        ]
    )
    func badInputIsAUsageError(arguments: [String], reason: String) throws {
        let cli = try CLI.withLedger()
        let result = try cli.run(arguments)
        #expect(result.status == 2, "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains(reason), "\(result.stderr)")
    }

    @Test func hostileArchivesAreRefusedAndNothingIsRecorded() throws {
        let cli = try CLI.withLedger()
        let page = try PNGEncoder.encode(SampleArt.lighthouse(side: 32))
        let slip = try ComicArchive.cbz(pages: [("page-1.png", page)], comicInfo: nil, manifest: nil)
        // Rename the entry to climb out of the archive (same length, so offsets hold).
        let renamed = Self.replace(Array("page-1.png".utf8), with: Array("../evi.png".utf8), in: slip)
        try cli.write("slip.cbz", bytes: renamed)
        for arguments in [
            ["verify", cli.path("slip.cbz")], ["work", "import", cli.path("slip.cbz"), "--id", "w", "--title", "T"],
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 2 && result.stderr.contains("zip-slip"), "\(result.stderr)")
        }
        #expect(try cli.run("work", "show", "w").status == 1)
        try cli.write("empty.cbz", bytes: try ComicArchive.cbz(pages: [], comicInfo: nil, manifest: nil))
        let empty = try cli.run("work", "import", cli.path("empty.cbz"), "--id", "w", "--title", "T")
        #expect(empty.status == 2 && empty.stderr.contains("no page images"), "\(empty.stderr)")
        #expect(try cli.run("verify", cli.path("empty.cbz")).status == 1)
    }

    static func replace(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        var index = 0
        while index + old.count <= result.count {
            if Array(result[index..<(index + old.count)]) == old {
                result.replaceSubrange(index..<(index + old.count), with: new)
                index += new.count
            } else {
                index += 1
            }
        }
        return result
    }
}
