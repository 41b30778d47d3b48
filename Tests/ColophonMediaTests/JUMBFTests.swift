import ColophonCrypto
import ColophonMedia
import ColophonRecords
import Testing

/// JUMBF boxes as C2PA manifest stores use them: written, read back, and refused when hostile.
@Suite struct JUMBFTests {
    static func store() -> JUMBFBox {
        let hashData = JUMBFBox.superbox(
            JUMBFDescription(type: JUMBFDescription.cborAssertion, label: "c2pa.hash.data"),
            [.content(type: "cbor", payload: CBOR.map(["alg": .text("sha256")]).encoded)]
        )
        let assertions = JUMBFBox.superbox(
            JUMBFDescription(type: JUMBFDescription.assertionStore, label: "c2pa.assertions"),
            [hashData]
        )
        let manifest = JUMBFBox.superbox(
            JUMBFDescription(type: JUMBFDescription.manifest, label: "urn:c2pa:00000000-0000-4000-8000-000000000000"),
            [assertions]
        )
        return .superbox(JUMBFDescription(type: JUMBFDescription.manifestStore, label: "c2pa"), [manifest])
    }

    @Test func theStoreHeaderIsTheOneC2PAToolsWrite() {
        // The description box of a manifest store, as the specification digest shows it.
        let expected = "0000001e6a756d6463327061001100108000" + "00aa00389b71036332706100"
        #expect(Hex.encode(JUMBFDescription(type: JUMBFDescription.manifestStore, label: "c2pa").encoded) == expected)
        let bytes = Self.store().encoded
        #expect(Array(bytes[4..<8]) == Array("jumb".utf8))
        #expect(Int(bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }) == bytes.count)
    }

    @Test func storesRoundTripAndFindByPath() throws {
        let store = Self.store()
        let read = try JUMBFReader().read(store.encoded)
        #expect(read == store)
        let manifest = try #require(read.children.first)
        let hashData = try #require(manifest.find("c2pa.assertions/c2pa.hash.data"))
        #expect(try CBORDecoder().decode(#require(hashData.content("cbor")))["alg"] == .text("sha256"))
        #expect(manifest.find("c2pa.assertions/nothing") == nil)
        // What a hashed URI hashes: the superbox without its 8-byte header.
        #expect(hashData.encodedPayload == Array(hashData.encoded.dropFirst(8)))
    }

    @Test func saltsAndIdsSurvive() throws {
        let salted = JUMBFBox.superbox(
            JUMBFDescription(
                type: JUMBFDescription.cborAssertion,
                label: "c2pa.actions.v2",
                id: 7,
                signature: [UInt8](repeating: 0xAB, count: 32),
                privateBox: .content(type: "c2sh", payload: [UInt8](repeating: 1, count: 16))
            ),
            [.content(type: "cbor", payload: [0xA0])]
        )
        let store = JUMBFBox.superbox(JUMBFDescription(type: JUMBFDescription.manifestStore, label: "c2pa"), [salted])
        #expect(try JUMBFReader().read(store.encoded) == store)
    }

    @Test func hostileBoxesAreRefused() {
        let good = Self.store().encoded
        var cases: [(String, [UInt8])] = [
            ("empty", []),
            ("truncated header", Array(good.prefix(5))),
            ("truncated store", Array(good.dropLast(3))),
            ("length past the end", [0xFF, 0xFF, 0xFF, 0xFF] + Array(good.dropFirst(4))),
            ("length below the header", [0, 0, 0, 4] + Array(good.dropFirst(4))),
            ("a content box, not a superbox", [0, 0, 0, 9] + Array("cbor".utf8) + [0xA0]),
            ("two boxes", good + good),
            ("superbox without jumd", [0, 0, 0, 17] + Array("jumb".utf8) + [0, 0, 0, 9] + Array("cbor".utf8) + [0]),
            ("extended length too long", [0, 0, 0, 1] + Array("jumb".utf8) + [0xFF, 0, 0, 0, 0, 0, 0, 0]),
        ]
        // A label without its terminating NUL, and one with a forbidden character.
        var unterminated = JUMBFDescription(type: JUMBFDescription.manifestStore, label: "c2pa").encoded
        unterminated.removeLast()
        unterminated[3] -= 1
        cases.append(("unterminated label", JUMBFBox.header("jumb", payloadCount: unterminated.count) + unterminated))
        let slash = JUMBFBox.superbox(JUMBFDescription(type: JUMBFDescription.manifestStore, label: "c2pa/x"), [])
            .encoded
        cases.append(("label with a slash", slash))
        // Superboxes nested 40 deep.
        var deep = JUMBFBox.superbox(JUMBFDescription(type: JUMBFDescription.manifest, label: "leaf"), [])
        for _ in 0..<40 { deep = .superbox(JUMBFDescription(type: JUMBFDescription.manifest, label: "n"), [deep]) }
        cases.append(("too deep", deep.encoded))
        for (name, bytes) in cases {
            #expect(throws: MediaError.self, "\(name)") { try JUMBFReader().read(bytes) }
        }
    }
}
