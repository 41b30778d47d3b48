/// A JUMBF description box (`jumd`): the superbox's type UUID, its toggles and label, and the
/// optional id, signature and private box (C2PA's salt, `c2sh`).
public struct JUMBFDescription: Hashable, Sendable {
    /// The 16-byte type UUID.
    public var type: [UInt8]
    public var label: String?
    public var id: UInt32?
    public var signature: [UInt8]?
    /// A private box, such as a C2PA salt (`c2sh`).
    public var privateBox: JUMBFBox?
    /// Whether the box may be requested (toggle 0x01); C2PA requires it.
    public var requestable: Bool

    public init(
        type: [UInt8],
        label: String?,
        id: UInt32? = nil,
        signature: [UInt8]? = nil,
        privateBox: JUMBFBox? = nil,
        requestable: Bool = true
    ) {
        self.type = type
        self.label = label
        self.id = id
        self.signature = signature
        self.privateBox = privateBox
        self.requestable = requestable
    }

    /// The toggles byte these fields imply.
    public var toggles: UInt8 {
        var toggles: UInt8 = requestable ? 0x01 : 0
        if label != nil { toggles |= 0x02 }
        if id != nil { toggles |= 0x04 }
        if signature != nil { toggles |= 0x08 }
        if privateBox != nil { toggles |= 0x10 }
        return toggles
    }

    /// C2PA's superbox type UUIDs: four ASCII letters, then 0011 0010 8000 00AA00389B71.
    public static func c2paType(_ code: String) -> [UInt8] {
        Array(code.utf8.prefix(4)) + [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
    }

    public static let manifestStore = c2paType("c2pa")
    public static let manifest = c2paType("c2ma")
    public static let updateManifest = c2paType("c2um")
    public static let compressedManifest = c2paType("c2cm")
    public static let assertionStore = c2paType("c2as")
    public static let claim = c2paType("c2cl")
    public static let claimSignature = c2paType("c2cs")
    public static let cborAssertion = c2paType("cbor")
    public static let jsonAssertion = c2paType("json")
    /// The embedded-file type (thumbnails, embedded data).
    public static let embeddedFile: [UInt8] = [
        0x40, 0xCB, 0x0C, 0x32, 0xBB, 0x8A, 0x48, 0x9D, 0xA7, 0x0B, 0x2A, 0xD6, 0xF4, 0x7F, 0x43, 0x69,
    ]
}
