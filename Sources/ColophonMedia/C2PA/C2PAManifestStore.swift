/// A C2PA manifest store (the `c2pa` superbox): its manifests in order, the active one last.
public struct C2PAManifestStore: Sendable {
    public private(set) var manifests: [C2PAManifest]
    /// The store's bytes as found.
    public private(set) var bytes: [UInt8]

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
            guard case .superbox(let childDescription, _) = child else { continue }
            switch childDescription.type {
            case JUMBFDescription.manifest:
                manifests.append(try C2PAManifest(box: child))
            case JUMBFDescription.updateManifest, JUMBFDescription.compressedManifest:
                // Skipping one would make an earlier manifest look like the active one.
                throw MediaError(
                    .unsupported,
                    "C2PA: the store holds an update or compressed manifest, which Colophon does not read"
                )
            default:
                continue
            }
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
