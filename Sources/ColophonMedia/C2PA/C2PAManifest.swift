import ColophonCrypto
public import ColophonRecords

/// One manifest of a store: its label, its assertions, the claim exactly as signed, and the
/// claim signature.
public struct C2PAManifest: Sendable {
    public var label: String
    /// Assertion boxes in store order, by label.
    public var assertions: [(label: String, box: JUMBFBox)]
    /// The claim's CBOR bytes: what the signature signs.
    public var claimBytes: [UInt8]
    public var claim: CBOR
    /// `c2pa.claim.v2`, or the deprecated `c2pa.claim`.
    public var claimLabel: String
    public var signatureBytes: [UInt8]

    /// Reads a `c2ma` superbox.
    ///
    /// - Throws: ``MediaError`` `.malformed` naming the missing or broken part.
    public init(box: JUMBFBox) throws(MediaError) {
        guard case .superbox(let description, let children) = box, description.type == JUMBFDescription.manifest,
            let label = description.label
        else {
            throw MediaError(.malformed, "C2PA: a manifest store child is not a labelled manifest box")
        }
        self.label = label
        var assertions: [(label: String, box: JUMBFBox)] = []
        var claim: (String, [UInt8])?
        var signature: [UInt8]?
        for child in children {
            guard case .superbox(let childDescription, _) = child else { continue }
            switch childDescription.type {
            case JUMBFDescription.assertionStore:
                for assertion in child.children {
                    guard let name = assertion.label else {
                        throw MediaError(.malformed, "C2PA: manifest \(label) has an unlabelled assertion")
                    }
                    // Labels are unique within a store (duplicates get __1, __2…): a second box
                    // under one label could shadow the one the claim hashed.
                    guard !assertions.contains(where: { $0.label == name }) else {
                        throw MediaError(.malformed, "C2PA: manifest \(label) has two assertions labelled \(name)")
                    }
                    assertions.append((name, assertion))
                }
            case JUMBFDescription.claim:
                guard let bytes = child.content("cbor") else {
                    throw MediaError(.malformed, "C2PA: the claim of \(label) has no CBOR content box")
                }
                claim = (childDescription.label ?? "", bytes)
            case JUMBFDescription.claimSignature:
                guard let bytes = child.content("cbor") else {
                    throw MediaError(.malformed, "C2PA: the signature of \(label) has no CBOR content box")
                }
                signature = bytes
            default:
                continue
            }
        }
        guard let claim else { throw MediaError(.malformed, "C2PA: manifest \(label) has no claim") }
        guard let signature else { throw MediaError(.malformed, "C2PA: manifest \(label) has no claim signature") }
        self.assertions = assertions
        claimLabel = claim.0
        claimBytes = claim.1
        signatureBytes = signature
        do {
            self.claim = try CBORDecoder().decode(claim.1)
        } catch {
            throw MediaError(.malformed, "C2PA: the claim of \(label) is not CBOR: \(error)")
        }
    }

    /// The assertion a claim's hashed URI points at (`self#jumbf=c2pa.assertions/LABEL`, or the
    /// absolute form naming this manifest).
    public func assertion(url: String) -> JUMBFBox? {
        let prefixes = ["self#jumbf=c2pa.assertions/", "self#jumbf=/c2pa/\(label)/c2pa.assertions/"]
        for prefix in prefixes where url.hasPrefix(prefix) {
            let name = String(url.dropFirst(prefix.count))
            return assertions.first { $0.label == name }?.box
        }
        return nil
    }

    /// The CBOR content of the assertion labelled `label`.
    public func cbor(_ label: String) -> CBOR? {
        guard let box = assertions.first(where: { $0.label == label })?.box, let bytes = box.content("cbor") else {
            return nil
        }
        return try? CBORDecoder().decode(bytes)
    }

    /// The labels of every assertion of a kind (`c2pa.ingredient.v3`, `c2pa.ingredient.v3__1`…).
    public func labels(of kind: String) -> [String] {
        assertions.map(\.label).filter { $0 == kind || $0.hasPrefix(kind + "__") }
    }

    /// This manifest with only the assertions its claim lists under a matching hash: what its
    /// signature vouches for. Boxes added to the store after signing are dropped (the hard
    /// binding excludes the store itself, so such additions leave it intact).
    public var signedAssertionsOnly: C2PAManifest {
        var copy = self
        let vouched = Set(
            listedAssertions.compactMap { url, hash -> String? in
                guard let box = assertion(url: url), SHA256.hash(box.encodedPayload).bytes == hash else { return nil }
                return box.label
            }
        )
        copy.assertions = assertions.filter { vouched.contains($0.label) }
        return copy
    }

    /// The hashed URIs the claim lists, created first, then gathered.
    public var listedAssertions: [(url: String, hash: [UInt8])] {
        var result: [(url: String, hash: [UInt8])] = []
        for key in ["created_assertions", "gathered_assertions", "assertions"] {
            for item in claim[key]?.arrayValue ?? [] {
                guard let url = item["url"]?.textValue, let hash = item["hash"]?.bytesValue else { continue }
                result.append((url, hash))
            }
        }
        return result
    }
}
