import ColophonCrypto
import ColophonLog
import ColophonRecords
import Foundation
import Testing

/// transparency-dev/merkle's proof corpus: every good case verifies, every bad case is rejected.
@Suite struct MerkleVectorTests {
    @Test func inclusionCorpus() throws {
        let files = try LogVectors.jsonFiles(under: "merkle/testdata/inclusion")
        #expect(files.count >= 98)
        var good = 0
        var bad = 0
        for file in files {
            let vector = try LogVectors.load(file)
            let wantError = vector["wantErr"] as? Bool ?? false
            let outcome: Result<Void, LogError>
            if let leafHash = LogVectors.digest(vector["leafHash"]), let root = LogVectors.digest(vector["root"]),
                let proof = LogVectors.proof(vector["proof"]), let index = LogVectors.size(vector["leafIdx"]),
                let size = LogVectors.size(vector["treeSize"])
            {
                outcome = Result { () throws(LogError) in
                    try MerkleProof.verifyInclusion(
                        leafHash: leafHash,
                        index: index,
                        size: size,
                        proof: proof,
                        root: root
                    )
                }
            } else {
                outcome = .failure(LogError(.invalidProof, "malformed vector input"))
            }
            switch outcome {
            case .success:
                #expect(!wantError, "\(file.path) should have been rejected")
                good += 1
            case .failure:
                #expect(wantError, "\(file.path) should verify")
                bad += 1
            }
        }
        #expect(good > 0 && bad > good)
    }

    @Test func consistencyCorpus() throws {
        let files = try LogVectors.jsonFiles(under: "merkle/testdata/consistency")
        #expect(files.count >= 98)
        for file in files {
            let vector = try LogVectors.load(file)
            let wantError = vector["wantErr"] as? Bool ?? false
            var accepted = false
            let bytes = { (value: Any?) in (value as? String).flatMap { Base64.decode($0) } }
            let proofList = vector["proof"] is NSNull ? [] : (vector["proof"] as? [Any] ?? [])
            let proof = proofList.compactMap(bytes)
            if let root1 = bytes(vector["root1"]), let root2 = bytes(vector["root2"]), proof.count == proofList.count,
                let size1 = LogVectors.size(vector["size1"]), let size2 = LogVectors.size(vector["size2"])
            {
                accepted =
                    (try? MerkleProof.verifyConsistency(
                        size1: size1,
                        size2: size2,
                        root1: root1,
                        root2: root2,
                        proof: proof
                    )) != nil
            }
            #expect(
                accepted == !wantError,
                "\(file.deletingLastPathComponent().lastPathComponent)/\(file.lastPathComponent)"
            )
        }
    }

    /// transparency-dev/merkle testonly: the roots of the first 0…8 leaves of its fixed inputs.
    @Test func referenceRoots() throws {
        let inputs = [
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
        ]
        let roots = [
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ]
        let hasher = MerkleHasher()
        var range = CompactRange()
        #expect(range.root(hasher: hasher).hex == roots[0])
        for (size, input) in inputs.enumerated() {
            _ = range.append(hasher.leafHash(Hex.decode(input)!), hasher: hasher)
            #expect(range.root(hasher: hasher).hex == roots[size + 1])
        }
        #expect(
            RFC6962.leafHash(Array("L123456".utf8)).hex
                == "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"
        )
        #expect(
            RFC6962.nodeHash(
                SHA256Digest(bytes: Array("N123".utf8) + [UInt8](repeating: 0, count: 28))!,
                SHA256Digest(bytes: Array("N456".utf8) + [UInt8](repeating: 0, count: 28))!
            ) != RFC6962.emptyRoot
        )
    }
}
