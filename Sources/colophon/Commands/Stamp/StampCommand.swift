import ArgumentParser
import ColophonLedger
import ColophonRecords
import ColophonReports
import Foundation

struct StampCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stamp",
        abstract: "Record generated images: model, LoRAs, prompt and settings, signed and logged.",
        discussion: """
            Reads what the generator wrote into each image (A1111, Forge, SD.Next, ComfyUI, InvokeAI, NovelAI, Fooocus, SwarmUI), resolves the model and LoRAs to their registered records by any hash or name the metadata carries (unknown ones are recorded by name and hash), binds the record to the image's file digest, pixel digest and PDQ hash, signs it with --key and appends it. Explicit flags override what the image says. With --embed the credential is written into the image as XMP (IPTC digital source type, record id, log origin and index, SB 942 and GB 45438 fields) without touching the pixels; with --c2pa a C2PA manifest (see `colophon c2pa`) goes in too; --out writes that copy elsewhere (a folder when stamping several images).

            Example: colophon stamp out.png --key studio --embed
            """
    )

    @OptionGroup var options: LedgerOptions
    @OptionGroup var passphrase: PassphraseOptions

    @Argument(help: ArgumentHelp("The images (PNG, JPEG, WebP).", valueName: "image"))
    var images: [String]

    @Option(help: ArgumentHelp("The signing key's name in the ledger.", valueName: "name"))
    var key: String?

    @Option(help: ArgumentHelp("The base model: a record id, any of its hashes, or its name.", valueName: "ref"))
    var model: String?

    @Option(
        name: .customLong("lora"),
        help: ArgumentHelp("A LoRA and its weight (repeatable; replaces the image's list).", valueName: "ref:weight")
    )
    var loras: [String] = []

    @Option(help: "The prompt, instead of the image's.")
    var prompt: String?

    @Option(help: "The negative prompt, instead of the image's.")
    var negativePrompt: String?

    @Option(help: "The seed, instead of the image's.")
    var seed: String?

    @Flag(help: "Embed the credential in the image as XMP.")
    var embed = false

    @Option(help: ArgumentHelp("Write embedded copies here instead of over the originals.", valueName: "path"))
    var out: String?

    @Flag(help: "Also embed a C2PA manifest (PNG, JPEG) signed with the ledger's C2PA certificate.")
    var c2pa = false

    @Flag(
        help: ArgumentHelp(
            "Mark the pixels with the invisible watermark first (needs --out; the marked copy is a PNG).",
            discussion: "The record binds the marked pixels and carries the watermark id (docs/watermark.md)."
        )
    )
    var watermark = false

    @OptionGroup var c2paSigner: C2PASignerOptions

    @Option(help: ArgumentHelp("The provider named in the SB 942 / GB 45438 fields.", valueName: "name"))
    var provider: String?

    @Option(
        help: ArgumentHelp(
            "Fields the record keeps only as salted commitments: prompt, negativePrompt, operator (comma-separated).",
            discussion: "The openings stay in the ledger folder; `colophon reveal` prints them.",
            valueName: "fields"
        )
    )
    var commit: String?

    func validate() throws {
        if out != nil, !embed, !c2pa, !watermark { throw ValidationError("--out needs --embed, --c2pa or --watermark") }
        if watermark {
            guard let out else {
                throw ValidationError(
                    "--watermark needs --out: the marked copy is a new PNG, the original stays as it is"
                )
            }
            if images.count == 1, !out.lowercased().hasSuffix(".png"), !StampArguments.isFolder(out) {
                throw ValidationError("--out \(out): a watermarked copy is a PNG; name it .png")
            }
        }
        if !c2pa, c2paSigner.certificate != nil || c2paSigner.noTimestamp {
            throw ValidationError("--c2pa-cert, --c2pa-key and --no-timestamp go with --c2pa")
        }
        if model?.isEmpty == true { throw ValidationError("--model needs a record id, hash or name") }
        if let provider, provider.isEmpty || provider.unicodeScalars.count > 512 {
            throw ValidationError("--provider needs a name of 1 to 512 characters")
        }
        if let seed, Int(seed) == nil && UInt64(seed) == nil {
            throw ValidationError("--seed must be an integer, not \(seed)")
        }
        _ = try StampArguments.loras(loras)
    }

    func run() async throws {
        var stampOptions = StampOptions()
        stampOptions.model = model
        stampOptions.loras = try StampArguments.loras(loras)
        stampOptions.prompt = prompt
        stampOptions.negativePrompt = negativePrompt
        stampOptions.seed = seed
        stampOptions.embed = embed
        stampOptions.provider = provider
        stampOptions.commit = try StampArguments.fields(commit)
        stampOptions.watermark = watermark
        let outputs = try StampArguments.outputs(for: images, out: out, png: watermark)
        let ledger = try await options.open()
        if c2pa { stampOptions.c2pa = try c2paSigner.signing(ledger: ledger, passphrase: passphrase) }
        let signer = try await ledger.signingKey(named: key, passphrase: try passphrase.passphrase()).key
        let stamper = try await Stamper(ledger: ledger, key: signer)
        try await Self.stamp(images, outputs: outputs, options: stampOptions, with: stamper, json: options.json)
    }

    /// Stamps each image in turn, printing each outcome (or, with --json, all of them at the
    /// end); the worst failure sets the exit status after every image was tried.
    static func stamp(
        _ images: [String],
        outputs: [String?],
        options stampOptions: StampOptions,
        with stamper: Stamper,
        json: Bool
    ) async throws {
        var reports: [StampReport] = []
        var worst: Int32 = 0
        for (image, output) in zip(images, outputs) {
            var perImage = stampOptions
            perImage.output = output
            do {
                reports.append(StampReport(try await stamper.stamp(path: image, options: perImage)))
            } catch {
                let failure = Failure.classify(error) ?? Failure(Failure.internalError, "\(error)")
                reports.append(StampReport(path: image, error: failure.message))
                worst = max(worst, failure.status)
                Terminal.error("colophon: \(failure.message)")
                continue
            }
            if !json, let last = reports.last { Terminal.out(last.text) }
        }
        if json {
            let value = try JSONValue(encoding: StampSummary(images: reports))
            Terminal.out(String(decoding: try CanonicalJSON.encode(value), as: UTF8.self))
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}

/// `stamp --json`: every image's outcome.
struct StampSummary: Codable {
    var images: [StampReport]
}

/// Parsing the stamping flags shared by `stamp` and `ingest`.
enum StampArguments {
    /// The fields named by `--commit` / `--redact`, each one that can be committed.
    static func fields(_ text: String?) throws -> Set<String> {
        guard let text else { return [] }
        var fields: Set<String> = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard FieldOpening.fields.contains(part) else {
                throw Failure(
                    Failure.usage,
                    "\(part) is not a field that can be committed: \(FieldOpening.fields.joined(separator: ", "))"
                )
            }
            fields.insert(part)
        }
        return fields
    }

    /// `name:weight` pairs; the weight is whatever follows the last colon, when it is a number.
    static func loras(_ values: [String]) throws -> [(reference: String, weight: Double?)] {
        try values.map { value in
            guard let colon = value.lastIndex(of: ":"), let weight = Double(value[value.index(after: colon)...]) else {
                guard !value.isEmpty else { throw ValidationError("--lora needs a name, hash or record id") }
                return (value, nil)
            }
            let reference = String(value[..<colon])
            guard !reference.isEmpty, weight.isFinite else {
                throw ValidationError("--lora \(value): expected ref:weight")
            }
            return (reference, weight)
        }
    }

    /// Where each image's copy goes: `out` itself for one image, or a file of the same name in
    /// the folder `out` (with a `.png` extension when `png`, for watermarked copies).
    static func outputs(for images: [String], out: String?, png: Bool = false) throws -> [String?] {
        guard let out else { return images.map { _ in nil } }
        if images.count == 1, !isFolder(out) { return [out] }
        guard isFolder(out) else {
            throw Failure(Failure.usage, "--out \(out) must be an existing folder when stamping \(images.count) images")
        }
        let names = images.map { image in
            let name = URL(fileURLWithPath: image).lastPathComponent
            return png ? URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent + ".png" : name
        }
        guard Set(names).count == names.count else {
            throw Failure(Failure.usage, "two images share a file name; stamp them into separate folders")
        }
        return names.map { URL(fileURLWithPath: out).appendingPathComponent($0).path }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
