public import ColophonRecords
import Foundation

extension SafetensorsHeader {
    /// How many caption tags a summary keeps.
    public static let topTagCount = 25

    /// What kohya `ss_*` and ModelSpec `modelspec.*` keys say about how the adapter was made:
    /// names, author, comment, architecture, and the training data's folders and most frequent
    /// caption tags — the fields that name the people or styles it learnt from.
    public var trainingSummary: AdapterPredicate.Training? {
        var training = AdapterPredicate.Training()
        training.outputName = Self.name(value("ss_output_name"))
        training.title = Self.name(value("modelspec.title"))
        training.author = Self.name(value("modelspec.author"))
        training.description = Self.text(value("modelspec.description"))
        training.comment = Self.text(value("ss_training_comment").flatMap { $0 == "None" ? nil : $0 })
        training.license = Self.name(value("modelspec.license"))
        training.architecture = Self.name(value("modelspec.architecture") ?? value("ss_base_model_version"))
        training.networkModule = Self.name(value("ss_network_module"))
        training.networkDim = value("ss_network_dim").flatMap { Double($0) }.flatMap {
            $0.isFinite && $0 >= 0 ? $0 : nil
        }
        training.networkAlpha = value("ss_network_alpha").flatMap { Double($0) }.flatMap {
            $0.isFinite && $0 >= 0 ? $0 : nil
        }
        // Seconds since 1970 within years 1970…9999; anything else is not a time.
        if let finished = value("ss_training_finished_at").flatMap({ Double($0) }), finished.isFinite,
            (0..<253_402_300_800).contains(finished)
        {
            training.trainedAt = Timestamp(Date(timeIntervalSince1970: finished.rounded(.down)))
        } else if let date = value("modelspec.date") {
            training.trainedAt = Timestamp(date)
        }
        training.imageCount = value("ss_num_train_images").flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
        let frequency = tagFrequency
        let folders = datasetFolders(frequency)
        training.datasetFolders = folders.isEmpty ? nil : folders
        let tags = topTags(frequency)
        training.topTags = tags.isEmpty ? nil : tags
        if training.imageCount == nil, !folders.isEmpty {
            let counted = folders.compactMap(\.imageCount)
            if counted.count == folders.count { training.imageCount = counted.reduce(0, Self.saturatingAdd) }
        }
        return training == AdapterPredicate.Training() ? nil : training
    }

    /// Dataset folders from `ss_dataset_dirs`, else `ss_datasets` subsets, else the keys of
    /// `ss_tag_frequency`; kohya's `<repeats>_<name>` convention gives the repeats.
    public var datasetFolders: [AdapterPredicate.DatasetFolder] {
        datasetFolders(tagFrequency)
    }

    func datasetFolders(_ frequency: [(folder: String, tags: [(String, Int)])]) -> [AdapterPredicate.DatasetFolder] {
        var folders: [AdapterPredicate.DatasetFolder] = []
        func add(_ name: String, count: Int?, repeats: Int?) {
            guard folders.count < Self.maxFolders, let name = Self.name(name),
                !folders.contains(where: { $0.name == name })
            else { return }
            let repeats = repeats ?? Self.repeats(inFolder: name)
            folders.append(
                .init(
                    name: name,
                    imageCount: count.flatMap { $0 >= 0 ? $0 : nil },
                    repeats: repeats.flatMap { $0 >= 0 ? $0 : nil }
                )
            )
        }
        if let dirs = value("ss_dataset_dirs").flatMap({ try? LooseJSON.parse($0) })?.members {
            for dir in dirs {
                add(
                    dir.key,
                    count: dir.value["img_count"]?.integerLiteral.flatMap { Int($0) },
                    repeats: dir.value["n_repeats"]?.integerLiteral.flatMap { Int($0) }
                )
            }
        }
        if let datasets = value("ss_datasets").flatMap({ try? LooseJSON.parse($0) })?.array {
            for subset in datasets.flatMap({ $0["subsets"]?.array ?? [] }) {
                guard let dir = subset["image_dir"]?.string else { continue }
                add(
                    dir,
                    count: subset["img_count"]?.integerLiteral.flatMap { Int($0) },
                    repeats: subset["num_repeats"]?.integerLiteral.flatMap { Int($0) }
                )
            }
        }
        for folder in frequency.map(\.folder) { add(folder, count: nil, repeats: nil) }
        return folders
    }

