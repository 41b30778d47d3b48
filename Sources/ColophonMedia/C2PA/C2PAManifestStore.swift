/// A C2PA manifest store (the `c2pa` superbox): its manifests in order, the active one last.
public struct C2PAManifestStore: Sendable {
    public var manifests: [C2PAManifest]
    /// The store's bytes as found.
    public var bytes: [UInt8]

    /// The largest store read: far beyond any real one (c2pa-rs caps decompressed stores too).
    public static let maximumSize = 64 << 20

    /// Parses a store.
    ///
    /// - Throws: ``MediaError`` `.malformed` / `.tooLarge`.
    public init(bytes: [UInt8]) throws(MediaError) {
        guard bytes.count <= Self.maximumSize else {
            throw MediaError(.tooLarge, "C2PA: a manifest store of \(bytes.count) bytes is over the 64 MiB limit")
        }
        let root = try JUMBFReader().read(bytes)
        guard case .superbox(let description, let children) = root, description.type == JUMBFDescription.manifestStore
        else {
            throw MediaError(.malformed, "C2PA: the outer box is not a manifest store (c2pa)")
        }
        var manifests: [C2PAManifest] = []
        for child in children {
            guard case .superbox(let childDescription, _) = child, childDescription.type == JUMBFDescription.manifest
            else { continue }
            manifests.append(try C2PAManifest(box: child))
        }
        guard !manifests.isEmpty else { throw MediaError(.malformed, "C2PA: the manifest store holds no manifest") }
        self.manifests = manifests
        self.bytes = bytes
    }

    /// The manifest that describes the asset itself.
    public var active: C2PAManifest {
        manifests[manifests.count - 1]
    }
}
