import ColophonCrypto
public import ColophonRecords

/// One manifest of a store: its label, its assertions, the claim exactly as signed, and the
/// claim signature.
public struct C2PAManifest: Sendable {
    public private(set) var label: String
    /// Assertion boxes in store order, by label (labels are unique).
    public private(set) var assertions: [(label: String, box: JUMBFBox)]
    /// The claim's CBOR bytes: what the signature signs.
    public private(set) var claimBytes: [UInt8]
    public private(set) var claim: CBOR
    /// `c2pa.claim.v2`, or the deprecated `c2pa.claim`.
    public private(set) var claimLabel: String
    public private(set) var signatureBytes: [UInt8]
    /// Where each label sits in `assertions`: lookups stay cheap on hostile stores.
    private var positions: [String: Int]

    /// Reads a `c2ma` superbox.
    ///
    /// - Throws: ``MediaError`` `.malformed` naming the missing, doubled or broken part.
    public init(box: JUMBFBox) throws(MediaError) {
        guard case .superbox(let description, let children) = box, description.type == JUMBFDescription.manifest,
            let label = description.label
        else {
            throw MediaError(.malformed, "C2PA: a manifest store child is not a labelled manifest box")
        }
        self.label = label
        var assertions: [(label: String, box: JUMBFBox)] = []
        var positions: [String: Int] = [:]
        var claim: (String, [UInt8])?
        var signature: [UInt8]?
        var sawAssertionStore = false
        for child in children {
            guard case .superbox(let childDescription, _) = child else { continue }
            switch childDescription.type {
            case JUMBFDescription.assertionStore:
                guard !sawAssertionStore else {
                    throw MediaError(.malformed, "C2PA: manifest \(label) has two assertion stores")
                }
                sawAssertionStore = true
                for assertion in child.children {
                    guard let name = assertion.label else {
                        throw MediaError(.malformed, "C2PA: manifest \(label) has an unlabelled assertion")
                    }
                    // Labels are unique within a store (duplicates get __1, __2…): a second box
                    // under one label could shadow the one the claim hashed.
                    guard positions[name] == nil else {
                        throw MediaError(.malformed, "C2PA: manifest \(label) has two assertions labelled \(name)")
                    }
                    positions[name] = assertions.count
                    assertions.append((name, assertion))
                }
            case JUMBFDescription.claim:
                guard claim == nil else { throw MediaError(.malformed, "C2PA: manifest \(label) has two claims") }
                guard let bytes = child.content("cbor") else {
                    throw MediaError(.malformed, "C2PA: the claim of \(label) has no CBOR content box")
                }
                claim = (childDescription.label ?? "", bytes)
            case JUMBFDescription.claimSignature:
                guard signature == nil else {
                    throw MediaError(.malformed, "C2PA: manifest \(label) has two claim signatures")
                }
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
        self.positions = positions
        claimLabel = claim.0
        claimBytes = claim.1
        signatureBytes = signature
        do {
            self.claim = try CBORDecoder().decode(claim.1)
        } catch {
            throw MediaError(.malformed, "C2PA: the claim of \(label) is not CBOR: \(error)")
        }
    }

    /// The label a claim's hashed URI names (`self#jumbf=c2pa.assertions/LABEL`, or the
    /// absolute form naming this manifest).
    public func assertionLabel(url: String) -> String? {
        for prefix in ["self#jumbf=c2pa.assertions/", "self#jumbf=/c2pa/\(label)/c2pa.assertions/"]
        where url.hasPrefix(prefix) {
            return String(url.dropFirst(prefix.count))
        }
        return nil
    }

    /// The assertion a claim's hashed URI points at.
    public func assertion(url: String) -> JUMBFBox? {
        assertionLabel(url: url).flatMap { positions[$0] }.map { assertions[$0].box }
    }

    /// The CBOR content of the assertion labelled `label`.
    public func cbor(_ label: String) -> CBOR? {
        guard let position = positions[label], let bytes = assertions[position].box.content("cbor") else {
            return nil
        }
        return try? CBORDecoder().decode(bytes)
    }

    /// The labels of every assertion of a kind (`c2pa.ingredient.v3`, `c2pa.ingredient.v3__1`…).
    public func labels(of kind: String) -> [String] {
        assertions.map(\.label).filter { $0 == kind || $0.hasPrefix(kind + "__") }
    }

    /// A hashed URI of the claim: where, the digest, and its algorithm (the URI's own `alg`,
    /// else the claim's, else SHA-256).
    public struct Reference: Sendable {
        public var url: String
        public var hash: [UInt8]
        public var algorithm: String
        /// Listed in `created_assertions` (the signer's own) rather than gathered.
        public var created: Bool
    }

    /// The hashed URIs the claim lists, created first, then gathered (v1 claims: `assertions`).
    public var listedAssertions: [Reference] {
        let fallback = claim["alg"]?.textValue ?? "sha256"
        var result: [Reference] = []
        for key in ["created_assertions", "gathered_assertions", "assertions"] {
            for item in claim[key]?.arrayValue ?? [] {
                guard let url = item["url"]?.textValue, let hash = item["hash"]?.bytesValue else { continue }
                let algorithm = item["alg"]?.textValue ?? fallback
                result.append(
                    Reference(url: url, hash: hash, algorithm: algorithm, created: key != "gathered_assertions")
                )
            }
        }
        return result
    }

    /// Whether the listed assertion's box hashes to what the claim says.
    public func matches(_ reference: Reference) -> Bool {
        guard let box = assertion(url: reference.url),
            let digest = MessageDigest.hash(box.encodedPayload, algorithm: reference.algorithm)
        else { return false }
        return digest == reference.hash
    }

    /// This manifest with only the assertions its claim lists under a matching hash: what its
    /// signature vouches for. Boxes added to the store after signing are dropped (the hard
    /// binding excludes the store itself, so such additions leave it intact). Each box is
    /// hashed at most once however often the claim lists it.
    public var signedAssertionsOnly: C2PAManifest {
        var vouched: Set<String> = []
        var checked: Set<String> = []
        for reference in listedAssertions {
            guard let name = assertionLabel(url: reference.url), checked.insert(name).inserted else { continue }
            if matches(reference) { vouched.insert(name) }
        }
        var copy = self
        copy.assertions = assertions.filter { vouched.contains($0.label) }
        copy.positions = Dictionary(
            uniqueKeysWithValues: copy.assertions.enumerated().map { ($0.element.label, $0.offset) }
        )
        return copy
    }
}
