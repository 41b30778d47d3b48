import ColophonLog
import ColophonRecords
import Foundation
import Testing

/// The subtree proof corpus of transparency-dev/merkle (Merkle Tree Certificates draft).
@Suite struct SubtreeVectorTests {
    static func bytes(_ value: Any?) -> [UInt8]? {
        (value as? String).flatMap { Base64.decode($0) }
    }

    static func proof(_ value: Any?) -> [[UInt8]]? {
        if value == nil || value is NSNull { return [] }
        guard let list = value as? [Any] else { return nil }
        let decoded = list.compactMap(bytes)
        return decoded.count == list.count ? decoded : nil
    }

    @Test func subtreeInclusionCorpus() throws {
        let files = try LogVectors.jsonFiles(under: "merkle/testdata/subtreeinclusion")
        #expect(files.count >= 200)
        for file in files {
            let vector = try LogVectors.load(file)
            var accepted = false
            if let leaf = Self.bytes(vector["leafHash"]), let root = Self.bytes(vector["root"]),
                let proof = Self.proof(vector["proof"]), let index = LogVectors.size(vector["leafIdx"]),
                let start = LogVectors.size(vector["start"]), let end = LogVectors.size(vector["end"])
            {
                accepted =
                    (try? MerkleProof.verifySubtreeInclusion(
                        leafHash: leaf,
                        index: index,
                        start: start,
                        end: end,
                        proof: proof,
                        root: root
                    )) != nil
            }
            #expect(accepted == !(vector["wantErr"] as? Bool ?? false), "\(file.lastPathComponent)")
        }
    }

    @Test func subtreeConsistencyCorpus() throws {
        let files = try LogVectors.jsonFiles(under: "merkle/testdata/subtreeconsistency")
        #expect(files.count >= 100)
        for file in files {
            let vector = try LogVectors.load(file)
            var accepted = false
            if let subtree = Self.bytes(vector["root1"]), let root = Self.bytes(vector["root2"]),
                let proof = Self.proof(vector["proof"]), let start = LogVectors.size(vector["start"]),
                let end = LogVectors.size(vector["end"]), let size = LogVectors.size(vector["size"])
            {
                accepted =
                    (try? MerkleProof.verifySubtreeConsistency(
                        start: start,
                        end: end,
                        size: size,
                        subtreeHash: subtree,
                        root: root,
                        proof: proof
                    )) != nil
            }
            #expect(accepted == !(vector["wantErr"] as? Bool ?? false), "\(file.lastPathComponent)")
        }
    }
}
