import ColophonMedia
import ColophonRecords
import Foundation

/// The state of one flag evaluation: the declarations and links it matches against, and the
/// findings so far, each reported once.
struct ConsentWalk {
    let book: ConsentBook
    let catalog: ModelCatalog
    let madeAt: Date
    private(set) var findings: [ConsentFinding] = []
    private var seen: Set<String> = []

    init(book: ConsentBook, catalog: ModelCatalog, madeAt: Date) {
        self.book = book
        self.catalog = catalog
        self.madeAt = madeAt
    }

    /// What an adapter trained on an artist's work touches.
    static let adapterScopes: [ConsentPredicate.Scope] = [.styleEmulation, .training, .trainingGenerative]
    /// What a model trained on an artist's work touches.
    static let modelScopes: [ConsentPredicate.Scope] = [.training, .trainingGenerative]
    /// What naming an artist in a prompt touches.
    static let promptScopes: [ConsentPredicate.Scope] = [.styleEmulation, .nameInPrompt]

    mutating func match(_ generation: GenerationPredicate, path: [String]) {
        for declaration in book.declarations {
            for use in generation.adapters ?? [] {
                matchAdapter(use, declaration: declaration, path: path)
            }
            if let model = generation.model, let id = model.record.flatMap(RecordID.init) {
                let step = "base model '\(model.name ?? id.short)'"
                for link in book.recorded where link.adapter == id {
                    guard ArtistName(link.artist).map(declaration.names.contains) == true else { continue }
                    add(declaration, Self.modelScopes, path + [step, link.evidence], link)
                }
            }
            if let prompt = generation.prompt?.clearText {
                let words = Self.withoutTags(prompt)
                if let name = declaration.names.first(where: { $0.isNamed(in: words) }) {
                    let step = "the prompt names '\(name)'"
                    add(declaration, Self.promptScopes, path + [step], "prompt_text", 0.8, "inferred")
                }
            }
        }
    }

    private mutating func matchAdapter(
        _ use: GenerationPredicate.AdapterUse,
        declaration: ConsentBook.Declaration,
        path: [String]
    ) {
        let step = "LoRA '\(use.name)'" + (use.weight.map { " at weight \($0)" } ?? "")
        let entry =
            use.record.flatMap(RecordID.init).flatMap { id in catalog.entries.first { $0.record == id } }
            ?? catalog.resolve(argument: use.hash ?? use.name, type: .adapter)
        guard let entry else {
            // Not registered: only its name can tell.
            if let name = declaration.names.first(where: { $0.isNamed(in: use.name) }) {
                let evidence = "the unregistered LoRA's name names '\(name)'"
                add(declaration, Self.adapterScopes, path + [step, evidence], "adapter_name", 0.5, "inferred")
            }
            return
        }
        // One finding per LoRA: the strongest link, with the other bases named.
        let links = book.attributions(of: entry, to: declaration).sorted { $0.confidence > $1.confidence }
        guard let link = links.first else { return }
        var evidence = link.evidence + (link.record.map { " (attribution \($0.short))" } ?? "")
        let others = links.dropFirst().map(\.basis.rawValue)
        if !others.isEmpty { evidence += "; also \(others.joined(separator: ", "))" }
        add(declaration, Self.adapterScopes, path + [step, evidence], link)
    }

    /// An input image the artist listed among their works.
    mutating func matchDeclaredWork(_ sha256: String, path: [String]) {
        for declaration in book.declarations where declaration.predicate.worksCovered?.sha256?.contains(sha256) == true
        {
            add(
                declaration,
                [.inferenceInput, .styleEmulation],
                path + ["one of \(declaration.predicate.artist.name)'s declared works"],
                "declared_work",
                1,
                "hash-matched"
            )
        }
    }

    private mutating func add(
        _ declaration: ConsentBook.Declaration,
        _ scopes: [ConsentPredicate.Scope],
        _ path: [String],
        _ link: AdapterAttribution
    ) {
        add(declaration, scopes, path, link.basis.rawValue, link.confidence, link.evidenceStrength)
    }

    private mutating func add(
        _ declaration: ConsentBook.Declaration,
        _ scopes: [ConsentPredicate.Scope],
        _ path: [String],
        _ basis: String,
        _ confidence: Double,
        _ strength: String
    ) {
        for scope in scopes {
            guard let answer = declaration.status(for: scope) else { continue }
            let kind: ConsentFinding.Kind =
                switch answer.status {
                case .refused: .conflict
                case .conditional: .conditional
                case .granted: .consented
                }
            let key = [declaration.record.description, scope.rawValue] + path
            guard seen.insert(key.joined(separator: "\u{1F}")).inserted else { continue }
            findings.append(
                ConsentFinding(
                    kind: kind,
                    artist: declaration.predicate.artist.name,
                    scope: scope,
                    declaration: declaration.record,
                    declaredBy: declaration.signer,
                    path: path,
                    basis: basis,
                    evidenceStrength: strength,
                    confidence: confidence,
                    madeBeforeDeclaration: madeAt < declaration.effectiveFrom,
                    terms: answer.terms ?? answer.termsUrl
                )
            )
        }
    }

    /// The prompt without `<lora:…>`-style tags: a LoRA is judged by its record, not by the
    /// file name typed into the prompt.
    static func withoutTags(_ prompt: String) -> String {
        var result = ""
        var rest = Substring(prompt)
        // A `<` with no `>` after it is text ("<3, by Greg Rutkowski"), not a tag.
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            result += rest[..<open]
            result += " "
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
