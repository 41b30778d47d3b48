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
        /// What the training metadata says in words: dataset folders, top caption tags, output
        /// name, title, comment and trigger words (for finding LoRAs by the artist they name).
        public var trainingTerms: [String] = []

        /// How this adapter relates to an artist's name: declared (`--emulates`), or named in
        /// its training metadata; nil when neither.
        public func basis(forArtist artist: String) -> String? {
            let wanted = Self.words(artist)
            guard !wanted.isEmpty else { return nil }
            if emulates.contains(where: { Self.words($0) == wanted }) { return "declared" }
            // Whole words only: "art" does not name "artistname".
            if trainingTerms.contains(where: { (" " + Self.words($0) + " ").contains(" " + wanted + " ") }) {
                return "training metadata"
            }
            return nil
        }

        /// Lower-case words joined by single spaces, with kohya's `10_` repeat prefixes and
        /// punctuation dropped: "10_Greg-Rutkowski" and "greg rutkowski" compare equal.
        public static func words(_ text: String) -> String {
            var cleaned = text.lowercased()
            if let underscore = cleaned.firstIndex(of: "_"), Int(cleaned[..<underscore]) != nil {
                cleaned = String(cleaned[cleaned.index(after: underscore)...])
            }
            let separated = cleaned.map { $0.isLetter || $0.isNumber ? $0 : " " }
            return String(separated).split(separator: " ").joined(separator: " ")
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
            var terms = (training?.datasetFolders ?? []).map(\.name) + (training?.topTags ?? []).map(\.tag)
            terms += [training?.outputName, training?.title, training?.comment, training?.description].compactMap { $0 }
            terms += adapter.triggerWords ?? []
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
            entry.trainingTerms = terms
            return entry
        default:
            return nil
        }
    }

    static func nameHash(_ fileName: String) -> String {
        SHA256.hash(Array(fileName.utf8)).hex
    }
}