    /// The most frequent caption tags over all folders, most frequent first.
    public var topTags: [AdapterPredicate.TagCount] {
        topTags(tagFrequency)
    }

    func topTags(_ frequency: [(folder: String, tags: [(String, Int)])]) -> [AdapterPredicate.TagCount] {
        var totals: [String: Int] = [:]
        var order: [String] = []
        for (_, tags) in frequency {
            for (tag, count) in tags {
                guard count >= 0, Self.name(tag) == tag else { continue }
                if totals[tag] == nil { order.append(tag) }
                totals[tag] = Self.saturatingAdd(totals[tag] ?? 0, count)
            }
        }
        let ranked = order.enumerated().sorted { lhs, rhs in
            let left = totals[lhs.element] ?? 0
            let right = totals[rhs.element] ?? 0
            return left != right ? left > right : lhs.offset < rhs.offset
        }
        return ranked.prefix(Self.topTagCount).map { .init(tag: $0.element, count: totals[$0.element] ?? 0) }
    }

    /// `ss_tag_frequency` (and the per-subset copies in `ss_datasets`): folder → tag → count.
    var tagFrequency: [(folder: String, tags: [(String, Int)])] {
        var found: [(folder: String, tags: [(String, Int)])] = []
        var seen: Set<String> = []
        func read(_ json: LooseJSON?) {
            for folder in json?.members ?? [] where found.count < Self.maxTagFolders && seen.insert(folder.key).inserted
            {
                let tags = (folder.value.members ?? []).prefix(Self.maxTagsPerFolder).compactMap {
                    tag -> (String, Int)? in
                    guard let count = tag.value.integerLiteral.flatMap({ Int($0) }) else { return nil }
                    return (tag.key.trimmingWhitespace, count)
                }
                found.append((folder.key, tags))
            }
        }
        read(value("ss_tag_frequency").flatMap { try? LooseJSON.parse($0) })
        if let datasets = value("ss_datasets").flatMap({ try? LooseJSON.parse($0) })?.array {
            for dataset in datasets.prefix(Self.maxTagFolders) { read(dataset["tag_frequency"]) }
        }
        return found
    }

    /// Bounds on what a summary reads of hostile tag tables (real ones are far smaller).
    static let maxTagFolders = 1024
    static let maxTagsPerFolder = 100_000

    /// Folders kept in a summary; the header blob keeps them all.
    static let maxFolders = 64

    static func saturatingAdd(_ lhs: Int, _ rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? .max : sum
    }

    /// A value fit for a record's name field: trimmed, 1 to 512 characters, else nil.
    static func name(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace, !value.isEmpty, value.unicodeScalars.count <= 512 else {
            return nil
        }
        return value
    }

    /// Free text cut to 4,096 characters (the header blob keeps the whole).
    static func text(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace, !value.isEmpty else { return nil }
        return String(String.UnicodeScalarView(value.unicodeScalars.prefix(4096)))
    }

    /// `10_inkwash artistname` → 10.
    static func repeats(inFolder name: String) -> Int? {
        guard let underscore = name.firstIndex(of: "_") else { return nil }
        return Int(name[..<underscore])
    }

    /// The trigger words: ModelSpec's phrase, else nothing (kohya has no such key).
    public var triggerWords: [String]? {
        value("modelspec.trigger_phrase").map { phrase in
            Array(phrase.splitASCII(",").compactMap { Self.name($0) }.prefix(64))
        }
    }
}
