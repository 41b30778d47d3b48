/// One subject of an in-toto Statement: a named artifact and its digests (an in-toto
/// ResourceDescriptor).
public struct Subject: Hashable, Sendable {
    /// Expected hex lengths of the digest algorithms the in-toto spec names; other algorithm
    /// names are accepted with any non-empty value.
    static let hexLengths: [String: Int] = [
        "sha224": 56, "sha256": 64, "sha384": 96, "sha512": 128, "sha512_224": 56, "sha512_256": 64, "sha3_224": 56,
        "sha3_256": 64, "sha3_384": 96, "sha3_512": 128, "sha1": 40, "md5": 32, "gitCommit": 40, "gitTree": 40,
        "gitBlob": 40,
    ]

    public var name: String?
    public var uri: String?
    /// Algorithm name to encoded digest, e.g. `"sha256": "<64 lower-case hex>"`.
    public var digest: [String: String]
    /// Other ResourceDescriptor fields (mediaType, annotations, ...), kept as given.
    public var other: [String: JSONValue]

    public init(name: String? = nil, uri: String? = nil, digest: [String: String], other: [String: JSONValue] = [:]) {
        self.name = name
        self.uri = uri
        self.digest = digest
        self.other = other
    }

    /// A subject named `name` with a SHA-256 digest.
    public init(name: String?, sha256 hex: String) {
        self.init(name: name, digest: ["sha256": hex])
    }

    /// The SHA-256 digest, if the subject has one.
    public var sha256: String? { digest["sha256"] }

    init(json: JSONValue, index: Int) throws(RecordError) {
        guard var members = json.objectValue else {
            throw RecordError(.notAStatement, "subject[\(index)] is not an object")
        }
        if let name = members.removeValue(forKey: "name") {
            guard let text = name.stringValue else {
                throw RecordError(.notAStatement, "subject[\(index)].name is not a string")
            }
            self.name = text
        }
        if let uri = members.removeValue(forKey: "uri") {
            guard let text = uri.stringValue else {
                throw RecordError(.notAStatement, "subject[\(index)].uri is not a string")
            }
            self.uri = text
        }
        guard let digests = members.removeValue(forKey: "digest")?.objectValue, !digests.isEmpty else {
            throw RecordError(.notAStatement, "subject[\(index)] needs a non-empty digest object")
        }
        var digest: [String: String] = [:]
        for (algorithm, value) in digests {
            guard let encoded = value.stringValue, !encoded.isEmpty, !algorithm.isEmpty else {
                throw RecordError(.notAStatement, "subject[\(index)].digest.\(algorithm) must be a non-empty string")
            }
            if let length = Self.hexLengths[algorithm] {
                let isLowerHex = encoded.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
                guard encoded.utf8.count == length, isLowerHex else {
                    throw RecordError(
                        .notAStatement,
                        "subject[\(index)].digest.\(algorithm) must be \(length) lower-case hex digits"
                    )
                }
            }
            digest[algorithm] = encoded
        }
        self.digest = digest
        self.other = members
    }

    var json: JSONValue {
        var members = other
        if let name { members["name"] = .string(name) }
        if let uri { members["uri"] = .string(uri) }
        members["digest"] = .object(digest.mapValues { .string($0) })
        return .object(members)
    }
}
