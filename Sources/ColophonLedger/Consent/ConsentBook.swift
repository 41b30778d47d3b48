public import ColophonRecords
public import Foundation

/// The artists' declarations in force and the links from adapters to artists: what flag
/// evaluation matches an image's ancestry against.
public struct ConsentBook: Sendable {
    /// One declaration in force: the latest an artist's signer made for that name.
    public struct Declaration: Sendable {
        public var record: RecordID
        public var index: UInt64
        public var integratedAt: Date
        /// The signing key's name, and its role.
        public var signer: String
        public var signerRole: String
        public var predicate: ConsentPredicate
        /// The name and every alias.
        public var names: [ArtistName]
        /// Earlier declarations by the same signer for the same name, now superseded.
        public var supersedes: [RecordID]

        /// The artist's answer for a scope, if the declaration covers it. A declaration about
        /// training in general covers generative and other training too.
        public func status(for scope: ConsentPredicate.Scope) -> ConsentPredicate.Declaration? {
            if let exact = predicate.declarations.first(where: { $0.scope == scope }) { return exact }
            if scope == .trainingGenerative || scope == .trainingOther {
                return predicate.declarations.first { $0.scope == .training }
            }
            return nil
        }

        /// From when the declaration applies: its stated effective date, else when it was logged.
        public var effectiveFrom: Date {
            predicate.effectiveFrom?.date ?? integratedAt
        }
    }

    public private(set) var declarations: [Declaration]
    /// Links stated by `attribution` records.
    public private(set) var recorded: [AdapterAttribution]

    public init(declarations: [Declaration] = [], recorded: [AdapterAttribution] = []) {
        self.declarations = declarations
        self.recorded = recorded
    }

    /// The declarations in force about an artist known by any of these spellings.
    public func declarations(naming text: String) -> [Declaration] {
        guard let wanted = ArtistName(text) else { return [] }
        return declarations.filter { $0.names.contains(wanted) }
    }

    /// Every link from this adapter to the artist of `declaration`: the recorded ones first,
    /// then what the adapter's own record says (declared emulation, training metadata), each
    /// basis once.
    public func attributions(
        of entry: ModelCatalog.Entry,
        to declaration: Declaration
    ) -> [AdapterAttribution] {
        var links = recorded.filter { link in
            link.adapter == entry.record && ArtistName(link.artist).map(declaration.names.contains) == true
        }
        for own in entry.attributions(to: declaration.names, artist: declaration.predicate.artist.name)
        where !links.contains(where: { $0.basis == own.basis }) {
            links.append(own)
        }
        return links
    }

    /// Every link from a registered adapter to the artist named `text` (or to any alias a
    /// declaration gives them): recorded links, then what each adapter's own record says.
    public func attributions(artist text: String, catalog: ModelCatalog) -> [AdapterAttribution] {
        guard let wanted = ArtistName(text) else { return [] }
        var names = [wanted]
        for name in declarations(naming: text).flatMap(\.names) where !names.contains(name) { names.append(name) }
        var links = recorded.filter { ArtistName($0.artist).map(names.contains) == true }
        for entry in catalog.entries where entry.type == .adapter {
            for own in entry.attributions(to: names, artist: text)
            where !links.contains(where: { $0.adapter == own.adapter && $0.basis == own.basis }) {
                links.append(own)
            }
        }
        return links
    }
}
