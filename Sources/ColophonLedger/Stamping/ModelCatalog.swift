import ColophonCrypto
public import ColophonMedia
public import ColophonRecords

/// The registered models and adapters, indexed so that whatever an image's metadata names —
/// a hash prefix of any algorithm, a file name, a path, a training output name — finds the
/// record it means.
public struct ModelCatalog: Sendable {
    /// One registered file.
    public struct Entry: Hashable, Sendable {
        public var record: RecordID
        public var type: PredicateType
        public var name: String
        public var fileName: String?
        public var outputName: String?
        public var hashes: FileHashes
        /// SHA-256 of the file name: what Forge 2.0 wrote as a "hash" for half a year.
        public var nameSHA256: String?
        public var emulates: [String]
        /// What the training metadata says in words, each with where it was found: dataset
        /// folders, top caption tags, output name, title, comment and trigger words.
        public var clues: [Clue] = []

        /// One piece of training metadata that may name an artist.
        public struct Clue: Hashable, Sendable {
            /// Where it was found: "dataset folder", "caption tag", "trigger word"…
            public var source: String
            public var text: String
            public var basis: AttributionPredicate.Basis
            public var confidence: Double
        }

        /// How this adapter relates to an artist known by `names` (the name and its aliases):
        /// declared (`--emulates`), else the strongest clue in its training metadata that
        /// names them as whole words; nil when nothing does.
        public func attribution(to names: [ArtistName], artist: String) -> AdapterAttribution? {
            attributions(to: names, artist: artist).first
        }

        /// Every way this adapter relates to the artist, strongest first, one link per basis:
        /// declared, then the strongest clue of each kind.
        public func attributions(to names: [ArtistName], artist: String) -> [AdapterAttribution] {
            guard !names.isEmpty else { return [] }
            var links: [AdapterAttribution] = []
            if let declared = emulates.first(where: { text in names.contains { ArtistName(text) == $0 } }) {
                links.append(link(artist, .declared, 1, "declared to emulate \(declared) when registered"))
            }
            for clue in clues where !links.contains(where: { $0.basis == clue.basis }) {
                guard let name = names.first(where: { $0.isNamed(in: clue.text) }) else { continue }
                links.append(link(artist, clue.basis, clue.confidence, "\(clue.source) '\(clue.text)' names \(name)"))
            }
            return links
        }

        private func link(
            _ artist: String,
            _ basis: AttributionPredicate.Basis,
            _ confidence: Double,
            _ evidence: String
        ) -> AdapterAttribution {
            AdapterAttribution(
                adapter: record,
                adapterName: name,
                artist: artist,
                basis: basis,
                confidence: confidence,
                evidence: evidence
            )
        }
    }

    public private(set) var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    public mutating func add(_ entry: Entry) {
        entries.removeAll { $0.record == entry.record }
        entries.append(entry)
    }

    /// The registered file a reference means, or nil. A hash decides when one is given (a name
    /// next to a hash that matches nothing is another file that happens to share the name); a
    /// name decides only when no hash was written.
    public func resolve(_ reference: ModelReference, type: PredicateType) -> Entry? {
        let candidates = entries.filter { $0.type == type }
        if let claim = reference.hash {
            // Fewer than 32 bits of hash would match files by accident (or by design).
            guard claim.value.utf8.count >= 8 else { return nil }
            for algorithm in claim.algorithms {
                let matches = candidates.filter { Self.hash(algorithm, of: $0)?.hasPrefix(claim.value) == true }
                if let match = Self.unique(matches) { return match }
            }
            return nil
        }
        guard let stem = reference.stem, !stem.isEmpty else { return nil }
        let exact = candidates.filter { entry in
            [entry.fileName.flatMap { ModelReference(name: $0).stem }, entry.name, entry.outputName].contains(stem)
        }
        if let match = Self.unique(exact) { return match }
        let lower = stem.lowercased()
        let folded = candidates.filter { entry in
            [entry.fileName.flatMap { ModelReference(name: $0).stem }, entry.name, entry.outputName]
                .contains { $0?.lowercased() == lower }
        }
        return Self.unique(folded)
    }

    /// A command-line reference: a record id, a hash (hex, any algorithm), or a name.
    public func resolve(argument: String, type: PredicateType) -> Entry? {
        if argument.hasPrefix("sha256:"), argument.count == 71 {
            return entries.first { $0.type == type && $0.record.description == argument }
        }
        if let claim = HashClaim(argument, algorithms: [.sha256, .autoV3, .blake3, .autoV1]), argument.count >= 8,
            let match = resolve(ModelReference(hash: claim), type: type)
        {
            return match
        }
        return resolve(ModelReference(name: argument), type: type)
    }

    /// Several records of the same file (re-registrations) count as one.
    static func unique(_ matches: [Entry]) -> Entry? {
        guard let first = matches.first else { return nil }
        return matches.allSatisfy({ $0.hashes.sha256 == first.hashes.sha256 }) ? first : nil
    }

    static func hash(_ algorithm: ModelHashAlgorithm, of entry: Entry) -> String? {
        switch algorithm {
        case .sha256: entry.hashes.sha256
        case .autoV1: entry.hashes.autov1
        case .autoV3: entry.hashes.autov3
        case .blake3: entry.hashes.blake3
        case .nameSHA256: entry.nameSHA256
        case .vendor: nil
        }
    }

    /// An entry from a model or adapter record's statement.
    static func entry(record: RecordID, statement: Statement) -> Entry? {
        switch statement.predicateType {
        case PredicateType.model.rawValue:
            guard let model = try? statement.decodePredicate(as: ModelPredicate.self) else { return nil }
            return Entry(
                record: record,
                type: .model,
                name: model.name,
                fileName: model.fileName,
                outputName: nil,
                hashes: model.hashes,
                nameSHA256: model.fileName.map(nameHash),
                emulates: []
            )
        case PredicateType.adapter.rawValue:
            guard let adapter = try? statement.decodePredicate(as: AdapterPredicate.self) else { return nil }
            let training = adapter.training
            var clues: [Entry.Clue] = []
            func add(_ source: String, _ texts: [String], _ basis: AttributionPredicate.Basis, _ confidence: Double) {
                clues += texts.map { Entry.Clue(source: source, text: $0, basis: basis, confidence: confidence) }
            }
            add("dataset folder", (training?.datasetFolders ?? []).map(\.name), .trainingMetadata, 0.9)
            add("caption tag", (training?.topTags ?? []).map(\.tag), .trainingMetadata, 0.8)
            // A trigger phrase written as prompt text ("by greg rutkowski", "in the style of …")
            // is that: prompt text naming the artist.
            let triggers = adapter.triggerWords ?? []
            let prompts = triggers.filter { Self.isPromptPhrase($0) }
            add("trigger phrase", prompts, .promptText, 0.8)
            add("trigger word", triggers.filter { !Self.isPromptPhrase($0) }, .triggerWord, 0.7)
            add("training output name", [training?.outputName].compactMap { $0 }, .trainingMetadata, 0.6)
            add("ModelSpec title", [training?.title].compactMap { $0 }, .trainingMetadata, 0.6)
            let names = [adapter.name, adapter.fileName.flatMap { ModelReference(name: $0).stem }].compactMap { $0 }
            add("the LoRA's name", names, .platformMetadata, 0.5)
            let texts = [training?.comment, training?.description, adapter.description].compactMap { $0 }
            add("training comment", texts, .trainingMetadata, 0.5)
            var entry = Entry(
                record: record,
                type: .adapter,
                name: adapter.name,
                fileName: adapter.fileName,
                outputName: adapter.training?.outputName,
                hashes: adapter.hashes,
                nameSHA256: adapter.fileName.map(nameHash),
                emulates: adapter.emulates ?? []
            )
            entry.clues = clues
            return entry
        default:
            return nil
        }
    }

    /// Whether a phrase names an artist the way prompts do: "by …", "in the style of …".
    static func isPromptPhrase(_ text: String) -> Bool {
        let words = " " + ArtistName.normalise(text) + " "
        return words.contains(" by ") || words.contains(" style of ") || words.contains(" in the style ")
    }

    static func nameHash(_ fileName: String) -> String {
        SHA256.hash(Array(fileName.utf8)).hex
    }
}
